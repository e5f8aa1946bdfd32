"""Crisis lines by country: the person's own where known, all of them where not."""

from __future__ import annotations

import pytest

from bot.crisis import crisis_reply, lines_for
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
