"""What the staff handlers share: the role guard, replies, propagation.

Staff handlers run in `Group.STAFF`, before the person's conversation, and stop the update there.
Each first runs the conversation's crisis check (`bot.handlers.safety.check_crisis`, which answers
a crisis with crisis lines and stops), so a crisis in the middle of /addgroup still gets help.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import logging
import unicodedata
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import ApplicationHandlerStop, ConversationHandler

from bot import strings
from bot.handlers.common import esc as esc
from bot.handlers.common import in_db as in_db
from bot.handlers.safety import check_crisis
from bot.services import Context
from bot.staff.models import StaffRole
from bot.staff.roles import has_role, is_admin

log = logging.getLogger(__name__)
Handler = Callable[[Update, Context], Coroutine[Any, Any, object]]
CALLBACK_PREFIX = "st:"
SIGNATURE_LENGTH = 12  # 72 bits of HMAC-SHA256 in url-safe base64
ADMIN = None  # `requires(ADMIN)`: only the ids in FIRSTSTEP_ADMIN_IDS
MAX_NUMBER_DIGITS = 18  # an id that fits the database's 64-bit integers


def parse_number(text: str) -> int | None:
    """A whole number typed in any script's decimal digits ("12", "١٢", "１２") as an int; None
    for anything else: superscripts ("²"), signs, spaces, or more than 18 digits."""
    text = text.strip()
    if not text or len(text) > MAX_NUMBER_DIGITS:
        return None
    digits = [unicodedata.decimal(char, None) for char in text]
    if any(digit is None for digit in digits):
        return None
    return int("".join(str(digit) for digit in digits))


MESSAGE_BUDGET = 3500  # Telegram allows 4096 characters; room for the words around a list


def clip(items: list[str], *, budget: int = MESSAGE_BUDGET, separator: str = "\n") -> str:
    """Join items until the budget is used up, then say how many were left out."""
    shown: list[str] = []
    used = 0
    for item in items:
        if used + len(item) + len(separator) > budget:
            shown.append(strings.MORE_NOT_SHOWN.format(count=len(items) - len(shown)))
            break
        shown.append(item)
        used += len(item) + len(separator)
    return separator.join(shown)


def user_id_of(update: Update) -> int | None:
    """The Telegram user id behind an update."""
    return update.effective_user.id if update.effective_user else None


async def reply(
    update: Update, context: Context, text: str, keyboard: InlineKeyboardMarkup | None = None
) -> None:
    """Send an HTML message to the chat of the update."""
    chat = update.effective_chat
    if chat is None:
        return
    await context.bot.send_message(chat.id, text, parse_mode=ParseMode.HTML, reply_markup=keyboard)


def signature(token: str | None, payload: str) -> str:
    """The HMAC of a button's payload, keyed by the bot token (stable across restarts)."""
    key = hashlib.sha256(b"firststep staff buttons\0" + (token or "offline").encode()).digest()
    mac = hmac.new(key, payload.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).decode()[:SIGNATURE_LENGTH]


def buttons(context: Context, *rows: list[tuple[str, str]]) -> InlineKeyboardMarkup:
    """Inline keyboard rows of (label, payload); data is `st:<signature>:<payload>`."""
    token = context.bot_data.settings.token
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    label, callback_data=f"{CALLBACK_PREFIX}{signature(token, data)}:{data}"
                )
                for label, data in row
            ]
            for row in rows
        ]
    )


def button_pattern(payload_pattern: str) -> str:
    """The regex of a signed staff button whose payload matches `payload_pattern`."""
    return rf"^{CALLBACK_PREFIX}[A-Za-z0-9_-]{{{SIGNATURE_LENGTH}}}:{payload_pattern}"


def _payload(update: Update) -> tuple[str, str] | None:
    query = update.callback_query
    data = query.data if query is not None and isinstance(query.data, str) else ""
    if not data.startswith(CALLBACK_PREFIX):
        return None
    sig, _, payload = data.removeprefix(CALLBACK_PREFIX).partition(":")
    return sig, payload


def signed(update: Update, context: Context) -> bool:
    """True when a staff button's data carries the signature this bot made for it."""
    parts = _payload(update)
    if parts is None:
        return False
    expected = signature(context.bot_data.settings.token, parts[1])
    return hmac.compare_digest(parts[0].encode(), expected.encode())


def button_data(update: Update) -> list[str]:
    """The parts of a staff button's payload ("st:<sig>:arch:5" -> ["arch", "5"])."""
    parts = _payload(update)
    return parts[1].split(":") if parts else []


async def refuse_forged(update: Update, context: Context) -> None:
    """A button whose data this bot did not make: log ids, say it expired, go no further."""
    chat = update.effective_chat
    log.warning(
        "staff button forged",
        extra={"user_id": user_id_of(update), "chat_id": chat.id if chat else None},
    )
    if update.callback_query is not None:
        await update.callback_query.answer(strings.BUTTON_EXPIRED, show_alert=True)
    raise ApplicationHandlerStop(None)


async def permitted(update: Update, context: Context, role: StaffRole | None, action: str) -> bool:
    """Check the role now, on the server; refuse politely and log ids only when it is missing."""
    user_id, settings = user_id_of(update), context.bot_data.settings
    if role is None:
        allowed = is_admin(settings, user_id)
    else:
        allowed = await in_db(
            context, lambda s: has_role(s, user_id=user_id, role=role, settings=settings)
        )
    if allowed:
        return True
    chat = update.effective_chat
    log.warning(
        "staff action refused",
        extra={
            "user_id": user_id,
            "chat_id": chat.id if chat else None,
            "action": action,
            "role": role.value if role else "admin",
        },
    )
    text = strings.REFUSED_ADMIN if role is None else strings.REFUSED.format(role=role.value)
    if update.callback_query is not None:
        await update.callback_query.answer(text, show_alert=True)
    else:
        await reply(update, context, text)
    return False


async def crisis_first(update: Update, context: Context) -> None:
    """The conversation's crisis check of an incoming text (stops the update on a crisis)."""
    if update.message is not None:
        await check_crisis(update, context)


def requires(role: StaffRole | None) -> Callable[[Handler], Handler]:
    """Guard a handler: the role is checked at every call; the update goes no further after it."""

    def wrap(handler: Handler) -> Handler:
        @functools.wraps(handler)
        async def guarded(update: Update, context: Context) -> Any:
            if update.effective_chat is not None and update.effective_chat.type != "private":
                await reply(update, context, strings.PRIVATE_ONLY)
                raise ApplicationHandlerStop(ConversationHandler.END)
            await crisis_first(update, context)
            if update.callback_query is not None and not signed(update, context):
                await refuse_forged(update, context)
            if not await permitted(update, context, role, handler.__name__):
                raise ApplicationHandlerStop(ConversationHandler.END)
            raise ApplicationHandlerStop(await handler(update, context))

        return guarded

    return wrap


def handled(handler: Handler) -> Handler:
    """For handlers open to anyone (/redeem): the update goes no further after it."""

    @functools.wraps(handler)
    async def stopping(update: Update, context: Context) -> Any:
        await crisis_first(update, context)
        if update.callback_query is not None and not signed(update, context):
            await refuse_forged(update, context)
        raise ApplicationHandlerStop(await handler(update, context))

    return stopping


async def settle(update: Update) -> None:
    """Answer a button press (stops the spinner) and remove its keyboard."""
    query = update.callback_query
    if query is None:
        return
    await query.answer()
    if query.message is not None and getattr(query.message, "reply_markup", None) is not None:
        await query.edit_message_reply_markup(None)
