"""Telegram misbehaving: 429 with retry_after, 500s, timeouts, dropped connections, bad updates."""

from __future__ import annotations

import asyncio
import logging

import pytest
from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters

from bot import strings
from bot.ops.logging import JsonFormatter, RedactTokens
from bot.ops.wiring import install
from tests.ops.stub_api import TOKEN, StubBotApi

SECRET_WORDS = "my name is Jo and I relapsed on heroin"


async def answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Reply to every text; blow up on one particular text (a bug in one handler)."""
    text = update.effective_message.text or ""
    if "heroin" in text:
        raise ValueError(f"cannot handle {text}")
    await context.bot.send_message(update.effective_chat.id, f"ok {text}")


def app(builder) -> Application:  # type: ignore[no-untyped-def]
    """A real Application with the ops parts and a replying handler."""
    application = builder().build()
    install(application, retention=False)
    application.add_handler(MessageHandler(filters.TEXT, answer))
    return application


async def serve_until(application: Application, done, within: float = 20.0) -> None:  # type: ignore[no-untyped-def]
    """Poll the stub until done() holds; fail if it never does."""
    async with application:
        await application.start()
        await application.updater.start_polling(poll_interval=0)
        try:
            loop = asyncio.get_running_loop()
            deadline = loop.time() + within
            while not done():
                if loop.time() > deadline:
                    pytest.fail("the bot did not get there in time")
                await asyncio.sleep(0.02)
        finally:
            await application.updater.stop()
            await application.stop()


async def test_429_is_waited_out_and_the_reply_still_arrives(stub: StubBotApi, builder) -> None:
    stub.fail("sendMessage", "status", 429, 1)
    stub.queue_text(1, "hello")
    application = app(builder)
    await serve_until(application, lambda: stub.sent(1) == ["ok hello", "ok hello"])
    assert sum(c.method == "sendMessage" for c in stub.calls) == 2


@pytest.mark.parametrize(
    "fault", [("status", 500), ("delay", 3.0), ("drop",), ("garbage",)], ids=str
)
async def test_failed_reply_gets_a_kind_message_and_others_are_served(
    stub: StubBotApi, builder, fault
) -> None:
    stub.fail("sendMessage", *fault)
    stub.queue_text(1, "first")
    stub.queue_text(2, "second")
    application = app(builder)
    await serve_until(
        application,
        lambda: (
            strings.OPS_SOMETHING_WENT_WRONG in stub.sent(1) + stub.sent(2)
            and "ok second" in stub.sent(2) + stub.sent(1)
        ),
    )
    assert application.bot_data.metrics.update_errors._value.get() == 1


@pytest.mark.parametrize(
    "fault", [("status", 500), ("status", 502), ("delay", 4.0), ("drop",), ("garbage",)], ids=str
)
async def test_polling_survives_a_failing_get_updates(stub: StubBotApi, builder, fault) -> None:
    stub.fail("getUpdates", *fault)
    stub.queue_text(3, "are you there")
    application = app(builder)
    await serve_until(application, lambda: stub.sent(3) == ["ok are you there"])


async def test_crash_in_one_handler_is_logged_without_words_and_person_told(
    stub: StubBotApi, builder, caplog: pytest.LogCaptureFixture
) -> None:
    stub.queue_text(4, SECRET_WORDS)
    stub.queue_text(5, "hello")
    stub.queue_text(4, "still here")
    application = app(builder)
    with caplog.at_level(logging.INFO):
        await serve_until(application, lambda: len(stub.sent(4)) == 2 and stub.sent(5))
    assert stub.sent(4) == [strings.OPS_SOMETHING_WENT_WRONG, "ok still here"]
    assert stub.sent(5) == ["ok hello"]
    formatter, redactor = JsonFormatter(), RedactTokens()
    logged = ""
    for record in caplog.records:
        redactor.filter(record)
        logged += formatter.format(record) + "\n"
    assert "handling an update failed" in logged
    assert '"chat_id": 4' in logged
    assert "builtins.ValueError" in logged
    for word in ("heroin", "relapsed", "Jo "):
        assert word not in logged
    assert TOKEN not in logged


async def test_malformed_update_is_skipped_and_the_next_one_served(
    stub: StubBotApi, builder
) -> None:
    stub.queue_raw({"update_id": 1, "message": {"text": "no chat, no date, no id"}})
    stub.queue_text(6, "after the bad one")
    application = app(builder)
    await serve_until(application, lambda: stub.sent(6) == ["ok after the bad one"])


async def test_an_update_failing_in_two_handler_groups_gets_one_apology(
    stub: StubBotApi, builder
) -> None:
    async def broken(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        raise RuntimeError("the database is away")

    application = builder().build()
    install(application, retention=False)
    application.add_handler(MessageHandler(filters.TEXT, broken), group=-90)
    application.add_handler(MessageHandler(filters.TEXT, broken), group=0)
    stub.queue_text(31, "hello")
    stub.queue_text(31, "again")
    await serve_until(application, lambda: len(stub.sent(31)) >= 2)
    await asyncio.sleep(0.3)
    assert stub.sent(31) == [strings.OPS_SOMETHING_WENT_WRONG] * 2  # one per update, not per group
    assert application.bot_data.metrics.update_errors._value.get() == 4
