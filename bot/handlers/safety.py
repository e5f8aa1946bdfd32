"""Before anything else: note that the person is here, and check every text for a crisis."""

from __future__ import annotations

import asyncio
import logging

from sqlmodel import Session
from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.crisis import crisis_reply
from bot.handlers.common import PARSE_KEY, Context, clock_of, in_db, say
from bot.models import EventKind
from bot.people import get_or_create_person, record_event
from nlp.result import ParseResult

log = logging.getLogger(__name__)
MAX_TEXT = 4096  # Telegram's own limit for one message


def text_of(update: Update) -> str:
    """The text or caption of the incoming message, or ""."""
    message = update.effective_message
    if message is None:
        return ""
    return (message.text or message.caption or "")[:MAX_TEXT]


async def parsed(update: Update, context: Context) -> ParseResult:
    """The parse of this update's text, computed once per update (cached, never persisted)."""
    cached = context.chat_data.get(PARSE_KEY) if context.chat_data is not None else None
    if cached and cached[0] == update.update_id:
        return cached[1]
    result = await asyncio.to_thread(context.bot_data["parser"].parse, text_of(update))
    if context.chat_data is not None:
        context.chat_data[PARSE_KEY] = (update.update_id, result)
    return result


async def touch_person(update: Update, context: Context) -> None:
    """Note that the person wrote (last seen; active again after /stop or a block)."""
    if update.effective_chat is None or update.effective_chat.type != "private":
        return
    chat_id, now = update.effective_chat.id, clock_of(context).now()
    user = update.effective_user
    language = user.language_code if user else None
    await in_db(
        context, lambda s: get_or_create_person(s, chat_id, now=now, language_code=language)
    )


async def check_crisis(update: Update, context: Context) -> None:
    """Parse every incoming text first; on a crisis answer with crisis lines only, and stop."""
    if not text_of(update) or update.effective_chat is None:
        return
    result = await parsed(update, context)
    if result.crisis is None:
        return
    chat_id, now, kind = update.effective_chat.id, clock_of(context).now(), result.crisis.kind

    def note(session: Session) -> tuple[int | None, str | None]:
        person = get_or_create_person(session, chat_id, now=now)
        record_event(session, person_id=person.id, kind=EventKind.crisis, now=now, detail=kind)
        return person.id, person.country

    try:
        person_id, country = await in_db(context, note)
    except Exception as exc:  # the crisis reply must go out even when the database fails
        log.error("crisis not recorded", extra={"error": type(exc).__name__})
        person_id, country = None, None
    log.warning("crisis reply", extra={"person_id": person_id, "kind": kind})
    await say(update, context, crisis_reply(country, kind))
    raise ApplicationHandlerStop


async def save_state(update: Update, context: Context) -> None:
    """Write this update's conversation state and data to the database right away."""
    chat, user = update.effective_chat, update.effective_user
    context.application.mark_data_for_update_persistence(
        chat_ids=chat.id if chat else None, user_ids=user.id if user else None
    )
    await context.application.update_persistence()
