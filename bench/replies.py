"""Benchmark: CPU per reply sent, PTB's `send_message` (builds the answer into a `Message`) vs
`do_api_request` without a return type (the raw answer, what `bot.delivery.post_only` uses).

The Bot API is answered in this process with a fixed body (no network), through the bot's own
rate limiter with the overall limit lifted, so the figures are PTB's own work per call. Prints the
median over rounds of the microseconds of CPU per call, and the ratio.

    .venv/bin/python bench/replies.py [--calls 5000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
import warnings
from pathlib import Path
from typing import Any

from telegram.constants import ParseMode
from telegram.ext import ExtBot
from telegram.request import BaseRequest, RequestData
from telegram.warnings import PTBUserWarning

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.delivery import RetryingRateLimiter

ANSWER = (
    b'{"ok":true,"result":{"message_id":1,"date":1,"chat":{"id":1,"type":"private",'
    b'"first_name":"A"},"from":{"id":7,"is_bot":true,"first_name":"firststep"},'
    b'"text":"A short, warm reply of a few words, as the bot sends them."}}'
)
ME = b'{"ok":true,"result":{"id":7,"is_bot":true,"first_name":"firststep","username":"fs_bot"}}'
TEXT = "A short, warm reply of a few words, as the bot sends them."


class Answered(BaseRequest):
    """Every call answered at once with ANSWER."""

    @property
    def read_timeout(self) -> float | None:
        return None

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, **_: Any
    ) -> tuple[int, bytes]:
        return 200, ME if url.endswith("/getMe") else ANSWER


async def send_message(bot: ExtBot[Any]) -> None:
    await bot.send_message(1, TEXT, parse_mode=ParseMode.HTML)


async def raw(bot: ExtBot[Any]) -> None:
    # PTB warns that sendMessage has its own method: that is the comparison made here.
    await bot.do_api_request(
        "sendMessage", api_kwargs={"chat_id": 1, "text": TEXT, "parse_mode": ParseMode.HTML}
    )


async def one_round(bot: ExtBot[Any], way: Any, calls: int) -> float:
    """CPU microseconds per call over `calls` calls."""
    started = time.process_time()
    for _ in range(calls):
        await way(bot)
    return (time.process_time() - started) / calls * 1e6


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    warnings.filterwarnings("ignore", "Please use", PTBUserWarning)
    limiter = RetryingRateLimiter()
    limiter.lift_overall_limit()
    bot: ExtBot[Any] = ExtBot("123:abc", request=Answered(), rate_limiter=limiter)
    async with bot:
        figures: dict[str, list[float]] = {"send_message": [], "do_api_request": []}
        for _ in range(args.rounds):
            figures["send_message"].append(await one_round(bot, send_message, args.calls))
            figures["do_api_request"].append(await one_round(bot, raw, args.calls))
    medians = {k: statistics.median(v) for k, v in figures.items()}
    for name, value in medians.items():
        print(f"{name:>15}: {value:6.1f} us CPU per call (median of {args.rounds} rounds)")
    ratio = medians["send_message"] / medians["do_api_request"]
    print(f"send_message / do_api_request: {ratio:.2f}")


if __name__ == "__main__":
    asyncio.run(main())
