"""Safety signals in the conversation (issue 20), through the real Application: withdrawal, abuse
at home and a young person get a kind word once, before suggestions; privacy questions a plain
answer; never in place of a crisis reply."""

from __future__ import annotations

from typing import Any

from bot import strings
from bot.handlers.signals import signal_reply
from tests.bot.conftest import Bot


def texts(replies: list[Any]) -> str:
    return "\n".join(r.plain for r in replies)


async def to_concern(bot: Bot) -> None:
    await bot.chat.send("/start")
    await bot.chat.press("let's start")


async def test_withdrawal_gets_see_a_doctor_first_and_only_once(bot: Bot) -> None:
    await to_concern(bot)
    said = texts(await bot.chat.send("i drink in the morning to stop the shaking"))
    assert "talk to a doctor before you stop" in said and "1-800-662-4357" in said
    assert said.index("doctor") < said.index("I understood")
    again = texts(await bot.chat.send("i need a drink first thing every morning or i shake"))
    assert "doctor" not in again


async def test_abuse_at_home_gets_the_line_and_the_emergency_number(bot: Bot) -> None:
    await to_concern(bot)
    said = texts(await bot.chat.send("my husband gets mean when he drinks, the kids are scared"))
    assert "1-800-799-7233" in said and "START" in said and "88788" in said
    assert "in danger now" in said and "911" in said
    assert said.count("999") == 1  # every emergency number once, when the country is unknown


async def test_abuse_alone_is_answered_not_misunderstood(bot: Bot) -> None:
    await to_concern(bot)
    said = texts(await bot.chat.send("he smashed the tv"))
    assert "safe" in said and strings.ASK_TOPIC not in said
    assert strings.ASK_CONCERN_WHEN_READY in said


async def test_spanish_fear_when_he_comes_home_drunk(bot: Bot) -> None:
    await to_concern(bot)
    (offer,) = await bot.chat.send("tengo miedo cuando llega borracho")
    assert offer.labels == ["Sí, en Español", "No, keep English"]  # asked once (issue 16)
    said = texts(await bot.chat.press("Sí, en Español"))
    assert "en peligro ahora" in said and "911" in said


async def test_privacy_question_of_a_young_person_is_answered(bot: Bot) -> None:
    await to_concern(bot)
    said = texts(await bot.chat.send("is this confidential?? will my mom find out"))
    assert "I don't tell anyone" in said and "Not your parents" in said
    assert strings.ASK_TOPIC not in said


async def test_help_says_whether_it_is_confidential_in_any_state(bot: Bot) -> None:
    said = texts(await bot.chat.send("/help"))
    assert "Is this confidential?" in said and "I don't tell anyone" in said
    await to_concern(bot)
    assert "Is this confidential?" in texts(await bot.chat.send("/help"))


async def test_young_vaper_gets_no_meeting_in_school_hours(bot: Bot) -> None:
    await to_concern(bot)
    said = texts(await bot.chat.send("im 15 and i vape"))
    assert "school hours" in said
    await bot.chat.press("go on")
    await bot.chat.press("Online")
    replies = await bot.chat.send("Ann Arbor")
    shown = texts(replies)
    assert "Nicotine Anonymous Evening" in shown
    assert "Online Nicotine Anonymous (" not in shown  # Mondays at noon: school hours


async def test_teen_whose_dad_drinks_gets_alateen_first(bot: Bot) -> None:
    await to_concern(bot)
    await bot.chat.send("im 16 and my dad drinks a lot")
    await bot.chat.press("go on")
    await bot.chat.press("Either")
    replies = await bot.chat.send("Ann Arbor")
    cards = [r.plain for r in replies if r.plain.startswith("1.")]
    assert cards and "Alateen" in cards[0]


async def test_a_crisis_gets_the_crisis_reply_not_a_signal_word(bot: Bot) -> None:
    await to_concern(bot)
    said = texts(await bot.chat.send("he has a knife and says he will kill me tonight"))
    assert "988" in said or "911" in said
    assert strings.SIGNAL_ABUSE not in said


def test_unknown_country_lists_every_country_labelled() -> None:
    text = signal_reply("withdrawal", None)
    assert "US: " in text and "UK: " in text and "NHS 111" in text
    assert "1-800-662-4357" in signal_reply("withdrawal", "US")
    assert "NHS" not in signal_reply("withdrawal", "US")
    assert "Childline" in signal_reply("minor", "GB") and "Kids Help Phone" in signal_reply(
        "minor", "CA"
    )
