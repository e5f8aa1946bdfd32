"""The shared half of every import: read every row, keep what can be used, apply it in one go.

A row that cannot be used at all (a meeting by appointment, a time nobody can read) is skipped
and reported with its row, field and reason; the other rows are imported. A row with an odd
optional field (a date written oddly, a link that is not a web address) keeps the row and drops
the field, with a warning. ``strict`` restores all-or-nothing: any problem stops the import and
nothing is written. Groups are keyed by (source, source_id): importing the same feed again
updates them in place, and active groups of that source missing from the feed are archived. A
refresh may carry an archive guard: if it would archive more than that share of the source's
groups, nothing changes until someone confirms (``report.held``). With ``dry_run`` the report
says what would change and nothing is written.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any, TypeVar

import sqlalchemy as sa
from pydantic import ValidationError
from sqlmodel import Session, col, select

from directory import crud
from directory.geo import geocode, geocode_town, timezone_at
from directory.models import (
    Group,
    GroupBase,
    GroupConcern,
    GroupCreate,
    GroupFormat,
    GroupUpdate,
    Meeting,
    MeetingCreate,
    web_address,
)

log = logging.getLogger(__name__)

T = TypeVar("T")
DEFAULT_FELLOWSHIP = "Alcoholics Anonymous"
ARCHIVE_GUARD = 0.25  # a refresh that would archive more than this share of a source waits
_TIME_24 = re.compile(r"^(\d{1,2}):?(\d{2})(?::(\d{2}))?$")
_TIME_12 = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?(?::\d{2})?\s*([ap])\.?\s*m?\.?$", re.IGNORECASE)
_DATE_FORMATS = ("%m/%d/%Y", "%m/%d/%y", "%Y/%m/%d", "%d/%m/%Y", "%d.%m.%Y", "%Y%m%d")
_PHONE = re.compile(r"\+?\d[\d\s().,*#-]{5,}\d#?")
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
    """What an import did (or, with dry_run, would do).

    ``errors`` stop the import (nothing written); ``skipped`` rows were left out and the rest
    imported; ``warnings`` are fields dropped from rows that were kept; ``held`` means the
    archive guard stopped a refresh that would archive too much (nothing written either).
    """

    source: str
    dry_run: bool = False
    strict: bool = False
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    archived: int = 0
    active_before: int = 0
    held: bool = False
    errors: list[RowError] = field(default_factory=list)
    skipped: list[RowError] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing stopped the import (skipped rows and warnings do not)."""
        return not self.errors

    def summary(self) -> str:
        """One line for people."""
        if self.errors:
            more = f" (and {len(self.errors) - 1} more)" if len(self.errors) > 1 else ""
            return f"nothing imported: {self.errors[0]}{more}"
        if self.held:
            return (
                f"nothing changed: this would archive {self.archived} of the "
                f"{self.active_before} groups of {self.source}, more than a quarter; "
                "a coordinator must confirm it"
            )
        verb = "would be" if self.dry_run else "were"
        dropped = [w for w in self.warnings if w.row]
        skipped = f", {len(self.skipped)} rows skipped" if self.skipped else ""
        warned = f", {len(dropped)} fields dropped" if dropped else ""
        notes = "".join(f"; {w}" for w in self.warnings if not w.row)
        return (
            f"{self.new} new, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.archived} archived{skipped}{warned} ({verb} imported from {self.source}){notes}"
        )

    def problems(self, limit: int = 20) -> list[str]:
        """The first skipped rows and dropped fields, one line each, for people (notes about
        the whole feed are in the summary)."""
        lines = [f"skipped {p}" for p in self.skipped]
        lines += [f"dropped {p}" for p in self.warnings if p.row]
        return lines[:limit]


@dataclass(slots=True)
class GroupRecord:
    """One group read from a feed, checked and ready to store."""

    row: int
    source_id: str
    fields: dict[str, Any]
    meetings: list[MeetingCreate]
    extra_concern_codes: list[str] = field(default_factory=list)
    fellowship: str | None = None
    warnings: list[RowProblem] = field(default_factory=list)


# --------------------------------------------------------------------------- value readers


def soft(warnings: list[RowProblem], read: Callable[[], T]) -> T | None:
    """Read an optional field: a problem drops the field with a warning instead of the row."""
    try:
        return read()
    except RowProblem as exc:
        warnings.append(exc)
        return None


def read_text(value: Any, name: str, *, required: bool = False, limit: int = 500) -> str | None:
    """A trimmed string or None; RowProblem when required and missing or too long."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise RowProblem(name, "missing")
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise RowProblem(name, "must be text")
    text = str(value).strip()
    if len(text) > limit:
        raise RowProblem(name, f"longer than {limit} characters")
    return text


def read_time(value: Any, name: str) -> time:
    """A time as people write it: '19:30', '19:30:00', '7:30 PM', '7pm', 'noon'."""
    text = read_text(value, name, required=True) or ""
    lowered = text.lower()
    if lowered in ("noon", "12 noon"):
        return time(12, 0)
    if lowered == "midnight":
        return time(23, 59)
    match = _TIME_24.match(text)
    if match:
        hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
        if hour < 24 and minute < 60 and second < 60:
            return time(hour, minute)
        if (hour, minute, second) == (24, 0, 0):
            return time(23, 59)
    match = _TIME_12.match(text)
    if match:
        hour, minute = int(match[1]), int(match[2] or 0)
        if 1 <= hour <= 12 and minute < 60:
            return time(hour % 12 + (12 if match[3].lower() == "p" else 0), minute)
    raise RowProblem(name, f"{text!r} is not a time like 19:30 or 7:30 PM")


def read_float(value: Any, name: str, low: float, high: float) -> float | None:
    """A number within [low, high], or None when empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise RowProblem(name, f"{value!r} is not a number")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise RowProblem(name, f"{value!r} is not a number") from None
    if not low <= number <= high:
        raise RowProblem(name, f"must be between {low:g} and {high:g}")
    return number


def read_date(value: Any, name: str) -> date | None:
    """A date as feeds write it ('2024-05-01', '2024-05-01 12:00:00', '8/29/2021'), or None."""
    text = read_text(value, name, limit=40)
    if text is None:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    head = re.split(r"[ T]", text, maxsplit=1)[0]
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(head, fmt).date()
        except ValueError:
            continue
    raise RowProblem(name, f"{text!r} is not a date like 2024-05-01")


def read_timezone(value: Any, name: str = "timezone") -> str | None:
    """A known IANA time zone name, or None when empty."""
    text = read_text(value, name, limit=64)
    if text is None:
        return None
    try:
        return crud.check_timezone(text, name)
    except crud.DirectoryError as exc:
        raise RowProblem(name, exc.reason) from None


def read_url(value: Any, name: str) -> str | None:
    """A web address (http or https), or None when empty; other schemes are refused."""
    text = read_text(value, name)
    if text is None:
        return None
    if web_address(text) is None:
        raise RowProblem(name, f"{text[:60]!r} is not a web address (https://...)")
    return text


def read_phone(value: Any, name: str, limit: int = 64) -> tuple[str | None, str | None]:
    """A phone number to dial and the words around it ('Zoom ID ... PW: ask' -> number, notes).

    The number keeps digits, '+', ',', '*' and '#' (for one-tap dialling); text without a
    number of at least seven digits gives no number, only the notes.
    """
    text = read_text(value, name, limit=4000)
    if text is None:
        return None, None
    found = _PHONE.search(text)
    digits = re.sub(r"[^\d+,*#]", "", found.group(0)) if found else ""
    if sum(c.isdigit() for c in digits) < 7:
        return None, text
    number = digits[:limit]
    rest = (text[: found.start()] + text[found.end() :]).strip(" \t\n-:;,") if found else ""
    only_number = re.fullmatch(r"[\d\s().+*#,-]+", text) is not None
    return number, (None if only_number or not rest else text)


# --------------------------------------------------------------------------- places


@dataclass(frozen=True, slots=True)
class FeedContext:
    """What a whole feed says about where it is, to read each row in its own country and region."""

    country: str | None = None
    region: str | None = None
    timezone: str | None = None
    default_timezone: str | None = None  # the source's own (a coordinator set it)


def dominant(values: Iterable[str | None], share: float = 0.5) -> str | None:
    """The value most rows give, when it is at least ``share`` of the rows that give one."""
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    value, count = counts.most_common(1)[0]
    return value if count >= share * sum(counts.values()) else None


def fill_place(fields: dict[str, Any], context: FeedContext | None = None) -> None:
    """Work out missing coordinates (zip code, or the town in the feed's own country and region
    first) and a missing time zone, offline.

    The time zone comes from the row, else the source's own default, else the meeting's
    coordinates (never approximate ones), else the zip code or town, else the feed's usual zone.
    """
    context = context or FeedContext()
    approximate = bool(fields.get("approximate"))
    place = None
    if (fields.get("latitude") is None) != (fields.get("longitude") is None):
        fields["latitude"] = fields["longitude"] = None  # half a point is no point
    wants_point = fields.get("format") != GroupFormat.online and not approximate
    if fields.get("latitude") is None and (wants_point or not fields.get("timezone")):
        if fields.get("postal_code"):
            place = geocode(str(fields["postal_code"]))
        if place is None and fields.get("city"):
            place = geocode_town(
                str(fields["city"]),
                country=fields.get("country") or context.country,
                region=fields.get("state") or context.region,
            )
        if place is not None and wants_point:
            fields["latitude"], fields["longitude"] = place.latitude, place.longitude
    if fields.get("timezone"):
        return
    if context.default_timezone:
        fields["timezone"] = context.default_timezone
    elif fields.get("latitude") is not None and not approximate:
        fields["timezone"] = timezone_at(fields["latitude"], fields["longitude"])
    if not fields.get("timezone") and place is not None:
        fields["timezone"] = place.timezone
    if not fields.get("timezone") and context.timezone:
        fields["timezone"] = context.timezone
    if not fields.get("timezone"):
        raise RowProblem("timezone", "missing, and there is no place to work it out from")


def drain(entries: list[Any]) -> Iterator[tuple[int, Any]]:
    """(row number, entry) of a list this import parsed itself, letting go of each entry once
    read, so the feed as parsed and its records are not both held whole."""
    for index in range(len(entries)):
        entry, entries[index] = entries[index], None
        yield index + 1, entry


_NEEDED = frozenset({"name", "timezone", "format", "source_id"})  # a row cannot do without these


def fit_model(record: GroupRecord) -> None:
    """Check a record's values against the limits the directory stores them with (lengths,
    types), as storing it would: a bad optional field is dropped with a warning (the importers'
    tolerant rule), a bad needed one is a RowProblem that names it."""
    values = {**record.fields, "source_id": record.source_id, "fellowship_id": 0}
    try:
        GroupCreate.model_validate(values)
        return
    except ValidationError as exc:
        problems = exc.errors()
    for problem in problems:
        name = str(problem["loc"][0]) if problem["loc"] else "row"
        reason = _model_reason(name, problem)
        if name in _NEEDED or name not in record.fields:
            raise RowProblem(name, reason)
        field_info = GroupBase.model_fields[name]
        record.fields[name] = field_info.get_default(call_default_factory=True)
        record.warnings.append(RowProblem(name, reason))


def _model_reason(name: str, problem: Any) -> str:
    """A validation problem in the import report's plain words."""
    if name == "country":
        return f"{str(problem.get('input'))[:20]!r} is not a two-letter country code like US"
    if problem["type"] == "string_too_long":
        return f"longer than {problem['ctx']['max_length']} characters"
    return str(problem["msg"]).lower()


def check_record(record: GroupRecord) -> None:
    """Run the directory's own checks on a record; RowProblem names the field."""
    fit_model(record)
    try:
        crud.check_group_fields(crud.group_probe(record.fields))
        crud.check_concern_codes(record.extra_concern_codes, "concerns")
        for meeting in record.meetings:
            crud.check_meeting(meeting)
    except crud.DirectoryError as exc:
        why = "".join(f" ({d.field} {d.reason})" for d in record.warnings[:1])  # what was dropped
        raise RowProblem(exc.field, exc.reason + why) from None


# --------------------------------------------------------------------------- applying


def _meeting_key(meetings: list[Any]) -> list[tuple[Any, ...]]:
    return sorted(
        (
            m.weekday, m.start, m.end, str(m.freq), m.interval, m.byday, m.anchor,
            m.source_id or "", m.name or "", m.notes or "",
            repr(sorted((m.feed_extras or {}).items())),
        )
        for m in meetings
    )  # fmt: skip


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
    """Fellowship ids by name: the row's own (the feed says so), else ``fellowship`` (the
    source's default), else Alcoholics Anonymous (with a warning). A row naming a fellowship
    the directory does not know is skipped; an unknown default stops the import."""
    ids: dict[str, int] = {}
    unknown: set[str] = set()
    kept: list[GroupRecord] = []
    assumed = 0
    for record in records:
        named = record.fellowship
        name = named or fellowship or DEFAULT_FELLOWSHIP
        assumed += not (named or fellowship)
        record.fellowship = name
        if name not in ids and name not in unknown:
            found = crud.get_fellowship(session, name=name)
            if found is None or found.id is None:
                unknown.add(name)
            else:
                ids[name] = found.id
        if name in ids:
            kept.append(record)
            continue
        hint = " (run `firststep directory seed` first)" if name == DEFAULT_FELLOWSHIP else ""
        problem = RowError(record.row, "fellowship", f"no fellowship called {name!r}{hint}")
        if named and not report.strict:
            report.skipped.append(problem)
        elif problem.reason not in {e.reason for e in report.errors}:
            report.errors.append(problem)
    if assumed:
        reason = f"not named in the feed or by the source: {DEFAULT_FELLOWSHIP} assumed"
        report.warnings.append(RowError(0, "fellowship", reason))
    records[:] = kept
    return ids


def _group_changes(group: Group, wanted: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in wanted.items() if getattr(group, k) != v}


def apply_records(
    session: Session,
    records: list[GroupRecord],
    report: ImportReport,
    *,
    fellowship: str | None = None,
    now: datetime | None = None,
    archive_guard: float | None = None,
) -> ImportReport:
    """Store checked records; nothing is written on any error. With dry_run the records are
    written and the session's transaction rolled back, so a preview meets every problem the
    import would (callers preview in a session of its own).

    ``archive_guard`` (a share, like 0.25): when the import would archive more than that share
    of the source's active groups, nothing is written and ``report.held`` is set.
    """
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
        changed = _group_changes(group, {**record.fields, "fellowship_id": fid})
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
    report.active_before = sum(1 for g in existing.values() if g.active)
    if archive_guard is not None and report.archived > archive_guard * report.active_before:
        report.held = True
        return report
    # A dry run writes too, then rolls the session's transaction back: the preview is the import
    # itself, so whatever would stop the import stops the preview, in the same words. (Not a
    # savepoint: pysqlite's SAVEPOINT outside a transaction would commit on release.)
    try:
        _write(session, plans, gone, report, fellowship_ids, now)
    except (crud.DirectoryError, ValidationError, sa.exc.SQLAlchemyError) as exc:
        session.rollback()
        report.errors.append(_write_error(exc))
        log.info("directory import refused", extra={"source": report.source})
        return report
    if report.dry_run:
        session.rollback()
        return report
    log.info(
        "directory import applied",
        extra={"source": report.source, "new": report.new, "updated": report.updated},
    )
    return report


def _write_error(exc: Exception) -> RowError:
    """A failure while storing (the checks before it should leave none) in the report's words."""
    if isinstance(exc, crud.DirectoryError):
        return RowError(0, exc.field, exc.reason)
    if isinstance(exc, ValidationError):
        problem = exc.errors()[0]
        name = str(problem["loc"][0]) if problem["loc"] else "row"
        return RowError(0, name, _model_reason(name, problem))
    detail = str(getattr(exc, "orig", None) or type(exc).__name__).splitlines()[0][:200]
    return RowError(0, "file", f"the directory could not store it ({detail})")


def _write(
    session: Session,
    plans: list[tuple[GroupRecord, Group | None, dict[str, Any], bool, bool]],
    gone: list[Group],
    report: ImportReport,
    fellowship_ids: dict[str, int],
    now: datetime,
) -> None:
    """Store the planned changes: new groups in bulk, the others one by one, the gone archived."""
    fresh = [record for record, group, *_ in plans if group is None]
    crud.insert_groups(
        session,
        rows=[
            {
                **record.fields,
                "fellowship_id": fellowship_ids[record.fellowship or ""],
                "source": report.source,
                "source_id": record.source_id,
            }
            for record in fresh
        ],
        meetings=[record.meetings for record in fresh],
        concerns=[record.extra_concern_codes for record in fresh],
        now=now,
    )
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
    session.flush()


def collect(rows: Iterable[tuple[int, Any]], read: Any, report: ImportReport) -> list[GroupRecord]:
    """Read every row with ``read(row_number, raw)``, in row order.

    A row that cannot be used is skipped (``report.skipped``); a dropped field is a warning.
    In strict mode both are errors, and reading stops after 50 of them.
    """
    records: list[GroupRecord] = []
    for number, raw in rows:
        try:
            record = read(number, raw)
        except RowProblem as exc:
            problem = RowError(number, exc.field, exc.reason)
            (report.errors if report.strict else report.skipped).append(problem)
            if report.strict and len(report.errors) >= _MAX_ERRORS:
                break
            continue
        if record is None:
            continue
        for warning in record.warnings:
            problem = RowError(number, warning.field, warning.reason)
            (report.errors if report.strict else report.warnings).append(problem)
        records.append(record)
    return records
