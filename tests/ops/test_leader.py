"""Failover: two real processes on PostgreSQL; one leads, the other takes over in seconds."""

from __future__ import annotations

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

from bot.ops.leader import (
    LOCK_NAMESPACE,
    AlreadyRunning,
    PostgresLeader,
    SqliteSingle,
    leadership_for,
)

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


@pytest.mark.postgres
def test_leader_that_loses_its_database_session_stops_serving(
    pg_url: str, pg_engine: sa.Engine, children: list[Child]
) -> None:
    first = Child(pg_url)
    children.append(first)
    first.expect("LEADER", timeout=30)
    with pg_engine.begin() as connection:
        ended = connection.execute(
            sa.text(
                "select count(pg_terminate_backend(pid)) from pg_locks"
                " where locktype = 'advisory' and classid = :ns"
                " and objid = hashtext(current_schema())::oid"
            ),
            {"ns": LOCK_NAMESPACE},
        ).scalar_one()
    assert ended == 1
    first.expect("LOST", timeout=15)
    assert first.process.wait(timeout=10) == 3


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
