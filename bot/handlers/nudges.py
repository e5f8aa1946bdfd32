"""Kind nudges back on track for anything unexpected: media, stray text, commands, stale buttons.

The question asked again is the current step's own (``bot.handlers.flow``). A conversation left
in a state this version no longer has (stored by an older one) reaches only these fallbacks: it
is ended, and text in it starts a search as text outside a conversation does."""

from __future__ import annotations

from telegram import Update

from bot import strings
from bot.handlers.common import say
from bot.handlers.flow import left_over, listen, nudge_stale, repeat_question
from bot.handlers.signals import answer_privacy
from bot.services import Context

__all__ = [
    "nudge_buttons",
    "nudge_command",
    "nudge_location",
    "nudge_media",
    "nudge_stale",
    "repeat_question",
]


async def nudge_buttons(update: Update, context: Context) -> object:
    """Text where a button was expected: point to the buttons and ask again (a question about
    privacy gets its plain answer instead of the pointer). In a left-over state: read as text
    outside a conversation (a new search)."""
    if left_over(update, context):
        return await listen(update, context)
    if not await answer_privacy(update, context):
        await say(update, context, strings.NUDGE_BUTTONS)
    return await repeat_question(update, context)


async def nudge_media(update: Update, context: Context) -> int | None:
    """A sticker, photo, voice note or file: the bot reads text only."""
    await say(update, context, strings.NUDGE_MEDIA)
    return await repeat_question(update, context)


async def nudge_command(update: Update, context: Context) -> None:
    """An unknown command."""
    await say(update, context, strings.NUDGE_COMMAND)


async def nudge_location(update: Update, context: Context) -> int | None:
    """A location when none was asked for."""
    await say(update, context, strings.NUDGE_LOCATION)
    return await repeat_question(update, context)
