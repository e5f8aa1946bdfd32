"""The emulator harness: the telegram-test-api server, a Bot API front that fixes it up, a person.

Three pieces, usable from any end-to-end test:

- `Emulator` starts `node emulator.js PORT` (the npm package `telegram-test-api`, pinned in
  `tests/e2e/package.json`) on a free port and stops it again.
- `BotApiFront` is a small aiohttp server in the test's event loop that the bot talks to
  (`TELEGRAM_API_BASE_URL`). It passes every Bot API call through to the emulator and fills in what
  python-telegram-bot needs and the emulator leaves out or gets wrong: `getMe` lacks `is_bot`,
  callback queries lack `chat_instance`, message dates come in milliseconds, edits answer `null`,
  `getUpdates` does not wait (the front long-polls for it), and `sendDocument` / `sendChatAction` /
  `setMyCommands` do not exist (the front answers them and keeps the documents). It can also play
  Telegram's errors: a person who blocked the bot (403) and flood control (429).
- `Person` acts as a person in a private chat: send text or a command, press an inline button,
  share a location, send a sticker, read the bot's replies and download the documents it sent.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import shutil
import socket
import subprocess
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

E2E_DIR = Path(__file__).resolve().parent
PACKAGE_DIR = E2E_DIR / "node_modules" / "telegram-test-api"
HOW_TO_FIX = (
    "Install Node.js 20 (e.g. `apt-get install nodejs npm`) and the emulator's packages "
    "(`bash scripts/setup`, or `cd tests/e2e && npm ci`)."
)
_TRUE_METHODS = frozenset(
    {
        "sendchataction",
        "setmycommands",
        "deletemycommands",
        "setmydescription",
        "setmyshortdescription",
        "setchatmenubutton",
        "close",
        "logout",
    }
)
_SEND_METHODS = frozenset({"sendmessage", "senddocument", "editmessagetext", "sendlocation"})


class HarnessError(RuntimeError):
    """The emulator harness cannot run; the message says how to fix it."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Emulator:
    """The telegram-test-api server in a Node.js child process."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._process: subprocess.Popen[str] | None = None

    @property
    def pid(self) -> int | None:
        """The node process's id while it runs (a benchmark reads its CPU time)."""
        return self._process.pid if self._process is not None else None

    def start(self, timeout: float = 20.0) -> None:
        """Start node and wait until the emulator listens; raise HarnessError with a fix if not."""
        node = shutil.which("node")
        if node is None:
            raise HarnessError(f"Node.js (`node`) is not on PATH. {HOW_TO_FIX}")
        if not PACKAGE_DIR.is_dir():
            raise HarnessError(f"telegram-test-api is not installed in {E2E_DIR}. {HOW_TO_FIX}")
        env = {**os.environ, "DEBUG": ""}
        self._process = subprocess.Popen(
            [node, str(E2E_DIR / "emulator.js"), str(self.port)],
            cwd=E2E_DIR,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert self._process.stdout is not None
        line = self._process.stdout.readline()
        if not line.startswith("listening"):
            err = self._process.stderr.read() if self._process.stderr else ""
            self.stop()
            raise HarnessError(f"the emulator did not start: {line!r} {err.strip()}. {HOW_TO_FIX}")
        self._wait_listening(timeout)

    def _wait_listening(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise HarnessError(f"the emulator did not listen on port {self.port} in {timeout} s")

    def stop(self) -> None:
        """Stop the node process (closing its stdin asks it to stop; terminate if it lingers)."""
        process, self._process = self._process, None
        if process is None:
            return
        if process.stdin:
            process.stdin.close()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.terminate()
            process.wait(timeout=5)
        for stream in (process.stdout, process.stderr):
            if stream:
                stream.close()


@dataclass
class SentDocument:
    """A document the bot sent, kept by the front."""

    chat_id: int
    file_id: str
    file_name: str
    mime_type: str
    content: bytes
    caption: str | None


@dataclass
class BotApiFront:
    """An aiohttp Bot API server in front of the emulator that fixes what PTB needs."""

    emulator_url: str
    token: str = field(default_factory=lambda: f"{uuid.uuid4().int % 10**9}:e2e{uuid.uuid4().hex}")
    port: int = field(default_factory=free_port)
    documents: dict[str, SentDocument] = field(default_factory=dict)
    calls: list[str] = field(default_factory=list)
    blocked_chats: set[int] = field(default_factory=set)
    floods: dict[str, int] = field(default_factory=dict)
    long_poll_cap: float = 1.0

    def __post_init__(self) -> None:
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None
        self._ids = itertools.count(1)

    @property
    def base_url(self) -> str:
        """The value for TELEGRAM_API_BASE_URL (the token is appended by PTB)."""
        return f"http://127.0.0.1:{self.port}/bot"

    async def start(self) -> None:
        """Serve on 127.0.0.1:port."""
        self._session = aiohttp.ClientSession()
        app = web.Application(client_max_size=20 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port).start()

    async def stop(self) -> None:
        """Stop serving."""
        if self._runner is not None:
            await self._runner.cleanup()
        if self._session is not None:
            await self._session.close()

    def block(self, chat_id: int) -> None:
        """From now on, sending to this chat fails as if the person blocked the bot."""
        self.blocked_chats.add(chat_id)

    def flood(self, method: str, retry_after: int = 1) -> None:
        """The next call of this method fails with flood control (429, retry_after seconds)."""
        self.floods[method.lower()] = retry_after

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params, files = await _read_params(request)
        self.calls.append(method)
        name = method.lower()
        if name in self.floods:
            retry = self.floods.pop(name)
            return _error(429, f"Too Many Requests: retry after {retry}", retry_after=retry)
        chat = params.get("chat_id")
        if name in _SEND_METHODS and chat is not None and int(chat) in self.blocked_chats:
            return _error(403, "Forbidden: bot was blocked by the user")
        if name in _TRUE_METHODS:
            return web.json_response({"ok": True, "result": True})
        if name == "senddocument":
            return await self._send_document(params, files)
        if name == "getupdates":
            return await self._get_updates(request.match_info["token"], params)
        status, body = await self._forward(request.match_info["token"], method, params)
        return web.json_response(_fix_result(name, body), status=status)

    async def _forward(self, token: str, method: str, params: dict[str, Any]) -> tuple[int, Any]:
        assert self._session is not None
        url = f"{self.emulator_url}/bot{token}/{method}"
        async with self._session.post(url, json=params) as response:
            return response.status, await response.json(content_type=None)

    async def _get_updates(self, token: str, params: dict[str, Any]) -> web.Response:
        wait = min(float(params.get("timeout") or 0), self.long_poll_cap)
        deadline = asyncio.get_running_loop().time() + wait
        while True:
            status, body = await self._forward(token, "getUpdates", params)
            if status != 200 or body.get("result") or asyncio.get_running_loop().time() >= deadline:
                break
            await asyncio.sleep(0.05)
        if status == 200:
            body["result"] = [_fix_update(update) for update in body.get("result", [])]
        return web.json_response(body, status=status)

    async def _send_document(self, params: dict[str, Any], files: dict[str, Any]) -> web.Response:
        upload = files.get("document")
        if upload is None:
            return _error(400, "Bad Request: there is no document in the request")
        file_id = f"doc{next(self._ids)}"
        document = SentDocument(
            chat_id=int(params["chat_id"]),
            file_id=file_id,
            file_name=upload["file_name"],
            mime_type=upload["mime_type"],
            content=upload["content"],
            caption=params.get("caption"),
        )
        self.documents[file_id] = document
        meta = {
            "file_id": file_id,
            "file_unique_id": file_id,
            "file_name": document.file_name,
            "mime_type": document.mime_type,
            "file_size": len(document.content),
        }
        shown = {"chat_id": document.chat_id, "caption": document.caption, "document": meta}
        token = self.token
        status, body = await self._forward(token, "sendMessage", shown)
        return web.json_response(_fix_result("senddocument", body), status=status)


async def _read_params(request: web.Request) -> tuple[dict[str, Any], dict[str, Any]]:
    """Bot API parameters from a query string, a form, a multipart body or JSON."""
    params: dict[str, Any] = dict(request.query)
    files: dict[str, Any] = {}
    if request.content_type == "application/json":
        params.update(await request.json())
    elif request.content_type == "multipart/form-data":
        reader = await request.multipart()
        async for part in reader:
            if not isinstance(part, aiohttp.BodyPartReader) or part.name is None:
                continue
            if part.filename is not None:
                files[part.name] = {
                    "file_name": part.filename,
                    "mime_type": part.headers.get("Content-Type", "application/octet-stream"),
                    "content": bytes(await part.read()),
                }
            else:
                params[part.name] = await part.text()
    elif request.can_read_body:
        params.update(await request.post())
    for key, value in list(params.items()):
        if isinstance(value, str) and value[:1] in "[{":
            with contextlib.suppress(ValueError):
                params[key] = json.loads(value)
    return params, files


def _error(code: int, description: str, *, retry_after: int | None = None) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    return web.json_response(body, status=code)


def _fix_date(message: dict[str, Any]) -> dict[str, Any]:
    """Dates in seconds (the emulator stamps its own messages in milliseconds)."""
    date = message.get("date")
    if isinstance(date, int | float) and date > 10**11:
        message["date"] = int(date // 1000)
    elif date is None:
        message["date"] = int(time.time())
    return message


def _fix_result(method: str, body: Any) -> Any:
    if not isinstance(body, dict) or "ok" not in body:
        message = body.get("message") if isinstance(body, dict) else str(body)
        return {"ok": False, "error_code": 400, "description": f"Bad Request: {message}"}
    result = body.get("result")
    if method == "getme" and isinstance(result, dict):
        result.setdefault("is_bot", True)
    elif method.startswith("edit") or method == "deletemessage":
        body["result"] = True if result is None else result
    elif isinstance(result, dict) and "message_id" in result:
        _fix_date(result)
    return body


def _fix_update(update: dict[str, Any]) -> dict[str, Any]:
    if "message" in update:
        _fix_date(update["message"])
    query = update.get("callback_query")
    if query is not None:
        query.setdefault("chat_instance", f"ci{query['from']['id']}")
        if isinstance(query.get("message"), dict):
            _fix_date(query["message"])
    return update


@dataclass
class BotMessage:
    """One message the bot sent to the person, as the person sees it."""

    message_id: int
    text: str
    parse_mode: str | None
    buttons: list[list[tuple[str, str]]]
    document: dict[str, Any] | None
    raw: dict[str, Any]

    @property
    def labels(self) -> list[str]:
        """The inline button labels, row by row, flattened."""
        return [text for row in self.buttons for text, _ in row]


@dataclass
class Person:
    """A person in a private chat with the bot, driving it through the emulator's client API."""

    emulator_url: str
    front: BotApiFront
    chat_id: int = 1001
    first_name: str = "Sam"
    language_code: str = "en"
    timeout: float = 30.0
    settle: float = 0.6
    seen: list[BotMessage] = field(default_factory=list)

    async def send(self, text: str) -> list[BotMessage]:
        """Send a text (or a /command) and return the bot's replies."""
        message = self._message({"text": text})
        route = "sendMessage"
        if text.startswith("/"):
            length = len(text.split(" ", 1)[0])
            message["entities"] = [{"offset": 0, "length": length, "type": "bot_command"}]
            route = "sendCommand"
        await self._post(route, message)
        return await self.replies()

    async def send_location(self, latitude: float, longitude: float) -> list[BotMessage]:
        """Share a location and return the bot's replies."""
        await self._post(
            "sendMessage",
            self._message({"location": {"latitude": latitude, "longitude": longitude}}),
        )
        return await self.replies()

    async def send_sticker(self) -> list[BotMessage]:
        """Send a sticker and return the bot's replies."""
        sticker = {
            "file_id": "sticker1",
            "file_unique_id": "sticker1",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "type": "regular",
        }
        await self._post("sendMessage", self._message({"sticker": sticker}))
        return await self.replies()

    async def press(self, label: str, message: BotMessage | None = None) -> list[BotMessage]:
        """Press the inline button whose label contains `label` (in the latest message with it)."""
        candidates = [message] if message else reversed(self.seen)
        for shown in candidates:
            for row in shown.buttons:
                for text, data in row:
                    if label.lower() in text.lower():
                        return await self.press_data(data, shown)
        shown_labels = [m.labels for m in self.seen if m.buttons]
        raise AssertionError(f"no button like {label!r}; buttons shown: {shown_labels}")

    async def press_data(self, data: str, message: BotMessage) -> list[BotMessage]:
        """Press a button by its callback data, on a given message; return the bot's replies."""
        chat = {"id": self.chat_id, "type": "private", "first_name": self.first_name}
        shown = {"message_id": message.message_id, "date": int(time.time()), "chat": chat}
        shown["text"] = message.text
        query = {"botToken": self.front.token, "from": self._user(), "message": shown, "data": data}
        await self._post("sendCallback", query)
        return await self.replies()

    def download(self, message: BotMessage) -> bytes:
        """The content of a document the bot sent."""
        assert message.document is not None, "this message has no document"
        return self.front.documents[message.document["file_id"]].content

    async def replies(self) -> list[BotMessage]:
        """Wait for the bot's next message(s): at least one, then until it is quiet for a moment."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout
        got: list[BotMessage] = []
        quiet_since = loop.time()
        while True:
            fresh = await self._fetch()
            now = loop.time()
            if fresh:
                got.extend(fresh)
                quiet_since = now
            elif got and now - quiet_since >= self.settle:
                break
            elif not got and now >= deadline:
                raise AssertionError(f"the bot did not answer within {self.timeout} s")
            await asyncio.sleep(0.05)
        self.seen.extend(got)
        return got

    async def _fetch(self) -> list[BotMessage]:
        body = await self._post("getUpdates", {"token": self.front.token, "chatId": self.chat_id})
        return [_bot_message(item) for item in body.get("result", [])]

    async def _post(self, route: str, payload: dict[str, Any]) -> dict[str, Any]:
        async with (
            aiohttp.ClientSession() as session,
            session.post(f"{self.emulator_url}/{route}", json=payload) as response,
        ):
            body = await response.json(content_type=None)
            assert response.status == 200, f"emulator {route} failed: {response.status} {body}"
            return body

    def _user(self) -> dict[str, Any]:
        return {
            "id": self.chat_id,
            "is_bot": False,
            "first_name": self.first_name,
            "language_code": self.language_code,
        }

    def _message(self, content: dict[str, Any]) -> dict[str, Any]:
        chat = {"id": self.chat_id, "type": "private", "first_name": self.first_name}
        return {
            "botToken": self.front.token,
            "from": self._user(),
            "chat": chat,
            "date": int(time.time()),
            **content,
        }


def _bot_message(item: dict[str, Any]) -> BotMessage:
    message = item["message"]
    markup = message.get("reply_markup") or {}
    if isinstance(markup, str):
        markup = json.loads(markup)
    rows = markup.get("inline_keyboard") or []
    buttons = [[(b["text"], b.get("callback_data", "")) for b in row] for row in rows]
    return BotMessage(
        message_id=int(item["messageId"]),
        text=message.get("text") or message.get("caption") or "",
        parse_mode=message.get("parse_mode"),
        buttons=buttons,
        document=message.get("document"),
        raw=message,
    )
