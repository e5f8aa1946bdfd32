"""spaCy `Matcher`s that run only where their patterns' words occur, and only around them.

Why not one plain `Matcher` for all patterns: spaCy's Matcher tries every pattern at every token,
and its set predicates (`{"IN": [...]}`) are evaluated one Python call at a time. With the
parser's ~150 token patterns that cost about 2.4 ms per message of 37 words (bench/parse.py,
cProfile: `matcher.pyx: update_predicate_cache` 1.9 million calls per 1,000 messages), more than
the whole budget of 2 ms a message (500 messages a second on one core). A pattern's anchor set
is the values of its most selective required token; the patterns sharing an anchor set share one
spaCy Matcher, which runs only when an anchor is a word of the document and, for at least one of
its patterns, a word of every other token that pattern needs is too (`pattern_needs`). Where its
patterns' repeats are bounded, it runs only on the stretches within its longest match of an
anchor (`pattern_length`, `near`), as the risk component's `NearAnchorMatcher` does. The matching
itself is spaCy's; the results are exactly a plain Matcher's (tests/nlp/test_gated.py).

Measured again on 2026-12-05 (bench/parse.py, the same process, against bare tokenization): with
plain Matchers in the concern, context and preference components the parser read 236-262 messages
per CPU second (parser/tokenizer 0.013); with this layer 522 (0.030). Issue 14 asks for at least
500 a second on one core, with everything on: kept for that, not for Telegram's sending limit.
On 2026-12-06 the pre-check of every needed word, then the stretches, were added: spaCy Matcher
calls per message fell from 33.5 to 13.0 with the pre-check (17.0 with the stretches: more calls,
on fewer tokens), and bench/parse.py read a median 761 messages per CPU second against 522 for
bec5474 before them (3 runs of each, alternated; x1.46, with the risk and context changes of the
same day), the same results on 7,952 messages.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from nlp.components.tokens import token_views

_ATTRS = ("NORM", "LOWER", "ORTH", "TEXT")
_FORMS_KEY = "fs_forms"
_MIN_REPEATS = re.compile(r"\{(\d+)(?:,\d*)?\}")
_REPEATS = re.compile(r"\{(\d*)(?:(,)(\d*))?\}")
_POSITIONS_KEY = "fs_positions"


def doc_forms(doc: Doc) -> frozenset[str]:
    """Every norm, lower-case form and text of the document's tokens (cached on the doc)."""
    cached = doc.user_data.get(_FORMS_KEY)
    if not isinstance(cached, frozenset):
        forms: set[str] = set()
        for token in token_views(doc):
            forms.update((token.norm, token.lower, token.text))
            if " " in token.norm:
                forms.update(token.norm.split(" "))
        cached = frozenset(forms)
        doc.user_data[_FORMS_KEY] = cached
    return cached


def _values(value: Any) -> frozenset[str] | None:
    """The words a token attribute's pattern value accepts (each also in lower case), or None
    when it is not a word or a list of words (a regular expression, a NOT_IN, a number)."""
    if isinstance(value, str):
        return frozenset({value, value.lower()})
    if isinstance(value, dict) and isinstance(value.get("IN"), list):
        items = value["IN"]
        if all(isinstance(item, str) for item in items):
            return frozenset(v for item in items for v in (item, item.lower()))
    return None


def _required(op: str | None) -> bool:
    """Whether a token pattern with operator `op` must match at least one token."""
    if op is None or op in ("1", "+"):
        return True
    low = _MIN_REPEATS.fullmatch(op)
    return low is not None and int(low.group(1)) >= 1


def pattern_anchors(pattern: list[dict[str, Any]]) -> frozenset[str] | None:
    """The most selective set of words one of which must occur for `pattern` to match."""
    best: tuple[int, int, frozenset[str]] | None = None
    for spec in pattern:
        if spec.get("OP") in ("?", "*", "!"):
            continue
        for attr in _ATTRS:
            values = _values(spec.get(attr))
            if values is None:
                continue
            common = sum(v in STOP_WORDS or len(v) < 3 for v in values)
            rank = (common, len(values), values)
            if best is None or rank[:2] < best[:2]:
                best = rank
    return best[2] if best else None


def pattern_needs(pattern: list[dict[str, Any]]) -> tuple[frozenset[str], ...]:
    """Every set of words one of which must occur for `pattern` to match: one for each word
    attribute (NORM, LOWER, ORTH, TEXT) of each token pattern that must match a token."""
    needs = [
        values
        for spec in pattern
        if _required(spec.get("OP"))
        for attr in _ATTRS
        if (values := _values(spec.get(attr))) is not None
    ]
    return tuple(sorted(set(needs), key=lambda v: (len(v), sorted(v))))  # the smallest first


class GatedMatcher:
    """`Matcher.add` / `__call__`, each matcher run only where its patterns' words occur, and
    only around its anchors where its matches are of bounded length."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.matchers: dict[frozenset[str] | None, Matcher] = {}
        self.needs: dict[frozenset[str] | None, list[tuple[frozenset[str], ...]]] = {}
        """For each matcher, the words each of its patterns needs (`pattern_needs`)."""
        self.longest: dict[frozenset[str] | None, int | None] = {}
        """For each matcher, the most tokens one of its matches can cover (None: no bound)."""
        self._by_word: dict[str, list[frozenset[str]]] | None = None

    def add(self, key: str, patterns: list[list[dict[str, Any]]]) -> None:
        """Add patterns under one key."""
        for pattern in patterns:
            anchors = pattern_anchors(pattern)
            if anchors not in self.matchers:
                self.matchers[anchors] = Matcher(self.vocab)
            self.matchers[anchors].add(key, [pattern])
            self.needs.setdefault(anchors, []).append(pattern_needs(pattern))
            length, known = pattern_length(pattern), self.longest.get(anchors, 0)
            self.longest[anchors] = None if length is None or known is None else max(known, length)
        self._by_word = None

    def runnable(self, words: frozenset[str]) -> list[frozenset[str] | None]:
        """The keys of the matchers that may match a document with these `words` (forms): those
        with a pattern each of whose needed word sets (its anchors among them) meets `words`."""
        by_word = self._by_word
        if by_word is None:
            by_word = {}
            for anchors in self.matchers:
                for word in anchors or ():
                    by_word.setdefault(word, []).append(anchors)  # type: ignore[arg-type]
            self._by_word = by_word
        keys: dict[frozenset[str] | None, None] = dict.fromkeys(
            [None] if None in self.matchers else []
        )
        for word in words:
            for anchors in by_word.get(word, ()):
                keys[anchors] = None
        return [
            anchors
            for anchors in keys
            if anchors not in self.needs
            or any(
                all(not need.isdisjoint(words) for need in needs) for needs in self.needs[anchors]
            )
        ]

    def __call__(self, doc: Doc, forms: frozenset[str] | None = None) -> list[tuple[int, int, int]]:
        """All (match_id, start, end) in `doc` (a Doc or a Span of one: positions in it); `forms`
        are its words (else read off its tokens). A matcher whose matches are at most `longest`
        tokens long runs only on the stretches within that many tokens of its anchor words."""
        words = doc_forms(doc) if forms is None else forms
        found: set[tuple[int, int, int]] = set()
        index: dict[str, list[int]] | None = None
        lo, hi = (doc.start, doc.end) if isinstance(doc, Span) else (0, len(doc))
        for anchors in self.runnable(words):
            matcher, longest = self.matchers[anchors], self.longest.get(anchors)
            if anchors is None or longest is None:
                found.update(matcher(doc))
                continue
            if index is None:
                index = _positions(doc)
            at = sorted({i - lo for word in anchors for i in index.get(word, ()) if lo <= i < hi})
            stretches = near(at, longest, hi - lo)
            if stretches == [(0, hi - lo)]:
                found.update(matcher(doc))
                continue
            for start, end in stretches:
                found.update((m, start + s, start + e) for m, s, e in matcher(doc[start:end]))
        return sorted(found, key=lambda m: (m[1], m[2], m[0]))


def pattern_length(pattern: list[dict[str, Any]]) -> int | None:
    """The most tokens `pattern` can match, or None when a repeat has no bound ("+", "*")."""
    total = 0
    for spec in pattern:
        op = spec.get("OP")
        if op in (None, "1", "?", "!"):
            total += 1
            continue
        repeat = _REPEATS.fullmatch(op) if isinstance(op, str) else None
        if repeat is None or (repeat.group(2) is not None and not repeat.group(3)):
            return None  # "+", "*", "{2,}"
        total += int(repeat.group(3) if repeat.group(2) is not None else repeat.group(1))
    return total


def near(positions: list[int], reach: int, length: int) -> list[tuple[int, int]]:
    """The stretches [lo, hi) of a `length`-token document holding every run of at most `reach`
    tokens through one of the (sorted) positions, overlaps merged."""
    out: list[tuple[int, int]] = []
    for at in positions:
        lo, hi = max(0, at - reach + 1), min(length, at + reach)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _positions(doc: Doc | Span) -> dict[str, list[int]]:
    """Where each norm, lower-case form and text occurs in the whole document of `doc` (positions
    in that document, not in a Span of it), made once and kept on it."""
    base = doc.doc if isinstance(doc, Span) else doc
    views = token_views(base)
    cached = base.user_data.get(_POSITIONS_KEY)
    if not isinstance(cached, tuple) or cached[0] is not views:
        index: dict[str, list[int]] = {}
        for i, token in enumerate(views):
            for word in {token.norm, token.lower, token.text}:
                index.setdefault(word, []).append(i)
        cached = (views, index)
        base.user_data[_POSITIONS_KEY] = cached
    return cached[1]
