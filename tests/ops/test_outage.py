"""A PostgreSQL outage with real `firststep run` processes: the database goes away for ~20 s
(a cuttable TCP proxy between the bot and the server, and its sessions ended; the server itself
keeps running). The bot keeps answering: a crisis with every country's lines, anything else with
"try again in a few minutes", each within 2 s; /readyz says degraded; when the database is back
it leads again, serves as usual, and no follow-up goes out twice (none while the lead was not
held). A bot started in an outage serves the same way and takes the lead when it can."""

from __future__ import annotations

import asyncio
import contextlib
import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url
from sqlmodel import select

from bot import strings
from bot.db import session_scope
from bot.followups.models import FollowUp, FollowUpKind, FollowUpState
from bot.followups.plans import record_plan
from bot.models import Person
from bot.ops.leader import PostgresLeader
from bot.settings import build_settings
from tests.e2e.harness import free_port
from tests.ops.db_proxy import TcpProxy
from tests.ops.stub_api import TOKEN, StubBotApi
from tests.ops.test_failover_followups import daytime_zone

ROOT = Path(__file__).resolve().parents[2]
FIRSTSTEP = Path(sys.executable).with_name("firststep")
OUTAGE_SECONDS = 20.0
REPLY_WITHIN = 2.0
EVERY_COUNTRY = ("988", "116 123", "13 11 14", "112")  # US/CA, UK/IE, Australia, Europe
CRISIS = "I want to kill myself"


class FirststepRun:
    """`firststep run` in its own process, its database reached through the proxy."""

    def __init__(self, stub: StubBotApi, url: str, tmp: Path, name: str) -> None:
        self.health_port = free_port()
        self.log = tmp / f"{name}.log"
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(tmp),
            "PYTHONPATH": str(ROOT),
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_BASE_URL": stub.base_url,
            "DATABASE_URL": url,
            "FIRSTSTEP_HEALTH_PORT": str(self.health_port),
            "FIRSTSTEP_DATA_DIR": str(tmp / name),
        }
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [str(FIRSTSTEP), "run"], cwd=tmp, env=env, stdout=log, stderr=log
            )

    async def get(self, path: str) -> tuple[int, dict[str, Any]] | None:
        """Status and JSON of a health endpoint, None while it does not answer."""
        try:
            async with httpx.AsyncClient(timeout=5) as client:
                response = await client.get(f"http://127.0.0.1:{self.health_port}{path}")
                return response.status_code, response.json()
        except httpx.HTTPError:
            return None

    async def role(self) -> str | None:
        """What /healthz says this process is."""
        got = await self.get("/healthz")
        return str(got[1]["role"]) if got else None

    async def becomes(self, role: str, within: float) -> None:
        """Wait until /healthz reports the role; fail (with the log's tail) after `within` s."""
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"exited {self.process.returncode}: {self.tail()}"
            if await self.role() == role:
                return
            await asyncio.sleep(0.1)
        pytest.fail(f"not {role} within {within} s: {self.tail()}")

    def tail(self) -> str:
        """The end of the process's log."""
        return self.log.read_text()[-3000:]

    def stop(self) -> int:
        """SIGTERM, then kill if it does not stop; the exit code."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                return self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
        return self.process.wait(timeout=10)


def through(proxy: TcpProxy, pg_url: str) -> str:
    """The test database's URL, reached through the proxy."""
    return make_url(pg_url).set(port=proxy.port).render_as_string(hide_password=False)


async def reply_to(
    stub: StubBotApi, chat_id: int, text: str, within: float = 10.0
) -> tuple[str, float]:
    """Send a text from a person; the bot's first answer and how long it took (seconds)."""
    before = len(stub.sent(chat_id))
    sent_at = time.monotonic()
    stub.queue_text(chat_id, text)
    deadline = sent_at + within
    while time.monotonic() < deadline:
        answers = [
            c for c in stub.calls
            if c.method == "sendMessage" and int(c.params.get("chat_id", 0)) == chat_id
        ]  # fmt: skip
        if len(answers) > before:
            return str(answers[before].params["text"]), answers[before].at - sent_at
        await asyncio.sleep(0.01)
    pytest.fail(f"no answer to chat {chat_id} within {within} s")


async def answered_in_outage(stub: StubBotApi, first_chat: int) -> dict[str, float]:
    """A crisis and a plain message during the outage: both answered fast, as they should be."""
    crisis, crisis_s = await reply_to(stub, first_chat, CRISIS)
    plain, plain_s = await reply_to(stub, first_chat + 1, "hello, I think I drink too much")
    assert crisis.startswith(strings.CRISIS_INTRO), crisis
    for number in EVERY_COUNTRY:
        assert number in crisis, f"{number} missing from the crisis reply"
    assert plain == strings.OPS_TROUBLE
    assert crisis_s < REPLY_WITHIN and plain_s < REPLY_WITHIN, (crisis_s, plain_s)
    print(f"in the outage: crisis answered in {crisis_s:.3f} s, plain in {plain_s:.3f} s")
    return {"crisis": crisis_s, "plain": plain_s}


def plan_reminder(engine: Engine, chat_id: int, *, due_in: timedelta) -> int:
    """A person with a plan whose reminder is due `due_in` from now; the reminder's id."""
    settings, now = build_settings(), datetime.now(UTC)
    zone = daytime_zone(now)
    start = now + timedelta(minutes=settings.reminder_before_minutes + 60)
    with session_scope(engine) as session:
        person = Person(telegram_chat_id=chat_id, timezone=zone)
        session.add(person)
        session.flush()
        assert person.id is not None
        record_plan(
            session,
            person_id=person.id,
            group_id=1,
            meeting_start=start,
            meeting_end=start + timedelta(hours=1),
            timezone=zone,
            settings=settings,
            now=now,
        )
        reminder = session.exec(
            select(FollowUp).where(
                FollowUp.person_id == person.id, FollowUp.kind == FollowUpKind.reminder
            )
        ).one()
        reminder.due_at = now + due_in
        session.add(reminder)
        assert reminder.id is not None
        return reminder.id


def make_due_now(engine: Engine, reminder_id: int) -> None:
    """The reminder comes due now (as if its time came in the outage)."""
    with engine.begin() as connection:
        connection.execute(
            sa.text("update followup set due_at = :now where id = :id"),
            {"now": datetime.now(UTC), "id": reminder_id},
        )


def reminders_to(stub: StubBotApi, chat_id: int) -> int:
    return sum(text.startswith(strings.REMINDER_PREVIEW) for text in stub.sent(chat_id))


@pytest.mark.postgres
async def test_an_outage_is_served_through_then_the_lead_is_taken_back(
    stub: StubBotApi, pg_url: str, pg_engine: Engine, proxy: TcpProxy, tmp_path: Path
) -> None:
    plan_reminder(pg_engine, 7101, due_in=timedelta(seconds=0))  # goes out at start
    later = plan_reminder(pg_engine, 7102, due_in=timedelta(days=1))  # comes due in the outage
    bot = FirststepRun(stub, through(proxy, pg_url), tmp_path, "bot")
    try:
        await bot.becomes("leader", within=120)
        assert (await reply_to(stub, 7200, "/start"))[0] == strings.WELCOME
        await stub.wait_sent(7101, 1)
        assert reminders_to(stub, 7101) == 1
        lost_at = time.monotonic()
        proxy.lose()
        await asyncio.to_thread(proxy.terminate_sessions, pg_engine)
        await bot.becomes("degraded", within=10)
        make_due_now(pg_engine, later)  # while the lead is not held: must wait
        latencies = await answered_in_outage(stub, 7300)
        ready = await bot.get("/readyz")
        assert ready is not None and ready[0] == 200
        assert ready[1]["status"] == "degraded" and ready[1]["database"] == "unreachable"
        await asyncio.sleep(max(0.0, lost_at + OUTAGE_SECONDS - time.monotonic()))
        assert bot.process.poll() is None, "the bot exited in the outage"
        assert reminders_to(stub, 7102) == 0, "a follow-up went out while the lead was not held"
        proxy.restore()
        back_at = time.monotonic()
        await bot.becomes("leader", within=30)
        print(f"leader again {time.monotonic() - back_at:.2f} s after the database came back")
        assert (await reply_to(stub, 7201, "/start"))[0] == strings.WELCOME
        await stub.wait_sent(7102, 1, within=20)
        await asyncio.sleep(2.0)  # more dispatch runs: nothing is sent twice
        assert reminders_to(stub, 7101) == 1 and reminders_to(stub, 7102) == 1
        assert bot.process.poll() is None
        assert await asyncio.to_thread(bot.stop) == 0
    finally:
        bot.stop()
    with session_scope(pg_engine) as session:
        row = session.get(FollowUp, later)
        assert row is not None and row.state == FollowUpState.sent
    assert max(latencies.values()) < REPLY_WITHIN


@pytest.mark.postgres
async def test_a_bot_started_in_an_outage_serves_then_leads_when_the_database_is_back(
    stub: StubBotApi, pg_url: str, proxy: TcpProxy, tmp_path: Path
) -> None:
    proxy.lose()
    bot = FirststepRun(stub, through(proxy, pg_url), tmp_path, "bot")
    try:
        await bot.becomes("degraded", within=120)
        await answered_in_outage(stub, 7400)
        ready = await bot.get("/readyz")
        assert ready is not None and ready[0] == 200 and ready[1]["status"] == "degraded"
        proxy.restore()
        await bot.becomes("leader", within=30)
        assert (await reply_to(stub, 7402, "/start"))[0] == strings.WELCOME
        ready = await bot.get("/readyz")
        assert ready is not None and ready[0] == 200 and ready[1]["status"] == "ready"
        assert await asyncio.to_thread(bot.stop) == 0
    finally:
        bot.stop()


@pytest.mark.postgres
async def test_a_bot_whose_lock_another_process_took_in_the_outage_steps_down_with_exit_3(
    stub: StubBotApi, pg_url: str, pg_engine: Engine, proxy: TcpProxy, tmp_path: Path
) -> None:
    due = plan_reminder(pg_engine, 7601, due_in=timedelta(days=1))
    bot = FirststepRun(stub, through(proxy, pg_url), tmp_path, "bot")
    other = PostgresLeader(pg_url)  # another process, reaching the database directly
    try:
        await bot.becomes("leader", within=120)
        proxy.lose()
        await asyncio.to_thread(proxy.terminate_sessions, pg_engine)
        await bot.becomes("degraded", within=10)
        for _ in range(50):
            if await asyncio.to_thread(other.try_acquire):
                break
            await asyncio.sleep(0.1)
        else:
            pytest.fail("the lock was not free after the bot's session ended")
        make_due_now(pg_engine, due)
        proxy.restore()
        back_at = time.monotonic()
        code = await asyncio.to_thread(bot.process.wait, 30)
        print(f"stepped down {time.monotonic() - back_at:.2f} s after the database came back")
        assert code == 3, bot.tail()
        assert reminders_to(stub, 7601) == 0, "sent by a process that no longer led"
    finally:
        other.release()
        await asyncio.to_thread(bot.stop)


def webhook_text(update_id: int, chat_id: int, text: str) -> dict[str, Any]:
    """An update as Telegram posts it to the webhook."""
    message: dict[str, Any] = {
        "message_id": update_id,
        "date": int(time.time()),
        "chat": {"id": chat_id, "type": "private"},
        "from": {"id": chat_id, "is_bot": False, "first_name": "P"},
        "text": text,
    }
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text)}]
    return {"update_id": update_id, "message": message}


@pytest.mark.postgres
async def test_by_webhook_an_outage_at_start_and_mid_run_is_served_through(
    stub: StubBotApi, pg_url: str, pg_engine: Engine, proxy: TcpProxy, tmp_path: Path
) -> None:
    from bot.app import build_application, build_degraded_application
    from bot.ops.webhook import EXIT_OK, serve
    from nlp import load_parser

    port, health = free_port(), free_port()
    settings = build_settings(
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL=stub.base_url,
        DATABASE_URL=through(proxy, pg_url),
        FIRSTSTEP_DATA_DIR=str(tmp_path / "data"),
        FIRSTSTEP_HEALTH_PORT=health,
        FIRSTSTEP_WEBHOOK_URL=f"http://127.0.0.1:{port}/hook",
        FIRSTSTEP_WEBHOOK_SECRET="outage-secret",
        FIRSTSTEP_LISTEN_PORT=port,
    )
    ids = iter(range(1, 100))

    async def post(chat_id: int, text: str) -> tuple[str, float]:
        before, sent_at = len(stub.sent(chat_id)), time.monotonic()
        async with httpx.AsyncClient(timeout=10) as client:
            response = await client.post(
                f"http://127.0.0.1:{port}/hook",
                json=webhook_text(next(ids), chat_id, text),
                headers={"X-Telegram-Bot-Api-Secret-Token": "outage-secret"},
            )
        assert response.status_code == 200
        [*_, answer] = await stub.wait_sent(chat_id, before + 1)
        calls = [c for c in stub.calls if c.method == "sendMessage"]
        return answer, calls[-1].at - sent_at

    async def role_is(role: str, within: float) -> None:
        deadline = time.monotonic() + within
        async with httpx.AsyncClient(timeout=5) as client:
            while time.monotonic() < deadline:
                assert not task.done(), task
                with contextlib.suppress(httpx.HTTPError):
                    got = await client.get(f"http://127.0.0.1:{health}/healthz")
                    if got.json()["role"] == role:
                        return
                await asyncio.sleep(0.1)
        pytest.fail(f"not {role} within {within} s")

    async def served_degraded(first_chat: int) -> None:
        crisis, crisis_s = await post(first_chat, CRISIS)
        plain, plain_s = await post(first_chat + 1, "hi")
        assert crisis.startswith(strings.CRISIS_INTRO) and "116 123" in crisis
        assert plain == strings.OPS_TROUBLE
        assert max(crisis_s, plain_s) < REPLY_WITHIN, (crisis_s, plain_s)
        print(f"webhook in the outage: crisis {crisis_s:.3f} s, plain {plain_s:.3f} s")

    proxy.lose()
    stop = asyncio.Event()
    task = asyncio.ensure_future(
        serve(
            settings,
            parser=load_parser(),
            build_application=build_application,
            build_degraded=build_degraded_application,
            stop=stop,
            poll_seconds=0.5,
        )
    )
    try:
        await role_is("degraded", within=30)
        await served_degraded(7500)
        proxy.restore()
        await role_is("leader", within=30)
        assert (await post(7502, "/start"))[0] == strings.WELCOME
        proxy.lose()
        await asyncio.to_thread(proxy.terminate_sessions, pg_engine)
        await role_is("degraded", within=10)
        await served_degraded(7510)
        proxy.restore()
        await role_is("leader", within=30)
        assert (await post(7512, "/start"))[0] == strings.WELCOME
    finally:
        stop.set()
        code = await asyncio.wait_for(task, timeout=30)
    assert code == EXIT_OK
