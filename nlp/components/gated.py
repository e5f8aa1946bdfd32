"""A token-pattern matcher that runs each pattern only where its anchor words occur.

It accepts the subset of spaCy `Matcher` patterns the data files use (NORM, LOWER, ORTH, TEXT,
SHAPE as a value or `IN` / `NOT_IN` set; IS_PUNCT; LIKE_NUM; OP `?`, `*`, `+`, `!`) and returns
the same matches as spaCy's `Matcher` (a test checks this), but it reads the shared token views
instead of building spaCy token objects for every predicate. Each pattern has an anchor set (the
values of its most selective required token): it is tried only when an anchor occurs, and, when
its length is bounded, only at start positions near each anchor.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc
from spacy.vocab import Vocab

from nlp.components.tokens import TokenView, token_views

_ATTRS = ("NORM", "LOWER", "ORTH", "TEXT")
_FIELDS = {"NORM": "norm", "LOWER": "lower", "ORTH": "text", "TEXT": "text", "SHAPE": "shape"}
Predicate = Callable[[TokenView], bool]


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


def _predicate(spec: dict[str, Any]) -> Predicate:
    """One token test from one pattern token (all its attributes must hold)."""
    tests: list[Predicate] = []
    for attr, value in spec.items():
        if attr == "OP":
            continue
        if attr == "IS_PUNCT":
            tests.append(lambda t, v=bool(value): t.punct == v)
        elif attr == "LIKE_NUM":
            tests.append(lambda t, v=bool(value): t.like_num == v)
        elif attr in _FIELDS:
            field = _FIELDS[attr]
            if isinstance(value, str):
                tests.append(lambda t, f=field, v=value: getattr(t, f) == v)
            elif set(value) == {"IN"}:
                tests.append(lambda t, f=field, v=frozenset(value["IN"]): getattr(t, f) in v)
            elif set(value) == {"NOT_IN"}:
                tests.append(
                    lambda t, f=field, v=frozenset(value["NOT_IN"]): getattr(t, f) not in v
                )
            else:
                raise ValueError(f"unsupported predicate {value!r} in token pattern")
        else:
            raise ValueError(f"unsupported attribute {attr!r} in token pattern")
    return lambda t: all(test(t) for test in tests)


class TokenPattern:
    """One compiled pattern: all the (start, end) spans it matches."""

    def __init__(self, pattern: list[dict[str, Any]]) -> None:
        self.steps = [(_predicate(spec), spec.get("OP")) for spec in pattern]

    def ends(self, views: list[TokenView], step: int, i: int) -> Iterator[int]:
        """Every end position of a match of steps[step:] starting at token i."""
        if step == len(self.steps):
            yield i
            return
        test, op = self.steps[step]
        n = len(views)
        if op is None:
            if i < n and test(views[i]):
                yield from self.ends(views, step + 1, i + 1)
        elif op == "!":
            if i < n and not test(views[i]):
                yield from self.ends(views, step + 1, i + 1)
        elif op == "?":
            yield from self.ends(views, step + 1, i)
            if i < n and test(views[i]):
                yield from self.ends(views, step + 1, i + 1)
        else:  # "*" or "+": every run length
            k = i
            while k < n and test(views[k]):
                k += 1
            for stop in range(i if op == "*" else i + 1, k + 1):
                yield from self.ends(views, step + 1, stop)

    def spans(self, views: list[TokenView], starts: range) -> set[tuple[int, int]]:
        """The non-empty matches starting at the given positions."""
        return {(s, e) for s in starts for e in self.ends(views, 0, s) if e > s}


class GatedMatcher:
    """Drop-in for `Matcher.add` / `__call__` that runs patterns only near their anchors."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.patterns: list[tuple[int, frozenset[str] | None, int | None, TokenPattern]] = []

    def add(self, key: str, patterns: list[list[dict[str, Any]]]) -> None:
        """Add patterns under one key."""
        match_id = self.vocab.strings.add(key)
        for pattern in patterns:
            self.patterns.append(
                (match_id, pattern_anchors(pattern), pattern_reach(pattern), TokenPattern(pattern))
            )

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """All (match_id, start, end) of the patterns in `doc`."""
        views = token_views(doc)
        positions = word_positions(doc)
        found: set[tuple[int, int, int]] = set()
        for match_id, anchors, reach, pattern in self.patterns:
            if anchors is None:
                starts = [range(len(views))]
            else:
                hits = [i for word in anchors.intersection(positions) for i in positions[word]]
                if not hits:
                    continue
                if reach is None:
                    starts = [range(len(views))]
                else:
                    starts = [range(a, b) for a, b in _windows(hits, reach)]
            for rng in starts:
                found.update((match_id, s, e) for s, e in pattern.spans(views, rng))
        return sorted(found, key=lambda m: (m[1], m[2], m[0]))


def _windows(hits: list[int], reach: int) -> list[tuple[int, int]]:
    """Merged ranges of start positions from which a match can reach each anchor."""
    windows: list[tuple[int, int]] = []
    for i in sorted(hits):
        start, end = max(0, i - reach + 1), i + 1
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], end))
        else:
            windows.append((start, end))
    return windows
