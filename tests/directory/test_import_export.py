"""Meeting Guide JSON and CSV: import, re-import, archive, dry run, bad files, round trips."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from bot.db import make_engine, upgrade
from directory import crud
from directory.csv_io import export_csv, import_csv
from directory.match import MatchRequest, match_groups
from directory.meeting_guide import dumps, export_meeting_guide, import_meeting_guide
from directory.models import Group, Meeting
from directory.seed import seed
from tests.directory.conftest import NOW

SOURCE = "meeting-guide:washtenaw.json"
FEED: list[dict[str, Any]] = [
    {
        "name": "Serenity Women",
        "slug": "serenity-women",
        "day": 2,
        "time": "19:00",
        "end_time": "20:00",
        "timezone": "America/Detroit",
        "types": ["O", "W", "X"],
        "location": "St Luke's",
        "address": "120 N Huron St",
        "city": "Ypsilanti",
        "state": "MI",
        "postal_code": "48197",
        "country": "US",
        "latitude": 42.2437,
        "longitude": -83.6141,
        "updated": "2026-05-20 10:00:00",
    },
    {
        "name": "Grupo Esperanza",
        "slug": "grupo-esperanza",
        "day": [0, 3],
        "time": "20:30",
        "types": ["C", "S"],
        "timezone": "America/Chicago",
        "conference_url": "https://example.org/esperanza",
        "updated": "2026-05-01",
    },
    {
        "name": "Ann Arbor Secular Hybrid",
        "slug": "aa-secular",
        "day": 6,
        "time": "10:00",
        "end_time": "11:00",
        "types": ["A", "DD", "BE"],
        "address": "1432 Washtenaw Ave",
        "city": "Ann Arbor",
        "state": "MI",
        "postal_code": "48104",
        "conference_url": "https://example.org/secular",
        "notes": "Side door.",
    },
    {
        "name": "Ann Arbor Secular Hybrid",
        "slug": "aa-secular--2",
        "day": 3,
        "time": "19:30",
        "types": ["A", "DD", "BE"],
        "address": "1432 Washtenaw Ave",
        "city": "Ann Arbor",
        "state": "MI",
        "postal_code": "48104",
        "conference_url": "https://example.org/secular",
    },
]


def count(session: Session, *, active_only: bool = False) -> int:
    query = select(func.count()).select_from(Group).where(Group.source == SOURCE)
    if active_only:
        query = query.where(Group.active.is_(True))
    return session.exec(query).one()


def by_slug(session: Session, slug: str) -> Group:
    group = crud.get_group_by_source(session, source=SOURCE, source_id=slug)
    assert group is not None
    return group


def load(session: Session, feed: Any, **kw: Any) -> Any:
    report = import_meeting_guide(session, feed, source=SOURCE, now=NOW, **kw)
    session.commit()
    return report


def test_a_feed_is_imported_with_its_codes_mapped(session: Session) -> None:
    report = load(session, json.dumps(FEED))
    assert report.ok and (report.new, report.updated, report.archived) == (3, 0, 0)
    women = by_slug(session, "serenity-women")
    assert women.format == "in_person" and women.audience == ["women"]
    assert women.open_meeting is True and women.accessibility == ["wheelchair"]
    assert women.last_verified is not None and women.last_verified.isoformat() == "2026-05-20"
    assert [(m.weekday, m.start) for m in crud.list_meetings(session, group_id=women.id)] == [
        (1, time(19, 0))  # Meeting Guide day 2 = Tuesday
    ]
    spanish = by_slug(session, "grupo-esperanza")
    assert spanish.format == "online" and spanish.languages == ["es"]
    assert spanish.open_meeting is False
    assert sorted(m.weekday for m in crud.list_meetings(session, group_id=spanish.id)) == [2, 6]
    hybrid = by_slug(session, "aa-secular")
    assert hybrid.format == "hybrid" and hybrid.secular and hybrid.dual_diagnosis
    assert hybrid.other_types == [] and hybrid.audience == ["newcomers"]  # BE: Newcomer
    assert hybrid.notes == "Side door."
    assert hybrid.timezone == "America/Detroit"  # worked out from the zip code's coordinates
    assert hybrid.latitude is not None and abs(hybrid.latitude - 42.27) < 0.05
    times = [(m.weekday, m.start) for m in crud.list_meetings(session, group_id=hybrid.id)]
    assert times == [(2, time(19, 30)), (5, time(10, 0))]


def test_imported_groups_are_matched(session: Session) -> None:
    load(session, FEED)
    request = MatchRequest(
        concerns=(("alcohol", "self", "current"),), place="Ypsilanti", audience=("women",)
    )
    result = match_groups(session, request, now=NOW, limit=10)
    assert "Serenity Women" in [s.group_name for s in result.suggestions]


def test_reimport_updates_and_never_duplicates(session: Session) -> None:
    load(session, FEED)
    again = load(session, FEED)
    assert (again.new, again.updated, again.unchanged, again.archived) == (0, 0, 3, 0)
    assert count(session) == 3
    changed = copy.deepcopy(FEED)
    changed[0]["time"] = "18:30"
    changed[1]["types"] = ["O", "S"]
    report = load(session, changed)
    assert (report.new, report.updated, report.unchanged) == (0, 2, 1)
    assert count(session) == 3
    women = by_slug(session, "serenity-women")
    assert [m.start for m in crud.list_meetings(session, group_id=women.id)] == [time(18, 30)]
    assert by_slug(session, "grupo-esperanza").open_meeting is True
    assert session.exec(select(func.count()).select_from(Meeting)).one() > 0


def test_groups_missing_from_the_feed_are_archived_and_come_back(session: Session) -> None:
    load(session, FEED)
    report = load(session, FEED[1:])
    assert report.archived == 1 and count(session, active_only=True) == 2
    assert not by_slug(session, "serenity-women").active
    request = MatchRequest(
        concerns=(("alcohol", "self", "current"),), place="Ypsilanti", audience=("women",)
    )
    result = match_groups(session, request, now=NOW, limit=10)
    assert "Serenity Women" not in [s.group_name for s in result.suggestions]
    back = load(session, FEED)
    assert back.updated == 1 and by_slug(session, "serenity-women").active


def test_other_sources_are_left_alone(session: Session) -> None:
    others = select(func.count()).select_from(Group).where(Group.source != SOURCE, Group.active)
    before = session.exec(others).one()
    load(session, FEED)
    load(session, FEED[:1])
    assert before > 0 and session.exec(others).one() == before


def test_dry_run_counts_and_writes_nothing(session: Session) -> None:
    report = load(session, FEED, dry_run=True)
    assert report.ok and report.dry_run and report.new == 3
    assert "would be imported" in report.summary()
    assert count(session) == 0


def _bad(entry_change: dict[str, Any], index: int = 1) -> list[dict[str, Any]]:
    feed = copy.deepcopy(FEED)
    feed[index].update(entry_change)
    return feed


@pytest.mark.parametrize(
    ("feed", "row", "field", "words"),
    [
        ("[{bad json", 0, "file", "not valid JSON"),
        ('{"meetings": 3}', 0, "file", "JSON list"),
        (_bad({"day": 9}), 2, "day", "not a day"),
        (_bad({"day": "Funday"}), 2, "day", "not a day"),
        (_bad({"time": "19:70"}), 2, "time", "'19:70' is not a time"),
        (_bad({"end_time": "25:00"}), 2, "end_time", "not a time"),
        (_bad({"timezone": "Mars/Olympus"}), 2, "timezone", "not a known time zone"),
        (_bad({"name": ""}), 2, "name", "missing"),
        (_bad({"slug": None}), 2, "slug", "missing"),
        (_bad({"latitude": "north"}, 0), 1, "latitude", "not a number"),
        (_bad({"latitude": 95}, 0), 1, "latitude", "between -90 and 90"),
        (_bad({"slug": "serenity-women"}), 2, "slug", "also on row 1"),
        (_bad({"conference_url": "javascript:alert(1)"}), 2, "conference_url", "web address"),
        (_bad({"firststep": {"concerns": ["booze"]}}), 2, "concerns", "unknown concern"),
    ],
)
def test_a_bad_feed_in_strict_mode_names_row_field_and_reason_and_writes_nothing(
    session: Session, feed: Any, row: int, field: str, words: str
) -> None:
    load(session, FEED)
    changed_feed = feed if isinstance(feed, str) else [dict(e, name=e["name"]) for e in feed]
    if not isinstance(changed_feed, str):
        changed_feed[0]["time"] = "06:00"  # a good change that must not be written either
    report = load(session, changed_feed, strict=True)
    assert not report.ok
    error = report.errors[0]
    assert (error.row, error.field) == (row, field)
    assert words in error.reason
    assert report.summary().startswith("nothing imported:")
    women = by_slug(session, "serenity-women")
    assert [m.start for m in crud.list_meetings(session, group_id=women.id)] == [time(19)]
    assert count(session, active_only=True) == 3


def test_an_unknown_fellowship_stops_the_import(session: Session) -> None:
    report = load(session, FEED, fellowship="Martians Anonymous")
    assert not report.ok and report.errors[0].field == "fellowship"
    assert count(session) == 0


def test_the_fellowship_option_applies_to_every_group(session: Session) -> None:
    load(session, FEED, fellowship="SMART")
    smart = crud.get_fellowship(session, name="SMART")
    assert smart is not None
    assert {g.fellowship_id for g in session.exec(select(Group).where(Group.source == SOURCE))} == {
        smart.id
    }


def _fresh(tmp_path: Path, name: str) -> Engine:
    url = f"sqlite:///{tmp_path}/{name}.sqlite3"
    upgrade(url)
    return make_engine(url)


def test_meeting_guide_round_trip_through_a_fresh_directory(
    session: Session, tmp_path: Path
) -> None:
    load(session, FEED)
    feed = export_meeting_guide(session, source=SOURCE)
    assert [e["slug"] for e in feed] == ["serenity-women", "grupo-esperanza", "aa-secular",
                                         "aa-secular--2"]  # fmt: skip
    assert feed[1]["day"] == [0, 3] and feed[1]["types"] == ["C", "S"]
    other = _fresh(tmp_path, "other")
    with Session(other) as fresh:
        seed(fresh, now=NOW)
        report = import_meeting_guide(fresh, dumps(feed), source=SOURCE, now=NOW)
        fresh.commit()
        assert report.ok and report.new == 3
        assert export_meeting_guide(fresh, source=SOURCE) == feed
    other.dispose()


def test_csv_round_trip_and_reimport(session: Session, tmp_path: Path) -> None:
    load(session, FEED)
    text = export_csv(session, source=SOURCE)
    assert text.splitlines()[0].startswith("source_id,name,fellowship,format,days,time")
    other = _fresh(tmp_path, "csv")
    with Session(other) as fresh:
        seed(fresh, now=NOW)
        first = import_csv(fresh, text, source=SOURCE, now=NOW)
        fresh.commit()
        assert first.ok and first.new == 3
        assert export_csv(fresh, source=SOURCE) == text
        again = import_csv(fresh, text, source=SOURCE, now=NOW)
        assert (again.new, again.unchanged) == (0, 3)
    other.dispose()


CSV_HEAD = "source_id,name,fellowship,days,time,end_time,city,state,postal_code,open,secular\n"


@pytest.mark.parametrize(
    ("line", "field", "words"),
    [
        ("k2,Monday Night,AA,Funday,19:00,,Ypsilanti,MI,48197,open,no", "days", "not a day"),
        ("k2,Monday Night,AA,mon,19:70,,Ypsilanti,MI,48197,open,no", "time", "not a time"),
        ("k2,Monday Night,AA,mon,19:00,,Ypsilanti,MI,48197,maybe,no", "open", "open or closed"),
        ("k2,Monday Night,AA,mon,19:00,,Ypsilanti,MI,48197,open,perhaps", "secular", "yes or no"),
        ("k2,,AA,mon,19:00,,Ypsilanti,MI,48197,open,no", "name", "missing"),
    ],
)
def test_a_bad_csv_row_names_the_spreadsheet_row(
    session: Session, line: str, field: str, words: str
) -> None:
    good = "k1,Tuesday Night,AA,tue,19:00,20:00,Ypsilanti,MI,48197,open,no\n"
    text = CSV_HEAD + good + line + "\n"
    report = import_csv(session, text, source="csv:test", now=NOW, strict=True)
    assert not report.ok
    assert (report.errors[0].row, report.errors[0].field) == (3, field)
    assert words in report.errors[0].reason
    assert crud.get_group_by_source(session, source="csv:test", source_id="k1") is None
    tolerant = import_csv(session, text, source="csv:test", now=NOW)
    assert (
        tolerant.ok
        and tolerant.new == 1
        and [str(p) for p in tolerant.skipped] == [str(report.errors[0])]
    )
    assert crud.get_group_by_source(session, source="csv:test", source_id="k1") is not None


def test_a_csv_with_a_missing_column_is_refused(session: Session) -> None:
    report = import_csv(session, "name,days\nx,mon\n", now=NOW)
    assert not report.ok and report.errors[0].field == "header"
    assert "source_id" in report.errors[0].reason


def test_csv_rows_of_one_group_at_several_times_become_one_group(session: Session) -> None:
    text = (
        CSV_HEAD
        + "k1,Tuesday Night,AA,tue;thu,19:00,20:00,Ypsilanti,MI,48197,open,no\n"
        + "k1,Tuesday Night,AA,sat,10:00,11:00,Ypsilanti,MI,48197,open,no\n"
    )
    report = import_csv(session, text, source="csv:test", now=NOW)
    assert report.ok and report.new == 1
    group = crud.get_group_by_source(session, source="csv:test", source_id="k1")
    assert group is not None and group.timezone == "America/Detroit"
    assert [m.weekday for m in crud.list_meetings(session, group_id=group.id)] == [1, 3, 5]


def test_export_of_everything_includes_sample_flags(session: Session) -> None:
    seed(session, demo=True, now=datetime(2026, 6, 1, tzinfo=UTC))
    feed = export_meeting_guide(session, source="demo")
    assert feed and all(e["firststep"].get("sample") is True for e in feed)


def test_gay_lesbian_transgender_and_bisexual_codes_mean_lgbtq(session: Session) -> None:
    feed = [dict(FEED[0], types=["G", "O"])]
    assert load(session, feed).ok
    group = by_slug(session, "serenity-women")
    assert group.audience == ["lgbtq"] and group.other_types == ["G"]
    assert export_meeting_guide(session, source=SOURCE)[0]["types"] == ["G", "O"]
    request = MatchRequest(
        concerns=(("alcohol", "self", "current"),), place="Ypsilanti", audience=("lgbtq",)
    )
    result = match_groups(session, request, now=NOW)
    assert result.suggestions[0].group_name == "Serenity Women"
    assert "LGBTQ+" in result.suggestions[0].reasons


@pytest.mark.parametrize("postal", ["٤٨١٠٤", "４８１０４"])
def test_a_postal_code_in_another_scripts_digits_is_imported_as_ascii(
    session: Session, postal: str
) -> None:
    text = CSV_HEAD + f"k1,Tuesday Night,AA,tue,19:00,20:00,,MI,{postal},open,no\n"
    report = import_csv(session, text, source="csv:test", now=NOW)  # the zip library panicked
    assert report.ok and report.new == 1
    group = crud.get_group_by_source(session, source="csv:test", source_id="k1")
    assert group is not None and group.timezone == "America/Detroit"
    assert group.latitude is not None and abs(group.latitude - 42.27) < 0.05
