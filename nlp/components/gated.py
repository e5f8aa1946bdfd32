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
On 2026-12-07 a matcher whose anchor token must match runs only from the most tokens a match can
cover before that token to the most after it (`pattern_reach`, `around`: about half the tokens
of `near`'s stretches), `runnable` intersects sets, and the anchor index is read off
`Doc.to_array`: the five gated matchers of 200 bench messages took 236 us a message against 434
(tokens 9.3 a risk call against 13.5), the same results on 9,073 messages.
Later that day a stretch is matched only where its own words meet every word set, and its
tokens have every flag ("LIKE_NUM"), one of its patterns needs (`stretch_runs`), and patterns
with no anchor word but a required flag run only around the tokens with it (`pattern_flag`):
the gated matchers of 1,000 bench messages took 208 us a message against 264 (the calls
replayed, garbage collection off), the same results on 9,223 messages. One Matcher of all of a
component's patterns over the union of the stretches was tried and dropped: it tries every
pattern at every token of the union, 25 times slower for the risk words.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Any, NamedTuple, cast

from spacy.attrs import IDS, LOWER, NORM, ORTH
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from nlp.components.tokens import token_views

_ATTRS = ("NORM", "LOWER", "ORTH", "TEXT")
_FLAGS = ("LIKE_NUM", "IS_DIGIT", "LIKE_URL", "LIKE_EMAIL")
"""Token flags that can stand in for anchor words (`pattern_flag`): few tokens have them."""
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
        self.reach: dict[frozenset[str] | None, tuple[int, int] | None] = {}
        """For each matcher, the most tokens one of its matches can cover before and after an
        anchor word it must match (`pattern_reach`; None: no bound, or an optional anchor)."""
        self.flags: tuple[frozenset[str], tuple[int, int]] | None = None
        """For the matcher of the patterns without anchor words, the flags one of which a token
        each of them must match has, and the most tokens a match can cover before and after that
        token (`pattern_flag`; None: a pattern without one, which runs on the whole document)."""
        self._by_word: dict[str, list[frozenset[str] | None]] | None = None
        self._anchor_words: frozenset[str] = frozenset()
        self._checks: dict[frozenset[str] | None, tuple[tuple[frozenset[str], ...], ...]] = {}
        self._hashes: dict[frozenset[str] | None, tuple[int, ...]] = {}
        self._flag_needs: dict[frozenset[str] | None, list[frozenset[str]]] = {}
        self._stretch_checks: dict[frozenset[str] | None, tuple[_Check, ...]] = {}

    def add(self, key: str, patterns: list[list[dict[str, Any]]]) -> None:
        """Add patterns under one key."""
        for pattern in patterns:
            anchors = pattern_anchors(pattern)
            if anchors not in self.matchers:
                self.matchers[anchors] = Matcher(self.vocab)
                self.reach[anchors] = (0, 0)
                if anchors is None:
                    self.flags = (frozenset(), (0, 0))
            if anchors is None and self.flags is not None:
                flag, known_flags = pattern_flag(pattern), self.flags
                self.flags = (
                    None
                    if flag is None
                    else (
                        known_flags[0] | {flag[0]},
                        (max(flag[1][0], known_flags[1][0]), max(flag[1][1], known_flags[1][1])),
                    )
                )
            self.matchers[anchors].add(key, [pattern])
            self.needs.setdefault(anchors, []).append(pattern_needs(pattern))
            self._flag_needs.setdefault(anchors, []).append(pattern_flags(pattern))
            length, known = pattern_length(pattern), self.longest.get(anchors, 0)
            self.longest[anchors] = None if length is None or known is None else max(known, length)
            reach, so_far = pattern_reach(pattern, anchors), self.reach[anchors]
            self.reach[anchors] = (
                None
                if reach is None or so_far is None
                else (max(reach[0], so_far[0]), max(reach[1], so_far[1]))
            )
        self._by_word = None

    def _prepare(self) -> dict[str, list[frozenset[str] | None]]:
        """The matchers by anchor word, each matcher's distinct needs (an empty one: it needs
        nothing more) and the string ids of its anchor words, made once after the last `add`."""
        by_word: dict[str, list[frozenset[str] | None]] = {}
        for anchors in self.matchers:
            for word in anchors or ():
                by_word.setdefault(word, []).append(anchors)
            distinct = dict.fromkeys(self.needs.get(anchors, [()]))
            self._checks[anchors] = () if () in distinct else tuple(distinct)
            self._hashes[anchors] = tuple(self.vocab.strings[w] for w in sorted(anchors or ()))
            checks = dict.fromkeys(
                _Check(
                    tuple(frozenset(self.vocab.strings[w] for w in need) for need in needs),
                    tuple(sorted(flags)),
                )
                for needs, flags in zip(
                    self.needs.get(anchors, []), self._flag_needs.get(anchors, []), strict=True
                )
            )
            self._stretch_checks[anchors] = () if _Check((), ()) in checks else tuple(checks)
        self._anchor_words = frozenset(by_word)
        self._by_word = by_word
        return by_word

    def runnable(self, words: frozenset[str]) -> list[frozenset[str] | None]:
        """The keys of the matchers that may match a document with these `words` (forms): those
        with a pattern each of whose needed word sets (its anchors among them) meets `words`.

        Only the matchers with an anchor among `words` are looked at (a set intersection, not
        a loop over the words), and their needs are checked in plain loops: on 2026-12-07 this
        took 12-48 us a call as written first (generators over every word), the four parser
        components' calls together about 125 us of a message's 1.9 ms."""
        by_word = self._by_word if self._by_word is not None else self._prepare()
        candidates: dict[frozenset[str] | None, None] = (
            {None: None} if None in self.matchers else {}
        )
        for word in words & self._anchor_words:
            for anchors in by_word[word]:
                candidates[anchors] = None
        keys: list[frozenset[str] | None] = []
        for anchors in candidates:
            checks = self._checks[anchors]
            if not checks:
                keys.append(anchors)
                continue
            for needs in checks:
                for need in needs:
                    if need.isdisjoint(words):
                        break
                else:
                    keys.append(anchors)
                    break
        return keys

    def __call__(self, doc: Doc, forms: frozenset[str] | None = None) -> list[tuple[int, int, int]]:
        """All (match_id, start, end) in `doc` (a Doc or a Span of one: positions in it); `forms`
        are its words (else read off its tokens). A matcher whose matches are bounded runs only
        on the stretches around its anchor words that can hold a match (`reach`, else within
        `longest` tokens of them), and only on those whose own words meet every word set one of
        its patterns needs (`stretch_runs`)."""
        words = doc_forms(doc) if forms is None else forms
        found: set[tuple[int, int, int]] = set()
        index: _Index | None = None
        lo, hi = (doc.start, doc.end) if isinstance(doc, Span) else (0, len(doc))
        for anchors in self.runnable(words):
            matcher, longest = self.matchers[anchors], self.longest.get(anchors)
            if anchors is None and self.flags is not None:
                before, after = self.flags[1]
                at = sorted(
                    {i - lo for flag in self.flags[0] for i in _flagged(doc, flag) if lo <= i < hi}
                )
                stretches = around(at, before, after, hi - lo)
            elif anchors is None or longest is None:
                found.update(matcher(doc))
                continue
            else:
                if index is None:
                    index = _positions(doc)
                at = sorted(
                    {
                        i - lo
                        for word in self._hashes[anchors]
                        for i in index.at.get(word, ())
                        if lo <= i < hi
                    }
                )
                reach = self.reach.get(anchors)
                stretches = (
                    around(at, reach[0], reach[1], hi - lo)
                    if reach is not None
                    else near(at, longest, hi - lo)
                )
            checks = self._stretch_checks[anchors]
            if checks and index is None:
                index = _positions(doc)
            for start, end in stretches:
                if (
                    index is not None
                    and checks
                    and not stretch_runs(checks, doc, index, lo + start, lo + end)
                ):
                    continue
                if start == 0 and end == hi - lo:
                    found.update(matcher(doc))
                    continue
                found.update((m, start + s, start + e) for m, s, e in matcher(doc[start:end]))
        return sorted(found, key=lambda m: (m[1], m[2], m[0]))


class _Check(NamedTuple):
    """What one pattern needs of the tokens a match of it covers."""

    words: tuple[frozenset[int], ...]
    """Word sets (by string id) each of which a text, lower-case form or norm must meet."""
    flags: tuple[str, ...]
    """Flags ("LIKE_NUM", ...) each of which a token must have."""


def stretch_runs(
    checks: tuple[_Check, ...], doc: Doc | Span, index: _Index, a: int, b: int
) -> bool:
    """Whether the tokens [a, b) of the whole document of `doc` may hold a match: for one of
    the patterns (`checks`), each word set it needs meets their forms and a token of them has
    each flag it needs.

    A match found in a stretch lies inside it, so each word set its pattern needs meets the
    stretch's own words; on 2026-12-07 about half the stretches of bench/parse.py messages
    failed this (a needed word elsewhere in the message), skipping their spaCy Matcher calls
    (some 7 us each) for a check of about 1 us. The flags: the risk words' "i" + a number (an
    age), "in" + a year ran on some 4 stretches of 6 a message, without a number in them."""
    present = set(index.forms[3 * a : 3 * b])
    for words, flags in checks:
        for need in words:
            if need.isdisjoint(present):
                break
        else:
            for flag in flags:
                positions = index.flags.get(flag)
                if positions is None:
                    positions = index.flags[flag] = _flagged(doc, flag)
                k = bisect_left(positions, a)
                if k == len(positions) or positions[k] >= b:
                    break
            else:
                return True
    return False


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


def pattern_reach(
    pattern: list[dict[str, Any]], anchors: frozenset[str] | None
) -> tuple[int, int] | None:
    """The most tokens a match of `pattern` can cover before and after a token that matched a
    token pattern of words `anchors` that must match (the one that gives the shortest stretch),
    or None when there is no such token pattern or a repeat has no bound."""
    lengths = [pattern_length([spec]) for spec in pattern]
    best: tuple[int, int] | None = None
    for k, spec in enumerate(pattern):
        if anchors is None or not _required(spec.get("OP")):
            continue
        if not any(_values(spec.get(attr)) == anchors for attr in _ATTRS):
            continue
        reach = _reach_around(lengths, k)
        if reach is None:
            return None
        if best is None or sum(reach) < sum(best):
            best = reach
    return best


def pattern_flags(pattern: list[dict[str, Any]]) -> frozenset[str]:
    """The flags (`_FLAGS`) that token patterns of `pattern` that must match require."""
    return frozenset(
        flag
        for spec in pattern
        if _required(spec.get("OP"))
        for flag in _FLAGS
        if spec.get(flag) is True
    )


def pattern_flag(pattern: list[dict[str, Any]]) -> tuple[str, tuple[int, int]] | None:
    """A flag (`_FLAGS`: "LIKE_NUM", ...) that a token pattern that must match requires, and
    the most tokens a match of `pattern` can cover before and after the token that has it (the
    one that gives the shortest stretch), or None when there is none or a repeat has no bound.

    Why: a pattern with no anchor words ("a number, not '.5'") would otherwise run on the whole
    document: on 2026-12-07 the risk words' one such pattern took 33 us a message (its REGEX is
    a Python call at every word), against about 2 us on the words around their numbers."""
    lengths = [pattern_length([spec]) for spec in pattern]
    best: tuple[str, tuple[int, int]] | None = None
    for k, spec in enumerate(pattern):
        if not _required(spec.get("OP")):
            continue
        flag = next((f for f in _FLAGS if spec.get(f) is True), None)
        reach = _reach_around(lengths, k) if flag is not None else None
        if flag is not None and reach is not None and (best is None or sum(reach) < sum(best[1])):
            best = (flag, reach)
    return best


def _reach_around(lengths: list[int | None], k: int) -> tuple[int, int] | None:
    """The most tokens a match can cover before and after a token matched by its `k`th token
    pattern, given the most tokens each token pattern matches (`lengths`; None: no bound)."""
    before, own, after = lengths[:k], lengths[k], lengths[k + 1 :]
    if own is None or None in before or None in after:
        return None
    return (sum(before) + own - 1, sum(after) + own - 1)  # type: ignore[arg-type]


def near(positions: list[int], reach: int, length: int) -> list[tuple[int, int]]:
    """The stretches [lo, hi) of a `length`-token document holding every run of at most `reach`
    tokens through one of the (sorted) positions, overlaps merged."""
    return around(positions, reach - 1, reach - 1, length)


def around(positions: list[int], before: int, after: int, length: int) -> list[tuple[int, int]]:
    """The stretches [lo, hi) of a `length`-token document from `before` tokens before to
    `after` tokens after each of the (sorted) positions, overlaps merged."""
    out: list[tuple[int, int]] = []
    for at in positions:
        lo, hi = max(0, at - before), min(length, at + after + 1)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _flagged(doc: Doc | Span, flag: str) -> list[int]:
    """The positions in the whole document of `doc` of the tokens with `flag` (read off a list
    of ints: quicker than numpy's own functions on arrays this short)."""
    base = doc.doc if isinstance(doc, Span) else doc
    if not len(base):
        return []
    return [i for i, value in enumerate(base.to_array(IDS[flag]).tolist()) if value]


class _Index(NamedTuple):
    """A document's tokens' word forms by string id: where each occurs, and each token's."""

    at: dict[int, list[int]]
    """The positions of each text, lower-case form and norm."""
    forms: list[int]
    """Each token's text, lower-case form and norm, one after the other (3 a token: one flat
    list, not a list a token, which would give the garbage collector more to scan)."""
    flags: dict[str, list[int]]
    """The positions of the tokens with each flag, read when first needed (`stretch_runs`)."""


def _positions(doc: Doc | Span) -> _Index:
    """Where each norm, lower-case form and text (by string id) occurs in the whole document of
    `doc` (positions in that document, not in a Span of it), and each token's, made once per
    length and kept on it.

    Read off `Doc.to_array`, not the tokens: the risk component's words make a Doc of their own
    whose tokens nothing else reads, and on 2026-12-07 their views and this index took 103 us a
    message (bench/parse.py messages), the array and index 19 us."""
    base = doc.doc if isinstance(doc, Span) else doc
    cached = base.user_data.get(_POSITIONS_KEY)
    if isinstance(cached, tuple) and cached[0] == len(base):
        return cached[1]
    index: dict[int, list[int]] = {}
    forms = cast(list[int], base.to_array([ORTH, LOWER, NORM]).ravel().tolist())
    for i, (text, lower, norm) in enumerate(zip(forms[::3], forms[1::3], forms[2::3], strict=True)):
        index.setdefault(text, []).append(i)
        if lower != text:
            index.setdefault(lower, []).append(i)
        if norm != text and norm != lower:
            index.setdefault(norm, []).append(i)
    found = _Index(index, forms, {})
    base.user_data[_POSITIONS_KEY] = (len(base), found)
    return found
