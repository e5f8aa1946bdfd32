"""Property: any valid Meeting Guide feed in canonical form comes back unchanged after import."""

from __future__ import annotations

import itertools
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.engine import Engine
from sqlmodel import Session

from directory.meeting_guide import export_meeting_guide, import_meeting_guide
from directory.seed import seed
from tests.directory.conftest import NOW

_counter = itertools.count()
TEXT = (
    st.text(
        alphabet=st.characters(codec="utf-8", categories=("L", "N", "Zs", "P")),
        min_size=1,
        max_size=40,
    )
    .map(str.strip)
    .filter(bool)
)
TIMES = st.builds(lambda h, m: f"{h:02d}:{m:02d}", st.integers(0, 23), st.integers(0, 59))
CODES = ["W", "M", "LGBTQ", "Y", "A", "DD", "X", "ASL", "FF", "S", "FR", "BE", "ST", "HE", "PUN"]
TYPES = st.lists(st.sampled_from([*CODES, "SEN"]), unique=True)


@st.composite
def entries(draw: Any, slug: str) -> dict[str, Any]:
    days = sorted(draw(st.sets(st.integers(0, 6), min_size=1)))
    types = draw(TYPES) + draw(st.sampled_from([[], ["O"], ["C"]]))
    entry: dict[str, Any] = {
        "name": draw(TEXT),
        "slug": slug,
        "day": days[0] if len(days) == 1 else days,
        "time": draw(TIMES),
        "end_time": draw(st.none() | TIMES),
        "timezone": draw(st.sampled_from(["America/Detroit", "Europe/London", "Australia/Sydney"])),
        "types": sorted(types),
    }
    if draw(st.booleans()):
        entry["conference_url"] = f"https://example.org/{slug}"
    else:
        entry |= {
            "address": draw(TEXT), "city": draw(TEXT), "country": "US",
            "latitude": draw(st.floats(-89, 89)), "longitude": draw(st.floats(-179, 179)),
        }  # fmt: skip
    entry["notes"] = draw(st.none() | TEXT)
    entry["updated"] = draw(st.none() | st.dates().map(lambda d: d.isoformat()))
    entry["firststep"] = {"fellowship": "Alcoholics Anonymous"}
    return {k: v for k, v in entry.items() if v is not None}


@st.composite
def feeds(draw: Any) -> list[dict[str, Any]]:
    size = draw(st.integers(1, 4))
    return [draw(entries(f"m{i}")) for i in range(size)]


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(feed=feeds())
def test_any_canonical_feed_round_trips(engine: Engine, feed: list[dict[str, Any]]) -> None:
    source = f"prop-{next(_counter)}"
    with Session(engine) as session:
        seed(session, now=NOW)
        report = import_meeting_guide(session, feed, source=source, now=NOW)
        assert report.ok, report.errors
        session.commit()
        assert export_meeting_guide(session, source=source) == feed
        again = import_meeting_guide(session, feed, source=source, now=NOW)
        assert (again.new, again.updated, again.unchanged) == (0, 0, len(feed))
