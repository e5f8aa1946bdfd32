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

from bot import strings
from bot.handlers.common import Context, say
from bot.ops.metrics import metrics_of
from bot.safety_lines import REGIONS, crisis_line, emergency_numbers, region_of, safety_lines
from nlp.result import Crisis

ALL_LINES: tuple[str, ...] = REGIONS
EUROPE = safety_lines().europe
URGENT_CONCEPTS = frozenset(
    {
        "at_hand", "unresponsive", "no_answer", "intake", "drug_intake", "overdose_word",
        "severe_symptom", "symptom", "bleeding", "locked_in", "attack", "attack_done", "weapon",
        "close_by", "hiding", "gun_to_head",
    }
)  # fmt: skip
"""Concepts that make "call the emergency number now" the first thing to say."""


def lines_for(country: str | None) -> tuple[str, ...]:
    """The crisis line keys for a country (ISO-2), or all of them when it is unknown."""
    region = region_of(country)
    return (region,) if region else ALL_LINES


def is_urgent(crisis: Crisis) -> bool:
    """Whether the emergency number comes first: an overdose, or means at hand, an ingestion,
    someone not breathing, bleeding, an attack under way."""
    return crisis.kind == "overdose" or bool(URGENT_CONCEPTS.intersection(crisis.concepts))


def emergency_text(region: str) -> str:
    """A region's emergency numbers in bold, e.g. "<b>112</b> or <b>999</b>"."""
    return strings.OR.join(f"<b>{n}</b>" for n in emergency_numbers(region))


def region_lines(region: str) -> str:
    """One region's crisis line and emergency numbers, as one line of the crisis reply."""
    line = crisis_line(region)
    return strings.CRISIS_LINES[region].format(
        name=line.name if line else "", line=line.call if line else "",
        emergency=emergency_text(region),
    )  # fmt: skip


def _lines(country: str | None) -> str:
    """The crisis lines (with emergency numbers) for the person's country, one a line."""
    return "\n".join(region_lines(k) for k in lines_for(country))


def _call_now(country: str | None) -> str:
    """ "Please call 911 now", or every emergency number when the country is unknown."""
    keys = lines_for(country)
    if len(keys) == 1:
        return strings.CRISIS_CALL_NOW.format(number=emergency_numbers(keys[0])[0])
    return strings.CRISIS_CALL_NOW_ANYWHERE.format(
        **{key: emergency_numbers(key)[0] for key in ALL_LINES}
    )


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
    if is_urgent(crisis):
        parts = [_call_now(country), todo, strings.CRISIS_THEN_LINES, _lines(country)]
    else:
        intro = strings.CRISIS_INTRO_OTHER if crisis.person == "other" else strings.CRISIS_INTRO
        parts = [intro, _lines(country), todo]
    parts.append(strings.CRISIS_OUTRO)
    return "\n\n".join(p for p in parts if p)


def unread_reply(country: str | None) -> str:
    """The fail-safe reply when a message could not be parsed: crisis lines all the same (HTML)."""
    return "\n\n".join([strings.UNREAD_INTRO, _lines(country), strings.UNREAD_OUTRO])


async def send_crisis(update: Update, context: Context, text: str) -> None:
    """Send a crisis reply (or the fail-safe one) and count it once it has gone out."""
    await say(update, context, text)
    metrics_of(context.bot_data).crisis_responses.inc()
