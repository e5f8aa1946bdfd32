"""A clinician's funnel (counts, weeks, text and chart) is the same before and after the retention
job deletes referred people: their stages live on as anonymous per-link, per-week tallies."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.db import session_scope
from bot.models import Event, EventKind, Person
from bot.ops.retention import purge_all, retired_totals
from bot.staff.chart import funnel_chart
from bot.staff.funnel import STAGES, Funnel, clinician_funnel, funnel_text
from bot.staff.referrals import attribute, create_link, record_consent

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
CLINICIAN, OTHER = 700, 701
RETENTION_DAYS = 14  # short, so the deleted people's weeks are inside the chart's eight weeks


@dataclass(frozen=True)
class Referred:
    """One referred person to set up: who referred them, when, what they did, when last seen."""

    chat_id: int
    clinician: int
    focus: str | None
    arrived_days_ago: int
    last_seen_days_ago: int
    consent: bool | None
    stages: tuple[EventKind, ...]
    before_referral: tuple[EventKind, ...] = ()


PEOPLE = (
    Referred(
        1,
        CLINICIAN,
        None,
        20,
        15,
        True,
        (EventKind.matched, EventKind.planned, EventKind.went),
        before_referral=(EventKind.no_answer,),  # from before the link: never counted
    ),
    Referred(2, CLINICIAN, None, 18, 16, False, (EventKind.matched,)),
    Referred(
        3,
        CLINICIAN,
        "alcohol",
        30,
        25,
        None,
        (EventKind.matched, EventKind.planned, EventKind.went, EventKind.no_answer),
    ),
    Referred(4, CLINICIAN, None, 3, 1, None, (EventKind.planned,)),  # recent: stays
    Referred(5, OTHER, None, 20, 15, True, (EventKind.went,)),  # another clinician's
)
DELETED = [1, 2, 3, 5]


def add_referred(session: Session, who: Referred) -> None:
    """A person who came through a link, with the events of the stages they reached."""
    arrived = NOW - timedelta(days=who.arrived_days_ago)
    last_seen = NOW - timedelta(days=who.last_seen_days_ago)
    person = Person(telegram_chat_id=who.chat_id, created_at=arrived, last_seen_at=last_seen)
    session.add(person)
    session.flush()
    assert person.id is not None
    link = create_link(session, clinician_user_id=who.clinician, now=arrived, focus=who.focus)
    attribute(session, person_id=person.id, link=link, now=arrived)
    if who.consent is not None:
        record_consent(session, person_id=person.id, consent=who.consent, now=arrived)
    for hours, kind in enumerate(who.stages, start=1):
        at = arrived + timedelta(hours=hours)
        session.add(Event(person_id=person.id, kind=kind.value, at=at))
    for kind in who.before_referral:
        session.add(Event(person_id=person.id, kind=kind.value, at=arrived - timedelta(days=2)))
    session.flush()


def funnel_of(engine: Engine, clinician: int) -> Funnel:
    """The clinician's funnel as /referrals builds it."""
    with session_scope(engine) as session:
        return clinician_funnel(session, clinician_user_id=clinician, now=NOW)


def check_counts_survive_retention(engine: Engine) -> None:
    """Shared body for SQLite and PostgreSQL."""
    with session_scope(engine) as session:
        for who in PEOPLE:
            add_referred(session, who)
    before, other_before = funnel_of(engine, CLINICIAN), funnel_of(engine, OTHER)
    assert before.totals == {"started": 4, "matched": 3, "planned": 3, "went": 2, "no_answer": 1}
    assert len(before.clients) == 1 and before.counts_only == 3 and before.retired == 0

    purged = purge_all(engine, now=NOW, retention_days=RETENTION_DAYS)
    assert sorted(purged.chat_ids) == DELETED and purged.tallied == len(DELETED)
    with session_scope(engine) as session:
        assert retired_totals(session, clinician_user_id=CLINICIAN) == {
            "started": 3,
            "matched": 3,
            "planned": 2,
            "went": 2,
            "no_answer": 1,
        }
    after, other_after = funnel_of(engine, CLINICIAN), funnel_of(engine, OTHER)

    for old, new in ((before, after), (other_before, other_after)):
        assert new.totals == old.totals
        assert new.weeks == old.weeks
        assert sum(c["started"] for _, c in new.weeks) == sum(c["started"] for _, c in old.weeks)
    # the deleted client's line is gone (nothing left to name); they are counts only now, with
    # everyone else who did not share: fewer than five, so no counts are shown at all
    assert after.clients == [] and after.counts_only == 1 and after.retired == 3
    assert after.others == after.totals and after.shared_totals["started"] == 0
    nobody = [(week, dict.fromkeys(STAGES, 0)) for week, _ in after.weeks]
    assert funnel_chart(after) == funnel_chart(Funnel(totals={}, weeks=[], shared_weeks=nobody))
    text = funnel_text(after)
    assert "client " not in text and "Fewer than 5 others came through your links" in text
    assert other_after.retired == 1 and other_after.totals["went"] == 1

    purge_all(engine, now=NOW, retention_days=RETENTION_DAYS)  # nothing more to delete
    assert funnel_of(engine, CLINICIAN).totals == before.totals


def test_a_clinicians_counts_stay_when_retention_deletes_referred_people(engine: Engine) -> None:
    check_counts_survive_retention(engine)


@pytest.mark.postgres
def test_a_clinicians_counts_stay_on_postgres(pg_engine: Engine) -> None:
    check_counts_survive_retention(pg_engine)
