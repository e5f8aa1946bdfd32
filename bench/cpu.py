"""CPU per update: the real bot against the echo bot, in this process, on the load path.

Steadier than bench/load.py for comparing two versions of the code: no HTTP, no think time, a
fixed number of people (10 at a time) each going the whole path of bench/load.py (the real bot)
or sending as many texts (the echo bot, the same ops layer). Prints the process's CPU time per
update handled (the people's own work included, the same in both), median of the rounds, and the
ratio real / echo measured in the same process.

    .venv/bin/python bench/cpu.py [--people 150] [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import load  # noqa: E402

AT_ONCE = 10
WARM_UP = 20


async def one_round(people: int, echo: bool, workdir: Path, url: str, base: int) -> float:
    """CPU milliseconds per update over `people` whole paths (after a warm-up)."""
    tap = load.DirectApi()
    bot = load.InProcessBot(tap, url, workdir, echo)
    await bot.ready()
    gate = asyncio.Semaphore(AT_ONCE)
    kind = load.Echo if echo else load.SimPerson
    options: Any = argparse.Namespace(think=(0.0, 0.0))

    async def walk(chat_id: int) -> None:
        async with gate:
            outcome = await kind(chat_id, tap, "", None, options).run()  # type: ignore[arg-type]
            tap.inbox.pop(chat_id, None)
            if outcome is not None:
                raise SystemExit(f"a person failed: {outcome}")

    try:
        await asyncio.gather(*(walk(base + n) for n in range(WARM_UP)))
        samples = bot.application.update_processor.samples
        samples.clear()
        started = time.process_time()
        await asyncio.gather(*(walk(base + n) for n in range(WARM_UP, WARM_UP + people)))
        used = time.process_time() - started
        return used * 1000 / max(len(samples), 1)
    finally:
        await bot.close()


async def main(args: Any) -> None:
    """A seeded SQLite file; rounds of echo and real, alternating; the figures."""
    workdir, url = load.seeded_database("cpu")
    logging.disable(logging.WARNING)
    echo, real = [], []
    for n in range(args.rounds):
        echo.append(await one_round(args.people, True, workdir, url, 1_000_000 * (2 * n + 1)))
        real.append(await one_round(args.people, False, workdir, url, 1_000_000 * (2 * n + 2)))
    shown = " ".join(f"{v:.2f}" for v in real)
    print(f"{args.people} people a round, {AT_ONCE} at once, {args.rounds} rounds; CPU per update")
    print(f"  echo bot:  median {statistics.median(echo):.2f} ms")
    print(f"  real bot:  median {statistics.median(real):.2f} ms   (rounds: {shown})")
    print(f"  ratio real / echo: {statistics.median(real) / statistics.median(echo):.1f}x")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=150, help="whole paths per round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of each bot")
    asyncio.run(main(parser.parse_args()))
