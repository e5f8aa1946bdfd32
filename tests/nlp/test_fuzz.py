"""Any text at all gives a valid result: hypothesis-generated text, huge input, odd characters."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nlp import Parser
from nlp.result import AUDIENCES, CONCERN_CODES, DAYS, ParseResult

KINDS = {"suicide", "self_harm", "overdose", "violence"}


def assert_valid(result: ParseResult) -> None:
    """The result follows the contract and survives a JSON round trip."""
    data = json.loads(json.dumps(result.to_dict()))
    assert ParseResult.from_dict(data) == result
    for concern in result.concerns:
        assert concern.code in CONCERN_CODES
        assert concern.experiencer in ("self", "family")
        assert concern.status in ("current", "past")
    keys = [(c.code, c.experiencer) for c in result.concerns]
    assert len(keys) == len(set(keys))
    assert result.crisis is None or result.crisis.kind in KINDS
    prefs = result.preferences
    assert prefs.format in (None, "online", "in_person")
    assert prefs.approach in (None, "secular", "spiritual")
    assert set(prefs.audience) <= set(AUDIENCES)
    assert prefs.language is None or (len(prefs.language) == 2 and prefs.language.islower())
    assert set(prefs.days) <= set(DAYS)
    assert prefs.time_of_day in (None, "morning", "afternoon", "evening")
    assert prefs.location is None or isinstance(prefs.location, str)
    assert isinstance(prefs.medication, bool)


words = st.sampled_from(
    ["I", "my", "don't", "drink", "heroin", "wife", "kill", "myself", "not", "weekends", "in",
     "Boston", "\n", ",", "😭", "пью", "酒", "used", "to", "kms", "🏳️‍🌈", "\x00", "\u202e", "ＡＡ"]
)  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_text(parser: Parser, text: str) -> None:
    """Any Unicode text, control characters and surrogates-free oddities included."""
    assert_valid(parser.parse(text))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(words, max_size=60).map(" ".join))
def test_word_salad(parser: Parser, text: str) -> None:
    """Shuffles of meaningful words, scripts and emoji still give a valid result."""
    assert_valid(parser.parse(text))


def test_edge_inputs(parser: Parser) -> None:
    """Empty, whitespace, emoji only, control characters, other scripts, a 100 KB message."""
    for text in ["", "   ", "\n\n", "😭😭😭", "\x00\x01\x02\x1b[31m", "الكحول مشكلة", "我喝酒太多",
                 "a" * 100_000, "drink " * 20_000, "💊" * 30_000]:  # fmt: skip
        assert_valid(parser.parse(text))


def test_a_lone_combining_mark_is_no_word(parser: Parser) -> None:
    """A combining mark with no letter to sit on folds to nothing (it once made an empty word that
    spaCy refused, and the message crashed the parse); the words beside it are still read."""
    for text in ["\ufe20", "a \ufe20", "\u0301", "x\ufe20y"]:
        assert_valid(parser.parse(text))
    crisis = parser.parse("\u0301\u0301 me quiero morir \ufe20").crisis
    assert crisis is not None and crisis.kind == "suicide", crisis


def test_huge_message_is_analysed_up_to_a_bound(parser: Parser) -> None:
    """A 100 KB message gives the concerns near its start and a bounded result."""
    text = "My husband drinks. " + "blah " * 20_000
    result = parser.parse(text)
    assert_valid(result)
    assert [(c.code, c.experiencer) for c in result.concerns] == [("alcohol", "family")]
