"""`firststep directory ...`: exit codes and one-line reasons, through the real command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app

runner = CliRunner()


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """DATABASE_URL pointing at a new SQLite file (the command line upgrades it itself)."""
    url = f"sqlite:///{tmp_path}/cli.sqlite3"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.chdir(tmp_path)
    return url


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["directory", *args])
    return result.exit_code, result.stdout, result.stderr


def test_seed_then_list_marks_samples(database: str) -> None:
    code, out, _ = invoke("seed", "--demo")
    assert code == 0 and "sample groups: 87 added" in out
    code, out, _ = invoke("seed", "--demo")
    assert code == 0 and "0 added, 0 updated; sample groups: 0 added, 0 updated" in out
    code, out, _ = invoke("list", "--concern", "alcohol", "--near", "Ypsilanti")
    lines = out.splitlines()
    assert code == 0 and lines
    assert all(line.endswith("[sample]") and " km" in line for line in lines)
    assert "Ypsi Early Risers" in out  # NA welcomes alcohol too: its groups are listed as well


def test_list_with_a_bad_place_or_concern_fails_with_one_line(database: str) -> None:
    code, _, err = invoke("list", "--near", "Qwxzzyville")
    assert code == 1 and err.strip().splitlines() == [
        "firststep: unknown place 'Qwxzzyville'; try a town name or a US zip code"
    ]
    code, _, err = invoke("list", "--concern", "sadness")
    assert code == 1 and err.startswith("firststep: unknown concern 'sadness'")


def test_export_import_round_trip_on_the_command_line(database: str, tmp_path: Path) -> None:
    assert invoke("seed", "--demo")[0] == 0
    code, out, _ = invoke("export", "--format", "meeting-guide")
    assert code == 0
    feed = json.loads(out)
    assert len(feed) >= 84 and all(e["firststep"]["sample"] for e in feed)
    target = tmp_path / "feed.json"
    code, _, _ = invoke("export", "--output", str(target))
    assert code == 0 and json.loads(target.read_text()) == feed
    code, out, _ = invoke("import", str(target), "--dry-run")
    assert code == 0 and out.startswith("87 new") and "would be imported" in out
    code, out, _ = invoke("import", str(target))
    assert code == 0 and out.startswith("87 new")
    code, out, _ = invoke("import", str(target))
    assert code == 0 and out.startswith("0 new, 0 updated, 87 unchanged")
    csv_file = tmp_path / "all.csv"
    assert invoke("export", "--format", "csv", "--output", str(csv_file))[0] == 0
    assert csv_file.read_text().startswith("source_id,name,fellowship")
    code, out, _ = invoke("export", "--format", "hsds")
    assert code == 0 and json.loads(out)["services"] == []  # sample listings are not exported


def test_a_bad_feed_exits_non_zero_and_names_the_row(database: str, tmp_path: Path) -> None:
    assert invoke("seed")[0] == 0
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{"name": "X", "slug": "x", "day": 1, "time": "19:70"}]))
    code, out, err = invoke("import", str(bad))
    assert code == 0 and out.startswith("0 new, 0 updated") and "1 rows skipped" in out
    assert err.splitlines()[0] == (
        "  skipped row 1, time: '19:70' is not a time like 19:30 or 7:30 PM"
    )
    code, out, err = invoke("import", str(bad), "--strict")
    assert code == 1 and out == ""
    assert err.splitlines()[0] == (
        "firststep: nothing imported: row 1, time: '19:70' is not a time like 19:30 or 7:30 PM"
    )
    code, out, _ = invoke("export")
    assert code == 0 and json.loads(out) == []


def test_missing_file_unknown_fellowship_and_bad_json(database: str, tmp_path: Path) -> None:
    code, _, err = invoke("import", str(tmp_path / "nope.json"))
    assert code == 1 and "cannot read" in err and "No such file" in err
    feed = tmp_path / "ok.json"
    feed.write_text(json.dumps([{"name": "X", "slug": "x", "day": 1, "time": "19:00",
                                 "city": "Ypsilanti", "state": "MI"}]))  # fmt: skip
    code, _, err = invoke("import", str(feed), "--fellowship", "Nobody Anonymous")
    assert code == 1 and "no fellowship called 'Nobody Anonymous'" in err
    broken = tmp_path / "broken.json"
    broken.write_text("[{")
    code, _, err = invoke("import", str(broken))
    assert code == 1 and "not valid JSON" in err


def test_a_bad_database_setting_fails_with_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "nosuchdb://nowhere")
    code, _, err = invoke("list")
    assert code != 0 and err.startswith("firststep: ")
    assert len(err.strip().splitlines()) == 1
