"""Load: hundreds of simulated people at once, each on a realistic path, through the emulator.

The real bot (build_application: real parser, database, handlers, flood control) runs in a child
process polling the Bot API emulator (telegram-test-api, through the e2e harness's front); this
process plays the people. Each person: /start, consent, describes a concern, goes on, in person,
a town, chooses a group, (declines the contact), picks a day: a plan; half then /forget.

`--people` conversations go on at once: the first people arrive spread over `--ramp` seconds (a
crowd does not press /start in the same instant), and whoever finishes is followed at once by a
new person in a new chat, so the crowd stays the same size. After the ramp-up, `--waves` windows
of `--window` seconds are measured, each printing: updates handled per second by the bot,
bot-side latency per update (p50 / p95 / p99, measured inside the bot around the handling of each
update, without its waits for the Bot API), conversations finished, errors, the bot's CPU time per
update and its resident memory (which must not grow with the conversations finished), and,
through the emulator, how busy the cores were (the bot, node, this process). Baseline in
the same run: an echo bot (the same ops layer and transport, one reply per update) driven by the
same crowd. With `--ramp 0` everyone arrives at once (a burst).

Everything runs on 127.0.0.1. The bot's overall 30 messages/second rate limit (Telegram's own) is
lifted in the child so the figures show the bot's capacity, not Telegram's limit.

    .venv/bin/python bench/load.py [--people 300] [--waves 3] [--window 20] [--ramp 10]
                                   [--think 0.8 1.6] [--direct]

--direct runs the bot in this process with no HTTP at all: its Bot API calls are answered in
memory and the people's actions go straight into its update queue (the capacity of the bot itself;
the people's own work then shares the bot's process).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import itertools
import json
import os
import random
import resource
import signal
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web
from telegram import Update
from telegram.request import BaseRequest, RequestData

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot import strings  # noqa: E402
from tests.e2e.harness import BotApiFront, Emulator  # noqa: E402

CONCERNS = [
    "I drink too much, a bottle of wine every night",
    "I think I have a problem with alcohol, I drink every day",
    "I can't stop drinking and it is ruining my job",
    "I've been drinking heavily since my divorce",
    "I drink alone most evenings and can't cut down",
]
PLACES = ["Ann Arbor", "Ann Arbor, MI", "Ann Arbor Michigan"]
WAIT = 30.0  # seconds a person waits for the bot before counting an error


class ReplyTap(BotApiFront):
    """The e2e front, also handing each message the bot sends to the waiting person."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.inbox: dict[int, asyncio.Queue[dict[str, Any]]] = defaultdict(asyncio.Queue)

    async def _handle(self, request: web.Request) -> web.Response:
        response = await super()._handle(request)
        if request.match_info["method"].lower() in ("sendmessage", "senddocument"):
            body = json.loads(response.body or b"{}")  # type: ignore[arg-type]
            message = body.get("result")
            if body.get("ok") and isinstance(message, dict) and "chat" in message:
                self.inbox[int(message["chat"]["id"])].put_nowait(message)
        return response


class DirectApi(BaseRequest):
    """Capacity mode: no HTTP at all. The bot runs in this process; its Bot API calls are answered
    here (its messages go straight to the people) and the people's actions go straight into the
    Application's update queue, so the figures show what the bot itself can do."""

    def __init__(self) -> None:
        self.token = "4242:directBENCHdirectBENCHdirectBENCH"
        self.inbox: dict[int, asyncio.Queue[dict[str, Any]]] = defaultdict(asyncio.Queue)
        self.application: Any = None
        self._ids = itertools.count(1)

    @property
    def read_timeout(self) -> float | None:
        """No network, no time-out."""
        return None

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, **_: Any
    ) -> tuple[int, bytes]:
        """Answer one Bot API call in memory."""
        name = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data else {}
        result: Any = True
        if name == "getMe":
            result = {"id": 4242, "is_bot": True, "first_name": "bench", "username": "bench_bot"}
        elif name == "getUpdates":
            result = []
        elif name in ("sendMessage", "sendDocument"):
            chat_id = int(params["chat_id"])
            chat = {"id": chat_id, "type": "private", "first_name": "P"}
            result = {"message_id": next(self._ids), "date": int(time.time()), "chat": chat}
            result["text"] = params.get("text") or params.get("caption") or ""
            markup = params.get("reply_markup")
            shown = {
                **result,
                "reply_markup": json.loads(markup) if isinstance(markup, str) else markup,
            }
            self.inbox[chat_id].put_nowait(shown)
        return 200, json.dumps({"ok": True, "result": result}).encode()

    async def start(self) -> None:
        """Nothing to serve (the Application is attached by the caller)."""

    async def stop(self) -> None:
        """Nothing to stop."""

    def take(self, route: str, payload: dict[str, Any]) -> None:
        """A person's action (as sent to the emulator's client API) becomes an update."""
        update_id = next(self._ids)
        if route == "sendCallback":
            query = {
                "id": str(update_id),
                "chat_instance": "bench",
                "from": payload["from"],
                "message": payload["message"],
                "data": payload["data"],
            }
            raw = {"update_id": update_id, "callback_query": query}
        else:
            message = {k: v for k, v in payload.items() if k != "botToken"}
            raw = {"update_id": update_id, "message": {**message, "message_id": update_id}}
        update = Update.de_json(raw, self.application.bot)
        self.application.update_queue.put_nowait(update)


def labels(message: dict[str, Any]) -> list[tuple[str, str]]:
    """The (label, callback data) of a message's inline buttons."""
    markup = message.get("reply_markup") or {}
    if isinstance(markup, str):
        markup = json.loads(markup)
    rows = markup.get("inline_keyboard") or []
    return [(b["text"], b.get("callback_data", "")) for row in rows for b in row]


class SimPerson:
    """One person in a private chat, reacting to what the bot says until there is a plan."""

    def __init__(
        self, chat_id: int, tap: Any, emulator: str, http: aiohttp.ClientSession, args: Any
    ) -> None:
        self.chat_id, self.tap, self.emulator, self.http = chat_id, tap, emulator, http
        self.rng = random.Random(chat_id)
        self.think = args.think
        self.forget = chat_id % 2 == 0
        self.actions = 0

    async def run(self) -> str | None:
        """Walk the path; None when it ended well, else what went wrong."""
        try:
            await self.send("/start")
            while True:
                message = await self.next_actionable()
                if message is None:
                    return "timeout"
                done = await self.react(message)
                if done:
                    return None
        except (aiohttp.ClientError, AssertionError) as exc:
            return type(exc).__name__

    async def react(self, message: dict[str, Any]) -> bool:
        """Do what a person would do next; True when the path is complete."""
        text, buttons = message.get("text") or "", dict(labels(message))
        if text.startswith(strings.FORGOTTEN[:20]):
            return True
        if text.startswith("It's a plan"):
            if not self.forget:
                return True
            await self.send("/forget")
        elif strings.FORGET_YES in buttons:
            await self.press(message, buttons[strings.FORGET_YES])
        elif strings.CONSENT_BUTTON in buttons:
            await self.press(message, buttons[strings.CONSENT_BUTTON])
        elif text == strings.ASK_CONCERN:
            await self.send(self.rng.choice(CONCERNS))
        elif strings.GO_ON_BUTTON in buttons:
            await self.press(message, buttons[strings.GO_ON_BUTTON])
        elif strings.FORMAT_IN_PERSON in buttons:
            await self.press(message, buttons[strings.FORMAT_IN_PERSON])
        elif text.startswith(strings.ASK_PLACE[:20]):
            await self.send(self.rng.choice(PLACES))
        elif strings.WHOM_SELF in buttons:
            await self.press(message, buttons[strings.WHOM_SELF])
        elif "Choose 1" in buttons:
            await self.press(message, buttons["Choose 1"])
        elif strings.CONTACT_NO in buttons:
            await self.press(message, buttons[strings.CONTACT_NO])
        elif text == strings.ASK_WHEN:
            await self.press(message, next(iter(buttons.values())))
        else:
            raise AssertionError(f"unexpected: {text[:60]!r} {list(buttons)}")
        return False

    async def next_actionable(self) -> dict[str, Any] | None:
        """The next message that asks for something (informational ones are read and skipped)."""
        inbox = self.tap.inbox[self.chat_id]
        while True:
            try:
                message = await asyncio.wait_for(inbox.get(), timeout=WAIT)
            except TimeoutError:
                return None
            text = message.get("text") or ""
            if labels(message) or text in (strings.ASK_CONCERN, strings.ASK_WHEN):
                return message
            if text.startswith((strings.ASK_PLACE[:20], "It's a plan", strings.FORGOTTEN[:20])):
                return message

    async def pause(self) -> None:
        """Think a little before acting, as a person does (keeps under the flood limit)."""
        await asyncio.sleep(self.rng.uniform(*self.think))
        self.actions += 1

    async def send(self, text: str) -> None:
        """Type a text or a command."""
        await self.pause()
        message = self.message({"text": text})
        route = "sendMessage"
        if text.startswith("/"):
            message["entities"] = [{"offset": 0, "length": len(text), "type": "bot_command"}]
            route = "sendCommand"
        await self.post(route, message)

    async def press(self, shown: dict[str, Any], data: str) -> None:
        """Press an inline button of a message the bot sent."""
        await self.pause()
        chat = {"id": self.chat_id, "type": "private", "first_name": "P"}
        on = {"message_id": shown["message_id"], "date": int(time.time()), "chat": chat}
        query = {"botToken": self.tap.token, "from": self.user(), "message": on, "data": data}
        await self.post("sendCallback", query)

    async def post(self, route: str, payload: dict[str, Any]) -> None:
        """One call to the emulator's client API (or straight to the direct stand-in)."""
        if isinstance(self.tap, DirectApi):
            self.tap.take(route, payload)
            return
        async with self.http.post(f"{self.emulator}/{route}", json=payload) as response:
            assert response.status == 200, f"emulator {route}: {response.status}"
            await response.read()

    def user(self) -> dict[str, Any]:
        """The person as a Telegram user."""
        return {"id": self.chat_id, "is_bot": False, "first_name": "P", "language_code": "en"}

    def message(self, content: dict[str, Any]) -> dict[str, Any]:
        """A message from the person."""
        chat = {"id": self.chat_id, "type": "private", "first_name": "P"}
        return {
            "botToken": self.tap.token,
            "from": self.user(),
            "chat": chat,
            "date": int(time.time()),
            **content,
        }


class Echo(SimPerson):
    """The baseline person: sends as many plain texts as the real path has steps."""

    async def run(self) -> str | None:
        """Send texts, each after the echo of the previous one (as many as the real path has)."""
        try:
            for i in range(10):
                await self.send(f"hello {i}")
                if await self.next_actionable() is None:
                    return "timeout"
        except (aiohttp.ClientError, AssertionError) as exc:
            return type(exc).__name__
        return None

    async def next_actionable(self) -> dict[str, Any] | None:
        """Any reply."""
        try:
            return await asyncio.wait_for(self.tap.inbox[self.chat_id].get(), timeout=WAIT)
        except TimeoutError:
            return None


# ---------------------------------------------------------------- the bot (child process)


def process_cpu_s(pid: int | None = None) -> float:
    """CPU seconds (user + system) used so far by this process, or by another one on this
    machine (read from /proc; 0 when it is gone)."""
    if pid is None:
        return sum(resource.getrusage(resource.RUSAGE_SELF)[:2])
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb() -> float:
    """The resident memory of this process now."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def build_bot(echo: bool, request: BaseRequest | None = None) -> Any:
    """The real bot (as `firststep run` builds it) or the echo baseline, from the environment."""
    from bot.app import build_application
    from bot.db import make_engine
    from bot.ops.webhook import settle_heap, warm_up
    from bot.settings import build_settings
    from nlp import load_parser

    settings = build_settings()
    engine = make_engine(settings.effective_database_url)
    if echo:
        from tests.ops.echo_bot import NamedParser, build_echo

        application = build_echo(settings, engine=engine, parser=NamedParser(), request=request)
    else:
        application = build_application(
            settings, engine=engine, parser=load_parser(), request=request
        )
        warm_up()  # as `firststep run` does
        settle_heap()
    application.bot.rate_limiter.lift_overall_limit()
    application.update_processor.samples = []
    return application


def figures(application: Any) -> dict[str, Any]:
    """The bot's figures since the last call (latency samples are handed over and reset)."""
    gc.collect()
    metrics = application.bot_data.metrics
    processor = application.update_processor
    samples, processor.samples = processor.samples, []
    return {
        "samples": samples,
        "errors": metrics.update_errors._value.get(),
        "flood_dropped": metrics.flood_dropped._value.get(),
        "rss_mb": rss_mb(),
        "cpu_s": process_cpu_s(),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "chats_in_memory": len(application.chat_data),
    }


async def bot_main(stats_path: str, echo: bool) -> None:
    """Run the bot (child process) until SIGTERM; SIGUSR1 writes a figures snapshot."""
    from bot.ops.logging import configure_logging

    configure_logging("WARNING")
    application = build_bot(echo)
    stop = asyncio.Event()

    def snapshot() -> None:
        Path(stats_path + ".tmp").write_text(json.dumps(figures(application)))
        os.replace(stats_path + ".tmp", stats_path)

    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGUSR1, snapshot)
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    async with application:
        await application.updater.start_polling(timeout=1, poll_interval=0)
        await application.start()
        print("ready", flush=True)
        await stop.wait()
        await application.updater.stop()
        await application.stop()


class InProcessBot:
    """The bot in this process, driven through DirectApi (capacity mode)."""

    def __init__(self, tap: DirectApi, database_url: str, workdir: Path, echo: bool) -> None:
        os.environ.update(
            TELEGRAM_BOT_TOKEN=tap.token, DATABASE_URL=database_url, FIRSTSTEP_DATA_DIR=str(workdir)
        )
        self.application = build_bot(echo, request=tap)
        tap.application = self.application

    async def ready(self) -> None:
        """Start handling updates."""
        await self.application.initialize()
        await self.application.start()

    async def snapshot(self) -> dict[str, Any]:
        """The figures since the last snapshot."""
        return figures(self.application)

    async def close(self) -> None:
        """Stop the Application."""
        await self.application.stop()
        await self.application.shutdown()


# ---------------------------------------------------------------- the people (this process)


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the values lie."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


class BotProcess:
    """The bot in a child process, and its stats snapshots."""

    def __init__(self, tap: Any, database_url: str, workdir: Path, echo: bool) -> None:
        self.stats = str(workdir / ("echo.json" if echo else "bot.json"))
        env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": tap.token,
            "TELEGRAM_API_BASE_URL": tap.base_url,
            "DATABASE_URL": database_url,
            "FIRSTSTEP_DATA_DIR": str(workdir),
            "PYTHONPATH": str(ROOT),
        }
        cmd = [sys.executable, __file__, "--bot", self.stats] + (["--echo"] if echo else [])
        self.process = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, text=True)

    async def ready(self) -> None:
        """Wait for the child to say it polls."""
        assert self.process.stdout is not None
        line = await asyncio.to_thread(self.process.stdout.readline)
        if line.strip() != "ready":
            raise SystemExit(f"the bot did not start (exit {self.process.poll()})")

    async def snapshot(self) -> dict[str, Any]:
        """Ask the child for its figures since the last snapshot."""
        stats = Path(self.stats)
        stats.unlink(missing_ok=True)  # noqa: ASYNC240  (a tiny local file)
        self.process.send_signal(signal.SIGUSR1)
        for _ in range(400):
            await asyncio.sleep(0.05)
            if stats.exists():  # noqa: ASYNC240
                return json.loads(stats.read_text())  # noqa: ASYNC240
        raise SystemExit("the bot did not report its figures")

    async def close(self) -> None:
        """Stop the child."""
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


class Crowd:
    """`args.people` people at once: they arrive spread over the ramp-up, and each one who
    finishes a conversation is followed at once by a new person (a new chat), so the number of
    conversations going on stays the same until the crowd is told to stop."""

    def __init__(self, kind: type[SimPerson], base: int, tap: Any, url: str, http: Any,
                 args: Any) -> None:  # fmt: skip
        self.kind, self.tap, self.url, self.http, self.args = kind, tap, url, http, args
        self.ids = itertools.count(base)
        self.finished = 0
        self.failures: list[str] = []
        self.stopping = False

    async def seat(self, slot: int) -> None:
        """One place in the crowd: a person after another until stopping."""
        await asyncio.sleep(random.Random(slot).uniform(0, self.args.ramp))
        while not self.stopping:
            person = self.kind(next(self.ids), self.tap, self.url, self.http, self.args)
            outcome = await person.run()
            self.tap.inbox.pop(person.chat_id, None)  # the crowd's own memory must not grow
            if outcome is None:
                self.finished += 1
            else:
                self.failures.append(outcome)

    def take(self) -> tuple[int, list[str]]:
        """Conversations finished and failures since the last call."""
        taken = self.finished, self.failures
        self.finished, self.failures = 0, []
        return taken


async def drive(label: str, args: Any, emulator: Emulator | None, database_url: str, workdir: Path,
                echo: bool) -> dict[str, Any]:  # fmt: skip
    """Start a bot, keep the crowd going against it, print and return the figures per window."""
    tap: Any = DirectApi() if emulator is None else ReplyTap(emulator.url)
    await tap.start()
    bot: Any = (
        InProcessBot(tap, database_url, workdir, echo)
        if emulator is None
        else BotProcess(tap, database_url, workdir, echo)
    )
    await bot.ready()
    last_cpu = (await bot.snapshot())["cpu_s"]  # start counting from here
    # Through the emulator, the rest of the machine's work: node, and this process (the front
    # and the people). What they use, the bot cannot.
    node_pid = emulator.pid if emulator is not None else None
    last_harness = (process_cpu_s(node_pid), process_cpu_s())
    all_samples: list[float] = []
    errors: list[str] = []
    totals: dict[str, Any] = {}
    connector = aiohttp.TCPConnector(limit=64)
    wall = 0.0
    try:
        async with aiohttp.ClientSession(connector=connector) as http:
            kind = Echo if echo else SimPerson
            url = emulator.url if emulator else ""
            crowd = Crowd(kind, 10_000_000 * (2 if echo else 1), tap, url, http, args)
            seats = [asyncio.ensure_future(crowd.seat(n)) for n in range(args.people)]
            windows = [("ramp-up", args.ramp)] + [
                (f"window {n + 1}", args.window) for n in range(args.waves)
            ]
            for name, seconds in windows:
                started = time.monotonic()
                await asyncio.sleep(seconds)
                took = time.monotonic() - started
                stats = await bot.snapshot()
                samples = stats["samples"]
                finished, failed = crowd.take()
                cpu, last_cpu = stats["cpu_s"] - last_cpu, stats["cpu_s"]
                harness = (process_cpu_s(node_pid), process_cpu_s())
                node_cpu, own_cpu = harness[0] - last_harness[0], harness[1] - last_harness[1]
                last_harness = harness
                own = [total - api for total, api in samples]
                if name != "ramp-up":
                    all_samples += samples
                    errors += failed
                    wall += took
                    totals = stats
                print(
                    f"  {label} {name}: {len(samples)} updates in {took:.1f} s = "
                    f"{len(samples) / took:.0f}/s; bot-side p50 {percentile(own, 0.5) * 1000:.1f}"
                    f" ms, p95 {percentile(own, 0.95) * 1000:.1f} ms; {finished} conversations "
                    f"finished, {len(failed)} failed; CPU {cpu * 1000 / max(len(samples), 1):.1f} "
                    f"ms/update; bot memory {stats['rss_mb']:.0f} MB "
                    f"({stats['chats_in_memory']} chats in memory)"
                    + (
                        f"; cores busy: bot {cpu / took:.2f}, emulator {node_cpu / took:.2f}, "
                        f"front and people {own_cpu / took:.2f} (of {os.cpu_count()})"
                        if emulator is not None
                        else ""
                    ),
                    flush=True,
                )
            crowd.stopping = True
            await asyncio.wait(seats, timeout=WAIT * 2)
            for seat in seats:
                seat.cancel()
    finally:
        await bot.close()
        await tap.stop()
    return {
        "samples": all_samples,
        "wall": wall,
        "errors": errors,
        "handler_errors": totals.get("errors", 0),
        "flood_dropped": totals.get("flood_dropped", 0),
        "peak_rss_mb": totals.get("peak_rss_mb", 0),
    }


def latencies(name: str, values: list[float]) -> str:
    """p50 / p95 / p99 in milliseconds."""
    shown = "/".join(f"{percentile(values, q) * 1000:.1f}" for q in (0.5, 0.95, 0.99))
    return f"{name} p50/p95/p99 {shown} ms"


def summary(label: str, result: dict[str, Any]) -> None:
    """One block of figures."""
    samples, wall = result["samples"], result["wall"]
    totals = [total for total, _ in samples]
    own = [total - api for total, api in samples]
    print(
        f"{label}: {len(samples)} updates in {wall:.1f} s = {len(samples) / wall:.0f} updates/s;\n"
        f"  {latencies('bot-side (without Bot API waits)', own)};\n"
        f"  {latencies('with Bot API round trips', totals)};\n"
        f"  errors: {len(result['errors'])} conversations failed, "
        f"{result['handler_errors']:.0f} in handlers, "
        f"{result['flood_dropped']:.0f} flood-dropped; peak memory {result['peak_rss_mb']:.0f} MB"
    )


def seeded_database(name: str, database_url: str | None = None) -> tuple[Path, str]:
    """A new work folder and a database upgraded and seeded with the demo directory (a SQLite
    file in the folder unless a URL is given): (folder, database URL)."""
    from datetime import UTC, datetime

    from bot.db import make_engine, session_scope, upgrade
    from directory.seed import seed

    workdir = Path(tempfile.mkdtemp(prefix=f"firststep-{name}-"))
    database_url = database_url or f"sqlite:///{workdir}/{name}.sqlite3"
    upgrade(database_url)
    engine = make_engine(database_url)
    with session_scope(engine) as session:
        seed(session, demo=True, now=datetime.now(UTC))
    engine.dispose()
    return workdir, database_url


async def main(args: Any) -> None:
    """Set up a seeded database and the emulator; run the baseline and the real bot."""
    workdir, database_url = seeded_database("load", args.database_url)
    emulator = None if args.direct else Emulator()
    if emulator is not None:
        emulator.start()
    print(
        f"load: {args.people} conversations at once (arriving over {args.ramp:.0f} s), then "
        f"{args.waves} windows of {args.window:.0f} s; think time "
        f"{args.think[0]}-{args.think[1]} s; database {database_url.split(':')[0]}, "
        f"Bot API: {'in-process stand-in (capacity)' if args.direct else 'telegram-test-api'}, "
        f"{os.cpu_count()} cores",
        flush=True,
    )
    try:
        baseline = await drive("echo", args, emulator, database_url, workdir, echo=True)
        real = await drive("firststep", args, emulator, database_url, workdir, echo=False)
    finally:
        if emulator is not None:
            emulator.stop()
    summary("baseline (echo bot)", baseline)
    summary("firststep (real bot)", real)

    def own_median(result: dict[str, Any]) -> float:
        return percentile([total - api for total, api in result["samples"]], 0.5)

    ratio = own_median(real) / max(own_median(baseline), 1e-6)
    print(f"median bot-side latency ratio firststep / echo: {ratio:.1f}x")
    if real["errors"]:
        print(f"what failed: {sorted(set(real['errors']))}")


def parse_args() -> Any:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=300, help="conversations going on at once")
    parser.add_argument("--waves", type=int, default=3, help="measured windows after the ramp-up")
    parser.add_argument("--window", type=float, default=20.0, help="seconds per measured window")
    parser.add_argument(
        "--think", type=float, nargs=2, default=(0.8, 1.6), help="seconds between actions"
    )
    parser.add_argument(
        "--ramp", type=float, default=10.0, help="seconds over which the first people arrive"
    )
    parser.add_argument("--database-url", default=None, help="default: a fresh SQLite file")
    parser.add_argument(
        "--direct", action="store_true", help="capacity: the bot in process, no HTTP, no emulator"
    )
    parser.add_argument("--bot", metavar="STATS", help=argparse.SUPPRESS)
    parser.add_argument("--echo", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


if __name__ == "__main__":
    options = parse_args()
    if options.bot:
        asyncio.run(bot_main(options.bot, options.echo))
    else:
        asyncio.run(main(options))
