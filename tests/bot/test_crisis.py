"""Crisis lines by country: the person's own where known, all of them where not."""

from __future__ import annotations

import re

import pytest

import i18n
from bot import strings
from bot.crisis import crisis_reply, lines_for
from bot.safety_lines import crisis_line, emergency_numbers, region_of
from nlp.result import Crisis


@pytest.mark.parametrize(
    ("country", "present", "absent"),
    [
        ("US", ["988", "911"], ["116 123", "000"]),
        ("CA", ["988", "911"], ["116 123"]),
        ("GB", ["Samaritans", "116 123", "999"], ["988", "13 11 14"]),
        ("IE", ["116 123", "112"], ["988"]),
        ("AU", ["Lifeline", "13 11 14", "000"], ["988", "116 123"]),
        ("DE", ["112"], ["988", "116 123", "13 11 14"]),
        ("FR", ["112"], ["988"]),
    ],
)
def test_lines_by_country(country: str, present: list[str], absent: list[str]) -> None:
    text = crisis_reply(country, Crisis("suicide"))
    for item in present:
        assert item in text
    for item in absent:
        assert item not in text


@pytest.mark.parametrize("country", [None, "", "BR", "JP", "zz"])
def test_unknown_or_other_country_gets_every_line(country: str | None) -> None:
    text = crisis_reply(country, Crisis("self_harm"))
    for item in ("988", "911", "116 123", "999", "13 11 14", "000", "112"):
        assert item in text
    assert len(lines_for(country)) == 5


def test_overdose_advice_only_for_an_overdose() -> None:
    assert "naloxone" in crisis_reply("US", Crisis("overdose")).lower()
    assert "naloxone" not in crisis_reply("US", Crisis("suicide")).lower()


def test_lowercase_country_codes_work() -> None:
    assert lines_for("gb") == lines_for("GB") == ("uk",)


@pytest.mark.parametrize("locale", i18n.available())
@pytest.mark.parametrize("country", ["US", "CA", "GB", "IE", "AU", "MX", "ES", "DE"])
def test_every_number_shown_comes_from_the_one_data_file(country: str, locale: str) -> None:
    """The crisis reply shows the region's line and emergency numbers as bot/data/safety_lines.json
    gives them, in every language: a number changed there changes every reply."""
    region = region_of(country)
    assert region is not None
    with i18n.using(locale):
        text = crisis_reply(country, Crisis("suicide"))
    line = crisis_line(region)
    expected = [*emergency_numbers(region), *([line.call] if line else [])]
    for number in expected:
        assert f"<b>{number}</b>" in text


@pytest.mark.parametrize("locale", i18n.available())
def test_no_crisis_line_wording_holds_a_number_of_its_own(locale: str) -> None:
    """Numbers live only in the data file: a template (in any language) that typed one in would
    drift from it. "marca 2" (press 2) is a key to press, not a number to call."""
    with i18n.using(locale):
        templates = dict(strings.CRISIS_LINES)
    for key, template in templates.items():
        assert not re.search(r"\d\s?\d", template), (locale, key, template)


def test_spain_and_mexico_have_their_own_lines() -> None:
    assert lines_for("ES") == ("es",) and lines_for("MX") == ("mx",)
    assert "024" in crisis_reply("ES", Crisis("suicide"))
    assert "800 911 2000" in crisis_reply("MX", Crisis("suicide"))
