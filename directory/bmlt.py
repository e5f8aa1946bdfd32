"""BMLT (the Basic Meeting List Toolbox, NA's meeting servers): import search results as groups.

Reads the JSON of ``client_interface/json/?switcher=GetSearchResults``: one entry per meeting,
``id_bigint`` as the key, ``weekday_tinyint`` 1-7 with Sunday = 1, ``start_time`` and
``duration_time`` as ``HH:MM:SS``, ``venue_type`` 1 in person, 2 virtual, 3 hybrid, and BMLT's
own ``formats`` codes (a comma-separated list, mapped below; others are kept as they are).
"""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta
from typing import Any

from sqlmodel import Session

from directory.importing import (
    GroupRecord,
    ImportReport,
    RowError,
    RowProblem,
    apply_records,
    check_record,
    collect,
    fill_place,
    read_float,
    read_text,
    read_time,
    read_timezone,
)
from directory.models import GroupFormat, MeetingCreate

DEFAULT_SOURCE = "bmlt"
DEFAULT_FELLOWSHIP = "Narcotics Anonymous"

# BMLT format code -> (group field, value); the NA World Services shared format codes
FORMAT_FIELDS: dict[str, tuple[str, Any]] = {
    "O": ("open_meeting", True),
    "C": ("open_meeting", False),
    "W": ("audience", "women"),
    "M": ("audience", "men"),
    "GL": ("audience", "lgbtq"),
    "YP": ("audience", "young_adults"),
    "WC": ("accessibility", "wheelchair"),
    "SL": ("accessibility", "asl"),
    "ES": ("languages", "es"),
    "AG": ("secular", True),
}
VENUES = {"1": GroupFormat.in_person.value, "2": GroupFormat.online.value}
VENUES["3"] = GroupFormat.hybrid.value


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


def _formats(value: Any, fields: dict[str, Any]) -> None:
    text = read_text(value, "formats", limit=1000) or ""
    for code in (c.strip() for c in text.split(",") if c.strip()):
        target = FORMAT_FIELDS.get(code.upper())
        if target is None:
            fields["other_types"].append(code)
        elif target[0] in ("audience", "accessibility", "languages"):
            fields[target[0]].append(target[1])
        else:
            fields[target[0]] = target[1]
    for key in ("audience", "accessibility", "languages", "other_types"):
        fields[key] = sorted(set(fields[key]))


def read_meeting(number: int, raw: Any, default_timezone: str | None = None) -> GroupRecord:
    """One BMLT meeting as a checked record; RowProblem names the bad field."""
    if not isinstance(raw, dict):
        raise RowProblem("entry", "each meeting must be a JSON object")
    key = read_text(raw.get("id_bigint"), "id_bigint", required=True, limit=200) or ""
    start = read_time(raw.get("start_time"), "start_time")
    meeting = MeetingCreate(
        weekday=_weekday(raw.get("weekday_tinyint")),
        start=start,
        end=_end(start, raw.get("duration_time")),
    )
    fields: dict[str, Any] = {
        "name": read_text(raw.get("meeting_name"), "meeting_name", required=True, limit=200),
        "location_name": read_text(raw.get("location_text"), "location_text", limit=200),
        "street": read_text(raw.get("location_street"), "location_street", limit=200),
        "city": read_text(raw.get("location_municipality"), "location_municipality", limit=120),
        "state": read_text(raw.get("location_province"), "location_province", limit=120),
        "postal_code": read_text(raw.get("location_postal_code_1"), "postal_code", limit=20),
        "country": None,
        "latitude": read_float(raw.get("latitude"), "latitude", -90, 90),
        "longitude": read_float(raw.get("longitude"), "longitude", -180, 180),
        "conference_url": read_text(raw.get("virtual_meeting_link"), "virtual_meeting_link"),
        "conference_phone": read_text(
            raw.get("phone_meeting_number"), "phone_meeting_number", limit=64
        ),
        "timezone": read_timezone(raw.get("time_zone"), "time_zone") or default_timezone,
        "notes": read_text(raw.get("comments"), "comments", limit=4000) or "",
        "audience": [],
        "languages": [],
        "accessibility": [],
        "other_types": [],
        "open_meeting": None,
        "secular": False,
        "dual_diagnosis": False,
        "medication_friendly": False,
        "last_verified": None,
        "is_sample": False,
    }
    if fields["latitude"] == 0 and fields["longitude"] == 0:
        fields["latitude"] = fields["longitude"] = None  # BMLT's "no coordinates"
    nation = read_text(raw.get("location_nation"), "location_nation", limit=60)
    if nation and len(nation) == 2 and nation.isalpha():
        fields["country"] = nation.upper()
    _formats(raw.get("formats"), fields)
    venue = str(raw.get("venue_type") or "").strip()
    if venue and venue not in VENUES:
        raise RowProblem("venue_type", f"{venue!r} is not 1 (in person), 2 (virtual) or 3 (hybrid)")
    if venue:
        fields["format"] = VENUES[venue]
    else:
        online = fields["conference_url"] or fields["conference_phone"]
        fields["format"] = GroupFormat.online.value if online else GroupFormat.in_person.value
    if fields["format"] == GroupFormat.online.value:
        fields["latitude"] = fields["longitude"] = None
    fill_place(fields)
    record = GroupRecord(row=number, source_id=key, fields=fields, meetings=[meeting])
    check_record(record)
    return record


def import_bmlt(
    session: Session,
    data: Any,
    *,
    fellowship: str | None = None,
    source: str = DEFAULT_SOURCE,
    dry_run: bool = False,
    now: datetime | None = None,
    default_timezone: str | None = None,
) -> ImportReport:
    """Import BMLT search results (NA by default); every row must be good or nothing is written.

    ``default_timezone`` is used for meetings without ``time_zone`` (a server's own default).
    """
    report = ImportReport(source=source, dry_run=dry_run)
    if isinstance(data, bytes | str):
        try:
            data = json.loads(data)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            report.errors.append(RowError(0, "file", f"not valid JSON ({exc})"))
            return report
    if not isinstance(data, list):
        report.errors.append(RowError(0, "file", "BMLT search results are a JSON list"))
        return report

    def read(number: int, raw: Any) -> GroupRecord:
        return read_meeting(number, raw, default_timezone)

    records = collect(list(enumerate(data, start=1)), read, report)
    seen: dict[str, int] = {}
    for record in records:
        if record.source_id in seen:
            first = seen[record.source_id]
            reason = f"{record.source_id!r} is also on row {first}"
            report.errors.append(RowError(record.row, "id_bigint", reason))
        seen.setdefault(record.source_id, record.row)
    return apply_records(
        session, records, report, fellowship=fellowship or DEFAULT_FELLOWSHIP, now=now
    )


def looks_like_bmlt(data: bytes) -> bool:
    """True when a JSON file is a list of BMLT meetings (for picking the importer)."""
    try:
        parsed = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return False
    return (
        isinstance(parsed, list)
        and bool(parsed)
        and isinstance(parsed[0], dict)
        and ("weekday_tinyint" in parsed[0])
    )
