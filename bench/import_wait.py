"""Benchmark: what people wait for while a coordinator imports a large feed (SQLite).

A coordinator sends a Meeting Guide JSON feed of `--meetings` online meetings and presses Apply;
0.1 s later one person writes a crisis message and another sends /help. Printed: the preview and
the apply times, and how long the two replies took, against the same replies with nothing else
going on (the baseline, in the same process). Two ways of running the import, alternated on fresh
databases: "off the loop" (`run_db_long`: a worker thread, other database work waits without
holding the event loop, a crisis reply waits at most `CRISIS_DB_WAIT`) and "inline" (`run_db`,
as before: the import holds the event loop). The real Application, parser and handlers; the Bot
API is the console's local stand-in.

    .venv/bin/python bench/import_wait.py [--meetings 2000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from load import seeded_database  # noqa: E402

import bot.handlers.common as common  # noqa: E402
from bot.app import build_application  # noqa: E402
from bot.db import make_engine, run_db, run_db_long, session_scope  # noqa: E402
from bot.ops.flood_limiter import FloodLimiter  # noqa: E402
from bot.settings import build_settings  # noqa: E402
from bot.staff.models import StaffRole  # noqa: E402
from bot.staff.roles import grant_role  # noqa: E402
from tests.staff.conftest import Chat, FileBotApi  # noqa: E402

ADMIN, COORDINATOR, PERSON, OTHER = 1000, 2000, 4000, 4001
CRISIS = "I want to kill myself tonight"


def feed(meetings: int) -> bytes:
    """A Meeting Guide JSON feed of online meetings, one a group."""
    entries = [
        {"name": f"Online Group {n}", "slug": f"online-{n}", "day": n % 7,
         "time": f"{8 + n % 12:02d}:{n % 4 * 15:02d}", "timezone": "America/New_York",
         "types": ["O", "D"], "conference_url": f"https://zoom.example/{n}"}
        for n in range(meetings)
    ]  # fmt: skip
    return json.dumps(entries).encode()


async def timed(action: Awaitable[Any], sent_at: float | None = None) -> tuple[float, Any]:
    """Seconds from when the message was sent (default: now) until its replies, and them. A
    message sent while the event loop was held is counted from when it was sent, not from when
    the loop got to it (as a real update waits in the socket)."""
    started = time.perf_counter() if sent_at is None else sent_at
    result = await action
    return time.perf_counter() - started, result


async def one_round(content: bytes, parser: Any, inline: bool) -> dict[str, float]:
    """A fresh database and Application; the baseline replies, then the import with replies."""
    folder, url = seeded_database("import")
    engine = make_engine(url)
    with session_scope(engine) as session:
        grant_role(session, user_id=COORDINATOR, role=StaffRole.coordinator, granted_by=ADMIN,
                   now=datetime.now(UTC), display_name="Cora")  # fmt: skip
    settings = build_settings(
        DATABASE_URL=url, FIRSTSTEP_DATA_DIR=str(folder), TELEGRAM_BOT_TOKEN=""
    )
    api = FileBotApi()
    application = build_application(settings, engine=engine, parser=parser, request=api)
    application.bot_data.flood_limiter = FloodLimiter(limit=10_000)
    application.bot.rate_limiter.lift_overall_limit()
    chats = {who: Chat(application, api, chat_id=who) for who in (COORDINATOR, PERSON, OTHER)}
    common.run_db_long = run_db if inline else run_db_long  # type: ignore[assignment]
    figures: dict[str, float] = {}
    async with application:
        await chats[PERSON].send("/start")
        await chats[OTHER].send("/start")
        figures["crisis alone"], _ = await timed(chats[PERSON].send(CRISIS))
        figures["help alone"], _ = await timed(chats[OTHER].send("/help"))
        await chats[COORDINATOR].send("/import AA")
        figures["preview"], preview = await timed(
            chats[COORDINATOR].send_document("f.json", content)
        )
        assert preview and preview[-1].labels == ["Apply", "Cancel"], preview[-1].plain
        apply = asyncio.ensure_future(timed(chats[COORDINATOR].press("Apply")))
        sent_at = time.perf_counter() + 0.1
        await asyncio.sleep(0.1)  # late if the import holds the loop: counted from sent_at
        crisis = asyncio.ensure_future(timed(chats[PERSON].send(CRISIS), sent_at))
        helped = asyncio.ensure_future(timed(chats[OTHER].send("/help"), sent_at))
        figures["apply"], applied = await apply
        assert applied[-1].plain.startswith("Imported:"), applied[-1].plain
        figures["crisis during"], replies = await crisis
        assert replies and "988" in replies[0].plain
        figures["help during"], _ = await helped
    engine.dispose()
    common.run_db_long = run_db_long  # type: ignore[assignment]
    return figures


async def main(args: Any) -> None:
    """Alternate the two ways; print medians."""
    from bot.handlers.safety import CRISIS_DB_WAIT
    from nlp import load_parser

    logging.disable(logging.ERROR)  # the bot's own log lines ("crisis reply", "database slow ...")
    parser = load_parser()
    content = feed(args.meetings)
    print(
        f"import_wait: a {len(content) / 1000:.0f} KB feed of {args.meetings} meetings, "
        f"{args.rounds} rounds each way; a crisis reply waits for the database at most "
        f"{CRISIS_DB_WAIT:.1f} s"
    )
    results: dict[str, list[dict[str, float]]] = {"off the loop": [], "inline": []}
    for _ in range(args.rounds):
        for way in results:
            results[way].append(await one_round(content, parser, inline=way == "inline"))
    for way, rounds in results.items():
        med: Callable[[str], float] = lambda key: statistics.median(r[key] for r in rounds)  # noqa: E731, B023
        print(
            f"  {way}: preview {med('preview'):.2f} s, apply {med('apply'):.2f} s; during the "
            f"apply a crisis reply took {med('crisis during'):.2f} s and /help "
            f"{med('help during'):.2f} s (alone: {med('crisis alone') * 1000:.0f} ms and "
            f"{med('help alone') * 1000:.0f} ms)"
        )


if __name__ == "__main__":
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--meetings", type=int, default=2000)
    options.add_argument("--rounds", type=int, default=3)
    asyncio.run(main(options.parse_args()))
