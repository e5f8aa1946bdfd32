"""Per-person flood control on incoming messages: a calm "one moment", then the excess is ignored.

The handler runs in `FLOOD_GROUP`, right after the crisis check (which runs in a lower group) and
before the whole parse and everything else, so a message over the limit still gets its crisis
check (a crisis reply is never swallowed) and nothing more.

Before that, one chat's backlog is bounded (`admit_over_bound`, called by the update processor
for an update beyond `MAX_QUEUED_PER_CHAT` waiting ones): only the crisis check runs on it, a
crisis waits its turn like any message, anything else is dropped at once. Either way the chat
hears "one moment" at most once a window.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable
from enum import StrEnum

from telegram import Update
from telegram.ext import Application, ApplicationHandlerStop, ContextTypes, TypeHandler

from bot import strings
from bot.ops.metrics import metrics_of

log = logging.getLogger(__name__)
FLOOD_GROUP = -95  # right after the crisis check (-100), before the whole parse (lower run first)
LIMIT = 15  # messages ...
WINDOW_SECONDS = 15.0  # ... in this many seconds (a person may send a burst)
MAX_TEXT = 4096  # Telegram's own limit for one message
MAX_TRACKED_CHATS = 10_000  # forget quiet chats beyond this many


class Verdict(StrEnum):
    """What to do with one incoming message."""

    allow = "allow"
    warn = "warn"  # the first one over the limit: say "one moment", then ignore it
    drop = "drop"  # further ones: ignore silently


class FloodLimiter:
    """A sliding window per chat; bounded memory (limit + 1 times per chat; quiet chats go)."""

    def __init__(
        self,
        *,
        limit: int = LIMIT,
        window: float = WINDOW_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        max_chats: int = MAX_TRACKED_CHATS,
    ) -> None:
        if limit < 1 or window <= 0:
            raise ValueError("the flood limit needs limit >= 1 and window > 0")
        self.limit, self.window, self.clock, self.max_chats = limit, window, clock, max_chats
        self._times: dict[int, deque[float]] = {}
        self._told: dict[int, float] = {}  # chat -> when it last heard "one moment"

    def check(self, chat_id: int) -> Verdict:
        """Count one message from this chat and say whether to handle it."""
        now = self.clock()
        times = self._times.get(chat_id)
        if times is None:
            self._forget_quiet(now)
            times = self._times[chat_id] = deque(maxlen=self.limit + 1)
        times.append(now)
        if len(times) <= self.limit or now - times[0] > self.window:
            return Verdict.allow
        return Verdict.warn if self.tell(chat_id) else Verdict.drop

    def tell(self, chat_id: int) -> bool:
        """Whether this chat is to hear "one moment" now (at most once a window; noted)."""
        now = self.clock()
        last = self._told.get(chat_id)
        if last is not None and now - last <= self.window:
            return False
        if len(self._told) >= self.max_chats:
            self._told = {c: t for c, t in self._told.items() if now - t <= self.window}
        self._told[chat_id] = now
        return True

    def tracked(self) -> int:
        """How many chats are being tracked now."""
        return len(self._times)

    def _forget_quiet(self, now: float) -> None:
        if len(self._times) < self.max_chats:
            return
        for chat_id in [c for c, t in self._times.items() if now - t[-1] > self.window]:
            del self._times[chat_id]
        while len(self._times) >= self.max_chats:  # everyone is busy: drop the oldest tracked
            del self._times[next(iter(self._times))]


async def check_flood(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Let a message through, or say "one moment" once and ignore the excess (after crisis)."""
    chat, message = update.effective_chat, update.effective_message
    if chat is None or (message is None and update.callback_query is None):
        return
    limiter: FloodLimiter = context.bot_data.setdefault("flood_limiter", FloodLimiter())
    verdict = limiter.check(chat.id)
    text = (message.text or message.caption or "") if message is not None else ""
    if verdict is Verdict.allow and len(text) <= MAX_TEXT:
        return
    metrics_of(context.bot_data).flood_dropped.inc()
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
    message, chat_id = update.effective_message, update.effective_chat.id
    text = (message.text or message.caption or "")[:MAX_TEXT] if message is not None else ""
    parser = application.bot_data.get("parser")
    if text and parser is None:
        return True  # no crisis check here to tell: a crisis must not be dropped
    if text:
        from bot.handlers.safety import crisis_in  # the one crisis check (handlers import ops)

        try:
            if await crisis_in(parser, text) is not None:
                return True
        except Exception:  # the parser failed: the crisis check in its turn says the rest
            return True
    metrics_of(application.bot_data).flood_dropped.inc()
    log.info("incoming message ignored", extra={"chat_id": chat_id, "verdict": "over_bound"})
    limiter: FloodLimiter = application.bot_data.setdefault("flood_limiter", FloodLimiter())
    if update.callback_query is not None:
        await update.callback_query.answer()
    elif message is not None and limiter.tell(chat_id):
        await application.bot.send_message(chat_id, strings.OPS_ONE_MOMENT)
    return False


def add_flood_control(application: Application, limiter: FloodLimiter | None = None) -> None:
    """Install the flood check for every update, in FLOOD_GROUP (after the crisis check), and the
    backlog bound of the update processor (when it is ours)."""
    from bot.ops.processing import PerChatProcessor

    application.bot_data["flood_limiter"] = limiter or FloodLimiter()
    application.add_handler(TypeHandler(Update, check_flood), group=FLOOD_GROUP)
    processor = application.update_processor
    if isinstance(processor, PerChatProcessor):
        processor.on_over_bound = lambda update: admit_over_bound(application, update)
