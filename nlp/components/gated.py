"""A spaCy Matcher that only runs the patterns whose anchor words occur in the document.

spaCy's `Matcher` tries every pattern at every token; with many rare patterns most of that work is
wasted. Each pattern here gets its own small Matcher and an anchor set (the values of its most
selective required token); a pattern runs only when one of its anchors is among the words
of the document.
"""

from __future__ import annotations

from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

_ATTRS = ("NORM", "LOWER", "ORTH", "TEXT")


def doc_words(doc: Doc) -> frozenset[str]:
    """Every norm, lower-case form and text of the document's tokens (cached on the doc)."""
    cached = doc.user_data.get("fs_words")
    if cached is None:
        words: set[str] = set()
        for token in doc:
            words.update((token.norm_, token.lower_, token.text))
            if " " in token.norm_:
                words.update(token.norm_.split(" "))
        cached = frozenset(words)
        doc.user_data["fs_words"] = cached
    return cached


def pattern_anchors(pattern: list[dict[str, Any]]) -> frozenset[str] | None:
    """The most selective set of words one of which must occur for `pattern` to match."""
    best: tuple[int, int, frozenset[str]] | None = None
    for spec in pattern:
        if spec.get("OP") in ("?", "*", "!"):
            continue
        for attr in _ATTRS:
            value = spec.get(attr)
            if isinstance(value, str):
                values = frozenset({value, value.lower()})
            elif isinstance(value, dict) and isinstance(value.get("IN"), list):
                values = frozenset(v for item in value["IN"] for v in (item, item.lower()))
            else:
                continue
            common = sum(v in STOP_WORDS or len(v) < 3 for v in values)
            rank = (common, len(values), values)
            if best is None or rank[:2] < best[:2]:
                best = rank
    return best[2] if best else None


class GatedMatcher:
    """Drop-in for `Matcher.add` / `__call__` that skips patterns whose anchors are absent."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.always = Matcher(vocab)
        self.gated: list[tuple[frozenset[str], Matcher]] = []

    def add(self, key: str, patterns: list[list[dict[str, Any]]]) -> None:
        """Add patterns under one key."""
        for pattern in patterns:
            anchors = pattern_anchors(pattern)
            if anchors is None:
                self.always.add(key, [pattern])
            else:
                matcher = Matcher(self.vocab)
                matcher.add(key, [pattern])
                self.gated.append((anchors, matcher))

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """All (match_id, start, end) of the patterns that can match in `doc`."""
        words = doc_words(doc)
        matches: list[tuple[int, int, int]] = list(self.always(doc)) if len(self.always) else []
        for anchors, matcher in self.gated:
            if not anchors.isdisjoint(words):
                matches.extend(matcher(doc))
        return matches
