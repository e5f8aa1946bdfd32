"""Outgoing pacing: the Application and the follow-ups worker never send 31 in one second."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from sqlalchemy.engine import Engine
from telegram.ext import AIORateLimiter

from bot.app import build_application
from bot.console import LocalBotApi
from bot.followups.worker import rate_limiter
from bot.limits import TELEGRAM_LIMITS
from bot.settings import Settings

SENDS = 45  # a burst of follow-ups or replies, more than one second's worth


def busiest_second(times: list[float]) -> int:
    """The most timestamps inside any one-second window."""
    times = sorted(times)
    best, first = 0, 0
    for last, at in enumerate(times):
        while at - times[first] >= 1.0:
            first += 1
        best = max(best, last - first + 1)
    return best


async def burst(limiter: Any, count: int = SENDS) -> list[float]:
    """Send `count` messages to different private chats at once; when each one left."""
    sent: list[float] = []

    async def send(*_args: Any, **_kwargs: Any) -> bool:
        sent.append(time.monotonic())
        return True

    await asyncio.gather(
        *(
            limiter.process_request(send, (), {}, "sendMessage", {"chat_id": 1000 + i}, None)
            for i in range(count)
        )
    )
    return sent


def build(settings: Settings, engine: Engine) -> Any:
    """The real Application (its rate limiter untouched)."""
    return build_application(settings, engine=engine, parser=object(), request=LocalBotApi())


async def test_application_never_sends_more_than_30_in_a_second(
    settings: Settings, engine: Engine
) -> None:
    """A burst through the Application's own limiter is paced at one every 1/30 s."""
    application = build(settings, engine)
    sent = await burst(application.bot.rate_limiter)
    assert len(sent) == SENDS
    assert busiest_second(sent) <= 30


async def test_ptb_default_bucket_would_burst_past_30() -> None:
    """The check above can fail: PTB's default bucket lets more than 30 out in the first second."""
    sent = await burst(AIORateLimiter())
    assert busiest_second(sent) > 30


def test_application_and_worker_share_one_definition(settings: Settings, engine: Engine) -> None:
    """Both limiters are built from bot.limits (one message per 1/30 s, 20 a minute per group)."""
    app_limiter = build(settings, engine).bot.rate_limiter
    worker_limiter = rate_limiter("smooth")
    assert worker_limiter is not None
    for limiter in (app_limiter, worker_limiter):
        assert limiter._base_limiter.max_rate == TELEGRAM_LIMITS["overall_max_rate"]
        assert limiter._base_limiter.time_period == TELEGRAM_LIMITS["overall_time_period"]
        assert limiter._group_max_rate == TELEGRAM_LIMITS["group_max_rate"]
        assert limiter._group_time_period == TELEGRAM_LIMITS["group_time_period"]
    assert TELEGRAM_LIMITS["overall_max_rate"] / TELEGRAM_LIMITS["overall_time_period"] == 30
