"""The language the bot writes in to a person: set for each update, offered once, changed at will.

- `set_update_locale` (first of all, before the crisis check): the person's stored locale, else
  their Telegram language where there is a catalog, else English. It never waits long for the
  database: a crisis reply must not.
- `offer_language`: a message written in another language we have (the parser's `written_in`)
  gets one question, in that language, with two buttons, before anything switches; the message
  is held and goes on once answered. Asked once: any answer is the person's choice.
- `/language` shows every language with a catalog; a press switches at once.
"""

from __future__ import annotations

import logging
from weakref import WeakKeyDictionary

from sqlalchemy.engine import Engine
from sqlmodel import Session
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ApplicationHandlerStop

import i18n
from bot import strings
from bot.handlers.common import in_db, say, settle_button
from bot.handlers.nudges import repeat_question
from bot.handlers.safety import parsed, text_of, within_crisis_wait
from bot.people import find_person, set_locale
from bot.services import Context

log = logging.getLogger(__name__)
_MAX = 50_000  # remembered chats per database

# Per database: chat id -> (locale, chosen), as stored with the person (a cache of that row).
_known: WeakKeyDictionary[Engine, dict[int, tuple[str, bool]]] = WeakKeyDictionary()


def _remember(engine: Engine, chat_id: int, locale: str, chosen: bool) -> None:
    chats = _known.setdefault(engine, {})
    if len(chats) >= _MAX:
        chats.clear()
    chats[chat_id] = (locale, chosen)


def forget_chat(engine: Engine, chat_id: int) -> None:
    """Drop a chat's cached locale (after /forget)."""
    _known.get(engine, {}).pop(chat_id, None)


async def _stored(update: Update, context: Context, chat_id: int) -> tuple[str, bool] | None:
    """The person's (locale, chosen) from the cache or the database (None: new, or too slow)."""
    engine = context.bot_data.engine
    if chat_id in _known.get(engine, {}):
        return _known[engine][chat_id]

    def read(session: Session) -> tuple[str | None, bool] | None:
        person = find_person(session, chat_id)
        return (person.locale, person.locale_chosen) if person is not None else None

    row = await within_crisis_wait(context, read, "locale read")
    if row is None or row[0] is None:
        return None
    found = (row[0], row[1])
    _remember(engine, chat_id, *found)
    return found


async def set_update_locale(update: Update, context: Context) -> None:
    """Make the person's language the locale of this update (before anything is said)."""
    user, chat = update.effective_user, update.effective_chat
    stored = await _stored(update, context, chat.id) if chat and chat.type == "private" else None
    telegram = i18n.best_match(user.language_code if user else None)
    i18n.set_current(stored[0] if stored else telegram or i18n.SOURCE)


def _offer_keyboard(code: str, current: str) -> InlineKeyboardMarkup:
    with i18n.using(code):
        switch = strings.LANGUAGE_SWITCH_BUTTON.format(language=i18n.native_name(code))
    keep = strings.LANGUAGE_KEEP_BUTTON.format(
        language=i18n.language_name(current, in_locale=current)
    )
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(switch, callback_data=f"lang:{code}")],
            [InlineKeyboardButton(keep, callback_data=f"lang:{current}")],
        ]
    )


async def offer_language(update: Update, context: Context) -> None:
    """A message written in another language we speak: ask once, holding the message."""
    chat = update.effective_chat
    text = text_of(update)
    if chat is None or chat.type != "private" or not text or text.startswith("/"):
        return
    offers = context.bot_data.language_offers
    if chat.id in offers:  # the question went unanswered: keep the language, let both go on
        _, held = offers.pop(chat.id)
        await _choose(update, context, i18n.current())
        await context.application.process_update(held)
        return
    stored = await _stored(update, context, chat.id)
    if stored is not None and stored[1]:
        return
    try:
        written = i18n.best_match((await parsed(update, context)).written_in)
    except Exception:  # the crisis check has dealt with a parser failure
        return
    current = i18n.current()
    if written is None or written == current:
        return
    offers[chat.id] = (written, update)
    log.info("language offered", extra={"chat_id": chat.id, "locale": written})
    with i18n.using(written):
        question = strings.LANGUAGE_OFFER.format(language=i18n.language_name(written))
    await say(update, context, question, _offer_keyboard(written, current))
    raise ApplicationHandlerStop


async def _choose(update: Update, context: Context, code: str) -> None:
    """Store the person's choice and make it this update's locale."""
    chat_id = update.effective_chat.id if update.effective_chat else 0
    await in_db(context, lambda s: set_locale(s, chat_id, code, chosen=True))
    _remember(context.bot_data.engine, chat_id, code, True)
    i18n.set_current(code)


async def take_language(update: Update, context: Context) -> None:
    """A press on a language button (the offer or /language): switch, then go on."""
    code = (await settle_button(update)).removeprefix("lang:")
    if code not in i18n.available():
        raise ApplicationHandlerStop
    chat_id = update.effective_chat.id if update.effective_chat else 0
    offer = context.bot_data.language_offers.pop(chat_id, None)
    await _choose(update, context, code)
    await say(update, context, strings.LANGUAGE_SET.format(language=i18n.native_name(code)))
    if offer is not None:
        await context.application.process_update(offer[1])  # the held message, in the new language
    else:
        await repeat_question(update, context)
    raise ApplicationHandlerStop


async def ask_language(update: Update, context: Context) -> None:
    """/language: every language the bot speaks, each in its own name."""
    current = i18n.current()
    rows = [
        [
            InlineKeyboardButton(
                ("✓ " if code == current else "") + i18n.native_name(code),
                callback_data=f"lang:{code}",
            )
        ]
        for code in i18n.available()
    ]
    await say(update, context, strings.ASK_LANGUAGE, InlineKeyboardMarkup(rows))
    raise ApplicationHandlerStop
