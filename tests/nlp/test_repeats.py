"""Repetition is read at most twice: an adversarial message costs what a varied one does."""

from __future__ import annotations

import json
from pathlib import Path

from nlp import Parser
from nlp.normalize import COMPACT_FROM, without_repeats


def test_a_repeated_run_is_kept_twice_and_what_it_says_is_unchanged(parser: Parser) -> None:
    unit = "my son took a whole bottle of pills "
    text = (unit * 200)[:4096]
    compact = without_repeats(text)
    assert len(compact) < 3 * len(unit) and compact.startswith(unit.strip())
    crisis = parser.check_crisis(text)
    assert crisis is not None and crisis.kind == "overdose"


def test_ordinary_long_messages_lose_nothing(examples_file: Path) -> None:
    rows = [json.loads(line) for line in examples_file.read_text(encoding="utf-8").splitlines()]
    for start in range(0, 300, 30):  # long messages made of thirty varied ones
        text = " ".join(row["text"] for row in rows[start : start + 30])
        assert len(text) > COMPACT_FROM
        assert without_repeats(text) == text


def test_repetition_inside_a_message_keeps_its_new_words() -> None:
    text = "I drink every night. " + "not my dad uses heroin " * 60 + "and I want an online group"
    compact = without_repeats(text)
    assert compact.startswith("I drink every night.")
    assert compact.endswith("and I want an online group")
    assert compact.count("not my dad uses heroin") <= 3
