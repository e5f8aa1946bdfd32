"""Concurrent across people, in order for each person, with every update counted and timed."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot.ops.metrics import Metrics, update_kind

log = logging.getLogger(__name__)
MAX_CONCURRENT_UPDATES = 256
MAX_QUEUED_PER_CHAT = 20  # one chat's updates waiting at once; beyond: crisis check, else dropped
# Not failures of a handler: the process is being stopped, or the task cancelled.
_PASS_THROUGH = (asyncio.CancelledError, KeyboardInterrupt, SystemExit, GeneratorExit)
# Seconds this update spent waiting for Bot API calls (added by the rate limiter, same task).
API_WAIT: ContextVar[list[float] | None] = ContextVar("api_wait", default=None)


def note_api_wait(seconds: float) -> None:
    """Add a Bot API call's duration to the update being handled in this task, if any."""
    waited = API_WAIT.get()
    if waited is not None:
        waited[0] += seconds


class HandlerCrashed(Exception):  # named for what happened
    """A handler failed with an error that is not an `Exception` (a library's Rust panic).

    PTB passes only `Exception`s to the error handlers; this carries the others there, named by
    type (their message may quote what a person wrote).
    """


CrashReporter = Callable[[object, Exception], Awaitable[Any]]
OverBound = Callable[[object], Awaitable[bool]]
"""Told of an update beyond its chat's bound: True to handle it all the same (a crisis)."""


class _ChatQueue:
    """A lock and the number of updates of one chat waiting for it."""

    __slots__ = ("lock", "users")

    def __init__(self) -> None:
        self.lock = asyncio.Lock()
        self.users = 0


class PerChatProcessor(BaseUpdateProcessor):
    """Handles updates of different chats at once and each chat's updates one after another.

    A conversation handler is not safe for two updates of the same chat at once; one person's burst
    must not hold the shared slots either, so the per-chat lock is taken before a slot.
    """

    def __init__(
        self, max_concurrent_updates: int = MAX_CONCURRENT_UPDATES, metrics: Metrics | None = None
    ) -> None:
        super().__init__(max_concurrent_updates)
        self.metrics = metrics or Metrics()
        # A benchmark sets a list to get (total, waiting for Bot API) seconds of every update.
        self.samples: list[tuple[float, float]] | None = None
        self._chats: dict[int, _ChatQueue] = {}
        self.on_crash: CrashReporter | None = None  # set to the Application's process_error
        self.max_queued = MAX_QUEUED_PER_CHAT
        self.on_over_bound: OverBound | None = None  # None: beyond the bound is dropped
        # The checks beyond the bound are made one at a time, whichever chat flooded: work a
        # flood brings must not go before the people who wrote one message.
        self._checking = asyncio.Lock()

    def queued(self, chat_id: int) -> int:
        """How many updates of this chat are being handled or wait their turn now."""
        queue = self._chats.get(chat_id)
        return 0 if queue is None else queue.users

    async def process_update(  # type: ignore[misc]  # the base marks it final; we add the chat lock
        self, update: object, coroutine: Awaitable[Any]
    ) -> None:
        """Wait for this chat's turn, then for a free slot, then handle the update.

        Beyond `max_queued` of one chat's updates waiting, `on_over_bound` decides (a crisis is
        handled in its turn; the rest is dropped at once, never handled).
        """
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:
            await super().process_update(update, coroutine)
            return
        queue = self._chats.get(chat.id)
        if queue is None:
            queue = self._chats[chat.id] = _ChatQueue()
        queue.users += 1
        try:
            if queue.users > self.max_queued:
                async with self._checking:
                    keep = await self._over_bound(update)
                if not keep:
                    _close(coroutine)
                    return
            async with queue.lock:
                await super().process_update(update, coroutine)
        finally:
            queue.users -= 1
            if queue.users == 0:
                del self._chats[chat.id]

    async def _over_bound(self, update: object) -> bool:
        """Whether an update beyond the bound is handled all the same (its check must not fail)."""
        if self.on_over_bound is None:
            return False
        try:
            return await self.on_over_bound(update)
        except Exception as exc:  # e.g. "one moment" could not be sent: handle it after all
            log.error("backlog bound check failed", extra={"error": type(exc).__name__})
            return True

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Handle one update, counting it and timing it (in all, and without Bot API waits)."""
        self.metrics.in_flight.inc()
        waited = [0.0]
        token = API_WAIT.set(waited)
        started = time.perf_counter()
        try:
            await coroutine
        except _PASS_THROUGH:
            raise
        except BaseException as exc:  # PTB already reported every Exception; these it cannot
            if self.on_crash is None:
                raise
            crash = HandlerCrashed(f"{type(exc).__module__}.{type(exc).__qualname__}")
            await self.on_crash(update, crash.with_traceback(exc.__traceback__))
        finally:
            took = time.perf_counter() - started
            API_WAIT.reset(token)
            self.metrics.update_seconds.observe(took)
            self.metrics.update_own_seconds.observe(max(took - waited[0], 0.0))
            if self.samples is not None:
                self.samples.append((took, waited[0]))
            self.metrics.updates.labels(kind=update_kind(update)).inc()
            self.metrics.in_flight.dec()

    def waiting_chats(self) -> int:
        """How many chats have updates being handled or waiting (for tests and metrics)."""
        return len(self._chats)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to free."""


def _close(coroutine: Awaitable[Any]) -> None:
    """Let go of an update's handling that will never run (no "never awaited" warning)."""
    close = getattr(coroutine, "close", None)
    if callable(close):
        close()
