"""Run the follow-ups alone in a process: a real PTB Application (JobQueue, AIORateLimiter) that
sends what is due and nothing else. Used by the restart test and the benchmark:

    python -m bot.followups.worker --lease-seconds 2

Settings come from the environment (TELEGRAM_BOT_TOKEN, TELEGRAM_API_BASE_URL, DATABASE_URL ...).
Prints one line `ready <seconds>` once the first dispatch run after start has finished.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
import time
from datetime import timedelta
from typing import Any

from telegram.ext import AIORateLimiter, Application

from bot.db import make_engine
from bot.followups.scheduler import install, service
from bot.limits import TELEGRAM_LIMITS
from bot.services import CONTEXT_TYPES
from bot.settings import Settings, SettingsError, build_settings


def rate_limiter(kind: str) -> AIORateLimiter | None:
    """PTB's AIORateLimiter: "smooth" (bot.limits, as the bot's Application: 1 per 1/30 s, never
    more than 30 in any second), "ptb" (PTB's default 30 per 1 s bucket, for comparison: bursts
    of ~54 in the first second), or None for "off"."""
    if kind == "off":
        return None
    if kind == "smooth":
        return AIORateLimiter(**TELEGRAM_LIMITS)
    return AIORateLimiter()


def build_worker(
    settings: Settings, *, rate: str = "smooth", **options: Any
) -> Application[Any, Any, Any, Any, Any, Any]:
    """An Application with the rate limiter and the follow-ups installed (no update polling)."""
    builder = (
        Application.builder()
        .token(settings.token or "0:offline")
        .base_url(settings.telegram_api_base_url)
        .context_types(CONTEXT_TYPES)
    )
    limiter = rate_limiter(rate)
    # the bot's type follows the limiter: ExtBot[None] without one, ExtBot[int] with PTB's
    application: Application[Any, Any, Any, Any, Any, Any] = (
        builder.build() if limiter is None else builder.rate_limiter(limiter).build()
    )
    application.bot_data.set_up(
        settings=settings, engine=make_engine(settings.effective_database_url)
    )
    install(application, **options)
    return application


async def serve(application: Application[Any, Any, Any, Any, Any, Any], started: float) -> None:
    """Start, report readiness, and run until SIGTERM/SIGINT."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    async with application:
        await application.start()
        svc = service(application)
        svc.loop = loop
        await svc.ran.wait()
        sys.stdout.write(f"ready {time.perf_counter() - started:.4f}\n")
        sys.stdout.flush()
        await stop.wait()
        await application.stop()


def main(argv: list[str] | None = None) -> int:
    """Entry point: parse options, build, serve."""
    started = time.perf_counter()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lease-seconds", type=float, default=300.0)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--rate", choices=("smooth", "ptb", "off"), default="smooth")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    try:
        settings = build_settings()
    except SettingsError as exc:
        sys.stderr.write(f"followups worker: {exc}\n")
        return 2
    application = build_worker(
        settings,
        rate=args.rate,
        lease=timedelta(seconds=args.lease_seconds),
        concurrency=args.concurrency,
    )
    asyncio.run(serve(application, started))
    return 0


if __name__ == "__main__":
    sys.exit(main())
