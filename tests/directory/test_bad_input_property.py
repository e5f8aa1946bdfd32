"""Property: any input, however broken, gives a report (never an exception) and writes nothing."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session, func, select

from directory.bmlt import import_bmlt
from directory.csv_io import import_csv
from directory.meeting_guide import import_meeting_guide
from directory.models import Group
from tests.directory.conftest import NOW

SCALARS = st.none() | st.booleans() | st.integers(-10, 10_000) | st.floats() | st.text(max_size=12)
JSON = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
    st.text(max_size=8), inner, max_size=3), max_leaves=8)  # fmt: skip
KEYS = st.sampled_from(
    ["name", "slug", "day", "time", "end_time", "timezone", "types", "latitude", "longitude",
     "conference_url", "city", "address", "updated", "firststep", "notes"]
)  # fmt: skip
EXTRAS = st.dictionaries(
    st.sampled_from(
        ["fellowship", "concerns", "audience", "medication_friendly", "sample", "rhythm"]
    ),
    JSON | st.dictionaries(st.sampled_from(["freq", "interval", "byday", "anchor"]), JSON),
)
VALUES = JSON | EXTRAS | st.sampled_from(["19:00", "Monday", "America/Detroit", "AA"])
ENTRY = st.fixed_dictionaries(
    {"name": st.just("A group"), "slug": st.text(min_size=1, max_size=5), "day": st.just(1),
     "time": st.just("19:00"), "city": st.just("Ypsilanti"), "state": st.just("MI")},
) | st.dictionaries(KEYS, VALUES)  # fmt: skip
ENTRY = st.builds(lambda a, b: {**a, **b}, ENTRY, st.dictionaries(KEYS, VALUES, max_size=3))
FEEDS = st.lists(ENTRY, max_size=4) | JSON
PROFILE = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def groups(session: Session) -> int:
    return session.exec(select(func.count()).select_from(Group).where(Group.source == "fuzz")).one()


@PROFILE
@given(feed=FEEDS)
def test_meeting_guide_never_raises(session: Session, feed: Any) -> None:
    report = import_meeting_guide(session, feed, source="fuzz", now=NOW)
    assert report.ok or groups(session) == 0
    text = json.dumps(feed, default=str)
    report = import_meeting_guide(session, text[: len(text) // 2], source="fuzz", now=NOW)
    session.rollback()


@PROFILE
@given(text=st.text(max_size=300))
def test_csv_never_raises(session: Session, text: str) -> None:
    header = "source_id,name,days,time,city,state,timezone\n"
    for candidate in (text, header + text):
        report = import_csv(session, candidate, source="fuzz", now=NOW)
        assert not report.ok or report.new >= 0
        if not report.ok:
            assert groups(session) == 0
    session.rollback()


@PROFILE
@given(feed=st.lists(st.dictionaries(st.sampled_from(
    ["id_bigint", "meeting_name", "weekday_tinyint", "start_time", "duration_time", "venue_type",
     "formats", "latitude", "longitude", "time_zone"]), JSON | st.sampled_from(["1", "19:00:00"])),
    max_size=3))  # fmt: skip
def test_bmlt_never_raises(session: Session, feed: list[dict[str, Any]]) -> None:
    report = import_bmlt(session, feed, source="fuzz", now=NOW)
    if not report.ok:
        assert groups(session) == 0
    session.rollback()


def test_a_feed_row_with_half_a_point_is_placed_without_it(session: Session) -> None:
    """A latitude without a longitude (found by the property above) is no point: the row is
    placed from its town or postal code, or reported, never a crash."""
    feed = [{"id_bigint": "1", "meeting_name": "Half a point", "latitude": "42.3",
             "start_time": "19:00:00", "weekday_tinyint": "2",
             "time_zone": "America/Detroit"}]  # fmt: skip
    report = import_bmlt(session, feed, source="half", now=NOW)
    assert report.ok and report.new + len(report.skipped) == 1
    session.rollback()
