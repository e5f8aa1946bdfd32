"""Other scripts' digits and failures that are not `Exception`s: the person still gets a reply."""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import time
from typing import Any

import pytest
from telegram import Update

from bot import strings
from bot.console import Sent
from bot.handlers.common import Await
from tests.bot.conftest import Bot
from tests.bot.test_conversation import state_of, to_place

_ids = itertools.count(900_000)


class PanicLike(BaseException):
    """What pyo3 raises on a Rust panic (pyo3_runtime.PanicException): not an `Exception`."""


async def through_the_queue(bot: Bot, text: str, *, wait: float = 5.0) -> list[Sent]:
    """Send a message the way `firststep run` gets it: the update queue, then the processor."""
    before = len(bot.api.sent)
    data = {
        "update_id": next(_ids),
        "message": {
            "message_id": next(_ids),
            "date": int(time.time()),
            "chat": {"id": bot.chat.chat_id, "type": "private", "first_name": "You"},
            "from": {"id": bot.chat.chat_id, "is_bot": False, "first_name": "You"},
            "text": text,
        },
    }
    await bot.application.update_queue.put(Update.de_json(data, bot.application.bot))
    for _ in range(int(wait / 0.02)):  # the processor works in its own task: poll for the reply
        if len(bot.api.sent) > before:
            break
        await asyncio.sleep(0.02)
    await asyncio.sleep(0.1)  # anything else it sends for this update
    return [s for s in bot.api.sent[before:] if s.chat_id == bot.chat.chat_id]


@pytest.mark.parametrize("postal", ["٤٨١٠٤", "４８１０４"])
async def test_a_zip_code_in_other_digits_is_understood(bot: Bot, postal: str) -> None:
    await to_place(bot)
    replies = await bot.chat.send(postal)
    assert replies, "the person got no reply"
    assert state_of(bot) == Await.CHOICE
    assert any("Ann Arbor" in r.plain for r in replies)


async def test_a_handler_failing_with_a_non_exception_gets_the_kind_reply(
    bot: Bot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from directory import geo

    def panic(text: str) -> Any:
        raise PanicLike(f"index out of bounds near {text!r}")

    await to_place(bot)
    monkeypatch.setattr(geo, "geocode", panic)
    errors = bot.application.bot_data.metrics.update_errors
    before = errors._value.get()
    with caplog.at_level(logging.INFO):
        replies = await through_the_queue(bot, "Zorbleton")
    assert [r.plain for r in replies] == [strings.OPS_SOMETHING_WENT_WRONG]
    assert errors._value.get() == before + 1
    failed = [r for r in caplog.records if r.getMessage() == "handling an update failed"]
    assert len(failed) == 1
    assert failed[0].__dict__["error"] == "bot.ops.processing.HandlerCrashed"
    assert "error_message" not in failed[0].__dict__  # its message quoted the person's words
    for record in caplog.records:  # no word of the person's in any log line
        assert "Zorbleton" not in record.getMessage()
        assert "Zorbleton" not in json.dumps({k: str(v) for k, v in vars(record).items()})
    assert bot.application.running  # the bot goes on
    monkeypatch.undo()
    assert await through_the_queue(bot, "/help")
