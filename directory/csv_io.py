"""Directory CSV import and export, for coordinators who keep their list in a spreadsheet.

Columns (header row required; only ``source_id``, ``name``, ``days`` and ``time`` must be filled):
see ``CSV_COLUMNS``. Lists (``days``, ``audience``, ``languages``, ``accessibility``,
``concerns``, ``other_types``) are separated by ``;``. Days are names or three-letter codes
(``mon;thu``). Several rows with the same ``source_id`` are one group meeting at several times.
Row numbers in errors are spreadsheet rows: the header is row 1.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqlmodel import Session, col, select

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
    read_url,
    soft,
)
from directory.meeting_guide import country_code
from directory.models import Fellowship, Group, GroupFormat, MeetingCreate
from nlp.result import DAYS

DEFAULT_SOURCE = "csv"
CSV_COLUMNS: dict[str, str] = {
    "source_id": "your key for the group (unique in this file's source); required",
    "name": "the group's name; required",
    "fellowship": "fellowship name or short name (AA, SMART ...); default: the --fellowship option",
    "format": "in_person, online or hybrid; empty: online when there is a link and no address",
    "days": "weekdays, e.g. mon;thu or Monday;Thursday; required",
    "time": "start, 24-hour local time like 19:30; required",
    "end_time": "end, like 20:30 (optional)",
    "timezone": "IANA time zone like America/Detroit; empty: worked out from the coordinates",
    "location_name": "building or venue",
    "street": "street address",
    "city": "town or city",
    "state": "state, province or region",
    "postal_code": "zip or postal code",
    "country": "ISO country code like US",
    "latitude": "decimal degrees; empty: looked up from the zip code or town",
    "longitude": "decimal degrees",
    "conference_url": "link to join online",
    "conference_phone": "phone number to join",
    "audience": "women;men;lgbtq;young_adults;veterans;family",
    "languages": "ISO 639-1 codes like en;es",
    "accessibility": "e.g. wheelchair;asl",
    "open": "open (anyone may come) or closed, or empty",
    "secular": "yes or no",
    "dual_diagnosis": "yes or no",
    "medication_friendly": "yes or no",
    "concerns": "extra concern codes beyond the fellowship's, like depression;anxiety",
    "other_types": "other Meeting Guide type codes to keep",
    "notes": "notes shown with the group",
    "last_verified": "date the listing was last checked, like 2026-05-01",
    "freq": "weekly (default) or monthly",
    "interval": "every how many weeks or months (default 1)",
    "byday": "for monthly meetings: 1TU (first Tuesday), -1FR (last Friday)",
    "anchor": "a date the meeting falls on, for every-other-week meetings",
    "sample": "yes for sample (not real) listings",
}
REQUIRED = ("source_id", "name", "days", "time")
_DAY_WORDS = {d: i for i, d in enumerate(DAYS)} | {
    name: i
    for i, name in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
}
_YES = {"yes": True, "y": True, "true": True, "1": True, "no": False, "n": False}
_YES |= {"false": False, "0": False}


def _list(value: Any) -> list[str]:
    text = read_text(value, "list", limit=2000) or ""
    return sorted({p.strip() for p in text.split(";") if p.strip()})


def _bool(row: dict[str, Any], name: str) -> bool:
    text = (read_text(row.get(name), name) or "no").lower()
    if text not in _YES:
        raise RowProblem(name, f"{text!r} is not yes or no")
    return _YES[text]


def _days(value: Any) -> list[int]:
    days: list[int] = []
    for part in _list(value) or [""]:
        key = part.lower()
        if key not in _DAY_WORDS:
            raise RowProblem("days", f"{part!r} is not a day like mon or Monday")
        days.append(_DAY_WORDS[key])
    return sorted(set(days))


def _meetings(row: dict[str, Any]) -> list[MeetingCreate]:
    days = _days(row.get("days"))
    start = read_time(row.get("time"), "time")
    end = (
        read_time(row.get("end_time"), "end_time")
        if read_text(row.get("end_time"), "end_time")
        else None
    )
    try:
        return [
            MeetingCreate(
                weekday=d,
                start=start,
                end=end,
                # pydantic reads the texts into a Freq and an int, and says what is wrong
                freq=read_text(row.get("freq"), "freq") or "weekly",  # type: ignore[arg-type]
                interval=read_text(row.get("interval"), "interval") or 1,  # type: ignore[arg-type]
                byday=read_text(row.get("byday"), "byday"),
                anchor=read_date(row.get("anchor"), "anchor"),
            )
            for d in days
        ]
    except ValidationError as exc:
        problem = exc.errors()[0]
        raise RowProblem(str(problem["loc"][0]), problem["msg"]) from None


def _open(row: dict[str, Any]) -> bool | None:
    text = (read_text(row.get("open"), "open") or "").lower()
    if text not in ("", "open", "closed"):
        raise RowProblem("open", f"{text!r} is not open or closed")
    return None if not text else text == "open"


def read_row(number: int, row: dict[str, Any]) -> GroupRecord:
    """One CSV row as a checked record; RowProblem names the bad column."""
    fields: dict[str, Any] = {
        "name": read_text(row.get("name"), "name", required=True, limit=200),
        "timezone": read_timezone(row.get("timezone")),
        "latitude": read_float(row.get("latitude"), "latitude", -90, 90),
        "longitude": read_float(row.get("longitude"), "longitude", -180, 180),
        "audience": _list(row.get("audience")),
        "languages": _list(row.get("languages")),
        "accessibility": _list(row.get("accessibility")),
        "other_types": _list(row.get("other_types")),
        "open_meeting": _open(row),
        "secular": _bool(row, "secular"),
        "dual_diagnosis": _bool(row, "dual_diagnosis"),
        "medication_friendly": _bool(row, "medication_friendly"),
        "is_sample": _bool(row, "sample"),
        "notes": read_text(row.get("notes"), "notes", limit=4000) or "",
        "last_verified": read_date(row.get("last_verified"), "last_verified"),
    }
    warnings: list[RowProblem] = []
    for key in ("location_name", "street", "city", "state", "postal_code", "country"):
        fields[key] = read_text(row.get(key), key, limit=200)
    # only a web address is kept as a link (javascript:, tg:// ... are dropped with a warning)
    fields["conference_url"] = soft(
        warnings, lambda: read_url(row.get("conference_url"), "conference_url")
    )
    fields["conference_phone"] = read_text(row.get("conference_phone"), "conference_phone")
    if fields["country"]:  # "USA" and "United States" read as US; others are checked with the row
        fields["country"] = country_code(fields["country"]) or fields["country"].upper()
    fmt = read_text(row.get("format"), "format")
    if fmt is None:
        online = fields["conference_url"] or fields["conference_phone"]
        place = fields["street"] or fields["city"] or fields["latitude"] is not None
        fmt = ("hybrid" if place else "online") if online else "in_person"
    if fmt not in {f.value for f in GroupFormat}:
        raise RowProblem("format", f"{fmt!r} is not in_person, online or hybrid")
    fields["format"] = fmt
    meetings = _meetings(row)
    fill_place(fields)
    record = GroupRecord(
        row=number,
        source_id=read_text(row.get("source_id"), "source_id", required=True, limit=200) or "",
        fields=fields,
        meetings=meetings,
        extra_concern_codes=_list(row.get("concerns")),
        fellowship=read_text(row.get("fellowship"), "fellowship"),
        warnings=warnings,
    )
    check_record(record)
    return record


def parse_csv(text: str | bytes, report: ImportReport) -> list[GroupRecord]:
    """CSV text as checked records (several rows of one source_id become one group)."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            report.errors.append(RowError(0, "file", "not UTF-8 text"))
            return []
    try:
        rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    except csv.Error as exc:
        report.errors.append(RowError(0, "file", f"not readable as CSV ({exc})"))
        return []
    header = set(rows[0].keys()) if rows else set()
    missing = [c for c in REQUIRED if c not in header]
    if not rows or missing:
        reason = f"missing column {missing[0]!r}" if missing else "no rows"
        report.errors.append(RowError(1, "header", reason))
        return []
    unknown = sorted(h for h in header if h is not None and h not in CSV_COLUMNS)
    if unknown:
        report.errors.append(RowError(1, "header", f"unknown column {unknown[0]!r}"))
        return []
    rows = [{k: restore(v) for k, v in row.items()} for row in rows]
    records = collect(list(enumerate(rows, start=2)), read_row, report)
    merged: dict[str, GroupRecord] = {}
    for record in records:
        first = merged.get(record.source_id)
        if first is None:
            merged[record.source_id] = record
        elif first.fields != record.fields or first.fellowship != record.fellowship:
            report.errors.append(
                RowError(
                    record.row,
                    "source_id",
                    f"{record.source_id!r} is on row {first.row} with different details",
                )
            )
        else:
            first.meetings.extend(record.meetings)
    return list(merged.values())


def import_csv(
    session: Session,
    text: str | bytes,
    *,
    fellowship: str | None = None,
    source: str = DEFAULT_SOURCE,
    dry_run: bool = False,
    now: datetime | None = None,
    strict: bool = False,
) -> ImportReport:
    """Import a directory CSV: every usable row (``strict``: all rows good, or nothing)."""
    report = ImportReport(source=source, dry_run=dry_run, strict=strict)
    records = parse_csv(text, report)
    return apply_records(session, records, report, fellowship=fellowship, now=now)


# A spreadsheet reads a cell starting with one of these as a formula (OWASP "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula, made plain text by a leading `'`
    (OWASP's advice); numbers stay numbers (a longitude of -83.7 is not a formula)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def restore(value: Any) -> Any:
    """What `neutralise` wrote, read back as it was (an export imports unchanged)."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def export_csv(
    session: Session, *, source: str | None = None, include_archived: bool = False
) -> str:
    """The directory (or one source of it) as CSV text with the documented columns."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(CSV_COLUMNS), lineterminator="\n")
    writer.writeheader()
    query = select(Group)
    if source is not None:
        query = query.where(Group.source == source)
    if not include_archived:
        query = query.where(col(Group.active).is_(True))
    fellowships = {f.id: f for f in session.exec(select(Fellowship))}
    for group in session.exec(query.order_by(col(Group.id))).all():
        assert group.id is not None
        base = {
            "source_id": group.source_id or f"group-{group.id}",
            "name": group.name,
            "fellowship": fellowships[group.fellowship_id].name,
            "format": group.format,
            "timezone": group.timezone,
            "location_name": group.location_name,
            "street": group.street,
            "city": group.city,
            "state": group.state,
            "postal_code": group.postal_code,
            "country": group.country,
            "latitude": group.latitude,
            "longitude": group.longitude,
            "conference_url": group.conference_url,
            "conference_phone": group.conference_phone,
            "audience": ";".join(group.audience or []),
            "languages": ";".join(group.languages or []),
            "accessibility": ";".join(group.accessibility or []),
            "open": {True: "open", False: "closed", None: ""}[group.open_meeting],
            "secular": _yes(group.secular),
            "dual_diagnosis": _yes(group.dual_diagnosis),
            "medication_friendly": _yes(group.medication_friendly),
            "concerns": ";".join(crud.extra_concerns(session, group_id=group.id)),
            "other_types": ";".join(group.other_types or []),
            "notes": group.notes,
            "last_verified": group.last_verified.isoformat() if group.last_verified else "",
            "sample": _yes(group.is_sample),
        }
        times: dict[tuple[Any, ...], list[int]] = defaultdict(list)
        for m in crud.list_meetings(session, group_id=group.id):
            times[(m.start, m.end, m.freq, m.interval, m.byday, m.anchor)].append(m.weekday)
        for (start, end, freq, interval, byday, anchor), days in times.items():
            writer.writerow(
                {k: neutralise(v) for k, v in base.items()}
                | {
                    "days": ";".join(DAYS[d] for d in sorted(days)),
                    "time": start.strftime("%H:%M"),
                    "end_time": end.strftime("%H:%M") if end else "",
                    "freq": freq,
                    "interval": interval,
                    "byday": byday or "",
                    "anchor": anchor.isoformat() if anchor else "",
                }
            )
    return out.getvalue()
