"""Far is never shown as near (issue 15): in-person groups beyond the sensible distance are not
suggested as places to go; the person hears how far the nearest is and gets online groups."""

from __future__ import annotations

from typing import Any

from bot import strings
from tests.bot.conftest import Bot
from tests.bot.test_conversation import texts, to_concern


def cards(replies: list[Any]) -> list[str]:
    """The suggestion cards among the replies."""
    return [r.plain for r in replies if r.plain[:2] in ("1.", "2.", "3.")]


async def search(bot: Bot, concern: str, how: str, place: str) -> list[Any]:
    """A whole search up to the suggestions."""
    await to_concern(bot)
    await bot.chat.send(concern)
    await bot.chat.press("go on")
    await bot.chat.press(how)
    return await bot.chat.send(place)


async def test_in_melbourne_a_group_in_michigan_is_not_a_place_to_go(bot: Bot) -> None:
    replies = await search(bot, "I gamble every night", "Either is fine", "Melbourne")
    shown = cards(replies)
    assert shown, texts(replies)
    assert not any("km away" in card or "Where:" in card for card in shown), texts(replies)
    assert "The nearest in-person group I know for this is about 710 km away" in texts(replies)


async def test_in_toledo_the_nearest_is_said_and_online_groups_are_offered(bot: Bot) -> None:
    for how in ("Either is fine", "In person"):
        replies = await search(bot, "I drink too much", how, "Toledo, OH")
        shown = cards(replies)
        assert shown and all("Online:" in card for card in shown), texts(replies)
        assert not any("km away" in card for card in shown)
        assert "The nearest in-person group I know for this is about 62 km away" in texts(replies)
        await bot.chat.send("/new")


async def test_asking_in_person_far_away_says_how_far_not_just_sorry(bot: Bot) -> None:
    replies = await search(bot, "I have been so depressed for months", "In person", "Toledo, OH")
    said = texts(replies)
    assert strings.NO_SUGGESTIONS in said and "about 62 km away" in said, said
