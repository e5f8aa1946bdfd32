"""The phone numbers the bot gives for safety, read from their one home, bot/data/safety_lines.json:
emergency numbers and crisis lines by region (for bot/crisis.py), and by country the lines for
the safety signals (withdrawal, abuse at home, young people). Each line carries its source and the
date it was checked there; nothing here is person-facing wording (that is bot/strings.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any, Literal

SignalTopic = Literal["withdrawal", "abuse_at_home", "youth"]


@dataclass(frozen=True, slots=True)
class Line:
    """One helpline: its name, the number to call, an SMS word and number if it has them."""

    name: str
    call: str
    source: str
    checked: str
    text_word: str | None = None
    text_to: str | None = None
    hours: str | None = None


@dataclass(frozen=True, slots=True)
class Region:
    """A crisis-line region: its emergency numbers and its crisis line (None if it has none)."""

    key: str
    emergency: tuple[str, ...]
    crisis: Line | None


@dataclass(frozen=True, slots=True)
class SafetyLines:
    """Everything in the data file, typed."""

    regions: dict[str, Region]
    countries: dict[str, dict[str, tuple[Line, ...]]]
    country_region: dict[str, str]
    europe: frozenset[str]


def _line(data: dict[str, Any]) -> Line:
    return Line(
        name=data["name"],
        call=data["call"],
        source=data["source"],
        checked=data["checked"],
        text_word=data.get("text_word"),
        text_to=data.get("text_to"),
        hours=data.get("hours"),
    )


@cache
def safety_lines() -> SafetyLines:
    """The data file, read once."""
    raw = json.loads(files("bot").joinpath("data", "safety_lines.json").read_text("utf-8"))
    regions = {
        key: Region(key, tuple(r["emergency"]), _line(r["crisis"]) if r["crisis"] else None)
        for key, r in raw["regions"].items()
    }
    countries = {
        code: {
            topic: tuple(_line(x) for x in entry.get(topic, []))
            for topic in ("withdrawal", "abuse_at_home", "youth")
        }
        for code, entry in raw["countries"].items()
    }
    country_region = {code: key for key, r in raw["regions"].items() for code in r["countries"]}
    return SafetyLines(regions, countries, country_region, frozenset(raw["europe"].split()))


def region_of(country: str | None) -> str | None:
    """The crisis-line region of a country (ISO-2, any case), or None when it is not covered."""
    code = (country or "").upper()
    data = safety_lines()
    if code in data.country_region:
        return data.country_region[code]
    return "eu" if code in data.europe else None


def emergency_numbers(region: str) -> tuple[str, ...]:
    """The emergency numbers of a region (e.g. ("112", "999") in Ireland)."""
    return safety_lines().regions[region].emergency


def crisis_line(region: str) -> Line | None:
    """The crisis line of a region (None for elsewhere in Europe)."""
    return safety_lines().regions[region].crisis


def lines_for_signal(country: str | None, topic: SignalTopic) -> tuple[Line, ...]:
    """The lines for a safety topic in a country (empty when none is listed, or unknown)."""
    entry = safety_lines().countries.get((country or "").upper())
    return entry[topic] if entry else ()


def known_countries() -> tuple[str, ...]:
    """The countries with signal lines, in the data file's order."""
    return tuple(safety_lines().countries)
