"""The crisis reply: crisis lines and emergency numbers by the person's country (all if unknown),
fitted to the danger.

- Means at hand, an ingestion, someone not breathing, bleeding, an attack under way: "call the
  emergency number now" comes first, then what to do (overdose first aid), then the crisis line.
- Intent without an act: the crisis line first, then the emergency number.
- Someone else in danger (a child, a partner, a friend): what the writer can do for them.
- A second crisis message in the same conversation: not the same canned text, but whether they are
  safe right now and whether someone can be with them, with the lines kept in view.

`send_crisis` is the one way a crisis reply leaves: it sends it and counts it in the metrics.
"""

from __future__ import annotations

from telegram import Update

import i18n
from bot import strings
from bot.handlers.common import say
from bot.safety_lines import crisis_line, emergency_numbers, region_of
from bot.services import Context
from nlp.result import Crisis

ALL_LINES: tuple[str, ...] = ("us_ca", "uk", "ie", "au", "eu")
# Where the country is unknown, the lines of the countries people write from in that language
# (a language not listed here: ALL_LINES). Spanish: the US (988 in Spanish), Mexico, Spain.
LINES_BY_LANGUAGE: dict[str, tuple[str, ...]] = {"es": ("us_ca", "mx", "es", "elsewhere")}
URGENT_CONCEPTS = frozenset(
    {
        "at_hand", "unresponsive", "no_answer", "intake", "drug_intake", "overdose_word",
        "severe_symptom", "symptom", "bleeding", "locked_in", "attack", "attack_done", "weapon",
        "close_by", "hiding", "gun_to_head",
    }
)  # fmt: skip
"""Concepts that make "call the emergency number now" the first thing to say."""


def lines_for(country: str | None, language: str | None = None) -> tuple[str, ...]:
    """The crisis line keys for a country (ISO-2); when it is unknown, those for the language
    written in (the current locale by default), else all of them."""
    region = region_of(country)
    if region:
        return (region,)
    return LINES_BY_LANGUAGE.get(language or i18n.current(), ALL_LINES)


def is_urgent(crisis: Crisis) -> bool:
    """Whether the emergency number comes first: an overdose, or means at hand, an ingestion,
    someone not breathing, bleeding, an attack under way."""
    return crisis.kind == "overdose" or bool(URGENT_CONCEPTS.intersection(crisis.concepts))


def emergency_text(region: str) -> str:
    """A region's emergency numbers in bold, e.g. "<b>112</b> or <b>999</b>"."""
    return strings.OR.join(f"<b>{n}</b>" for n in emergency_numbers(region))


def line_of_region(key: str) -> str:
    """One region's crisis line as the person reads it: the words of bot/strings.py with the
    name and numbers of bot/data/safety_lines.json ("elsewhere" has no numbers)."""
    template = strings.CRISIS_LINES[key]
    if key == "elsewhere":
        return template
    line = crisis_line(key)
    return template.format(
        name=line.name if line else "",
        call=line.call if line else "",
        emergency=emergency_text(key),
    )


def _lines(country: str | None) -> str:
    """The crisis lines (with emergency numbers) for the person's country, one a line."""
    return "\n".join(line_of_region(k) for k in lines_for(country))


def _call_now(country: str | None) -> str:
    """ "Please call 911 now", or every emergency number when the country is unknown."""
    keys = lines_for(country)
    if len(keys) == 1 and keys[0] != "elsewhere":
        return strings.CRISIS_CALL_NOW.format(number=emergency_numbers(keys[0])[0])
    return strings.CRISIS_CALL_NOW_ANYWHERE


def _what_to_do(crisis: Crisis) -> str | None:
    """What to do right now for this kind of danger (for someone else, or for an overdose)."""
    if crisis.kind == "overdose":
        return strings.CRISIS_OVERDOSE
    if crisis.person == "other":
        return strings.CRISIS_FOR_SOMEONE[crisis.kind]
    if crisis.kind == "violence":
        return strings.CRISIS_GET_SAFE
    if crisis.kind == "self_harm" and "bleeding" in crisis.concepts:
        return strings.CRISIS_BLEEDING
    if "at_hand" in crisis.concepts or "gun_to_head" in crisis.concepts:
        return strings.CRISIS_DISTANCE
    return None


def crisis_reply(country: str | None, crisis: Crisis, *, again: bool = False) -> str:
    """The calm crisis message (HTML) for this danger, by the person's country."""
    todo = _what_to_do(crisis)
    if again:
        parts = [strings.CRISIS_AGAIN]
        if is_urgent(crisis):
            parts.append(_call_now(country))
        parts += [todo, _lines(country)] if todo else [_lines(country)]
        return "\n\n".join(parts)
    shown: list[str | None]  # `todo` may be None: left out below
    if is_urgent(crisis):
        shown = [_call_now(country), todo, strings.CRISIS_THEN_LINES, _lines(country)]
    else:
        intro = strings.CRISIS_INTRO_OTHER if crisis.person == "other" else strings.CRISIS_INTRO
        shown = [intro, _lines(country), todo]
    shown.append(strings.CRISIS_OUTRO)
    return "\n\n".join(p for p in shown if p)


def unread_reply(country: str | None) -> str:
    """The fail-safe reply when a message could not be parsed: crisis lines all the same (HTML)."""
    return "\n\n".join([strings.UNREAD_INTRO, _lines(country), strings.UNREAD_OUTRO])


async def send_crisis(update: Update, context: Context, text: str) -> None:
    """Send a crisis reply (or the fail-safe one) and count it once it has gone out."""
    await say(update, context, text)
    context.bot_data.metrics.crisis_responses.inc()
