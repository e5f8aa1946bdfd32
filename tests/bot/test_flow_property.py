"""Property (issue 15, item 2): with only the starter fellowships and no groups, every concern
code x who it is about x format ends in a concrete next step, never the same screen twice in a
row. Driven through the real Application, one per concern code (a chat per combination)."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from bot import strings
from bot.db import session_scope
from directory import crud
from directory.models import Group
from nlp.concern_codes import CONCERN_CODES, REGISTRY
from tests.bot.conftest import Bot

FORMATS = {"in_person": strings.FORMAT_IN_PERSON, "online": strings.FORMAT_ONLINE,
           "any": strings.FORMAT_EITHER}  # fmt: skip
WHOM = {"self": strings.WHOM_SELF, "family": strings.WHOM_FAMILY}
MAX_TURNS = 8  # far more than the questions there are


def no_groups(engine: Engine) -> None:
    """Only the starter fellowships: every group archived."""
    with session_scope(engine) as session:
        for group in session.exec(select(Group)).all():
            crud.archive_group(session, group=group)


def screen(sent: Any) -> tuple[str, tuple[str, ...]]:
    """What the person sees of one message: its text and its buttons."""
    return sent.plain, tuple(sent.labels)


async def answer(bot: Bot, last: Any, whom: str, format_label: str) -> list[Any]:
    """Answer whatever the bot asked last as this person would."""
    if last.plain == strings.ASK_FORMAT:
        return await bot.chat.press(format_label)
    if last.plain in (strings.ASK_PLACE, strings.ASK_PLACE_ONLINE):
        return await bot.chat.send("Ann Arbor")
    if last.plain == strings.ASK_WHOM:
        return await bot.chat.press(WHOM[whom])
    if last.plain == strings.ASK_AUDIENCE:
        return await bot.chat.press(strings.AUDIENCE_ANY)
    if strings.GO_ON_BUTTON in last.labels:
        return await bot.chat.press(strings.GO_ON_BUTTON)
    raise AssertionError(f"an unexpected screen: {screen(last)}")


async def converse(
    bot: Bot, code: str, whom: str, format_label: str, *, words: bool = False
) -> list[Any]:
    """From /start to the end of the search; every message the bot sent, in order. The concern
    is named in the person's words (the registry's first example), or, after words that name
    nothing, with the topic buttons."""
    seen = [*await bot.chat.send("/start"), *await bot.chat.press(strings.CONSENT_BUTTON)]
    if words:
        replies = await bot.chat.send(REGISTRY[code].examples["en"][0])
    else:
        seen += await bot.chat.send("things are really hard lately")  # nothing named: topics
        replies = await bot.chat.press(strings.TOPIC_NAMES[code].capitalize())
    seen += replies
    for _ in range(MAX_TURNS):
        shown = {r.plain for r in replies}
        if strings.SUGGESTIONS_PICK in shown or strings.ASK_CHANGE in shown:
            return seen
        replies = await answer(bot, replies[-1], whom, format_label)
        seen += replies
    raise AssertionError("no end in sight:\n" + "\n---\n".join(r.plain for r in seen))


@pytest.mark.parametrize("code", CONCERN_CODES)
async def test_every_path_ends_in_a_concrete_next_step(
    make_bot: Any, engine: Engine, code: str
) -> None:
    no_groups(engine)
    bot = await make_bot()
    # The examples are said of oneself ("I drink too much"): words for "self", and the topic
    # buttons (then "someone close to me" or "about me") for both.
    ways = [(False, "self"), (False, "family"), (True, "self")]
    combinations = itertools.product(ways, FORMATS.items())
    for chat_id, ((words, whom), (fmt, label)) in enumerate(combinations, start=100):
        bot.chat.chat_id = chat_id  # a new person, same Application
        seen = await converse(bot, code, whom, label, words=words)
        said = "\n---\n".join(s.plain for s in seen)
        where = f"{code} / {whom} / {fmt} / {'words' if words else 'topics'}:\n{said}"
        for before, after in itertools.pairwise(seen):
            assert screen(before) != screen(after), f"the same screen twice: {where}"
        finders = [s for s in seen if s.plain.startswith(strings.NO_GROUP_FELLOWSHIPS)]
        # No group at all: the concrete step is a fellowship's own finder (for the person, for
        # a loved one, or, where none serves loved ones, one to pass on).
        assert finders and "https://" in finders[-1].plain, f"no concrete next step: {where}"
        assert seen[-1].labels, f"no way on: {where}"
