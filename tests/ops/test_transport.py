"""The aiohttp transport: what it sends, and which PTB errors its failures become."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import web
from telegram import InputFile
from telegram.error import NetworkError, TimedOut
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter

from bot.ops.transport import AiohttpRequest


class Server:
    """A local HTTP server that records what it received and can be told to hang."""

    def __init__(self) -> None:
        self.seen: list[dict[str, Any]] = []
        self.hang = 0.0
        self.runner: web.AppRunner | None = None
        self.url = ""

    async def handle(self, request: web.Request) -> web.Response:
        fields: dict[str, Any] = {}
        if request.content_type == "application/json":
            fields = await request.json()
        else:
            for name, value in (await request.post()).items():
                if isinstance(value, web.FileField):
                    fields[name] = (value.filename, value.file.read(), value.content_type)
                else:
                    fields[name] = value
        self.seen.append({"type": request.content_type, "fields": fields})
        if self.hang:
            await asyncio.sleep(self.hang)
        return web.json_response({"ok": True, "result": True}, status=200)


@pytest.fixture
async def server() -> AsyncIterator[Server]:
    srv = Server()
    app = web.Application()
    app.router.add_post("/{method}", srv.handle)
    srv.runner = web.AppRunner(app)
    await srv.runner.setup()
    site = web.TCPSite(srv.runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    srv.url = f"http://127.0.0.1:{port}"
    yield srv
    await srv.runner.cleanup()


def data(**values: Any) -> RequestData:
    return RequestData([RequestParameter.from_input(k, v) for k, v in values.items()])


async def test_parameters_go_as_json_and_the_answer_comes_back(server: Server) -> None:
    request = AiohttpRequest()
    await request.initialize()
    try:
        status, body = await request.do_request(
            f"{server.url}/sendMessage", "POST", data(chat_id=5, text="héllo <b>x</b> & a=b+c %20")
        )
    finally:
        await request.shutdown()
    assert status == 200 and b'"ok": true' in body
    assert server.seen[0]["type"] == "application/json"
    assert server.seen[0]["fields"] == {"chat_id": "5", "text": "héllo <b>x</b> & a=b+c %20"}


async def test_a_file_goes_as_multipart_with_its_name_and_type(server: Server) -> None:
    request = AiohttpRequest()
    await request.initialize()
    document = InputFile(b"BEGIN:VCALENDAR", filename="meeting.ics")
    try:
        await request.do_request(
            f"{server.url}/sendDocument", "POST", data(chat_id=5, document=document, caption="c")
        )
    finally:
        await request.shutdown()
    seen = server.seen[0]
    assert seen["type"] == "multipart/form-data"
    assert seen["fields"]["chat_id"] == "5" and seen["fields"]["caption"] == "c"
    files = [v for v in seen["fields"].values() if isinstance(v, tuple)]
    assert files == [("meeting.ics", b"BEGIN:VCALENDAR", "text/calendar")]


async def test_a_slow_answer_is_a_time_out(server: Server) -> None:
    server.hang = 2.0
    request = AiohttpRequest(read_timeout=0.2)
    await request.initialize()
    try:
        with pytest.raises(TimedOut):
            await request.do_request(f"{server.url}/sendMessage", "POST", data(chat_id=1))
    finally:
        await request.shutdown()


async def test_no_free_connection_in_time_is_a_pool_time_out(server: Server) -> None:
    server.hang = 1.0
    request = AiohttpRequest(connection_pool_size=1, pool_timeout=0.1)
    await request.initialize()
    try:
        first = asyncio.ensure_future(
            request.do_request(f"{server.url}/sendMessage", "POST", data(chat_id=1))
        )
        await asyncio.sleep(0.05)
        with pytest.raises(TimedOut, match="Pool timeout"):
            await request.do_request(f"{server.url}/sendMessage", "POST", data(chat_id=2))
        assert (await first)[0] == 200
    finally:
        await request.shutdown()
    assert len(server.seen) == 1  # the refused call was never sent


async def test_a_refused_connection_is_a_network_error() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    request = AiohttpRequest()
    await request.initialize()
    try:
        with pytest.raises(NetworkError, match="aiohttp"):
            await request.do_request(f"http://127.0.0.1:{port}/getMe", "POST")
    finally:
        await request.shutdown()


async def test_it_must_be_initialised_first() -> None:
    with pytest.raises(RuntimeError, match="not initialized"):
        await AiohttpRequest().do_request("http://127.0.0.1:1/getMe", "POST")
