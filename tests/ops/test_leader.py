"""Failover: two real processes on PostgreSQL; one leads, the other takes over in seconds."""

from __future__ import annotations

import asyncio
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from bot.ops.leader import (
    AlreadyRunning,
    Attempt,
    PostgresLeader,
    SqliteSingle,
    leadership_for,
)
from tests.ops.db_proxy import TcpProxy

CHILD = Path(__file__).with_name("leader_child.py")
ROOT = Path(__file__).resolve().parents[2]


class Child:
    """A leader_child process whose output lines arrive on a queue."""

    def __init__(self, url: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(CHILD), url],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.strip())

    def expect(self, word: str, timeout: float) -> str:
        """The next line starting with word, or fail after timeout seconds."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self.lines.get(timeout=left)
            except queue.Empty:
                break
            if line.startswith(word):
                return line
        pytest.fail(f"child did not print {word} within {timeout} s")

    def said(self, word: str) -> bool:
        """Whether a line starting with word is waiting (without blocking)."""
        found = False
        while not self.lines.empty():
            found = found or self.lines.get_nowait().startswith(word)
        return found

    def stop(self) -> None:
        """Kill the child if it still runs."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=10)


@pytest.fixture
def children() -> Iterator[list[Child]]:
    """Children started by a test, all killed at the end."""
    started: list[Child] = []
    yield started
    for child in started:
        child.stop()


@pytest.mark.postgres
def test_standby_takes_over_within_seconds_when_the_leader_is_killed(
    pg_url: str, children: list[Child]
) -> None:
    first = Child(pg_url)
    children.append(first)
    first.expect("LEADER", timeout=30)
    second = Child(pg_url)
    children.append(second)
    second.expect("STANDBY", timeout=30)
    time.sleep(1.0)
    assert not second.said("LEADER"), "two leaders at once"
    killed_at = time.monotonic()
    first.process.send_signal(signal.SIGKILL)
    line = second.expect("LEADER", timeout=15)
    took_over_after = float(line.split()[1]) - killed_at
    assert took_over_after < 15
    print(f"takeover after {took_over_after:.2f} s")


def through(proxy: TcpProxy, pg_url: str) -> str:
    """The test database's URL, reached through the cuttable proxy."""
    return make_url(pg_url).set(port=proxy.port).render_as_string(hide_password=False)


async def outage(proxy: TcpProxy, pg_engine: sa.Engine) -> None:
    """The database goes away for the proxy's users: connections cut, sessions ended."""
    proxy.lose()
    await asyncio.to_thread(proxy.terminate_sessions, pg_engine)


@pytest.mark.postgres
async def test_leader_rides_out_a_database_outage_and_takes_the_lock_back(
    pg_url: str, pg_engine: sa.Engine, proxy: TcpProxy, children: list[Child]
) -> None:
    first = Child(through(proxy, pg_url))
    children.append(first)
    await asyncio.to_thread(first.expect, "LEADER", 30)
    await outage(proxy, pg_engine)
    await asyncio.to_thread(first.expect, "SESSION-LOST", 15)
    await asyncio.sleep(4.0)  # the database stays away a while: nobody can take the lock
    assert first.process.poll() is None, "the leader exited in an outage"
    proxy.restore()
    await asyncio.to_thread(first.expect, "REGAINED", 20)
    assert first.process.poll() is None
    other = PostgresLeader(pg_url)
    try:
        assert other.attempt() is Attempt.held_elsewhere  # the lock is the first one's again
    finally:
        other.release()


@pytest.mark.postgres
async def test_leader_steps_down_when_another_process_took_the_lock_meanwhile(
    pg_url: str, pg_engine: sa.Engine, proxy: TcpProxy, children: list[Child]
) -> None:
    first = Child(through(proxy, pg_url))
    children.append(first)
    await asyncio.to_thread(first.expect, "LEADER", 30)
    await outage(proxy, pg_engine)
    await asyncio.to_thread(first.expect, "SESSION-LOST", 15)
    other = PostgresLeader(pg_url)  # reaches the database directly, so it can take the lock
    try:
        for _ in range(50):
            if await asyncio.to_thread(other.try_acquire):
                break
            await asyncio.sleep(0.1)
        else:
            pytest.fail("the lock was not free after the leader's session ended")
        proxy.restore()
        await asyncio.to_thread(first.expect, "LOST", 20)
        assert await asyncio.to_thread(first.process.wait, 10) == 3
    finally:
        other.release()


@pytest.mark.postgres
async def test_starting_in_an_outage_waits_for_the_database_then_leads(
    pg_url: str, proxy: TcpProxy, children: list[Child]
) -> None:
    proxy.lose()
    first = Child(through(proxy, pg_url))
    children.append(first)
    await asyncio.to_thread(first.expect, "UNREACHABLE", 30)
    await asyncio.sleep(2.0)
    assert first.process.poll() is None, "exited in an outage"
    proxy.restore()
    await asyncio.to_thread(first.expect, "LEADER", 20)


@pytest.mark.postgres
async def test_an_attempt_tells_an_outage_from_a_lock_held_elsewhere(pg_url: str) -> None:
    one, two = PostgresLeader(pg_url), PostgresLeader(pg_url)
    gone = PostgresLeader(make_url(pg_url).set(port=1).render_as_string(hide_password=False))
    try:
        assert one.attempt() is Attempt.taken
        assert two.attempt() is Attempt.held_elsewhere
        assert gone.attempt() is Attempt.unreachable
    finally:
        for lock in (one, two, gone):
            lock.release()


@pytest.mark.postgres
async def test_lock_is_per_schema_and_released_on_release(pg_url: str) -> None:
    one, two = PostgresLeader(pg_url), PostgresLeader(pg_url)
    try:
        assert one.try_acquire()
        assert one.still_held()
        assert not two.try_acquire()
        one.release()
        assert two.try_acquire()
        assert not one.still_held()
    finally:
        one.release()
        two.release()


async def test_sqlite_refuses_a_second_process_with_a_clear_message(sqlite_url: str) -> None:
    first, second = leadership_for(sqlite_url), leadership_for(sqlite_url)
    assert isinstance(first, SqliteSingle) and first.single
    await first.acquire()
    with pytest.raises(AlreadyRunning, match="use PostgreSQL"):
        await second.acquire()
    first.release()
    await second.acquire()
    second.release()


def test_postgres_url_gets_the_advisory_lock() -> None:
    lock = leadership_for("postgresql+psycopg://u@127.0.0.1:1/x")
    assert isinstance(lock, PostgresLeader) and not lock.single
    assert not lock.try_acquire()  # unreachable: no lead, no crash
    lock.release()
