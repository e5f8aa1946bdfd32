"""Who can say hello to whom, and the introductions' records (database work only)."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from sqlalchemy import ColumnElement
from sqlmodel import Session, and_, col, or_, select

from bot.hello.models import Hello, HelloStatus, Volunteer, VolunteerScope
from bot.models import Event, EventKind
from bot.staff.models import RoleGrant, StaffRole


def settings_of(session: Session, user_id: int) -> Volunteer:
    """A volunteer's settings (made on first use)."""
    found = session.exec(select(Volunteer).where(Volunteer.telegram_user_id == user_id)).first()
    if found is None:
        found = Volunteer(telegram_user_id=user_id)
        session.add(found)
        session.flush()
    return found


def scopes_of(session: Session, user_id: int) -> list[VolunteerScope]:
    """What a volunteer covers."""
    statement = select(VolunteerScope).where(VolunteerScope.volunteer_user_id == user_id)
    return list(session.exec(statement.order_by(col(VolunteerScope.id))))


def _active_volunteers(session: Session) -> set[int]:
    grants = select(col(RoleGrant.telegram_user_id)).where(
        col(RoleGrant.role) == StaffRole.volunteer.value, col(RoleGrant.revoked_at).is_(None)
    )
    paused = select(col(Volunteer.telegram_user_id)).where(col(Volunteer.paused).is_(True))
    held: set[int] = set(session.exec(grants))
    return held - set(session.exec(paused))


def _in_hours(volunteer: Volunteer | None, now: datetime) -> bool:
    start, end = (volunteer.hours_from, volunteer.hours_to) if volunteer else (9, 21)
    hour = now.hour
    return start <= hour < end if start <= end else hour >= start or hour < end


def covering(session: Session, group_id: int) -> list[int]:
    """Active volunteers who cover a group (by the group, its fellowship in its city, or online),
    in the order they joined."""
    from directory.models import Group

    group = session.get(Group, group_id)
    if group is None:
        return []
    same = col(VolunteerScope.fellowship_id) == group.fellowship_id
    ways: list[ColumnElement[bool]] = [col(VolunteerScope.group_id) == group_id]
    if group.city:
        ways.append(and_(same, col(VolunteerScope.city).ilike(group.city)))
    if group.format != "in_person":
        ways.append(and_(same, col(VolunteerScope.online).is_(True)))
    matches = or_(*ways)
    rows = session.exec(
        select(VolunteerScope.volunteer_user_id).where(matches).order_by(col(VolunteerScope.id))
    )
    active = _active_volunteers(session)
    return list(dict.fromkeys(uid for uid in rows if uid in active))


def candidates(session: Session, *, group_id: int, person_chat_id: int, now: datetime,
               skip: list[int]) -> list[int]:  # fmt: skip
    """Volunteers who may be asked now: covering, in their hours, not passed, not blocked."""
    blocked = set(
        session.exec(
            select(Hello.volunteer_user_id).where(
                Hello.person_chat_id == person_chat_id, col(Hello.blocked).is_(True)
            )
        )
    )
    found = []
    for uid in covering(session, group_id):
        if uid in skip or uid in blocked or uid == person_chat_id:
            continue
        settings = session.exec(select(Volunteer).where(Volunteer.telegram_user_id == uid)).first()
        if _in_hours(settings, now):
            found.append(uid)
    return found


def open_hello_of(session: Session, chat_id: int) -> Hello | None:
    """The open introduction this chat is part of, on either side."""
    statement = select(Hello).where(
        Hello.status == HelloStatus.open,
        or_(Hello.person_chat_id == chat_id, Hello.volunteer_user_id == chat_id),
    )
    return session.exec(statement.order_by(col(Hello.id).desc())).first()


def relay_volunteer_of(session: Session, person_chat_id: int) -> int | None:
    """The volunteer in an open relay with this person (None when there is none)."""
    hello = open_hello_of(session, person_chat_id)
    if hello is None or hello.person_chat_id != person_chat_id:
        return None
    return hello.volunteer_user_id


def close(session: Session, hello: Hello, *, by: str, now: datetime) -> None:
    """Close an introduction and let go of the chosen name."""
    hello.status, hello.closed_at, hello.closed_by = HelloStatus.closed, now, by
    hello.shown_name = None
    session.add(hello)


def coverage(session: Session) -> list[tuple[int, str, int]]:
    """Groups with at least one active volunteer: id, name, how many volunteers."""
    from directory.models import Group

    groups = session.exec(select(Group).where(col(Group.active).is_(True))).all()
    rows = []
    for group in groups:
        if group.id is not None and (count := len(covering(session, group.id))):
            rows.append((group.id, group.name, count))
    return rows


def counts(session: Session) -> dict[str, int]:
    """How many introductions were offered, accepted and opened (numbers only)."""
    kinds = [EventKind.hello_offered, EventKind.hello_accepted, EventKind.hello_introduced]
    rows = session.exec(select(Event.kind).where(col(Event.kind).in_(kinds)))
    tally = Counter(rows)
    return {kind.value.removeprefix("hello_"): tally.get(kind.value, 0) for kind in kinds}
