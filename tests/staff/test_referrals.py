"""Referral links, attribution with and without consent, and the clinician's funnel."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
from PIL import Image
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.db import session_scope
from bot.models import Event, EventKind, Person
from bot.settings import build_settings
from bot.staff.chart import funnel_chart
from bot.staff.funnel import clinician_funnel, funnel_text
from bot.staff.models import Referral, StaffRole
from bot.staff.referrals import (
    FocusError,
    attribute,
    create_link,
    find_active_link,
    focus_of,
    parse_focus,
    record_consent,
)
from bot.staff.roles import grant_role, revoke_role

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
CLINICIAN = 500


def _person(session: Session, chat_id: int) -> int:
    person = Person(telegram_chat_id=chat_id)
    session.add(person)
    session.flush()
    assert person.id is not None
    return person.id


def _events(session: Session, person_id: int, *kinds: EventKind, at: datetime) -> None:
    for kind in kinds:
        session.add(Event(person_id=person_id, kind=kind.value, at=at))


def test_focus_is_parsed_kindly() -> None:
    assert parse_focus("Dual diagnosis") == "dual_diagnosis"
    assert parse_focus("dual-diagnosis") == "dual_diagnosis"
    assert parse_focus("alcohol") == "alcohol"
    assert parse_focus("  ") is None
    with pytest.raises(FocusError, match="'knitting' is not a focus I know; try one of: dual"):
        parse_focus("knitting")


def test_one_link_per_focus_and_it_dies_with_the_role(engine: Engine) -> None:
    settings = build_settings()
    with session_scope(engine) as session:
        grant_role(session, user_id=CLINICIAN, role=StaffRole.clinician, granted_by=1, now=NOW)
        plain = create_link(session, clinician_user_id=CLINICIAN, now=NOW)
        again = create_link(session, clinician_user_id=CLINICIAN, now=NOW)
        dual = create_link(session, clinician_user_id=CLINICIAN, now=NOW, focus="dual_diagnosis")
        assert plain.id == again.id and dual.id != plain.id
        found = find_active_link(session, code=f"ref_{dual.code}", settings=settings)
        assert found is not None and found.focus == "dual_diagnosis"
        assert find_active_link(session, code="ref_nothing", settings=settings) is None
        revoke_role(session, user_id=CLINICIAN, revoked_by=1, now=NOW)
        assert find_active_link(session, code=dual.code, settings=settings) is None


def test_attribution_consent_and_focus(engine: Engine) -> None:
    with session_scope(engine) as session:
        link = create_link(session, clinician_user_id=CLINICIAN, now=NOW, focus="family")
        person_id = _person(session, 1)
        referral = attribute(session, person_id=person_id, link=link, now=NOW)
        assert referral.consent is None
        assert focus_of(session, person_id=person_id) == "family"
        record_consent(session, person_id=person_id, consent=True, now=NOW)
        assert attribute(session, person_id=person_id, link=link, now=NOW).consent is True
        other = create_link(session, clinician_user_id=CLINICIAN + 1, now=NOW)
        moved = attribute(session, person_id=person_id, link=other, now=NOW)
        assert moved.consent is None  # a new clinician must be asked again
        assert record_consent(session, person_id=999, consent=True, now=NOW) is None


def test_forgetting_a_person_deletes_their_referral(engine: Engine) -> None:
    with session_scope(engine) as session:
        link = create_link(session, clinician_user_id=CLINICIAN, now=NOW)
        person_id = _person(session, 1)
        attribute(session, person_id=person_id, link=link, now=NOW)
    with session_scope(engine) as session:
        session.delete(session.get(Person, person_id))
    with session_scope(engine) as session:
        assert session.exec(select(Referral)).all() == []


def test_funnel_counts_everyone_and_names_only_those_who_agreed(engine: Engine) -> None:
    arrived = NOW - timedelta(days=10)
    with session_scope(engine) as session:
        link = create_link(session, clinician_user_id=CLINICIAN, now=arrived)
        yes, no, silent = (_person(session, chat) for chat in (1, 2, 3))
        for person_id in (yes, no, silent):
            attribute(session, person_id=person_id, link=link, now=arrived)
        record_consent(session, person_id=yes, consent=True, now=arrived)
        record_consent(session, person_id=no, consent=False, now=arrived)
        later = arrived + timedelta(days=1)
        _events(session, yes, EventKind.matched, EventKind.planned, EventKind.went, at=later)
        _events(session, no, EventKind.matched, EventKind.planned, at=later)
        _events(session, silent, EventKind.matched, at=arrived - timedelta(days=30))  # before
        unrelated = _person(session, 4)
        _events(session, unrelated, EventKind.went, at=later)
    with session_scope(engine) as session:
        funnel = clinician_funnel(session, clinician_user_id=CLINICIAN, now=NOW)
        other = clinician_funnel(session, clinician_user_id=CLINICIAN + 1, now=NOW)
    assert funnel.totals == {"started": 3, "matched": 2, "planned": 2, "went": 1, "no_answer": 0}
    assert sum(counts["started"] for _, counts in funnel.weeks) == 3
    assert len(funnel.clients) == 1 and funnel.counts_only == 2
    (client,) = funnel.clients
    assert client.stages == {"started", "matched", "planned", "went"}
    text = funnel_text(funnel)
    assert "share their progress: 1 started · 1 found a group · 1 planned · 1 went" in text
    assert client.pseudonym in text and "went yes" in text
    assert "Fewer than 5 others came through your links" in text and "2 planned" not in text
    assert text.count("client ") == 1
    assert other.totals["started"] == 0 and "nobody in these weeks yet" in funnel_text(other)


def test_the_chart_is_a_png_with_bars(engine: Engine) -> None:
    with session_scope(engine) as session:
        link = create_link(session, clinician_user_id=CLINICIAN, now=NOW)
        person_id = _person(session, 1)
        attribute(session, person_id=person_id, link=link, now=NOW)
        record_consent(session, person_id=person_id, consent=True, now=NOW)  # only they are drawn
        _events(session, person_id, EventKind.went, at=NOW + timedelta(hours=1))
        funnel = clinician_funnel(session, clinician_user_id=CLINICIAN, now=NOW)
        empty = clinician_funnel(session, clinician_user_id=1, now=NOW)
    image = Image.open(io.BytesIO(funnel_chart(funnel)))
    assert image.format == "PNG" and image.size == (720, 360)
    assert (52, 168, 83) in _colours(image.crop(BAR_AREA))  # the "went" bar is drawn
    blank = Image.open(io.BytesIO(funnel_chart(empty)))
    assert _colours(blank.crop(BAR_AREA)) == {(255, 255, 255)}
    assert (52, 168, 83) in _colours(blank)  # only in the legend


BAR_AREA = (40, 60, 700, 310)


def _colours(image: Image.Image) -> set[object]:
    return {colour for _, colour in image.getcolors(maxcolors=1_000_000) or []}


def test_counts_kept_after_retention_are_added(engine: Engine) -> None:
    from bot.ops.models import ReferralTally
    from bot.staff.funnel import week_start

    with session_scope(engine) as session:
        link = create_link(session, clinician_user_id=CLINICIAN, now=NOW)
        week = week_start(NOW.date()) - timedelta(weeks=1)
        for stage, count in (("started", 7), ("went", 1)):
            session.add(
                ReferralTally(link_id=link.id or 0, week_start=week, stage=stage, count=count)
            )
        other = create_link(session, clinician_user_id=CLINICIAN + 1, now=NOW)
        session.add(ReferralTally(link_id=other.id or 0, week_start=week, stage="started", count=9))
    with session_scope(engine) as session:
        funnel = clinician_funnel(session, clinician_user_id=CLINICIAN, now=NOW)
    assert funnel.totals["started"] == 7 and funnel.totals["went"] == 1
    assert dict(funnel.weeks)[week]["started"] == 7
    assert funnel.retired == 7 and funnel.counts_only == 0 and funnel.clients == []
    text = funnel_text(funnel)  # deleted people are counted with the others: all weeks together
    assert "all weeks together: 7 started · 0 found a group · 0 planned · fewer than 5 went" in text
