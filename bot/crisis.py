"""The crisis reply: crisis lines and emergency numbers by the person's country (all if unknown).

`send_crisis` is the one way a crisis reply leaves: it sends it and counts it in the metrics.
"""

from __future__ import annotations

from telegram import Update

from bot import strings
from bot.handlers.common import Context, say
from bot.ops.metrics import metrics_of

_EUROPE_CODES = (
    "AD AL AT BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GI GR HR HU IS IT LI LT LU LV MC MD ME "
    "MK MT NL NO PL PT RO RS SE SI SK SM UA VA XK"
)
EUROPE = frozenset(_EUROPE_CODES.split())
_BY_COUNTRY: dict[str, tuple[str, ...]] = {
    "US": ("us_ca",),
    "CA": ("us_ca",),
    "GB": ("uk",),
    "IE": ("ie",),
    "AU": ("au",),
}
ALL_LINES: tuple[str, ...] = ("us_ca", "uk", "ie", "au", "eu")


def lines_for(country: str | None) -> tuple[str, ...]:
    """The crisis line keys for a country (ISO-2), or all of them when it is unknown."""
    code = (country or "").upper()
    if code in _BY_COUNTRY:
        return _BY_COUNTRY[code]
    if code in EUROPE:
        return ("eu",)
    return ALL_LINES


def crisis_reply(country: str | None, kind: str | None) -> str:
    """The calm crisis message (HTML): lines by country, overdose advice when it is an overdose."""
    parts = [strings.CRISIS_INTRO, "\n".join(strings.CRISIS_LINES[k] for k in lines_for(country))]
    if kind == "overdose":
        parts.append(strings.CRISIS_OVERDOSE)
    parts.append(strings.CRISIS_OUTRO)
    return "\n\n".join(parts)


def unread_reply(country: str | None) -> str:
    """The fail-safe reply when a message could not be parsed: crisis lines all the same (HTML)."""
    lines = "\n".join(strings.CRISIS_LINES[k] for k in lines_for(country))
    return "\n\n".join([strings.UNREAD_INTRO, lines, strings.UNREAD_OUTRO])


async def send_crisis(update: Update, context: Context, text: str) -> None:
    """Send a crisis reply (or the fail-safe one) and count it once it has gone out."""
    await say(update, context, text)
    metrics_of(context.bot_data).crisis_responses.inc()
