"""Fixtures for the parser tests: one real pipeline for the whole session."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp import Parser, load_parser

DATA = Path(__file__).parent / "data"


def found(parser: Parser, text: str) -> set[tuple[str, str, str]]:
    """The (code, experiencer, status) triples the parser finds."""
    return {(c.code, c.experiencer, c.status) for c in parser.parse(text).concerns}


@pytest.fixture(scope="session")
def parser() -> Parser:
    """The default parser (blank English + the firststep components), loaded once."""
    return load_parser(None)


@pytest.fixture(scope="session")
def examples_file() -> Path:
    """The project's own labelled messages."""
    return DATA / "concerns.jsonl"
