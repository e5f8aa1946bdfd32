"""Failover: exactly one process serves (PostgreSQL advisory lock; SQLite: one process)."""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import IO, Protocol

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.pool import NullPool

log = logging.getLogger(__name__)
LOCK_NAMESPACE = 0x46535450  # "FSTP"; the second key is a hash of the schema, so schemas stay apart
POLL_SECONDS = 1.0
# Close a dead holder's session within seconds even when its machine vanished without a goodbye.
_KEEPALIVE_ARGS = {"keepalives": 1, "keepalives_idle": 5, "keepalives_interval": 2,
                   "keepalives_count": 2, "connect_timeout": 5}  # fmt: skip
_SERVER_KEEPALIVE = (
    "set tcp_keepalives_idle = 5; set tcp_keepalives_interval = 2; set tcp_keepalives_count = 2"
)


class AlreadyRunning(RuntimeError):
    """Another process already serves this SQLite database."""


class LeadershipLost(RuntimeError):
    """The lock was lost (the database went away); this process must stop serving."""


class Leadership(Protocol):
    """A lock that says which process serves."""

    single: bool

    async def acquire(self, on_standby: Callable[[], None] | None = None) -> None: ...
    async def watch(self) -> None: ...
    def release(self) -> None: ...


class PostgresLeader:
    """Holds `pg_try_advisory_lock` on a dedicated connection; a standby polls until it gets it."""

    single = False

    def __init__(self, url: str, *, poll_seconds: float = POLL_SECONDS) -> None:
        self.poll_seconds = poll_seconds
        self._engine: Engine = sa.create_engine(
            url, poolclass=NullPool, isolation_level="AUTOCOMMIT", connect_args=_KEEPALIVE_ARGS
        )
        self._connection: Connection | None = None

    def try_acquire(self) -> bool:
        """Take the lock if free; keep the connection that holds it. False when held elsewhere."""
        try:
            if self._connection is None:
                self._connection = self._engine.connect()
                self._connection.exec_driver_sql(_SERVER_KEEPALIVE)
            got = self._connection.execute(
                sa.text("select pg_try_advisory_lock(:ns, hashtext(current_schema()))"),
                {"ns": LOCK_NAMESPACE},
            ).scalar_one()
        except sa.exc.SQLAlchemyError as exc:
            log.warning("leader lock: database unreachable", extra={"error": type(exc).__name__})
            self._drop_connection()
            return False
        return bool(got)

    def still_held(self) -> bool:
        """True while our session is alive and still holds the lock."""
        if self._connection is None:
            return False
        try:
            held = self._connection.execute(
                sa.text(
                    "select count(*) from pg_locks where locktype = 'advisory' and granted"
                    " and pid = pg_backend_pid() and classid = :ns"
                ),
                {"ns": LOCK_NAMESPACE},
            ).scalar_one()
        except sa.exc.SQLAlchemyError as exc:
            log.error("leader lock: connection lost", extra={"error": type(exc).__name__})
            self._drop_connection()
            return False
        return held > 0

    async def acquire(self, on_standby: Callable[[], None] | None = None) -> None:
        """Wait until this process holds the lock (calls on_standby once if it has to wait)."""
        waited = False
        while not await asyncio.to_thread(self.try_acquire):
            if not waited:
                log.info("standing by: another process holds the leader lock")
                if on_standby is not None:
                    on_standby()
                waited = True
            await asyncio.sleep(self.poll_seconds)
        log.info("leader lock taken", extra={"pid": os.getpid()})

    async def watch(self) -> None:
        """Return only by raising LeadershipLost, as soon as the lock is gone."""
        while True:
            if not await asyncio.to_thread(self.still_held):
                break
            await asyncio.sleep(self.poll_seconds)
        raise LeadershipLost("the leader lock was lost; stop serving and let the standby take over")

    def release(self) -> None:
        """Give the lock up at once (closing the connection releases it too, but a moment later)."""
        if self._connection is not None:
            with contextlib.suppress(sa.exc.SQLAlchemyError):
                self._connection.execute(
                    sa.text("select pg_advisory_unlock(:ns, hashtext(current_schema()))"),
                    {"ns": LOCK_NAMESPACE},
                )
        self._drop_connection()
        self._engine.dispose()

    def _drop_connection(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(sa.exc.SQLAlchemyError):
                self._connection.close()
            self._connection = None


class SqliteSingle:
    """SQLite serves one process: a lock file beside the database refuses a second one."""

    single = True

    def __init__(self, url: str) -> None:
        database = make_url(url).database
        self.path = None if not database or database == ":memory:" else Path(database + ".lock")
        self._file: IO[str] | None = None

    async def acquire(self, on_standby: Callable[[], None] | None = None) -> None:
        """Take the lock file or raise AlreadyRunning at once (SQLite has no standby)."""
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = self.path.open("w")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            raise AlreadyRunning(
                f"another firststep process already serves {self.path.with_suffix('')}; "
                "SQLite takes one process. For two processes (failover) use PostgreSQL."
            ) from None
        handle.write(str(os.getpid()))
        handle.flush()
        self._file = handle

    async def watch(self) -> None:
        """A file lock is not lost while the process lives: wait forever."""
        await asyncio.Event().wait()

    def release(self) -> None:
        """Let go of the lock file."""
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None


def leadership_for(url: str, *, poll_seconds: float = POLL_SECONDS) -> Leadership:
    """The right lock for the database: advisory lock on PostgreSQL, a lock file on SQLite."""
    if make_url(url).get_backend_name() == "postgresql":
        return PostgresLeader(url, poll_seconds=poll_seconds)
    return SqliteSingle(url)
