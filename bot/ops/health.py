"""A small HTTP server: /healthz (alive), /readyz (database and pipeline ready) and /metrics."""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass, field
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets
from tornado.web import Application, RequestHandler

from bot.ops.metrics import Metrics

log = logging.getLogger(__name__)
DATABASE_CHECK_SECONDS = 3.0


class Role(StrEnum):
    """What this process is doing."""

    starting = "starting"
    standby = "standby"  # waiting for the leader lock
    leader = "leader"  # holds the lock and serves
    single = "single"  # SQLite: the only process, serves
    degraded = "degraded"  # the database cannot be reached: serves crisis replies and apologies
    stopping = "stopping"


@dataclass
class HealthState:
    """What /readyz reports on: the database, the parser pipeline and this process's role."""

    engine: Engine | None = None
    metrics: Metrics = field(default_factory=Metrics)
    pipeline_name: str | None = None
    role: Role = Role.starting

    def set_role(self, role: Role) -> None:
        """Change the role and the leader gauge with it."""
        self.role = role
        self.metrics.leader.set(1 if role in (Role.leader, Role.single) else 0)

    async def readiness(self) -> tuple[bool, dict[str, object]]:
        """Whether this process can serve people now, and why not when it cannot.

        Degraded (a database outage) counts as ready: the process answers people (crisis replies
        and a kind "try again in a few minutes"), and a webhook must keep reaching it.
        """
        database = await asyncio.to_thread(database_reachable, self.engine)
        report: dict[str, object] = {
            "database": "ok" if database else "unreachable",
            "pipeline": self.pipeline_name or "not loaded",
            "role": self.role.value,
        }
        if self.role is Role.degraded:
            return self.pipeline_name is not None, report
        ready = database and self.pipeline_name is not None
        ready = ready and self.role in (Role.leader, Role.single)
        return ready, report


def database_reachable(engine: Engine | None) -> bool:
    """True when a `select 1` succeeds on the engine."""
    if engine is None:
        return False
    try:
        with engine.connect() as connection:
            connection.execute(sa.text("select 1"))
    except Exception as exc:  # any failure means not ready; the reason goes to the log
        log.warning("database check failed", extra={"error": type(exc).__name__})
        return False
    return True


class _Alive(RequestHandler):
    def initialize(self, state: HealthState) -> None:
        self.state = state

    def get(self) -> None:
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"status": "alive", "role": self.state.role.value}))


class _Ready(RequestHandler):
    def initialize(self, state: HealthState) -> None:
        self.state = state

    async def get(self) -> None:
        try:
            ready, report = await asyncio.wait_for(
                self.state.readiness(), timeout=DATABASE_CHECK_SECONDS
            )
        except TimeoutError:
            ready, report = False, {"database": "timeout", "role": self.state.role.value}
        status = "ready" if ready else "not ready"
        if ready and report.get("role") == Role.degraded:
            status = "degraded"
        self.set_status(200 if ready else 503)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"status": status, **report}))


class _Metrics(RequestHandler):
    def initialize(self, state: HealthState) -> None:
        self.state = state

    async def get(self) -> None:
        body = await asyncio.to_thread(self.state.metrics.exposition)  # may read the database
        self.set_header("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        self.finish(body)


class HealthServer:
    """The health and metrics endpoints, served on the running event loop."""

    def __init__(self, state: HealthState) -> None:
        self.state = state
        routes = [(r"/healthz", _Alive), (r"/readyz", _Ready), (r"/metrics", _Metrics)]
        app = Application([(path, handler, {"state": state}) for path, handler in routes])
        self._server = HTTPServer(app)
        self.port: int | None = None

    def start(self, host: str, port: int) -> int:
        """Listen on host:port (port 0 picks a free one) and return the port."""
        sockets = bind_sockets(port, address=host)
        self._server.add_sockets(sockets)
        self.port = sockets[0].getsockname()[1]
        log.info("health server listening", extra={"host": host, "port": self.port})
        return self.port

    async def stop(self) -> None:
        """Stop listening and close open connections."""
        self._server.stop()
        await self._server.close_all_connections()
