"""A small, realistic directory around Ann Arbor and Ypsilanti (Michigan) plus online groups."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from directory import crud
from directory.models import Approach, FellowshipCreate, GroupCreate, MeetingCreate

# Monday 1 June 2026, 12:00 UTC (08:00 in Michigan)
NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
RECENT = date(2026, 5, 1)
ANN_ARBOR = (42.2808, -83.7430)
YPSILANTI = (42.2411, -83.6130)

FELLOWSHIPS: list[dict[str, Any]] = [
    dict(name="Alcoholics Anonymous", short_name="AA", approach=Approach.twelve_step,
         concern_codes=["alcohol"], what_to_expect="Open meetings welcome anyone."),
    dict(name="Al-Anon Family Groups", short_name="Al-Anon", approach=Approach.twelve_step,
         concern_codes=["alcohol"], for_family=True),
    dict(name="SMART Recovery", short_name="SMART", approach=Approach.secular,
         concern_codes=["alcohol", "opioids", "stimulants", "cannabis", "other_drugs", "gambling"],
         medication_friendly=True),
    dict(name="Dual Recovery Anonymous", short_name="DRA", approach=Approach.twelve_step,
         concern_codes=["alcohol", "opioids", "other_drugs", "depression", "bipolar", "anxiety"],
         dual_diagnosis=True),
    dict(name="Depression and Bipolar Support Alliance", short_name="DBSA",
         approach=Approach.peer_support, concern_codes=["depression", "bipolar"],
         medication_friendly=True),
    dict(name="Narcotics Anonymous", short_name="NA", approach=Approach.twelve_step,
         concern_codes=["opioids", "stimulants", "cannabis", "other_drugs"]),
    dict(name="Gamblers Anonymous", short_name="GA", approach=Approach.twelve_step,
         concern_codes=["gambling"]),
]  # fmt: skip


def add_group(
    session: Session,
    fellowship: str,
    name: str,
    meetings: list[tuple[int, time, time | None]],
    *,
    where: tuple[float, float] | None = None,
    timezone: str = "America/Detroit",
    **fields: Any,
) -> int:
    """Add a group of a fellowship (by short name) with weekly meetings; return its id."""
    fel = crud.get_fellowship(session, name=fellowship)
    assert fel is not None and fel.id is not None
    place: dict[str, Any] = {}
    if where is not None:
        place = {"latitude": where[0], "longitude": where[1], "city": "Somewhere"}
    data = GroupCreate(
        fellowship_id=fel.id,
        name=name,
        timezone=timezone,
        last_verified=fields.pop("last_verified", RECENT),
        **place,
        **fields,
    )
    rows = [MeetingCreate(weekday=d, start=s, end=e) for d, s, e in meetings]
    group = crud.create_group(session, data=data, meetings=rows)
    assert group.id is not None
    return group.id


def build_directory(session: Session) -> dict[str, int]:
    """Fellowships and groups used across the directory tests; returns group ids by key."""
    for fel in FELLOWSHIPS:
        crud.create_fellowship(session, data=FellowshipCreate(**fel))
    ev, ids = time(20, 0), {}
    ids["aa_tue"] = add_group(
        session, "AA", "Tuesday Night AA", [(1, time(19), ev)], where=ANN_ARBOR
    )
    ids["aa_women"] = add_group(
        session,
        "AA",
        "Ypsi Women's AA",
        [(3, time(18, 30), ev)],
        where=YPSILANTI,
        audience=["women"],
    )
    ids["alanon"] = add_group(
        session, "Al-Anon", "Al-Anon Ann Arbor", [(2, time(19, 30), None)], where=ANN_ARBOR
    )
    ids["smart"] = add_group(
        session, "SMART", "SMART Ann Arbor", [(0, time(18), ev)], where=ANN_ARBOR
    )
    ids["dra"] = add_group(
        session, "DRA", "DRA Ypsilanti", [(5, time(10), time(11))], where=YPSILANTI
    )
    ids["dbsa"] = add_group(session, "DBSA", "DBSA Ann Arbor", [(2, time(19), ev)], where=ANN_ARBOR)
    ids["archived"] = add_group(
        session, "AA", "Closed Down AA", [(1, time(19), ev)], where=YPSILANTI
    )
    crud.archive_group(session, group=crud.get_group(session, group_id=ids["archived"]), now=NOW)
    ids["no_meetings"] = add_group(session, "AA", "AA Without Meetings", [], where=YPSILANTI)
    ids["stale"] = add_group(
        session, "AA", "Old Listing AA", [(1, time(19), ev)], where=ANN_ARBOR,
        last_verified=date(2024, 1, 1),
    )  # fmt: skip
    online = {"format": "online", "conference_url": "https://example.org/join"}
    ids["aa_online"] = add_group(
        session, "AA", "Early Bird AA Online",
        [(d, time(7), time(8)) for d in range(5)], timezone="America/New_York", **online,
    )  # fmt: skip
    ids["smart_online"] = add_group(
        session, "SMART", "SMART Online Thursday", [(3, time(20), time(21, 30))],
        timezone="America/Chicago", **online,
    )  # fmt: skip
    ids["alanon_online"] = add_group(
        session, "Al-Anon", "Al-Anon Online Sunday", [(6, time(14), time(15))],
        timezone="America/New_York", **online,
    )  # fmt: skip
    ids["na_spanish"] = add_group(
        session, "NA", "NA en Línea", [(2, time(20), time(21))], timezone="America/New_York",
        languages=["es"], **online,
    )  # fmt: skip
    return ids


@pytest.fixture
def directory_ids(engine: Engine) -> dict[str, int]:
    """Group ids of the test directory, stored in the test's SQLite database."""
    with Session(engine) as session:
        ids = build_directory(session)
        session.commit()
    return ids


@pytest.fixture
def session(engine: Engine, directory_ids: dict[str, int]) -> Iterator[Session]:
    """A session on the filled test directory."""
    with Session(engine) as s:
        yield s
