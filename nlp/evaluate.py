"""Scoring the parser on files of labelled messages (the examples' JSONL format).

Each line: {"text": ..., "concerns": [[code, experiencer(, "past")], ...], "not": [code or
"code:experiencer", ...], "crisis": kind or null, "crisis_level": "clear" | "possible",
"signals": [kind, ...], "prefs": {field: value}}. A row with a crisis is judged on the crisis
alone (and on its signals, when it names them, but for `abuse_at_home`, which the taxonomy
defines as without an immediate danger). Fields a row does not name are not judged.

Crisis figures: recall (found at either level) by kind and by the level the row gives; on calm
rows, false alarms (a `clear` crisis: crisis lines sent for nothing) and questions asked (a
`possible` one: the bot asks one screening question) are counted apart.
Run: `python -m nlp.evaluate FILE [FILE ...] [--errors] [--rules-only]` or
`firststep parse --evaluate FILE`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
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
    crisis_by_kind: Counter[str] = field(default_factory=Counter)
    caught_by_kind: Counter[str] = field(default_factory=Counter)
    crisis_by_level: Counter[str] = field(default_factory=Counter)
    caught_by_level: Counter[str] = field(default_factory=Counter)
    clear_as_clear: int = 0
    false_alarms: int = 0
    questions: int = 0
    signal_tp: Counter[str] = field(default_factory=Counter)
    signal_fp: Counter[str] = field(default_factory=Counter)
    signal_fn: Counter[str] = field(default_factory=Counter)
    pref_total: int = 0
    pref_correct: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def calm_rows(self) -> int:
        """Rows without a crisis."""
        return self.rows - self.crisis_rows

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
        """Share of crisis rows where a crisis was found (at either level)."""
        return self.crisis_caught / self.crisis_rows if self.crisis_rows else 1.0

    @property
    def false_alarm_rate(self) -> float:
        """Share of calm rows given a `clear` crisis."""
        return self.false_alarms / self.calm_rows if self.calm_rows else 0.0

    @property
    def question_rate(self) -> float:
        """Share of calm rows given a `possible` crisis (a screening question)."""
        return self.questions / self.calm_rows if self.calm_rows else 0.0

    @property
    def pref_accuracy(self) -> float:
        """Share of named preference fields that came out as given."""
        return self.pref_correct / self.pref_total if self.pref_total else 1.0

    @property
    def status_accuracy(self) -> float:
        """Share of found concerns whose past/current status is right."""
        return self.status_correct / self.status_total if self.status_total else 1.0

    def signal_figures(self, kind: str | None = None) -> tuple[float, float, int, int, int]:
        """Precision, recall, tp, fp, fn of the safety signals (one kind, or all)."""
        kinds = [kind] if kind else sorted({*self.signal_tp, *self.signal_fp, *self.signal_fn})
        tp = sum(self.signal_tp[k] for k in kinds)
        fp = sum(self.signal_fp[k] for k in kinds)
        fn = sum(self.signal_fn[k] for k in kinds)
        return (tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0, tp, fp, fn)

    def lines(self) -> list[str]:
        """The report as printable lines."""
        out = [
            f"rows: {self.rows} ({self.crisis_rows} crisis, {self.calm_rows} calm)",
            f"concerns (code+experiencer): precision {self.precision:.3f} recall {self.recall:.3f} "
            f"F1 {self.f1:.3f} (tp {self.tp}, fp {self.fp}, fn {self.fn}); "
            f"'not' violations {self.not_violations}",
            f"past/current accuracy: {self.status_accuracy:.3f} "
            f"({self.status_correct}/{self.status_total})",
            f"crisis recall: {self.crisis_recall:.3f} ({self.crisis_caught}/{self.crisis_rows}), "
            f"kind right {self.crisis_kind_correct}/{self.crisis_rows}; "
            f"false alarms: {self.false_alarms}/{self.calm_rows}",
        ]
        if self.crisis_rows:
            kinds = ", ".join(
                f"{k} {self.caught_by_kind[k]}/{n}" for k, n in sorted(self.crisis_by_kind.items())
            )
            levels = ", ".join(
                f"{k} {self.caught_by_level[k]}/{n}"
                for k, n in sorted(self.crisis_by_level.items())
            )
            out.append(f"crisis recall by kind: {kinds}")
            out.append(f"crisis recall by labelled level: {levels}")
            out.append(
                f"labelled clear given clear: {self.clear_as_clear}/"
                f"{self.crisis_by_level.get('clear', 0)}"
            )
        out.append(
            f"calm rows: false alarms (clear) {self.false_alarms}/{self.calm_rows} "
            f"= {self.false_alarm_rate:.1%}, questions asked (possible) "
            f"{self.questions}/{self.calm_rows} = {self.question_rate:.1%}"
        )
        if self.signal_tp or self.signal_fp or self.signal_fn:
            p, r, tp, fp, fn = self.signal_figures()
            per_kind = "; ".join(
                "{} P {:.2f} R {:.2f}".format(k, *self.signal_figures(k)[:2])
                for k in sorted({*self.signal_tp, *self.signal_fp, *self.signal_fn})
            )
            out.append(
                f"signals: precision {p:.3f} recall {r:.3f} (tp {tp}, fp {fp}, fn {fn}); {per_kind}"
            )
        out.append(
            f"preference accuracy: {self.pref_accuracy:.3f} ({self.pref_correct}/{self.pref_total})"
        )
        return out


def _same(expected: Any, got: Any) -> bool:
    """Preference equality (lists compared as sets)."""
    if isinstance(expected, list):
        return isinstance(got, list) and sorted(expected) == sorted(got)
    return bool(expected == got)


def _score_crisis(report: Report, row: dict[str, Any], result: ParseResult, line: int) -> None:
    """A crisis row: caught (either level), the right kind, the right level."""
    want, level = row["crisis"], row.get("crisis_level", "unlabelled")
    got = result.crisis
    report.crisis_rows += 1
    report.crisis_by_kind[want] += 1
    report.crisis_by_level[level] += 1
    if got is not None:
        report.crisis_caught += 1
        report.caught_by_kind[want] += 1
        report.caught_by_level[level] += 1
        report.clear_as_clear += level == "clear" and got.level == "clear"
    report.crisis_kind_correct += got is not None and got.kind == want
    if got is None or got.kind != want:
        found = f"{got.kind}/{got.level}" if got else None
        report.errors.append(f"line {line}: crisis {want}/{level} -> {found}")
    elif level == "clear" and got.level != "clear":
        report.errors.append(f"line {line}: crisis {want} clear -> possible")


def _score_concerns(report: Report, row: dict[str, Any], result: ParseResult, line: int) -> None:
    """A calm row: concerns (code and experiencer), their status, and the codes that must not be."""
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


def score_row(report: Report, row: dict[str, Any], result: ParseResult, line: int) -> None:
    """Add one labelled row and the parser's result to the report."""
    report.rows += 1
    if "signals" in row:
        want, got = set(row["signals"] or []), {s.kind for s in result.signals}
        if row.get("crisis"):  # abuse at home beside a crisis: the taxonomy leaves it out
            want, got = want - {"abuse_at_home"}, got - {"abuse_at_home"}
        for kind in want & got:
            report.signal_tp[kind] += 1
        for kind in got - want:
            report.signal_fp[kind] += 1
        for kind in want - got:
            report.signal_fn[kind] += 1
        if want != got:
            report.errors.append(f"line {line}: signals {sorted(want)} -> {sorted(got)}")
    if row.get("crisis"):
        _score_crisis(report, row, result, line)
        return
    if result.crisis is not None:
        if result.crisis.level == "clear":
            report.false_alarms += 1
            report.errors.append(f"line {line}: false alarm {result.crisis.kind}")
        else:
            report.questions += 1
            report.errors.append(f"line {line}: question asked ({result.crisis.kind})")
    _score_concerns(report, row, result, line)
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


def evaluate_rows(rows: list[dict[str, Any]], parser: Parser) -> Report:
    """Parse every row and score the results."""
    report = Report()
    results = parser.parse_many(row["text"] for row in rows)
    for line, (row, result) in enumerate(zip(rows, results, strict=True), start=1):
        score_row(report, row, result, line)
    return report


def evaluate(path: Path, parser: Parser | None = None) -> Report:
    """Parse every row of `path` and score the results."""
    return evaluate_rows(read_rows(path), parser or load_parser())


def main(argv: list[str] | None = None) -> int:
    """`python -m nlp.evaluate FILE [FILE ...] [--errors] [--rules-only]`: print the figures of
    each file."""
    args = argparse.ArgumentParser(prog="python -m nlp.evaluate", exit_on_error=False)
    args.add_argument("files", nargs="+", type=Path)
    args.add_argument("--errors", action="store_true", help="list every miss")
    args.add_argument(
        "--rules-only", action="store_true", help="without the learned second opinion (a baseline)"
    )
    try:
        ns = args.parse_args(sys.argv[1:] if argv is None else argv)
    except (argparse.ArgumentError, SystemExit):
        print(
            "usage: python -m nlp.evaluate FILE [FILE ...] [--errors] [--rules-only]",
            file=sys.stderr,
        )
        return 2
    for path in ns.files:
        if not path.is_file():
            print(f"nlp.evaluate: no such file: {path}", file=sys.stderr)
            return 2
    parser = Parser(second_opinion=False) if ns.rules_only else load_parser()
    print(f"pipeline: {parser.pipeline_name}")
    for path in ns.files:
        try:
            report = evaluate(path, parser)
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            print(f"nlp.evaluate: {path} is not in the examples' format ({exc})", file=sys.stderr)
            return 2
        print(f"== {path}")
        print("\n".join(report.lines()))
        if ns.errors:
            print("\n".join(report.errors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
