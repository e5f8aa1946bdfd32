"""Meeting Guide JSON feeds (the code4recovery spec, as 12 Step Meeting List and TSML UI publish).

One feed entry is one meeting: ``slug`` is its key, ``day`` (0-6, Sunday = 0, or a list) and
``time`` / ``end_time`` its weekly times. ``attendance_option`` (in_person, hybrid, online,
inactive) and ``approximate`` say whether there is a door to go to and a link to join; without
them they are worked out as 12 Step Meeting List does (a link makes it online, an approximate
address is no door, ``TC`` closes the room). ``types`` are read through the spec's list, kept
as data (``directory.meeting_guide_types``). Entries of one group (the same ``group``, TSML's
``slug-2`` entries, or the same name and place) with the same details become one group with
several meetings; entries of one group that differ share a ``group_key`` so a person is never
offered the same group twice. Every other field of the spec is kept and written back.
firststep's own extras (fellowship, extra concern codes, medication friendliness, other
rhythms) travel in a ``firststep`` object other readers ignore.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from functools import partial
from typing import Any

from pydantic import ValidationError
from sqlmodel import Session, col, select

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
    drain,
    fill_place,
    read_date,
    read_float,
    read_phone,
    read_text,
    read_time,
    read_timezone,
    read_url,
    soft,
)
from directory.meeting_guide_types import read_codes, write_codes
from directory.models import Fellowship, Freq, Group, GroupConcern, Meeting, MeetingCreate

DEFAULT_SOURCE = "meeting-guide"
DAY_NAMES = ("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday")
ATTENDANCE = ("in_person", "hybrid", "online", "inactive")
# Fields each entry has for itself: a group's meetings may differ in these and still be one group
PER_ENTRY = ("url", "edit_url", "feedback_url")
_PART = re.compile(r"^(?P<base>.+?)-{1,2}(?P<n>\d+)$")
# Spec fields firststep keeps as they are and writes back (text, or a list for feedback_emails)
EXTRA_FIELDS: tuple[str, ...] = (
    "url", "edit_url", "location_notes", "group_notes", "conference_url_notes",
    "conference_phone_notes", "email", "phone", "website", "feedback_url", "feedback_emails",
    "district", "sub_district", "entity", "entity_email", "entity_location", "entity_logo",
    "entity_phone", "entity_url", "entity_website_url", "venmo", "square", "paypal",
    "homegroup_online",
    *(f"contact_{n}_{kind}" for n in (1, 2, 3) for kind in ("name", "email", "phone")),
)  # fmt: skip
_COUNTRIES = {
    "usa": "US", "us": "US", "united states": "US", "united states of america": "US",
    "canada": "CA", "uk": "GB", "united kingdom": "GB", "england": "GB", "scotland": "GB",
    "wales": "GB", "australia": "AU", "ireland": "IE", "new zealand": "NZ", "mexico": "MX",
    "méxico": "MX", "germany": "DE", "deutschland": "DE", "france": "FR", "spain": "ES",
    "españa": "ES", "italy": "IT", "italia": "IT", "portugal": "PT", "brazil": "BR",
    "brasil": "BR", "japan": "JP", "sweden": "SE", "sverige": "SE", "netherlands": "NL",
}  # fmt: skip
_US_ZIP = re.compile(r"^(?P<state>[A-Za-z .]{2,30}?)\s+(?P<postal>\d{5}(?:-\d{4})?)$")
_CA_POSTAL = re.compile(r"^(?P<state>[A-Za-z .]{2,30}?)\s+(?P<postal>[A-Z]\d[A-Z] ?\d[A-Z]\d)$")
_UK_POSTAL = re.compile(r"^(?P<city>.*?)\s*(?P<postal>[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})$")


# --------------------------------------------------------------------------- reading


def country_code(text: str | None) -> str | None:
    """An ISO country code from a code or a name ("USA", "Canada"), or None when unknown."""
    if not text:
        return None
    text = text.strip()
    if len(text) == 2 and text.isalpha():
        return text.upper()
    return _COUNTRIES.get(text.lower())


def parse_formatted_address(text: str) -> dict[str, str | None]:
    """'9 Sugarbush Ln, South Colton, NY 13687, USA' -> street, city, state, zip, country."""
    parts = [p.strip() for p in text.split(",") if p.strip()]
    found: dict[str, str | None] = dict.fromkeys(
        ("street", "city", "state", "postal_code", "country")
    )
    if parts and country_code(parts[-1]) and (len(parts) > 1 or len(parts[-1]) > 2):
        found["country"] = country_code(parts.pop())
    if parts:
        tail = parts[-1]
        match = _US_ZIP.match(tail) or _CA_POSTAL.match(tail)
        uk = _UK_POSTAL.match(tail) if not match else None
        if match:
            found["state"], found["postal_code"] = match["state"].strip(), match["postal"]
            parts.pop()
        elif uk and uk["city"]:
            found["city"], found["postal_code"] = uk["city"].strip(), uk["postal"]
            parts.pop()
        elif len(parts) > 1 and (len(tail) <= 3 or not any(c.isdigit() for c in tail)):
            found["state"] = tail
            parts.pop()
    if parts and found["city"] is None:
        found["city"] = parts.pop()
    if parts:
        found["street"] = ", ".join(parts)
    return found


def _days(value: Any) -> list[int]:
    """Meeting Guide days (Sunday = 0, or names, or a list) as weekdays with Monday = 0."""
    values = value if isinstance(value, list) else [value]
    if not values:
        raise RowProblem("day", "empty list of days")
    days: list[int] = []
    for item in values:
        if isinstance(item, bool):
            raise RowProblem("day", f"{item!r} is not a day (0-6, Sunday = 0)")
        if isinstance(item, str) and item.strip().lower() in DAY_NAMES:
            number = DAY_NAMES.index(item.strip().lower())
        else:
            try:
                number = int(str(item).strip())
            except ValueError:
                raise RowProblem("day", f"{item!r} is not a day (0-6, Sunday = 0)") from None
        if not 0 <= number <= 6:
            raise RowProblem("day", f"{item!r} is not a day (0-6, Sunday = 0)")
        weekday = (number - 1) % 7
        if weekday not in days:
            days.append(weekday)
    return days


def _codes(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        value = [v for v in re.split(r"[,\s]+", value) if v]
    if not isinstance(value, list):
        raise RowProblem("types", 'must be a list of codes like ["O", "W"]')
    return [str(code).strip() for code in value if str(code).strip()][:100]


def _address(raw: dict[str, Any], fields: dict[str, Any], warnings: list[RowProblem]) -> None:
    def text(key: str, limit: int) -> str | None:
        return soft(warnings, lambda: read_text(raw.get(key), key, limit=limit))

    fields["location_name"] = text("location", 200)
    fields["street"] = text("address", 200)
    fields["city"] = text("city", 120)
    fields["state"] = text("state", 120)
    fields["postal_code"] = text("postal_code", 20)
    country = text("country", 60)
    formatted = text("formatted_address", 500)
    fields["formatted_address"] = formatted
    atomized = any(fields[k] for k in ("street", "city", "state", "postal_code"))
    if formatted and not atomized:  # the spec's other way to give an address: parse it
        parsed = parse_formatted_address(formatted)
        for key in ("street", "city", "state", "postal_code"):
            fields[key] = parsed[key]
        country = country or parsed["country"]
    fields["country"] = country_code(country)
    if country and fields["country"] is None:
        fields["feed_extras"]["country"] = country  # a name firststep cannot read, kept as it is


def _approximate(raw: dict[str, Any], fields: dict[str, Any]) -> bool:
    """The spec's stringified boolean; when absent, as TSML UI reads it from the address."""
    value = raw.get("approximate")
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("yes", "no", "true", "false"):
        return value.strip().lower() in ("yes", "true")
    if raw.get("address") or fields["street"]:
        street = str(fields["street"] or "")
        return not (any(c.isdigit() for c in street) or raw.get("address"))
    formatted = fields.get("formatted_address") or ""
    if formatted:
        return len(formatted.split(",")) < 4 and not formatted.strip()[:1].isdigit()
    return not (fields["city"] and fields["latitude"] is not None)


def _attendance(raw: dict[str, Any], fields: dict[str, Any], warnings: list[RowProblem]) -> None:
    """format and temporarily_closed from attendance_option, or as 12 Step Meeting List works
    them out: TC without a link is inactive; a link makes it online (hybrid with a real
    address); an approximate address is no door to go to."""
    online = bool(fields["conference_url"] or fields["conference_phone"])
    has_door = not fields["approximate"] and bool(
        fields["street"] or fields["city"] or fields["latitude"] is not None
    )
    closed_room = "TC" in fields["other_types"]
    given = str(raw.get("attendance_option") or "").strip().lower()
    if given and given not in ATTENDANCE:
        warnings.append(RowProblem("attendance_option", f"{given!r} is not one of {ATTENDANCE}"))
        given = ""
    if not given:
        if closed_room:
            given = "online" if online else "inactive"
        elif online:
            given = "hybrid" if has_door else "online"
        else:
            given = "in_person" if has_door else "inactive"
    if given in ("online", "hybrid") and not online:
        warnings.append(RowProblem("attendance_option", f"{given}, but there is no link to join"))
        given = "in_person" if given == "hybrid" and has_door else "inactive"
    if given in ("in_person", "hybrid") and not has_door:
        given = "online" if online else "inactive"
    fields["temporarily_closed"] = given == "inactive"
    if given == "inactive":
        given = "hybrid" if online and has_door else "online" if online else "in_person"
    fields["format"] = given


def _regions(raw: dict[str, Any], warnings: list[RowProblem]) -> list[str]:
    value = raw.get("regions")
    if isinstance(value, list):
        return [str(r).strip()[:120] for r in value if isinstance(r, str) and r.strip()][:10]
    if value not in (None, ""):
        warnings.append(RowProblem("regions", "must be a list of names"))
    names = [raw.get(k) for k in ("region", "sub_region", "sub_sub_region")]
    return [str(n).strip()[:120] for n in names if isinstance(n, str) and n.strip()]


def _extras(raw: dict[str, Any], fields: dict[str, Any], warnings: list[RowProblem]) -> None:
    for key in EXTRA_FIELDS:
        value = raw.get(key)
        if value in (None, "", []):
            continue
        if key == "feedback_emails":
            items = value if isinstance(value, list) else str(value).split(",")
            emails = [str(e).strip()[:200] for e in items if str(e).strip()][:10]
            if emails:
                fields["feed_extras"][key] = emails
            continue
        text = soft(warnings, partial(read_text, value, key, limit=4000))
        if text:
            fields["feed_extras"][key] = text


def _meetings(days: list[int], start: Any, end: Any, rhythm: Any, slug: str) -> list[MeetingCreate]:
    if not isinstance(rhythm, dict):
        raise RowProblem("firststep.rhythm", "must be an object")
    anchor = read_date(rhythm.get("anchor"), "firststep.rhythm.anchor")
    try:
        return [
            MeetingCreate(
                weekday=d,
                start=start,
                end=end,
                freq=Freq(rhythm.get("freq") or "weekly"),
                interval=rhythm.get("interval") or 1,
                byday=rhythm.get("byday"),
                anchor=anchor,
                source_id=slug,
            )
            for d in days
        ]
    except ValueError as exc:
        if not isinstance(exc, ValidationError):
            raise RowProblem("firststep.rhythm.freq", "must be weekly or monthly") from None
        problem = exc.errors()[0]
        where = ".".join(str(p) for p in problem["loc"])
        raise RowProblem(f"firststep.rhythm.{where}", problem["msg"]) from None


class Fellowships:
    """The directory's fellowships, to read a fellowship named in a feed."""

    def __init__(self, fellowships: Iterable[Fellowship]) -> None:
        self.by_word: dict[str, str] = {}
        for fel in fellowships:
            self.by_word[fel.name.lower()] = fel.name
            self.by_word[fel.short_name.lower()] = fel.name
        words = sorted(self.by_word, key=len, reverse=True)
        self._pattern = (
            re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in words) + r")(?![\w-])", re.I)
            if words
            else None
        )

    def named(self, text: str | None) -> str | None:
        """The fellowship a name or short name stands for ("Al-Anon" -> Al-Anon Family Groups)."""
        return self.by_word.get(text.strip().lower()) if text else None

    def mentioned(self, text: str | None) -> str | None:
        """The fellowship a service entity's name mentions ("Al-Anon Area 23", "EDA Online")."""
        if not text or self._pattern is None:
            return None
        found = self._pattern.search(text)
        return self.by_word[found.group(1).lower()] if found else None


def _fellowship_of(
    raw: dict[str, Any], extras: dict[str, Any], fellowships: Fellowships, default: str | None
) -> str | None:
    """The fellowship the feed names for an entry (firststep's own, ``fellowship``/``program``,
    or its service entity's name), else None (the source's default applies)."""
    for value in (extras.get("fellowship"), raw.get("fellowship"), raw.get("program")):
        if isinstance(value, str) and value.strip():
            return fellowships.named(value) or value.strip()[:120]
    entity = raw.get("entity")
    return fellowships.mentioned(entity) if isinstance(entity, str) else None


def read_entry(
    number: int,
    raw: Any,
    context: FeedContext | None = None,
    fellowships: Fellowships | None = None,
    default_fellowship: str | None = None,
) -> GroupRecord | None:
    """One feed entry as a checked record; RowProblem (the row is skipped) names the field."""
    if not isinstance(raw, dict):
        raise RowProblem("entry", "each meeting must be a JSON object")
    fellowships = fellowships or Fellowships([])
    warnings: list[RowProblem] = []
    name = read_text(raw.get("name"), "name", required=True, limit=200)
    slug = read_text(raw.get("slug"), "slug", required=True, limit=200) or ""
    if raw.get("day") is None or raw.get("day") == "" or raw.get("day") == []:
        raise RowProblem("day", "missing: meetings by appointment cannot be suggested")
    days = _days(raw["day"])
    if read_text(raw.get("time"), "time") is None:
        raise RowProblem("time", "missing: meetings by appointment cannot be suggested")
    start = read_time(raw.get("time"), "time")
    end = (
        soft(warnings, lambda: read_time(raw["end_time"], "end_time"))
        if raw.get("end_time") not in (None, "")
        else None
    )
    extras = raw.get("firststep") or {}
    if not isinstance(extras, dict):
        raise RowProblem("firststep", "must be an object")
    meetings = _meetings(days, start, end, extras.get("rhythm") or {}, slug)
    fellowship = _fellowship_of(raw, extras, fellowships, default_fellowship)
    latitude = soft(warnings, lambda: read_float(raw.get("latitude"), "latitude", -90, 90))
    longitude = soft(warnings, lambda: read_float(raw.get("longitude"), "longitude", -180, 180))
    if (latitude is None) != (longitude is None) or (latitude == 0 and longitude == 0):
        latitude = longitude = None
    phone, phone_words = read_phone(raw.get("conference_phone"), "conference_phone")
    fields: dict[str, Any] = {
        "name": name,
        "audience": [],
        "languages": [],
        "accessibility": [],
        "other_types": [],
        "open_meeting": None,
        "secular": False,
        "dual_diagnosis": False,
        "medication_friendly": bool(extras.get("medication_friendly", False)),
        "is_sample": bool(extras.get("sample", False)),
        "notes": soft(warnings, lambda: read_text(raw.get("notes"), "notes", limit=4000)) or "",
        "last_verified": soft(warnings, lambda: read_date(raw.get("updated"), "updated")),
        "timezone": soft(warnings, lambda: read_timezone(raw.get("timezone"))),
        "latitude": latitude,
        "longitude": longitude,
        "conference_url": soft(
            warnings, lambda: read_url(raw.get("conference_url"), "conference_url")
        ),
        "conference_phone": phone,
        "group_name": soft(warnings, lambda: read_text(raw.get("group"), "group", limit=200)),
        "feed_extras": {},
    }
    _address(raw, fields, warnings)
    fields["approximate"] = _approximate(raw, fields)
    fields["regions"] = _regions(raw, warnings)
    _extras(raw, fields, warnings)
    if phone_words:
        notes = fields["feed_extras"].get("conference_phone_notes")
        fields["feed_extras"]["conference_phone_notes"] = (
            f"{phone_words}\n{notes}" if notes and phone else notes or phone_words
        )
    program = (
        fellowships.named(fellowship or default_fellowship) or fellowship or default_fellowship
    )
    read_codes(_codes(raw.get("types")), fields, program)
    more = extras.get("audience") or []
    if not isinstance(more, list) or not all(isinstance(a, str) for a in more):
        raise RowProblem("firststep.audience", "must be a list of audience tags")
    for extra in more:
        if extra not in fields["audience"]:
            fields["audience"].append(extra)
    for key in ("audience", "languages", "accessibility", "other_types"):
        fields[key] = sorted(fields[key])
    _attendance(raw, fields, warnings)
    fill_place(fields, context)
    concerns = extras.get("concerns") or []
    if not isinstance(concerns, list):
        raise RowProblem("firststep.concerns", "must be a list of concern codes")
    record = GroupRecord(
        row=number,
        source_id=slug,
        fields=fields,
        meetings=meetings,
        extra_concern_codes=[str(c) for c in concerns],
        fellowship=fellowship,
        warnings=warnings,
    )
    check_record(record)
    return record


# --------------------------------------------------------------------------- groups


def _fold(text: Any) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", str(text or "").lower()).split())


def _place_key(fields: dict[str, Any]) -> str:
    if fields.get("formatted_address"):
        return _fold(fields["formatted_address"])
    street = " ".join(str(fields.get(k) or "") for k in ("street", "city"))
    return _fold(street) or _fold(fields.get("conference_url"))


def _slug_order(slug: str) -> tuple[str, int]:
    match = _PART.match(slug)
    return (match["base"], int(match["n"])) if match else (slug, 0)


def group_entries(records: list[GroupRecord], report: ImportReport) -> list[GroupRecord]:
    """Entries of one group as one record with several meetings.

    Entries belong to one group when they share the feed's ``group``, or are TSML's
    ``slug-2`` / firststep's ``slug--2`` of an entry with the same name, or have the same name
    and place. Those with the same details become one record (the group's name and key are the
    first entry's; each meeting keeps its entry's slug, and its name when it differs); those
    that differ stay apart but share the ``group_key``.
    """
    by_slug: dict[str, GroupRecord] = {}
    for record in records:
        first = by_slug.get(record.source_id)
        if first is not None:
            reason = f"{record.source_id!r} is also on row {first.row}"
            (report.errors if report.strict else report.skipped).append(
                RowError(record.row, "slug", reason)
            )
            continue
        by_slug[record.source_id] = record
    keys: dict[str, str] = {}
    for slug, record in by_slug.items():
        group = record.fields.get("group_name")
        if group:
            keys[slug] = "group:" + _fold(group)[:190]
        else:
            keys[slug] = ("at:" + _fold(record.fields["name"]) + "|" + _place_key(record.fields))[
                :200
            ]
    for slug, record in by_slug.items():
        match = _PART.match(slug)
        base = by_slug.get(match["base"]) if match else None
        if base is not None and _fold(base.fields["name"]) == _fold(record.fields["name"]):
            keys[slug] = keys[match["base"]] if match else keys[slug]
    buckets: dict[tuple[str, str], GroupRecord] = {}
    for slug in sorted(by_slug, key=_slug_order):
        record = by_slug[slug]
        record.fields["group_key"] = keys[slug]
        details = {k: v for k, v in record.fields.items() if k not in ("name", "notes")}
        details.pop("last_verified")
        details["feed_extras"] = {
            k: v for k, v in details["feed_extras"].items() if k not in PER_ENTRY
        }
        signature = repr(
            (sorted(details.items()), sorted(record.extra_concern_codes), record.fellowship)
        )
        first = buckets.get((keys[slug], signature))
        if first is None:
            buckets[(keys[slug], signature)] = record
            continue
        _join(first, record)
    return sorted(buckets.values(), key=lambda r: r.row)


def _join(first: GroupRecord, record: GroupRecord) -> None:
    """Add an entry's meetings to the first entry of its group; what is the entry's own (name,
    notes, page links) goes with its meetings, and the group is as fresh as its latest entry."""
    own = {
        k: record.fields["feed_extras"][k] for k in PER_ENTRY if k in record.fields["feed_extras"]
    }
    base = {k: first.fields["feed_extras"].get(k) for k in PER_ENTRY}
    for meeting in record.meetings:
        if record.fields["name"] != first.fields["name"]:
            meeting.name = record.fields["name"]
        if record.fields["notes"] != first.fields["notes"]:
            meeting.notes = record.fields["notes"]
        if any(own.get(k) != base.get(k) for k in PER_ENTRY):
            meeting.feed_extras = {k: own.get(k) for k in PER_ENTRY if own.get(k) or base.get(k)}
        first.meetings.append(meeting)
    dates = [d for d in (first.fields["last_verified"], record.fields["last_verified"]) if d]
    first.fields["last_verified"] = max(dates) if dates else None


# --------------------------------------------------------------------------- whole feeds


def _load(data: Any, report: ImportReport) -> tuple[list[Any], bool] | None:
    """The feed's entries, and whether this import parsed them itself (then it may let go of
    each entry once read)."""
    owned = isinstance(data, bytes | str)
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            report.errors.append(RowError(0, "file", "not UTF-8 text"))
            return None
    if isinstance(data, str):
        try:
            data = json.loads(data)
        except json.JSONDecodeError as exc:
            where = f" (line {exc.lineno}, column {exc.colno})"
            report.errors.append(RowError(0, "file", f"not valid JSON{where}"))
            return None
        except RecursionError:
            report.errors.append(RowError(0, "file", "not valid JSON (nested too deeply)"))
            return None
    if isinstance(data, dict) and isinstance(data.get("meetings"), list):
        data = data["meetings"]
    if not isinstance(data, list):
        report.errors.append(RowError(0, "file", "a Meeting Guide feed is a JSON list of meetings"))
        return None
    return data, owned


def feed_context(entries: list[Any], default_timezone: str | None = None) -> FeedContext:
    """Where a feed is: the country, state and time zone most of its entries give."""
    rows = [e for e in entries if isinstance(e, dict)]
    countries, states, zones = [], [], []
    for entry in rows:
        parsed = (
            parse_formatted_address(entry["formatted_address"])
            if isinstance(entry.get("formatted_address"), str)
            else {}
        )
        country = entry.get("country") if isinstance(entry.get("country"), str) else None
        countries.append(country_code(country or parsed.get("country")))
        state = entry.get("state") if isinstance(entry.get("state"), str) else None
        states.append(state or parsed.get("state"))
        zone = entry.get("timezone")
        zones.append(zone if isinstance(zone, str) else None)
    timezone = dominant(zones)
    try:
        timezone = crud.check_timezone(timezone) if timezone else None
    except crud.DirectoryError:
        timezone = None
    return FeedContext(dominant(countries), dominant(states), timezone, default_timezone)


def parse_feed(
    data: Any,
    report: ImportReport,
    *,
    fellowships: Fellowships | None = None,
    default_fellowship: str | None = None,
    default_timezone: str | None = None,
) -> list[GroupRecord]:
    """JSON text, bytes or an already-parsed feed as checked records (problems in the report)."""
    loaded = _load(data, report)
    if loaded is None:
        return []
    entries, owned = loaded
    context = feed_context(entries, default_timezone)

    def read(number: int, raw: Any) -> GroupRecord | None:
        return read_entry(number, raw, context, fellowships, default_fellowship)

    rows = drain(entries) if owned else enumerate(entries, start=1)
    records = collect(rows, read, report)
    return group_entries(records, report)


def import_meeting_guide(
    session: Session,
    data: Any,
    *,
    fellowship: str | None = None,
    source: str = DEFAULT_SOURCE,
    dry_run: bool = False,
    now: datetime | None = None,
    strict: bool = False,
    default_timezone: str | None = None,
    archive_guard: float | None = None,
) -> ImportReport:
    """Import a Meeting Guide feed: every usable meeting, the others reported (``strict``:
    all or nothing). ``fellowship`` and ``default_timezone`` apply where the feed says none."""
    report = ImportReport(source=source, dry_run=dry_run, strict=strict)
    fellowships = Fellowships(crud.list_fellowships(session))
    records = parse_feed(
        data,
        report,
        fellowships=fellowships,
        default_fellowship=fellowship,
        default_timezone=default_timezone,
    )
    return apply_records(
        session, records, report, fellowship=fellowship, now=now, archive_guard=archive_guard
    )


# --------------------------------------------------------------------------- export


def _hhmm(value: Any) -> str | None:
    return value.strftime("%H:%M") if value is not None else None


def formatted_address(group: Any) -> str | None:
    """The group's address on one line: as the feed wrote it, else built from its parts."""
    if group.formatted_address:
        return group.formatted_address
    tail = " ".join(p for p in (group.state, group.postal_code) if p)
    parts = [group.street, group.city, tail, group.country]
    return ", ".join(p for p in parts if p) or None


def _regions_out(regions: list[str]) -> dict[str, Any]:
    if not regions:
        return {}
    out: dict[str, Any] = {"regions": list(regions)}
    if len(regions) >= 2:
        out["region"], out["sub_region"] = regions[-2], regions[-1]
    else:
        out["region"] = regions[0]
    return out


def _entries(
    group: Any, fellowship: Fellowship, meetings: list[Any], codes: list[str]
) -> list[dict[str, Any]]:
    by_entry: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    base_slug = group.source_id or f"group-{group.id}"
    for m in sorted(meetings, key=lambda m: (m.start, m.weekday)):
        own = json.dumps(m.feed_extras, sort_keys=True) if m.feed_extras else None
        key = (m.source_id, m.name, m.notes, own, m.start, m.end, m.freq, m.interval, m.byday,
               m.anchor)  # fmt: skip
        by_entry[key].append(m.weekday)
    entries: list[dict[str, Any]] = []
    types = write_codes(group, fellowship.name)
    attendance = "inactive" if group.temporarily_closed else str(group.format)
    extras_out = dict(group.feed_extras or {})
    country = extras_out.pop("country", None) or group.country
    taken: set[str] = {k[0] for k in by_entry if k[0]}
    for index, (key, days) in enumerate(by_entry.items()):
        source_slug, name, notes, own, start, end, freq, interval, byday, anchor = key
        entry_extras = {**extras_out, **(json.loads(own) if own else {})}
        slug = source_slug
        if not slug:
            slug = (
                base_slug if index == 0 and base_slug not in taken else f"{base_slug}--{index + 1}"
            )
            taken.add(slug)
        mg_days = sorted((d + 1) % 7 for d in days)
        extras: dict[str, Any] = {"fellowship": fellowship.name}
        if codes:
            extras["concerns"] = codes
        if group.medication_friendly:
            extras["medication_friendly"] = True
        if group.is_sample:
            extras["sample"] = True
        if freq != "weekly" or interval != 1 or byday or anchor:
            extras["rhythm"] = {
                "freq": str(freq), "interval": interval, "byday": byday,
                "anchor": anchor.isoformat() if isinstance(anchor, date) else None,
            }  # fmt: skip
        entry: dict[str, Any] = {
            "name": name or group.name,
            "slug": slug,
            "day": mg_days[0] if len(mg_days) == 1 else mg_days,
            "time": _hhmm(start),
            "end_time": _hhmm(end),
            "timezone": group.timezone,
            "types": types,
            "attendance_option": attendance,
            "location": group.location_name,
            "group": group.group_name,
            "address": group.street,
            "city": group.city,
            "state": group.state,
            "postal_code": group.postal_code,
            "country": country,
            "formatted_address": formatted_address(group),
            "approximate": "yes" if group.approximate else "no",
            "latitude": group.latitude,
            "longitude": group.longitude,
            "conference_url": group.conference_url,
            "conference_phone": group.conference_phone,
            "notes": (notes if notes is not None else group.notes) or None,
            "updated": group.last_verified.isoformat() if group.last_verified else None,
            **_regions_out(group.regions or []),
            **entry_extras,
            "firststep": extras,
        }
        entries.append({k: v for k, v in entry.items() if v is not None})
    return entries


def _details(session: Session, ids: list[int]) -> tuple[dict[int, list[Any]], dict[int, list[str]]]:
    """Meetings (plain rows) and extra concern codes of many groups, in a few queries."""
    meetings: dict[int, list[Any]] = defaultdict(list)
    codes: dict[int, list[str]] = defaultdict(list)
    table = Meeting.__table__  # type: ignore[attr-defined]
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        for row in session.execute(select(table).where(table.c.group_id.in_(chunk))):
            meetings[row.group_id].append(row)
        query = select(col(GroupConcern.group_id), col(GroupConcern.code)).where(
            col(GroupConcern.group_id).in_(chunk)
        )
        for group_id, code in session.execute(query).tuples():
            codes[int(group_id)].append(str(code))
    return meetings, codes


def export_meeting_guide(
    session: Session, *, source: str | None = None, include_archived: bool = False
) -> list[dict[str, Any]]:
    """The directory (or one source of it) as a Meeting Guide feed (a list of entries)."""
    return list(iter_meeting_guide(session, source=source, include_archived=include_archived))


def iter_meeting_guide(
    session: Session, *, source: str | None = None, include_archived: bool = False
) -> Iterator[dict[str, Any]]:
    """The feed's entries one by one, reading the groups a thousand at a time (for writing a
    large directory without holding all of it)."""
    table = Group.__table__  # type: ignore[attr-defined]
    query = select(table)  # plain rows: building 10,000 ORM objects took most of the time
    if source is not None:
        query = query.where(table.c.source == source)
    if not include_archived:
        query = query.where(table.c.active.is_(True))
    fellowships = {f.id: f for f in session.exec(select(Fellowship))}
    last = 0
    while True:
        page = query.where(table.c.id > last).order_by(table.c.id).limit(1000)
        groups: list[Any] = list(session.execute(page).all())
        if not groups:
            return
        last = groups[-1].id
        meetings, codes = _details(session, [g.id for g in groups])
        for group in groups:
            yield from _entries(
                group, fellowships[group.fellowship_id], meetings[group.id], sorted(codes[group.id])
            )


def dumps(feed: Iterable[dict[str, Any]]) -> str:
    """A feed as JSON text, one entry a line (readable and diffable, and written by the fast
    encoder: an indented dump of 10,000 entries took seconds)."""
    lines = ",\n".join(json.dumps(entry, ensure_ascii=False) for entry in feed)
    return f"[\n{lines}\n]\n" if lines else "[]\n"
