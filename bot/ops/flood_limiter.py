"""The flood limiter itself: a sliding window of message times per chat, in bounded memory.

What is done with its verdict (a calm "one moment", then the excess ignored) is `bot.ops.flood`.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from enum import StrEnum

LIMIT = 15  # messages ...
WINDOW_SECONDS = 15.0  # ... in this many seconds (a person may send a burst)
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
