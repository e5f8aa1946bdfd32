"""A preview (a dry run) promises exactly what the import then does, on odd rows too: the same
counts, the same skipped rows and dropped fields, each naming its row, field and reason; and the
import never fails where the preview said it would not (SQLite, PostgreSQL and the command line)."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select
from typer.testing import CliRunner

from bot.cli import app
from bot.db import session_scope
from directory.csv_io import import_csv
from directory.importing import ImportReport
from directory.meeting_guide import import_meeting_guide
from directory.models import Group
from directory.seed import seed

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
ONLINE = {"days": "tue", "time": "19:00", "timezone": "America/Detroit"}
PHONE_65 = "1" * 65
ODD_CSV_ROWS: list[dict[str, str]] = [
    {"source_id": "usa", "name": "Country USA", "city": "Ann Arbor", "country": "USA"},
    {"source_id": "narnia", "name": "Country Narnia", "city": "Ann Arbor", "country": "Narnia"},
    {"source_id": "phone", "name": "Long Phone", "conference_phone": PHONE_65},
    {
        "source_id": "both",
        "name": "Phone And Link",
        "conference_phone": PHONE_65,
        "conference_url": "https://zoom.example/both",
    },
    {
        "source_id": "js",
        "name": "Script Link",
        "conference_url": "javascript:alert(1)",
        "city": "Ann Arbor",
    },
    {"source_id": "tg", "name": "Telegram Link", "conference_url": "tg://resolve?domain=x"},
    {"source_id": "good", "name": "Plain Group", "conference_url": "https://zoom.example/good"},
]
ODD_JSON_ENTRIES: list[dict[str, Any]] = [
    {"slug": "usa", "name": "Country USA", "city": "Ann Arbor", "country": "USA"},
    {"slug": "phone", "name": "Long Phone", "conference_phone": "1" * 70},
    {
        "slug": "group",
        "name": "Long Group",
        "group": "g" * 300,
        "conference_url": "https://zoom.example/g",
    },
    {"slug": "js", "name": "Script Link", "conference_url": "javascript:alert(1)"},
    {"slug": "tg", "name": "Telegram Link", "conference_url": "tg://resolve?domain=x"},
    {"slug": "s" * 210, "name": "Long Slug", "conference_url": "https://zoom.example/s"},
    {"slug": "good", "name": "Plain Group", "conference_url": "https://zoom.example/good"},
]


def odd_csv() -> str:
    out = io.StringIO()
    columns = ["source_id", "name", "days", "time", "timezone", "city", "country",
               "conference_url", "conference_phone"]  # fmt: skip
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in ODD_CSV_ROWS:
        writer.writerow({**ONLINE, **row})
    return out.getvalue()


def odd_json() -> str:
    base = {"day": 2, "time": "19:00", "timezone": "America/Detroit"}
    return json.dumps([{**base, **entry} for entry in ODD_JSON_ENTRIES])


def outcome(report: ImportReport) -> tuple[Any, ...]:
    """All a preview promises: counts, errors, skipped rows and dropped fields."""
    return (report.ok, report.new, report.updated, report.unchanged, report.archived,
            [str(e) for e in report.errors], report.problems(limit=100))  # fmt: skip


def preview_then_apply(engine: Engine, importer: Any, text: str) -> tuple[Any, Any]:
    with session_scope(engine) as session:
        seed(session, demo=False, now=NOW)
    with session_scope(engine) as session:
        preview = importer(session, text, fellowship="AA", source="odd", dry_run=True, now=NOW)
    with session_scope(engine) as session:
        assert session.exec(select(Group)).all() == []  # the preview wrote nothing
    with session_scope(engine) as session:
        applied = importer(session, text, fellowship="AA", source="odd", now=NOW)
    with session_scope(engine) as session:
        stored = {g.source_id: g for g in session.exec(select(Group))}
    assert outcome(preview) == outcome(applied) and applied.ok
    assert len(stored) == applied.new
    return applied, stored


def check_csv(engine: Engine) -> None:
    report, stored = preview_then_apply(engine, import_csv, odd_csv())
    problems = report.problems(limit=100)
    assert stored["usa"].country == "US"  # read as the code it means
    assert stored["narnia"].country is None
    assert "dropped row 3, country: 'NARNIA' is not a two-letter country code like US" in problems
    assert (
        "skipped row 4, conference_url: an online group needs a link or a phone number "
        "(conference_phone longer than 64 characters)"
    ) in problems
    assert stored["both"].conference_phone is None
    assert stored["both"].conference_url == "https://zoom.example/both"
    assert "dropped row 5, conference_phone: longer than 64 characters" in problems
    assert stored["js"].conference_url is None  # kept as an in-person group in Ann Arbor
    assert any(p.startswith("dropped row 6, conference_url: 'javascript:") for p in problems)
    assert any(p.startswith("skipped row 7, address:") and "'tg://" in p for p in problems)
    assert "tg" not in stored and stored["good"].conference_url == "https://zoom.example/good"


def check_json(engine: Engine) -> None:
    report, stored = preview_then_apply(engine, import_meeting_guide, odd_json())
    problems = report.problems(limit=100)
    assert stored["usa"].country == "US"
    assert len(stored["phone"].conference_phone or "") <= 64
    assert stored["group"].group_name is None
    assert "dropped row 3, group: longer than 200 characters" in problems
    assert stored["js"].conference_url is None and stored["tg"].conference_url is None
    assert "skipped row 6, slug: longer than 200 characters" in problems


def test_csv_preview_and_import_agree_on_odd_rows(engine: Engine) -> None:
    check_csv(engine)


def test_json_preview_and_import_agree_on_odd_rows(engine: Engine) -> None:
    check_json(engine)


@pytest.mark.postgres
def test_csv_preview_and_import_agree_on_postgres(pg_engine: Engine) -> None:
    check_csv(pg_engine)


@pytest.mark.postgres
def test_json_preview_and_import_agree_on_postgres(pg_engine: Engine) -> None:
    check_json(pg_engine)


@pytest.mark.parametrize(("name", "content"), [("odd.csv", odd_csv), ("odd.json", odd_json)])
def test_dry_run_and_import_say_the_same_on_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, content: Any
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/cli.sqlite3")
    runner = CliRunner()
    assert runner.invoke(app, ["directory", "seed"]).exit_code == 0
    feed = tmp_path / name
    feed.write_text(content(), encoding="utf-8")
    command = ["directory", "import", str(feed), "--fellowship", "AA"]
    dry = runner.invoke(app, [*command, "--dry-run"])
    real = runner.invoke(app, command)
    assert dry.exit_code == real.exit_code == 0, real.output
    assert "validation error" not in real.output and "went wrong" not in real.output
    assert dry.output.replace("would be imported", "were imported") == real.output
    assert "skipped row" in real.output and "dropped row" in real.output
