"""A TCP proxy in front of the test's PostgreSQL that can be cut: the database "goes away" for the
processes that reach it through the proxy, without stopping the real server."""

from __future__ import annotations

import asyncio
import contextlib

import sqlalchemy as sa
from sqlalchemy.engine import Engine


class TcpProxy:
    """A TCP proxy to the database that can be cut (connections dropped, new ones refused)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.target = host, port
        self.cut = False
        self.port = 0
        self.upstream_ports: set[int] = set()  # local ports of our connections to the server
        self._writers: set[asyncio.StreamWriter] = set()
        self._server: asyncio.Server | None = None

    async def start(self) -> None:
        """Listen on a free local port."""
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self.cut:
            writer.close()
            return
        try:
            up_reader, up_writer = await asyncio.open_connection(self.host, self.target)
        except OSError:
            writer.close()
            return
        self.upstream_ports.add(up_writer.get_extra_info("sockname")[1])
        self._writers |= {writer, up_writer}
        await asyncio.gather(self._pipe(reader, up_writer), self._pipe(up_reader, writer))

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(ConnectionError, OSError):
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        writer.close()
        self._writers.discard(writer)

    def lose(self) -> None:
        """The database goes away: every connection drops, new ones are refused."""
        self.cut = True
        for writer in list(self._writers):
            writer.transport.abort()
        self._writers.clear()

    def terminate_sessions(self, engine: Engine) -> int:
        """End (pg_terminate_backend) every server session that came through the proxy."""
        ports = sorted(self.upstream_ports)
        if not ports:
            return 0
        with engine.begin() as connection:
            return int(
                connection.execute(
                    sa.text(
                        "select count(pg_terminate_backend(pid)) from pg_stat_activity"
                        " where client_port = any(:ports) and pid <> pg_backend_pid()"
                    ),
                    {"ports": ports},
                ).scalar_one()
            )

    def restore(self) -> None:
        """The database is back."""
        self.cut = False

    async def stop(self) -> None:
        """Stop listening."""
        self.lose()
        if self._server is not None:
            self._server.close()
