"""The declared flow (bot/handlers/flow.py): states, re-prompts and button patterns come from one
table, the state lives in PTB's ConversationHandler only, and vague distress gets topics."""

from __future__ import annotations

import ast
import itertools
import re
from pathlib import Path
from typing import Any

from telegram.ext import CallbackQueryHandler

from bot import strings
from bot.app import build_conversation
from bot.handlers.common import Await, Concern, Search
from bot.handlers.flow import STEPS, conversation_states
from tests.bot.conftest import Bot
from tests.bot.test_conversation import state_of, texts, to_concern, to_format

VAGUE = "i cant sleep, cant focus, i cry a lot"


def screens(replies: list[Any]) -> list[tuple[str, list[str]]]:
    """What the person sees: each message's text and buttons."""
    return [(r.plain, r.labels) for r in replies]


async def test_vague_distress_gets_topics_not_say_it_another_way_again(bot: Bot) -> None:
    await to_concern(bot)
    first = await bot.chat.send(VAGUE)
    second = await bot.chat.send("im not ok")
    assert first[-1].plain == strings.ASK_TOPIC and state_of(bot) == Await.TOPIC
    assert strings.TOPIC_NOT_SURE in first[-1].labels
    assert strings.TOPIC_NAMES["depression"].capitalize() in first[-1].labels
    assert second[-1].plain == strings.ASK_TOPIC_AGAIN  # never the same screen twice in a row
    assert screens(first) != screens(second)
    third = await bot.chat.send("i dont know how to say it")
    assert screens(third) != screens(second)


async def test_not_sure_leads_to_general_peer_support(bot: Bot) -> None:
    await to_concern(bot)
    await bot.chat.send(VAGUE)
    replies = await bot.chat.press(strings.TOPIC_NOT_SURE)
    said = texts(replies)
    assert "NAMI Connection" in said and "Emotions Anonymous" in said  # the starter data's
    assert "Al-Anon" not in said and "Dual Recovery" not in said
    assert replies[-1].plain == strings.ASK_FORMAT and state_of(bot) == Await.FORMAT
    replies = await bot.chat.press(strings.FORMAT_ONLINE)
    replies = await bot.chat.press(strings.SKIP_PLACE_BUTTON)
    final = texts(replies)
    assert strings.SUGGESTIONS_PICK in final or strings.ASK_CHANGE in final
    assert replies[-1].labels  # a way on


async def test_a_topic_button_goes_on_without_asking_what_was_said(bot: Bot) -> None:
    await to_concern(bot)
    await bot.chat.send(VAGUE)  # about the writer ("i"): who it is about is not asked
    (question,) = await bot.chat.press(strings.TOPIC_NAMES["depression"].capitalize())
    assert question.plain == strings.ASK_FORMAT
    stored = Search.from_dict(bot.application.chat_data[bot.chat.chat_id]["search"])
    assert stored.concerns == [Concern("depression")]


async def test_words_instead_of_a_topic_button_are_read(bot: Bot) -> None:
    await to_concern(bot)
    await bot.chat.send(VAGUE)
    replies = await bot.chat.send("I drink too much")
    assert "drinking" in texts(replies) and state_of(bot) == Await.CONCERN


async def test_the_state_has_one_home(bot: Bot) -> None:
    await to_format(bot)
    assert state_of(bot) == Await.FORMAT
    assert "waiting_for" not in bot.application.chat_data[bot.chat.chat_id]  # no second copy
    (_, again) = await bot.chat.send_sticker()
    assert again.plain == strings.ASK_FORMAT  # the re-prompt read PTB's state


def test_every_step_is_a_state_and_every_button_it_shows_is_answered() -> None:
    states = conversation_states()
    assert set(states) == {q.state for q in STEPS} == set(Await)
    assert build_conversation().states.keys() == states.keys()
    search = Search(
        concerns=[Concern("alcohol")],
        format="online",
        shown=[7, 8],
        more=True,
        slots=[["2026-12-02T19:00:00-05:00", "2026-12-02T20:00:00-05:00"]],
        topics_offered=1,
    )
    for question in STEPS:
        markup = question.markup(search)
        patterns = [
            h.pattern for h in states[question.state] if isinstance(h, CallbackQueryHandler)
        ]
        for row in markup.inline_keyboard if markup else ():
            for button in row:
                data = str(button.callback_data)
                assert data.startswith(f"{question.state}:"), data  # one scheme
                assert any(re.match(p, data) for p in patterns if p), (question.state, data)


CONVERSATION_MODULES = ("common", "hooks", "search", "suggest", "flow", "nudges", "signals")
# Who may import whom: flow -> search, suggest -> hooks, signals, common -> directory.
NOT_IMPORTED_BY = {
    "common": {"search", "suggest", "flow", "nudges", "hooks", "signals", "safety"},
    "hooks": {"search", "suggest", "flow", "nudges"},
    "search": {"suggest", "flow", "nudges", "safety"},
    "suggest": {"search", "flow", "nudges", "safety"},
    "signals": {"search", "suggest", "flow", "nudges", "safety"},
    "flow": {"nudges", "safety"},
}


def _imports(name: str) -> tuple[set[str], list[int]]:
    """The bot.handlers modules a module imports, and the lines of imports inside functions."""
    tree = ast.parse(Path(f"bot/handlers/{name}.py").read_text())
    found: set[str] = set()
    hidden: list[int] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            parts = node.module.split(".")
            if parts[:2] == ["bot", "handlers"]:
                found |= {parts[2]} if len(parts) > 2 else {a.name for a in node.names}
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            hidden += [
                n.lineno for n in ast.walk(node) if isinstance(n, ast.Import | ast.ImportFrom)
            ]
    return found, hidden


def test_imports_go_one_way_and_none_hide_in_functions() -> None:
    for name in CONVERSATION_MODULES:
        found, hidden = _imports(name)
        assert not hidden, (name, hidden)
        assert not found & NOT_IMPORTED_BY.get(name, set()), (name, found)


async def test_a_trauma_survivor_is_asked_once_about_a_womens_or_mens_group(
    make_bot: Any,
) -> None:
    for chat_id, answer, wished in ((601, strings.AUDIENCE_WOMEN, ["women"]), (602, "Either", [])):
        bot = await make_bot(chat_id=chat_id)
        await to_concern(bot)
        await bot.chat.send("I have flashbacks and nightmares since the assault")
        await bot.chat.press("go on")
        await bot.chat.press(strings.FORMAT_IN_PERSON)
        (_, question) = await bot.chat.send("Ann Arbor")
        assert question.plain == strings.ASK_AUDIENCE and state_of(bot) == Await.AUDIENCE
        replies = await bot.chat.press(answer)
        search = Search.from_dict(bot.application.chat_data[chat_id]["search"])
        assert search.wishes.audience == wished
        assert search.to_request(timezone="UTC", speaks="en").audience == tuple(wished)
        assert replies[-1].plain in (strings.SUGGESTIONS_PICK, strings.ASK_CHANGE)
        if strings.SUGGESTIONS_PICK in texts(replies):
            await bot.chat.press(strings.CHANGE_BUTTON)
        await bot.chat.press(strings.CHANGE_FORMAT_BUTTON)
        replies = await bot.chat.press(strings.FORMAT_EITHER)
        assert strings.ASK_AUDIENCE not in texts(replies)  # answered once, not asked again


async def test_no_trauma_no_audience_question(bot: Bot) -> None:
    await to_format(bot)  # drinking
    await bot.chat.press(strings.FORMAT_IN_PERSON)
    replies = await bot.chat.send("Ann Arbor")
    assert strings.ASK_AUDIENCE not in texts(replies) and state_of(bot) == Await.CHOICE


async def test_more_words_that_add_nothing_never_get_the_same_screen_twice(bot: Bot) -> None:
    await to_concern(bot)
    said = [
        await bot.chat.send(text)
        for text in ("idk everything is just bad", VAGUE, "im not ok", "it's just hard")
    ]
    assert "low mood" in said[0][-1].plain
    assert said[1][-1].plain == strings.LISTENING and said[1][-1].labels  # a way on
    for before, after in itertools.pairwise(said):
        assert screens(before) != screens(after)
