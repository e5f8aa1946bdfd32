"""A crash in one handler: the person gets a kind message, the log gets no personal data."""

from __future__ import annotations

import contextlib
import logging

import sqlalchemy as sa
from telegram import Update
from telegram.error import Forbidden, TelegramError

from bot import strings
from bot.ops.logging import describe_error
from bot.services import Context

log = logging.getLogger(__name__)
_TOLD_MAX = 1000


def _first_error_of(update: object, context: Context) -> bool:
    """True the first time an error is reported for this update (remembers the last few)."""
    told = context.bot_data.errors_told
    update_id = update.update_id if isinstance(update, Update) else id(update)
    if update_id in told:
        return False
    told[update_id] = None
    while len(told) > _TOLD_MAX:
        told.popitem(last=False)
    return True


# The database cannot be reached or dropped the connection: an outage, not a fault of the message.
_OUTAGE_ERRORS = (sa.exc.OperationalError, sa.exc.InterfaceError, sa.exc.DisconnectionError,
                  sa.exc.TimeoutError)  # fmt: skip


def apology_for(error: object) -> str:
    """What to tell the person: "trouble, try again in a few minutes" in a database outage,
    "something went wrong with that message" otherwise."""
    return (
        strings.OPS_TROUBLE
        if isinstance(error, _OUTAGE_ERRORS)
        else strings.OPS_SOMETHING_WENT_WRONG
    )


async def tell_trouble(update: object, context: Context) -> None:
    """Serving without the database: any message or button a crisis did not answer gets the
    kind "having trouble, try again in a few minutes" (once per update; groups get nothing)."""
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if update.callback_query is not None:
        with contextlib.suppress(TelegramError):
            await update.callback_query.answer()
    if update.effective_chat.type != "private" or not _first_error_of(update, context):
        return
    await context.bot.send_message(update.effective_chat.id, strings.OPS_TROUBLE)


async def report_error(update: object, context: Context) -> None:
    """Log the error by type and place only, count it, and tell the person kindly."""
    error = context.error
    chat = update.effective_chat if isinstance(update, Update) else None
    context.bot_data.metrics.update_errors.inc()
    details = describe_error(error) if error is not None else {"error": "unknown"}
    log.error("handling an update failed", extra={"chat_id": chat.id if chat else None, **details})
    if chat is None or chat.type != "private" or isinstance(error, Forbidden):
        return
    if not _first_error_of(update, context):
        return  # one update can fail in several handler groups: one apology is enough
    try:
        await context.bot.send_message(chat.id, apology_for(error))
    except TelegramError as exc:
        log.warning("could not tell the person", extra={"chat_id": chat.id, **describe_error(exc)})
