"""Listen once: words written before the welcome's button are used after it, never stored."""

from __future__ import annotations

from typing import Any

import pytest

from bot import strings
from bot.console import ConsoleChat
from bot.handlers.common import Await
from tests.bot.conftest import Bot
from tests.bot.test_conversation import CONCERN, state_of, table_texts, texts
from tests.bot.test_flow import VAGUE, screens


async def test_words_before_consent_are_used_after_the_button(bot: Bot) -> None:
    await bot.chat.send("/start")
    (heard,) = await bot.chat.send(CONCERN)
    assert heard.plain == strings.HEARD_BEFORE_CONSENT
    assert heard.labels == (await bot.chat.send("/start"))[-1].labels  # the welcome's buttons
    await bot.chat.send(CONCERN)
    replies = await bot.chat.press("let's start")
    understood = replies[-1]
    assert "drinking" in understood.plain and understood.labels == [strings.GO_ON_BUTTON]
    assert "Please use the buttons" not in texts(replies)
    (question,) = await bot.chat.press("go on")
    assert question.plain == strings.ASK_FORMAT  # not asked what is going on again
    assert "bottle of wine" not in table_texts(bot)


async def test_not_now_forgets_what_was_written_before(bot: Bot) -> None:
    await bot.chat.send("/start")
    await bot.chat.send(CONCERN)
    await bot.chat.press("Not now")
    await bot.chat.send("/start")
    replies = await bot.chat.press("let's start")
    assert replies[-1].plain == strings.ASK_CONCERN  # nothing carried over


async def test_whom_is_not_asked_when_said_in_an_earlier_message(bot: Bot) -> None:
    await bot.chat.send("/start")
    await bot.chat.press("let's start")
    await bot.chat.send("I drink too much")
    await bot.chat.send("mostly wine, every night")  # no 'I' in the latest message
    await bot.chat.press("go on")
    await bot.chat.press("In person")
    replies = await bot.chat.send("Ann Arbor")
    assert strings.ASK_WHOM not in texts(replies)
    assert any(r.plain.startswith("1.") for r in replies)


async def test_whom_is_not_asked_when_said_in_spanish(bot: Bot) -> None:
    await bot.chat.send("/start")
    await bot.chat.press("let's start")
    (offer,) = await bot.chat.send("bebo demasiado todas las noches")
    assert offer.labels == ["Sí, en Español", "No, keep English"]  # issue 16: asked once
    await bot.chat.press("No, keep English")
    await bot.chat.press("go on")
    await bot.chat.press("In person")
    replies = await bot.chat.send("Ann Arbor")
    assert strings.ASK_WHOM not in texts(replies)


async def test_a_parent_whose_son_died_is_answered_with_care(bot: Bot) -> None:
    await bot.chat.send("/start")
    await bot.chat.press("let's start")
    (understood,) = await bot.chat.send("my son died last year and I miss him every day")
    assert understood.plain.startswith(strings.ACKNOWLEDGE["grief"])
    assert "grief" in understood.plain


async def test_a_loved_ones_concern_is_acknowledged(bot: Bot) -> None:
    await bot.chat.send("/start")
    await bot.chat.press("let's start")
    (understood,) = await bot.chat.send("My husband gambles away all our money")
    assert understood.plain.startswith(strings.ACKNOWLEDGE_FAMILY)


async def after_consent(chat: ConsoleChat, words: str) -> list[Any]:
    """The replies to `words` written right after the welcome's button."""
    await chat.send("/start")
    await chat.press("let's start")
    return await chat.send(words)


async def before_consent(chat: ConsoleChat, words: str) -> list[Any]:
    """The replies to the welcome's button when `words` were written before it."""
    await chat.send("/start")
    (heard,) = await chat.send(words)
    assert heard.plain == strings.HEARD_BEFORE_CONSENT
    return await chat.press("let's start")


@pytest.mark.parametrize("words", ["im not ok", "it's just hard", VAGUE])
async def test_vague_words_before_consent_get_the_topics_as_after_it(bot: Bot, words: str) -> None:
    (after,) = await after_consent(ConsoleChat(bot.application, bot.api, chat_id=77), words)
    assert after.plain == strings.ASK_TOPIC and strings.TOPIC_NOT_SURE in after.labels
    (question, topics) = await before_consent(bot.chat, words)
    assert question.plain == strings.ASK_CONCERN
    assert (topics.plain, topics.labels) == (after.plain, after.labels)
    assert state_of(bot) == Await.TOPIC
    (format_question,) = await bot.chat.press(strings.TOPIC_NAMES["depression"].capitalize())
    assert format_question.plain == strings.ASK_FORMAT  # about the writer: "for whom" not asked


async def test_words_understood_before_consent_are_answered_as_after_it(bot: Bot) -> None:
    words = "idk everything is just bad"
    after = await after_consent(ConsoleChat(bot.application, bot.api, chat_id=77), words)
    assert "low mood" in after[-1].plain
    replies = await before_consent(bot.chat, words)
    assert screens(replies[1:]) == screens(after)


async def test_a_young_writer_before_consent_gets_the_word_for_young_people(bot: Bot) -> None:
    replies = await before_consent(bot.chat, "im 15 and i vape every day")
    said = texts(replies)
    assert "groups for young people first" in said, said
    assert "vaping" in replies[-1].plain
