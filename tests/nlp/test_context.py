"""Negation, family experiencer and past status (the ConText component)."""

from __future__ import annotations

import pytest

from nlp import Parser


def found(parser: Parser, text: str) -> set[tuple[str, str, str]]:
    """The (code, experiencer, status) triples the parser finds."""
    return {(c.code, c.experiencer, c.status) for c in parser.parse(text).concerns}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I don't use meth, I drink", {("alcohol", "self", "current")}),
        ("No gambling here, just the bottle every night", {("alcohol", "self", "current")}),
        ("I never smoked weed but I can't stop drinking", {("alcohol", "self", "current")}),
        ("cocaine isn't the problem, the booze is", {("alcohol", "self", "current")}),
    ],
)
def test_negation_is_bounded_by_clause(parser: Parser, text: str, expected: set) -> None:
    """A negation reaches its clause only ("but", commas, "my problem is" end it)."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my stepdad drinks and hits the wall", {("alcohol", "family", "current")}),
        ("Our daughter is on fentanyl", {("opioids", "family", "current")}),
        ("she gambles, I don't", {("gambling", "family", "current")}),
        ("I don't drink but my wife does", {("alcohol", "family", "current")}),
        (
            "my husband uses cocaine and I drink to cope",
            {("stimulants", "family", "current"), ("alcohol", "self", "current")},
        ),
        ("my grandmother died and I cannot stop crying", {("grief", "self", "current")}),
    ],
)
def test_family_experiencer(parser: Parser, text: str, expected: set) -> None:
    """A loved one's concern is `family`; grief over a loved one's death is the person's own."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I used to gamble", {("gambling", "self", "past")}),
        ("two years clean off heroin", {("opioids", "self", "past")}),
        ("I quit drinking in 2015", {("alcohol", "self", "past")}),
        ("I want to quit drinking", {("alcohol", "self", "current")}),
        ("I quit meth but I relapsed last week", {("stimulants", "self", "current")}),
        ("I don't smoke anymore", {("tobacco", "self", "past")}),
    ],
)
def test_past_and_current(parser: Parser, text: str, expected: set) -> None:
    """Recovery and the past give `past`; wanting to stop or relapsing keeps it `current`."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My husband is worried about my drinking", {("alcohol", "self", "current")}),
        ("I am married to an alcoholic", {("alcohol", "family", "current")}),
        ("I grew up with an alcoholic father", {("alcohol", "family", "past")}),
        (
            "my friends all drink and I do too",
            {("alcohol", "self", "current"), ("alcohol", "family", "current")},
        ),
        ("Daughter struggling with anorexia", {("eating", "family", "current")}),
    ],
)
def test_whose_concern(parser: Parser, text: str, expected: set) -> None:
    """ "my drinking" is the person's even when a loved one is the subject; "married to" is not."""
    assert found(parser, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ex-smoker", {("tobacco", "self", "past")}),
        ("I had a drinking problem", {("alcohol", "self", "past")}),
        ("I relapsed after 3 years clean", {("other_drugs", "self", "current")}),
        (
            "I am a recovering addict and my son now drinks",
            {("other_drugs", "self", "past"), ("alcohol", "family", "current")},
        ),
    ],
)
def test_recovery_words(parser: Parser, text: str, expected: set) -> None:
    """Unnamed recovery ("recovering addict", "years clean") counts only when nothing is named."""
    assert found(parser, text) == expected
