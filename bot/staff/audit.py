"""The audit trail of directory changes: who, when, what before, what after."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel
from sqlmodel import Session, col, select

from bot.staff.models import AuditAction, AuditEntry


def snapshot(record: BaseModel | dict[str, Any] | None) -> dict[str, Any] | None:
    """A JSON-safe copy of a record's fields (dates as ISO text)."""
    if record is None:
        return None
    if isinstance(record, dict):
        return dict(record)
    return record.model_dump(mode="json")


def record_change(
    session: Session,
    *,
    actor_user_id: int,
    action: AuditAction,
    table_name: str,
    record_id: int | None,
    group_id: int | None,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    now: datetime,
) -> AuditEntry:
    """Add one audit entry in the caller's transaction."""
    entry = AuditEntry(
        actor_user_id=actor_user_id,
        at=now,
        action=action.value,
        table_name=table_name,
        record_id=record_id,
        group_id=group_id,
        before=before,
        after=after,
    )
    session.add(entry)
    return entry


def history(session: Session, *, group_id: int, limit: int = 20) -> list[AuditEntry]:
    """A group's changes, newest first."""
    statement = (
        select(AuditEntry)
        .where(AuditEntry.group_id == group_id)
        .order_by(col(AuditEntry.at).desc(), col(AuditEntry.id).desc())
        .limit(limit)
    )
    return list(session.exec(statement))


def changed_fields(
    before: dict[str, Any] | None, after: dict[str, Any] | None
) -> dict[str, tuple[Any, Any]]:
    """The fields whose values differ: name -> (before, after)."""
    before, after = before or {}, after or {}
    keys = sorted(set(before) | set(after))
    return {k: (before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)}


def describe(entry: AuditEntry, *, limit: int = 6) -> str:
    """One entry as a line or two of text for /history."""
    when = f"{entry.at:%Y-%m-%d %H:%M} UTC"
    head = f"{when} · {entry.action} by {entry.actor_user_id}"
    changes = changed_fields(entry.before, entry.after)
    if entry.action in (AuditAction.create.value, AuditAction.import_.value) and not entry.before:
        return head
    parts = [f"{k}: {_short(old)} → {_short(new)}" for k, (old, new) in list(changes.items())]
    shown = parts[:limit] + ([f"… {len(parts) - limit} more"] if len(parts) > limit else [])
    return head + ("\n  " + "\n  ".join(shown) if shown else "")


def _short(value: Any, width: int = 40) -> str:
    text = "—" if value in (None, "", []) else str(value)
    return text if len(text) <= width else text[: width - 1] + "…"
