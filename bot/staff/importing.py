"""A coordinator's feed import (Meeting Guide JSON, BMLT results or CSV) through the importers:
a preview first, then the same import applied in one transaction with an audit entry per group."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, select

from bot.staff.audit import record_change
from bot.staff.directory_ops import group_snapshot
from bot.staff.models import AuditAction
from directory.bmlt import import_bmlt, looks_like_bmlt
from directory.csv_io import import_csv
from directory.importing import ImportReport
from directory.meeting_guide import import_meeting_guide
from directory.models import Group

MAX_BYTES = 5 * 1024 * 1024


class ImportRefused(ValueError):
    """The file cannot be imported at all (kind or size); the message says why."""


@dataclass(frozen=True)
class FeedFile:
    """An uploaded feed: its name, kind (meeting-guide or csv) and content."""

    name: str
    kind: str
    content: bytes

    @property
    def source(self) -> str:
        """The feed's name in the directory (the same as `firststep directory import` uses)."""
        return f"{self.kind}:{self.name}"


def check_upload(name: str | None, size: int) -> tuple[str, str]:
    """The file name and kind (meeting-guide or csv) of an upload; ImportRefused when unusable."""
    file_name = ((name or "").strip() or "feed")[:100]
    lower = file_name.lower()
    if lower.endswith(".csv"):
        kind = "csv"
    elif lower.endswith(".json"):
        kind = "meeting-guide"
    else:
        raise ImportRefused(f"{file_name} is neither .json nor .csv")
    if size > MAX_BYTES:
        raise ImportRefused(f"{file_name} is over {MAX_BYTES // (1024 * 1024)} MB")
    return file_name, kind


def feed_file(name: str | None, content: bytes) -> FeedFile:
    """An upload as a feed, its kind and size checked."""
    file_name, kind = check_upload(name, len(content))
    if kind == "meeting-guide" and looks_like_bmlt(content):
        kind = "bmlt"  # BMLT search results, in either of their shapes
    return FeedFile(file_name, kind, content)


def _importer(feed: FeedFile) -> Callable[..., ImportReport]:
    importers: dict[str, Callable[..., ImportReport]] = {"csv": import_csv, "bmlt": import_bmlt}
    return importers.get(feed.kind, import_meeting_guide)


def preview(
    session: Session, *, feed: FeedFile, fellowship: str | None, now: datetime
) -> ImportReport:
    """What the import would do (nothing is written)."""
    report = _importer(feed)(
        session, feed.content, fellowship=fellowship, source=feed.source, dry_run=True, now=now
    )
    session.rollback()
    return report


def counts(report: ImportReport) -> tuple[int, int, int, int, int]:
    """(new, updated, unchanged, archived, rows left out): what a preview promised."""
    left_out = len(report.errors) + len(report.skipped)
    return report.new, report.updated, report.unchanged, report.archived, left_out


class PreviewChanged(RuntimeError):
    """The directory changed between the preview and the confirmation; nothing was applied."""


def apply(
    session: Session,
    *,
    feed: FeedFile,
    fellowship: str | None,
    actor: int,
    now: datetime,
    expected: tuple[int, int, int, int, int],
) -> ImportReport:
    """Apply the import in the caller's transaction, audited; it must match the preview."""
    before = _snapshots(session, feed.source)
    report = _importer(feed)(
        session, feed.content, fellowship=fellowship, source=feed.source, dry_run=False, now=now
    )
    if not report.ok or counts(report) != expected:
        raise PreviewChanged(report.summary())
    after = _snapshots(session, feed.source)
    for group_id in sorted(set(before) | set(after)):
        old, new = before.get(group_id), after.get(group_id)
        if old != new:
            record_change(
                session,
                actor_user_id=actor,
                action=AuditAction.import_,
                table_name="group",
                record_id=group_id,
                group_id=group_id,
                before=old,
                after=new,
                now=now,
            )
    return report


def _snapshots(session: Session, source: str) -> dict[int, dict[str, Any]]:
    groups = session.exec(select(Group).where(Group.source == source)).all()
    return {g.id or 0: group_snapshot(session, g) for g in groups}
