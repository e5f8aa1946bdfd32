"""Where database work runs: short work on SQLite on the event loop, long work off it."""

from __future__ import annotations

import asyncio
import threading

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.db import run_db, run_db_long


def _hold(engine: Engine, holding: threading.Event, release: threading.Event) -> str:
    """Long work: writes a row, then holds its transaction (and SQLite's lock) until released."""
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE IF NOT EXISTS scratch (x INTEGER)"))
        conn.execute(sa.text("INSERT INTO scratch VALUES (1)"))
        holding.set()
        if not release.wait(10):
            raise AssertionError("never released")
    return "long done"


def _add_and_read(engine: Engine) -> list[int]:
    """Short work: writes a row and reads them all."""
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE IF NOT EXISTS scratch (x INTEGER)"))
        conn.execute(sa.text("INSERT INTO scratch VALUES (2)"))
        return [row.x for row in conn.execute(sa.text("SELECT x FROM scratch ORDER BY x"))]


async def _start_long(engine: Engine) -> tuple[asyncio.Future[str], threading.Event]:
    holding, release = threading.Event(), threading.Event()
    long = asyncio.ensure_future(run_db_long(engine, _hold, engine, holding, release))
    assert await asyncio.to_thread(holding.wait, 5), "the long work did not start"
    return long, release


async def test_long_work_on_sqlite_leaves_the_loop_free_and_short_work_waits_its_turn(
    engine: Engine,
) -> None:
    long, release = await _start_long(engine)
    short = asyncio.ensure_future(run_db(engine, _add_and_read, engine))
    for _ in range(5):  # the loop goes on while the long work holds the database
        await asyncio.sleep(0.01)
    assert not long.done() and not short.done()
    release.set()
    assert await long == "long done"
    assert await short == [1, 2]  # after the long work, never inside its transaction


async def test_a_cancelled_long_work_keeps_others_waiting_until_its_thread_is_done(
    engine: Engine,
) -> None:
    long, release = await _start_long(engine)
    short = asyncio.ensure_future(run_db(engine, _add_and_read, engine))
    long.cancel()
    await asyncio.sleep(0.05)
    assert not short.done()  # the thread still holds SQLite's lock: the gate stays shut
    release.set()
    with pytest.raises(asyncio.CancelledError):
        await long
    assert await short == [1, 2]


def test_the_gate_works_on_each_event_loop_the_engine_meets(engine: Engine) -> None:
    async def contended() -> list[int]:
        long, release = await _start_long(engine)
        short = asyncio.ensure_future(run_db(engine, _add_and_read, engine))
        await asyncio.sleep(0.02)
        assert not short.done()
        release.set()
        await long
        return await short

    assert asyncio.run(contended()) == [1, 2]
    assert asyncio.run(contended()) == [1, 1, 2, 2]  # a new loop: a new gate, no error


async def test_short_work_on_sqlite_runs_at_once_when_nothing_long_runs(engine: Engine) -> None:
    assert await run_db(engine, _add_and_read, engine) == [2]


@pytest.mark.postgres
async def test_on_postgres_short_work_goes_on_beside_long_work(pg_engine: Engine) -> None:
    holding, release = threading.Event(), threading.Event()

    def hold() -> str:
        with pg_engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
            holding.set()
            if not release.wait(10):
                raise AssertionError("never released")
        return "long done"

    def read() -> int:
        with pg_engine.connect() as conn:
            return int(conn.execute(sa.text("SELECT 2")).scalar_one())

    long = asyncio.ensure_future(run_db_long(pg_engine, hold))
    assert await asyncio.to_thread(holding.wait, 5)
    assert await asyncio.wait_for(run_db(pg_engine, read), 5) == 2  # did not wait for the long
    assert not long.done()
    release.set()
    assert await long == "long done"
