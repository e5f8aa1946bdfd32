"""Retention deletes inactive people for real (rows gone) and keeps only anonymous tallies."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, select
from telegram import Update
from telegram.ext import (
    Application,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.clock import FakeClock
from bot.db import session_scope
from bot.followups.models import FollowUp, Plan
from bot.followups.plans import record_plan
from bot.models import Event, EventKind, Person
from bot.ops.models import ReferralTally
from bot.ops.retention import (
    BATCH,
    forget_in_memory,
    install_retention,
    purge_all,
    purge_all_between,
    retired_totals,
)
from bot.persistence_models import BotState
from bot.services import CONTEXT_TYPES
from bot.settings import build_settings
from bot.staff.models import Referral
from bot.staff.referrals import attribute, create_link

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
CLINICIAN = 5550001


def add_person(
    session: Session, chat_id: int, *, last_seen: datetime, referred_by: int | None = None
) -> int:
    """A person with events, a plan with follow-ups, stored chat state and maybe a referral."""
    person = Person(telegram_chat_id=chat_id, last_seen_at=last_seen, created_at=last_seen)
    session.add(person)
    session.flush()
    assert person.id is not None
    if referred_by is not None:
        link = create_link(session, clinician_user_id=referred_by, now=last_seen)
        attribute(session, person_id=person.id, link=link, now=last_seen)
    session.add(Event(person_id=person.id, kind=EventKind.matched, at=last_seen))
    start = last_seen + timedelta(days=2)
    record_plan(
        session,
        person_id=person.id,
        group_id=1,
        meeting_start=start,
        meeting_end=start + timedelta(hours=1),
        timezone="Europe/London",
        settings=build_settings(),
        now=last_seen,
    )
    for kind in ("chat", "user", "conversation"):
        key = str(chat_id) if kind != "conversation" else f"[{chat_id}, {chat_id}]"
        session.add(BotState(kind=kind, key=key, chat_id=chat_id, data="{}", name=""))
    session.flush()
    return person.id


def count(session: Session, table: type, person_id: int) -> int:
    """Rows of a per-person table that belong to this person."""
    statement = sa.select(sa.func.count()).select_from(table).where(table.person_id == person_id)
    return session.execute(statement).scalar_one()


def check_retention(engine: Engine) -> None:
    """Shared body for SQLite and PostgreSQL."""
    old_seen = NOW - timedelta(days=181)
    with session_scope(engine) as session:
        old = add_person(session, 101, last_seen=old_seen, referred_by=CLINICIAN)
        recent = add_person(session, 202, last_seen=NOW - timedelta(days=179))
        old_unreferred = add_person(session, 303, last_seen=old_seen)
    purged = purge_all(engine, now=NOW, retention_days=180)
    assert sorted(purged.chat_ids) == [101, 303]
    assert purged.tallied == 1
    with session_scope(engine) as session:
        for person_id in (old, old_unreferred):
            assert session.get(Person, person_id) is None
            for table in (Event, Plan, FollowUp, Referral):
                assert count(session, table, person_id) == 0, table.__name__
        assert session.exec(select(BotState).where(BotState.chat_id.in_([101, 303]))).all() == []
        assert session.get(Person, recent) is not None
        assert count(session, FollowUp, recent) >= 1
        assert len(session.exec(select(BotState).where(BotState.chat_id == 202)).all()) == 3
        assert retired_totals(session, clinician_user_id=CLINICIAN) == {
            "started": 1,
            "matched": 1,
            "planned": 1,
        }
        tallies = session.exec(select(ReferralTally)).all()
        assert all(not hasattr(t, "person_id") for t in tallies)
    assert purge_all(engine, now=NOW, retention_days=180).chat_ids == []


def test_retention_on_sqlite(engine: Engine) -> None:
    check_retention(engine)


@pytest.mark.postgres
def test_retention_on_postgres(pg_engine: Engine) -> None:
    check_retention(pg_engine)


def test_tallies_add_up_across_runs(engine: Engine) -> None:
    for chat_id in (1, 2):
        with session_scope(engine) as session:
            add_person(session, chat_id, last_seen=NOW - timedelta(days=400), referred_by=CLINICIAN)
        purge_all(engine, now=NOW, retention_days=180)
    with session_scope(engine) as session:
        assert retired_totals(session, clinician_user_id=CLINICIAN)["planned"] == 2
        assert retired_totals(session, clinician_user_id=CLINICIAN + 1) == {}


@pytest.mark.parametrize("running", [False, True], ids=["purge_all", "the job"])
async def test_more_people_than_one_batch_are_all_deleted(engine: Engine, running: bool) -> None:
    with session_scope(engine) as session:
        for chat_id in range(BATCH + 3):
            session.add(Person(telegram_chat_id=chat_id, last_seen_at=NOW - timedelta(days=200)))
        session.add(Person(telegram_chat_id=-1, last_seen_at=NOW - timedelta(days=100)))
    if running:  # the job: batch after batch through run_db, with the event loop between them
        purged = await purge_all_between(engine, now=NOW, retention_days=180)
    else:
        purged = purge_all(engine, now=NOW, retention_days=180)
    assert sorted(purged.chat_ids) == list(range(BATCH + 3))
    with session_scope(engine) as session:
        assert session.exec(select(Person.telegram_chat_id)).all() == [-1]


async def test_in_memory_state_of_deleted_chats_is_dropped() -> None:
    application = Application.builder().token("1:fake").context_types(CONTEXT_TYPES).build()
    conversation = ConversationHandler(
        entry_points=[CommandHandler("start", lambda *_: None)],
        states={1: [MessageHandler(filters.TEXT, lambda *_: None)]},
        fallbacks=[],
    )
    application.add_handler(conversation)
    conversation._conversations[(101, 101)] = 1
    conversation._conversations[(202, 202)] = 1
    application.chat_data[101]["k"] = 1
    application.user_data[101]["k"] = 1
    application.chat_data[202]["k"] = 1
    services = application.bot_data
    held = Update(1)
    services.held_for_screening.update({101: held, 202: held})
    services.language_offers.update({101: ("es", held), 202: ("es", held)})
    services.hello_rate.update({101: [1.0], 202: [1.0]})
    forget_in_memory(application, [101])
    assert (101, 101) not in conversation._conversations
    assert (202, 202) in conversation._conversations
    assert 101 not in application.chat_data and 101 not in application.user_data
    assert application.chat_data[202] == {"k": 1}
    assert list(services.held_for_screening) == list(services.language_offers) == [202]
    assert list(services.hello_rate) == [202]


async def test_retention_job_deletes_in_the_database_and_counts_it(engine: Engine) -> None:
    application = Application.builder().token("1:fake").context_types(CONTEXT_TYPES).build()
    application.bot_data.set_up(
        settings=build_settings(FIRSTSTEP_RETENTION_DAYS=30), engine=engine, clock=FakeClock(NOW)
    )
    with session_scope(engine) as session:
        add_person(session, 77, last_seen=NOW - timedelta(days=31))
        add_person(session, 78, last_seen=NOW - timedelta(days=29))
    application.chat_data[77]["k"] = 1
    install_retention(application)
    [job] = application.job_queue.get_jobs_by_name("retention")
    await job.run(application)
    with session_scope(engine) as session:
        chats = session.exec(select(Person.telegram_chat_id)).all()
    assert chats == [78]
    assert 77 not in application.chat_data
    assert application.bot_data.metrics.retention_deleted._value.get() == 1


def test_state_left_behind_by_a_deleted_chat_is_swept(engine: Engine) -> None:
    with session_scope(engine) as session:
        add_person(session, 404, last_seen=NOW)
        for kind in ("chat", "user"):  # what a write racing a /forget leaves: empty, but an id
            session.add(BotState(kind=kind, key="505", chat_id=505, data="{}", name=""))
    purged = purge_all(engine, now=NOW, retention_days=180)
    assert purged.orphans == [505] and purged.chat_ids == []
    with session_scope(engine) as session:
        assert session.exec(select(BotState).where(BotState.chat_id == 505)).all() == []
        assert len(session.exec(select(BotState).where(BotState.chat_id == 404)).all()) == 3


async def test_orphan_sweep_job_drops_stored_and_in_memory_state(engine: Engine) -> None:
    application = Application.builder().token("1:fake").context_types(CONTEXT_TYPES).build()
    application.bot_data.set_up(settings=build_settings(), engine=engine, clock=FakeClock(NOW))
    with session_scope(engine) as session:
        add_person(session, 606, last_seen=NOW)
        session.add(BotState(kind="chat", key="707", chat_id=707, data="{}", name=""))
    application.chat_data[707]["x"] = 1
    application.chat_data[606]["x"] = 1
    install_retention(application)
    [job] = application.job_queue.get_jobs_by_name("orphan-sweep")
    await job.run(application)
    with session_scope(engine) as session:
        left = sorted({row.chat_id for row in session.exec(select(BotState))})
    assert left == [606]
    assert 707 not in application.chat_data and application.chat_data[606] == {"x": 1}
