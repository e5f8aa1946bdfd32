"""People who write to the bot: find or create, record steps, /mydata and /forget."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from weakref import WeakKeyDictionary

from sqlalchemy import bindparam, delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

import i18n
from bot.models import Event, EventKind, Person, PersonStatus
from bot.persistence import delete_chat_state

log = logging.getLogger(__name__)
SEEN_EVERY = timedelta(minutes=5)  # last_seen_at is kept to this (retention counts in days)
_SEEN_MAX = 50_000  # remembered chats per database before the stale ones are let go

# Per database: chat id -> when the person was last noted as seen (and active) by this process.
_seen: WeakKeyDictionary[Engine, dict[int, datetime]] = WeakKeyDictionary()


def _fresh(last: datetime | None, now: datetime) -> bool:
    """Whether `last` is at most SEEN_EVERY before `now` (so seeing again need not be written)."""
    return last is not None and last <= now < last + SEEN_EVERY


def seen_recently(engine: Engine, chat_id: int, now: datetime) -> bool:
    """Whether this process noted the person of a chat as seen and active within SEEN_EVERY."""
    return _fresh(_seen.get(engine, {}).get(chat_id), now)


def note_seen(engine: Engine, chat_id: int, now: datetime) -> None:
    """Remember that the person of a chat was just noted as seen and active (committed)."""
    chats = _seen.setdefault(engine, {})
    if len(chats) >= _SEEN_MAX:
        for stale in [chat for chat, last in chats.items() if not _fresh(last, now)]:
            del chats[stale]
    chats[chat_id] = now


def _unsee(session: Session, chat_id: int) -> None:
    """Forget that a chat's person was seen (their status changed or they are gone)."""
    bind = session.get_bind()
    if isinstance(bind, Engine):
        _seen.get(bind, {}).pop(chat_id, None)


def get_or_create_person(
    session: Session,
    chat_id: int,
    *,
    now: datetime,
    language_code: str | None = None,
    wake: bool = True,
) -> Person:
    """The person of a private chat, created on first contact; seen now (and active again).

    last_seen_at is written only when it is more than SEEN_EVERY old, not on every message.
    """
    person = find_person(session, chat_id)
    if person is None:
        return _create_person(session, chat_id, now=now, language_code=language_code)
    changed = False
    if not _fresh(person.last_seen_at, now):
        person.last_seen_at, changed = now, True
    if wake and person.status != PersonStatus.active:
        person.status, changed = PersonStatus.active, True
        log.info("person active again", extra={"person_id": person.id})
    if changed:
        session.add(person)
        session.flush()
    return person


def _create_person(
    session: Session, chat_id: int, *, now: datetime, language_code: str | None
) -> Person:
    """Insert the person of a chat unless a concurrent update just did (no unique-key error)."""
    person = Person(telegram_chat_id=chat_id, created_at=now, last_seen_at=now)
    person.language_code = (language_code or None) and language_code[:8]
    person.locale = i18n.best_match(language_code) or i18n.SOURCE
    values = person.model_dump(exclude={"id"})
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    insert = dialect.insert(Person).values(**values)
    session.execute(insert.on_conflict_do_nothing(index_elements=["telegram_chat_id"]))
    created = session.exec(select(Person).where(Person.telegram_chat_id == chat_id)).one()
    log.info("person created", extra={"person_id": created.id})
    return created


# Built once: the statement (and its cache key) is reused on every update, only the id changes.
_BY_CHAT = select(Person).where(Person.telegram_chat_id == bindparam("chat_id"))


def find_person(session: Session, chat_id: int) -> Person | None:
    """The person of a private chat, or None."""
    return session.exec(_BY_CHAT, params={"chat_id": chat_id}).first()


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
        _unsee(session, person.telegram_chat_id)
        log.info("person status", extra={"person_id": person_id, "status": str(status)})


def set_locale(session: Session, chat_id: int, locale: str, *, chosen: bool) -> None:
    """Store the language the bot writes in to a person (chosen: never offered another)."""
    person = find_person(session, chat_id)
    if person is None:
        return
    person.locale, person.locale_chosen = locale, person.locale_chosen or chosen
    session.add(person)
    session.flush()
    log.info("locale set", extra={"person_id": person.id, "locale": locale, "chosen": chosen})


def forget_person(session: Session, person_id: int) -> bool:
    """Delete the person and everything that hangs off them (cascade), and their chat's state."""
    person = session.get(Person, person_id)
    if person is None:
        return False
    chat_id = person.telegram_chat_id
    _unsee(session, chat_id)
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
    locale: str = i18n.SOURCE
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
        locale=person.locale or i18n.SOURCE,
        events=[(row.kind, row.at) for row in rows],
    )


def _plans(session: Session, person_id: int) -> list[tuple[str, datetime]]:
    """The person's plans: group name and meeting start in the plan's time zone."""
    from bot.followups.models import Plan
    from directory.models import Group
    from directory.zones import zone_or_utc

    rows = session.exec(
        select(Plan, Group)
        .join(Group, col(Group.id) == col(Plan.group_id), isouter=True)
        .where(Plan.person_id == person_id)
        .order_by(col(Plan.meeting_start))
    ).all()
    return [
        (group.name if group else "?", plan.meeting_start.astimezone(zone_or_utc(plan.timezone)))
        for plan, group in rows
    ]
