"""Before anything else: note that the person is here, and check every text for a crisis."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

from sqlmodel import Session
from telegram import Update
from telegram.ext import ApplicationHandlerStop

import i18n
from bot import keyboards, strings
from bot.crisis import crisis_reply, send_crisis, unread_reply
from bot.handlers.common import (
    INLINE_PARSE,
    PARSE_KEY,
    in_db,
    parsed,
    say,
    settle_button,
    text_of,
)
from bot.handlers.flow import current_step, repeat_question
from bot.hello.service import relay_volunteer_of
from bot.models import EventKind
from bot.people import (
    find_person,
    get_or_create_person,
    note_seen,
    record_event,
    seen_recently,
)
from bot.services import Context
from nlp.answers import plain_answer
from nlp.result import Crisis

if TYPE_CHECKING:  # spaCy loads with the parser, not with the handlers
    from nlp.parser import Parser

log = logging.getLogger(__name__)
T = TypeVar("T")
CRISIS_DB_WAIT = 1.0  # seconds a crisis reply waits for the database at most
# Database work a crisis reply stopped waiting for, held until it ends (the loop keeps only weak
# references to tasks; their results differ, and a Future is invariant in its result: Any).
_running_late: set[asyncio.Future[Any]] = set()
SCREENING_KEY = "screening"  # chat_data while the screening question waits: kind, person, concepts
SCREENED_KEY = "screened"  # chat_data: the step at which the person answered "no" to it
LAST_CRISIS_KEY = "crisis_at"  # chat_data: when the last crisis reply went out (ISO time)
AGAIN_WITHIN = timedelta(hours=24)  # a second crisis reply within this time is not the same text


async def crisis_in(parser: Parser, text: str) -> Crisis | None:
    """The crisis check alone (cheaper than the whole parse; it runs on every message, before
    flood control), in a worker thread when the text is long."""
    if len(text) <= INLINE_PARSE:
        return parser.check_crisis(text)
    return await asyncio.to_thread(parser.check_crisis, text)


# Commands that only read what is kept: they never create a person (after /forget: nothing).
ONLY_ASKING = {"/mydata"}


async def touch_person(update: Update, context: Context) -> None:
    """Note that the person wrote (last seen; active again after /stop or a block).

    Once noted, messages and button presses of the next few minutes need no database call; any
    other update (e.g. the person unblocking the bot) is always noted.
    """
    if update.effective_chat is None or update.effective_chat.type != "private":
        return
    services, chat_id = context.bot_data, update.effective_chat.id
    now, engine = services.clock.now(), services.engine
    if (update.message or update.callback_query) and seen_recently(engine, chat_id, now):
        return
    user = update.effective_user
    language = user.language_code if user else None
    text = update.message.text if update.message and update.message.text else ""
    asking = text.split("@", 1)[0].split(" ", 1)[0] in ONLY_ASKING  # creates no one

    def touch(session: Session) -> None:
        if asking and find_person(session, chat_id) is None:
            return
        get_or_create_person(session, chat_id, now=now, language_code=language)

    await in_db(context, touch)
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


def _finished_late(task: asyncio.Future[T], what: str) -> None:
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
    """Check every incoming text for a crisis first; on one answer with crisis lines only, stop.

    For a long text only the crisis check runs here, before flood control; the whole parse comes
    after it, for the messages let through (and here for a crisis, for the language it is written
    in). A short one is parsed whole at once: that costs about as much as the check alone, is
    needed next anyway, and takes the parser once, not twice.
    A clear crisis gets the crisis reply at once. A possible one gets one direct, kind screening
    question first (Yes / No / Not sure; asked at most once per conversation step); any answer
    but a plain no gets the crisis reply, and a no lets the held message go on where it was.
    If the parser fails, the crisis lines go out all the same (commands still go on to work).
    """
    text = text_of(update)
    if not text or update.effective_chat is None:
        return
    try:
        if len(text) <= INLINE_PARSE:
            crisis = (await parsed(update, context)).crisis
        else:
            crisis = await crisis_in(context.bot_data.parser, text)
    except Exception as exc:
        if text.startswith("/"):
            log.error("parse failed on a command", extra={"update_id": update.update_id})
            return
        await reply_unread(update, context, exc)
    pending = context.chat_data.get(SCREENING_KEY) if context.chat_data is not None else None
    if pending and not text.startswith("/") and (crisis is None or crisis.level != "clear"):
        said_no = crisis is None and plain_answer(text) == "no"
        await answer_screening(update, context, said_no=said_no)
        raise ApplicationHandlerStop
    if crisis is None:
        return
    # Answered in the language the message is written in where we have it, whatever the setting.
    with i18n.using(await _written_in(update, context) or i18n.current()):
        if crisis.level == "possible":
            if _screened_here(update, context):
                return  # asked at this step already, and the answer was no
            await ask_screening(update, context, crisis)
            raise ApplicationHandlerStop
        _forget_screening(update, context)  # a clear crisis answers the question too
        await reply_crisis(update, context, crisis)
    raise ApplicationHandlerStop


async def _written_in(update: Update, context: Context) -> str | None:
    """The catalog for the language this message is written in (None: unknown, or unread)."""
    try:
        return i18n.best_match((await parsed(update, context)).written_in)
    except Exception:  # the crisis reply goes out all the same, in the person's locale
        log.error("parse failed before a crisis reply", extra={"update_id": update.update_id})
        return None


def _forget_screening(update: Update, context: Context) -> tuple[dict | None, Update | None]:
    """Take the screening question's record and held message away (both None when none)."""
    chat_id = update.effective_chat.id if update.effective_chat else 0
    pending = context.chat_data.pop(SCREENING_KEY, None) if context.chat_data is not None else None
    held = context.bot_data.held_for_screening.pop(chat_id, None)
    return pending, held


def _step(update: Update, context: Context) -> str:
    """The conversation step the chat is at ("idle" when there is no conversation)."""
    return current_step(update, context)


def _screened_here(update: Update, context: Context) -> bool:
    """Whether the person already answered "no" to the screening question at this step."""
    return context.chat_data is not None and context.chat_data.get(SCREENED_KEY) == _step(
        update, context
    )


async def ask_screening(update: Update, context: Context, crisis: Crisis) -> None:
    """Ask the one screening question, and hold the message until it is answered."""
    chat_id = update.effective_chat.id if update.effective_chat else 0
    audience = "violence" if crisis.kind == "violence" else crisis.person
    if context.chat_data is not None:
        context.chat_data[SCREENING_KEY] = {
            "kind": crisis.kind,
            "person": crisis.person,
            "concepts": list(crisis.concepts),
            "locale": i18n.current(),  # the answer to it comes in the language it was asked in
        }
    context.bot_data.held_for_screening[chat_id] = update
    log.warning("screening question", extra={"chat_id": chat_id, "kind": crisis.kind})
    await say(update, context, strings.SCREEN_QUESTION[audience], keyboards.screening())


async def answer_screening(update: Update, context: Context, *, said_no: bool) -> None:
    """A plain no: thanks, and the held message goes on; anything else: the crisis reply (in the
    language the question was asked in)."""
    pending, held = _forget_screening(update, context)
    with i18n.using((pending or {}).get("locale") or i18n.current()):
        await _answer_screening(update, context, pending, held, said_no=said_no)


async def _answer_screening(
    update: Update, context: Context, pending: dict | None, held: Update | None, *, said_no: bool
) -> None:
    chat_id = update.effective_chat.id if update.effective_chat else 0
    if not said_no:
        found = pending or {"kind": "suicide", "person": "self", "concepts": []}
        crisis = Crisis(
            kind=found["kind"],
            level="clear",
            person=found.get("person", "self"),
            concepts=tuple(found.get("concepts", ())),
        )
        await reply_crisis(update, context, crisis)
        return
    if context.chat_data is not None:
        context.chat_data[SCREENED_KEY] = _step(update, context)
    log.info("screening answered no", extra={"chat_id": chat_id})
    await say(update, context, strings.SCREEN_THANKS)
    if held is not None:
        await context.application.process_update(held)  # the held message, where it was
    else:
        await repeat_question(update, context)


async def take_screening_answer(update: Update, context: Context) -> None:
    """A press on Yes / No / Not sure under the screening question (in any state)."""
    data = await settle_button(update)
    await answer_screening(update, context, said_no=data == "screen:no")
    raise ApplicationHandlerStop


async def reply_crisis(update: Update, context: Context, crisis: Crisis) -> None:
    """Record the crisis, and send the reply that fits it (not the same text twice in a row)."""
    chat_id = update.effective_chat.id if update.effective_chat else 0
    now = context.bot_data.clock.now()

    def note(session: Session) -> tuple[int | None, str | None, int | None]:
        person = get_or_create_person(session, chat_id, now=now)
        assert person.id is not None  # a stored person
        record_event(
            session, person_id=person.id, kind=EventKind.crisis, now=now, detail=crisis.kind
        )
        return person.id, person.country, relay_volunteer_of(session, chat_id)

    noted = await within_crisis_wait(context, note, "crisis record")
    person_id, country, volunteer = noted or (None, None, None)
    again = _replied_lately(context, now)
    log.warning(
        "crisis reply",
        extra={"person_id": person_id, "kind": crisis.kind, "level": crisis.level, "again": again},
    )
    await send_crisis(update, context, crisis_reply(country, crisis, again=again))
    if context.chat_data is not None:
        context.chat_data[LAST_CRISIS_KEY] = now.isoformat()
    if volunteer is not None:  # a person in a relay: the volunteer is told only that
        from bot.hello.handlers import tell_volunteer_of_crisis

        await tell_volunteer_of_crisis(context, volunteer)


def _replied_lately(context: Context, now: datetime) -> bool:
    """Whether a crisis reply already went to this chat within `AGAIN_WITHIN`."""
    stamp = context.chat_data.get(LAST_CRISIS_KEY) if context.chat_data is not None else None
    try:
        last = datetime.fromisoformat(stamp) if isinstance(stamp, str) else None
    except ValueError:
        return False
    return last is not None and timedelta(0) <= now - last < AGAIN_WITHIN


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
