"""The shared half of every import: validate all rows first, then apply them in one go.

Nothing is written unless every row is good. Groups are keyed by (source, source_id): importing
the same feed again updates them in place, and active groups of that source missing from the feed
are archived. With ``dry_run`` the report says what would change and nothing is written.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

from sqlmodel import Session, col, select

from directory import crud
from directory.geo import geocode, timezone_at
from directory.models import (
    Group,
    GroupConcern,
    GroupCreate,
    GroupFormat,
    GroupUpdate,
    Meeting,
    MeetingCreate,
)

log = logging.getLogger(__name__)

DEFAULT_FELLOWSHIP = "Alcoholics Anonymous"
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")
_MAX_ERRORS = 50


@dataclass(frozen=True, slots=True)
class RowError:
    """A problem with one row: where it is, which field, and why."""

    row: int
    field: str
    reason: str

    def __str__(self) -> str:
        if not self.row:
            return f"{self.field}: {self.reason}"
        return f"row {self.row}, {self.field}: {self.reason}"


class RowProblem(ValueError):
    """Raised while reading a row; becomes a RowError."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


@dataclass(slots=True)
class ImportReport:
    """What an import did (or, with dry_run, would do)."""

    source: str
    dry_run: bool = False
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    archived: int = 0
    errors: list[RowError] = field(default_factory=list)
    skipped: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every row was good."""
        return not self.errors

    def summary(self) -> str:
        """One line for people."""
        if self.errors:
            more = f" (and {len(self.errors) - 1} more)" if len(self.errors) > 1 else ""
            return f"nothing imported: {self.errors[0]}{more}"
        verb = "would be" if self.dry_run else "were"
        skipped = f", {len(self.skipped)} skipped" if self.skipped else ""
        return (
            f"{self.new} new, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.archived} archived{skipped} ({verb} imported from {self.source})"
        )


@dataclass(slots=True)
class GroupRecord:
    """One group read from a feed, checked and ready to store."""

    row: int
    source_id: str
    fields: dict[str, Any]
    meetings: list[MeetingCreate]
    extra_concern_codes: list[str] = field(default_factory=list)
    fellowship: str | None = None


# --------------------------------------------------------------------------- value readers


def read_text(value: Any, name: str, *, required: bool = False, limit: int = 500) -> str | None:
    """A trimmed string or None; RowProblem when required and missing or too long."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise RowProblem(name, "missing")
        return None
    if not isinstance(value, str | int | float):
        raise RowProblem(name, "must be text")
    text = str(value).strip()
    if len(text) > limit:
        raise RowProblem(name, f"longer than {limit} characters")
    return text


def read_time(value: Any, name: str) -> time:
    """'19:30' or '19:30:00' as a time; RowProblem otherwise."""
    text = read_text(value, name, required=True) or ""
    match = _TIME.match(text)
    if match:
        hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
        if hour < 24 and minute < 60 and second < 60:
            return time(hour, minute)
        if (hour, minute, second) == (24, 0, 0):
            return time(23, 59)
    raise RowProblem(name, f"{text!r} is not a time like 19:30")


def read_float(value: Any, name: str, low: float, high: float) -> float | None:
    """A number within [low, high], or None when empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise RowProblem(name, f"{value!r} is not a number") from None
    if not low <= number <= high:
        raise RowProblem(name, f"must be between {low:g} and {high:g}")
    return number


def read_date(value: Any, name: str) -> date | None:
    """'2024-05-01' or '2024-05-01 12:00:00' as a date, or None when empty."""
    text = read_text(value, name)
    if text is None:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        raise RowProblem(name, f"{text!r} is not a date like 2024-05-01") from None


def read_timezone(value: Any, name: str = "timezone") -> str | None:
    """A known IANA time zone name, or None when empty."""
    text = read_text(value, name, limit=64)
    if text is None:
        return None
    try:
        return crud.check_timezone(text, name)
    except crud.DirectoryError as exc:
        raise RowProblem(name, exc.reason) from None


def fill_place(fields: dict[str, Any]) -> None:
    """Work out missing coordinates (from zip or town) and a missing time zone, offline."""
    if fields.get("format") != GroupFormat.online and fields.get("latitude") is None:
        for query in (fields.get("postal_code"), _town(fields)):
            place = geocode(query) if query else None
            if place is not None:
                fields["latitude"], fields["longitude"] = place.latitude, place.longitude
                break
    if not fields.get("timezone") and fields.get("latitude") is not None:
        fields["timezone"] = timezone_at(fields["latitude"], fields["longitude"])
    if not fields.get("timezone"):
        raise RowProblem("timezone", "missing, and there are no coordinates to work it out from")


def _town(fields: dict[str, Any]) -> str | None:
    parts = [fields.get("city"), fields.get("state"), fields.get("country")]
    return " ".join(p for p in parts if p) if fields.get("city") else None


def check_record(record: GroupRecord) -> None:
    """Run the directory's own checks on a record; RowProblem names the field."""
    try:
        probe = Group(fellowship_id=0, **record.fields)
        crud.check_group_fields(probe)
        crud.check_concern_codes(record.extra_concern_codes, "concerns")
        for meeting in record.meetings:
            crud.check_meeting(meeting)
    except crud.DirectoryError as exc:
        raise RowProblem(exc.field, exc.reason) from None


# --------------------------------------------------------------------------- applying


def _meeting_key(meetings: list[Any]) -> list[tuple[Any, ...]]:
    return sorted(
        (m.weekday, m.start, m.end, str(m.freq), m.interval, m.byday, m.anchor) for m in meetings
    )


def _stored_details(
    session: Session, ids: list[int | None]
) -> tuple[dict[int, list[Any]], dict[int, list[str]]]:
    """Meetings and extra concern codes of many groups, read in a few queries."""
    meetings: dict[int, list[Any]] = {}
    codes: dict[int, list[str]] = {}
    known = sorted(i for i in ids if i is not None)
    for start in range(0, len(known), 500):
        chunk = known[start : start + 500]
        for m in session.exec(select(Meeting).where(col(Meeting.group_id).in_(chunk))):
            meetings.setdefault(m.group_id, []).append(m)
        for gc in session.exec(select(GroupConcern).where(col(GroupConcern.group_id).in_(chunk))):
            codes.setdefault(gc.group_id, []).append(gc.code)
    return meetings, codes


def _resolve_fellowships(
    session: Session, records: list[GroupRecord], fellowship: str | None, report: ImportReport
) -> dict[str, int]:
    """Fellowship ids by name for every record; problems go into the report."""
    ids: dict[str, int] = {}
    for record in records:
        name = fellowship or record.fellowship or DEFAULT_FELLOWSHIP
        record.fellowship = name
        if name in ids:
            continue
        found = crud.get_fellowship(session, name=name)
        if found is None or found.id is None:
            hint = " (run `firststep directory seed` first)" if name == DEFAULT_FELLOWSHIP else ""
            report.errors.append(
                RowError(record.row, "fellowship", f"no fellowship called {name!r}{hint}")
            )
            continue
        ids[name] = found.id
    return ids


def apply_records(
    session: Session,
    records: list[GroupRecord],
    report: ImportReport,
    *,
    fellowship: str | None = None,
    now: datetime | None = None,
) -> ImportReport:
    """Store checked records (or only count, with dry_run); nothing is written on any error."""
    now = now or datetime.now(UTC)
    if report.errors:
        return report
    fellowship_ids = _resolve_fellowships(session, records, fellowship, report)
    if report.errors:
        return report
    existing = {
        g.source_id: g for g in session.exec(select(Group).where(Group.source == report.source))
    }
    stored_meetings, stored_codes = _stored_details(session, [g.id for g in existing.values()])
    plans: list[tuple[GroupRecord, Group | None, dict[str, Any], bool, bool]] = []
    for record in records:
        fid = fellowship_ids[record.fellowship or ""]
        group = existing.get(record.source_id)
        if group is None:
            report.new += 1
            plans.append((record, None, {}, True, True))
            continue
        assert group.id is not None
        wanted = {**record.fields, "fellowship_id": fid}
        changed = {k: v for k, v in wanted.items() if getattr(group, k) != v}
        codes_changed = sorted(stored_codes.get(group.id, [])) != sorted(
            set(record.extra_concern_codes)
        )
        stored = stored_meetings.get(group.id, [])
        meetings_changed = _meeting_key(stored) != _meeting_key(record.meetings)
        if changed or codes_changed or meetings_changed or not group.active:
            report.updated += 1
        else:
            report.unchanged += 1
        plans.append((record, group, changed, codes_changed, meetings_changed))
    in_feed = {r.source_id for r in records}
    gone = [g for sid, g in existing.items() if sid not in in_feed and g.active]
    report.archived = len(gone)
    if report.dry_run:
        return report
    new_items = [
        (
            GroupCreate(
                fellowship_id=fellowship_ids[record.fellowship or ""],
                source=report.source,
                source_id=record.source_id,
                extra_concern_codes=record.extra_concern_codes,
                **record.fields,
            ),
            record.meetings,
        )
        for record, group, *_ in plans
        if group is None
    ]
    crud.create_groups(session, items=new_items)
    for record, group, changed, codes_changed, meetings_changed in plans:
        if group is None:
            continue
        if not group.active:
            crud.restore_group(session, group=group, now=now)
        if changed:
            crud.update_group(session, group=group, data=GroupUpdate(**changed), now=now)
        if codes_changed:
            crud.set_extra_concerns(session, group=group, codes=record.extra_concern_codes)
        if meetings_changed:
            crud.set_meetings(session, group=group, meetings=record.meetings)
    for group in gone:
        crud.archive_group(session, group=group, now=now)
    log.info(
        "directory import applied",
        extra={"source": report.source, "new": report.new, "updated": report.updated},
    )
    return report


def collect(rows: list[tuple[int, Any]], read: Any, report: ImportReport) -> list[GroupRecord]:
    """Read every row with ``read(row_number, raw)``; problems become RowErrors, in row order."""
    records: list[GroupRecord] = []
    for number, raw in rows:
        try:
            record = read(number, raw)
        except RowProblem as exc:
            report.errors.append(RowError(number, exc.field, exc.reason))
            if len(report.errors) >= _MAX_ERRORS:
                break
            continue
        if record is not None:
            records.append(record)
    return records
