"""Safety signals that are not a crisis (withdrawal, abuse at home, a young person) and questions
about privacy: a kind, brief word once per search, before any suggestion, never instead of a
crisis reply (the crisis check runs first and stops the update).

The signal codes (never the words) are noted in the search from every text of the conversation;
`answer_signals` says each one once, by the person's country (bot/data/safety_lines.json), and is
called as soon as the person's words are read and again right before suggestions.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from telegram import Update

from bot import strings
from bot.crisis import ALL_LINES, emergency_text
from bot.handlers.common import (
    SEARCH_KEY,
    Search,
    esc,
    in_db,
    parsed,
    say,
    text_of,
)
from bot.people import find_person
from bot.safety_lines import (
    Line,
    crisis_line,
    emergency_numbers,
    known_countries,
    lines_for_signal,
    region_of,
)
from bot.services import Context
from nlp.answers import asks_about_privacy
from nlp.result import ParseResult

log = logging.getLogger(__name__)
ORDER: tuple[str, ...] = ("abuse_at_home", "withdrawal", "minor")
"""The order in which signals are answered when several come at once."""


def note_kinds(search: Search, result: ParseResult) -> bool:
    """Add the signal codes of a parse to the search (each once); True when one was new."""
    new = [s.kind for s in result.signals if s.kind not in search.signals]
    search.signals.extend(dict.fromkeys(new))
    return bool(new)


async def note_signals(update: Update, context: Context) -> None:
    """Any text during a search: keep the signal codes it shows (the words are never kept)."""
    text = text_of(update)
    if context.chat_data is None or SEARCH_KEY not in context.chat_data or not text:
        return
    if text.startswith("/"):
        return  # a command says nothing about the person
    try:
        result = await parsed(update, context)
    except Exception:  # the crisis check has answered a parse failure already
        return
    search = Search.of(context)
    if note_kinds(search, result):
        search.save(context)


def line_text(line: Line) -> str:
    """One helpline as the person reads it: name, number, SMS where it has one, hours."""
    text = strings.LINE_CALL.format(name=esc(line.name), call=esc(line.call))
    if line.text_to and line.text_word:
        text += strings.LINE_TEXT.format(word=esc(line.text_word), to=esc(line.text_to))
    elif line.text_to:
        text += strings.LINE_TEXT_NUMBER.format(to=esc(line.text_to))
    return text + strings.LINE_HOURS.get(line.hours or "", "")


def _youth_lines(country: str) -> tuple[Line, ...]:
    """Young people's lines of a country, else its crisis line (988 in the US), else none."""
    lines = lines_for_signal(country, "youth")
    region = region_of(country)
    crisis = crisis_line(region) if region else None
    return lines or ((crisis,) if crisis else ())


def _lines_block(country: str | None, topic: str) -> str:
    """The lines for a topic in the person's country; every country's, labelled, when unknown."""
    countries: Iterable[str] = [country] if country else known_countries()
    rows = []
    for code in countries:
        found = _youth_lines(code) if topic == "youth" else lines_for_signal(code, topic)  # type: ignore[arg-type]
        text = "; ".join(line_text(line) for line in found)
        if text and country:
            rows.append(text)
        elif text:
            label = strings.SIGNAL_COUNTRY.get(code, code)
            rows.append(strings.LINE_IN_COUNTRY.format(country=label, line=text))
    return "\n".join(rows)


def _emergency(country: str | None) -> str:
    """The emergency number(s) of the person's country, or every region's when unknown."""
    region = region_of(country)
    keys = (region,) if region else ALL_LINES
    if region:
        return emergency_text(region)
    numbers = dict.fromkeys(n for k in keys for n in emergency_numbers(k))
    return strings.OR.join(f"<b>{n}</b>" for n in numbers)


def signal_reply(kind: str, country: str | None, *, young: bool = False) -> str:
    """The word for one safety signal (HTML), by the person's country (None: unknown)."""
    if kind == "withdrawal":
        lines = _lines_block(country, "withdrawal")
        if not lines:
            return strings.SIGNAL_WITHDRAWAL
        return f"{strings.SIGNAL_WITHDRAWAL}\n\n{strings.SIGNAL_WITHDRAWAL_LINES}\n{lines}"
    if kind == "abuse_at_home":
        blocks = [_lines_block(country, "youth")] if young else []
        blocks.append(_lines_block(country, "abuse_at_home"))
        lines = "\n".join(b for b in blocks if b)
        danger = strings.SIGNAL_DANGER_NOW.format(emergency=_emergency(country))
        if not lines:
            return f"{strings.SIGNAL_ABUSE_NO_LINE}\n\n{danger}"
        return f"{strings.SIGNAL_ABUSE}\n{lines}\n\n{danger}"
    lines = _lines_block(country, "youth")
    tail = f"\n\n{strings.SIGNAL_YOUNG_LINES}\n{lines}" if lines else ""
    return strings.SIGNAL_YOUNG + tail


async def _country(update: Update, context: Context, search: Search) -> str | None:
    """The person's country: from the search's place, else as stored (None when unknown)."""
    if search.place and search.place.get("country"):
        return str(search.place["country"])
    chat_id = update.effective_chat.id if update.effective_chat else 0

    def read(session: Any) -> str | None:
        person = find_person(session, chat_id)
        return person.country if person is not None else None

    return await in_db(context, read)


async def answer_signals(update: Update, context: Context, search: Search) -> list[str]:
    """Say a kind, brief word for each safety signal of this search not answered yet (once per
    search); returns the signals answered now. Called when the person's words are read and right
    before suggestions."""
    waiting = [k for k in ORDER if k in search.signals and k not in search.answered]
    if not waiting:
        return []
    country = await _country(update, context, search)
    young = "minor" in search.signals
    for kind in waiting:
        await say(update, context, signal_reply(kind, country, young=young))
        search.answered.append(kind)
    search.save(context)
    chat_id = update.effective_chat.id if update.effective_chat else 0
    log.info("safety signals answered", extra={"chat_id": chat_id, "count": len(waiting)})
    return waiting


async def answer_privacy(update: Update, context: Context) -> bool:
    """A question about privacy in the person's text gets the plain answer; True when it did."""
    if not asks_about_privacy(text_of(update)):
        return False
    await say(update, context, strings.PRIVACY_ANSWER)
    return True
