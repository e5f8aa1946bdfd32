"""A real bot process is killed hard (SIGKILL) while follow-ups are pending, twice, and restarted:
every follow-up reaches the Bot API stand-in exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.followups.models import FollowUp
from tests.followups.conftest import add_person, plan_meeting
from tests.followups.standin import TOKEN, BotApiStandIn, Received

ROOT = Path(__file__).resolve().parents[2]
PEOPLE = 30
LEASE_SECONDS = 2.0


def quiet_far_from_now() -> str:
    """A quiet window 8-10 hours from now in UTC, so the test never runs inside it."""
    hour = (datetime.now(UTC).hour + 8) % 24
    return f"{hour:02d}:00-{(hour + 2) % 24:02d}:00"


def start_worker(env: dict[str, str], cwd: Path, started: list[subprocess.Popen[str]]) -> None:
    """Start `python -m bot.followups.worker` (appended to `started` at once); wait until ready."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.followups.worker", "--lease-seconds", str(LEASE_SECONDS),
         "--concurrency", "1"],
        env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    started.append(proc)
    assert proc.stdout is not None
    if not proc.stdout.readline().startswith("ready"):
        assert proc.wait(10) == -signal.SIGKILL  # killed by the test before it got there


def wait_for(condition, timeout: float = 60.0) -> bool:  # type: ignore[no-untyped-def]
    """Poll until `condition()` is true or the time is up."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_hard_kills_while_pending_send_each_follow_up_exactly_once(
    sqlite_url: str, engine: Engine, tmp_path: Path
) -> None:
    from bot.settings import build_settings

    quiet = quiet_far_from_now()
    settings = build_settings(FIRSTSTEP_QUIET_HOURS=quiet, FIRSTSTEP_DEFAULT_TIMEZONE="UTC")
    now = datetime.now(UTC)
    for chat in range(1, PEOPLE + 1):  # meetings that just ended: the follow-ups are due now
        pid = add_person(engine, chat_id=chat, tz="UTC")
        ago = [now - timedelta(hours=h) for h in (4, 3, 5)]
        plan_meeting(
            engine, settings, person_id=pid, start=ago[0], end=ago[1], now=ago[2], tz="UTC"
        )
    api = BotApiStandIn(hold=0.05).start()
    procs: list[subprocess.Popen[str]] = []
    kill_at: dict[str, int | None] = {"n": None}
    killed = threading.Event()

    def kill_mid_send(got: Received) -> None:
        # Telegram has the message, the bot has not heard back: the worst moment to die.
        if procs and len(api.received) == kill_at["n"]:
            os.kill(procs[-1].pid, signal.SIGKILL)
            killed.set()

    api.on_send = kill_mid_send
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": sqlite_url,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": api.base_url,
        "FIRSTSTEP_QUIET_HOURS": quiet,
        "FIRSTSTEP_DEFAULT_TIMEZONE": "UTC",
    }

    def all_done() -> bool:
        with Session(engine) as session:
            rows = session.exec(select(FollowUp).where(FollowUp.kind == "followup")).all()
        return all(r.state in ("sent", "uncertain") for r in rows)

    try:
        for n in (10, 20):
            killed.clear()
            kill_at["n"] = n
            start_worker(env, tmp_path, procs)
            assert killed.wait(30), f"the worker never reached message {n}: {api.chats()}"
            assert procs[-1].wait(10) == -signal.SIGKILL
            with Session(engine) as session:
                states = [r.state for r in session.exec(select(FollowUp)).all()]
            assert "sending" in states and "claimed" in states  # claims really were left behind
        kill_at["n"] = None
        start_worker(env, tmp_path, procs)
        assert wait_for(all_done)
        time.sleep(LEASE_SECONDS + 0.5)  # give a wrong re-send every chance to happen
        procs[-1].send_signal(signal.SIGTERM)
        assert procs[-1].wait(20) == 0
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait(10)
        api.stop()
    assert sorted(api.chats()) == list(range(1, PEOPLE + 1))  # each exactly once
    with Session(engine) as session:
        rows = session.exec(select(FollowUp).where(FollowUp.kind == "followup")).all()
        assert [r.state for r in rows].count("uncertain") == 2  # the two killed mid-send
        nudges = session.exec(select(FollowUp).where(FollowUp.kind == "nudge")).all()
        assert len(nudges) == PEOPLE  # the sequence went on for everyone
