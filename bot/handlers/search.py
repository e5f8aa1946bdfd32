"""From /start to knowing what to look for: welcome, consent, the person's words, the questions."""

from __future__ import annotations

import logging
import re
from typing import Any

from telegram import Update
from telegram.ext import ConversationHandler

from bot import keyboards, strings
from bot.handlers.common import (
    HEARD_KEY,
    SEARCH_KEY,
    STATE_KEY,
    Await,
    Concern,
    Context,
    Search,
    clock_of,
    esc,
    in_db,
    person_of,
    say,
    settle_button,
    wait_for,
    with_person,
)
from bot.handlers.safety import parsed, text_of
from bot.handlers.signals import answer_privacy, answer_signals, note_kinds
from bot.models import EventKind, Person
from bot.people import record_event
from bot.staff.referrals import focus_of
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
    now = clock_of(context).now()
    await with_person(
        update,
        context,
        lambda s, person: record_event(s, person_id=_id(person), kind=EventKind.started, now=now),
    )
    Search().save(context)
    await say(update, context, strings.WELCOME, keyboards.consent())
    return wait_for(context, Await.CONSENT)


def _id(person: Person) -> int:
    assert person.id is not None
    return person.id


async def start_with_payload(update: Update, context: Context) -> Await:
    """A deep link (/start CODE): the same welcome (staff handlers read the code later)."""
    log.info("start with payload", extra={"chat_id": update.effective_chat.id})  # type: ignore[union-attr]
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
    return wait_for(context, Await.CONCERN)


async def consent(update: Update, context: Context) -> Await:
    """The person agreed to go on: ask what is going on."""
    await settle_button(update)
    now = clock_of(context).now()

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
    search = Search.of(context)  # what was written before the button counts, as if said now
    for result, first_person in heard:
        merge(search, result, first_person)
    search.save(context)
    return await show_understood(update, context, search) if search.concerns else state


async def before_consent(update: Update, context: Context) -> Await:
    """Words written before the welcome's button: parsed now, kept in memory only (never stored)
    until the person agrees; used then, so nothing has to be said twice."""
    result = await parsed(update, context)
    if context.chat_data is not None:
        first_person = bool(_FIRST_PERSON.search(text_of(update)))
        context.chat_data.setdefault(HEARD_KEY, []).append((result, first_person))
    await say(update, context, strings.HEARD_BEFORE_CONSENT, keyboards.consent())
    return wait_for(context, Await.CONSENT)


async def decline(update: Update, context: Context) -> int:
    """Not now: fine, come back with /start."""
    await settle_button(update)
    if context.chat_data is not None:
        context.chat_data.pop(HEARD_KEY, None)  # not now: forget what was understood too
    await say(update, context, strings.NOT_NOW)
    return end(context)


def end(context: Context) -> int:
    """End the conversation: nothing awaited any more, and the search let go (it lived in the
    chat's data, in memory and stored; a new search starts afresh)."""
    if context.chat_data is not None:
        context.chat_data.pop(STATE_KEY, None)
        context.chat_data.pop(SEARCH_KEY, None)
    return ConversationHandler.END


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


async def take_concern(update: Update, context: Context) -> Await:
    """The person's words: keep the codes understood (never the text), ask for more or go on."""
    result = await parsed(update, context)
    search = Search.of(context)
    merge(search, result, bool(_FIRST_PERSON.search(text_of(update))))
    if search.prefilled in {c.code for c in result.concerns}:
        search.prefilled = None  # the person named it too: it is theirs now
    location = result.preferences.location
    if location and search.place is None:
        await _place_from(context, _chat(update), search, _geocode(location))
    note_kinds(search, result)
    search.save(context)
    said = await answer_signals(update, context, search)
    if "minor" not in said:  # the young person's answer says it already
        said += ["privacy"] if await answer_privacy(update, context) else []
    if not search.concerns:
        # A safety word or a privacy answer is an answer: no "I couldn't tell" after it.
        ask = strings.ASK_CONCERN_WHEN_READY if said else strings.NOT_UNDERSTOOD
        await say(update, context, ask)
        return wait_for(context, Await.CONCERN)
    return await show_understood(update, context, search)


async def show_understood(update: Update, context: Context, search: Search) -> Await:
    """What was understood so far, with the buttons to go on (or drop a filled-in topic)."""
    understood = strings.UNDERSTOOD.format(topics=esc(topics(search)))
    warm = [strings.ACKNOWLEDGE[c.code] for c in search.concerns if c.code in strings.ACKNOWLEDGE]
    if not warm and any(c.experiencer == "family" for c in search.concerns):
        warm = [strings.ACKNOWLEDGE_FAMILY]
    if warm:
        understood = f"{warm[0]}\n{understood}"
    keyboard = keyboards.go_on(can_drop=search.prefilled is not None)
    await say(update, context, f"{understood}\n{strings.UNDERSTOOD_MORE}", keyboard)
    return wait_for(context, Await.CONCERN)


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
    return wait_for(context, Await.CONCERN)


async def listen(update: Update, context: Context) -> Await:
    """Text outside a conversation: a new search for someone who agreed before, else welcome."""
    person = await person_of(update, context)
    if person.consented_at is None:
        return await start(update, context)
    Search().save(context)
    return await take_concern(update, context)


async def finish_concern(update: Update, context: Context) -> Await:
    """Done describing: ask what is still missing, or suggest groups."""
    await settle_button(update)
    search = Search.of(context)
    if not search.concerns:
        await say(update, context, strings.ASK_CONCERN_AGAIN)
        return wait_for(context, Await.CONCERN)
    return await ask_next(update, context, search)


async def ask_next(update: Update, context: Context, search: Search) -> Await:
    """Ask only what is missing and matters; when nothing is, show suggestions."""
    from bot.handlers.suggest import suggest

    if search.format is None:
        await say(update, context, strings.ASK_FORMAT, keyboards.formats())
        return wait_for(context, Await.FORMAT)
    if search.place is None and not search.place_skipped:
        online = search.format == "online"
        text = strings.ASK_PLACE_ONLINE if online else strings.ASK_PLACE
        await say(update, context, text, keyboards.skip_place() if online else None)
        return wait_for(context, Await.PLACE)
    if search.whom_unclear and search.whom is None and search.referral_focus == "family":
        search.whom = "family"  # the link was for someone close; their own words would have said
    if search.whom_unclear and search.whom is None:
        await say(update, context, strings.ASK_WHOM, keyboards.whom())
        return wait_for(context, Await.WHOM)
    search.offset = 0
    search.save(context)
    return await suggest(update, context, search)


async def take_format(update: Update, context: Context) -> Await:
    """In person, online or either."""
    data = await settle_button(update)
    search = Search.of(context)
    search.format = data.split(":", 1)[1]
    search.save(context)
    return await ask_next(update, context, search)


def _geocode(text: str) -> Any:
    """A typed place, looked up in memory (loaded at start): a town in microseconds, a new zip
    code in about 1.5 ms, a shared point in a tenth of one; on the event loop, not a thread."""
    from directory.geo import geocode

    return geocode(text)


def _place_at(latitude: float, longitude: float) -> Any:
    from directory.geo import place_at

    return place_at(latitude, longitude)


async def _place_from(context: Context, chat_id: int, search: Search, place: Any) -> bool:
    """Keep a found place in the search and the person's time zone and country; False if none."""
    if place is None:
        return False
    search.place = {
        "name": place.name,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "timezone": place.timezone,
        "country": place.country,
    }

    def keep(session: Any) -> None:
        from bot.people import find_person

        person = find_person(session, chat_id)
        if person is not None:
            person.timezone, person.country = place.timezone, place.country
            session.add(person)

    await in_db(context, keep)
    return True


async def take_place(update: Update, context: Context) -> Await:
    """A typed town or postal code: find it (offline), or say how to put it."""
    text = text_of(update).strip()
    if len(text) > MAX_PLACE_TEXT:
        await say(update, context, strings.PLACE_TOO_LONG)
        return wait_for(context, Await.PLACE)
    search = Search.of(context)
    if not await _place_from(context, _chat(update), search, _geocode(text)):
        await say(update, context, strings.PLACE_NOT_FOUND)
        return wait_for(context, Await.PLACE)
    search.save(context)
    await say(update, context, strings.PLACE_FOUND.format(place=esc(search.place["name"])))  # type: ignore[index]
    return await ask_next(update, context, search)


async def take_location(update: Update, context: Context) -> Await:
    """A shared Telegram location: the nearest town and its time zone."""
    location = update.effective_message.location  # type: ignore[union-attr]
    search = Search.of(context)
    place = _place_at(location.latitude, location.longitude)  # type: ignore[union-attr]
    await _place_from(context, _chat(update), search, place)
    search.save(context)
    await say(update, context, strings.PLACE_FOUND.format(place=esc(place.name)))
    return await ask_next(update, context, search)


async def skip_place(update: Update, context: Context) -> Await:
    """Go on without a place (online meetings, times in the default time zone)."""
    await settle_button(update)
    search = Search.of(context)
    search.place_skipped = True
    search.save(context)
    return await ask_next(update, context, search)


async def take_whom(update: Update, context: Context) -> Await:
    """About the person, or someone close to them."""
    data = await settle_button(update)
    search = Search.of(context)
    search.whom = data.split(":", 1)[1]
    search.save(context)
    return await ask_next(update, context, search)
