"""A crash in one handler: the person gets a kind message, the log gets no personal data."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden, TelegramError
from telegram.ext import ContextTypes

from bot.ops import strings
from bot.ops.logging import describe_error
from bot.ops.metrics import metrics_of

log = logging.getLogger(__name__)


async def report_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the error by type and place only, count it, and tell the person kindly."""
    error = context.error
    chat = update.effective_chat if isinstance(update, Update) else None
    metrics_of(context.bot_data).update_errors.inc()
    details = describe_error(error) if error is not None else {"error": "unknown"}
    log.error("handling an update failed", extra={"chat_id": chat.id if chat else None, **details})
    if chat is None or chat.type != "private" or isinstance(error, Forbidden):
        return
    try:
        await context.bot.send_message(chat.id, strings.SOMETHING_WENT_WRONG)
    except TelegramError as exc:
        log.warning("could not tell the person", extra={"chat_id": chat.id, **describe_error(exc)})
