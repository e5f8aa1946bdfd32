"""Crisis first in every state, commands any time, no free text stored, state across restarts."""

from __future__ import annotations

import asyncio
import threading
from datetime import timedelta
from typing import Any

import pytest
from sqlmodel import select

from bot import strings
from bot.db import run_db_long, session_scope
from bot.followups.models import FollowUp, FollowUpState, Plan
from bot.handlers import safety
from bot.handlers.common import Await
from bot.models import Event, EventKind, Person, PersonStatus
from bot.persistence_models import BotState
from tests.bot.conftest import Bot, stop
from tests.bot.test_conversation import (
    CONCERN,
    OLD_STATE,
    leave_in_old_state,
    state_of,
    table_texts,
    to_calendar,
    to_choice,
    to_concern,
    to_format,
    to_place,
    to_when,
)

SUICIDE = "I want to kill myself tonight"
OVERDOSE = "my friend took too many pills and won't wake up, I think it's an overdose"


async def to_consent(bot: Bot) -> list[Any]:
    """Just the welcome."""
    return await bot.chat.send("/start")


async def to_old_state(bot: Bot) -> list[Any]:
    """A conversation in a state an older version stored (this one has no such step)."""
    replies = await to_when(bot)
    leave_in_old_state(bot)
    return replies


async def to_nothing(bot: Bot) -> list[Any]:
    """No conversation at all."""
    return []


REACH = {
    None: to_nothing,
    Await.CONSENT: to_consent,
    Await.CONCERN: to_concern,
    Await.FORMAT: to_format,
    Await.PLACE: to_place,
    Await.CHOICE: to_choice,
    Await.WHEN: to_when,
    "planned": to_calendar,
    OLD_STATE: to_old_state,
}


def events(bot: Bot, kind: EventKind) -> list[Event]:
    """Recorded events of one kind."""
    with session_scope(bot.application.bot_data.engine) as session:
        return list(session.exec(select(Event).where(Event.kind == kind)).all())


@pytest.mark.parametrize("state", list(REACH), ids=lambda s: str(s or "none"))
async def test_crisis_first_in_every_state(bot: Bot, state: str | None) -> None:
    await REACH[state](bot)
    before = state_of(bot)
    replies = await bot.chat.send(SUICIDE)
    assert len(replies) == 1
    (reply,) = replies
    assert "988" in reply.plain and not reply.buttons
    for word in ("Choose", "Next meeting", "plan", "Where are you"):
        assert word not in reply.plain
    assert state_of(bot) == before  # the person can come back to the search
    assert [e.detail for e in events(bot, EventKind.crisis)] == ["suicide"]


async def test_crisis_lines_follow_the_country(bot: Bot) -> None:
    (unknown,) = await bot.chat.send(SUICIDE)
    for line in ("988", "116 123", "13 11 14", "112", "000", "911", "999"):
        assert line in unknown.plain
    await to_place(bot)
    await bot.chat.send("London")
    (uk,) = await bot.chat.send(SUICIDE)
    assert "116 123" in uk.plain and "999" in uk.plain and "988" not in uk.plain


async def test_overdose_gets_emergency_advice(bot: Bot) -> None:
    (reply,) = await bot.chat.send(OVERDOSE)
    assert "naloxone" in reply.plain.lower() and "stay with them" in reply.plain.lower()
    assert [e.detail for e in events(bot, EventKind.crisis)] == ["overdose"]


async def test_after_a_crisis_the_search_goes_on(bot: Bot) -> None:
    await to_format(bot)
    await bot.chat.send(SUICIDE)
    (question,) = await bot.chat.press("In person")
    assert question.plain == strings.ASK_PLACE


async def test_no_free_text_is_stored(bot: Bot) -> None:
    words = "I drink too much since the zebrafinch incident at Quorlby"
    await to_concern(bot)
    await bot.chat.send(words)
    await bot.chat.send("also my brother Xanthippus gambles")
    await bot.chat.press("go on")
    await bot.chat.press("In person")
    await bot.chat.send("Ann Arbor")
    await bot.chat.send(SUICIDE)
    stored = table_texts(bot).lower()
    for secret in ("zebrafinch", "quorlby", "xanthippus", "kill myself", "bottle", words.lower()):
        assert secret not in stored
    assert "alcohol" in stored  # the codes are kept


async def test_state_survives_rebuilding_the_application(bot: Bot, make_bot: Any) -> None:
    await to_format(bot)
    old_question = bot.api.sent[-1]
    await stop(bot.application)
    again = await make_bot()
    replies = await again.chat.press_data("format:in_person", old_question)
    assert replies[0].plain == strings.ASK_PLACE and state_of(again) == Await.PLACE
    replies = await again.chat.send("Ann Arbor")
    assert any(r.plain.startswith("1.") for r in replies)


async def test_stale_button_after_restart_gets_a_nudge(bot: Bot, make_bot: Any) -> None:
    await to_choice(bot)
    choices = bot.api.sent[-1]
    await bot.chat.press("Change what I asked")
    await stop(bot.application)
    again = await make_bot()
    replies = await again.chat.press_data(choices.buttons[0][0][1], choices)
    assert replies[0].plain == strings.NUDGE_STALE
    assert replies[1].plain == strings.ASK_CHANGE and state_of(again) == Await.CHANGE


async def test_unexpected_input_gets_a_kind_nudge(bot: Bot) -> None:
    await to_format(bot)
    (nudge, again) = await bot.chat.send_sticker()
    assert nudge.plain == strings.NUDGE_MEDIA and again.plain == strings.ASK_FORMAT
    (nudge, again) = await bot.chat.send("whatever")
    assert nudge.plain == strings.NUDGE_BUTTONS and again.labels
    (nudge,) = await bot.chat.send("/frobnicate")
    assert nudge.plain == strings.NUDGE_COMMAND
    (nudge, again) = await bot.chat.send_location(1.0, 2.0)
    assert nudge.plain == strings.NUDGE_LOCATION
    assert state_of(bot) == Await.FORMAT


async def test_sticker_outside_a_conversation(bot: Bot) -> None:
    replies = await bot.chat.send_sticker()
    assert [r.plain for r in replies] == [strings.NUDGE_MEDIA, strings.NUDGE_IDLE]


async def test_help_mid_question_keeps_the_state(bot: Bot) -> None:
    await to_place(bot)
    (reply,) = await bot.chat.send("/help")
    assert reply.plain == strings.HELP and state_of(bot) == Await.PLACE


async def test_mydata_shows_what_is_kept(bot: Bot) -> None:
    await to_choice(bot)
    (reply,) = await bot.chat.send("/mydata")
    for part in (
        "Ann Arbor",
        "America/Detroit",
        "drinking",
        "agreed to start 2026",
        "found groups 2026",
    ):
        assert part in reply.plain  # the search in progress is kept (codes, the town)
    assert CONCERN not in reply.plain


async def test_mydata_after_a_plan_shows_the_plan_and_no_search_any_more(bot: Bot) -> None:
    replies = await to_calendar(bot)
    assert not bot.application.chat_data.get(bot.chat.chat_id)  # the search was let go
    (reply,) = await bot.chat.send("/mydata")
    for part in (
        "America/Detroit",
        "agreed to start 2026",
        "found groups 2026",
        "made a plan 2026",
    ):
        assert part in reply.plain
    for gone in ("Ann Arbor", "drinking"):  # the finished search is not kept
        assert gone not in reply.plain
    lines = reply.plain.splitlines()
    assert f"Topics: {strings.MYDATA_NO_TOPICS}" in lines  # not "not given": they were, and went
    assert not any(line.endswith(strings.MYDATA_UNKNOWN) for line in lines if "Topics" in line)
    plan_line = next(line for line in reply.plain.splitlines() if line.startswith("Plans:"))
    assert replies[0].plain.split("It's a plan: ")[1].split(".")[0] in plan_line
    assert CONCERN not in reply.plain


async def test_stop_cancels_follow_ups_until_the_person_writes(bot: Bot) -> None:
    await to_calendar(bot)
    engine = bot.application.bot_data.engine
    (reply,) = await bot.chat.send("/stop")
    assert reply.plain == strings.STOPPED
    with session_scope(engine) as session:
        person = session.exec(select(Person)).one()
        states = {f.state for f in session.exec(select(FollowUp)).all()}
    assert person.status == PersonStatus.stopped and states == {FollowUpState.cancelled}
    await bot.chat.send("/help")
    with session_scope(engine) as session:
        assert session.exec(select(Person)).one().status == PersonStatus.active


async def test_forget_deletes_everything_after_confirming(bot: Bot, make_bot: Any) -> None:
    await to_calendar(bot)
    engine = bot.application.bot_data.engine
    (ask,) = await bot.chat.send("/forget")
    assert ask.labels == [strings.FORGET_YES, strings.FORGET_NO]
    (kept,) = await bot.chat.press(strings.FORGET_NO)
    assert kept.plain == strings.NOT_FORGOTTEN
    with session_scope(engine) as session:
        assert session.exec(select(Person)).first() is not None
    services = bot.application.bot_data
    services.hello_rate[bot.chat.chat_id] = [1.0]  # what the relay keeps in memory for the chat
    (done,) = await bot.chat.press_data("forget:yes", ask)
    assert done.plain == strings.FORGOTTEN
    with session_scope(engine) as session:
        for table in (Person, Event, Plan, FollowUp, BotState):
            assert session.exec(select(table)).all() == [], table.__name__
    assert bot.chat.chat_id not in services.hello_rate
    await stop(bot.application)
    again = await make_bot()
    assert state_of(again) is None and not again.application.chat_data.get(again.chat.chat_id)


async def test_blocked_person_is_marked_and_follow_ups_cancelled(bot: Bot) -> None:
    await to_calendar(bot)
    bot.api.blocked.add(bot.chat.chat_id)
    await bot.chat.send("/help")
    with session_scope(bot.application.bot_data.engine) as session:
        person = session.exec(select(Person)).one()
        states = {f.state for f in session.exec(select(FollowUp)).all()}
    assert person.status == PersonStatus.blocked and states == {FollowUpState.cancelled}


async def test_flood_control_waits_and_retries(bot: Bot) -> None:
    bot.api.floods["sendmessage"] = 1
    (welcome,) = await bot.chat.send("/start")
    assert "not a therapist" in welcome.plain
    assert bot.api.calls.count("sendmessage") == 2


async def test_network_errors_are_retried_a_bounded_number_of_times(bot: Bot) -> None:
    bot.application.bot.rate_limiter.backoff = 0.01
    bot.api.network_failures = 2
    (welcome,) = await bot.chat.send("/start")
    assert "not a therapist" in welcome.plain
    bot.api.network_failures = 100
    assert await bot.chat.send("/help") == []
    assert bot.api.network_failures < 100 and bot.api.network_failures > 90


async def test_plan_time_is_in_the_persons_time_zone(bot: Bot, clock: Any) -> None:
    replies = await to_when(bot)
    label = replies[-1].labels[0]
    await bot.chat.press(label)
    with session_scope(bot.application.bot_data.engine) as session:
        plan = session.exec(select(Plan)).one()
    from zoneinfo import ZoneInfo

    local = plan.meeting_start.astimezone(ZoneInfo("America/Detroit"))
    assert local.strftime("%a %d %b, %H:%M") == label  # English: "Tue 01 Dec, 19:00"
    assert plan.meeting_start > clock.now() - timedelta(minutes=1)


async def test_a_very_long_message_gets_a_kind_reply(bot: Bot) -> None:

    await to_format(bot)
    (reply,) = await bot.chat.send("so much to say " * 400)
    assert reply.plain == strings.OPS_TOO_LONG and state_of(bot) == Await.FORMAT
    long_crisis = "I can't go on. " * 50 + SUICIDE
    (crisis,) = await bot.chat.send(long_crisis)
    assert "988" in crisis.plain


async def test_old_buttons_that_cannot_be_edited_still_work(bot: Bot) -> None:
    await to_format(bot)
    bot.api.bad_requests |= {"answercallbackquery", "editmessagereplymarkup"}
    (question,) = await bot.chat.press("In person")
    assert question.plain == strings.ASK_PLACE and state_of(bot) == Await.PLACE
    assert "editmessagereplymarkup" in bot.api.calls


class CountingParser:
    """The real parser, counting how often it parses and how often it checks for a crisis."""

    def __init__(self, parser: Any) -> None:
        self.parser, self.calls, self.checks = parser, 0, 0
        self.pipeline_name = parser.pipeline_name

    def parse(self, text: str) -> Any:
        """Parse with the real parser and count."""
        self.calls += 1
        return self.parser.parse(text)

    def check_crisis(self, text: str) -> Any:
        """The real parser's crisis check alone, counted."""
        self.checks += 1
        return self.parser.check_crisis(text)


async def test_each_message_is_parsed_once(bot: Bot) -> None:
    await to_concern(bot)
    counting = CountingParser(bot.application.bot_data.parser)
    bot.application.bot_data.parser = counting
    await bot.chat.send(CONCERN)  # a short text: parsed whole by the crisis check, once
    assert (counting.checks, counting.calls) == (0, 1)
    await bot.chat.send(CONCERN * 20)  # a long one: the crisis check alone, then one parse
    assert (counting.checks, counting.calls) == (1, 2)
    await bot.chat.press("go on")  # a button: nothing to parse
    assert counting.calls == 2
    assert "_parse" not in table_texts(bot)  # the cached parse is never stored


async def test_a_photo_caption_is_checked_for_crisis_and_photos_get_a_nudge(bot: Bot) -> None:
    photo = [{"file_id": "p1", "file_unique_id": "p1", "width": 10, "height": 10}]
    (crisis,) = await bot.chat._feed({"message": bot.chat._message(photo=photo, caption=SUICIDE)})
    assert "988" in crisis.plain
    await to_format(bot)
    voice = {"file_id": "v1", "file_unique_id": "v1", "duration": 3}
    (nudge, again) = await bot.chat._feed({"message": bot.chat._message(voice=voice)})
    assert nudge.plain == strings.NUDGE_MEDIA and again.plain == strings.ASK_FORMAT


async def test_a_first_message_without_start_gets_the_welcome(bot: Bot) -> None:
    (welcome,) = await bot.chat.send("hello?")
    assert "not a therapist" in welcome.plain and state_of(bot) == Await.CONSENT


async def test_a_crisis_reply_does_not_wait_long_for_a_busy_database(
    bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    await to_place(bot)
    await bot.chat.send("London")  # known: the UK's lines only, when the database answers
    monkeypatch.setattr(safety, "CRISIS_DB_WAIT", 0.3)
    engine = bot.application.bot_data.engine
    holding, release = threading.Event(), threading.Event()

    def long_import() -> None:  # a coordinator's import, holding the database
        holding.set()
        release.wait(10)

    running = asyncio.ensure_future(run_db_long(engine, long_import))
    try:
        assert await asyncio.to_thread(holding.wait, 5)
        (reply,) = await bot.chat.send(SUICIDE)
        assert not running.done()  # the reply went out while the database was still held
        for line in ("988", "116 123", "13 11 14", "112", "000", "911", "999"):
            assert line in reply.plain  # the country could not be read in time: every line
        assert events(bot, EventKind.crisis) == []
    finally:
        release.set()
        await running
    for _ in range(100):  # the crisis is recorded once the database is free
        if events(bot, EventKind.crisis):
            break
        await asyncio.sleep(0.01)
    assert [e.detail for e in events(bot, EventKind.crisis)] == ["suicide"]
    (uk,) = await bot.chat.send(SUICIDE)  # and the next reply waits for nothing
    assert "116 123" in uk.plain and "988" not in uk.plain


async def test_mydata_after_forget_shows_nothing(bot: Bot) -> None:
    await to_calendar(bot)
    (ask,) = await bot.chat.send("/forget")
    await bot.chat.press_data("forget:yes", ask)
    (shown,) = await bot.chat.send("/mydata")
    assert shown.plain == strings.MYDATA_NONE
    await bot.chat.send("/help")  # asking for help is not starting again: still nothing kept
    (again,) = await bot.chat.send("/mydata")
    assert again.plain == strings.MYDATA_NONE and "Since" not in again.plain
    with session_scope(bot.application.bot_data.engine) as session:
        assert session.exec(select(Person)).all() == []  # asking created no one
