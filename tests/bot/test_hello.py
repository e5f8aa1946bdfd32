"""A volunteer says hello: invitation, offer, relay both ways, crisis, /end, block, pass, timeout,
removal; through the real Application with a person, two volunteers and an admin/coordinator."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

import i18n
from bot import strings
from bot.clock import FakeClock
from bot.console import ConsoleChat, Sent
from bot.db import session_scope
from bot.hello.handlers import timeout_name
from bot.settings import Settings, build_settings
from tests.bot.conftest import CONTACT_GROUP, Bot, stop
from tests.bot.test_conversation import table_texts, to_choice

ADMIN, ANNA, BEN, CORA = 1, 501, 502, 601
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
    bot: Bot, engine: Engine, clock: FakeClock
) -> None:
    await make_volunteer(bot, ANNA, engine)
    await ask_hello(bot)
    (job,) = bot.application.job_queue.get_jobs_by_name(timeout_name(1))
    assert job.next_t is not None
    mark = len(bot.api.sent)
    clock.advance(timedelta(hours=11))
    await job.run(bot.application)  # early: nothing moves yet
    assert to(bot, bot.chat.chat_id, mark) == [] and to(bot, ANNA, mark) == []
    clock.advance(timedelta(hours=1, minutes=1))
    (job,) = bot.application.job_queue.get_jobs_by_name(timeout_name(1))
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


def hello_counts(engine: Engine) -> dict[str, int]:
    """The hello counts as stored (what /coverage shows when there are enough to show)."""
    from bot.hello import service

    with session_scope(engine) as session:
        return service.counts(session)


def hello_row(engine: Engine, hello_id: int = 1) -> Any:
    from bot.db import session_scope
    from bot.hello.models import Hello

    with session_scope(engine) as session:
        found = session.get(Hello, hello_id)
        assert found is not None
        session.expunge(found)
        return found


async def redeem(bot: Bot, chat_id: int, made: Sent) -> Sent:
    code = made.plain.split("/redeem ")[1].split()[0]
    (welcome,) = await chat(bot, chat_id).send(f"/redeem {code}")
    return welcome


async def test_a_coordinator_invites_volunteers_to_what_they_cover_sees_them_and_removes_one(
    bot: Bot, engine: Engine, contact_group_id: int
) -> None:
    from directory import crud

    cora = chat(bot, CORA)
    (made,) = await chat(bot, ADMIN).send("/invite coordinator")
    await redeem(bot, CORA, made)
    (refused,) = await cora.send("/invite clinician")
    assert refused.text == strings.REFUSED_ADMIN  # coordinators invite volunteers only
    (missing,) = await cora.send("/invite volunteer group 99999")
    assert missing.plain == strings.VOLUNTEER_NO_GROUP.format(value="99999")
    (nonsense,) = await cora.send("/invite volunteer somewhere")
    assert nonsense.text == strings.VOLUNTEER_USAGE
    with session_scope(engine) as session:
        aa = crud.get_fellowship(session, name="Alcoholics Anonymous")
        assert aa is not None
        fellowship = aa.id
    (for_anna,) = await cora.send(f"/invite volunteer area {fellowship} Ann Arbor")
    assert f"They will cover: area {fellowship} Ann Arbor." in for_anna.plain
    assert "code of conduct" in (await redeem(bot, ANNA, for_anna)).plain
    (for_ben,) = await cora.send(f"/invite volunteer group {contact_group_id}")
    await redeem(bot, BEN, for_ben)
    (anna_status,) = await chat(bot, ANNA).send("/volunteer")
    assert "in Ann Arbor" in anna_status.plain and "(each group's time zone)" in anna_status.plain
    (ben_status,) = await chat(bot, BEN).send("/volunteer")
    assert f"group #{contact_group_id}" in ben_status.plain
    assert "9:00–21:00 (America/Detroit)" in ben_status.plain  # the group's zone became his

    (coverage,) = await cora.send("/coverage")
    assert f"#{contact_group_id} {CONTACT_GROUP}: 2 ({ANNA}, {BEN})" in coverage.plain
    assert f"• {ANNA} u{ANNA}: active, en, 9:00–21:00" in coverage.plain
    assert f"• {BEN} u{BEN}: active, en, 9:00–21:00 America/Detroit" in coverage.plain

    await ask_hello(bot)
    await press_in(bot, ANNA, strings.BUTTON_HELLO_ACCEPT)
    mark = len(bot.api.sent)
    (done,) = await cora.send(f"/removevolunteer {ANNA}")
    assert done.plain == strings.VOLUNTEER_REMOVED.format(user_id=ANNA, count=1)
    (kind,) = to(bot, bot.chat.chat_id, mark)
    assert kind.text == strings.HELLO_REMOVED_PERSON
    assert to(bot, ANNA, mark)[-1].text == strings.HELLO_REMOVED_VOLUNTEER
    (after,) = await cora.send("/coverage")
    assert f"{ANNA}" not in after.plain and f": 1 ({BEN})" in after.plain
    assert hello_counts(engine) == {"offered": 1, "accepted": 1, "introduced": 1, "went": 0}
    assert strings.COVERAGE_COUNTS_HIDDEN.format(n=5) in after.plain  # too few to show


async def to_choice_in_spanish(bot: Bot) -> list[Sent]:
    bot.chat.language_code = "es"
    await bot.chat.send("/start")
    await bot.chat.press("De acuerdo, empecemos")
    await bot.chat.send("bebo demasiado, una botella de vino cada noche")
    await bot.chat.press("Eso es todo, sigamos")
    await bot.chat.press("En persona")
    replies = await bot.chat.send("Ann Arbor")
    if replies[-1].plain.endswith("¿Se trata de ti o de alguien cercano?"):
        replies = await bot.chat.press("De mí")
    names = [r.plain for r in replies if r.plain.startswith(("1.", "2.", "3."))]
    number = next(i for i, n in enumerate(names, 1) if CONTACT_GROUP not in n)
    return await bot.chat.press(f"Elegir el {number}")


async def test_a_hello_is_offered_only_in_a_language_a_volunteer_speaks(
    bot: Bot, engine: Engine
) -> None:
    with i18n.using("es"):
        offer_es, yes_es = strings.HELLO_OFFER, strings.BUTTON_HELLO_YES
        opened_es = strings.HELLO_OPENED_PERSON.split("{group}")[0]
    from directory import crud

    with session_scope(engine) as session:
        smart = crud.get_fellowship(session, name="SMART Recovery")
        assert smart is not None
        smart_id = smart.id  # the only Ann Arbor group suggested in Spanish
    anna = await make_volunteer(bot, ANNA, engine)  # English only, the first to join
    await anna.send(f"/volunteer area {smart_id} Ann Arbor")
    replies = await to_choice_in_spanish(bot)
    assert offer_es not in [r.text for r in replies] and replies  # no hello in a foreign tongue

    ben = await make_volunteer(bot, BEN, engine)
    await ben.send(f"/volunteer area {smart_id} Ann Arbor")
    (status,) = await ben.send("/volunteer languages en,es")
    assert "Languages: en,es" in status.plain
    await bot.chat.send("/new")
    replies = await to_choice_in_spanish(bot)
    assert offer_es in [r.text for r in replies]
    await bot.chat.press(yes_es)
    mark = len(bot.api.sent)
    await bot.chat.send("Quillon")
    assert to(bot, ANNA, mark) == []  # Anna joined first but does not speak Spanish
    (notice,) = to(bot, BEN, mark)
    assert notice.plain.startswith("Someone new would like a hello")
    mark = len(bot.api.sent)
    await press_in(bot, BEN, strings.BUTTON_HELLO_ACCEPT)  # Ben's own Telegram is in English
    (opened,) = to(bot, bot.chat.chat_id, mark)
    assert opened.plain.startswith(opened_es)  # the person still reads Spanish
    assert anna.chat_id == ANNA


async def test_a_volunteer_is_told_only_inside_their_own_hours_once_even_across_a_restart(
    bot: Bot, engine: Engine, clock: FakeClock, make_bot: Callable[..., Any]
) -> None:
    anna = await make_volunteer(bot, ANNA, engine)
    (bad,) = await anna.send("/volunteer timezone Mars/Olympus")
    assert bad.plain == strings.VOLUNTEER_BAD_ZONE.format(value="Mars/Olympus")
    (status,) = await anna.send("/volunteer hours 18-21")  # 10:00 in Ann Arbor now
    assert "18:00–21:00 (each group's time zone)" in status.plain
    mark = len(bot.api.sent)
    await ask_hello(bot)
    assert to(bot, ANNA, mark) == []  # not now: queued for her evening
    queued = hello_row(engine)
    evening = datetime(2026, 12, 1, 23, 0, tzinfo=UTC)  # 18:00 in America/Detroit
    assert queued.notify_at.replace(tzinfo=UTC) == evening and queued.notified_at is None

    clock.set(evening - timedelta(minutes=1))
    (job,) = bot.application.job_queue.get_jobs_by_name(timeout_name(1))
    await job.run(bot.application)
    assert to(bot, ANNA, mark) == []
    clock.set(evening)
    (job,) = bot.application.job_queue.get_jobs_by_name(timeout_name(1))
    await job.run(bot.application)
    (notice,) = to(bot, ANNA, mark)
    assert notice.labels == [strings.BUTTON_HELLO_ACCEPT, strings.BUTTON_HELLO_PASS]
    assert hello_row(engine).answer_by.replace(tzinfo=UTC) == evening + timedelta(hours=12)

    await stop(bot.application)  # a restart: the deadline comes back from the database
    again = await make_bot(chat_id=bot.chat.chat_id)
    for _ in range(100):
        jobs = again.application.job_queue.get_jobs_by_name(timeout_name(1))
        if jobs:
            break
        await asyncio.sleep(0.02)
    (job,) = jobs
    await job.run(again.application)  # not due: no second notice
    assert [s for s in again.api.sent if s.chat_id == ANNA] == []
    clock.set(evening + timedelta(hours=12, minutes=1))
    (job,) = again.application.job_queue.get_jobs_by_name(timeout_name(1))
    await job.run(again.application)
    (sorry,) = [s for s in again.api.sent if s.chat_id == bot.chat.chat_id]
    assert sorry.text == strings.HELLO_NOBODY

    (madrid,) = await chat(again, ANNA).send("/volunteer timezone Europe/Madrid")
    assert "18:00–21:00 (Europe/Madrid)" in madrid.plain  # 23:01 UTC is past 21:00 in Madrid


async def test_the_relay_closes_three_days_after_the_planned_meeting_and_went_is_counted(
    bot: Bot, engine: Engine, clock: FakeClock
) -> None:
    from bot.followups import callbacks
    from bot.followups.models import Plan

    anna = await make_volunteer(bot, ANNA, engine)
    await ask_hello(bot)
    await press_in(bot, ANNA, strings.BUTTON_HELLO_ACCEPT)
    await bot.chat.press_data("when:0")  # the plan is made after the relay opened
    with session_scope(engine) as session:
        plan = session.exec(select(Plan)).one()
        end = plan.meeting_end.replace(tzinfo=UTC)
    assert hello_row(engine).closes_at is not None

    clock.set(end + timedelta(days=1))
    await bot.chat.press_data(callbacks.data(callbacks.WENT, plan.id or 0))
    clock.set(end + timedelta(days=3) - timedelta(minutes=1))
    (job,) = bot.application.job_queue.get_jobs_by_name(timeout_name(1))
    await job.run(bot.application)
    mark = len(bot.api.sent)
    assert await anna.send("How was it?") == []  # still open the day before it closes
    assert to(bot, bot.chat.chat_id, mark)[-1].plain.endswith("How was it?")
    assert hello_row(engine).closes_at.replace(tzinfo=UTC) == end + timedelta(days=3)

    clock.set(end + timedelta(days=3, minutes=1))
    (job,) = bot.application.job_queue.get_jobs_by_name(timeout_name(1))
    mark = len(bot.api.sent)
    await job.run(bot.application)
    (closed_p,) = to(bot, bot.chat.chat_id, mark)
    (closed_v,) = to(bot, ANNA, mark)
    assert closed_p.text == closed_v.text == strings.HELLO_ENDED_TIME
    assert hello_row(engine).status == "closed"
    mark = len(bot.api.sent)
    await anna.send("still there?")
    assert to(bot, bot.chat.chat_id, mark) == []  # nothing passes any more
    (coverage,) = await chat(bot, ADMIN).send("/coverage")
    assert hello_counts(engine) == {"offered": 1, "accepted": 1, "introduced": 1, "went": 1}
    assert strings.COVERAGE_COUNTS_HIDDEN.format(n=5) in coverage.plain  # too few to show


def test_the_clinician_funnel_counts_hellos_as_numbers(engine: Engine) -> None:
    from bot.models import Event, EventKind, Person
    from bot.staff.funnel import clinician_funnel, funnel_text
    from bot.staff.referrals import attribute, create_link

    now = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
    with session_scope(engine) as session:
        link = create_link(session, clinician_user_id=77, now=now)
        for chat_id, kinds in ((1, 4), (2, 2), (3, 1), (4, 1), (5, 1), (6, 1)):
            person = Person(telegram_chat_id=chat_id)
            session.add(person)
            session.flush()
            assert person.id is not None
            attribute(session, person_id=person.id, link=link, now=now)
            for kind in list(EventKind)[-4:][:kinds]:
                session.add(Event(person_id=person.id, kind=kind, at=now + timedelta(hours=1)))
    with session_scope(engine) as session:
        funnel = clinician_funnel(session, clinician_user_id=77, now=now)
    assert funnel.hellos == {
        "hello_offered": 6, "hello_accepted": 2, "hello_introduced": 1, "hello_went": 1
    }  # fmt: skip
    assert funnel.totals["started"] == 6 and "hello_offered" not in funnel.totals
    text = funnel_text(funnel)
    assert (  # under the small-count rule: whoever said no to sharing can't be picked out
        "A volunteer's hello, everyone who came through your links: 6 offered a hello · "
        "fewer than 5 accepted a hello · fewer than 5 introduced to a volunteer · "
        "fewer than 5 went after a hello"
    ) in text


async def test_forget_deletes_the_introductions_and_tells_the_volunteer_only_that_it_closed(
    bot: Bot, engine: Engine
) -> None:
    from bot.hello.models import Hello

    anna = await make_volunteer(bot, ANNA, engine)
    await ask_hello(bot)
    await press_in(bot, ANNA, strings.BUTTON_HELLO_ACCEPT)
    (ask,) = await bot.chat.send("/forget")
    mark = len(bot.api.sent)
    await bot.chat.press_data("forget:yes", ask)
    (told,) = to(bot, ANNA, mark)
    assert told.text == strings.HELLO_ENDED_OTHER
    with session_scope(engine) as session:
        assert session.exec(select(Hello)).all() == []
    assert "quillon" not in table_texts(bot).lower()
    mark = len(bot.api.sent)
    await anna.send("hello?")
    assert to(bot, bot.chat.chat_id, mark) == []  # nothing reaches the forgotten chat


def test_a_request_already_sent_before_the_upgrade_gets_its_deadline(tmp_path: Any) -> None:
    import sqlalchemy as sa

    from bot.db import upgrade

    url = f"sqlite:///{tmp_path}/old.sqlite3"
    upgrade(url, "0009")
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            sa.text(
                "insert into hello (person_chat_id, group_id, source, passed, status, blocked, "
                "asked_at, volunteer_user_id) values (7, 1, 'choice', '[]', 'asking', 0, "
                "'2026-12-01 15:00:00.000000', 501)"
            )
        )
    upgrade(url)
    with engine.connect() as conn:
        row = conn.execute(sa.text("select notified_at, answer_by, locale from hello")).one()
    engine.dispose()
    assert row == ("2026-12-01 15:00:00.000000", "2026-12-02 03:00:00.000000", "en")


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
    counts = strings.COVERAGE_COUNTS.format(
        offered=6, accepted="fewer than 5", introduced=0, went=0
    )
    assert counts in coverage.plain and "under 5 reads 'fewer than 5'" in coverage.plain


async def test_a_hello_and_the_newcomer_contact_are_not_offered_in_one_breath(
    bot: Bot, engine: Engine
) -> None:
    """A group with a listed newcomer contact and an available volunteer: the hello is offered,
    the contact question is not asked beside it (one person offered at a time); without a
    volunteer the contact question comes as before."""
    replies = await to_choice(bot)
    names = [r.plain for r in replies if r.plain.startswith(("1.", "2.", "3."))]
    number = next(i for i, n in enumerate(names, 1) if CONTACT_GROUP in n)
    alone = await bot.chat.press(f"Choose {number}")
    assert strings.ASK_CONTACT in [r.text for r in alone]  # no volunteer yet: the contact

    await make_volunteer(bot, ANNA, engine)
    await bot.chat.send("/new")
    replies = await to_choice(bot)
    names = [r.plain for r in replies if r.plain.startswith(("1.", "2.", "3."))]
    number = next(i for i, n in enumerate(names, 1) if CONTACT_GROUP in n)
    texts = [r.text for r in await bot.chat.press(f"Choose {number}")]
    assert strings.HELLO_OFFER in texts
    assert strings.ASK_CONTACT not in texts
