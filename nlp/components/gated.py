"""spaCy `Matcher`s that run only on documents where one of their anchor words occurs.

Why not one plain `Matcher` for all patterns: spaCy's Matcher tries every pattern at every token,
and its set predicates (`{"IN": [...]}`) are evaluated one Python call at a time. With the
parser's ~150 token patterns that cost about 2.4 ms per message of 37 words (bench/parse.py,
cProfile: `matcher.pyx: update_predicate_cache` 1.9 million calls per 1,000 messages), more than
the whole budget of 2 ms a message (500 messages a second on one core). A pattern's anchor set
is the values of its most selective required token; the patterns sharing an anchor set share one
spaCy Matcher, which runs only when an anchor is a word of the document. The matching itself is
spaCy's; the results are exactly a plain Matcher's (tests/nlp/test_gated.py).

Measured again on 2026-12-05 (bench/parse.py, the same process, against bare tokenization): with
plain Matchers in the concern, context and preference components the parser read 236-262 messages
per CPU second (parser/tokenizer 0.013); with this layer 522 (0.030). Issue 14 asks for at least
500 a second on one core, with everything on: kept for that, not for Telegram's sending limit.
"""

from __future__ import annotations

from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from nlp.components.tokens import token_views

_ATTRS = ("NORM", "LOWER", "ORTH", "TEXT")
_FORMS_KEY = "fs_forms"


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
    """`Matcher.add` / `__call__`, with each pattern run only where its anchors occur."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.matchers: dict[frozenset[str] | None, Matcher] = {}

    def add(self, key: str, patterns: list[list[dict[str, Any]]]) -> None:
        """Add patterns under one key."""
        for pattern in patterns:
            anchors = pattern_anchors(pattern)
            if anchors not in self.matchers:
                self.matchers[anchors] = Matcher(self.vocab)
            self.matchers[anchors].add(key, [pattern])

    def __call__(self, doc: Doc, forms: frozenset[str] | None = None) -> list[tuple[int, int, int]]:
        """All (match_id, start, end) in `doc`; `forms` are its words (else read off its tokens)."""
        words = doc_forms(doc) if forms is None else forms
        found: set[tuple[int, int, int]] = set()
        for anchors, matcher in self.matchers.items():
            if anchors is None or not anchors.isdisjoint(words):
                found.update(matcher(doc))
        return sorted(found, key=lambda m: (m[1], m[2], m[0]))
