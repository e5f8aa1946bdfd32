"""Per-person flood control on incoming messages: a calm "one moment", then the excess is ignored.

The handler runs in `FLOOD_GROUP`, after the crisis check (which runs in a lower group), so a
message over the limit still gets its crisis check: a crisis reply is never swallowed.
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
FLOOD_GROUP = -50  # after the crisis check (lower group numbers run first)
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
        self._warned: set[int] = set()

    def check(self, chat_id: int) -> Verdict:
        """Count one message from this chat and say whether to handle it."""
        now = self.clock()
        times = self._times.get(chat_id)
        if times is None:
            self._forget_quiet(now)
            times = self._times[chat_id] = deque(maxlen=self.limit + 1)
        times.append(now)
        if len(times) <= self.limit or now - times[0] > self.window:
            self._warned.discard(chat_id)
            return Verdict.allow
        if chat_id in self._warned:
            return Verdict.drop
        self._warned.add(chat_id)
        return Verdict.warn

    def tracked(self) -> int:
        """How many chats are being tracked now."""
        return len(self._times)

    def _forget_quiet(self, now: float) -> None:
        if len(self._times) < self.max_chats:
            return
        for chat_id in [c for c, t in self._times.items() if now - t[-1] > self.window]:
            del self._times[chat_id]
            self._warned.discard(chat_id)
        while len(self._times) >= self.max_chats:  # everyone is busy: drop the oldest tracked
            oldest = next(iter(self._times))
            del self._times[oldest]
            self._warned.discard(oldest)


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


def add_flood_control(application: Application, limiter: FloodLimiter | None = None) -> None:
    """Install the flood check for every update, in FLOOD_GROUP (after the crisis check)."""
    application.bot_data["flood_limiter"] = limiter or FloodLimiter()
    application.add_handler(TypeHandler(Update, check_flood), group=FLOOD_GROUP)
