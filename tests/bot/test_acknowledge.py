"""Warm, brief acknowledgements that fit what was told (issue 15), through the real Application:
a loss, a loved one's struggle, the person's own concern, a recovery."""

from __future__ import annotations

import pytest

from bot import strings
from bot.acknowledge import acknowledgement
from nlp.result import CONCERN_CODES
from tests.bot.conftest import Bot


async def first_reply(bot: Bot, text: str) -> str:
    """What the bot says to the first words of a search."""
    await bot.chat.send("/start")
    await bot.chat.press("let's start")
    (understood,) = await bot.chat.send(text)
    return understood.plain


@pytest.mark.parametrize(
    ("text", "warm"),
    [
        ("my son died last year and I miss him every day", strings.ACKNOWLEDGE["grief"]),
        ("my wife drinks too much and hides bottles", strings.ACKNOWLEDGE_FAMILY),
        ("I've been so depressed I can't get out of bed", strings.ACKNOWLEDGE_SELF["depression"]),
        ("I can't stop gambling", strings.ACKNOWLEDGE_SELF["substance"]),
        ("my anxiety is out of control", strings.ACKNOWLEDGE_SELF["anxiety"]),
    ],
)
async def test_the_first_words_are_met_with_a_fitting_warm_word(
    bot: Bot, text: str, warm: str
) -> None:
    said = await first_reply(bot, text)
    assert said.startswith(warm + "\n"), said
    assert strings.UNDERSTOOD.split("{")[0] in said  # what was understood still follows


def test_every_concern_has_a_warm_word_for_the_person_and_for_a_loved_one() -> None:
    for code in CONCERN_CODES:
        assert acknowledgement([(code, "self", "current")]), code
        assert acknowledgement([(code, "family", "current")]), code
    assert acknowledgement([("alcohol", "family", "current")]) == strings.ACKNOWLEDGE_FAMILY
    assert acknowledgement([("grief", "family", "current")]) == strings.ACKNOWLEDGE["grief"]
    assert acknowledgement([("alcohol", "self", "past")]) == strings.ACKNOWLEDGE_RECOVERY
    assert acknowledgement([]) is None
