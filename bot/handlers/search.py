"""From /start to knowing what to look for: welcome, consent, the person's words, the questions."""

from __future__ import annotations

import logging
import re
from dataclasses import asdict
from typing import Any

from telegram import Update

from bot import keyboards, strings
from bot.acknowledge import acknowledgement
from bot.handlers.common import (
    HEARD_KEY,
    Await,
    Concern,
    PlaceInfo,
    Search,
    end,
    esc,
    in_db,
    parsed,
    person_of,
    say,
    settle_button,
    text_of,
    with_person,
)
from bot.handlers.signals import answer_privacy, answer_signals, note_kinds
from bot.models import EventKind, Person
from bot.people import find_person, record_event
from bot.services import Context
from bot.staff.referrals import focus_of
from directory import geo
from directory.geo import Place
from nlp.result import ParseResult

log = logging.getLogger(__name__)
# The writer speaking of themself, in the languages the parser reads (English, Spanish).
_FIRST_PERSON = re.compile(
    r"\b(i|i'm|im|i've|i'd|me|my|myself|mine|yo|mí|mi|mis|conmigo|estoy|tengo|bebo|soy|"
    r"necesito|quiero|puedo)\b",
    re.IGNORECASE,
)
MAX_PLACE_TEXT = 100


async def start(update: Update, context: Context) -> Await:
    """Welcome: a bot, not a person, therapist or emergency service; what it keeps; a button."""
    now = context.bot_data.clock.now()
    await with_person(
        update,
        context,
        lambda s, person: record_event(s, person_id=_id(person), kind=EventKind.started, now=now),
    )
    Search().save(context)
    await say(update, context, strings.WELCOME, keyboards.consent())
    return Await.CONSENT


def _id(person: Person) -> int:
    assert person.id is not None
    return person.id


async def start_with_payload(update: Update, context: Context) -> Await:
    """A deep link (/start CODE): the same welcome (staff handlers read the code later)."""
    log.info("start with payload", extra={"chat_id": _chat(update)})
    return await start(update, context)


async def start_over(update: Update, context: Context) -> Await:
    """/new: forget the search in progress and ask again (welcome first if not agreed yet)."""
    person = await person_of(update, context)
    if person.consented_at is None:
        return await start(update, context)
    focus = await in_db(context, lambda s: focus_of(s, person_id=person.id or 0))
    return await ask_concern(update, context, focus, strings.ASK_CONCERN_AGAIN)


async def ask_concern(update: Update, context: Context, focus: str | None, question: str) -> Await:
    """A new search, in the context of the person's referral link if they came through one."""
    search = Search(referral_focus=focus)
    keyboard = None
    if focus == "dual_diagnosis":
        question = f"{strings.FOCUS_DUAL}\n\n{question}"
    elif focus == "family":
        question = f"{strings.FOCUS_FAMILY}\n\n{strings.ASK_CONCERN_FAMILY}"
    elif focus is not None:
        search.concerns, search.prefilled = [Concern(focus)], focus
        topic = esc(strings.TOPIC_NAMES.get(focus, focus))
        question = strings.FOCUS_CONCERN.format(topic=topic)
        keyboard = keyboards.go_on(can_drop=True)
    search.save(context)
    await say(update, context, question, keyboard)
    return Await.CONCERN


async def consent(update: Update, context: Context) -> Await | None:
    """The person agreed to go on: ask what is going on, or answer what they wrote before."""
    await settle_button(update)
    now = context.bot_data.clock.now()

    def agree(session: Any, person: Person) -> str | None:
        person.consented_at = person.consented_at or now
        session.add(person)
        record_event(session, person_id=_id(person), kind=EventKind.consented, now=now)
        return focus_of(session, person_id=_id(person))

    focus = await with_person(update, context, agree)
    heard = context.chat_data.pop(HEARD_KEY, []) if context.chat_data is not None else []
    state = await ask_concern(update, context, focus, strings.ASK_CONCERN)
    if not heard:
        return state
    # What was written before the button is read now, as if written after it (None: nothing
    # was understood, and the flow offers the topics as it would then).
    return await take_heard(update, context, heard)


async def before_consent(update: Update, context: Context) -> Await:
    """Words written before the welcome's button: parsed now, kept in memory only (never stored)
    until the person agrees; used then, so nothing has to be said twice."""
    result = await parsed(update, context)
    if context.chat_data is not None:
        first_person = bool(_FIRST_PERSON.search(text_of(update)))
        context.chat_data.setdefault(HEARD_KEY, []).append((result, first_person))
    await say(update, context, strings.HEARD_BEFORE_CONSENT, keyboards.consent())
    return Await.CONSENT


async def decline(update: Update, context: Context) -> int:
    """Not now: fine, come back with /start."""
    await settle_button(update)
    if context.chat_data is not None:
        context.chat_data.pop(HEARD_KEY, None)  # not now: forget what was understood too
    await say(update, context, strings.NOT_NOW)
    return end(context)


def _chat(update: Update) -> int:
    return update.effective_chat.id if update.effective_chat else 0


def merge(search: Search, result: ParseResult, first_person: bool) -> None:
    """Add what was understood (codes and choices only) to the search; `first_person`: the
    words were about the writer ("I", "me", ...)."""
    known = {(c.code, c.experiencer) for c in search.concerns}
    was_clear = bool(known) and not search.whom_unclear  # said before: never asked again
    for concern in result.concerns:
        if (concern.code, concern.experiencer) not in known:
            search.concerns.append(Concern(concern.code, concern.experiencer, concern.status))
    prefs, wishes = result.preferences, search.wishes
    wishes.approach = prefs.approach or wishes.approach
    wishes.language = prefs.language or wishes.language
    wishes.time_of_day = prefs.time_of_day or wishes.time_of_day
    wishes.audience = sorted(set(wishes.audience) | set(prefs.audience))
    wishes.days = sorted(set(wishes.days) | set(prefs.days))
    wishes.medication = wishes.medication or prefs.medication
    if prefs.format and search.format is None:
        search.format = prefs.format
    clear = was_clear or first_person or any(c.experiencer == "family" for c in result.concerns)
    search.whom_unclear = bool(search.concerns) and not clear and search.whom is None


def topics(search: Search) -> str:
    """The understood concerns in plain words."""
    words = []
    for code, experiencer, status in search.concerns:
        word = strings.TOPIC_NAMES.get(code, code)
        if experiencer == "family":
            word = strings.FOR_SOMEONE_CLOSE.format(topic=word)
        elif status == "past":
            word = strings.IN_THE_PAST.format(topic=word)
        words.append(word)
    return ", ".join(words)


async def take_concern(update: Update, context: Context) -> Await | None:
    """The person's words: keep the codes understood (never the text) and show them; None when
    nothing was understood and nothing answered (the flow then offers topics)."""
    result = await parsed(update, context)
    first_person = bool(_FIRST_PERSON.search(text_of(update)))
    return await take_heard(update, context, [(result, first_person)], text=True)


async def take_heard(
    update: Update,
    context: Context,
    heard: list[tuple[ParseResult, bool]],
    *,
    text: bool = False,
) -> Await | None:
    """What was understood of the person's words (one message, or those written before the
    welcome's button): `heard` holds each parse and whether it was about the writer; `text`:
    the update is the message itself (its question about privacy is answered)."""
    search = Search.of(context)
    before = (list(search.concerns), asdict(search.wishes), search.format)
    for result, first_person in heard:
        merge(search, result, first_person)
        search.first_person = search.first_person or first_person
        if search.prefilled in {c.code for c in result.concerns}:
            search.prefilled = None  # the person named it too: it is theirs now
        location = result.preferences.location
        if location and search.place is None:
            await _place_from(context, _chat(update), search, _geocode(location))
        note_kinds(search, result)
    search.save(context)
    said = await answer_signals(update, context, search)
    if text and "minor" not in said:  # the young person's answer says it already
        said += ["privacy"] if await answer_privacy(update, context) else []
    nothing_new = before == (search.concerns, asdict(search.wishes), search.format)
    if search.concerns and nothing_new and not said and not search.listening:
        return await show_listening(update, context, search)  # not the same screen again
    if search.concerns:
        return await show_understood(update, context, search)
    if said:  # a safety word or a privacy answer is an answer: no "I couldn't tell" after it
        await say(update, context, strings.ASK_CONCERN_WHEN_READY)
        return Await.CONCERN
    return None


async def show_understood(update: Update, context: Context, search: Search) -> Await:
    """What was understood so far, with the buttons to go on (or drop a filled-in topic)."""
    understood = strings.UNDERSTOOD.format(topics=esc(topics(search)))
    warm = acknowledgement(search.concerns)  # a loss, a loved one's struggle, one's own
    if warm:
        understood = f"{warm}\n{understood}"
    keyboard = keyboards.go_on(can_drop=search.prefilled is not None)
    if search.listening:
        search.listening = False
        search.save(context)
    await say(update, context, f"{understood}\n{strings.UNDERSTOOD_MORE}", keyboard)
    return Await.CONCERN


async def show_listening(update: Update, context: Context, search: Search) -> Await:
    """More words that add nothing new: a short "I'm listening" (never the same screen as the
    one before: the next such message gets what was understood again)."""
    search.listening = True
    search.save(context)
    keyboard = keyboards.go_on(can_drop=search.prefilled is not None)
    await say(update, context, strings.LISTENING, keyboard)
    return Await.CONCERN


async def drop_prefilled(update: Update, context: Context) -> Await:
    """Drop the topic the referral link filled in ("that's not it"); keep the person's own."""
    await settle_button(update)
    search = Search.of(context)
    search.concerns = [c for c in search.concerns if c.code != search.prefilled]
    search.prefilled = None
    search.save(context)
    if search.concerns:
        return await show_understood(update, context, search)
    await say(update, context, strings.FOCUS_DROPPED)
    return Await.CONCERN


async def listen(update: Update, context: Context) -> Await | None:
    """Text outside a conversation: a new search for someone who agreed before, else welcome."""
    person = await person_of(update, context)
    if person.consented_at is None:
        return await start(update, context)
    Search().save(context)
    return await take_concern(update, context)


def _geocode(text: str) -> Place | None:
    """A typed place, looked up in memory (loaded at start): a town in microseconds, a new zip
    code in about 1.5 ms, a shared point in a tenth of one; on the event loop, not a thread."""
    return geo.geocode(text)


async def _place_from(context: Context, chat_id: int, search: Search, place: Place | None) -> bool:
    """Keep a found place in the search and the person's time zone and country; False if none."""
    if place is None:
        return False
    search.place = PlaceInfo(
        name=place.name,
        latitude=place.latitude,
        longitude=place.longitude,
        timezone=place.timezone,
        country=place.country,
    )

    def keep(session: Any) -> None:
        person = find_person(session, chat_id)
        if person is not None:
            person.timezone, person.country = place.timezone, place.country
            session.add(person)

    await in_db(context, keep)
    return True


async def read_place(update: Update, context: Context, search: Search) -> bool:
    """A typed town or postal code: found (offline) and kept, or said how to put it (False)."""
    text = text_of(update).strip()
    if len(text) > MAX_PLACE_TEXT:
        await say(update, context, strings.PLACE_TOO_LONG)
        return False
    if not await _place_from(context, _chat(update), search, _geocode(text)):
        await say(update, context, strings.PLACE_NOT_FOUND)
        return False
    await say(update, context, strings.PLACE_FOUND.format(place=esc(text_place(search))))
    return True


async def read_location(update: Update, context: Context, search: Search) -> bool:
    """A shared Telegram location: the nearest town and its time zone."""
    location = update.effective_message.location if update.effective_message else None
    assert location is not None  # the flow reads a location only from a shared one
    place = geo.place_at(location.latitude, location.longitude)
    await _place_from(context, _chat(update), search, place)
    await say(update, context, strings.PLACE_FOUND.format(place=esc(place.name)))
    return True


def text_place(search: Search) -> str:
    """The name of the search's place ("" when none)."""
    return search.place["name"] if search.place else ""
