"""The anchor-gated matcher finds exactly what spaCy's plain Matcher finds."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.matcher import Matcher

from nlp import Parser
from nlp.components.gated import (
    GatedMatcher,
    around,
    doc_forms,
    near,
    pattern_anchors,
    pattern_flag,
    pattern_flags,
    pattern_length,
    pattern_needs,
    pattern_reach,
)
from nlp.resources import expand_lists, load_data

DATA = load_data("concerns.json")
PATTERNS = (
    [expand_lists(e["pattern"], DATA["lists"]) for e in DATA["patterns"]]
    + [
        expand_lists(p["pattern"] if isinstance(p, dict) else p, DATA["lists"])
        for p in DATA["ignore"]
    ]
    + [
        expand_lists(p, DATA["lists"])
        for t in load_data("context.json")["triggers"]
        for p in t.get("patterns", [])
    ]
    + load_data("preferences.json")["audience_ignore"]
)
WORDS = sorted(
    {w for p in PATTERNS for spec in p for v in spec.values() if isinstance(v, dict)
     for w in v.get("IN", [])[:6]}
    | {"I", "my", "the", "and", ".", ",", "bars", "ice", "NA", "AA", "GA", "lost", "son", "2019",
       "30", "days", "years", "-", "old", "was", "an", "addict"}
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=0, max_size=40))
def test_gated_matches_equal_plain_matches(parser: Parser, words: list[str]) -> None:
    """On any sequence of pattern words, gated and plain matchers agree exactly."""
    gated, plain = GatedMatcher(parser.nlp.vocab), Matcher(parser.nlp.vocab)
    for i, pattern in enumerate(PATTERNS):
        gated.add(f"p{i}", [pattern])
        plain.add(f"p{i}", [pattern])
    doc = parser.nlp.make_doc(" ".join(words))
    assert sorted(gated(doc)) == sorted(set(plain(doc)))
    part = doc[len(doc) // 4 : len(doc) - len(doc) // 5]  # a Span, as the context component
    assert sorted(gated(part, doc_forms(doc))) == sorted(set(plain(part)))  # type: ignore[arg-type]


def test_anchors() -> None:
    """Anchors come from the most selective required token; none without a word to anchor on."""
    pattern = [{"NORM": {"IN": ["my", "our"]}}, {"NORM": {"IN": ["son", "daughter"]}, "OP": "?"},
               {"NORM": {"IN": ["died", "passed"]}}]  # fmt: skip
    assert pattern_anchors(pattern) == frozenset({"died", "passed"})
    assert pattern_anchors([{"IS_PUNCT": True}]) is None


def test_needs() -> None:
    """A pattern needs a word of each token pattern that must match; optional ones ("?", "*",
    "!", a repeat that may be zero) and non-word values (NOT_IN, REGEX, flags) need nothing."""
    pattern = [
        {"NORM": {"IN": ["my", "our"]}},
        {"NORM": {"IN": ["son", "daughter"]}, "OP": "?"},
        {"NORM": {"NOT_IN": ["not"]}, "OP": "{0,4}"},
        {"LOWER": "Drinks", "OP": "+"},
        {"NORM": {"IN": ["again", "still"]}, "OP": "{1,3}"},
        {"NORM": {"IN": ["ever"]}, "OP": "{,2}"},
        {"NORM": "never", "OP": "!"},
        {"LOWER": {"REGEX": "^x"}},
        {"IS_PUNCT": True},
    ]
    assert pattern_needs(pattern) == (
        frozenset({"Drinks", "drinks"}),
        frozenset({"again", "still"}),
        frozenset({"my", "our"}),
    )
    assert pattern_needs([{"IS_PUNCT": True}]) == ()


def test_needs_skip_matchers_without_changing_matches(parser: Parser) -> None:
    """A matcher whose anchor occurs but another needed word does not is not run, and what is
    found is still exactly what a plain Matcher finds."""
    pattern = [{"NORM": {"IN": ["my", "our"]}}, {"NORM": {"IN": ["son", "daughter"]}, "OP": "?"},
               {"NORM": {"IN": ["drinks", "uses"]}}, {"NORM": "again"}]  # fmt: skip
    gated, plain = GatedMatcher(parser.nlp.vocab), Matcher(parser.nlp.vocab)
    gated.add("p", [pattern])
    plain.add("p", [pattern])
    for text, runs in [
        ("my son drinks a lot", False),  # no "again": not run
        ("again his dad uses", False),  # "again" and "uses" but no "my" or "our"
        ("my son drinks again", True),
        ("again, our daughter uses again", True),
    ]:
        doc = parser.nlp.make_doc(text)
        assert bool(gated.runnable(doc_forms(doc))) is runs, text
        assert sorted(gated(doc)) == sorted(set(plain(doc))), text


def test_pattern_length_and_stretches() -> None:
    """A match is at most as long as its pattern's bounded repeats allow, and lies within the
    stretches around its anchor words; an unbounded repeat runs the matcher on everything."""
    bounded = [{"NORM": "my"}, {"OP": "?"}, {"OP": "{0,4}"}, {"OP": "{1,5}"}, {"OP": "{3}"},
               {"OP": "{,2}"}, {"NORM": "not", "OP": "!"}]  # fmt: skip
    assert pattern_length(bounded) == 17
    for op in ("+", "*", "{2,}"):
        assert pattern_length([{"NORM": "my"}, {"OP": op}]) is None
    assert near([], 3, 10) == []
    assert near([0, 9], 3, 10) == [(0, 3), (7, 10)]
    assert near([0, 4, 9], 3, 10) == [(0, 10)]  # touching stretches are one
    assert near([5], 20, 10) == [(0, 10)]


def test_pattern_reach_and_around() -> None:
    """Around a required anchor word a match covers at most the bounded lengths of the token
    patterns before and after it; an optional anchor or an unbounded repeat gives no reach."""
    anchors = frozenset({"died", "passed"})
    pattern: list[dict[str, Any]] = [
        {"NORM": {"IN": ["my", "our"]}},
        {"OP": "{0,2}"},
        {"NORM": {"IN": ["died", "passed"]}},
        {"NORM": "away", "OP": "?"},
    ]
    assert pattern_reach(pattern, anchors) == (3, 1)
    assert pattern_reach([{"NORM": "died", "OP": "{1,3}"}], frozenset({"died"})) == (2, 2)
    assert pattern_reach([{"NORM": "died", "OP": "{0,3}"}], frozenset({"died"})) is None
    assert pattern_reach([{"NORM": "died"}, {"OP": "+"}], frozenset({"died"})) is None
    assert around([], 3, 1, 10) == []
    assert around([0, 9], 3, 1, 10) == [(0, 2), (6, 10)]
    assert around([2, 5], 3, 1, 10) == [(0, 7)]  # overlapping stretches are one


def test_flags_and_stretches(parser: Parser) -> None:
    """Patterns without anchor words but with a required flag ("LIKE_NUM") run only around the
    tokens that have it, and find exactly what a plain Matcher finds; the stretches that lack a
    word a pattern needs are not matched, and change nothing either."""
    assert pattern_flag([{"LIKE_NUM": True, "TEXT": {"REGEX": "^[^.]"}}]) == ("LIKE_NUM", (0, 0))
    assert pattern_flag([{"OP": "?"}, {"IS_DIGIT": True}, {"LOWER": "x"}]) == ("IS_DIGIT", (1, 1))
    assert pattern_flag([{"LIKE_NUM": True, "OP": "?"}]) is None
    assert pattern_flag([{"LIKE_NUM": True}, {"OP": "+"}]) is None
    assert pattern_flag([{"IS_PUNCT": True}]) is None
    assert pattern_flags([{"LIKE_NUM": True}, {"IS_DIGIT": True, "OP": "?"}]) == {"LIKE_NUM"}
    patterns = [
        [{"LIKE_NUM": True, "TEXT": {"REGEX": "^[^.]"}}, {"LOWER": "pills", "OP": "?"}],
        [{"OP": "?"}, {"IS_DIGIT": True}],
        [{"NORM": "took"}, {"OP": "{0,2}"}, {"NORM": {"IN": ["pills", "tablets"]}}],
        [{"LOWER": "i"}, {"LOWER": "am", "OP": "?"}, {"LIKE_NUM": True}],  # a flag it needs
    ]
    gated, plain = GatedMatcher(parser.nlp.vocab), Matcher(parser.nlp.vocab)
    for i, pattern in enumerate(patterns):
        gated.add(f"p{i}", [pattern])
        plain.add(f"p{i}", [pattern])
    assert gated.flags == (frozenset({"LIKE_NUM", "IS_DIGIT"}), (1, 1))
    for text in [
        "",
        "no numbers here",
        "took .5 pills, then 30 pills and twenty tablets",
        "pills: I took them. later 2",
        "took the 12 pills",
        "i am 15 and i took them, i am",
        "i am here. i took 3",
    ]:
        doc = parser.nlp.make_doc(text)
        assert sorted(gated(doc)) == sorted(set(plain(doc))), text
        part = doc[1:]
        assert sorted(gated(part, doc_forms(doc))) == sorted(set(plain(part))), text  # type: ignore[arg-type]
    gated.add("p3", [[{"IS_PUNCT": True}, {"OP": "*"}]])  # no anchor word, no flag
    assert gated.flags is None
