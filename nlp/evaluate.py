"""Scoring the parser on a file of labelled messages (the examples' JSONL format).

Each line: {"text": ..., "concerns": [[code, experiencer(, "past")], ...], "not": [code or
"code:experiencer", ...], "crisis": kind or null, "prefs": {field: value}}. A row with a crisis
is judged on the crisis alone.
Run: `python -m nlp.evaluate FILE` or `firststep parse --evaluate FILE`.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nlp.parser import Parser, load_parser
from nlp.result import ParseResult


@dataclass(slots=True)
class Report:
    """The figures of one evaluation run."""

    rows: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    not_violations: int = 0
    status_total: int = 0
    status_correct: int = 0
    crisis_rows: int = 0
    crisis_caught: int = 0
    crisis_kind_correct: int = 0
    false_alarms: int = 0
    pref_total: int = 0
    pref_correct: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """Concern precision over (code, experiencer) pairs."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Concern recall over (code, experiencer) pairs."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Concern F1."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def crisis_recall(self) -> float:
        """Share of crisis rows where a crisis was found."""
        return self.crisis_caught / self.crisis_rows if self.crisis_rows else 1.0

    @property
    def pref_accuracy(self) -> float:
        """Share of named preference fields that came out as given."""
        return self.pref_correct / self.pref_total if self.pref_total else 1.0

    @property
    def status_accuracy(self) -> float:
        """Share of found concerns whose past/current status is right."""
        return self.status_correct / self.status_total if self.status_total else 1.0

    def lines(self) -> list[str]:
        """The report as printable lines."""
        return [
            f"rows: {self.rows}",
            f"concerns (code+experiencer): precision {self.precision:.3f} recall {self.recall:.3f} "
            f"F1 {self.f1:.3f} (tp {self.tp}, fp {self.fp}, fn {self.fn}); "
            f"'not' violations {self.not_violations}",
            f"past/current accuracy: {self.status_accuracy:.3f} "
            f"({self.status_correct}/{self.status_total})",
            f"crisis recall: {self.crisis_recall:.3f} ({self.crisis_caught}/{self.crisis_rows}), "
            f"kind right {self.crisis_kind_correct}/{self.crisis_rows}; "
            f"false alarms: {self.false_alarms}/{self.rows - self.crisis_rows}",
            f"preference accuracy: {self.pref_accuracy:.3f} "
            f"({self.pref_correct}/{self.pref_total})",
        ]


def _same(expected: Any, got: Any) -> bool:
    """Preference equality (lists compared as sets)."""
    if isinstance(expected, list):
        return isinstance(got, list) and sorted(expected) == sorted(got)
    return bool(expected == got)


def score_row(report: Report, row: dict[str, Any], result: ParseResult, line: int) -> None:
    """Add one labelled row and the parser's result to the report."""
    report.rows += 1
    got_crisis = result.crisis.kind if result.crisis else None
    if row.get("crisis"):
        report.crisis_rows += 1
        report.crisis_caught += got_crisis is not None
        report.crisis_kind_correct += got_crisis == row["crisis"]
        if got_crisis != row["crisis"]:
            report.errors.append(f"line {line}: crisis {row['crisis']} -> {got_crisis}")
        return
    if got_crisis is not None:
        report.false_alarms += 1
        report.errors.append(f"line {line}: false alarm {got_crisis}")
    expected = {(c[0], c[1]): (c[2] if len(c) > 2 else "current") for c in row.get("concerns", [])}
    got = {(c.code, c.experiencer): c.status for c in result.concerns}
    report.tp += len(expected.keys() & got.keys())
    report.fp += len(got.keys() - expected.keys())
    report.fn += len(expected.keys() - got.keys())
    if expected.keys() != got.keys():
        report.errors.append(f"line {line}: concerns {sorted(expected)} -> {sorted(got)}")
    for key in expected.keys() & got.keys():
        report.status_total += 1
        report.status_correct += expected[key] == got[key]
        if expected[key] != got[key]:
            report.errors.append(f"line {line}: status of {key} {expected[key]} -> {got[key]}")
    for banned in row.get("not", []):
        code, _, who = banned.partition(":")
        if any(k[0] == code and (not who or k[1] == who) for k in got):
            report.not_violations += 1
            report.errors.append(f"line {line}: found {banned}, which must not be found")
    prefs = result.preferences
    for name, value in (row.get("prefs") or {}).items():
        report.pref_total += 1
        if _same(value, getattr(prefs, name, None)):
            report.pref_correct += 1
        else:
            report.errors.append(f"line {line}: {name} {value!r} -> {getattr(prefs, name, None)!r}")


def read_rows(path: Path) -> list[dict[str, Any]]:
    """The labelled rows of a JSONL file (blank lines skipped)."""
    rows = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.strip():
            rows.append(json.loads(raw))
    return rows


def evaluate(path: Path, parser: Parser | None = None) -> Report:
    """Parse every row of `path` and score the results."""
    parser = parser or load_parser()
    rows = read_rows(path)
    report = Report()
    results = parser.parse_many(row["text"] for row in rows)
    for line, (row, result) in enumerate(zip(rows, results, strict=True), start=1):
        score_row(report, row, result, line)
    return report


def main(argv: list[str] | None = None) -> int:
    """`python -m nlp.evaluate FILE [--errors]`: print the figures."""
    args = list(sys.argv[1:] if argv is None else argv)
    show_errors = "--errors" in args
    files = [a for a in args if a != "--errors"]
    if len(files) != 1:
        print("usage: python -m nlp.evaluate FILE [--errors]", file=sys.stderr)
        return 2
    path = Path(files[0])
    if not path.is_file():
        print(f"nlp.evaluate: no such file: {path}", file=sys.stderr)
        return 2
    try:
        report = evaluate(path)
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        print(f"nlp.evaluate: {path} is not in the examples' format ({exc})", file=sys.stderr)
        return 2
    print("\n".join(report.lines()))
    if show_errors:
        print("\n".join(report.errors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
