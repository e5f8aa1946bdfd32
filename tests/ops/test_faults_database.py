"""The database lost for a while mid-run, then back: crisis replies go on, no follow-up is lost."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.engine import Engine, make_url
from sqlmodel import select

from bot import strings as bot_strings
from bot.app import build_application
from bot.clock import FakeClock
from bot.db import session_scope
from bot.followups import scheduler
from bot.followups.models import FollowUp, FollowUpState
from bot.followups.plans import record_plan
from bot.models import Person
from bot.settings import build_settings
from bot.strings import REMINDER_PREVIEW
from tests.ops.db_proxy import TcpProxy
from tests.ops.stub_api import TOKEN, StubBotApi

NY = ZoneInfo("America/New_York")
MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=NY)


async def until(check, within: float = 20.0) -> None:  # type: ignore[no-untyped-def]
    """Wait until check() holds; fail after `within` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not check():
        if loop.time() > deadline:
            pytest.fail("condition not reached in time")
        await asyncio.sleep(0.05)


@pytest.mark.postgres
async def test_database_lost_mid_run_then_back_loses_no_follow_up(
    stub: StubBotApi,
    pg_url: str,
    pg_engine: Engine,
    proxy: TcpProxy,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from nlp import load_parser

    monkeypatch.setattr(scheduler, "ERROR_RETRY", timedelta(seconds=0.5))
    clock = FakeClock(MONDAY_10)
    settings = build_settings(
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL=stub.base_url,
        DATABASE_URL=make_url(pg_url).set(port=proxy.port).render_as_string(hide_password=False),
    )
    with session_scope(pg_engine) as session:
        person = Person(telegram_chat_id=77, timezone="America/New_York")
        session.add(person)
        session.flush()
        start = MONDAY_10.replace(hour=18)
        record_plan(
            session,
            person_id=person.id,
            group_id=7,
            meeting_start=start,
            meeting_end=start + timedelta(hours=1),
            timezone="America/New_York",
            settings=settings,
            now=clock.now(),
        )
    application = build_application(settings, parser=load_parser(), clock=clock)
    async with application:
        await application.start()
        await application.updater.start_polling(poll_interval=0)
        try:
            proxy.lose()
            clock.set(MONDAY_10.replace(hour=15, minute=5))  # the reminder is due now
            scheduler.service(application).arm(clock.now())
            stub.queue_text(78, "I want to kill myself")
            stub.queue_text(79, "hello")
            await until(lambda: stub.sent(78) and stub.sent(79))
            assert stub.sent(78)[0].startswith(bot_strings.CRISIS_INTRO)
            assert stub.sent(79) == [bot_strings.OPS_TROUBLE]  # not "send /start to begin again"
            await asyncio.sleep(2.0)  # several dispatch attempts fail meanwhile
            assert stub.sent(77) == []
            proxy.restore()
            await until(lambda: len(stub.sent(77)) >= 1)
            await asyncio.sleep(1.5)  # more dispatch runs: nothing is sent twice
        finally:
            await application.updater.stop()
            await application.stop()
    [reminder] = stub.sent(77)
    assert reminder.startswith(REMINDER_PREVIEW)
    with session_scope(pg_engine) as session:
        states = [row.state for row in session.exec(select(FollowUp).order_by(FollowUp.id))]
    assert states[0] == FollowUpState.sent
    assert FollowUpState.failed not in states
