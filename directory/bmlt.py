"""BMLT (the Basic Meeting List Toolbox, NA's meeting servers): import search results as groups.

Reads ``client_interface/json/?switcher=GetSearchResults`` in both shapes a server answers: a
plain list of meetings, or ``{"meetings": [...], "formats": [...]}`` (with
``get_used_formats``). ``id_bigint`` is the key, ``weekday_tinyint`` 1-7 with Sunday = 1,
``start_time`` / ``duration_time`` as ``HH:MM:SS``, ``venue_type`` 1 in person, 2 virtual,
3 hybrid. Format keys are each server's own and differ by language (Portuguese ``M`` is women,
Swedish ``S`` closed), so they are translated through the formats list's ``world_id`` (the
NA World Services code: OPEN, CLOSED, BEG, W, M, GL, Y, WCHR, LANG, VM, HY, TC ...); a key
without one is kept as ``bmlt:KEY``. Without a formats list the keys are read as NAWS's
English keys, and the report says so. Service bodies (``GetServiceBodies``) become regions.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from sqlmodel import Session

from directory import crud
from directory.importing import (
    FeedContext,
    GroupRecord,
    ImportReport,
    RowError,
    RowProblem,
    apply_records,
    check_record,
    collect,
    dominant,
    fill_place,
    read_float,
    read_phone,
    read_text,
    read_time,
    read_timezone,
    read_url,
    soft,
)
from directory.meeting_guide import country_code
from directory.models import GroupFormat, MeetingCreate
from directory.wording import LANGUAGE_NAMES

DEFAULT_SOURCE = "bmlt"
DEFAULT_FELLOWSHIP = "Narcotics Anonymous"
Meaning = tuple[str, Any]

# NA World Services format codes (a format's world_id) -> group field and value
WORLD: dict[str, Meaning] = {
    "OPEN": ("open_meeting", True),
    "CLOSED": ("open_meeting", False),
    "BEG": ("audience", "newcomers"),
    "W": ("audience", "women"),
    "M": ("audience", "men"),
    "GL": ("audience", "lgbtq"),
    "Y": ("audience", "young_adults"),
    "WCHR": ("accessibility", "wheelchair"),
}
VENUE_WORLD = {"VM": "online", "HY": "hybrid", "TC": "closed"}
# NAWS's English keys, used only when a server sends no formats list
ENGLISH_KEYS: dict[str, str] = {
    "O": "OPEN", "C": "CLOSED", "B": "BEG", "W": "W", "M": "M", "GL": "GL", "YP": "Y",
    "WC": "WCHR", "VM": "VM", "HY": "HY", "TC": "TC", "ES": "LANG", "SP": "LANG",
}  # fmt: skip
VENUES = {"1": GroupFormat.in_person.value, "2": GroupFormat.online.value}
VENUES["3"] = GroupFormat.hybrid.value


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().strip().lower()


# A language format's name or key -> ISO 639-1 (English names, and names in the language itself)
LANGUAGE_WORDS: dict[str, str] = {_fold(name): code for code, name in LANGUAGE_NAMES.items()}
LANGUAGE_WORDS |= {
    "espanol": "es", "spanish speaking": "es", "castellano": "es", "francais": "fr",
    "deutsch": "de", "portugues": "pt", "italiano": "it", "svenska": "sv", "polski": "pl",
    "russkii": "ru", "nederlands": "nl", "english": "en", "bi-lingual": "",
    "es": "es", "sp": "es", "fr": "fr", "de": "de", "pt": "pt", "it": "it", "sv": "sv",
    "pl": "pl", "ru": "ru", "en": "en", "nl": "nl", "asl": "asl", "sl": "asl",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Format:
    """One of a server's formats: its key, NAWS world id and name."""

    key: str
    world_id: str
    name: str


def read_formats(raw: Any) -> dict[str, Format]:
    """A server's formats list (GetFormats, or the ``formats`` of a search) by key and by id."""
    formats: dict[str, Format] = {}
    for item in raw if isinstance(raw, list) else []:
        if not isinstance(item, dict) or not isinstance(item.get("key_string"), str):
            continue
        found = Format(
            item["key_string"].strip(),
            str(item.get("world_id") or "").strip().upper(),
            str(item.get("name_string") or "").strip(),
        )
        formats[found.key] = found
        if item.get("id") not in (None, ""):
            formats[f"#{item['id']}"] = found
    return formats


def read_service_bodies(raw: Any) -> dict[str, list[str]]:
    """Service body id -> its names from the region down (``GetServiceBodies``)."""
    bodies = {
        str(b.get("id")): b
        for b in (raw if isinstance(raw, list) else [])
        if isinstance(b, dict) and b.get("id") is not None
    }
    paths: dict[str, list[str]] = {}
    for key in bodies:
        path: list[str] = []
        seen: set[str] = set()
        current: str | None = key
        while current in bodies and current not in seen:
            seen.add(current)
            path.insert(0, str(bodies[current].get("name") or "").strip()[:120])
            current = str(bodies[current].get("parent_id") or "")
        paths[key] = [p for p in path if p]
    return paths


def _weekday(value: Any) -> int:
    try:
        number = int(str(value).strip())
    except ValueError:
        raise RowProblem("weekday_tinyint", f"{value!r} is not a day (1-7, Sunday = 1)") from None
    if not 1 <= number <= 7:
        raise RowProblem("weekday_tinyint", f"{value!r} is not a day (1-7, Sunday = 1)")
    return (number - 2) % 7  # Sunday = 1 -> 6, Monday = 2 -> 0


def _end(start: time, duration: Any) -> time | None:
    text = read_text(duration, "duration_time")
    if not text:
        return None
    length = read_time(text, "duration_time")
    if length == time(0, 0):
        return None
    end = datetime.combine(datetime(2000, 1, 1), start) + timedelta(
        hours=length.hour, minutes=length.minute
    )
    return end.time()


def _language(fmt: Format) -> str | None:
    for word in (fmt.name, fmt.key):
        code = LANGUAGE_WORDS.get(_fold(word))
        if code is not None:
            return code or None
    return None


def _formats(
    raw: dict[str, Any], fields: dict[str, Any], formats: dict[str, Format] | None
) -> set[str]:
    """Set the fields a meeting's formats stand for; return the venue words (VM, HY, TC)."""
    keys = [k.strip() for k in str(raw.get("formats") or "").split(",") if k.strip()]
    ids = [f"#{i.strip()}" for i in str(raw.get("format_shared_id_list") or "").split(",")]
    venue: set[str] = set()
    found: list[Format] = []
    if formats:
        by_id = [formats[i] for i in ids if i in formats]
        found = by_id or [formats.get(k) or Format(k, "", "") for k in keys]
    else:
        found = [Format(k, ENGLISH_KEYS.get(k.upper(), ""), k) for k in keys]
    for fmt in found:
        if fmt.world_id in VENUE_WORLD:
            venue.add(VENUE_WORLD[fmt.world_id])
            continue
        meaning = WORLD.get(fmt.world_id)
        language = _language(fmt) if fmt.world_id == "LANG" or _fold(fmt.name) == "asl" else None
        if language == "asl":
            meaning = ("accessibility", "asl")
        elif language:
            meaning = ("languages", language)
        if meaning is None:
            fields["other_types"].append(f"bmlt:{fmt.key}"[:32])
        elif meaning[0] in ("audience", "accessibility", "languages"):
            fields[meaning[0]].append(meaning[1])
        else:
            fields[meaning[0]] = meaning[1]
    for key in ("audience", "accessibility", "languages", "other_types"):
        fields[key] = sorted(set(fields[key]))
    return venue


def read_meeting(
    number: int,
    raw: Any,
    context: FeedContext | None = None,
    formats: dict[str, Format] | None = None,
    bodies: dict[str, list[str]] | None = None,
) -> GroupRecord | None:
    """One BMLT meeting as a checked record; RowProblem (the row is skipped) names the field."""
    if not isinstance(raw, dict):
        raise RowProblem("entry", "each meeting must be a JSON object")
    if str(raw.get("published", "1")).strip() in ("0", "false", "False"):
        raise RowProblem("published", "not published by the server")
    warnings: list[RowProblem] = []
    key = read_text(raw.get("id_bigint"), "id_bigint", required=True, limit=200) or ""
    start = read_time(raw.get("start_time"), "start_time")
    weekday = _weekday(raw.get("weekday_tinyint"))
    end = soft(warnings, lambda: _end(start, raw.get("duration_time")))
    phone, phone_words = read_phone(raw.get("phone_meeting_number"), "phone_meeting_number")

    def text(name: str, limit: int) -> str | None:
        return soft(warnings, lambda: read_text(raw.get(name), name, limit=limit))

    fields: dict[str, Any] = {
        "name": read_text(raw.get("meeting_name"), "meeting_name", required=True, limit=200),
        "location_name": text("location_text", 200),
        "street": text("location_street", 200),
        "city": text("location_municipality", 120),
        "state": text("location_province", 120),
        "postal_code": text("location_postal_code_1", 20),
        "country": country_code(text("location_nation", 60)),
        "latitude": soft(warnings, lambda: read_float(raw.get("latitude"), "latitude", -90, 90)),
        "longitude": soft(
            warnings, lambda: read_float(raw.get("longitude"), "longitude", -180, 180)
        ),
        "conference_url": soft(
            warnings, lambda: read_url(raw.get("virtual_meeting_link"), "virtual_meeting_link")
        ),
        "conference_phone": phone,
        "timezone": soft(warnings, lambda: read_timezone(raw.get("time_zone"), "time_zone")),
        "notes": text("comments", 4000) or "",
        "audience": [], "languages": [], "accessibility": [], "other_types": [],
        "open_meeting": None, "secular": False, "dual_diagnosis": False,
        "medication_friendly": False, "last_verified": None, "is_sample": False,
        "approximate": False, "temporarily_closed": False, "feed_extras": {},
        "regions": list((bodies or {}).get(str(raw.get("service_body_bigint") or ""), [])),
    }  # fmt: skip
    extras = fields["feed_extras"]
    for source_key, extra_key in (
        ("location_info", "location_notes"),
        ("virtual_meeting_additional_info", "conference_url_notes"),
    ):
        value = text(source_key, 4000)
        if value:
            extras[extra_key] = value
    if phone_words:
        extras["conference_phone_notes"] = phone_words
    if fields["latitude"] == 0 and fields["longitude"] == 0:
        fields["latitude"] = fields["longitude"] = None  # BMLT's "no coordinates"
    venue_words = _formats(raw, fields, formats)
    online = bool(fields["conference_url"] or fields["conference_phone"])
    has_place = bool(fields["street"] or fields["city"] or fields["latitude"] is not None)
    venue = str(raw.get("venue_type") or "").strip()
    if venue and venue not in VENUES:
        warnings.append(RowProblem("venue_type", f"{venue!r} is not 1, 2 or 3"))
        venue = ""
    kind = VENUES.get(venue) or (
        "online" if "online" in venue_words else "hybrid" if "hybrid" in venue_words else ""
    )
    if not kind:
        kind = ("hybrid" if has_place else "online") if online else "in_person"
    closed_room = (
        "closed" in venue_words
        or bool(raw.get("temporarilyVirtual"))
        or bool(str(raw.get("temporarily_virtual") or "").strip() in ("1", "true", "True"))
    )
    if closed_room and kind != GroupFormat.online:
        kind = GroupFormat.online.value if online else kind
        fields["temporarily_closed"] = not online
    if kind in ("online", "hybrid") and not online:
        warnings.append(RowProblem("virtual_meeting_link", f"{kind}, but no link to join"))
        kind = GroupFormat.in_person.value
        fields["temporarily_closed"] = not has_place
    fields["format"] = kind
    if kind == GroupFormat.online and not fields["temporarily_closed"]:
        fields["latitude"] = fields["longitude"] = None
    fill_place(fields, context)
    meeting = MeetingCreate(weekday=weekday, start=start, end=end, source_id=key)
    record = GroupRecord(row=number, source_id=key, fields=fields, meetings=[meeting])
    record.warnings = warnings
    check_record(record)
    return record


def _load(data: Any, report: ImportReport) -> tuple[list[Any], Any] | None:
    if isinstance(data, bytes | str):
        try:
            data = json.loads(data)
        except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
            report.errors.append(RowError(0, "file", "not valid JSON"))
            return None
    if isinstance(data, dict) and isinstance(data.get("meetings"), list):
        return data["meetings"], data.get("formats")
    if isinstance(data, list):
        return data, None
    report.errors.append(RowError(0, "file", "BMLT search results are a JSON list of meetings"))
    return None


def import_bmlt(
    session: Session,
    data: Any,
    *,
    fellowship: str | None = None,
    source: str = DEFAULT_SOURCE,
    dry_run: bool = False,
    now: datetime | None = None,
    default_timezone: str | None = None,
    formats: Any = None,
    service_bodies: Any = None,
    strict: bool = False,
    archive_guard: float | None = None,
) -> ImportReport:
    """Import BMLT search results (NA unless the source says another fellowship).

    ``default_timezone`` is used for meetings without ``time_zone`` (a server's own default);
    ``formats`` (GetFormats) translates keys when the results carry no formats list;
    ``service_bodies`` (GetServiceBodies) names each meeting's region.
    """
    report = ImportReport(source=source, dry_run=dry_run, strict=strict)
    loaded = _load(data, report)
    if loaded is None:
        return report
    meetings, sent_formats = loaded
    known = read_formats(sent_formats if sent_formats is not None else formats) or None
    if known is None and any(isinstance(m, dict) and m.get("formats") for m in meetings):
        reason = "no formats list was sent, so format keys were read as NAWS's English keys"
        report.warnings.append(RowError(0, "formats", reason))
    bodies = read_service_bodies(service_bodies)
    rows = [m for m in meetings if isinstance(m, dict)]
    context = FeedContext(
        country=dominant(country_code(str(m.get("location_nation") or "")) for m in rows),
        region=dominant(str(m.get("location_province") or "") for m in rows),
        timezone=dominant(
            str(m.get("time_zone") or "") for m in rows if _known_zone(m.get("time_zone"))
        ),
        default_timezone=default_timezone,
    )

    def read(number: int, raw: Any) -> GroupRecord | None:
        return read_meeting(number, raw, context, known, bodies)

    records = collect(list(enumerate(meetings, start=1)), read, report)
    seen: dict[str, int] = {}
    unique: list[GroupRecord] = []
    for record in records:
        if record.source_id in seen:
            reason = f"{record.source_id!r} is also on row {seen[record.source_id]}"
            problem = RowError(record.row, "id_bigint", reason)
            (report.errors if strict else report.skipped).append(problem)
            continue
        seen[record.source_id] = record.row
        unique.append(record)
    return apply_records(
        session,
        unique,
        report,
        fellowship=fellowship or DEFAULT_FELLOWSHIP,
        now=now,
        archive_guard=archive_guard,
    )


def _known_zone(value: Any) -> bool:
    try:
        return bool(value) and bool(crud.check_timezone(str(value)))
    except crud.DirectoryError:
        return False


def looks_like_bmlt(data: bytes) -> bool:
    """True when a JSON file is BMLT search results, in either shape (for picking the importer)."""
    try:
        parsed = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
        return False
    if isinstance(parsed, dict) and isinstance(parsed.get("meetings"), list):
        parsed = parsed["meetings"]
    return (
        isinstance(parsed, list)
        and bool(parsed)
        and isinstance(parsed[0], dict)
        and ("weekday_tinyint" in parsed[0] or "id_bigint" in parsed[0])
    )
