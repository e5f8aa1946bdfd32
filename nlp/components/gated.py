"""A spaCy Matcher that runs each pattern only where its anchor words occur in the document.

spaCy's `Matcher` tries every pattern at every token, and its set predicates (`IN`, `NOT_IN`) build
a Python token object per token and predicate: with many rare patterns most of that work is wasted.
Each pattern here gets its own small Matcher and an anchor set (the values of its most selective
required token). A pattern runs only when one of its anchors is among the words of the document,
and, when its length is bounded, only on a window of tokens around each anchor.
"""

from __future__ import annotations

from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from nlp.components.tokens import token_views

_ATTRS = ("NORM", "LOWER", "ORTH", "TEXT")


def word_positions(doc: Doc) -> dict[str, list[int]]:
    """Where each norm, lower-case form and text occurs in the document (cached on the doc)."""
    cached: dict[str, list[int]] | None = doc.user_data.get("fs_positions")
    if cached is None:
        cached = {}
        for i, token in enumerate(token_views(doc)):
            forms = {token.norm, token.lower, token.text}
            if " " in token.norm:
                forms.update(token.norm.split(" "))
            for form in forms:
                cached.setdefault(form, []).append(i)
        doc.user_data["fs_positions"] = cached
    return cached


def doc_words(doc: Doc) -> frozenset[str]:
    """Every norm, lower-case form and text of the document's tokens."""
    return frozenset(word_positions(doc))


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


def pattern_reach(pattern: list[dict[str, Any]]) -> int | None:
    """The most tokens a match can span, or None when unbounded ("*" or "+")."""
    if any(spec.get("OP") in ("*", "+") for spec in pattern):
        return None
    return sum(spec.get("OP") != "!" for spec in pattern)


class GatedMatcher:
    """Drop-in for `Matcher.add` / `__call__` that runs patterns only near their anchors."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.always = Matcher(vocab)
        self.gated: list[tuple[frozenset[str], int | None, Matcher]] = []

    def add(self, key: str, patterns: list[list[dict[str, Any]]]) -> None:
        """Add patterns under one key."""
        for pattern in patterns:
            anchors = pattern_anchors(pattern)
            if anchors is None:
                self.always.add(key, [pattern])
            else:
                matcher = Matcher(self.vocab)
                matcher.add(key, [pattern])
                self.gated.append((anchors, pattern_reach(pattern), matcher))

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """All (match_id, start, end) of the patterns that can match in `doc`."""
        positions = word_positions(doc)
        found: set[tuple[int, int, int]] = set(self.always(doc)) if len(self.always) else set()
        for anchors, reach, matcher in self.gated:
            hits = [i for word in anchors.intersection(positions) for i in positions[word]]
            if not hits:
                continue
            if reach is None:
                found.update(matcher(doc))
                continue
            for start, end in _windows(hits, reach, len(doc)):
                found.update((m, start + s, start + e) for m, s, e in matcher(doc[start:end]))
        return sorted(found, key=lambda m: (m[1], m[2], m[0]))


def _windows(hits: list[int], reach: int, length: int) -> list[tuple[int, int]]:
    """Merged token windows of `reach` tokens either side of each anchor position."""
    windows: list[tuple[int, int]] = []
    for i in sorted(hits):
        start, end = max(0, i - reach + 1), min(length, i + reach)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], end))
        else:
            windows.append((start, end))
    return windows
