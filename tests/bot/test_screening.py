"""A possible crisis asks one question; a clear one is answered at once; replies fit the danger.

Through the real Application and a real database, in several conversation states.
"""

from __future__ import annotations

from typing import Any

import pytest

from bot import strings
from bot.handlers.common import Await
from bot.models import EventKind
from tests.bot.conftest import Bot
from tests.bot.test_conversation import CONCERN, state_of, to_concern, to_format, to_place
from tests.bot.test_safety_and_privacy import REACH, events

HOPELESS = "honestly i'm so tired of being a burden on everyone"
SUICIDE = "I want to kill myself tonight"
MEANS = "my dads gun is in my lap right now"
FRIEND_PILLS = "my roommate took a whole bottle of sleeping pills 20 min ago and won't wake up"
SON_CUTTING = "my 15 yo is locked in the bathroom cutting again"


async def test_a_possible_crisis_asks_one_direct_question(bot: Bot) -> None:
    (question,) = await bot.chat.send(HOPELESS)
    assert question.plain == strings.SCREEN_QUESTION["self"]
    assert question.labels == [strings.SCREEN_YES, strings.SCREEN_NO, strings.SCREEN_UNSURE]
    assert "988" not in question.plain  # asked, not assumed
    assert events(bot, EventKind.crisis) == []


@pytest.mark.parametrize("answer", [strings.SCREEN_YES, strings.SCREEN_UNSURE])
async def test_yes_or_not_sure_gets_the_crisis_reply(bot: Bot, answer: str) -> None:
    await bot.chat.send(HOPELESS)
    (reply,) = await bot.chat.press(answer)
    assert "988" in reply.plain and not reply.buttons
    assert [e.detail for e in events(bot, EventKind.crisis)] == ["suicide"]


async def test_no_goes_on_with_the_held_words_where_the_conversation_was(bot: Bot) -> None:
    await to_concern(bot)
    await bot.chat.send("i drink every night and i'm so tired of being a burden on everyone")
    assert state_of(bot) == Await.CONCERN
    thanks, heard = await bot.chat.press(strings.SCREEN_NO)
    assert thanks.plain == strings.SCREEN_THANKS
    assert "drinking" in heard.plain and strings.GO_ON_BUTTON in heard.labels  # read as meant
    assert events(bot, EventKind.crisis) == []


@pytest.mark.parametrize("state", [Await.FORMAT, Await.PLACE])
async def test_no_goes_on_in_the_step_the_person_was_at(bot: Bot, state: Await) -> None:
    await REACH[state](bot)
    await bot.chat.send(HOPELESS)
    thanks, *rest = await bot.chat.press(strings.SCREEN_NO)
    assert thanks.plain == strings.SCREEN_THANKS and rest
    assert "988" not in " ".join(r.plain for r in rest)
    assert state_of(bot) == state  # the held words were an answer to this step, as it reads them


async def test_a_typed_plain_no_counts_as_no_and_anything_else_as_yes(make_bot: Any) -> None:
    said_no = await make_bot(chat_id=501)
    await to_concern(said_no)
    await said_no.chat.send(HOPELESS)
    thanks, *rest = await said_no.chat.send("nope, just really down")
    assert thanks.plain == strings.SCREEN_THANKS and rest
    said_other = await make_bot(chat_id=502)
    await said_other.chat.send(HOPELESS)
    (reply,) = await said_other.chat.send("i don't know anymore")
    assert "988" in reply.plain


async def test_asked_at_most_once_per_step(bot: Bot) -> None:
    await to_concern(bot)
    await bot.chat.send(HOPELESS)
    await bot.chat.press(strings.SCREEN_NO)
    replies = await bot.chat.send("everything feels hopeless lately")
    assert all(r.plain != strings.SCREEN_QUESTION["self"] for r in replies)
    assert all("988" not in r.plain for r in replies)
    await bot.chat.press("go on")
    assert state_of(bot) == Await.FORMAT
    (asked_again,) = await bot.chat.send("honestly what's the point of anything")
    assert asked_again.plain == strings.SCREEN_QUESTION["self"]  # a new step, a new question


@pytest.mark.parametrize("state", list(REACH), ids=lambda s: str(s or "none"))
async def test_a_clear_crisis_is_never_asked_about(bot: Bot, state: Await | None) -> None:
    await REACH[state](bot)
    (reply,) = await bot.chat.send(SUICIDE)
    assert reply.plain.startswith(strings.CRISIS_INTRO) and "988" in reply.plain
    assert not reply.buttons


async def test_a_clear_crisis_while_the_question_waits_is_answered_at_once(bot: Bot) -> None:
    await bot.chat.send(HOPELESS)
    (reply,) = await bot.chat.send(SUICIDE)
    assert "988" in reply.plain
    replies = await bot.chat.send(CONCERN)  # the question no longer waits
    assert all("988" not in r.plain for r in replies)


async def test_a_second_crisis_message_is_not_answered_with_the_same_text(bot: Bot) -> None:
    (first,) = await bot.chat.send(SUICIDE)
    (second,) = await bot.chat.send("i mean it, tonight i'm going to end it")
    assert first.plain != second.plain
    assert second.plain.startswith(strings.CRISIS_AGAIN)
    assert "988" in second.plain  # the lines stay in view


async def test_means_at_hand_puts_the_emergency_number_first(bot: Bot) -> None:
    await to_place(bot)
    await bot.chat.send("Ann Arbor")  # a US place: the person's country is known
    (reply,) = await bot.chat.send(MEANS)
    assert reply.plain.startswith("Please call 911 now.")
    assert "988" in reply.plain and "116 123" not in reply.plain


async def test_unknown_country_gets_every_emergency_number_first(bot: Bot) -> None:
    (reply,) = await bot.chat.send(MEANS)
    assert reply.plain.startswith("Please call your emergency number now")
    for number in ("911", "999", "112", "000"):
        assert number in reply.plain.split("\n")[0]


async def test_someone_not_breathing_gets_first_aid_for_them(bot: Bot) -> None:
    (reply,) = await bot.chat.send(FRIEND_PILLS)
    text = reply.plain.lower()
    assert text.startswith("please call your emergency number now")
    assert "naloxone" in text and "on their side" in text and "stay with them" in text
    assert [e.detail for e in events(bot, EventKind.crisis)] == ["overdose"]


async def test_a_child_self_harming_gets_what_to_do_for_them(bot: Bot) -> None:
    (reply,) = await bot.chat.send(SON_CUTTING)
    assert strings.CRISIS_FOR_SOMEONE["self_harm"].split(".")[0] in reply.plain
    assert [e.detail for e in events(bot, EventKind.crisis)] == ["self_harm"]


async def test_a_possible_crisis_about_someone_else_asks_about_them(bot: Bot) -> None:
    await to_format(bot)
    (question,) = await bot.chat.send(
        "my best friend keeps saying everyone would be better off without her"
    )
    assert question.plain == strings.SCREEN_QUESTION["other"]
    (reply,) = await bot.chat.press(strings.SCREEN_YES)
    assert reply.plain.startswith(strings.CRISIS_INTRO_OTHER)
    assert strings.CRISIS_FOR_SOMEONE["suicide"].split(".")[0] in reply.plain
