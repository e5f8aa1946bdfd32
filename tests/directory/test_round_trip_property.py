"""Property: every field of any valid Meeting Guide feed comes back after import and export, and
an export imported again exports the same (a fixed point)."""

from __future__ import annotations

import itertools
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.engine import Engine
from sqlmodel import Session

from directory.meeting_guide import export_meeting_guide, import_meeting_guide
from directory.meeting_guide_types import type_table
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
CODES = sorted(set(type_table().names) - {"O", "C", "TC"})  # every code of the spec's list
TYPES = st.lists(st.sampled_from(CODES), unique=True, max_size=6)


@st.composite
def entries(draw: Any, slug: str) -> dict[str, Any]:
    days = sorted(draw(st.sets(st.integers(0, 6), min_size=1)))
    types = draw(TYPES) + draw(st.sampled_from([[], ["O"], ["C"], ["C", "O"]]))
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
            "latitude": draw(st.floats(1, 89)), "longitude": draw(st.floats(-179, 179)),
        }  # fmt: skip
    entry["notes"] = draw(st.none() | TEXT)
    for key in ("group", "location_notes", "group_notes", "conference_url_notes", "email"):
        entry[key] = draw(st.none() | TEXT)
    entry["url"] = draw(st.none() | st.just(f"https://example.org/meetings/{slug}"))
    entry["regions"] = draw(st.none() | st.lists(TEXT, min_size=1, max_size=3))
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
        exported = {e["slug"]: e for e in export_meeting_guide(session, source=source)}
        assert sorted(exported) == sorted(e["slug"] for e in feed)
        for entry in feed:
            out = exported[entry["slug"]]
            assert {k: out.get(k) for k in entry} == entry
        groups = report.new
        again = import_meeting_guide(session, feed, source=source, now=NOW)
        assert (again.new, again.updated, again.unchanged) == (0, 0, groups)
        back = list(exported.values())
        other = f"{source}-again"
        import_meeting_guide(session, back, source=other, now=NOW)
        assert {e["slug"]: e for e in export_meeting_guide(session, source=other)} == exported
