"""Failover: exactly one process serves (PostgreSQL advisory lock; SQLite: one process)."""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import os
import secrets
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import IO, Protocol

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.pool import NullPool

log = logging.getLogger(__name__)
LOCK_NAMESPACE = 0x46535450  # "FSTP"; the second key is a hash of the schema, so schemas stay apart
POLL_SECONDS = 1.0
MAX_RETRY_SECONDS = 5.0  # the longest wait between two tries to re-take the lock in an outage
# Close a dead holder's session within seconds even when its machine vanished without a goodbye.
# A query on a connection whose peer vanished fails after 5 s too (tcp_user_timeout, milliseconds).
_KEEPALIVE_ARGS = {"keepalives": 1, "keepalives_idle": 5, "keepalives_interval": 2,
                   "keepalives_count": 2, "connect_timeout": 5,
                   "tcp_user_timeout": 5000}  # fmt: skip
_SERVER_KEEPALIVE = (
    "set tcp_keepalives_idle = 5; set tcp_keepalives_interval = 2; set tcp_keepalives_count = 2"
)


class AlreadyRunning(RuntimeError):
    """Another process already serves this SQLite database."""


class LeadershipLost(RuntimeError):
    """Another process holds the lock now; this process must stop serving."""


class Attempt(StrEnum):
    """The outcome of one try to take the lock."""

    taken = "taken"
    held_elsewhere = "held_elsewhere"  # the database answered: another process holds it
    unreachable = "unreachable"  # the database did not answer: nobody can take it now


class Leadership(Protocol):
    """A lock that says which process serves."""

    single: bool

    async def acquire(
        self,
        on_standby: Callable[[], None] | None = None,
        on_unreachable: Callable[[], None] | None = None,
    ) -> None: ...
    async def watch(
        self,
        on_lost: Callable[[], None] | None = None,
        on_regained: Callable[[], None] | None = None,
    ) -> None: ...
    def release(self) -> None: ...


class PostgresLeader:
    """Holds `pg_try_advisory_lock` on a dedicated connection; a standby polls until it gets it.

    A database outage is not a step-down: while the database cannot be reached nobody can take
    the lock, so the leader serves on (degraded) and takes the lock again when the database is
    back. It steps down only when the database answers and another process holds the lock.
    """

    single = False

    def __init__(self, url: str, *, poll_seconds: float = POLL_SECONDS) -> None:
        self.poll_seconds = poll_seconds
        # Names this process's lock sessions, so a session of ours that outlived its connection
        # (the server has not noticed yet) is not taken for another process.
        self.session_name = f"firststep-leader-{os.getpid()}-{secrets.token_hex(4)}"
        self._engine: Engine = sa.create_engine(
            url,
            poolclass=NullPool,
            isolation_level="AUTOCOMMIT",
            connect_args={**_KEEPALIVE_ARGS, "application_name": self.session_name},
        )
        self._connection: Connection | None = None

    def attempt(self) -> Attempt:
        """Take the lock if free; keep the connection that holds it."""
        try:
            if self._connection is None:
                self._connection = self._engine.connect()
                self._connection.exec_driver_sql(_SERVER_KEEPALIVE)
            got: bool = self._connection.execute(
                sa.text("select pg_try_advisory_lock(:ns, hashtext(current_schema()))"),
                {"ns": LOCK_NAMESPACE},
            ).scalar_one()
            if got:
                return Attempt.taken
            if self._held_by_our_old_session():
                log.warning("leader lock: still held by our own lost session; waiting for it")
                return Attempt.unreachable
        except sa.exc.SQLAlchemyError as exc:
            log.warning("leader lock: database unreachable", extra={"error": type(exc).__name__})
            self._drop_connection()
            return Attempt.unreachable
        return Attempt.held_elsewhere

    def _held_by_our_old_session(self) -> bool:
        assert self._connection is not None
        holders: int = self._connection.execute(
            sa.text(
                "select count(*) from pg_locks l join pg_stat_activity a on a.pid = l.pid"
                " where l.locktype = 'advisory' and l.granted and l.classid = :ns"
                " and l.objid = hashtext(current_schema())::oid and a.application_name = :me"
                " and l.pid <> pg_backend_pid()"
            ),
            {"ns": LOCK_NAMESPACE, "me": self.session_name},
        ).scalar_one()
        return bool(holders)

    def try_acquire(self) -> bool:
        """Take the lock if free. False when held elsewhere or the database is unreachable."""
        return self.attempt() is Attempt.taken

    def still_held(self) -> bool:
        """True while our session is alive and still holds the lock."""
        if self._connection is None:
            return False
        try:
            held: int = self._connection.execute(
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

    async def acquire(
        self,
        on_standby: Callable[[], None] | None = None,
        on_unreachable: Callable[[], None] | None = None,
    ) -> None:
        """Wait until this process holds the lock. While waiting, on_standby is called when
        another process holds it and on_unreachable when the database cannot be reached (each
        time the reason changes)."""
        last: Attempt | None = None
        delay = self.poll_seconds
        while (now := await asyncio.to_thread(self.attempt)) is not Attempt.taken:
            if now is not last:
                if now is Attempt.held_elsewhere:
                    log.info("standing by: another process holds the leader lock")
                    callback = on_standby
                else:
                    log.error("the database cannot be reached: retrying the leader lock")
                    callback = on_unreachable
                if callback is not None:
                    callback()
                last, delay = now, self.poll_seconds
            await asyncio.sleep(delay)
            if now is Attempt.unreachable:
                delay = min(delay * 2, max(MAX_RETRY_SECONDS, self.poll_seconds))
        log.info("leader lock taken", extra={"pid": os.getpid()})

    async def watch(
        self,
        on_lost: Callable[[], None] | None = None,
        on_regained: Callable[[], None] | None = None,
    ) -> None:
        """Watch the lock; return only by raising LeadershipLost, when another process has it.

        When our session is gone (the database went away) on_lost is called, the lock is tried
        again with a growing pause, and on_regained is called once it is ours again.
        """
        while True:
            if await asyncio.to_thread(self.still_held):
                await asyncio.sleep(self.poll_seconds)
                continue
            log.error("leader lock lost: serving without the database until it is back")
            if on_lost is not None:
                on_lost()
            await self._regain()
            log.info("leader lock taken again", extra={"pid": os.getpid()})
            if on_regained is not None:
                on_regained()

    async def _regain(self) -> None:
        """Try the lock until it is ours; LeadershipLost when another process holds it."""
        delay = self.poll_seconds
        while True:
            now = await asyncio.to_thread(self.attempt)
            if now is Attempt.taken:
                return
            if now is Attempt.held_elsewhere:
                raise LeadershipLost("another process holds the leader lock; stop serving")
            await asyncio.sleep(delay)
            delay = min(delay * 2, max(MAX_RETRY_SECONDS, self.poll_seconds))

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

    async def acquire(
        self,
        on_standby: Callable[[], None] | None = None,
        on_unreachable: Callable[[], None] | None = None,
    ) -> None:
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

    async def watch(
        self,
        on_lost: Callable[[], None] | None = None,
        on_regained: Callable[[], None] | None = None,
    ) -> None:
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
