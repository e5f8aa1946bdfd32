"""Helpers for follow-up tests: people, plans, a recording `send`, a fake clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.clock import FakeClock
from bot.db import session_scope
from bot.followups.dispatch import Dispatcher, Outgoing
from bot.followups.models import FollowUp, Plan
from bot.followups.plans import record_plan
from bot.models import Event, Person
from bot.settings import Settings, build_settings

NY = ZoneInfo("America/New_York")


class RecordingSend:
    """A `send` that records messages and raises queued errors first."""

    def __init__(self) -> None:
        self.sent: list[Outgoing] = []
        self.errors: list[BaseException] = []
        self.calls = 0

    async def __call__(self, message: Outgoing) -> int:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        self.sent.append(message)
        return 1000 + len(self.sent)


@pytest.fixture
def settings() -> Settings:
    """Default settings (quiet 21:00-08:00, reminder 180 min before, follow-up 120 min after)."""
    return build_settings(FIRSTSTEP_DEFAULT_TIMEZONE="America/New_York")


@pytest.fixture
def clock() -> FakeClock:
    """A fake clock at Monday 2026-11-23 10:00 New York."""
    return FakeClock(datetime(2026, 11, 23, 10, 0, tzinfo=NY))


@pytest.fixture
def sender() -> RecordingSend:
    """A recording send."""
    return RecordingSend()


@pytest.fixture
def dispatcher(engine: Engine, settings: Settings, clock: FakeClock, sender: RecordingSend):
    """A dispatcher over the test database with the fake clock and recording send."""
    return Dispatcher(engine, settings=settings, clock=clock, send=sender)


def add_person(engine: Engine, chat_id: int = 42, tz: str = "America/New_York") -> int:
    """Create a person; returns the id."""
    with session_scope(engine) as session:
        person = Person(telegram_chat_id=chat_id, timezone=tz)
        session.add(person)
        session.flush()
        return person.id or 0


def plan_meeting(
    engine: Engine,
    settings: Settings,
    *,
    person_id: int,
    start: datetime,
    end: datetime,
    now: datetime,
    tz: str = "America/New_York",
    group_id: int = 7,
) -> int:
    """Record a plan through the public hand-over; returns the plan id."""
    with session_scope(engine) as session:
        plan = record_plan(
            session,
            person_id=person_id,
            group_id=group_id,
            meeting_start=start,
            meeting_end=end,
            timezone=tz,
            settings=settings,
            now=now,
        )
        return plan.id or 0


def rows(engine: Engine) -> list[FollowUp]:
    """All follow-up rows, by id."""
    with Session(engine) as session:
        return list(session.exec(select(FollowUp).order_by(FollowUp.id)).all())


def events(engine: Engine, kind: str | None = None) -> list[Event]:
    """Recorded events, optionally of one kind."""
    with Session(engine) as session:
        query = select(Event).order_by(Event.id)
        if kind is not None:
            query = query.where(Event.kind == kind)
        return list(session.exec(query).all())


def get_plan(engine: Engine, plan_id: int) -> Plan:
    """Reload a plan."""
    with Session(engine) as session:
        plan = session.get(Plan, plan_id)
        assert plan is not None
        return plan


def local(moment: datetime | None, tz: ZoneInfo = NY) -> str:
    """A UTC moment as local 'YYYY-MM-DD HH:MM' for readable assertions."""
    assert moment is not None
    return moment.replace(tzinfo=moment.tzinfo or UTC).astimezone(tz).strftime("%Y-%m-%d %H:%M")


Factory = Callable[..., int]
