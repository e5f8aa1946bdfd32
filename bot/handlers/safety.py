"""Before anything else: note that the person is here, and check every text for a crisis."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import NoReturn, TypeVar

from sqlmodel import Session
from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.crisis import crisis_reply, send_crisis, unread_reply
from bot.handlers.common import PARSE_KEY, Context, clock_of, engine_of, in_db
from bot.models import EventKind
from bot.people import (
    find_person,
    get_or_create_person,
    note_seen,
    record_event,
    seen_recently,
)
from nlp.result import ParseResult

log = logging.getLogger(__name__)
T = TypeVar("T")
CRISIS_DB_WAIT = 1.0  # seconds a crisis reply waits for the database at most
# Database work a crisis reply stopped waiting for, held until it ends (the loop keeps only weak
# references to tasks).
_running_late: set[asyncio.Future[object]] = set()
MAX_TEXT = 4096  # Telegram's own limit for one message
INLINE_PARSE = 400  # characters parsed on the event loop itself (longer: in a worker thread)


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
    text, parse = text_of(update), context.bot_data["parser"].parse
    # A short text parses in well under a millisecond: a worker thread would cost more than it
    # saves (the parse holds the GIL). A long one goes to a thread so others are not held up.
    result = parse(text) if len(text) <= INLINE_PARSE else await asyncio.to_thread(parse, text)
    if context.chat_data is not None:
        context.chat_data[PARSE_KEY] = (update.update_id, result)
    return result


async def touch_person(update: Update, context: Context) -> None:
    """Note that the person wrote (last seen; active again after /stop or a block).

    Once noted, messages and button presses of the next few minutes need no database call; any
    other update (e.g. the person unblocking the bot) is always noted.
    """
    if update.effective_chat is None or update.effective_chat.type != "private":
        return
    chat_id, now, engine = update.effective_chat.id, clock_of(context).now(), engine_of(context)
    if (update.message or update.callback_query) and seen_recently(engine, chat_id, now):
        return
    user = update.effective_user
    language = user.language_code if user else None
    await in_db(
        context, lambda s: get_or_create_person(s, chat_id, now=now, language_code=language)
    )
    note_seen(engine, chat_id, now)


async def within_crisis_wait(context: Context, work: Callable[[Session], T], what: str) -> T | None:
    """`in_db(context, work)`, waited for at most `CRISIS_DB_WAIT` seconds: None when it failed or
    took longer. A crisis reply never waits long for the database (busy with a coordinator's
    import, or hanging): it goes out with every country's lines, and the work goes on by itself
    (its outcome is logged)."""
    task = asyncio.ensure_future(in_db(context, work))
    try:
        return await asyncio.wait_for(asyncio.shield(task), CRISIS_DB_WAIT)
    except TimeoutError:
        log.error(
            "database slow for a crisis reply", extra={"work": what, "waited_s": CRISIS_DB_WAIT}
        )
        _running_late.add(task)
        task.add_done_callback(lambda done: _finished_late(done, what))
    except Exception as exc:  # the crisis reply must go out even when the database fails
        log.error(
            "database failed for a crisis reply", extra={"work": what, "error": type(exc).__name__}
        )
    return None


def _finished_late(task: asyncio.Future[object], what: str) -> None:
    """Log how database work a crisis reply stopped waiting for ended (ids only, as always)."""
    _running_late.discard(task)
    if task.cancelled():
        log.error(
            "database work after a crisis reply", extra={"work": what, "outcome": "cancelled"}
        )
    elif (exc := task.exception()) is not None:
        error = type(exc).__name__
        log.error("database work after a crisis reply", extra={"work": what, "outcome": error})
    else:
        log.info("database work after a crisis reply", extra={"work": what, "outcome": "done"})


async def country_of(context: Context, chat_id: int) -> str | None:
    """The person's country if known (None when unknown, or the database failed or was slow)."""

    def find(session: Session) -> str | None:
        person = find_person(session, chat_id)
        return person.country if person is not None else None

    return await within_crisis_wait(context, find, "country read")


async def reply_unread(update: Update, context: Context, error: Exception) -> NoReturn:
    """The parser failed: send the crisis lines anyway (calmly), log ids only, and stop."""
    chat_id = update.effective_chat.id if update.effective_chat else 0
    log.error(
        "parse failed, crisis lines sent",
        extra={"update_id": update.update_id, "chat_id": chat_id, "error": type(error).__name__},
    )
    await send_crisis(update, context, unread_reply(await country_of(context, chat_id)))
    raise ApplicationHandlerStop


async def check_crisis(update: Update, context: Context) -> None:
    """Parse every incoming text first; on a crisis answer with crisis lines only, and stop.

    If the parser fails, the crisis lines go out all the same (commands still go on to work).
    """
    text = text_of(update)
    if not text or update.effective_chat is None:
        return
    try:
        result = await parsed(update, context)
    except Exception as exc:
        if text.startswith("/"):
            log.error("parse failed on a command", extra={"update_id": update.update_id})
            return
        await reply_unread(update, context, exc)
    if result.crisis is None:
        return
    chat_id, now, kind = update.effective_chat.id, clock_of(context).now(), result.crisis.kind

    def note(session: Session) -> tuple[int | None, str | None]:
        person = get_or_create_person(session, chat_id, now=now)
        record_event(session, person_id=person.id, kind=EventKind.crisis, now=now, detail=kind)
        return person.id, person.country

    person_id, country = await within_crisis_wait(context, note, "crisis record") or (None, None)
    log.warning("crisis reply", extra={"person_id": person_id, "kind": kind})
    await send_crisis(update, context, crisis_reply(country, kind))
    raise ApplicationHandlerStop


async def save_state(update: Update, context: Context) -> None:
    """Write this update's conversation state and data to the database right away.

    One transaction for everything handed over; what did not change is not written. The parse of
    this update is let go here (it is never stored, and keeping it would be copied at every save).
    """
    if context.chat_data is not None:
        context.chat_data.pop(PARSE_KEY, None)
    chat, user = update.effective_chat, update.effective_user
    context.application.mark_data_for_update_persistence(
        chat_ids=chat.id if chat else None, user_ids=user.id if user else None
    )
    await context.application.update_persistence()  # hands the changes over; no waiting
    if context.application.persistence is not None:
        await context.application.persistence.flush()  # written before the update counts as done
