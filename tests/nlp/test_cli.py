"""`firststep parse`: --json, --jsonl, --evaluate and the human-readable summary."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from bot.cli import app
from nlp.cli import line_text

runner = CliRunner()


def test_json_prints_one_object() -> None:
    """`--json TEXT` prints the taxonomy's object."""
    result = runner.invoke(app, ["parse", "--json", "my wife drinks, weekends online please"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["concerns"][0]["code"] == "alcohol"
    assert data["concerns"][0]["experiencer"] == "family"
    assert data["crisis"] is None
    assert data["preferences"]["days"] == ["sat", "sun"]
    assert data["preferences"]["format"] == "online"


def test_summary_names_the_pipeline_and_crisis() -> None:
    """Without --json a short summary says which pipeline was loaded and flags a crisis."""
    result = runner.invoke(app, ["parse", "i want to kill myself"])
    assert result.exit_code == 0
    assert "pipeline: blank:en+firststep" in result.stdout
    assert "CRISIS: suicide" in result.stdout


def test_jsonl_keeps_order_and_accepts_three_line_forms() -> None:
    """One output line per input line, in order: JSON string, {"text": ...}, plain text."""
    lines = ['"I gamble too much"', '{"text": "my son is on heroin"}', "plain weed talk", "", "[1]"]
    result = runner.invoke(app, ["parse", "--jsonl"], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == len(lines)
    assert [[c["code"] for c in o["concerns"]] for o in out] == [
        ["gambling"], ["opioids"], ["cannabis"], [], []
    ]  # fmt: skip


def test_line_text_forms() -> None:
    """The --jsonl line forms are read as documented."""
    assert line_text('"hi"\n') == "hi"
    assert line_text('{"text": "yo"}') == "yo"
    assert line_text("{not json") == "{not json"
    assert line_text('{"other": 1}') == '{"other": 1}'


def test_evaluate_prints_figures(examples_file: Path) -> None:
    """`--evaluate FILE` prints the evaluation figures."""
    result = runner.invoke(app, ["parse", "--evaluate", str(examples_file)])
    assert result.exit_code == 0, result.output
    assert "precision" in result.stdout and "crisis recall: 1.000" in result.stdout


def test_bad_usage_is_a_clear_error(tmp_path: Path) -> None:
    """No text, or a missing evaluation file: exit 2 with a message, no traceback."""
    assert runner.invoke(app, ["parse"]).exit_code == 2
    missing = runner.invoke(app, ["parse", "--evaluate", str(tmp_path / "none.jsonl")])
    assert missing.exit_code == 2
