"""Fixtures for conversation tests: a seeded database, the real parser, the real Application."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from bot.app import build_application
from bot.clock import FakeClock
from bot.console import ConsoleChat, LocalBotApi
from bot.db import session_scope
from bot.ops.flood_limiter import FloodLimiter
from bot.settings import Settings, build_settings

# A Tuesday afternoon in Ann Arbor (the demo directory's home): 15:00 UTC is 10:00 there.
START = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
CONTACT_GROUP = "Wednesday Newcomers Welcome"


@pytest.fixture(scope="session")
def parser() -> Any:
    """The real parser, loaded once for all conversation tests."""
    from nlp import load_parser

    return load_parser()


def seed_directory(engine: Engine, now: datetime) -> int:
    """The starter fellowships, the demo groups, and one group with a newcomer contact (its id)."""
    from directory import crud
    from directory.models import GroupCreate, MeetingCreate
    from directory.seed import seed

    with session_scope(engine) as session:
        seed(session, demo=True, now=now)
        aa = crud.get_fellowship(session, name="Alcoholics Anonymous")
        assert aa is not None and aa.id is not None
        group = crud.create_group(
            session,
            data=GroupCreate(
                fellowship_id=aa.id, name=CONTACT_GROUP, format="in_person",
                location_name="Sample Library <Room 2>", city="Ann Arbor", state="MI",
                country="US", latitude=42.2808, longitude=-83.743, timezone="America/Detroit",
                contact_name="Pat & Lee", contact_telegram="@pat_welcomes",
                contact_consent_on=date(2026, 11, 1), is_sample=True, source="test",
            ),
            meetings=[MeetingCreate(weekday=2, start=time(18, 0), end=time(19, 0))],
        )  # fmt: skip
        assert group.id is not None
        return group.id


@pytest.fixture
def settings(sqlite_url: str, tmp_path: Any) -> Settings:
    """Settings on the test's database (no token: the Application never reaches Telegram)."""
    return build_settings(
        DATABASE_URL=sqlite_url, FIRSTSTEP_DATA_DIR=str(tmp_path), TELEGRAM_BOT_TOKEN=""
    )


@pytest.fixture
def clock() -> FakeClock:
    """Time stands still at START unless a test moves it."""
    return FakeClock(START)


@pytest.fixture
def contact_group_id(engine: Engine) -> int:
    """The directory is seeded; the id of the group with a newcomer contact."""
    return seed_directory(engine, START)


@dataclass
class Bot:
    """A running Application with its local Bot API and a person's chat."""

    application: Any
    api: LocalBotApi
    chat: ConsoleChat


@pytest.fixture
async def make_bot(
    settings: Settings, engine: Engine, parser: Any, clock: FakeClock, contact_group_id: int
) -> AsyncIterator[Callable[..., Any]]:
    """Build (and start) a fresh Application on the same database; stopped at the end."""
    running: list[Any] = []

    async def build(chat_id: int = 4242) -> Bot:
        api = LocalBotApi()
        application = build_application(
            settings, engine=engine, parser=parser, clock=clock, request=api
        )
        application.bot_data.flood_limiter = FloodLimiter(limit=10_000)  # tests type fast
        application.bot.rate_limiter.lift_overall_limit()  # no 30-a-second pacing offline
        await application.initialize()
        await application.start()
        running.append(application)
        return Bot(application, api, ConsoleChat(application, api, chat_id=chat_id))

    yield build
    for application in running:
        await stop(application)


@pytest.fixture
async def bot(make_bot: Callable[..., Any]) -> Bot:
    """One running Application and a person's chat (shut down by make_bot)."""
    return await make_bot()


async def stop(application: Any) -> None:
    """Stop and shut down an Application (persistence is flushed)."""
    if application.running:
        await application.stop()
    if application._initialized:
        await application.shutdown()
