"""The conversation, fed real Update objects through the real Application and a real database."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from icalendar import Calendar
from sqlmodel import col, select
from telegram import Update

from bot import strings
from bot.app import CONVERSATION
from bot.db import session_scope
from bot.followups.models import Plan
from bot.handlers.common import Await
from bot.models import Event, EventKind, Person
from bot.persistence_models import BotState
from tests.bot.conftest import CONTACT_GROUP, Bot, stop

CONCERN = "I drink too much, a bottle of wine every night"


def texts(replies: list[Any]) -> str:
    """All replies as one plain text."""
    return "\n".join(r.plain for r in replies)


def state_of(bot: Bot) -> Any:
    """The conversation's state for the test chat."""
    conversations = bot.application._conversation_handler_conversations[CONVERSATION]
    return conversations.get((bot.chat.chat_id, bot.chat.chat_id))


async def to_concern(bot: Bot) -> list[Any]:
    """From nothing to the question about what is going on."""
    await bot.chat.send("/start")
    return await bot.chat.press("let's start")


async def to_format(bot: Bot) -> list[Any]:
    """... to the in person / online question."""
    await to_concern(bot)
    await bot.chat.send(CONCERN)
    return await bot.chat.press("go on")


async def to_place(bot: Bot) -> list[Any]:
    """... to the where question."""
    await to_format(bot)
    return await bot.chat.press("In person")


async def to_choice(bot: Bot) -> list[Any]:
    """... to the suggestions."""
    await to_place(bot)
    return await bot.chat.send("Ann Arbor")


async def to_when(bot: Bot) -> list[Any]:
    """... to the question of when (choosing a group without a newcomer contact)."""
    replies = await to_choice(bot)
    names = [r.plain for r in replies if r.plain.startswith(("1.", "2.", "3."))]
    number = next(i for i, n in enumerate(names, 1) if CONTACT_GROUP not in n)
    return await bot.chat.press(f"Choose {number}")


async def to_calendar(bot: Bot) -> list[Any]:
    """... to a recorded plan."""
    replies = await to_when(bot)
    first = replies[-1].buttons[0][0][0]
    return await bot.chat.press(first)


def table_texts(bot: Bot) -> str:
    """Every value of every table of the database, as one text."""
    engine = bot.application.bot_data.engine
    parts = []
    with engine.connect() as conn:
        for table in sa.inspect(engine).get_table_names():
            for row in conn.execute(sa.text(f'select * from "{table}"')):
                parts.extend(str(v) for v in row)
    return "\n".join(parts)


async def test_welcome_says_what_it_is_and_asks_consent(bot: Bot) -> None:
    (welcome,) = await bot.chat.send("/start")
    for words in ("bot", "not a person", "not a therapist", "not an emergency service", "/forget"):
        assert words in welcome.plain
    assert welcome.labels == [strings.CONSENT_BUTTON, strings.NOT_NOW_BUTTON]
    assert state_of(bot) == Await.CONSENT


async def test_a_pressed_keyboard_is_taken_away_and_the_reply_is_html(bot: Bot) -> None:
    (welcome,) = await bot.chat.send("/start")
    (question,) = await bot.chat.press(strings.CONSENT_BUTTON)
    assert bot.api.keyboards_removed == [(bot.chat.chat_id, welcome.message_id)]
    assert question.parse_mode == "HTML" and question.text == strings.ASK_CONCERN
    assert "answercallbackquery" in bot.api.calls


async def test_deep_link_start_gets_the_same_welcome(bot: Bot) -> None:
    (welcome,) = await bot.chat.send("/start ref_abc123")
    assert "not a therapist" in welcome.plain and state_of(bot) == Await.CONSENT


async def test_full_path_to_a_plan_and_calendar_file(bot: Bot) -> None:
    replies = await to_concern(bot)
    assert strings.ASK_CONCERN in texts(replies)
    (understood,) = await bot.chat.send(CONCERN)
    assert "drinking" in understood.plain and understood.labels == [strings.GO_ON_BUTTON]
    (question,) = await bot.chat.press("go on")
    assert question.plain == strings.ASK_FORMAT
    (question,) = await bot.chat.press("In person")
    assert question.plain == strings.ASK_PLACE
    replies = await bot.chat.send("Ann Arbor")
    cards = [r for r in replies if r.plain[:2] in ("1.", "2.", "3.")]
    assert 1 <= len(cards) <= 3
    kinds: set[str] = set()
    for card in cards:
        assert "Next meeting:" in card.plain and "Why:" in card.plain
        assert "Where:" in card.plain or "Online:" in card.plain
        assert "Sample listing" in card.plain  # the demo directory is sample data
        kind = card.plain.splitlines()[1].split(",")[0]  # "a 12-step group, in person"
        assert ("At a first meeting" in card.plain) == (kind not in kinds)  # once per kind
        kinds.add(kind)
    assert replies[-1].labels[: len(cards)] == [f"Choose {n}" for n in range(1, len(cards) + 1)]
    assert strings.CHANGE_BUTTON in replies[-1].labels
    replies = await to_calendar_from_choice(bot, replies)
    assert "It's a plan" in texts(replies) and replies[-1].labels == [strings.ICS_BUTTON]
    (document,) = await bot.chat.press("calendar")
    assert document.file_name == "meeting.ics" and document.content
    event = Calendar.from_ical(document.content).walk("VEVENT")[0]
    with session_scope(bot.application.bot_data.engine) as session:
        plans = session.exec(select(Plan)).all()
        assert len(plans) == 1
        assert event.decoded("dtstart") == plans[0].meeting_start
        kinds = [e.kind for e in session.exec(select(Event)).all()]
    assert kinds.count(EventKind.planned) == 1 and EventKind.matched in kinds
    assert state_of(bot) is None or state_of(bot) == -1


async def test_the_calendar_button_still_works_while_a_new_search_goes_on(bot: Bot) -> None:
    replies = await to_calendar(bot)
    planned = replies[-1]
    assert state_of(bot) is None  # the search ended with the plan
    await bot.chat.send("/new")
    assert state_of(bot) == Await.CONCERN
    (document,) = await bot.chat.press_data(planned.buttons[0][0][1], planned)
    assert document.file_name == "meeting.ics"
    event = Calendar.from_ical(document.content).walk("VEVENT")[0]
    with session_scope(bot.application.bot_data.engine) as session:
        (plan,) = session.exec(select(Plan)).all()
    assert event.decoded("dtstart") == plan.meeting_start
    assert state_of(bot) == Await.CONCERN  # the new search is not disturbed


async def test_a_calendar_button_for_someone_elses_plan_gives_nothing(
    bot: Bot, make_bot: Any
) -> None:
    replies = await to_calendar(bot)
    data = replies[-1].buttons[0][0][1]
    other = await make_bot(chat_id=5151)
    answer = await other.chat.press_data(data)
    assert [a.plain for a in answer] == [strings.ICS_GONE]
    assert not any(a.file_name for a in answer)


async def test_a_calendar_button_pressed_in_a_group_chat_does_nothing(bot: Bot) -> None:
    replies = await to_calendar(bot)
    data = replies[-1].buttons[0][0][1]
    group = {"id": -100777, "type": "group", "title": "g"}
    user = {"id": bot.chat.chat_id, "is_bot": False, "first_name": "You"}
    query = {
        "id": "q1",
        "from": user,
        "chat_instance": "g",
        "data": data,
        "message": {"message_id": 1, "date": 0, "chat": group, "text": "x"},
    }
    before = len(bot.api.sent)
    update = Update.de_json({"update_id": 999_999, "callback_query": query}, bot.application.bot)
    await bot.application.process_update(update)
    assert not [s for s in bot.api.sent[before:] if s.file_name]
    with session_scope(bot.application.bot_data.engine) as session:
        assert (
            session.exec(select(Person).where(Person.telegram_chat_id == -100777)).first() is None
        )


OLD_STATE = "calendar"  # an older version's last step: waiting for its "ics" button


def leave_in_old_state(bot: Bot) -> None:
    """The conversation as PTB holds it after loading a state an older version stored."""
    conversations = bot.application._conversation_handler_conversations[CONVERSATION]
    conversations[(bot.chat.chat_id, bot.chat.chat_id)] = OLD_STATE


async def restart_in_old_state(make_bot: Callable[..., Any]) -> Bot:
    """A chosen group and its dates, stored as the older version left them (waiting in
    "calendar" for its button), then the bot restarted: the state is loaded from the database."""
    before = await make_bot()
    await to_when(before)
    await stop(before.application)  # its state and chat data are written
    with session_scope(before.application.bot_data.engine) as session:
        (row,) = session.exec(select(BotState).where(BotState.kind == "conversation")).all()
        row.data = json.dumps(OLD_STATE)
        session.add(row)
    bot = await make_bot()
    assert state_of(bot) == OLD_STATE  # PTB keeps a state its handler no longer has
    return bot


async def test_an_old_calendar_button_in_a_state_of_an_older_version_gets_a_kind_reply(
    make_bot: Callable[..., Any],
) -> None:
    bot = await restart_in_old_state(make_bot)
    (stale, how) = await bot.chat.press_data("ics")  # the older version's calendar button
    assert stale.plain == strings.NUDGE_STALE and how.plain == strings.NUDGE_IDLE
    assert state_of(bot) is None  # ended: the next words start afresh
    (understood,) = await bot.chat.send(CONCERN)
    assert "drinking" in understood.plain and understood.labels == [strings.GO_ON_BUTTON]


async def test_words_in_a_state_of_an_older_version_start_a_new_search(
    make_bot: Callable[..., Any],
) -> None:
    bot = await restart_in_old_state(make_bot)
    replies = await bot.chat.send("i cant stop gambling")
    assert strings.NUDGE_BUTTONS not in texts(replies)
    assert "gambling" in replies[-1].plain and replies[-1].labels == [strings.GO_ON_BUTTON]
    assert state_of(bot) == Await.CONCERN
    (question,) = await bot.chat.press("go on")
    assert question.plain == strings.ASK_FORMAT  # a new search: not the old group's dates


async def test_media_in_a_state_of_an_older_version_says_how_to_start(bot: Bot) -> None:
    await to_concern(bot)
    leave_in_old_state(bot)
    (media, how) = await bot.chat.send_sticker()
    assert media.plain == strings.NUDGE_MEDIA and how.plain == strings.NUDGE_IDLE
    assert state_of(bot) is None


async def to_calendar_from_choice(bot: Bot, replies: list[Any]) -> list[Any]:
    """Choose a group without a newcomer contact and its first meeting."""
    names = [r.plain for r in replies if r.plain[:2] in ("1.", "2.", "3.")]
    number = next(i for i, n in enumerate(names, 1) if CONTACT_GROUP not in n)
    (chosen, when) = await bot.chat.press(f"Choose {number}")
    assert chosen.plain.startswith("Good choice") and when.plain == strings.ASK_WHEN
    assert when.labels[-1] == strings.NOT_SURE_BUTTON and len(when.labels) >= 2
    return await bot.chat.press(when.labels[0])


async def test_plan_is_recorded_once_even_if_pressed_twice(bot: Bot) -> None:
    replies = await to_when(bot)
    when = replies[-1]
    await bot.chat.press_data(when.buttons[0][0][1], when)
    again = await bot.chat.press_data(when.buttons[0][0][1], when)
    assert strings.NUDGE_STALE in texts(again)
    with session_scope(bot.application.bot_data.engine) as session:
        assert len(session.exec(select(Plan)).all()) == 1


async def test_newcomer_contact_only_with_a_yes(bot: Bot) -> None:
    replies = await to_choice(bot)
    while not any(CONTACT_GROUP in r.plain for r in replies):
        replies = await bot.chat.press("See more")
    card = next(r for r in replies if CONTACT_GROUP in r.plain)
    (chosen, offer) = await bot.chat.press(f"Choose {card.plain.split('.', 1)[0]}")
    assert offer.plain == strings.ASK_CONTACT and "won't send them anything" in offer.plain
    assert "@pat_welcomes" not in texts([chosen, offer])
    replies = await bot.chat.press("Yes, please")
    assert "Pat & Lee" in replies[0].plain and "@pat_welcomes" in replies[0].plain
    assert "Pat &amp; Lee" in replies[0].text  # directory text escaped for HTML
    assert replies[-1].plain == strings.ASK_WHEN
    with session_scope(bot.application.bot_data.engine) as session:
        shared = session.exec(select(Event).where(Event.kind == EventKind.contact_shared)).all()
    assert len(shared) == 1


async def test_directory_text_is_escaped_in_suggestions(bot: Bot) -> None:
    replies = await to_choice(bot)
    while not any(CONTACT_GROUP in r.plain for r in replies):
        replies = await bot.chat.press("See more")
    card = next(r for r in replies if CONTACT_GROUP in r.plain)
    assert "Sample Library &lt;Room 2&gt;" in card.text and card.parse_mode == "HTML"


async def test_place_by_shared_location_sets_time_zone(bot: Bot) -> None:
    await to_place(bot)
    replies = await bot.chat.send_location(42.28, -83.74)
    assert "Ann Arbor" in replies[0].plain and state_of(bot) == Await.CHOICE
    with session_scope(bot.application.bot_data.engine) as session:
        person = session.exec(select(Person)).one()
    assert person.timezone == "America/Detroit" and person.country == "US"


async def test_unknown_place_asks_again_kindly(bot: Bot) -> None:
    await to_place(bot)
    (reply,) = await bot.chat.send("Qwxzzy Plonk")
    assert reply.plain == strings.PLACE_NOT_FOUND and state_of(bot) == Await.PLACE
    (reply,) = await bot.chat.send("x" * 300)
    assert reply.plain == strings.PLACE_TOO_LONG and state_of(bot) == Await.PLACE


async def test_for_whom_is_asked_only_when_unclear(bot: Bot) -> None:
    await to_concern(bot)
    await bot.chat.send("drinking every night")
    await bot.chat.press("go on")
    await bot.chat.press("In person")
    (_found, question) = await bot.chat.send("Ann Arbor")
    assert question.plain == strings.ASK_WHOM and state_of(bot) == Await.WHOM
    replies = await bot.chat.press("Someone close")
    assert state_of(bot) == Await.CHOICE and any(r.plain.startswith("1.") for r in replies)
    assert "Al-Anon" in texts(replies)  # family groups for someone close


async def test_change_what_i_asked(bot: Bot) -> None:
    await to_choice(bot)
    (question,) = await bot.chat.press(strings.CHANGE_BUTTON)
    assert question.plain == strings.ASK_CHANGE
    (question,) = await bot.chat.press(strings.CHANGE_FORMAT_BUTTON)
    assert question.plain == strings.ASK_FORMAT and state_of(bot) == Await.FORMAT
    replies = await bot.chat.press("Online")
    assert any("Online:" in r.plain for r in replies) and state_of(bot) == Await.CHOICE


async def test_only_what_is_missing_is_asked(bot: Bot) -> None:
    await to_concern(bot)
    await bot.chat.send("I drink too much and I want an online group")
    (question,) = await bot.chat.press("go on")
    assert question.plain == strings.ASK_PLACE_ONLINE  # online was said: no format question
    assert question.labels == [strings.SKIP_PLACE_BUTTON]
    replies = await bot.chat.press(strings.SKIP_PLACE_BUTTON)
    cards = [r for r in replies if r.plain[:2] in ("1.", "2.", "3.")]
    assert cards and all("Online:" in c.plain for c in cards)


async def test_a_place_in_the_words_is_not_asked_again(bot: Bot) -> None:
    await to_concern(bot)
    await bot.chat.send("I drink too much, I live in Ann Arbor")
    await bot.chat.press("go on")
    replies = await bot.chat.press("In person")
    assert any(r.plain.startswith("1.") for r in replies) and state_of(bot) == Await.CHOICE
    assert "Ann Arbor" in texts(replies)


async def test_several_messages_add_up(bot: Bot) -> None:
    await to_concern(bot)
    (first,) = await bot.chat.send("I drink too much")
    (second,) = await bot.chat.send("and I gamble on sports every weekend")
    assert "drinking" in first.plain and "gambling" not in first.plain
    assert "drinking" in second.plain and "gambling" in second.plain


async def test_words_not_understood_get_a_gentle_choice_of_topics(bot: Bot) -> None:
    await to_concern(bot)
    (reply,) = await bot.chat.send("hello")
    assert reply.plain == strings.ASK_TOPIC and state_of(bot) == Await.TOPIC
    assert strings.TOPIC_NOT_SURE in reply.labels


async def test_not_now_and_new(bot: Bot) -> None:
    await bot.chat.send("/start")
    (reply,) = await bot.chat.press(strings.NOT_NOW_BUTTON)
    assert reply.plain == strings.NOT_NOW and state_of(bot) is None
    await to_place(bot)
    (reply,) = await bot.chat.send("/new")
    assert reply.plain == strings.ASK_CONCERN_AGAIN and state_of(bot) == Await.CONCERN


async def test_no_search_starts_in_a_group_chat(bot: Bot) -> None:
    group = {"id": -100123, "type": "group", "title": "Friends"}
    message = {**bot.chat._message(text="I drink too much"), "chat": group}
    replies = await bot.chat._feed({"message": message})
    assert replies == [] and not bot.api.sent


async def test_a_link_that_is_not_a_web_address_is_never_shown(bot: Bot, engine: Any) -> None:
    from directory.models import Group

    with session_scope(engine) as session:  # as an import before links were checked stored them
        online = session.exec(select(Group).where(col(Group.conference_url).is_not(None))).all()
        assert online
        for number, group in enumerate(online):
            group.conference_url = ("javascript:alert(1)", "tg://resolve?domain=x")[number % 2]
            session.add(group)
    await to_concern(bot)
    await bot.chat.send("I drink too much and I want an online group")
    await bot.chat.press("go on")
    replies = await bot.chat.press(strings.SKIP_PLACE_BUTTON)
    replies += await bot.chat.press("Choose 1")
    shown = texts(replies)
    assert "1." in shown and "javascript:" not in shown and "tg://" not in shown
