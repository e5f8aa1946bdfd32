"""`firststep parse ...`: the parser on the command line.

`firststep parse TEXT` prints a short summary; `--json TEXT` prints one JSON object (the taxonomy's
parse output); `--jsonl` reads standard input, one message a line (a JSON string, a JSON object with
a "text" field, or else the line as plain text), and writes one JSON object a line, in order;
`--evaluate FILE` prints the evaluation figures for a labelled JSONL file.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from nlp.result import ParseResult


def line_text(line: str) -> str:
    """The message on one `--jsonl` input line: JSON string, {"text": ...}, or plain text."""
    stripped = line.rstrip("\r\n")
    try:
        value: Any = json.loads(stripped)
    except ValueError:
        return stripped
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and isinstance(value.get("text"), str):
        return value["text"]
    return stripped


def summary(result: ParseResult, pipeline_name: str) -> str:
    """A short human-readable account of one result."""
    lines = [f"pipeline: {pipeline_name}"]
    if result.crisis:
        crisis = result.crisis
        who = ", about someone else" if crisis.person == "other" else ""
        lines.append(
            f"CRISIS: {crisis.kind}, {crisis.level}{who} "
            f"({crisis.evidence!r}; {', '.join(crisis.concepts)})"
        )
    else:
        lines.append("crisis: none")
    for signal in result.signals:
        lines.append(f"signal: {signal.kind} from {signal.evidence!r}")
    if result.concerns:
        for c in result.concerns:
            lines.append(f"concern: {c.code} ({c.experiencer}, {c.status}) from {c.evidence!r}")
    else:
        lines.append("concerns: none")
    prefs = {k: v for k, v in result.to_dict()["preferences"].items() if v not in (None, [], False)}
    lines.append(
        "preferences: " + (", ".join(f"{k}={v}" for k, v in prefs.items()) if prefs else "none")
    )
    return "\n".join(lines)


def parse_command(
    text: Annotated[str | None, typer.Argument(help="The message to parse.")] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    jsonl: Annotated[
        bool,
        typer.Option(
            "--jsonl",
            help="Read messages from standard input, one a line (a JSON string, a JSON object "
            'with "text", or plain text), and write one JSON object a line, in order.',
        ),
    ] = False,
    evaluate_file: Annotated[
        Path | None,
        typer.Option(
            "--evaluate", help="Print precision/recall/F1 and more for a labelled JSONL file."
        ),
    ] = None,
    errors: Annotated[
        bool, typer.Option("--errors", help="With --evaluate: list every miss.")
    ] = False,
    model: Annotated[
        str | None,
        typer.Option("--model", help="A trained spaCy pipeline (default: $FIRSTSTEP_SPACY_MODEL)."),
    ] = None,
) -> None:
    """Parse a message into concerns, crisis and preferences."""
    from nlp import load_parser

    if evaluate_file is not None:
        from nlp.evaluate import evaluate

        if not evaluate_file.is_file():
            typer.echo(f"firststep: no such file: {evaluate_file}", err=True)
            raise typer.Exit(2)
        try:
            report = evaluate(evaluate_file, load_parser(model))
        except (ValueError, KeyError, TypeError) as exc:
            typer.echo(
                f"firststep: {evaluate_file} is not in the examples' format ({exc})", err=True
            )
            raise typer.Exit(2) from None
        typer.echo("\n".join(report.lines() + (report.errors if errors else [])))
        return
    if jsonl:
        parser = load_parser(model)
        texts = (line_text(line) for line in sys.stdin)
        for result in parser.parse_many(texts):
            sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
            sys.stdout.flush()
        return
    if text is None:
        typer.echo(
            "firststep: give a message to parse, or --jsonl to read standard input.", err=True
        )
        raise typer.Exit(2)
    parser = load_parser(model)
    result = parser.parse(text)
    if json_output:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        typer.echo(summary(result, parser.pipeline_name))
