"""BMLT search results: NA meetings with Sunday = 1 weekdays, venue types and BMLT format codes."""

from __future__ import annotations

import copy
import json
from datetime import time
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session
from typer.testing import CliRunner

from bot.cli import app
from directory import crud
from directory.bmlt import import_bmlt
from directory.match import MatchRequest, match_groups
from tests.directory.conftest import NOW

RESULTS: list[dict[str, Any]] = [
    {
        "id_bigint": "1201", "meeting_name": "Clean Start", "weekday_tinyint": "2",
        "start_time": "19:00:00", "duration_time": "01:30:00", "time_zone": "America/Detroit",
        "formats": "O,WC,JT", "venue_type": "1", "location_text": "Community Church",
        "location_street": "120 N Huron St", "location_municipality": "Ypsilanti",
        "location_province": "MI", "location_postal_code_1": "48197", "location_nation": "US",
        "latitude": "42.2437", "longitude": "-83.6141", "virtual_meeting_link": "",
        "phone_meeting_number": "", "comments": "Back entrance.",
    },
    {
        "id_bigint": "1202", "meeting_name": "Mujeres en Recuperación", "weekday_tinyint": "1",
        "start_time": "20:00:00", "duration_time": "01:00:00", "time_zone": "",
        "formats": "C,W,ES", "venue_type": "2", "latitude": "0", "longitude": "0",
        "virtual_meeting_link": "https://example.org/na-mujeres", "phone_meeting_number": "",
    },
]  # fmt: skip


def test_bmlt_results_are_imported_and_matched(session: Session) -> None:
    report = import_bmlt(session, RESULTS, now=NOW, default_timezone="America/New_York")
    session.commit()
    assert report.ok and report.new == 2
    clean = crud.get_group_by_source(session, source="bmlt", source_id="1201")
    assert clean is not None and clean.format == "in_person"
    assert clean.open_meeting is True and clean.accessibility == ["wheelchair"]
    assert clean.other_types == ["bmlt:JT"] and clean.notes == "Back entrance."
    meetings = crud.list_meetings(session, group_id=clean.id)
    assert [(m.weekday, m.start, m.end) for m in meetings] == [(0, time(19), time(20, 30))]
    women = crud.get_group_by_source(session, source="bmlt", source_id="1202")
    assert women is not None and women.format == "online" and women.latitude is None
    assert women.audience == ["women"] and women.languages == ["es"]
    assert women.timezone == "America/New_York" and women.open_meeting is False
    assert crud.list_meetings(session, group_id=women.id)[0].weekday == 6  # Sunday
    na = crud.get_fellowship(session, name="NA")
    assert na is not None and clean.fellowship_id == na.id
    request = MatchRequest(
        concerns=(("opioids", "self", "current"),), place="Ypsilanti", format="in_person"
    )
    names = [s.group_name for s in match_groups(session, request, now=NOW).suggestions]
    assert "Clean Start" in names
    again = import_bmlt(session, RESULTS, now=NOW, default_timezone="America/New_York")
    assert (again.new, again.unchanged) == (0, 2)


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"weekday_tinyint": "8"}, "weekday_tinyint", "Sunday = 1"),
        ({"start_time": "19:70:00"}, "start_time", "not a time"),
        ({"meeting_name": ""}, "meeting_name", "missing"),
        ({"id_bigint": "1201"}, "id_bigint", "also on row 1"),
    ],
)
def test_a_bad_bmlt_row_is_skipped_or_in_strict_mode_writes_nothing(
    session: Session, change: dict[str, Any], field: str, words: str
) -> None:
    rows = copy.deepcopy(RESULTS)
    rows[1].update(change)
    report = import_bmlt(session, rows, now=NOW, default_timezone="America/New_York", strict=True)
    assert not report.ok
    problems = [*report.errors]
    assert (problems[0].row, problems[0].field) == (2, field)
    assert words in problems[0].reason
    assert crud.get_group_by_source(session, source="bmlt", source_id="1201") is None
    tolerant = import_bmlt(session, rows, now=NOW, default_timezone="America/New_York")
    assert tolerant.ok and tolerant.new == 1
    assert [(p.row, p.field) for p in tolerant.skipped] == [(2, field)]
    assert crud.get_group_by_source(session, source="bmlt", source_id="1201") is not None


def test_an_odd_optional_bmlt_field_is_dropped_and_the_row_kept(session: Session) -> None:
    rows = copy.deepcopy(RESULTS)
    rows[1]["time_zone"] = "Moon/Base"
    rows[1]["venue_type"] = "5"
    rows[1]["virtual_meeting_link"] = "tg://join?invite=x"
    rows[1]["phone_meeting_number"] = "Zoom ID: 815 555 0199 PW: send email to the secretary"
    report = import_bmlt(session, rows, now=NOW, default_timezone="America/New_York")
    assert report.ok and report.new == 2
    assert {(p.row, p.field) for p in report.warnings if p.row} == {
        (2, "time_zone"),
        (2, "virtual_meeting_link"),
        (2, "venue_type"),
    }
    women = crud.get_group_by_source(session, source="bmlt", source_id="1202")
    assert women is not None and women.timezone == "America/New_York"
    assert women.conference_url is None and women.conference_phone == "8155550199"
    assert women.feed_extras["conference_phone_notes"].startswith("Zoom ID: 815")


def test_the_command_line_recognises_bmlt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/bmlt.sqlite3")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(app, ["directory", "seed"]).exit_code == 0
    feed = tmp_path / "na.json"
    feed.write_text(json.dumps(RESULTS))
    done = runner.invoke(app, ["directory", "import", str(feed)])
    assert done.exit_code == 0 and "2 new" in done.stdout and "bmlt:na.json" in done.stdout
    assert "formats: no formats list was sent" in done.stdout  # keys read as English ones
    again = runner.invoke(app, ["directory", "import", str(feed), "--timezone", "America/New_York"])
    assert again.exit_code == 0 and "1 updated" in again.stdout  # the online one: its own zone
