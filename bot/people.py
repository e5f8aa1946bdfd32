"""People who write to the bot: find or create, record steps, /mydata and /forget."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete
from sqlmodel import Session, col, select

from bot.models import Event, EventKind, Person, PersonStatus
from bot.persistence import delete_chat_state

log = logging.getLogger(__name__)


def get_or_create_person(
    session: Session,
    chat_id: int,
    *,
    now: datetime,
    language_code: str | None = None,
    wake: bool = True,
) -> Person:
    """The person of a private chat, created on first contact; seen now (and active again)."""
    person = session.exec(select(Person).where(Person.telegram_chat_id == chat_id)).first()
    if person is None:
        person = Person(telegram_chat_id=chat_id, created_at=now, last_seen_at=now)
        person.language_code = (language_code or None) and language_code[:8]
        session.add(person)
        session.flush()
        log.info("person created", extra={"person_id": person.id})
    person.last_seen_at = now
    if wake and person.status != PersonStatus.active:
        person.status = PersonStatus.active
        log.info("person active again", extra={"person_id": person.id})
    session.add(person)
    session.flush()
    return person


def find_person(session: Session, chat_id: int) -> Person | None:
    """The person of a private chat, or None."""
    return session.exec(select(Person).where(Person.telegram_chat_id == chat_id)).first()


def record_event(
    session: Session,
    *,
    person_id: int,
    kind: EventKind,
    now: datetime,
    group_id: int | None = None,
    detail: str | None = None,
) -> Event:
    """Record one step or outcome (codes only)."""
    event = Event(person_id=person_id, kind=kind, group_id=group_id, detail=detail, at=now)
    session.add(event)
    session.flush()
    return event


def set_status(session: Session, *, person_id: int, status: PersonStatus) -> None:
    """Change whether the bot may write to a person on its own."""
    person = session.get(Person, person_id)
    if person is not None:
        person.status = status
        session.add(person)
        log.info("person status", extra={"person_id": person_id, "status": str(status)})


def forget_person(session: Session, person_id: int) -> bool:
    """Delete the person and everything that hangs off them (cascade), and their chat's state."""
    person = session.get(Person, person_id)
    if person is None:
        return False
    chat_id = person.telegram_chat_id
    session.execute(delete(Person).where(col(Person.id) == person_id))
    delete_chat_state(session, chat_id)
    session.expunge_all()
    log.info("person forgotten", extra={"person_id": person_id})
    return True


@dataclass
class MyData:
    """What the bot keeps about one person (for /mydata)."""

    since: datetime
    timezone: str | None
    country: str | None
    status: str
    consented: bool
    events: list[tuple[str, datetime]] = field(default_factory=list)
    plans: list[tuple[str, datetime]] = field(default_factory=list)  # group name, local start


def mydata(session: Session, person_id: int) -> MyData | None:
    """Everything stored about a person in plain fields, or None when there is no such person."""
    person = session.get(Person, person_id)
    if person is None:
        return None
    rows = session.exec(
        select(Event).where(Event.person_id == person_id).order_by(col(Event.at))
    ).all()
    return MyData(
        plans=_plans(session, person_id),
        since=person.created_at,
        timezone=person.timezone,
        country=person.country,
        status=str(person.status),
        consented=person.consented_at is not None,
        events=[(row.kind, row.at) for row in rows],
    )


def _plans(session: Session, person_id: int) -> list[tuple[str, datetime]]:
    """The person's plans: group name and meeting start in the plan's time zone."""
    from zoneinfo import ZoneInfo

    from bot.followups.models import Plan
    from directory.models import Group

    rows = session.exec(
        select(Plan, Group)
        .join(Group, col(Group.id) == col(Plan.group_id), isouter=True)
        .where(Plan.person_id == person_id)
        .order_by(col(Plan.meeting_start))
    ).all()
    return [
        (group.name if group else "?", plan.meeting_start.astimezone(ZoneInfo(plan.timezone)))
        for plan, group in rows
    ]
