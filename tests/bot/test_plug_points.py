"""The conversation's plug points (bot.handlers.flow), through the real Application."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from telegram import Update

from bot import strings
from bot.handlers import flow
from bot.handlers.common import Search, say
from bot.services import Context
from tests.bot.conftest import CONTACT_GROUP, Bot
from tests.bot.test_conversation import texts, to_choice

BEFORE = "A word before the groups."
AFTER = "A word after the choice."


@pytest.fixture
def calls() -> Iterator[list[Any]]:
    """Hooks registered for one test (and removed after it); what they were called with."""
    seen: list[Any] = []

    async def before(update: Update, context: Context, search: Search) -> None:
        seen.append(("before", [c[0] for c in search.concerns], search.format))
        await say(update, context, BEFORE)

    async def after(update: Update, context: Context, group_id: int) -> None:
        seen.append(("after", group_id))
        await say(update, context, AFTER)

    flow.BEFORE_SUGGESTIONS.append(before)
    flow.AFTER_CHOICE.append(after)
    yield seen
    flow.BEFORE_SUGGESTIONS.remove(before)
    flow.AFTER_CHOICE.remove(after)


async def test_before_suggestions_runs_once_with_the_search_and_may_speak(
    bot: Bot, calls: list[Any]
) -> None:
    replies = await to_choice(bot)
    plain = [r.plain for r in replies]
    assert calls == [("before", ["alcohol"], "in_person")]
    assert plain.index(BEFORE) < next(i for i, p in enumerate(plain) if p.startswith("1."))
    assert strings.SUGGESTIONS_PICK in texts(replies)
    assert strings.MORE_BUTTON in replies[-1].labels  # the demo directory has more than a page
    more = await bot.chat.press(strings.MORE_BUTTON)
    assert BEFORE not in texts(more)  # not again for the next page
    assert len(calls) == 1


async def test_after_choice_gets_the_chosen_group_and_the_conversation_goes_on(
    bot: Bot, calls: list[Any], contact_group_id: int
) -> None:
    replies = await to_choice(bot)
    names = [r.plain for r in replies if r.plain.startswith(("1.", "2.", "3."))]
    number = next(i for i, n in enumerate(names, 1) if CONTACT_GROUP in n)
    replies = await bot.chat.press(f"Choose {number}")
    plain = [r.plain for r in replies]
    assert calls[-1] == ("after", contact_group_id)
    assert plain.index(AFTER) == plain.index(f"Good choice: {CONTACT_GROUP}.") + 1
    assert strings.ASK_CONTACT.split("\n")[0][:20] in texts(replies)


async def test_a_failing_hook_is_skipped_and_the_person_still_gets_groups(bot: Bot) -> None:
    async def broken(update: Update, context: Context, search: Search) -> None:
        raise RuntimeError("a plug-in bug")

    flow.BEFORE_SUGGESTIONS.append(broken)
    try:
        replies = await to_choice(bot)
    finally:
        flow.BEFORE_SUGGESTIONS.remove(broken)
    assert strings.SUGGESTIONS_PICK in texts(replies)
