"""Who waits for a flood: another person's /help and a crisis reply while chats flood.

Run: `.venv/bin/python bench/flood_order.py [--before REV] [--flooders 1] [--messages 30]
[--rounds 10] [--alternations 2]`. The real Application (real parser, SQLite, every handler, flood
control, the per-chat processor) runs in a child process with its Bot API answered in memory.
Each round: `--flooders` chats each put `--messages` 4,096-character messages ("not my dad uses
heroin " repeated, slow for the parser) into the update queue at once; right after them another
person sends /help and a third writes a crisis. Measured: seconds from putting the /help (the
crisis) in the queue to the first reply to that person, and until the flood is dealt with.

With `--before REV` the same rounds also run on that revision's code (`git archive` into a temp
directory), children alternating before / after `--alternations` times, and the medians and
ratios (before / after) are printed side by side.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parents[1]
LONG = ("not my dad uses heroin " * 200)[:4096]
CRISIS = "I want to kill myself tonight"


def update(update_id: int, chat_id: int, text: str) -> dict[str, Any]:
    """A private text message update as Telegram sends it."""
    message: dict[str, Any] = {
        "message_id": update_id,
        "date": int(time.time()),
        "chat": {"id": chat_id, "type": "private", "first_name": "P"},
        "from": {"id": chat_id, "is_bot": False, "first_name": "P"},
        "text": text,
    }
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text)}]
    return {"update_id": update_id, "message": message}


async def rounds(args: argparse.Namespace) -> list[dict[str, float]]:
    """The child: run the rounds on the code on sys.path; one dict of seconds per round."""
    from telegram import Update

    from bot.app import build_application
    from bot.console import LocalBotApi
    from bot.db import upgrade
    from bot.settings import build_settings
    from nlp import load_parser

    folder = tempfile.mkdtemp(prefix="flood-order-")
    url = f"sqlite:///{folder}/bench.sqlite3"
    upgrade(url)
    settings = build_settings(
        DATABASE_URL=url,
        FIRSTSTEP_DATA_DIR=folder,
        TELEGRAM_BOT_TOKEN="4242:benchBENCHbenchBENCHbench",
    )
    first_reply: dict[int, float] = {}
    api = LocalBotApi()
    api.on_send = lambda sent: first_reply.setdefault(sent.chat_id, time.perf_counter())
    application = build_application(settings, parser=load_parser(), request=api)
    application.bot.rate_limiter.lift_overall_limit()
    processor = application.update_processor
    results: list[dict[str, float]] = []
    ids = iter(range(1, 10**9))
    async with application:
        await application.start()
        application.bot_data.parser.parse("warm up")
        for round_no in range(args.rounds):
            base = 1_000_000 * (round_no + 1)
            flooders = [base + i for i in range(args.flooders)]
            helper, crisis = base + 900_000, base + 900_001
            queue = application.update_queue
            for _ in range(args.messages):
                for chat in flooders:
                    await queue.put(Update.de_json(update(next(ids), chat, LONG), application.bot))
            started = time.perf_counter()
            await queue.put(Update.de_json(update(next(ids), helper, "/help"), application.bot))
            crisis_put = time.perf_counter()
            await queue.put(Update.de_json(update(next(ids), crisis, CRISIS), application.bot))
            while (  # noqa: ASYNC110  (polling what several tasks change)
                helper not in first_reply
                or crisis not in first_reply
                or queue.qsize()
                or processor.waiting_chats()  # type: ignore[attr-defined]
            ):
                await asyncio.sleep(0.002)
            results.append(
                {
                    "help": first_reply[helper] - started,
                    "crisis": first_reply[crisis] - crisis_put,
                    "flood": time.perf_counter() - started,
                }
            )
        await application.stop()
    return results


def child(tree: Path, args: argparse.Namespace) -> list[dict[str, float]]:
    """Run the rounds in a child process on the code in `tree`."""
    command = [
        sys.executable, str(Path(__file__).resolve()), "--child", "--rounds", str(args.rounds),
        "--flooders", str(args.flooders), "--messages", str(args.messages),
    ]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(tree), "FLOOD_ORDER_TREE": str(tree)}
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def export(revision: str) -> Path:
    """That revision's tree in a temp directory."""
    folder = Path(tempfile.mkdtemp(prefix="flood-order-before-"))
    archive = subprocess.run(
        ["git", "-C", str(HERE), "archive", revision], capture_output=True, check=True
    )
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder


def median_ms(samples: list[dict[str, float]], key: str) -> float:
    """The median of one measure, in milliseconds."""
    return statistics.median(s[key] for s in samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", help="a git revision to compare with")
    parser.add_argument("--flooders", type=int, default=1)
    parser.add_argument("--messages", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--alternations", type=int, default=2)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        sys.path.insert(0, os.environ.get("FLOOD_ORDER_TREE", str(HERE)))
        print(json.dumps(asyncio.run(rounds(args))))
        return
    trees = {"after": HERE}
    if args.before:
        trees = {"before": export(args.before), "after": HERE}
    samples: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
    for _ in range(args.alternations):
        for name, tree in trees.items():
            samples[name] += child(tree, args)
    print(
        f"{args.flooders} chat(s) flooding with {args.messages} messages of 4,096 characters, "
        f"{len(samples['after'])} rounds per side, medians:"
    )
    for key, what in (("help", "another person's /help"), ("crisis", "a crisis reply"),
                      ("flood", "the whole flood dealt with")):  # fmt: skip
        after = median_ms(samples["after"], key)
        line = f"  {what:28} after {after:8.1f} ms"
        if "before" in samples:
            before = median_ms(samples["before"], key)
            line += f"   before {before:8.1f} ms   before/after {before / after:5.2f}"
        print(line)


if __name__ == "__main__":
    main()
