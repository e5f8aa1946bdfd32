"""Two whole bots on PostgreSQL; the leader is killed while reminders come due: none is doubled,
and none is lost except one that was on its way out at the moment of the kill (`uncertain`)."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from bot.db import session_scope
from bot.followups.models import FollowUp, FollowUpKind, FollowUpState
from bot.followups.plans import record_plan
from bot.models import Person
from bot.settings import build_settings
from bot.strings import REMINDER_PREVIEW
from tests.e2e.harness import free_port
from tests.ops.stub_api import TOKEN, StubBotApi

ROOT = Path(__file__).resolve().parents[2]
PEOPLE = 24
FIRST_CHAT = 9000
ZONES = ["UTC", "Europe/London", "America/New_York", "America/Los_Angeles", "Asia/Tokyo",
         "Australia/Sydney", "Asia/Kolkata", "America/Sao_Paulo", "Europe/Berlin"]  # fmt: skip


def daytime_zone(now: datetime) -> str:
    """A time zone where it is between 09:00 and 16:00 now (no quiet hours in the way)."""
    for name in ZONES:
        if 9 <= now.astimezone(ZoneInfo(name)).hour < 16:
            return name
    raise AssertionError("no daytime zone in the list")


class BotChild:
    """tests/ops/bot_child.py (the real bot) in its own process."""

    def __init__(self, stub: StubBotApi, pg_url: str, tmp: Path, name: str) -> None:
        self.health_port = free_port()
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_BASE_URL": stub.base_url,
            "DATABASE_URL": pg_url,
            "FIRSTSTEP_HEALTH_PORT": str(self.health_port),
            "FIRSTSTEP_DATA_DIR": str(tmp / name),
        }
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("bot_child.py"))],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    async def role(self) -> str | None:
        """What /healthz says this process is, None while it does not answer."""
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


async def until(check, within: float) -> None:  # type: ignore[no-untyped-def]
    """Wait until the async check is true; fail after `within` seconds."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if await check():
            return
        await asyncio.sleep(0.1)
    pytest.fail("condition not reached in time")


def reminders(stub: StubBotApi) -> dict[int, int]:
    """How many reminders each chat got."""
    counts: dict[int, int] = {}
    for chat_id in range(FIRST_CHAT, FIRST_CHAT + PEOPLE):
        counts[chat_id] = sum(t.startswith(REMINDER_PREVIEW) for t in stub.sent(chat_id))
    return counts


@pytest.mark.postgres
async def test_leader_killed_while_reminders_come_due_none_doubled_none_lost(
    stub: StubBotApi, pg_url: str, pg_engine: Engine, tmp_path: Path
) -> None:
    settings = build_settings()
    now = datetime.now(UTC)
    zone = daytime_zone(now)
    before = timedelta(minutes=settings.reminder_before_minutes)
    with session_scope(pg_engine) as session:
        for i in range(PEOPLE):
            person = Person(telegram_chat_id=FIRST_CHAT + i, timezone=zone)
            session.add(person)
            session.flush()
            start = now + before + timedelta(seconds=20 + i * 1.0)  # due over 24 s, from 20 s on
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
    first = BotChild(stub, pg_url, tmp_path, "first")
    second: BotChild | None = None
    try:

        async def first_serves() -> bool:
            return await first.role() == "leader"

        await until(first_serves, within=60)
        second = BotChild(stub, pg_url, tmp_path, "second")

        async def second_stands_by() -> bool:
            return await second.role() == "standby"

        await until(second_stands_by, within=60)

        async def some_sent() -> bool:
            return sum(reminders(stub).values()) >= 4

        await until(some_sent, within=60)
        first.process.send_signal(signal.SIGKILL)
        killed_at = time.monotonic()
        sent_before_kill = sum(reminders(stub).values())

        async def second_serves() -> bool:
            return await second.role() == "leader"

        await until(second_serves, within=30)
        took_over = time.monotonic() - killed_at

        async def settled() -> bool:
            with session_scope(pg_engine) as session:
                rows = session.exec(
                    select(FollowUp).where(FollowUp.kind == FollowUpKind.reminder)
                ).all()
            open_states = (FollowUpState.pending, FollowUpState.claimed, FollowUpState.sending)
            return all(r.state not in open_states for r in rows)

        await until(settled, within=60)
        await asyncio.sleep(1.0)
    finally:
        first.stop()
        if second is not None:
            second.stop()
    counts = reminders(stub)
    with session_scope(pg_engine) as session:
        states = [
            r.state
            for r in session.exec(select(FollowUp).where(FollowUp.kind == FollowUpKind.reminder))
        ]
    uncertain = states.count(FollowUpState.uncertain)
    print(
        f"standby served {took_over:.2f} s after the kill; {sent_before_kill} reminders sent "
        f"before it, {PEOPLE - sent_before_kill} after; {uncertain} uncertain"
    )
    assert sent_before_kill < PEOPLE  # the kill happened while reminders were still coming due
    assert max(counts.values()) == 1, "a reminder was sent twice"
    assert list(counts.values()).count(0) <= uncertain <= 1
    assert states.count(FollowUpState.sent) + uncertain == PEOPLE
