"""A learned second opinion on crisis: a spaCy text classifier that can only raise `possible`.

It reads the message as the risk component sees it (normalised words) plus the risk concepts the
lexicons found there ("c_stockpile c_drug c_soon"), so it learns which combinations of concepts
and words mean danger beyond the hand-written rules. It never lowers a rule's verdict: it is
asked only when the rules found nothing, and a "yes" from it makes a `possible` crisis (the bot
asks its one screening question), never a clear one.

The trained pipeline ships as package data in `nlp/data/second_opinion/` (made by
`python -m nlp.train_second_opinion`, which prints its cross-validated figures); without it the
parser runs on the rules alone.
"""

from __future__ import annotations

import logging
from importlib.resources import as_file, files
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

log = logging.getLogger(__name__)

MODEL_DIR = "second_opinion"
NONE = "none"
KINDS: tuple[str, ...] = ("suicide", "self_harm", "overdose", "violence")
LABELS: tuple[str, ...] = (NONE, *KINDS)


def features(words: list[str], concepts: list[str]) -> list[str]:
    """The classifier's input: the normalised words, then one token for each concept found."""
    return [*words, *(f"c_{c}" for c in sorted(set(concepts)))]


def as_doc(nlp: Language, tokens: list[str]) -> Doc:
    """The features as a document of their own (no second tokenisation)."""
    return Doc(nlp.vocab, words=tokens)


class SecondOpinion:
    """The trained classifier and the probability above which it raises a possible crisis."""

    def __init__(self, nlp: Language, threshold: float) -> None:
        self.nlp = nlp
        self.threshold = threshold

    def judge(self, tokens: list[str]) -> tuple[str, float] | None:
        """The crisis kind it sees in the features and its probability, or None below the
        threshold."""
        cats: dict[str, float] = self.nlp(as_doc(self.nlp, tokens)).cats
        crisis = 1.0 - cats.get(NONE, 0.0)
        if crisis < self.threshold:
            return None
        kind = max(KINDS, key=lambda k: cats.get(k, 0.0))
        return kind, crisis


def load_second_opinion() -> SecondOpinion | None:
    """The shipped classifier, or None when the package has none (the rules alone then)."""
    folder = files("nlp").joinpath("data", MODEL_DIR)
    if not folder.is_dir():
        return None
    with as_file(folder) as path:
        nlp = spacy.load(path)
    meta: dict[str, Any] = nlp.meta.get("firststep", {})
    threshold = float(meta.get("threshold", 0.5))
    log.info("second opinion loaded", extra={"threshold": threshold})
    return SecondOpinion(nlp, threshold)
