"""A volunteer says hello: invitation, offer, relay both ways, crisis, /end, block, pass, timeout,
removal; through the real Application with a person, two volunteers and an admin/coordinator."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from bot import strings
from bot.console import ConsoleChat, Sent
from bot.hello.handlers import timeout_name
from bot.settings import Settings, build_settings
from tests.bot.conftest import CONTACT_GROUP, Bot
from tests.bot.test_conversation import table_texts, to_choice

ADMIN, ANNA, BEN = 1, 501, 502
WORDS = ("zebrafinch", "quorlby", "xanthippus")  # relayed words that must leave no trace
SUICIDE = "I want to kill myself tonight"


@pytest.fixture
def settings(sqlite_url: str, tmp_path: Any) -> Settings:
    """The test's database, with one admin (who may act as coordinator)."""
    return build_settings(
        DATABASE_URL=sqlite_url,
        FIRSTSTEP_DATA_DIR=str(tmp_path),
        TELEGRAM_BOT_TOKEN="",
        FIRSTSTEP_ADMIN_IDS=str(ADMIN),
    )


def chat(bot: Bot, chat_id: int) -> ConsoleChat:
    return ConsoleChat(bot.application, bot.api, chat_id=chat_id, first_name=f"u{chat_id}")


def to(bot: Bot, chat_id: int, since: int = 0) -> list[Sent]:
    return [s for s in bot.api.sent[since:] if s.chat_id == chat_id]


async def press_in(bot: Bot, chat_id: int, label: str) -> list[Sent]:
    """Press a button on the newest message to that chat carrying it."""
    for sent in reversed(to(bot, chat_id)):
        for text, data in (b for row in sent.buttons for b in row):
            if label.lower() in text.lower():
                return await chat(bot, chat_id).press_data(data, sent)
    raise LookupError(label)


async def make_volunteer(bot: Bot, chat_id: int, engine: Engine) -> ConsoleChat:
    """Invited by the admin, redeemed, covering AA in Ann Arbor."""
    from directory import crud

    (made,) = await chat(bot, ADMIN).send("/invite volunteer")
    code = made.plain.split("/redeem ")[1].split()[0]
    volunteer = chat(bot, chat_id)
    (welcome,) = await volunteer.send(f"/redeem {code}")
    assert "code of conduct" in welcome.plain and "/report" in welcome.plain
    with engine.connect():
        from bot.db import session_scope

        with session_scope(engine) as session:
            aa = crud.get_fellowship(session, name="Alcoholics Anonymous")
            assert aa is not None
            fellowship = aa.id
    (status,) = await volunteer.send(f"/volunteer area {fellowship} Ann Arbor")
    assert "in Ann Arbor" in status.plain and "active" in status.plain
    return volunteer


async def choose_group(bot: Bot) -> list[Sent]:
    replies = await to_choice(bot)
    names = [r.plain for r in replies if r.plain.startswith(("1.", "2.", "3."))]
    number = next(i for i, n in enumerate(names, 1) if CONTACT_GROUP not in n)
    return await bot.chat.press(f"Choose {number}")


async def ask_hello(bot: Bot, name: str = "Quillon") -> None:
    replies = await choose_group(bot)
    (offer,) = [r for r in replies if r.text == strings.HELLO_OFFER]
    assert offer.labels == [strings.BUTTON_HELLO_YES, strings.BUTTON_HELLO_NO]
    (question,) = await bot.chat.press(strings.BUTTON_HELLO_YES)
    assert question.text == strings.HELLO_ASK_NAME
    (bad,) = await bot.chat.send("@sam_1234")
    assert bad.text == strings.HELLO_NAME_BAD
    (thanks,) = await bot.chat.send(name)
    assert thanks.plain.startswith(f"Thank you, {name}.")


async def test_the_whole_handoff_leaves_no_trace_of_the_words(
    bot: Bot, engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)  # as run (PTB's DEBUG echoes API calls)
    anna = await make_volunteer(bot, ANNA, engine)
    ben = await make_volunteer(bot, BEN, engine)
    start = len(bot.api.sent)
    await ask_hello(bot)
    (notice,) = to(bot, ANNA, start)
    assert notice.plain.startswith("Someone new would like a hello before their first meeting at")
    assert "Quillon" not in notice.plain  # nothing personal on a lock screen
    assert bot.application.job_queue.get_jobs_by_name(timeout_name(1))

    mark = len(bot.api.sent)
    (passed,) = await press_in(bot, ANNA, strings.BUTTON_HELLO_PASS)
    assert passed.text == strings.HELLO_PASSED
    (notice,) = to(bot, BEN, mark)
    assert notice.labels == [strings.BUTTON_HELLO_ACCEPT, strings.BUTTON_HELLO_PASS]
    (late,) = await press_in(bot, ANNA, strings.BUTTON_HELLO_ACCEPT)
    assert late.text == strings.HELLO_TOO_LATE  # Anna's old button no longer opens anything

    mark = len(bot.api.sent)
    await press_in(bot, BEN, strings.BUTTON_HELLO_ACCEPT)
    (opened_v,) = to(bot, BEN, mark)
    (opened_p,) = to(bot, bot.chat.chat_id, mark)
    assert "connected with Quillon" in opened_v.plain and "/report" in opened_v.plain
    assert "/block" in opened_p.plain and "don't see your account" in opened_p.plain

    mark = len(bot.api.sent)
    assert await bot.chat.send(f"hi, I'm nervous {WORDS[0]}") == []
    (got,) = to(bot, BEN, mark)
    assert got.plain == f"Quillon: hi, I'm nervous {WORDS[0]}"
    assert await ben.send(f"Welcome! {WORDS[1]}") == []
    (back,) = to(bot, bot.chat.chat_id, mark)
    assert back.plain.startswith("Volunteer from ") and back.plain.endswith(f"Welcome! {WORDS[1]}")
    await bot.chat.send_photo(WORDS[2])
    await ben.send_voice()
    assert "sendphoto" in bot.api.calls and "sendvoice" in bot.api.calls
    assert to(bot, BEN)[-1].plain == f"Quillon: {WORDS[2]}"
    (only,) = await bot.chat.send_sticker()
    assert only.text == strings.HELLO_ONLY_KINDS

    mark = len(bot.api.sent)
    crisis = await bot.chat.send(SUICIDE)
    assert crisis and "988" in " ".join(c.plain for c in crisis)
    (told,) = to(bot, BEN, mark)
    assert told.text == strings.HELLO_CRISIS_TOLD  # not the words

    mark = len(bot.api.sent)
    (done,) = await chat(bot, ADMIN).send(f"/removevolunteer {BEN}")
    assert done.plain == strings.VOLUNTEER_REMOVED.format(user_id=BEN, count=1)
    (kind,) = to(bot, bot.chat.chat_id, mark)
    assert kind.text == strings.HELLO_REMOVED_PERSON
    assert to(bot, BEN, mark)[-1].text == strings.HELLO_REMOVED_VOLUNTEER
    mark = len(bot.api.sent)
    assert await bot.chat.send("are you there?")  # the conversation answers: no relay now
    assert to(bot, BEN, mark) == []
    (coverage,) = await chat(bot, ADMIN).send("/coverage")
    assert strings.COVERAGE_COUNTS_HIDDEN.format(n=5) in coverage.plain  # one person: no counts
    assert anna.chat_id == ANNA

    stored = table_texts(bot).lower()
    logged = "\n".join(f"{r.getMessage()} {r.__dict__}" for r in caplog.records).lower()
    for word in (*WORDS, "nervous", "kill myself", "quillon"):
        assert word not in stored, word
    for word in (*WORDS, "nervous", "kill myself"):
        assert word not in logged, word


async def test_end_and_block_close_the_relay_and_a_blocked_volunteer_is_not_asked_again(
    bot: Bot, engine: Engine
) -> None:
    anna = await make_volunteer(bot, ANNA, engine)
    await ask_hello(bot)
    await press_in(bot, ANNA, strings.BUTTON_HELLO_ACCEPT)
    mark = len(bot.api.sent)
    (ended,) = await anna.send("/end")
    assert ended.text == strings.HELLO_ENDED_YOU
    assert to(bot, bot.chat.chat_id, mark)[-1].text == strings.HELLO_ENDED_OTHER
    (nothing,) = await anna.send("/end")
    assert nothing.text == strings.HELLO_NOTHING_OPEN

    await bot.chat.send("/new")
    await ask_hello(bot, "Kit")
    await press_in(bot, ANNA, strings.BUTTON_HELLO_ACCEPT)
    (blocked,) = await bot.chat.send("/block")
    assert blocked.text == strings.HELLO_BLOCKED
    await bot.chat.send("/new")
    replies = await choose_group(bot)
    assert strings.HELLO_OFFER not in [r.text for r in replies]  # Anna was the only volunteer


async def test_an_unanswered_request_moves_on_and_then_tells_the_person_kindly(
    bot: Bot, engine: Engine
) -> None:
    await make_volunteer(bot, ANNA, engine)
    await ask_hello(bot)
    (job,) = bot.application.job_queue.get_jobs_by_name(timeout_name(1))
    assert job.next_t is not None
    mark = len(bot.api.sent)
    await job.run(bot.application)
    (sorry,) = to(bot, bot.chat.chat_id, mark)
    assert sorry.text == strings.HELLO_NOBODY
    (late,) = await press_in(bot, ANNA, strings.BUTTON_HELLO_ACCEPT)
    assert late.text == strings.HELLO_TOO_LATE


async def test_paused_volunteers_are_not_offered_and_bad_settings_are_explained(
    bot: Bot, engine: Engine, make_bot: Callable[..., Any]
) -> None:
    anna = await make_volunteer(bot, ANNA, engine)
    (paused,) = await anna.send("/volunteer pause")
    assert "paused" in paused.plain
    (wrong,) = await anna.send("/volunteer hours 25-3")
    assert wrong.text == strings.VOLUNTEER_USAGE
    (missing,) = await anna.send("/volunteer group 99999")
    assert missing.plain == strings.VOLUNTEER_NO_GROUP.format(value="99999")
    replies = await choose_group(bot)
    assert strings.HELLO_OFFER not in [r.text for r in replies]
    (none,) = await chat(bot, ADMIN).send("/coverage")
    assert none.plain.startswith(strings.COVERAGE_NONE)
    await anna.send("/volunteer resume")
    (covered,) = await chat(bot, ADMIN).send("/coverage")
    assert "Groups with an active volunteer" in covered.plain
    (refused,) = await chat(bot, 777).send("/volunteer")
    assert "volunteering" not in refused.plain.lower()  # not a volunteer


async def test_the_offer_comes_again_after_i_did_not_make_it(bot: Bot, engine: Engine) -> None:
    from bot.followups import callbacks

    await make_volunteer(bot, ANNA, engine)
    replies = await choose_group(bot)
    assert strings.HELLO_OFFER in [r.text for r in replies]
    (fine,) = await bot.chat.press(strings.BUTTON_HELLO_NO)
    assert fine.text == strings.HELLO_NO_THANKS
    await bot.chat.press_data("when:0")
    await bot.chat.press_data(callbacks.data(callbacks.DID_NOT_GO, 1))
    options, offer = await bot.chat.press_data(callbacks.data(callbacks.REASON, 1, "nerves"))
    assert options.text.startswith(strings.REASON_REPLIES["nerves"])
    assert offer.text == strings.HELLO_OFFER
    assert offer.buttons[0][0][1].endswith(":missed")


async def test_introduction_counts_under_five_read_fewer_than_five(
    bot: Bot, engine: Engine
) -> None:
    from datetime import UTC, datetime

    from bot.db import session_scope
    from bot.models import Event, EventKind, Person

    with session_scope(engine) as session:
        for number in range(6):  # six offered, four accepted, none introduced yet
            person = Person(telegram_chat_id=9000 + number)
            session.add(person)
            session.flush()
            kinds = [EventKind.hello_offered] + [EventKind.hello_accepted] * (number < 4)
            at = datetime(2026, 11, 2, tzinfo=UTC)
            session.add_all(Event(person_id=person.id, kind=k.value, at=at) for k in kinds)
    (coverage,) = await chat(bot, ADMIN).send("/coverage")
    counts = strings.COVERAGE_COUNTS.format(offered=6, accepted="fewer than 5", introduced=0)
    assert counts in coverage.plain and "under 5 reads 'fewer than 5'" in coverage.plain
