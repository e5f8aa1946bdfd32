"""Fail safe: when the parser raises, the crisis lines still go out, calmly, and nothing leaks."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from bot import strings
from bot.handlers.common import Await
from tests.bot.conftest import Bot
from tests.bot.test_conversation import CONCERN, state_of, to_concern, to_place

WORDS = "everything is too much since the Quorlby thing"
ALL_LINES = ("988", "911", "116 123", "999", "13 11 14", "000", "112")


class BreakingParser:
    """The real parser, until `broken` is set: then every parse raises."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.broken = False
        self.pipeline_name = getattr(real, "pipeline_name", "real")

    def parse(self, text: str) -> Any:
        """Parse with the real parser, or fail like a broken model would."""
        if self.broken:
            raise RuntimeError("model failed")
        return self.real.parse(text)

    def check_crisis(self, text: str) -> Any:
        """The real crisis check, or fail like a broken model would."""
        if self.broken:
            raise RuntimeError("model failed")
        return self.real.check_crisis(text)


def break_parser(bot: Bot) -> BreakingParser:
    """Swap the running Application's parser for one that can be broken (broken now)."""
    breaking = BreakingParser(bot.application.bot_data.parser)
    breaking.broken = True
    bot.application.bot_data.parser = breaking
    return breaking


async def test_parse_failure_still_sends_every_crisis_line(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    await to_concern(bot)
    break_parser(bot)
    with caplog.at_level(logging.DEBUG):
        replies = await bot.chat.send(WORDS)
    assert len(replies) == 1  # no generic apology on top
    (reply,) = replies
    assert reply.plain.startswith(strings.UNREAD_INTRO)
    for line in ALL_LINES:
        assert line in reply.plain
    assert strings.OPS_SOMETHING_WENT_WRONG not in reply.plain and not reply.buttons
    assert state_of(bot) == Await.CONCERN  # nothing half-done: the question still stands
    assert any(r.getMessage() == "parse failed, crisis lines sent" for r in caplog.records)
    for record in caplog.records:  # ids only: the person's words are nowhere in the log
        assert "Quorlby" not in record.getMessage()
        assert not any("Quorlby" in str(value) for value in vars(record).values())


async def test_parse_failure_lines_follow_the_country(bot: Bot) -> None:
    await to_place(bot)
    await bot.chat.send("London")
    break_parser(bot)
    (reply,) = await bot.chat.send(WORDS)
    assert reply.plain.startswith(strings.UNREAD_INTRO)
    assert "116 123" in reply.plain and "999" in reply.plain and "988" not in reply.plain


async def test_commands_work_and_the_search_resumes_after_a_parse_failure(bot: Bot) -> None:
    await to_concern(bot)
    breaking = break_parser(bot)
    (data,) = await bot.chat.send("/mydata")
    assert strings.UNREAD_INTRO not in data.plain
    breaking.broken = False
    replies = await bot.chat.send(CONCERN)
    assert strings.UNREAD_INTRO not in replies[0].plain
    assert "drinking" in replies[0].plain.lower() and state_of(bot) == Await.CONCERN
