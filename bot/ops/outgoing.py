"""Outgoing calls: PTB's rate limiter (Telegram's limits, retries after 429), counted and timed.

Crisis responses are counted where they are sent (bot.crisis.send_crisis), not recognised here.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.ext import AIORateLimiter

from bot.limits import TELEGRAM_LIMITS, RateLimits
from bot.ops.metrics import Metrics
from bot.ops.processing import note_api_wait

MAX_RETRIES = 3  # after a 429, wait retry_after and try again, up to this many times
REPLY_METHODS = frozenset(
    {
        "sendMessage",
        "sendDocument",
        "sendPhoto",
        "sendLocation",
        "sendVenue",
        "editMessageText",
        "editMessageReplyMarkup",
        "answerCallbackQuery",
    }
)
OTHER_METHODS = frozenset({"getUpdates", "getMe", "setWebhook", "deleteWebhook", "setMyCommands"})


class CountingRateLimiter(AIORateLimiter):
    """AIORateLimiter (bot.limits: one per 1/30 s, 20 a minute per group) that counts replies."""

    def __init__(self, metrics: Metrics | None = None, *, max_retries: int = MAX_RETRIES) -> None:
        super().__init__(max_retries=max_retries, **TELEGRAM_LIMITS)
        self.max_retries = max_retries
        self.metrics = metrics or Metrics()

    @property
    def metrics(self) -> Metrics:
        """Where calls are counted and timed."""
        return self._metrics

    @metrics.setter
    def metrics(self, metrics: Metrics) -> None:
        self._metrics = metrics
        self._timers: dict[str, Any] = {}  # labelled children, looked up once per method
        self._counters: dict[str, Any] = {}

    def lift_overall_limit(self) -> None:
        """Drop the overall 30-a-second limit (tests and benchmarks against a local Bot API only),
        before the Application starts.

        PTB sets its limits only in `AIORateLimiter.__init__` (an overall rate of 0 turns the
        overall limit off) and offers no public setter, so its constructor is run again with
        that rate; the per-group limit and the retries stay as they were.
        """
        limits: RateLimits = {**TELEGRAM_LIMITS, "overall_max_rate": 0}
        AIORateLimiter.__init__(self, max_retries=self.max_retries, **limits)

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        """Run the call under the limits; count and time it under a fixed method label."""
        started = time.perf_counter()
        try:
            result = await super().process_request(
                callback, args, kwargs, endpoint, data, rate_limit_args
            )
        except Exception as exc:
            self.metrics.telegram_errors.labels(error=type(exc).__name__).inc()
            raise
        finally:
            took = time.perf_counter() - started
            self._timer(endpoint).observe(took)
            note_api_wait(took)
        counter = self._counter(endpoint)
        if counter is not None:
            counter.inc()
        return result

    def _timer(self, endpoint: str) -> Any:
        """The latency histogram of a method (fixed labels; unknown methods are "other")."""
        timer = self._timers.get(endpoint)
        if timer is None:
            known = endpoint in REPLY_METHODS or endpoint in OTHER_METHODS
            label = endpoint if known else "other"
            timer = self._timers[endpoint] = self.metrics.telegram_seconds.labels(method=label)
        return timer

    def _counter(self, endpoint: str) -> Any:
        """The reply counter of a reply method, None for other calls."""
        if endpoint not in REPLY_METHODS:
            return None
        counter = self._counters.get(endpoint)
        if counter is None:
            counter = self._counters[endpoint] = self.metrics.replies.labels(method=endpoint)
        return counter
