"""The harness itself: the front makes the emulator speak the Bot API as PTB expects it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import Forbidden, RetryAfter
from telegram.request import HTTPXRequest

from tests.e2e.harness import BotApiFront, Person

pytestmark = pytest.mark.e2e


def _bot(front: BotApiFront) -> Bot:
    return Bot(
        front.token,
        base_url=front.base_url,
        request=HTTPXRequest(),
        get_updates_request=HTTPXRequest(),
    )


async def test_get_me_says_it_is_a_bot(bot_api: BotApiFront) -> None:
    async with _bot(bot_api) as bot:
        me = await bot.get_me()
    assert me.is_bot is True
    assert me.username


async def test_messages_both_ways_with_dates_in_seconds(
    bot_api: BotApiFront, person: Person
) -> None:
    async with _bot(bot_api) as bot:
        await person._post("sendMessage", person._message({"text": "hello there"}))
        updates = await bot.get_updates(timeout=1)
        assert [u.message.text for u in updates] == ["hello there"]
        assert abs((updates[0].message.date - datetime.now(UTC)).total_seconds()) < 60
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Yes", callback_data="y")]])
        sent = await bot.send_message(person.chat_id, "Go on?", reply_markup=keyboard)
        assert abs((sent.date - datetime.now(UTC)).total_seconds()) < 60
        (shown,) = await person.replies()
        assert shown.text == "Go on?" and shown.buttons == [[("Yes", "y")]]
        await person._post(
            "sendCallback",
            {
                "botToken": bot_api.token,
                "from": person._user(),
                "data": "y",
                "message": {
                    "message_id": shown.message_id,
                    "date": 1,
                    "chat": {"id": person.chat_id, "type": "private"},
                },
            },
        )
        (update,) = await bot.get_updates(offset=updates[0].update_id + 1, timeout=1)
        assert update.callback_query.data == "y"
        assert update.callback_query.chat_instance
        assert update.callback_query.message.message_id == shown.message_id
        assert await bot.edit_message_text("Edited", person.chat_id, shown.message_id) is True


async def test_documents_reach_the_person(bot_api: BotApiFront, person: Person) -> None:
    async with _bot(bot_api) as bot:
        sent = await bot.send_document(
            person.chat_id, b"BEGIN:VCALENDAR", filename="m.ics", caption="cal"
        )
    assert sent.document.file_name == "m.ics"
    (shown,) = await person.replies()
    assert shown.document["file_name"] == "m.ics" and shown.text == "cal"
    assert person.download(shown) == b"BEGIN:VCALENDAR"


async def test_blocked_and_flood_errors_are_played(bot_api: BotApiFront, person: Person) -> None:
    async with _bot(bot_api) as bot:
        bot_api.flood("sendMessage", retry_after=3)
        with pytest.raises(RetryAfter) as flood:
            await bot.send_message(person.chat_id, "one")
        retry = flood.value.retry_after
        assert getattr(retry, "total_seconds", lambda: retry)() == 3
        bot_api.block(person.chat_id)
        with pytest.raises(Forbidden):
            await bot.send_message(person.chat_id, "two")
