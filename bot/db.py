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
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, create_engine

log = logging.getLogger(__name__)
T = TypeVar("T")
_executors: WeakKeyDictionary[Engine, ThreadPoolExecutor] = WeakKeyDictionary()


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
    """The worker threads that run this database's work, off the event loop.

    SQLite takes one writer at a time: its work runs on one thread, one piece after another, so
    pieces never wait on each other's locks (busy waits would cost far more than the queue).
    PostgreSQL gets as many threads as its connection pool holds.
    """
    executor = _executors.get(engine)
    if executor is None:
        workers = 1 if engine.dialect.name == "sqlite" else engine.pool.size()  # type: ignore[attr-defined]
        executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="db")
        _executors[engine] = executor
    return executor


async def run_db(engine: Engine, work: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """Run `work(*args, **kwargs)` on the database's worker threads (see db_executor)."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(db_executor(engine), partial(work, *args, **kwargs))


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


def alembic_config(url: str):  # type: ignore[no-untyped-def]
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
