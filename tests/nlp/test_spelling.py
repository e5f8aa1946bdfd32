"""Typo tolerance: fuzzy correction to the domain vocabulary, and what it must leave alone."""

from __future__ import annotations

import pytest

from nlp import Parser
from nlp.components.spelling import SpellingCorrector


@pytest.fixture(scope="module")
def corrector(parser: Parser) -> SpellingCorrector:
    """The spelling component of the loaded pipeline."""
    component = parser.nlp.get_pipe("firststep_spelling")
    assert isinstance(component, SpellingCorrector)
    return component


@pytest.mark.parametrize(
    ("typo", "word"),
    [("alchohol", {"alcohol"}), ("depresson", {"depression", "depresion"}),
     ("anxeity", {"anxiety"}), ("gamblign", {"gambling"}), ("suicidle", {"suicide", "suicidal"}),
     ("overdoseing", {"overdosing"}), ("schizophernia", {"schizophrenia"})],
)  # fmt: skip
def test_typos_are_corrected(corrector: SpellingCorrector, typo: str, word: set[str]) -> None:
    """A word within one or two edits (transpositions count as one) is corrected."""
    assert corrector.correct(typo) in word


@pytest.mark.parametrize(
    "word",
    ["friendly", "spend", "think", "bills", "cat", "the", "1234", "wanted", "shared", "sorted",
     "addition", "brought", "walking", "operating", "casing", "bother", "stopping", "thought",
     "relajarme", "levantarme", "quedan", "cuesten"],
)  # fmt: skip
def test_real_words_are_left_alone(corrector: SpellingCorrector, word: str) -> None:
    """Short, derived, protected, stop and common English words are never corrected, nor a
    Spanish infinitive with a pronoun on it ("relajarme" is no typo of "rajarme") or a present
    tense of a known verb ("me quedan bien" is no "me queman")."""
    assert corrector.correct(word) is None


def test_correction_is_per_document(parser: Parser) -> None:
    """Correcting a token's norm does not change the shared vocabulary."""
    doc = parser.nlp("alchohol")
    assert doc[0].norm_ == "alcohol"
    assert parser.nlp.vocab["alchohol"].norm_ == "alchohol"


@pytest.mark.parametrize(
    ("written", "word"),
    [("dieeeee", "die"), ("helllp", "help"), ("k1ll", "kill"), ("h3ro1n", "heroin")],
)
def test_emphasis_and_digits(corrector: SpellingCorrector, written: str, word: str) -> None:
    """Letters repeated for emphasis and digits written for letters are read as the word."""
    assert corrector.correct(written) == word


def test_two_reads_as_to_after_a_verb(parser: Parser) -> None:
    """ "want 2 die" reads "want to die"; "2 kids" stays a number."""
    assert [t.norm_ for t in parser.nlp("want 2 die")] == ["want", "to", "die"]
    assert parser.nlp("I have 2 kids")[2].norm_ == "2"


def test_spoken_spanish_participles_are_read_in_full(parser: Parser) -> None:
    """In a Spanish message a participle without its "d" ("me he tomao") is the participle; a
    word that is one already ("cacao") is left alone, and so is an English message."""
    doc = parser.nlp("me he tomao todo y estoy cansao, no quiero cacao")
    assert [t.norm_ for t in doc if t.text in ("tomao", "cansao", "cacao")] == [
        "tomado",
        "cansado",
        "cacao",
    ]
    assert [t.norm_ for t in parser.nlp("the tomao brand of tea")][1] == "tomao"
