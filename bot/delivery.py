"""Sending to Telegram reliably: flood control waits and retries, network errors retry (bounded)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Bot
from telegram.error import BadRequest, NetworkError, TimedOut

from bot.ops.outgoing import CountingRateLimiter

log = logging.getLogger(__name__)


async def post_only(bot: Bot, method: str, **params: Any) -> None:
    """Call a Bot API method whose answer the bot does not use (a reply, a keyboard removed).

    It goes the same way as `bot.send_message` and its kin (defaults, the rate limiter, retries,
    the transport, errors raised alike) but the answer is not built into PTB objects: building
    the `Message` of each reply cost about a quarter of a millisecond of CPU, a twentieth of an
    update's whole work, for an object nobody read. None values are left out, as PTB does.
    """
    await bot._post(method, {k: v for k, v in params.items() if v is not None})


class RetryingRateLimiter(CountingRateLimiter):
    """Ops' counting rate limiter (waits out RetryAfter) plus bounded retries of network errors."""

    def __init__(self, *, network_retries: int = 3, backoff: float = 0.5) -> None:
        super().__init__()
        self.network_retries = network_retries
        self.backoff = backoff

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        """Send through the rate limiter; on a network error or time-out, wait and try again."""
        for attempt in range(self.network_retries + 1):
            try:
                return await super().process_request(
                    callback, args, kwargs, endpoint, data, rate_limit_args
                )
            except BadRequest:
                raise
            except (TimedOut, NetworkError) as exc:
                if attempt >= self.network_retries or endpoint == "getUpdates":
                    raise
                delay = self.backoff * 2**attempt
                log.warning(
                    "retrying after a network error",
                    extra={
                        "endpoint": endpoint,
                        "attempt": attempt + 1,
                        "error": type(exc).__name__,
                    },
                )
                await asyncio.sleep(delay)
        raise AssertionError("unreachable")
