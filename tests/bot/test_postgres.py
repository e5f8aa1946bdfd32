"""The conversation on PostgreSQL (production's database): a whole path, a restart, /forget."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from bot import strings
from bot.app import build_application
from bot.console import ConsoleChat, LocalBotApi
from bot.db import session_scope
from bot.followups.models import Plan
from bot.handlers.common import Await
from bot.models import Person
from bot.ops.flood_limiter import FloodLimiter
from bot.persistence_models import BotState
from bot.settings import build_settings
from tests.bot.conftest import START, Bot, seed_directory, stop
from tests.bot.test_conversation import state_of, to_calendar, to_format

pytestmark = pytest.mark.postgres


async def _bot(pg_url: str, pg_engine: Engine, parser: Any, clock: Any, tmp_path: Any) -> Bot:
    settings = build_settings(DATABASE_URL=pg_url, FIRSTSTEP_DATA_DIR=str(tmp_path))
    api = LocalBotApi()
    application = build_application(
        settings, engine=pg_engine, parser=parser, clock=clock, request=api
    )
    application.bot_data.flood_limiter = FloodLimiter(limit=10_000)
    await application.initialize()
    await application.start()
    return Bot(application, api, ConsoleChat(application, api, chat_id=7_000_000_001))


async def test_path_restart_and_forget_on_postgresql(
    pg_url: str, pg_engine: Engine, parser: Any, clock: Any, tmp_path: Any
) -> None:
    seed_directory(pg_engine, START)
    bot = await _bot(pg_url, pg_engine, parser, clock, tmp_path)
    await to_format(bot)
    await stop(bot.application)
    bot = await _bot(pg_url, pg_engine, parser, clock, tmp_path)
    try:
        assert state_of(bot) == Await.FORMAT  # the state came back from PostgreSQL
        await to_calendar(bot)  # from /start again, to a plan
        with session_scope(pg_engine) as session:
            assert len(session.exec(select(Plan)).all()) == 1
        (ask,) = await bot.chat.send("/forget")
        (done,) = await bot.chat.press_data("forget:yes", ask)
        assert done.plain == strings.FORGOTTEN
        with session_scope(pg_engine) as session:
            for table in (Person, Plan, BotState):
                assert session.exec(select(table)).all() == [], table.__name__
    finally:
        await stop(bot.application)
