"""Preferences: format, approach, audience, language, days, time of day, place, medication."""

from __future__ import annotations

from typing import Any

import pytest

from nlp import Parser


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("virtual meetings please", "format", "online"),
        ("I don't want zoom, I want real people", "format", "in_person"),
        ("face-to-face if possible", "format", "in_person"),
        ("no God stuff", "approach", "secular"),
        ("I'm agnostic", "approach", "secular"),
        ("a 12-step group is fine with me", "approach", "spiritual"),
        ("I want a faith-based group", "approach", "spiritual"),
        ("Ladies only please", "audience", ["women"]),
        ("I'm a lesbian and 23", "audience", ["lgbtq"]),
        ("navy veteran", "audience", ["veterans"]),
        ("I'm 57 and tired", "audience", []),
        ("is there a group in Portuguese", "language", "pt"),
        ("Hola, necesito ayuda con mi hijo, usa drogas", "language", "es"),
        ("I need help with drinking", "language", None),
        ("Tengo depresión", "language", "es"),
        ("weekends only", "days", ["sat", "sun"]),
        ("Mon or Wed nights", "days", ["mon", "wed"]),
        ("weekdays but not Fridays", "days", ["mon", "tue", "wed", "thu"]),
        ("the sun is out and I sat outside", "days", []),
        ("after work is best", "time_of_day", "evening"),
        ("around 7pm", "time_of_day", "evening"),
        ("at 10:30 am", "time_of_day", "morning"),
        ("lunchtime", "time_of_day", "afternoon"),
        ("I drink every night", "time_of_day", None),
        ("I live in San Diego", "location", "San Diego"),
        ("anything near Milton Keynes?", "location", "Milton Keynes"),
        ("near SW1A 1AA", "location", "SW1A 1AA"),
        ("my zip is 10027", "location", "10027"),
        ("I owe 25000 dollars", "location", None),
        ("in Spanish please", "location", None),
        ("I'm on antidepressants", "medication", True),
        ("I take suboxone daily", "medication", True),
        ("I'm not on any meds", "medication", False),
    ],
)
def test_preference(parser: Parser, text: str, field: str, value: Any) -> None:
    """Each preference field comes out as the taxonomy says."""
    got = getattr(parser.parse(text).preferences, field)
    if isinstance(value, list):
        assert sorted(got) == sorted(value)
    else:
        assert got == value


def test_spanish_message_gives_language_and_concerns(parser: Parser) -> None:
    """A message written in Spanish asking for help gives "es" and its concerns."""
    result = parser.parse("Hola, tengo depresión y bebo mucho, necesito un grupo")
    assert result.preferences.language == "es"
    assert {c.code for c in result.concerns} == {"depression", "alcohol"}


@pytest.mark.parametrize(
    ("text", "place"),
    [("im in detroit and need help", "detroit"), ("near san diego", "san diego"),
     ("i live in ohio", "ohio"), ("im in recovery", None), ("in bed all day", None)],
)  # fmt: skip
def test_lower_case_known_places(parser: Parser, text: str, place: str | None) -> None:
    """A known city or state in lower case after "in"/"near" is a place; other words are not."""
    assert parser.parse(text).preferences.location == place


def test_both_formats_mean_no_preference(parser: Parser) -> None:
    """ "Online or in person" is no format preference."""
    assert parser.parse("online or in person, either is fine").preferences.format is None


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("coke at weekends, trying to stop", "days", []),
        ("i drink on saturdays", "days", []),
        ("I do coke at weekends", "days", []),
        ("mi hermano consume cocaína todos los fines de semana", "days", []),
        ("I drink most weekends, is there a group on saturdays?", "days", ["sat"]),
        ("weekend mornings, anxiety group", "days", ["sat", "sun"]),
        ("i drink pretty much every weekend", "days", []),
        ("I use coke with friends nearly every single weekend", "days", []),
        ("i drink a lot on weekends", "days", []),
        ("my son uses meth with his mates most weekends", "days", []),
        ("i drink every weekend, are there meetings on weekends?", "days", ["sat", "sun"]),
        ("I drink too much. I can only go on Saturdays", "days", ["sat"]),
        ("im an alcoholic and im free on saturdays", "days", ["sat"]),
        ("i'm depressed and weekends would be easier", "days", ["sat", "sun"]),
        ("my son uses meth, weekend meetings would work", "days", ["sat", "sun"]),
        ("meetings on weekends", "days", ["sat", "sun"]),
        ("I gamble online every night", "format", None),
        ("I game online all night and drink", "format", None),
        ("I study online and I drink too much", "format", None),
        (
            "met my husband online and now he's a heroin addict, need in person support",
            "format",
            "in_person",
        ),
        ("lost a fortune at the online casino, any online meetings?", "format", "online"),
        ("dying to find an online meeting", "format", "online"),
        ("tomo litio por el bipolar", "medication", True),
        ("looking for a group that's not super churchy", "approach", "secular"),
        ("soy de Rosario, busco grupo", "location", "Rosario"),
        ("need a group for moms going through this", "audience", ["women"]),
    ],
)
def test_only_what_is_asked_of_a_group(parser: Parser, text: str, field: str, value: Any) -> None:
    """A day or format next to a concern with no word of asking is a habit ("coke at weekends"),
    "online" where the person met someone or gambles is no wish; what is asked still counts."""
    assert getattr(parser.parse(text).preferences, field) == value


@pytest.mark.parametrize(
    ("text", "audience"),
    [
        ("I am a student and I drink too much", []),
        ("im a college student, i smoke weed every day", []),
        ("blew my whole student loan refund on parlays", []),
        ("is there a group for students?", ["young_adults"]),
        ("looking for meetings with people my age", ["young_adults"]),
        ("i want a group for young people", ["young_adults"]),
        ("I am a young mum and depressed", []),
    ],
)
def test_being_a_student_is_no_wish_for_young_peoples_groups(
    parser: Parser, text: str, audience: list[str]
) -> None:
    """Saying one is a student describes the person; a young people's group is a wish only when
    asked for ("for students", "people my age")."""
    assert parser.parse(text).preferences.audience == audience


@pytest.mark.parametrize(
    ("text", "audience"),
    [
        ("I'm 19", []),
        ("im 16 and my dad drinks", []),
        ("I'm a 24 year old guy with a pill problem", []),
        ("18 and addicted to vaping", []),
        ("I'm in my 20s and drink too much", []),
        ("I'm a teen and I vape", []),
        ("when I was a teenager I started using", []),
        ("soy joven y bebo mucho", []),
        ("I'm 19, is there a group for people my age?", ["young_adults"]),
        ("I'm 26 and I'd like a young people's meeting for my drinking", ["young_adults"]),
        ("anything for teens? im 16", ["young_adults"]),
        ("im a teen, is there a teen group", ["young_adults"]),
        ("any lgbtq groups for younger ppl", ["lgbtq", "young_adults"]),
        ("an online meeting that isnt all old dudes. im 22", ["young_adults"]),
        ("tengo 16, hay grupos para jóvenes?", ["young_adults"]),
    ],
)
def test_an_age_is_no_wish_for_young_peoples_groups(
    parser: Parser, text: str, audience: list[str]
) -> None:
    """Being young ("I'm 19", "in my 20s", "I'm a teen") describes the person; a young people's
    group is a wish only when asked for (issue 15: only wishes the person expressed)."""
    assert sorted(parser.parse(text).preferences.audience) == audience


def test_a_young_writers_age_still_gives_the_safety_signal(parser: Parser) -> None:
    """The age is not thrown away: under 18 it is the young-writer signal (its own answer, and
    young people's groups ranked first), not a stated wish."""
    result = parser.parse("im 16 and my dad drinks")
    assert [s.kind for s in result.signals] == ["minor"] and result.preferences.audience == []
