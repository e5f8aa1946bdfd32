"""What one large webhook body costs the server: PTB's own webhook server against ours.

Run: `.venv/bin/python bench/webhook_body.py [--mb 90]`. For each server, and with the wrong and
the right secret token, a child process serves the webhook (an Application answering Bot API calls
in memory) and curl, another process, posts one body of `--mb` megabytes; printed: the status the
client got and the server's resident memory before and at its peak.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SECRET = "bench-secret"


def rss_mb() -> float:
    """This process's resident memory now, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024
    return 0.0


async def serve_one(which: str, secret: str, body_file: str) -> str:
    """The child: serve with `which` server, let curl post the body once; one line of figures."""
    from telegram.ext import Application

    from bot.console import LocalBotApi
    from bot.ops.webhook_server import start_webhook

    api = LocalBotApi()
    app = Application.builder().token("1:bench").request(api).get_updates_request(api).build()
    port = 18000 + os.getpid() % 1000
    async with app:
        await app.start()
        assert app.updater is not None
        options = {"listen": "127.0.0.1", "port": port, "url_path": "hook", "secret_token": SECRET}
        if which == "ptb":
            await app.updater.start_webhook(**options)  # type: ignore[arg-type]
        else:
            server = await start_webhook(
                app, webhook_url="http://127.0.0.1/hook", allowed_updates=[], **options
            )  # type: ignore[arg-type]
        before = rss_mb()
        curl = await asyncio.create_subprocess_exec(
            "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
            "-H", "Content-Type: application/json",
            "-H", f"X-Telegram-Bot-Api-Secret-Token: {secret}",
            "--data-binary", f"@{body_file}", f"http://127.0.0.1:{port}/hook",
            stdout=asyncio.subprocess.PIPE,
        )  # fmt: skip
        status = (await curl.communicate())[0].decode()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        await (app.updater.stop() if which == "ptb" else server.stop())
        await app.stop()
    told = "right" if secret == SECRET else "wrong"
    return f"{which:4} server, {told} secret: status {status}, {before:.0f} MB, peak {peak:.0f} MB"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=int, default=90)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        sys.path.insert(0, str(ROOT))
        print(asyncio.run(serve_one(*args.child)))
        return
    with tempfile.NamedTemporaryFile(suffix=".json") as body:
        body.write(b'{"update_id": 1, "x": "')
        for _ in range(args.mb):  # a megabyte at a time: the children's peak must not be ours
            body.write(b"a" * (1 << 20))
        body.write(b'"}')
        body.flush()
        for which in ("ptb", "ours"):
            for secret in ("wrong", SECRET):
                command = [sys.executable, __file__, "--child", which, secret, body.name]
                print(subprocess.run(command, capture_output=True, text=True).stdout.strip())


if __name__ == "__main__":
    main()
