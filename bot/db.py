"""Database engine, sessions and migrations (SQLite by default, PostgreSQL in production)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import partial
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from weakref import WeakKeyDictionary

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, create_engine

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)
T = TypeVar("T")
_executors: WeakKeyDictionary[Engine, ThreadPoolExecutor] = WeakKeyDictionary()
# SQLite: shut while long work runs (per event loop: an asyncio lock belongs to one loop).
_gates: WeakKeyDictionary[Engine, tuple[asyncio.AbstractEventLoop, asyncio.Lock]] = (
    WeakKeyDictionary()
)


def make_engine(url: str) -> Engine:
    """Create an engine; SQLite gets WAL, foreign keys and a busy timeout, and its folder."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def db_executor(engine: Engine) -> ThreadPoolExecutor:
    """The worker threads that run a PostgreSQL database's work, as many as its pool holds."""
    executor = _executors.get(engine)
    if executor is None:
        workers = engine.pool.size() if hasattr(engine.pool, "size") else 1
        executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="db")
        _executors[engine] = executor
    return executor


async def run_db(engine: Engine, work: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """Run `work(*args, **kwargs)`: SQLite's on the event loop, PostgreSQL's on worker threads.

    SQLite is a local file with one writer at a time, and one step's statements take well under
    a millisecond: handing them to a thread cost more than the work itself (each statement gives
    up the GIL and then waits for the busy event loop to hand it back, so the thread's queue grew
    under load; `bench/load.py --direct`: CPU per update and bot-side p95 both fell when the work
    ran here). Running it here also keeps every write of this process on one thread, so its own
    writes never wait on each other's locks. PostgreSQL's round trips go over the network: they
    stay off the event loop, on as many threads as its connection pool holds.
    """
    if engine.dialect.name == "sqlite":
        held = _gates.get(engine)
        if held is not None and held[1].locked() and held[0] is asyncio.get_running_loop():
            async with held[1]:  # long work is writing: wait for it without holding the loop
                return work(*args, **kwargs)
        return work(*args, **kwargs)
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(db_executor(engine), partial(work, *args, **kwargs))


async def run_db_long(engine: Engine, work: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """Run long work (a coordinator's import or export) without holding the event loop.

    On SQLite it runs on a worker thread, and every other `run_db` of this process waits for it
    by awaiting, not blocking: updates that need no database go on, and a crisis reply waits only
    a short while (`bot/handlers/safety.py`). Being the only one at work, it never meets this
    process's own writes on SQLite's lock. Two long pieces of work take turns. On PostgreSQL it
    is `run_db`: worker threads already, and the server lets others work alongside.
    """
    if engine.dialect.name != "sqlite":
        return await run_db(engine, work, *args, **kwargs)
    loop, held = asyncio.get_running_loop(), _gates.get(engine)
    if held is None or held[0] is not loop:
        held = _gates[engine] = (loop, asyncio.Lock())
    async with held[1]:
        job = asyncio.ensure_future(asyncio.to_thread(work, *args, **kwargs))
        try:
            return await asyncio.shield(job)
        except asyncio.CancelledError:
            await asyncio.wait([job])  # the thread goes on: the gate stays shut until it is done
            raise


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session that commits on success and rolls back everything on any error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def alembic_config(url: str) -> Config:
    """An Alembic config pointing at the packaged migrations and the given database."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(resources.files("bot") / "migrations"))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the database schema up to date (creates the SQLite folder when needed)."""
    from alembic import command

    make_engine(url).dispose()  # creates the SQLite folder
    command.upgrade(alembic_config(url), revision)
    log.info("database upgraded", extra={"revision": revision})
