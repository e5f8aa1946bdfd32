"""Benchmark: CPU time per Bot API call, PTB's httpx transport (baseline) vs ours on aiohttp.

A local HTTP server (a child process, so its work is not counted) answers sendMessage like the
Bot API; both transports make the same calls through PTB's `BaseRequest.post` (what the bot does
for every reply), many in flight at once as under load. Prints, per transport, the median over
rounds of this process's CPU milliseconds per call and wall seconds per round, and the ratio.

    .venv/bin/python bench/transport.py [--calls 2000] [--rounds 5] [--in-flight 256]
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import resource
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from aiohttp import web
from telegram.request import BaseRequest, HTTPXRequest, RequestData
from telegram.request._requestparameter import RequestParameter

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.ops.transport import AiohttpRequest

PORT = 8765
ANSWER = (
    b'{"ok":true,"result":{"message_id":1,"date":1,"chat":{"id":1,"type":"private"},'
    b'"text":"hello"}}'
)


def serve() -> None:
    """The stand-in Bot API (child process)."""

    async def answer(request: web.Request) -> web.Response:
        await request.read()
        return web.Response(body=ANSWER, content_type="application/json")

    app = web.Application()
    app.router.add_post("/{path:.*}", answer)
    web.run_app(app, host="127.0.0.1", port=PORT, print=None)


def cpu() -> float:
    """CPU seconds of this process so far (user + system, all threads)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def one_round(request: BaseRequest, calls: int, in_flight: int) -> tuple[float, float]:
    """`calls` sendMessage calls, at most `in_flight` at once: (CPU ms per call, wall seconds)."""
    url = f"http://127.0.0.1:{PORT}/bot123:abc/sendMessage"
    text = "A short, warm reply of a few words, as the bot sends them. " * 3
    gate = asyncio.Semaphore(in_flight)

    async def call(n: int) -> None:
        data = RequestData(
            [
                RequestParameter.from_input("chat_id", 1_000 + n),
                RequestParameter.from_input("text", text),
                RequestParameter.from_input("parse_mode", "HTML"),
            ]
        )
        async with gate:
            await request.post(url, request_data=data)

    started_cpu, started = cpu(), time.perf_counter()
    await asyncio.gather(*(call(n) for n in range(calls)))
    return (cpu() - started_cpu) * 1000 / calls, time.perf_counter() - started


async def measure(args: Any) -> None:
    """Both transports, alternating rounds, then the figures."""
    transports: dict[str, BaseRequest] = {
        "httpx (PTB default, baseline)": HTTPXRequest(connection_pool_size=args.in_flight),
        "aiohttp (bot.ops.transport)": AiohttpRequest(connection_pool_size=args.in_flight),
    }
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in transports}
    for request in transports.values():
        await request.initialize()
        await one_round(request, 100, args.in_flight)  # connections open, code warm
    for _ in range(args.rounds):
        for name, request in transports.items():
            results[name].append(await one_round(request, args.calls, args.in_flight))
    for request in transports.values():
        await request.shutdown()
    print(
        f"{args.calls} sendMessage calls per round, {args.in_flight} in flight, "
        f"{args.rounds} rounds (medians):"
    )
    medians = {}
    for name, rounds in results.items():
        medians[name] = statistics.median(c for c, _ in rounds)
        wall = statistics.median(w for _, w in rounds)
        print(f"  {name:<32} {medians[name]:6.3f} ms CPU per call, {wall:5.2f} s per round")
    base, ours = medians.values()
    print(f"  CPU per call, httpx / aiohttp: {base / ours:.1f}x")


def main() -> None:
    """Start the stand-in server, measure, stop it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--in-flight", type=int, default=256)
    args = parser.parse_args()
    server = multiprocessing.Process(target=serve, daemon=True)
    server.start()
    time.sleep(1.5)
    try:
        asyncio.run(measure(args))
    finally:
        server.terminate()


if __name__ == "__main__":
    main()
