"""Kind nudges back on track for anything unexpected: media, stray text, commands, stale buttons."""

from __future__ import annotations

import logging

from telegram import Update

from bot import keyboards, strings
from bot.handlers.common import Await, Context, Search, say, waiting_for

log = logging.getLogger(__name__)


async def repeat_question(update: Update, context: Context) -> None:
    """Ask again what the bot is waiting for, with its buttons."""
    state = waiting_for(context)
    search = Search.of(context)
    prompts = {
        Await.CONSENT: (strings.WELCOME, keyboards.consent()),
        Await.CONCERN: (strings.ASK_CONCERN_AGAIN, None),
        Await.FORMAT: (strings.ASK_FORMAT, keyboards.formats()),
        Await.PLACE: (
            strings.ASK_PLACE,
            keyboards.skip_place() if search.format == "online" else None,
        ),
        Await.WHOM: (strings.ASK_WHOM, keyboards.whom()),
        Await.CHOICE: (
            strings.SUGGESTIONS_PICK,
            keyboards.suggestions(search.shown, more=search.more),
        ),
        Await.CHANGE: (strings.ASK_CHANGE, keyboards.changes()),
        Await.CONTACT: (strings.ASK_CONTACT, keyboards.contact()),
        Await.CALENDAR: (strings.ALREADY_PLANNED, None),
    }
    if state == Await.WHEN and search.slots:
        from datetime import datetime

        from bot.handlers.suggest import when_text

        starts = [datetime.fromisoformat(start) for start, _ in search.slots]
        prompts[Await.WHEN] = (
            strings.ASK_WHEN,
            keyboards.when([(s, when_text(s)) for s in starts]),
        )
    if state is None or state not in prompts:
        await say(update, context, strings.NUDGE_IDLE)
        return
    text, keyboard = prompts[state]
    await say(update, context, text, keyboard)


async def nudge_buttons(update: Update, context: Context) -> None:
    """Text where a button was expected: point to the buttons and ask again (a question about
    privacy gets its plain answer instead of the pointer)."""
    from bot.handlers.signals import answer_privacy

    if not await answer_privacy(update, context):
        await say(update, context, strings.NUDGE_BUTTONS)
    await repeat_question(update, context)


async def nudge_media(update: Update, context: Context) -> None:
    """A sticker, photo, voice note or file: the bot reads text only."""
    await say(update, context, strings.NUDGE_MEDIA)
    await repeat_question(update, context)


async def nudge_command(update: Update, context: Context) -> None:
    """An unknown command."""
    await say(update, context, strings.NUDGE_COMMAND)


async def nudge_location(update: Update, context: Context) -> None:
    """A location when none was asked for."""
    await say(update, context, strings.NUDGE_LOCATION)
    await repeat_question(update, context)


async def nudge_stale(update: Update, context: Context) -> None:
    """A button from an earlier message (or from before a restart): say so and show where we are."""
    query = update.callback_query
    if query is not None:
        await query.answer()
    log.info(
        "stale button",
        extra={"chat_id": update.effective_chat.id if update.effective_chat else None},
    )
    await say(update, context, strings.NUDGE_STALE)
    await repeat_question(update, context)


async def nudge_idle(update: Update, context: Context) -> None:
    """Anything outside a conversation: how to start."""
    await say(update, context, strings.NUDGE_IDLE)
