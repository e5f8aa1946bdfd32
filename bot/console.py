"""`firststep console`: the same Application, handlers and database, in a terminal, no network.

`LocalBotApi` is a PTB request object that answers Bot API calls in-process and keeps what the bot
sent; `ConsoleChat` plays a person by feeding real `Update` objects into
`application.process_update`. The console prints the bot's messages and shows inline buttons as
numbered choices. The conversation tests use the same two classes.
"""

from __future__ import annotations

import asyncio
import html
import itertools
import json
import re
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.error import NetworkError
from telegram.ext import Application
from telegram.request import BaseRequest, RequestData

BOT_USER = {"id": 1, "is_bot": True, "first_name": "firststep", "username": "firststep_bot"}
_TRUE = {
    "answercallbackquery",
    "editmessagereplymarkup",
    "editmessagetext",
    "deletemessage",
    "sendchataction",
    "setmycommands",
    "deletemycommands",
    "deletewebhook",
    "setwebhook",
    "close",
    "logout",
    "setmydescription",
    "setmyshortdescription",
    "setchatmenubutton",
}
_TAGS = re.compile(r"<[^>]+>")


@dataclass
class Sent:
    """One message (or document) the bot sent."""

    message_id: int
    chat_id: int
    text: str
    buttons: list[list[tuple[str, str]]]
    file_name: str | None = None
    content: bytes | None = None
    parse_mode: str | None = None

    @property
    def plain(self) -> str:
        """The text without HTML tags, unescaped, as a person reads it."""
        return html.unescape(_TAGS.sub("", self.text))

    @property
    def labels(self) -> list[str]:
        """The inline button labels, flattened."""
        return [text for row in self.buttons for text, _ in row]


@dataclass
class LocalBotApi(BaseRequest):
    """Answers Bot API calls locally: keeps sent messages; can play a block (403) or flood (429)."""

    on_send: Callable[[Sent], None] | None = None
    sent: list[Sent] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)
    blocked: set[int] = field(default_factory=set)
    floods: dict[str, int] = field(default_factory=dict)
    network_failures: int = 0  # this many sends fail with a network error first
    bad_requests: set[str] = field(default_factory=set)  # these methods answer 400
    keyboards_removed: list[tuple[int, int]] = field(default_factory=list)  # (chat, message)

    def __post_init__(self) -> None:
        self._ids = itertools.count(1)

    @property
    def read_timeout(self) -> float | None:
        """No network, no time-out."""
        return None

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: object = None,  # no network here: the timeouts are not used
        write_timeout: object = None,
        connect_timeout: object = None,
        pool_timeout: object = None,
    ) -> tuple[int, bytes]:
        """Answer one Bot API call."""
        name = url.rsplit("/", 1)[-1].lower()
        self.calls.append(name)
        params = dict(request_data.parameters) if request_data else {}
        if name in self.floods:
            retry = self.floods.pop(name)
            return _reply(429, error=f"Too Many Requests: retry after {retry}", retry_after=retry)
        chat_id = _number(params.get("chat_id"))
        if name.startswith("send") and self.network_failures > 0:
            self.network_failures -= 1
            raise NetworkError("the network is down (played offline)")
        if name.startswith("send") and chat_id in self.blocked:
            return _reply(403, error="Forbidden: bot was blocked by the user")
        if name in self.bad_requests:
            return _reply(400, error=f"Bad Request: {name} refused (played offline)")
        if name == "getme":
            return _reply(200, BOT_USER)
        if name in ("sendmessage", "senddocument", "sendphoto", "sendvoice"):
            files = request_data.multipart_data if request_data else {}
            return _reply(200, self._keep(chat_id, params, files))
        if name == "editmessagereplymarkup" and not params.get("reply_markup"):
            self.keyboards_removed.append((chat_id, _number(params.get("message_id"))))
        if name in _TRUE:
            return _reply(200, True)
        if name == "getupdates":
            return _reply(200, [])
        return _reply(400, error=f"Bad Request: method {name} is not answered offline")

    def _keep(self, chat_id: int, params: dict[str, Any], files: dict[str, Any]) -> dict[str, Any]:
        markup = params.get("reply_markup") or {}
        if isinstance(markup, str):
            markup = json.loads(markup)
        rows = markup.get("inline_keyboard") or [] if isinstance(markup, dict) else []
        buttons = [[(b["text"], b.get("callback_data", "")) for b in row] for row in rows]
        sent = Sent(
            message_id=next(self._ids),
            chat_id=chat_id,
            text=str(params.get("text") or params.get("caption") or ""),
            buttons=buttons,
            parse_mode=params.get("parse_mode"),  # type: ignore[arg-type]
        )
        for file_name, content, _mime in files.values():
            sent.file_name, sent.content = (
                file_name,
                content if isinstance(content, bytes) else content.read(),
            )
        self.sent.append(sent)
        if self.on_send is not None:
            self.on_send(sent)
        message: dict[str, Any] = {
            "message_id": sent.message_id,
            "date": int(time.time()),
            "from": BOT_USER,
            "chat": {"id": chat_id, "type": "private"},
            "text": sent.text,
        }
        if sent.file_name is not None:
            message.pop("text")
            message["document"] = {
                "file_id": f"f{sent.message_id}",
                "file_unique_id": f"u{sent.message_id}",
                "file_name": sent.file_name,
            }
        return message


def _number(value: object) -> int:
    """An id parameter of a Bot API call (PTB sends ints, or strings), 0 when absent."""
    if not value:
        return 0
    assert isinstance(value, int | str), value
    return int(value)


def _reply(
    status: int, result: Any = None, *, error: str = "", retry_after: int | None = None
) -> tuple[int, bytes]:
    if status == 200:
        return status, json.dumps({"ok": True, "result": result}).encode()
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": error}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    return status, json.dumps(body).encode()


@dataclass
class ConsoleChat:
    """A person in a private chat, feeding real Updates into the Application."""

    application: Application[Any, Any, Any, Any, Any, Any]
    api: LocalBotApi
    chat_id: int = 4242
    first_name: str = "You"
    language_code: str = "en"

    def __post_init__(self) -> None:
        self._update_ids = itertools.count(1 + int(time.time()) % 100000 * 1000)
        self._message_ids = itertools.count(1)

    def _user(self) -> dict[str, Any]:
        return {
            "id": self.chat_id,
            "is_bot": False,
            "first_name": self.first_name,
            "language_code": self.language_code,
        }

    def _message(self, **content: Any) -> dict[str, Any]:
        chat = {"id": self.chat_id, "type": "private", "first_name": self.first_name}
        return {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            "from": self._user(),
            **content,
        }

    async def _feed(self, data: dict[str, Any]) -> list[Sent]:
        before = len(self.api.sent)
        update = Update.de_json({"update_id": next(self._update_ids), **data}, self.application.bot)
        await self.application.process_update(update)
        return [s for s in self.api.sent[before:] if s.chat_id == self.chat_id]

    async def send(self, text: str) -> list[Sent]:
        """Type a message (a /command gets its entity); return the bot's replies."""
        content: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            content["entities"] = [
                {"type": "bot_command", "offset": 0, "length": len(text.split()[0])}
            ]
        return await self._feed({"message": self._message(**content)})

    async def send_location(self, latitude: float, longitude: float) -> list[Sent]:
        """Share a location."""
        location = {"latitude": latitude, "longitude": longitude}
        return await self._feed({"message": self._message(location=location)})

    async def send_sticker(self) -> list[Sent]:
        """Send a sticker."""
        sticker = {
            "file_id": "s1",
            "file_unique_id": "s1",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "type": "regular",
        }
        return await self._feed({"message": self._message(sticker=sticker)})

    async def send_photo(self, caption: str = "") -> list[Sent]:
        """Send a photo (with a caption when given)."""
        photo = [{"file_id": "p1", "file_unique_id": "p1", "width": 90, "height": 90}]
        extra = {"caption": caption} if caption else {}
        return await self._feed({"message": self._message(photo=photo, **extra)})

    async def send_voice(self) -> list[Sent]:
        """Send a voice note."""
        voice = {"file_id": "v1", "file_unique_id": "v1", "duration": 3}
        return await self._feed({"message": self._message(voice=voice)})

    async def press_data(self, data: str, message: Sent | None = None) -> list[Sent]:
        """Press a button by its callback data (on a given bot message, else the last one)."""
        shown = message or (self.api.sent[-1] if self.api.sent else None)
        chat = {"id": self.chat_id, "type": "private"}
        bot_message = {
            "message_id": shown.message_id if shown else 1,
            "date": int(time.time()),
            "chat": chat,
            "text": shown.text if shown else "",
        }
        if shown is not None and shown.buttons:
            rows = [[{"text": t, "callback_data": d} for t, d in row] for row in shown.buttons]
            bot_message["reply_markup"] = {"inline_keyboard": rows}
        query = {
            "id": str(next(self._update_ids)),
            "from": self._user(),
            "chat_instance": f"c{self.chat_id}",
            "data": data,
            "message": bot_message,
        }
        return await self._feed({"callback_query": query})

    async def press(self, label: str) -> list[Sent]:
        """Press the newest button whose label contains `label`."""
        for sent in reversed(self.api.sent):
            for row in sent.buttons:
                for text, data in row:
                    if label.lower() in text.lower():
                        return await self.press_data(data, sent)
        raise LookupError(f"no button like {label!r}")


def show(sent: Sent, choices: list[tuple[str, str, Sent]], data_dir: Path) -> None:
    """Print one bot message, its buttons as numbered choices, and save a document."""
    lines = [
        line
        for part in sent.plain.split("\n")
        for line in textwrap.wrap(part, 88, break_on_hyphens=False) or [""]
    ]
    print("\nbot> " + "\n     ".join(lines))
    if sent.content is not None and sent.file_name:
        path = data_dir / "console" / sent.file_name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(sent.content)
        print(f"     [file {sent.file_name} saved to {path}]")
    for text, data in (b for row in sent.buttons for b in row):
        choices.append((text, data, sent))
        print(f"     [{len(choices)}] {text}")


CONSOLE_HELP = (
    "firststep console: you are the person, the bot answers here. Type a message and press Enter.\n"
    "Buttons appear as [1], [2] ...: type the number to press one. Share a location with\n"
    "@LAT,LON (for example @51.5072,-0.1276). /help shows the bot's commands;\n"
    "Ctrl-D or 'quit' ends."
)


async def run_console(
    application: Application[Any, Any, Any, Any, Any, Any], api: LocalBotApi, data_dir: Path
) -> None:
    """Read lines from the terminal and feed them to the bot until end of input."""
    chat = ConsoleChat(application, api)
    choices: list[tuple[str, str, Sent]] = []
    api.on_send = lambda sent: show(sent, choices, data_dir)
    print(CONSOLE_HELP)
    async with application:
        await application.start()
        await chat.send("/start")
        while True:
            try:
                line = (await asyncio.to_thread(input, "\nyou> ")).strip()
            except EOFError:
                break
            if line.lower() in ("quit", "exit"):
                break
            if line.isdigit() and 1 <= int(line) <= len(choices):
                _, data, sent = choices[int(line) - 1]
                choices.clear()
                await chat.press_data(data, sent)
            elif re.fullmatch(r"@\s*-?\d+(\.\d+)?\s*,\s*-?\d+(\.\d+)?", line):
                lat, lon = (float(v) for v in line[1:].split(","))
                await chat.send_location(lat, lon)
            elif line:
                choices.clear()
                await chat.send(line)
        await application.stop()
