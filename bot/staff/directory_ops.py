"""Coordinators' changes to the directory: the directory's crud, each change with an audit entry."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from bot.staff.audit import record_change
from bot.staff.group_form import FellowshipChoice, GroupDraft, to_create
from bot.staff.models import AuditAction
from directory import crud
from directory.models import Fellowship, Group, GroupFormat, GroupUpdate

STALE_AFTER = timedelta(days=90)
FORM_COLUMNS = frozenset(
    {
        "name",
        "fellowship_id",
        "format",
        "street",
        "city",
        "country",
        "latitude",
        "longitude",
        "conference_url",
        "conference_phone",
        "timezone",
        "audience",
    }
)  # the group columns the form sets; others (contact, notes, verification) an edit keeps


def fellowship_choices(session: Session) -> list[FellowshipChoice]:
    """The fellowships a group can belong to, by short name."""
    return [
        FellowshipChoice(f.id or 0, f.name, f.short_name) for f in crud.list_fellowships(session)
    ]


def group_snapshot(session: Session, group: Group) -> dict[str, Any]:
    """A group with its meetings as JSON-safe data, for the audit trail."""
    data = crud.group_public(session, group=group).model_dump(mode="json")
    data.pop("is_sample", None)
    return data


def create_group(session: Session, *, actor: int, draft: GroupDraft, now: datetime) -> Group:
    """Add a group from a complete draft, with an audit entry."""
    data, meeting = to_create(draft)
    group = crud.create_group(session, data=data, meetings=[meeting])
    group.last_verified = now.date()
    session.add(group)
    session.flush()
    _audit(session, actor, AuditAction.create, group, None, group_snapshot(session, group), now)
    return group


def update_group(
    session: Session, *, actor: int, group: Group, draft: GroupDraft, now: datetime
) -> dict[str, Any]:
    """Apply an edited draft to a group (fields and its one meeting); returns what changed."""
    before = group_snapshot(session, group)
    data, meeting = to_create(draft, source=group.source)
    values = data.model_dump(include=set(FORM_COLUMNS))
    changed = {k: v for k, v in values.items() if getattr(group, k) != v}
    if changed:
        crud.update_group(session, group=group, data=GroupUpdate(**changed), now=now)
    meetings = crud.list_meetings(session, group_id=group.id or 0)
    old = [(m.weekday, m.start, m.end) for m in meetings]
    if old != [(meeting.weekday, meeting.start, meeting.end)]:
        crud.set_meetings(session, group=group, meetings=[meeting])
    after = group_snapshot(session, group)
    if after != before:
        _audit(session, actor, AuditAction.update, group, before, after, now)
    return {k: v for k, v in after.items() if before.get(k) != v}


def archive_group(session: Session, *, actor: int, group: Group, now: datetime) -> Group:
    """Retire a group (kept, restorable, never suggested), with an audit entry."""
    before = group_snapshot(session, group)
    crud.archive_group(session, group=group, now=now)
    _audit(session, actor, AuditAction.archive, group, before, group_snapshot(session, group), now)
    return group


def restore_group(session: Session, *, actor: int, group: Group, now: datetime) -> Group:
    """Bring an archived group back, with an audit entry."""
    before = group_snapshot(session, group)
    crud.restore_group(session, group=group, now=now)
    _audit(session, actor, AuditAction.restore, group, before, group_snapshot(session, group), now)
    return group


def verify_group(session: Session, *, actor: int, group: Group, now: datetime) -> Group:
    """Mark a group as checked today, with an audit entry."""
    before = group_snapshot(session, group)
    crud.verify_group(session, group=group, on=now.date())
    _audit(session, actor, AuditAction.verify, group, before, group_snapshot(session, group), now)
    return group


def _audit(
    session: Session,
    actor: int,
    action: AuditAction,
    group: Group,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    now: datetime,
) -> None:
    record_change(
        session,
        actor_user_id=actor,
        action=action,
        table_name="group",
        record_id=group.id,
        group_id=group.id,
        before=before,
        after=after,
        now=now,
    )


def draft_of(session: Session, group: Group) -> tuple[GroupDraft, int]:
    """A group as an editable draft, and how many meetings it has (edits need exactly one)."""
    fellowship = session.get(Fellowship, group.fellowship_id)
    meetings = crud.list_meetings(session, group_id=group.id or 0)
    first = meetings[0] if meetings else None
    in_person = group.format != GroupFormat.online
    draft = GroupDraft(
        name=group.name,
        fellowship=FellowshipChoice(fellowship.id or 0, fellowship.name, fellowship.short_name)
        if fellowship
        else None,
        format=GroupFormat(group.format),
        place=group.city if in_person else None,
        country=group.country,
        latitude=group.latitude,
        longitude=group.longitude,
        street=group.street,
        url=group.conference_url,
        phone=group.conference_phone,
        timezone=group.timezone,
        weekday=first.weekday if first else None,
        start=first.start if first else None,
        end=first.end if first else None,
        audience=list(group.audience or []),
    )
    return draft, len(meetings)


def search_groups(
    session: Session, *, text: str, offset: int, limit: int
) -> tuple[list[Group], bool]:
    """A page of groups (archived ones too) by name or city; and whether there are more."""
    query = select(Group)
    if text.strip():
        pattern = f"%{text.strip().lower()}%"
        query = query.where(
            sa.or_(sa.func.lower(Group.name).like(pattern), sa.func.lower(Group.city).like(pattern))
        )
    query = query.order_by(col(Group.active).desc(), col(Group.name), col(Group.id))
    rows = list(session.exec(query.offset(offset).limit(limit + 1)))
    return rows[:limit], len(rows) > limit


def stale_groups(session: Session, *, now: datetime, limit: int = 50) -> tuple[list[Group], int]:
    """Active groups unverified for 90 days (never-verified first, then oldest), and how many."""
    cutoff = (now - STALE_AFTER).date()
    stale = sa.or_(col(Group.last_verified).is_(None), col(Group.last_verified) < cutoff)
    where = (col(Group.active).is_(True), stale)
    total = session.exec(select(sa.func.count()).select_from(Group).where(*where)).one()
    query = select(Group).where(*where)
    order = (col(Group.last_verified).is_not(None), col(Group.last_verified), col(Group.id))
    return list(session.exec(query.order_by(*order).limit(limit))), int(total)
