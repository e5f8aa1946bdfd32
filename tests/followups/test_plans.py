"""record_plan and cancel_pending: the hand-over from the conversation."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.db import session_scope
from bot.followups.models import Plan
from bot.followups.plans import PlanError, cancel_pending, record_plan
from bot.models import Person
from bot.settings import Settings
from tests.followups.conftest import NY, add_person, events, local, plan_meeting, rows


def test_record_plan_stores_plan_event_and_rows(engine: Engine, settings: Settings) -> None:
    pid = add_person(engine)
    plan_id = plan_meeting(
        engine,
        settings,
        person_id=pid,
        start=datetime(2026, 11, 24, 19, tzinfo=NY),
        end=datetime(2026, 11, 24, 20, tzinfo=NY),
        now=datetime(2026, 11, 23, 10, tzinfo=NY),
    )
    assert [(e.kind, e.group_id) for e in events(engine)] == [("planned", 7)]
    assert [(r.kind, r.state, r.plan_id) for r in rows(engine)] == [
        ("reminder", "pending", plan_id),
        ("followup", "pending", plan_id),
    ]


def test_a_new_plan_replaces_the_open_one(engine: Engine, settings: Settings) -> None:
    pid = add_person(engine)
    now = datetime(2026, 11, 23, 10, tzinfo=NY)
    plan_meeting(
        engine,
        settings,
        person_id=pid,
        start=datetime(2026, 11, 24, 19, tzinfo=NY),
        end=datetime(2026, 11, 24, 20, tzinfo=NY),
        now=now,
    )
    plan_meeting(
        engine,
        settings,
        person_id=pid,
        start=datetime(2026, 11, 26, 19, tzinfo=NY),
        end=datetime(2026, 11, 26, 20, tzinfo=NY),
        now=now,
    )
    assert [(r.state, local(r.due_at)) for r in rows(engine)] == [
        ("cancelled", "2026-11-24 16:00"),
        ("cancelled", "2026-11-25 08:00"),
        ("pending", "2026-11-26 16:00"),
        ("pending", "2026-11-27 08:00"),
    ]


def test_bad_times_are_refused_and_nothing_is_stored(engine: Engine, settings: Settings) -> None:
    pid = add_person(engine)
    start = datetime(2026, 11, 24, 19, tzinfo=NY)
    for bad_start, bad_end, words in [
        (start, start, "after"),
        (start.replace(tzinfo=None), start, "aware"),
    ]:
        with pytest.raises(PlanError, match=words), session_scope(engine) as session:
            record_plan(
                session,
                person_id=pid,
                group_id=1,
                meeting_start=bad_start,
                meeting_end=bad_end,
                timezone="America/New_York",
                settings=settings,
                now=datetime(2026, 11, 23, 10, tzinfo=NY),
            )
    with Session(engine) as session:
        assert session.exec(select(Plan)).all() == []
    assert events(engine) == [] and rows(engine) == []


def test_unknown_timezone_falls_back_to_the_default(engine: Engine, settings: Settings) -> None:
    pid = add_person(engine)
    plan_id = plan_meeting(
        engine,
        settings,
        person_id=pid,
        start=datetime(2026, 11, 24, 19, tzinfo=NY),
        end=datetime(2026, 11, 24, 20, tzinfo=NY),
        now=datetime(2026, 11, 23, 10, tzinfo=NY),
        tz="Nowhere/Atlantis",
    )
    with Session(engine) as session:
        plan = session.get(Plan, plan_id)
        assert plan is not None and plan.timezone == "America/New_York"


def test_cancel_pending_counts_and_forget_deletes_everything(
    engine: Engine, settings: Settings
) -> None:
    pid = add_person(engine)
    other = add_person(engine, chat_id=43)
    for person in (pid, other):
        plan_meeting(
            engine,
            settings,
            person_id=person,
            start=datetime(2026, 11, 24, 19, tzinfo=NY),
            end=datetime(2026, 11, 24, 20, tzinfo=NY),
            now=datetime(2026, 11, 23, 10, tzinfo=NY),
        )
    with session_scope(engine) as session:
        assert cancel_pending(session, person_id=pid) == 2
        assert cancel_pending(session, person_id=pid) == 0
    assert [r.state for r in rows(engine) if r.person_id == other] == ["pending", "pending"]
    with session_scope(engine) as session:  # /forget deletes the person: the rest cascades
        person = session.get(Person, pid)
        session.delete(person)
    assert all(r.person_id == other for r in rows(engine))
    with Session(engine) as session:
        assert [p.person_id for p in session.exec(select(Plan)).all()] == [other]
