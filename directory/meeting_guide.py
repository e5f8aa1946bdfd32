"""Meeting Guide JSON feeds (the code4recovery spec used by 12 Step Meeting List and the app).

One feed entry is one group: ``slug`` is its key, ``day`` (0-6, Sunday = 0, or a list) and
``time`` / ``end_time`` give its weekly meetings, ``types`` codes give audience, language, open or
closed, secular and dual diagnosis; online is derived from ``conference_url`` /
``conference_phone``. firststep's own extras (fellowship, extra concern codes, medication
friendliness, other rhythms) travel in a ``firststep`` object that other readers ignore. A group
whose meetings have different times is written as several entries, ``slug``, ``slug--2`` ...,
which are read back as one group.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from datetime import date, datetime
from typing import Any

from pydantic import ValidationError
from sqlmodel import Session, select

from directory import crud
from directory.importing import (
    GroupRecord,
    ImportReport,
    RowError,
    RowProblem,
    apply_records,
    check_record,
    collect,
    fill_place,
    read_date,
    read_float,
    read_text,
    read_time,
    read_timezone,
)
from directory.models import Fellowship, Group, GroupFormat, Meeting, MeetingCreate

DEFAULT_SOURCE = "meeting-guide"
DAY_NAMES = ("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday")
_PART = re.compile(r"^(?P<base>.+)--(?P<n>\d+)$")

# Meeting Guide type code -> (group field, value)
TYPE_FIELDS: dict[str, tuple[str, Any]] = {
    "O": ("open_meeting", True),
    "C": ("open_meeting", False),
    "W": ("audience", "women"),
    "M": ("audience", "men"),
    "LGBTQ": ("audience", "lgbtq"),
    "Y": ("audience", "young_adults"),
    "A": ("secular", True),
    "DD": ("dual_diagnosis", True),
    "X": ("accessibility", "wheelchair"),
    "ASL": ("accessibility", "asl"),
    "FF": ("accessibility", "fragrance_free"),
    "S": ("languages", "es"),
    "EN": ("languages", "en"),
    "FR": ("languages", "fr"),
    "ITA": ("languages", "it"),
    "POL": ("languages", "pl"),
    "POR": ("languages", "pt"),
    "RUS": ("languages", "ru"),
    "JA": ("languages", "ja"),
    "KOR": ("languages", "ko"),
    "HE": ("languages", "he"),
    "PUN": ("languages", "pa"),
}
# Gay, Lesbian, Transgender, Bisexual: the group is LGBTQ+; the code itself is kept as well
LGBTQ_VARIANTS = frozenset({"G", "L", "T", "BI"})
_FROM_FIELD: dict[tuple[str, Any], str] = {v: k for k, v in TYPE_FIELDS.items()}
_LIST_FIELDS = ("audience", "accessibility", "languages")


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


def _types(value: Any, fields: dict[str, Any]) -> None:
    if value is None:
        return
    if isinstance(value, str):
        value = [v for v in re.split(r"[,\s]+", value) if v]
    if not isinstance(value, list):
        raise RowProblem("types", 'must be a list of codes like ["O", "W"]')
    for code in value:
        code = str(code).strip().upper()
        target = TYPE_FIELDS.get(code)
        if code in LGBTQ_VARIANTS and "lgbtq" not in fields["audience"]:
            fields["audience"].append("lgbtq")
        if target is None:
            if code not in fields["other_types"]:
                fields["other_types"].append(code)
        elif target[0] in _LIST_FIELDS:
            if target[1] not in fields[target[0]]:
                fields[target[0]].append(target[1])
        else:
            fields[target[0]] = target[1]


def _address(raw: dict[str, Any], fields: dict[str, Any]) -> None:
    fields["location_name"] = read_text(raw.get("location"), "location", limit=200)
    fields["street"] = read_text(raw.get("address"), "address", limit=200)
    fields["city"] = read_text(raw.get("city"), "city", limit=120)
    fields["state"] = read_text(raw.get("state"), "state", limit=120)
    fields["postal_code"] = read_text(raw.get("postal_code"), "postal_code", limit=20)
    country = read_text(raw.get("country"), "country", limit=60)
    formatted = read_text(raw.get("formatted_address"), "formatted_address")
    if formatted and not (fields["street"] or fields["city"]):
        parts = [p.strip() for p in formatted.split(",")]
        fields["street"] = parts[0] if len(parts) > 2 else None
        fields["city"] = parts[-3] if len(parts) >= 3 else parts[0]
        country = country or (parts[-1] if len(parts) >= 2 else None)
    fields["country"] = _country(country)


def _country(text: str | None) -> str | None:
    if not text:
        return None
    if len(text) == 2 and text.isalpha():
        return text.upper()
    known = {"usa": "US", "us": "US", "united states": "US", "canada": "CA", "uk": "GB"}
    known |= {"united kingdom": "GB", "australia": "AU", "ireland": "IE", "new zealand": "NZ"}
    return known.get(text.strip().lower())


def _meetings(days: list[int], start: Any, end: Any, rhythm: Any) -> list[MeetingCreate]:
    if not isinstance(rhythm, dict):
        raise RowProblem("firststep.rhythm", "must be an object")
    anchor = read_date(rhythm.get("anchor"), "firststep.rhythm.anchor")
    try:
        return [
            MeetingCreate(
                weekday=d,
                start=start,
                end=end,
                freq=rhythm.get("freq") or "weekly",
                interval=rhythm.get("interval") or 1,
                byday=rhythm.get("byday"),
                anchor=anchor,
            )
            for d in days
        ]
    except ValidationError as exc:
        problem = exc.errors()[0]
        where = ".".join(str(p) for p in problem["loc"])
        raise RowProblem(f"firststep.rhythm.{where}", problem["msg"]) from None


def read_entry(number: int, raw: Any) -> GroupRecord | None:
    """One feed entry as a checked record; RowProblem names the bad field."""
    if not isinstance(raw, dict):
        raise RowProblem("entry", "each meeting must be a JSON object")
    name = read_text(raw.get("name"), "name", required=True, limit=200)
    slug = read_text(raw.get("slug"), "slug", required=True, limit=200)
    if raw.get("day") is None or raw.get("day") == "":
        raise RowProblem("day", "missing: meetings by appointment cannot be suggested")
    days = _days(raw["day"])
    start = read_time(raw.get("time"), "time")
    has_end = read_text(raw.get("end_time"), "end_time") is not None
    end = read_time(raw.get("end_time"), "end_time") if has_end else None
    extras = raw.get("firststep") or {}
    if not isinstance(extras, dict):
        raise RowProblem("firststep", "must be an object")
    meetings = _meetings(days, start, end, extras.get("rhythm") or {})
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
        "notes": read_text(raw.get("notes"), "notes", limit=4000) or "",
        "last_verified": read_date(raw.get("updated"), "updated"),
        "timezone": read_timezone(raw.get("timezone")),
        "latitude": read_float(raw.get("latitude"), "latitude", -90, 90),
        "longitude": read_float(raw.get("longitude"), "longitude", -180, 180),
        "conference_url": read_text(raw.get("conference_url"), "conference_url"),
        "conference_phone": read_text(raw.get("conference_phone"), "conference_phone", limit=64),
    }
    _address(raw, fields)
    _types(raw.get("types"), fields)
    more = extras.get("audience") or []
    if not isinstance(more, list) or not all(isinstance(a, str) for a in more):
        raise RowProblem("firststep.audience", "must be a list of audience tags")
    for extra in more:
        if extra not in fields["audience"]:
            fields["audience"].append(extra)
    for key in ("audience", "languages", "accessibility", "other_types"):
        fields[key] = sorted(fields[key])
    online = bool(fields["conference_url"] or fields["conference_phone"])
    temporarily_closed = "TC" in fields["other_types"]
    has_place = bool(fields["street"] or fields["city"] or fields["latitude"] is not None)
    if online and (temporarily_closed or not has_place):
        fields["format"] = GroupFormat.online.value
    elif online:
        fields["format"] = GroupFormat.hybrid.value
    else:
        fields["format"] = GroupFormat.in_person.value
    fill_place(fields)
    concerns = extras.get("concerns") or []
    if not isinstance(concerns, list):
        raise RowProblem("firststep.concerns", "must be a list of concern codes")
    record = GroupRecord(
        row=number,
        source_id=slug or "",
        fields=fields,
        meetings=meetings,
        extra_concern_codes=[str(c) for c in concerns],
        fellowship=read_text(extras.get("fellowship"), "firststep.fellowship"),
    )
    check_record(record)
    return record


def _merge_parts(records: list[GroupRecord], report: ImportReport) -> list[GroupRecord]:
    """Fold 'slug--2' entries into 'slug' (a group with meetings at several times)."""
    by_slug: dict[str, GroupRecord] = {}
    for record in records:
        if record.source_id in by_slug:
            first = by_slug[record.source_id].row
            report.errors.append(
                RowError(record.row, "slug", f"{record.source_id!r} is also on row {first}")
            )
            continue
        by_slug[record.source_id] = record
    merged: list[GroupRecord] = []
    for record in by_slug.values():
        match = _PART.match(record.source_id)
        base = by_slug.get(match["base"]) if match else None
        if base is not None and base.fields["name"] == record.fields["name"]:
            base.meetings.extend(record.meetings)
        else:
            merged.append(record)
    return merged


def parse_feed(data: Any, report: ImportReport) -> list[GroupRecord]:
    """JSON text, bytes or an already-parsed feed as checked records (problems in the report)."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            report.errors.append(RowError(0, "file", "not UTF-8 text"))
            return []
    if isinstance(data, str):
        try:
            data = json.loads(data)
        except json.JSONDecodeError as exc:
            report.errors.append(
                RowError(0, "file", f"not valid JSON (line {exc.lineno}, column {exc.colno})")
            )
            return []
    if isinstance(data, dict) and isinstance(data.get("meetings"), list):
        data = data["meetings"]
    if not isinstance(data, list):
        report.errors.append(RowError(0, "file", "a Meeting Guide feed is a JSON list of meetings"))
        return []
    rows = list(enumerate(data, start=1))
    records = collect(rows, read_entry, report)
    return _merge_parts(records, report)


def import_meeting_guide(
    session: Session,
    data: Any,
    *,
    fellowship: str | None = None,
    source: str = DEFAULT_SOURCE,
    dry_run: bool = False,
    now: datetime | None = None,
) -> ImportReport:
    """Import a Meeting Guide feed; every row must be good or nothing is written."""
    report = ImportReport(source=source, dry_run=dry_run)
    records = parse_feed(data, report)
    return apply_records(session, records, report, fellowship=fellowship, now=now)


# --------------------------------------------------------------------------- export


def _type_codes(group: Group) -> list[str]:
    codes: list[str] = []
    if group.open_meeting is not None:
        codes.append(_FROM_FIELD[("open_meeting", group.open_meeting)])
    variants = LGBTQ_VARIANTS & set(group.other_types or [])
    for key in _LIST_FIELDS:
        for value in getattr(group, key) or []:
            if (key, value) in _FROM_FIELD and not (value == "lgbtq" and variants):
                codes.append(_FROM_FIELD[(key, value)])
    if group.secular:
        codes.append("A")
    if group.dual_diagnosis:
        codes.append("DD")
    codes.extend(group.other_types or [])
    return sorted(set(codes))


def _hhmm(value: Any) -> str | None:
    return value.strftime("%H:%M") if value is not None else None


def _entries(
    group: Group, fellowship: Fellowship, meetings: list[Meeting], codes: list[str]
) -> list[dict[str, Any]]:
    by_time: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for m in sorted(meetings, key=lambda m: (m.start, m.weekday)):
        key = (m.start, m.end, m.freq, m.interval, m.byday, m.anchor)
        by_time[key].append(m.weekday)
    entries: list[dict[str, Any]] = []
    unmapped = [a for a in group.audience or [] if ("audience", a) not in _FROM_FIELD]
    for index, ((start, end, freq, interval, byday, anchor), days) in enumerate(by_time.items()):
        slug = group.source_id or f"group-{group.id}"
        mg_days = sorted((d + 1) % 7 for d in days)
        extras: dict[str, Any] = {"fellowship": fellowship.name}
        if codes:
            extras["concerns"] = codes
        if group.medication_friendly:
            extras["medication_friendly"] = True
        if group.is_sample:
            extras["sample"] = True
        if unmapped:
            extras["audience"] = sorted(unmapped)
        if freq != "weekly" or interval != 1 or byday or anchor:
            extras["rhythm"] = {
                "freq": str(freq), "interval": interval, "byday": byday,
                "anchor": anchor.isoformat() if isinstance(anchor, date) else None,
            }  # fmt: skip
        entry: dict[str, Any] = {
            "name": group.name,
            "slug": slug if index == 0 else f"{slug}--{index + 1}",
            "day": mg_days[0] if len(mg_days) == 1 else mg_days,
            "time": _hhmm(start),
            "end_time": _hhmm(end),
            "timezone": group.timezone,
            "types": _type_codes(group),
            "location": group.location_name,
            "address": group.street,
            "city": group.city,
            "state": group.state,
            "postal_code": group.postal_code,
            "country": group.country,
            "latitude": group.latitude,
            "longitude": group.longitude,
            "conference_url": group.conference_url,
            "conference_phone": group.conference_phone,
            "notes": group.notes or None,
            "updated": group.last_verified.isoformat() if group.last_verified else None,
            "firststep": extras,
        }
        entries.append({k: v for k, v in entry.items() if v is not None})
    return entries


def export_meeting_guide(
    session: Session, *, source: str | None = None, include_archived: bool = False
) -> list[dict[str, Any]]:
    """The directory (or one source of it) as a Meeting Guide feed (a list of entries)."""
    query = select(Group)
    if source is not None:
        query = query.where(Group.source == source)
    if not include_archived:
        query = query.where(Group.active.is_(True))
    fellowships = {f.id: f for f in session.exec(select(Fellowship))}
    feed: list[dict[str, Any]] = []
    for group in session.exec(query.order_by(Group.id)).all():
        assert group.id is not None
        meetings = crud.list_meetings(session, group_id=group.id)
        codes = crud.extra_concerns(session, group_id=group.id)
        feed.extend(_entries(group, fellowships[group.fellowship_id], meetings, codes))
    return feed


def dumps(feed: list[dict[str, Any]]) -> str:
    """A feed as pretty JSON text."""
    return json.dumps(feed, indent=2, ensure_ascii=False) + "\n"
