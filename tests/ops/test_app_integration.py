"""The ops parts inside the real Application (real parser, real handlers) against the stub API."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

import pytest
from telegram.ext import Application

from bot import strings as bot_strings
from bot.app import build_application
from bot.ops.flood_limiter import LIMIT
from bot.ops.processing import MAX_QUEUED_PER_CHAT, PerChatProcessor
from bot.settings import Settings, build_settings
from tests.ops.stub_api import TOKEN, StubBotApi


@pytest.fixture(scope="module")
def parser() -> Any:
    """The real parser, loaded once."""
    from nlp import load_parser

    return load_parser()


@pytest.fixture
def settings(stub: StubBotApi, sqlite_url: str, tmp_path: Path) -> Settings:
    """Settings for the real Application against the stub."""
    return build_settings(
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL=stub.base_url,
        DATABASE_URL=sqlite_url,
        FIRSTSTEP_DATA_DIR=str(tmp_path),
    )


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


def is_crisis(text: str) -> bool:
    """Whether a sent text is the crisis reply."""
    return text.startswith(bot_strings.CRISIS_INTRO)


async def test_ops_are_wired_into_the_real_application(settings: Settings, parser: Any) -> None:
    application = build_application(settings, parser=parser)
    assert isinstance(application.update_processor, PerChatProcessor)
    assert application.bot_data.metrics is application.update_processor.metrics
    assert application.bot.rate_limiter.metrics is application.update_processor.metrics
    assert application.job_queue.get_jobs_by_name("retention")


async def test_a_flood_gets_one_moment_and_the_crisis_after_it_still_gets_crisis_lines(
    stub: StubBotApi, settings: Settings, parser: Any
) -> None:
    application = build_application(settings, parser=parser)
    for i in range(LIMIT + 5):
        stub.queue_text(7, f"hello there {i}")
    stub.queue_text(7, "I want to kill myself")
    stub.queue_text(8, "I think I drink too much")
    await serve_until(
        application, lambda: any(map(is_crisis, stub.sent(7))) and len(stub.sent(8)) >= 1
    )
    sent = stub.sent(7)
    assert sent.count(bot_strings.OPS_ONE_MOMENT) == 1
    assert is_crisis(sent[-1])
    assert not any(map(is_crisis, stub.sent(8)))
    metrics = application.bot_data.metrics
    assert metrics.crisis_responses._value.get() == 1
    assert metrics.flood_dropped._value.get() == 5  # the crisis was not one of the dropped


async def test_a_crash_in_a_real_handler_is_kind_and_the_bot_serves_on(
    stub: StubBotApi,
    settings: Settings,
    parser: Any,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from bot.handlers import search

    async def broken(*_: Any) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(search, "listen", broken)  # the entry for a first plain text
    application = build_application(settings, parser=parser)
    stub.queue_text(9, "my husband gambles our savings away")
    stub.queue_text(10, "/start")
    with caplog.at_level(logging.ERROR):
        await serve_until(application, lambda: stub.sent(9) and stub.sent(10))
    assert stub.sent(9) == [bot_strings.OPS_SOMETHING_WENT_WRONG]
    assert stub.sent(10) and stub.sent(10) != [bot_strings.OPS_SOMETHING_WENT_WRONG]
    [record] = [r for r in caplog.records if r.getMessage() == "handling an update failed"]
    assert record.chat_id == 9
    assert "gambles" not in str(record.__dict__)


class CountingParser:
    """The real parser, counting whole parses and crisis checks."""

    def __init__(self, parser: Any) -> None:
        self.parser, self.parses, self.checks = parser, 0, 0
        self.pipeline_name = parser.pipeline_name

    def parse(self, text: str) -> Any:
        """The whole parse, counted."""
        self.parses += 1
        return self.parser.parse(text)

    def check_crisis(self, text: str) -> Any:
        """The crisis check alone, counted."""
        self.checks += 1
        return self.parser.check_crisis(text)


LONG = ("not my dad uses heroin " * 200)[:4096]  # Telegram's longest, slow for the parser


def sends(stub: StubBotApi) -> list[tuple[int, str]]:
    """(chat id, text) of every message sent, in the order sent."""
    return [
        (int(c.params["chat_id"]), str(c.params.get("text")))
        for c in stub.calls
        if c.method == "sendMessage"
    ]


async def flood(
    stub: StubBotApi, settings: Settings, parser: Any, texts: list[str], done: Any = None
) -> tuple[Application, CountingParser]:
    """Chat 7 sends all texts at once (one batch of updates); served until done() (by default:
    every text checked for a crisis) and nothing waits."""
    counting = CountingParser(parser)
    application = build_application(settings, parser=counting)
    for text in texts:
        stub.queue_text(7, text)
    processor = application.update_processor
    assert isinstance(processor, PerChatProcessor)
    finished = done or (lambda: counting.checks >= len(texts))
    await serve_until(application, lambda: finished() and processor.waiting_chats() == 0)
    return application, counting


async def test_a_flood_of_30_gets_the_whole_parse_only_for_the_messages_let_through(
    stub: StubBotApi, settings: Settings, parser: Any
) -> None:
    application, counting = await flood(stub, settings, parser, [LONG] * 30)
    assert counting.checks == 30  # every message gets its crisis check
    assert counting.parses == LIMIT  # and only the ones let through the whole parse
    assert stub.sent(7).count(bot_strings.OPS_ONE_MOMENT) == 1
    metrics = application.bot_data.metrics
    beyond_bound = 30 - MAX_QUEUED_PER_CHAT
    assert metrics.flood_dropped._value.get() == 30 - LIMIT
    handled = metrics.updates.labels(kind="message")._value.get()
    assert handled == MAX_QUEUED_PER_CHAT  # the ones beyond the bound were never queued
    assert beyond_bound == 10


@pytest.mark.parametrize("where", [LIMIT + 2, MAX_QUEUED_PER_CHAT + 5])
async def test_a_crisis_within_a_flood_is_answered(
    stub: StubBotApi, settings: Settings, parser: Any, where: int
) -> None:
    texts = [LONG] * 30
    texts[where] = "I want to kill myself"  # over the flood limit, or beyond the backlog bound
    application, counting = await flood(
        stub, settings, parser, texts, lambda: any(map(is_crisis, stub.sent(7)))
    )
    assert is_crisis(stub.sent(7)[-1])
    assert application.bot_data.metrics.crisis_responses._value.get() == 1
    assert counting.parses <= LIMIT + 1  # the crisis is parsed for its language


async def test_another_persons_help_is_not_held_up_by_a_flood(
    stub: StubBotApi, settings: Settings, parser: Any
) -> None:
    for _ in range(30):
        stub.queue_text(7, LONG)
    stub.queue_text(8, "/help")
    application = build_application(settings, parser=parser)
    processor = application.update_processor
    assert isinstance(processor, PerChatProcessor)
    seen: list[int] = []

    def flood_waiting_when_help_answered() -> bool:
        if stub.sent(8) and not seen:
            seen.append(processor.queued(7))
        return bool(seen) and processor.waiting_chats() == 0

    await serve_until(application, flood_waiting_when_help_answered)
    order = [chat for chat, _ in sends(stub)]
    assert order.index(8) < len(order) - 1 - order[::-1].index(7)  # /help before the flood ends
    assert seen[0] > 0  # the flood still waiting when /help was answered
    handled = application.bot_data.metrics.updates.labels(kind="message")._value.get()
    assert handled == MAX_QUEUED_PER_CHAT  # bounded: the rest only checked for a crisis
