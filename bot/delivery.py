"""Sending to Telegram reliably: flood control waits and retries, network errors retry (bounded)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram import Bot
from telegram.error import BadRequest, NetworkError, TimedOut

from bot.ops.outgoing import CountingRateLimiter

log = logging.getLogger(__name__)


async def post_only(bot: Bot, method: str, **params: Any) -> None:
    """Send a reply or remove a keyboard, through PTB's public `send_message` /
    `edit_message_reply_markup` (None values are PTB's own defaults).

    This once called a private method of PTB's Bot to skip building the answer into a `Message`.
    `bench/replies.py` (5 rounds of 3,000 calls): `send_message` 144 us of CPU a call,
    `do_api_request` with the raw answer 33 us (4.4x). Telegram lets a bot send about 30 messages
    a second, so the difference is at most ~3.3 ms of CPU a second (0.3% of a core): not worth
    a private API. The conversation's handlers (bot/handlers/common.py) may call the two methods
    directly; this function stays only until they do.
    """
    calls: dict[str, Callable[..., Awaitable[object]]] = {
        "sendMessage": bot.send_message,
        "editMessageReplyMarkup": bot.edit_message_reply_markup,
    }
    await calls[method](**params)


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
