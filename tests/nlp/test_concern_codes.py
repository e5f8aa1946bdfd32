"""The concern-code registry: every code has its words (English and Spanish), its fellowships, its
patterns and examples that parse to it; every other list of codes is derived from it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from i18n import is_marked, translate, using
from nlp import Parser, concern_codes, result
from nlp.concern_codes import CONCERN_CODES, REGISTRY
from nlp.resources import load_data

ROOT = Path(__file__).resolve().parents[2]
FELLOWSHIPS = json.loads((ROOT / "directory/data/fellowships.json").read_text(encoding="utf-8"))
TAXONOMY_CODES = (  # shared/taxonomy.md, "Concern codes", in its order
    "alcohol", "opioids", "stimulants", "cannabis", "other_drugs", "gambling", "tobacco",
    "depression", "bipolar", "anxiety", "trauma", "grief", "psychosis", "eating",
)  # fmt: skip


def test_the_registry_holds_the_taxonomys_codes() -> None:
    assert CONCERN_CODES == TAXONOMY_CODES
    assert set(CONCERN_CODES) == concern_codes.SUBSTANCE_CODES | concern_codes.MENTAL_HEALTH_CODES
    assert "gambling" in concern_codes.SUBSTANCE_CODES
    assert "grief" in concern_codes.MENTAL_HEALTH_CODES


@pytest.mark.parametrize("code", CONCERN_CODES)
def test_every_code_has_its_words_in_english_and_spanish(code: str) -> None:
    entry = REGISTRY[code]
    for words in (entry.topic, entry.group_words):
        assert is_marked(words) and words.strip()
        with using("es"):
            spanish = translate(words)
        assert spanish and spanish != words, f"{code}: {words!r} has no Spanish translation"


@pytest.mark.parametrize("code", CONCERN_CODES)
def test_every_code_has_fellowships(code: str) -> None:
    assert any(code in f["concern_codes"] for f in FELLOWSHIPS)


def test_every_code_the_data_files_name_is_in_the_registry() -> None:
    concerns = load_data("concerns.json")
    named = (
        {row["code"] for row in concerns["terms"]}
        | {row["code"] for row in concerns["patterns"]}
        | {c for f in FELLOWSHIPS for c in f["concern_codes"]}
    )
    assert named <= set(CONCERN_CODES), named - set(CONCERN_CODES)
    found_by = {row["code"] for row in concerns["terms"]} | {
        row["code"] for row in concerns["patterns"]
    }
    assert set(CONCERN_CODES) <= found_by, set(CONCERN_CODES) - found_by


@pytest.mark.parametrize("code", CONCERN_CODES)
def test_every_code_has_examples_that_parse_to_it(parser: Parser, code: str) -> None:
    examples = REGISTRY[code].examples
    assert examples.get("en") and examples.get("es")
    for text in (*examples["en"], *examples["es"]):
        assert code in {c.code for c in parser.parse(text).concerns}, text


def test_the_other_lists_are_derived_from_the_registry() -> None:
    from bot import strings
    from directory import crud, wording

    assert result.CONCERN_CODES is CONCERN_CODES
    assert result.SUBSTANCE_CODES is concern_codes.SUBSTANCE_CODES
    assert set(crud.CONCERN_CODES) == set(CONCERN_CODES)
    assert strings.TOPIC_NAMES.keys() == wording.CONCERN_WORDS.keys() == set(CONCERN_CODES)
    assert wording.concern_phrase(["grief"]) == "grief and loss"
    with using("es"):
        assert strings.TOPIC_NAMES["alcohol"] == translate(REGISTRY["alcohol"].topic)
