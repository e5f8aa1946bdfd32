"""Listen once: words written before the welcome's button are used after it, never stored."""

from __future__ import annotations

from bot import strings
from tests.bot.conftest import Bot
from tests.bot.test_conversation import CONCERN, table_texts, texts


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
