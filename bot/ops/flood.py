"""Per-person flood control on incoming messages: a calm "one moment", then the excess is ignored.

The handler runs in `Group.FLOOD`, right after the crisis check (which runs in a lower group) and
before the whole parse and everything else, so a message over the limit still gets its crisis
check (a crisis reply is never swallowed) and nothing more.

Before that, one chat's backlog is bounded (`admit_over_bound`, called by the update processor
for an update beyond `MAX_QUEUED_PER_CHAT` waiting ones): only the crisis check runs on it, a
crisis waits its turn like any message, anything else is dropped at once. Either way the chat
hears "one moment" at most once a window.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import Application, ApplicationHandlerStop, TypeHandler

from bot import strings
from bot.handler_groups import Group
from bot.ops.flood_limiter import FloodLimiter, Verdict
from bot.services import Context, Services

log = logging.getLogger(__name__)
MAX_TEXT = 4096  # Telegram's own limit for one message


async def check_flood(update: Update, context: Context) -> None:
    """Let a message through, or say "one moment" once and ignore the excess (after crisis)."""
    chat, message = update.effective_chat, update.effective_message
    if chat is None or (message is None and update.callback_query is None):
        return
    verdict = context.bot_data.flood_limiter.check(chat.id)
    text = (message.text or message.caption or "") if message is not None else ""
    if verdict is Verdict.allow and len(text) <= MAX_TEXT:
        return
    context.bot_data.metrics.flood_dropped.inc()
    log.info("incoming message ignored", extra={"chat_id": chat.id, "verdict": verdict.value})
    if update.callback_query is not None:
        await update.callback_query.answer()
    elif verdict is Verdict.allow:  # allowed but too long
        await context.bot.send_message(chat.id, strings.OPS_TOO_LONG)
    elif verdict is Verdict.warn:
        await context.bot.send_message(chat.id, strings.OPS_ONE_MOMENT)
    raise ApplicationHandlerStop


async def admit_over_bound(application: Application, update: object) -> bool:
    """An update beyond its chat's backlog bound: True for a crisis (it is handled, in its turn),
    else dropped now (False), with "one moment" at most once a window."""
    if not isinstance(update, Update) or update.effective_chat is None:
        return True
    services: Services = application.bot_data
    message, chat_id = update.effective_message, update.effective_chat.id
    text = (message.text or message.caption or "")[:MAX_TEXT] if message is not None else ""
    if text:
        from bot.handlers.safety import crisis_in  # the one crisis check (handlers import ops)

        try:
            if await crisis_in(services.parser, text) is not None:
                return True
        except Exception:  # no parser, or it failed: the crisis check in its turn says the rest
            return True
    services.metrics.flood_dropped.inc()
    log.info("incoming message ignored", extra={"chat_id": chat_id, "verdict": "over_bound"})
    if update.callback_query is not None:
        await update.callback_query.answer()
    elif message is not None and services.flood_limiter.tell(chat_id):
        await application.bot.send_message(chat_id, strings.OPS_ONE_MOMENT)
    return False


def add_flood_control(application: Application, limiter: FloodLimiter | None = None) -> None:
    """Install the flood check for every update, in Group.FLOOD (after the crisis check), and the
    backlog bound of the update processor (when it is ours)."""
    from bot.ops.processing import PerChatProcessor

    if limiter is not None:
        application.bot_data.flood_limiter = limiter
    application.add_handler(TypeHandler(Update, check_flood), group=Group.FLOOD)
    processor = application.update_processor
    if isinstance(processor, PerChatProcessor):
        processor.on_over_bound = lambda update: admit_over_bound(application, update)
