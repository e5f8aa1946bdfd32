"""Only wishes the person expressed appear in "why" or in "doesn't fit everything you asked for"
(issue 15, item 3): being a student asks for no young people's group, "at weekends" said of the
using asks for no day; through the real Application and the demo directory."""

from __future__ import annotations

import pytest

from bot import strings
from tests.bot.conftest import Bot
from tests.bot.test_conversation import texts, to_concern

INVENTED = ("young", "Saturday", "Sunday", "weekend")  # in "why" ("you can also join online"
# says what a hybrid group offers, no wish)
INTROS = (strings.SUGGESTIONS_INTRO, strings.SUGGESTIONS_LOOSE)


@pytest.mark.parametrize(
    "words",
    [
        "I'm a student and I do coke at weekends",
        "im a college student and i drink on saturdays, way too much",
        "i drink pretty much every weekend",
        "I use coke with friends nearly every single weekend",
    ],
)
async def test_words_that_ask_for_nothing_give_no_invented_wish(bot: Bot, words: str) -> None:
    whys, intro = await suggestions_for(bot, words)
    assert whys, intro
    for invented in INVENTED:
        assert not any(invented.lower() in line.lower() for line in whys), whys
    for invented in (*INVENTED, "online", "fits everything you asked"):
        assert invented.lower() not in intro.lower(), intro  # no note of unmet wishes


async def test_a_student_who_asks_for_people_their_age_is_heard(bot: Bot) -> None:
    await to_concern(bot)
    await bot.chat.send("I'm a student, I drink too much, is there a group with people my age?")
    await bot.chat.press(strings.GO_ON_BUTTON)
    await bot.chat.press(strings.FORMAT_IN_PERSON)
    said = texts(await bot.chat.send("Ann Arbor"))
    assert "young" in said.lower(), said  # in "why", or in what could not be matched


async def suggestions_for(bot: Bot, words: str) -> tuple[list[str], str]:
    """The "Why:" lines and the suggestions' intro after `words`, in person in Ann Arbor."""
    await to_concern(bot)
    await bot.chat.send(words)
    await bot.chat.press(strings.GO_ON_BUTTON)
    await bot.chat.press(strings.FORMAT_IN_PERSON)
    replies = await bot.chat.send("Ann Arbor")
    said = texts(replies)
    assert strings.SUGGESTIONS_PICK in said, said
    (intro,) = [r.plain for r in replies if r.plain.startswith(INTROS)]
    return [line for line in said.splitlines() if line.startswith("Why:")], intro


async def test_an_adults_age_is_no_wish_for_young_peoples_groups(bot: Bot) -> None:
    whys, intro = await suggestions_for(bot, "I'm 19 and I drink way too much")
    assert whys and not any("young" in line.lower() for line in whys), whys
    assert "young" not in intro.lower() and "fits everything you asked" not in intro, intro


async def test_a_young_writers_age_ranks_young_groups_but_is_no_unmet_wish(bot: Bot) -> None:
    whys, intro = await suggestions_for(bot, "im 16 and my dad drinks")
    assert whys, whys  # a young people's group may come first (and say so): that is no wish
    assert "young" not in intro.lower() and "fits everything you asked" not in intro, intro


async def test_asking_for_people_ones_age_is_a_wish(bot: Bot) -> None:
    whys, intro = await suggestions_for(bot, "I'm 19, I drink too much, any young people's group?")
    assert any("young" in line.lower() for line in whys) or "young" in intro.lower()
