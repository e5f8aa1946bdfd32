"""End to end over HTTP through the emulator: a person plans a meeting in the real conversation,
the scheduler's job sends the reminder and "How did it go?", and the person answers by button.

Short offsets (reminder 30 min before, follow-up 15 min after) and a fake clock that the test moves
to each due time, so the sequence takes seconds; everything else is real (Application, polling,
JobQueue, database, parser, the emulator)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot import strings
from bot import strings as conversation_strings
from bot.app import build_application
from bot.clock import FakeClock
from bot.followups.models import FollowUp, Plan
from bot.followups.scheduler import service
from bot.models import Event
from bot.ops.flood_limiter import FloodLimiter
from bot.settings import build_settings
from tests.bot.conftest import START, seed_directory
from tests.e2e.harness import BotApiFront
from tests.e2e.harness import Person as Client

pytestmark = pytest.mark.e2e
CONCERN = "I drink too much, a bottle of wine every night"


@pytest.fixture
async def running(
    bot_api: BotApiFront, sqlite_url: str, engine: Engine, tmp_path: Any
) -> AsyncIterator[tuple[Any, FakeClock]]:
    """The real Application polling the emulator, with short follow-up offsets and a fake clock."""
    from nlp import load_parser

    clock = FakeClock(START)
    seed_directory(engine, START)
    settings = build_settings(
        TELEGRAM_BOT_TOKEN=bot_api.token,
        TELEGRAM_API_BASE_URL=bot_api.base_url,
        DATABASE_URL=sqlite_url,
        FIRSTSTEP_DATA_DIR=str(tmp_path),
        FIRSTSTEP_REMINDER_BEFORE_MINUTES=30,
        FIRSTSTEP_FOLLOWUP_AFTER_MINUTES=15,
    )
    application = build_application(settings, engine=engine, parser=load_parser(), clock=clock)
    application.bot_data.flood_limiter = FloodLimiter(limit=10_000)
    await application.initialize()
    assert application.updater is not None
    await application.updater.start_polling(timeout=1, poll_interval=0)
    await application.start()
    yield application, clock
    await application.updater.stop()
    await application.stop()
    await application.shutdown()


async def fire(application: Any, clock: FakeClock, moment: datetime) -> None:
    """Move the fake clock to a due time and let the JobQueue job run."""
    clock.set(moment)
    svc = service(application)
    svc.ran.clear()
    svc.arm(clock.now())
    await asyncio.wait_for(svc.ran.wait(), 15)


async def plan_through_the_conversation(person: Client) -> None:
    """From /start to "It's a plan", as a person would."""
    await person.send("/start")
    await person.press("let's start")
    await person.send(CONCERN)
    await person.press("go on")
    await person.press("In person")
    await person.send("Ann Arbor")
    replies = await person.press("Choose 1")
    if replies[-1].text == conversation_strings.ASK_CONTACT:
        replies = await person.press("No, thanks")
    (planned,) = await person.press(replies[-1].labels[0])
    assert "It's a plan" in planned.text


async def test_the_whole_sequence_through_the_emulator(
    running: tuple[Any, FakeClock], person: Client, engine: Engine
) -> None:
    application, clock = running
    await plan_through_the_conversation(person)
    with Session(engine) as session:
        plan = session.exec(select(Plan)).one()
        due = {r.kind: r.due_at for r in session.exec(select(FollowUp)).all()}
    assert set(due) == {"reminder", "followup"}
    assert due["reminder"] == plan.meeting_start - timedelta(minutes=30)  # short offset
    # 15 minutes after the end is the same local day as the reminder: the daily cap moves it
    assert due["followup"] > plan.meeting_end + timedelta(minutes=15)
    await fire(application, clock, due["reminder"])
    (reminder,) = await person.replies()
    assert reminder.text.splitlines()[0] == strings.REMINDER_PREVIEW
    assert reminder.labels == [strings.BUTTON_WHERE_WHEN]  # the place only on request
    (where,) = await person.press(strings.BUTTON_WHERE_WHEN, reminder)
    assert "When: " in where.text and ("Map: https://www.openstreetmap.org/" in where.text
                                        or "Join online: " in where.text)  # fmt: skip
    await fire(application, clock, due["followup"])
    (asked,) = await person.replies()
    assert asked.text.splitlines()[0] == strings.FOLLOWUP_PREVIEW
    assert asked.labels == [
        strings.BUTTON_WENT,
        strings.BUTTON_DID_NOT_GO,
        strings.BUTTON_NOT_FOR_ME,
    ]
    replies = await person.press(strings.BUTTON_WENT, asked)
    assert replies[-1].text.startswith(strings.WENT)
    assert replies[-1].labels == [strings.BUTTON_PLAN_NEXT, strings.BUTTON_NO_THANKS]
    replies = await person.press(strings.BUTTON_PLAN_NEXT)
    assert replies[-1].text == strings.NEXT_MEETINGS
    replies = await person.press(replies[-1].labels[0])
    assert replies[-1].text.startswith("Planned:")
    with Session(engine) as session:
        kinds = [e.kind for e in session.exec(select(Event).order_by(Event.id)).all()]
        plans = session.exec(select(Plan).order_by(Plan.id)).all()
    sequence = [k for k in kinds if k in ("planned", "reminded", "followup_sent", "went")]
    assert sequence == ["planned", "reminded", "followup_sent", "went", "planned"]
    assert [p.outcome for p in plans] == ["went", None] and plans[0].id == plan.id
