"""A local stub of the Bot API (127.0.0.1 only) that can play Telegram's faults on demand.

Faults per method, used once each in order: ("status", 429, retry_after), ("status", 500),
("delay", seconds), ("drop",) (close the connection without an answer), ("garbage",) (not JSON).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.e2e.harness import free_port

BOT_ID = 424242
TOKEN = f"{BOT_ID}:stubTOKENstubTOKENstubTOKENstub123"


@dataclass
class Call:
    """One call the bot made."""

    method: str
    params: dict[str, Any]
    at: float = field(default_factory=time.monotonic)  # when it arrived


@dataclass
class StubBotApi:
    """Answers getMe, getUpdates (from a queue), sendMessage and friends; injects faults."""

    port: int = field(default_factory=free_port)
    calls: list[Call] = field(default_factory=list)
    faults: dict[str, list[tuple[Any, ...]]] = field(default_factory=lambda: defaultdict(list))
    raw_updates: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._runner: web.AppRunner | None = None
        self._ids = itertools.count(1)
        self._update_ids = itertools.count(1)
        self._new_update = asyncio.Event()

    @property
    def base_url(self) -> str:
        """For ApplicationBuilder.base_url / TELEGRAM_API_BASE_URL."""
        return f"http://127.0.0.1:{self.port}/bot"

    async def start(self) -> None:
        """Serve on 127.0.0.1."""
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port).start()

    async def stop(self) -> None:
        """Stop serving."""
        if self._runner is not None:
            await self._runner.cleanup()

    def fail(self, method: str, *fault: Any) -> None:
        """Make the next call of method fail this way."""
        self.faults[method].append(fault)

    def queue_text(self, chat_id: int, text: str) -> int:
        """Queue an incoming text message from a person; returns its update id."""
        update_id = next(self._update_ids)
        user = {"id": chat_id, "is_bot": False, "first_name": "P"}
        message = {
            "message_id": update_id,
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private", "first_name": "P"},
            "from": user,
            "text": text,
        }
        if text.startswith("/"):
            length = len(text.split()[0])
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        self.queue_raw({"update_id": update_id, "message": message})
        return update_id

    def queue_raw(self, update: dict[str, Any]) -> None:
        """Queue any update dict as it is (also malformed ones)."""
        self.raw_updates.append(update)
        self._new_update.set()

    def sent(self, chat_id: int | None = None) -> list[str]:
        """Texts the bot sent (to one chat, or to all)."""
        return [
            str(c.params.get("text"))
            for c in self.calls
            if c.method == "sendMessage"
            and (chat_id is None or int(c.params.get("chat_id", 0)) == chat_id)
        ]

    async def wait_sent(self, chat_id: int, count: int, within: float = 10.0) -> list[str]:
        """Wait until the bot sent at least count messages to the chat (or `within` passed)."""
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            if len(self.sent(chat_id)) >= count:
                break
            await asyncio.sleep(0.02)
        return self.sent(chat_id)

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        params: dict[str, Any] = dict(request.query)
        if request.content_type == "application/json":
            params.update(await request.json())
        elif request.can_read_body:
            params.update(await request.post())
        self.calls.append(Call(method, params))
        if self.faults.get(method):
            return await self._fault(request, self.faults[method].pop(0))
        return web.json_response({"ok": True, "result": await self._result(method, params)})

    async def _fault(self, request: web.Request, fault: tuple[Any, ...]) -> web.StreamResponse:
        kind = fault[0]
        if kind == "status":
            code = int(fault[1])
            body: dict[str, Any] = {"ok": False, "error_code": code, "description": f"stub {code}"}
            if code == 429:
                body["parameters"] = {"retry_after": int(fault[2])}
            return web.json_response(body, status=code)
        if kind == "delay":
            await asyncio.sleep(float(fault[1]))
            return web.json_response({"ok": True, "result": True})
        if kind == "drop":
            assert request.transport is not None
            request.transport.close()
            return web.Response(status=500)
        return web.Response(text="<html>bad gateway</html>", status=502)

    async def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return {"id": BOT_ID, "is_bot": True, "first_name": "stub", "username": "stub_bot"}
        if method == "getUpdates":
            return await self._updates(params)
        if method in ("sendMessage", "editMessageText"):
            chat_id = int(params.get("chat_id", 0))
            chat = {"id": chat_id, "type": "private", "first_name": "P"}
            return {
                "message_id": next(self._ids),
                "date": int(time.time()),
                "chat": chat,
                "text": params.get("text", ""),
            }
        return True

    async def _updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        self.raw_updates = [u for u in self.raw_updates if int(u.get("update_id", 0)) >= offset]
        if not self.raw_updates:
            self._new_update.clear()
            wait = min(float(params.get("timeout") or 0), 0.5)
            try:
                await asyncio.wait_for(self._new_update.wait(), timeout=wait)
            except TimeoutError:
                return []
        return json.loads(json.dumps(self.raw_updates))
