"""`firststep run`'s serving: polling, webhook with its secret, health, failover, bad starts."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.ops.webhook import EXIT_OK, StartError, serve
from bot.settings import Settings, build_settings
from tests.conftest import no_such_database
from tests.e2e.harness import free_port
from tests.ops.echo_bot import NamedParser, build_echo
from tests.ops.stub_api import TOKEN, StubBotApi

ROOT = Path(__file__).resolve().parents[2]


def settings_for(stub: StubBotApi, database_url: str, tmp_path: Path, **more: Any) -> Settings:
    """Settings pointing at the stub API and a database, with a free health port."""
    values: dict[str, Any] = {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": stub.base_url,
        "DATABASE_URL": database_url,
        "FIRSTSTEP_DATA_DIR": str(tmp_path / "one"),
        "FIRSTSTEP_HEALTH_PORT": free_port(),
    }
    return build_settings(**{**values, **more})


async def until(check, within: float = 15.0) -> None:  # type: ignore[no-untyped-def]
    """Wait until an async check returns true; fail after `within` seconds."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if await check():
            return
        await asyncio.sleep(0.05)
    pytest.fail("condition not reached in time")


async def ready(port: int) -> bool:
    """Whether /readyz answers 200."""
    try:
        async with httpx.AsyncClient() as client:
            return (await client.get(f"http://127.0.0.1:{port}/readyz")).status_code == 200
    except httpx.HTTPError:
        return False


@pytest.fixture
async def serving() -> AsyncIterator[list[tuple[asyncio.Task[int], asyncio.Event]]]:
    """serve() tasks started by a test; stopped (and awaited) at the end."""
    tasks: list[tuple[asyncio.Task[int], asyncio.Event]] = []
    yield tasks
    for task, stop in tasks:
        stop.set()
        await asyncio.wait_for(task, timeout=20)


def start(settings: Settings, serving: list) -> tuple[asyncio.Task[int], asyncio.Event]:  # type: ignore[type-arg]
    """serve() in a task, with its stop event."""
    stop = asyncio.Event()
    task = asyncio.ensure_future(
        serve(settings, parser=NamedParser(), build_application=build_echo, stop=stop)
    )
    serving.append((task, stop))
    return task, stop


async def test_polling_serves_and_reports_health_and_metrics(
    stub: StubBotApi, sqlite_url: str, tmp_path: Path, serving: list
) -> None:
    settings = settings_for(stub, sqlite_url, tmp_path)
    task, stop = start(settings, serving)
    await until(lambda: ready(settings.health_port))
    stub.queue_text(11, "hello")
    assert await stub.wait_sent(11, 1) == ["one: hello"]
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{settings.health_port}") as client:
        assert (await client.get("/healthz")).json()["role"] == "single"
        body = (await client.get("/metrics")).text
    assert 'firststep_updates_total{kind="message"} 1.0' in body
    assert "firststep_leader 1.0" in body
    stop.set()
    assert await asyncio.wait_for(task, timeout=20) == EXIT_OK


async def test_webhook_checks_the_secret_on_every_request(
    stub: StubBotApi, sqlite_url: str, tmp_path: Path, serving: list
) -> None:
    port = free_port()
    settings = settings_for(
        stub,
        sqlite_url,
        tmp_path,
        FIRSTSTEP_WEBHOOK_URL=f"http://127.0.0.1:{port}/telegram/hook",
        FIRSTSTEP_WEBHOOK_SECRET="s3cret-Token_1",
        FIRSTSTEP_LISTEN_PORT=port,
    )
    start(settings, serving)
    await until(lambda: ready(settings.health_port))
    [set_webhook] = [c for c in stub.calls if c.method == "setWebhook"]
    assert set_webhook.params["secret_token"] == "s3cret-Token_1"
    update = {
        "update_id": 900,
        "message": {
            "message_id": 1,
            "date": int(time.time()),
            "chat": {"id": 12, "type": "private"},
            "from": {"id": 12, "is_bot": False, "first_name": "P"},
            "text": "via webhook",
        },
    }
    url = f"http://127.0.0.1:{port}/telegram/hook"
    async with httpx.AsyncClient() as client:
        no_secret = await client.post(url, json=update)
        wrong = await client.post(
            url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "guess"}
        )
        good = await client.post(
            url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret-Token_1"}
        )
    assert (no_secret.status_code, wrong.status_code, good.status_code) == (403, 403, 200)
    assert await stub.wait_sent(12, 1) == ["one: via webhook"]
    await asyncio.sleep(0.3)
    assert stub.sent(12) == ["one: via webhook"]  # the refused requests were not handled


@pytest.mark.parametrize(
    ("more", "message"),
    [
        ({"FIRSTSTEP_WEBHOOK_URL": "https://bot.example.org/hook"}, "WEBHOOK_SECRET must be set"),
        (
            {"FIRSTSTEP_WEBHOOK_URL": "http://bot.example.org/h", "FIRSTSTEP_WEBHOOK_SECRET": "x"},
            "https://",
        ),
        (
            {"FIRSTSTEP_WEBHOOK_URL": "https://b.example/h", "FIRSTSTEP_WEBHOOK_SECRET": "a b"},
            "A-Z",
        ),
    ],
)
async def test_bad_webhook_settings_stop_start_with_a_clear_message(
    stub: StubBotApi, sqlite_url: str, tmp_path: Path, more: dict[str, str], message: str
) -> None:
    with pytest.raises(StartError, match=message):
        await serve(
            settings_for(stub, sqlite_url, tmp_path, **more),
            parser=NamedParser(),
            build_application=build_echo,
        )


@pytest.mark.postgres
async def test_a_wrong_database_setting_stops_start_with_a_clear_message(
    stub: StubBotApi, tmp_path: Path
) -> None:
    # The server answers "no such database": a setting to fix, not an outage to ride out.
    url = no_such_database(password="pw")
    with pytest.raises(StartError, match="cannot be reached") as caught:
        await serve(
            settings_for(stub, url, tmp_path), parser=NamedParser(), build_application=build_echo
        )
    assert "pw" not in str(caught.value)
    assert "DATABASE_URL" in str(caught.value)


async def test_second_process_on_one_sqlite_file_is_refused(
    stub: StubBotApi, sqlite_url: str, tmp_path: Path, serving: list
) -> None:
    settings = settings_for(stub, sqlite_url, tmp_path)
    start(settings, serving)
    await until(lambda: ready(settings.health_port))
    with pytest.raises(StartError, match="use PostgreSQL"):
        await serve(
            settings_for(stub, sqlite_url, tmp_path),
            parser=NamedParser(),
            build_application=build_echo,
        )


class ServeChild:
    """tests/ops/echo_bot.py in its own process (a whole bot) on PostgreSQL."""

    def __init__(self, name: str, stub: StubBotApi, pg_url: str) -> None:
        self.name, self.health_port = name, free_port()
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_BASE_URL": stub.base_url,
            "DATABASE_URL": pg_url,
            "FIRSTSTEP_HEALTH_PORT": str(self.health_port),
        }
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("echo_bot.py")), name],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    async def role(self) -> str | None:
        """The role /healthz reports, or None while it does not answer."""
        try:
            async with httpx.AsyncClient() as client:
                response = await client.get(f"http://127.0.0.1:{self.health_port}/healthz")
                return str(response.json()["role"])
        except httpx.HTTPError:
            return None

    def stop(self) -> None:
        """Kill it if it still runs."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=10)


@pytest.mark.postgres
async def test_two_bots_on_postgres_one_serves_and_the_other_takes_over(
    stub: StubBotApi, pg_url: str
) -> None:
    first = ServeChild("first", stub, pg_url)
    second: ServeChild | None = None
    try:
        await until(lambda: ready(first.health_port), within=60)
        second = ServeChild("second", stub, pg_url)

        async def standing_by() -> bool:
            return await second.role() == "standby"

        await until(standing_by, within=60)
        assert not await ready(second.health_port)
        stub.queue_text(21, "before")
        assert await stub.wait_sent(21, 1) == ["first: before"]
        first.process.send_signal(signal.SIGKILL)
        killed = time.monotonic()
        await until(lambda: ready(second.health_port), within=30)
        print(f"standby ready {time.monotonic() - killed:.2f} s after the leader was killed")
        stub.queue_text(21, "after")
        assert await stub.wait_sent(21, 2) == ["first: before", "second: after"]
        second.process.send_signal(signal.SIGTERM)
        assert await asyncio.to_thread(second.process.wait, 20) == 0
    finally:
        first.stop()
        if second is not None:
            second.stop()


async def test_health_port_in_use_stops_start_with_a_clear_message(
    stub: StubBotApi, sqlite_url: str, tmp_path: Path
) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        settings = settings_for(stub, sqlite_url, tmp_path, FIRSTSTEP_HEALTH_PORT=port)
        with pytest.raises(StartError, match="FIRSTSTEP_HEALTH_PORT"):
            await serve(settings, parser=NamedParser(), build_application=build_echo)


async def test_the_real_bot_by_webhook_skips_a_malformed_update_and_serves_the_next(
    stub: StubBotApi,
    sqlite_url: str,
    tmp_path: Path,
    serving: list,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from bot.app import build_application
    from bot.ops.logging import JsonFormatter, WithholdContent
    from nlp import load_parser

    port = free_port()
    settings = settings_for(
        stub,
        sqlite_url,
        tmp_path,
        FIRSTSTEP_WEBHOOK_URL=f"http://127.0.0.1:{port}/hook",
        FIRSTSTEP_WEBHOOK_SECRET="another-secret",
        FIRSTSTEP_LISTEN_PORT=port,
    )
    stop = asyncio.Event()
    task = asyncio.ensure_future(
        serve(settings, parser=load_parser(), build_application=build_application, stop=stop)
    )
    serving.append((task, stop))
    await until(lambda: ready(settings.health_port), within=30)
    headers = {"X-Telegram-Bot-Api-Secret-Token": "another-secret"}
    bad = {"update_id": 1, "message": {"text": "my secret words", "chat": {"id": 5}}}
    good = {
        "update_id": 2,
        "message": {
            "message_id": 1,
            "date": int(time.time()),
            "chat": {"id": 41, "type": "private"},
            "from": {"id": 41, "is_bot": False, "first_name": "P"},
            "text": "/start",
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        },
    }
    url = f"http://127.0.0.1:{port}/hook"
    with caplog.at_level(logging.INFO):
        async with httpx.AsyncClient() as client:
            refused = await client.post(url, json=bad, headers=headers)
            taken = await client.post(url, json=good, headers=headers)
        assert (refused.status_code, taken.status_code) == (400, 200)
        [welcome] = await stub.wait_sent(41, 1)
    assert "bot" in welcome.lower()
    formatter, withhold = JsonFormatter(), WithholdContent()
    assert not any(r.levelno == logging.CRITICAL for r in caplog.records)  # PTB quoted it once
    for record in caplog.records:
        withhold.filter(record)
        assert "my secret words" not in formatter.format(record)


class FlakyLock:
    """A lock the test takes away and gives back (as an outage does), through watch's callbacks."""

    single = False

    def __init__(self) -> None:
        self.lose, self.regain = asyncio.Event(), asyncio.Event()

    async def acquire(self, on_standby: Any = None, on_unreachable: Any = None) -> None:
        return None

    async def watch(self, on_lost: Any = None, on_regained: Any = None) -> None:
        await self.lose.wait()
        on_lost()
        await self.regain.wait()
        on_regained()
        await asyncio.Event().wait()

    def release(self) -> None:
        return None


async def test_jobs_pause_while_the_lead_is_not_held_and_resume_when_it_is_back(
    stub: StubBotApi,
    sqlite_url: str,
    tmp_path: Path,
    serving: list,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import bot.ops.webhook as webhook

    lock, runs = FlakyLock(), []
    monkeypatch.setattr(webhook, "leadership_for", lambda url, **_: lock)

    def build_with_a_job(settings: Settings, **kwargs: Any) -> Any:
        application = build_echo(settings, **kwargs)

        async def tick(_context: Any) -> None:
            runs.append(time.monotonic())

        application.job_queue.run_repeating(tick, interval=0.05, first=0)
        return application

    settings = settings_for(stub, sqlite_url, tmp_path)
    stop = asyncio.Event()
    task = asyncio.ensure_future(
        serve(settings, parser=NamedParser(), build_application=build_with_a_job, stop=stop)
    )
    serving.append((task, stop))
    await until(lambda: ready(settings.health_port), within=30)

    async def role() -> str:
        async with httpx.AsyncClient() as client:
            got = await client.get(f"http://127.0.0.1:{settings.health_port}/readyz")
            return str(got.json()["role"])

    async def ticking() -> bool:
        count = len(runs)
        await asyncio.sleep(0.3)
        return len(runs) > count

    assert await ticking()
    lock.lose.set()
    await asyncio.sleep(0.1)
    assert await role() == "degraded"
    assert not await ticking(), "a job ran while the lead was not held"
    lock.regain.set()
    await asyncio.sleep(0.1)
    assert await role() == "leader"
    assert await ticking()
    assert not task.done()
