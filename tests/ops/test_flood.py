"""Flood control: a calm "one moment", the excess ignored, crisis messages never swallowed."""

from __future__ import annotations

import asyncio

from telegram import Update
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot import strings
from bot.ops.flood_limiter import LIMIT, FloodLimiter, Verdict
from bot.ops.wiring import install
from tests.ops.stub_api import StubBotApi

CRISIS_REPLY = "crisis lines: 988"


class Ticks:
    """A clock that moves when told."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_limit_then_one_warning_then_silence_then_recovery() -> None:
    ticks = Ticks()
    limiter = FloodLimiter(limit=3, window=10, clock=ticks)
    verdicts = [limiter.check(1) for _ in range(6)]
    assert verdicts == [Verdict.allow] * 3 + [Verdict.warn, Verdict.drop, Verdict.drop]
    assert limiter.check(2) is Verdict.allow  # others are not affected
    ticks.now = 11
    assert limiter.check(1) is Verdict.allow
    assert [limiter.check(1) for _ in range(3)] == [Verdict.allow, Verdict.allow, Verdict.warn]


def test_steady_pace_under_the_limit_is_never_stopped() -> None:
    ticks = Ticks()
    limiter = FloodLimiter(limit=3, window=10, clock=ticks)
    for _ in range(100):
        assert limiter.check(1) is Verdict.allow
        ticks.now += 3.4


def test_memory_is_bounded_with_many_people() -> None:
    ticks = Ticks()
    limiter = FloodLimiter(limit=2, window=1, clock=ticks, max_chats=100)
    for chat_id in range(10_000):
        limiter.check(chat_id)
        ticks.now += 0.001
    assert limiter.tracked() <= 100


async def stand_in_crisis_check(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A test stand-in for the conversation's crisis check (group -100)."""
    if update.effective_message and "want to die" in (update.effective_message.text or ""):
        await context.bot.send_message(update.effective_chat.id, CRISIS_REPLY)
        raise ApplicationHandlerStop


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The ordinary conversation, standing in: echoes."""
    await context.bot.send_message(update.effective_chat.id, f"ok {update.effective_message.text}")


def flood_app(builder) -> Application:  # type: ignore[no-untyped-def]
    """An Application with a crisis stand-in, flood control and an echo."""
    application = builder().build()
    application.add_handler(MessageHandler(filters.TEXT, stand_in_crisis_check), group=-100)
    install(application, retention=False)
    application.add_handler(MessageHandler(filters.TEXT, echo))
    return application


async def run_polling_until(application: Application, done) -> None:  # type: ignore[no-untyped-def]
    """Poll the stub until done() is true (or 15 s)."""
    async with application:
        await application.start()
        await application.updater.start_polling(poll_interval=0)
        try:
            for _ in range(750):
                if done():
                    break
                await asyncio.sleep(0.02)
        finally:
            await application.updater.stop()
            await application.stop()


async def test_flood_gets_one_moment_and_a_crisis_still_gets_through(
    stub: StubBotApi, builder
) -> None:
    application = flood_app(builder)
    for i in range(LIMIT + 6):
        stub.queue_text(7, f"hello {i}")
    stub.queue_text(7, "i want to die")
    stub.queue_text(8, "someone else")
    await run_polling_until(application, lambda: CRISIS_REPLY in stub.sent(7) and stub.sent(8))
    sent = stub.sent(7)
    assert sent.count(strings.OPS_ONE_MOMENT) == 1
    assert [s for s in sent if s.startswith("ok ")] == [f"ok hello {i}" for i in range(LIMIT)]
    assert sent[-1] == CRISIS_REPLY
    assert stub.sent(8) == ["ok someone else"]
    assert application.bot_data.metrics.flood_dropped._value.get() == 6


async def test_too_long_message_gets_a_kind_answer_and_is_not_handled(
    stub: StubBotApi, builder
) -> None:
    application = flood_app(builder)
    stub.queue_text(9, "x" * 5000)
    stub.queue_text(9, "short")
    await run_polling_until(application, lambda: len(stub.sent(9)) >= 2)
    assert stub.sent(9) == [strings.OPS_TOO_LONG, "ok short"]


def test_one_moment_is_said_at_most_once_a_window_whoever_says_it() -> None:
    ticks = Ticks()
    limiter = FloodLimiter(limit=2, window=10, clock=ticks)
    assert limiter.tell(1)  # the backlog bound said it first
    assert [limiter.check(1) for _ in range(4)] == [Verdict.allow] * 2 + [Verdict.drop] * 2
    ticks.now = 10.5
    assert limiter.tell(1) and not limiter.tell(1)
