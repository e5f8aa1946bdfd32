"""Benchmark: time per update through the real Application (console Bot API, seeded SQLite).

Prints medians per kind of step over N people going the whole path, and each step's ratio to the
baseline step (/help: no parsing, no matching) measured in the same process.
Run: .venv/bin/python bench/conversation.py [N] [--telegram-limits]
(--telegram-limits keeps PTB's overall 30 messages a second limit, which otherwise dominates.)
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

from bot.app import build_application
from bot.clock import FakeClock
from bot.console import ConsoleChat, LocalBotApi
from bot.db import make_engine, session_scope, upgrade
from bot.ops.flood_limiter import FloodLimiter
from bot.settings import build_settings
from directory.seed import seed
from nlp import load_parser

NOW = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)


async def one_path(chat: ConsoleChat, times: dict[str, list[float]]) -> None:
    """One person from /start to a calendar file; each step timed."""
    steps = [
        ("help (baseline)", lambda: chat.send("/help")),
        ("start", lambda: chat.send("/start")),
        ("consent", lambda: chat.press("let's start")),
        ("concern text", lambda: chat.send("I drink too much, a bottle of wine every night")),
        ("go on", lambda: chat.press("go on")),
        ("format", lambda: chat.press("In person")),
        ("place + suggestions", lambda: chat.send("Ann Arbor")),
        ("choose", lambda: chat.press("Choose 1")),
        ("when (plan)", lambda: chat.press_data("when:0")),
        ("calendar", lambda: chat.press("calendar")),
        ("crisis text", lambda: chat.send("I want to kill myself")),
    ]
    for name, step in steps:
        started = time.perf_counter()
        replies = await step()
        times[name].append(time.perf_counter() - started)
        assert replies, f"no reply to {name}"


async def main(count: int) -> None:
    """Run N paths and print the figures."""
    folder = Path(tempfile.mkdtemp(prefix="firststep-bench-"))
    url = f"sqlite:///{folder}/bench.sqlite3"
    upgrade(url)
    engine = make_engine(url)
    with session_scope(engine) as session:
        seed(session, demo=True, now=NOW)
    settings = build_settings(DATABASE_URL=url, FIRSTSTEP_DATA_DIR=str(folder))
    api = LocalBotApi()
    parser = load_parser()
    application = build_application(
        settings, engine=engine, parser=parser, clock=FakeClock(NOW), request=api
    )
    application.bot_data.flood_limiter = FloodLimiter(limit=1_000_000)
    if "--telegram-limits" not in sys.argv:  # measure the bot's own work, not the 30/s limit
        application.bot.rate_limiter.lift_overall_limit()
    times: dict[str, list[float]] = defaultdict(list)
    async with application:
        await application.start()
        for n in range(count):
            await one_path(ConsoleChat(application, api, chat_id=10_000 + n), times)
        await application.stop()
    base = statistics.median(times["help (baseline)"])
    limits = "with" if "--telegram-limits" in sys.argv else "without"
    print(f"{count} people, whole path each; parser {parser.pipeline_name}; SQLite file; {limits}")
    print("Telegram's overall rate limit")
    print(f"{'step':<22} {'median ms':>10} {'x baseline':>11}")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:<22} {median * 1000:>10.2f} {median / base:>11.2f}")
    total = sum(statistics.median(v) for v in times.values()) * 1000
    print(f"{'whole path (sum)':<22} {total:>10.2f}")


if __name__ == "__main__":
    numbers = [int(a) for a in sys.argv[1:] if a.isdigit()]
    asyncio.run(main(numbers[0] if numbers else 20))
