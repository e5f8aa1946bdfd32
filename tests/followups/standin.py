"""A tiny local Bot API stand-in (127.0.0.1, its own thread) that records sendMessage calls.

Used by the restart test and by bench/followups.py. It answers getMe, sendMessage and the few
calls PTB makes at start; `hold` makes it wait before answering sendMessage (to widen the window
in which a process can be killed mid-send) and `on_send` lets a test react to each message.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

TOKEN = "123456:standin-token-for-follow-up-tests"
BOT = {"id": 123456, "is_bot": True, "first_name": "firststep", "username": "firststep_bot"}


@dataclass
class Received:
    """One sendMessage the stand-in received."""

    at: float
    chat_id: int
    text: str
    reply_markup: Any


@dataclass
class BotApiStandIn:
    """Start with `start()`, point the bot at `base_url`, read `received`, `stop()` at the end."""

    hold: float = 0.0
    on_send: Callable[[Received], None] | None = None
    received: list[Received] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _server: ThreadingHTTPServer | None = None

    @property
    def base_url(self) -> str:
        """The TELEGRAM_API_BASE_URL to use (the token is appended by PTB)."""
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}/bot"

    def start(self) -> BotApiStandIn:
        """Serve in a daemon thread."""
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: Any) -> None:
                return

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode() if length else ""
                owner._answer(self, self.path.rsplit("/", 1)[-1].lower(), raw)

            do_GET = do_POST

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        """Stop serving."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def chats(self) -> list[int]:
        """Chat ids of received messages, in order."""
        with self._lock:
            return [r.chat_id for r in self.received]

    def _answer(self, handler: BaseHTTPRequestHandler, method: str, raw: str) -> None:
        params = _params(handler.headers.get("Content-Type") or "", raw)
        if method == "getme":
            result: Any = BOT
        elif method == "sendmessage":
            if self.hold:
                time.sleep(self.hold)
            result = self._keep(params)
        elif method == "getupdates":
            time.sleep(min(float(params.get("timeout") or 0), 1.0))
            result = []
        else:
            result = True
        body = json.dumps({"ok": True, "result": result}).encode()
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    def _keep(self, params: dict[str, Any]) -> dict[str, Any]:
        markup = params.get("reply_markup")
        if isinstance(markup, str):
            markup = json.loads(markup)
        got = Received(time.monotonic(), int(params["chat_id"]), str(params["text"]), markup)
        with self._lock:
            self.received.append(got)
            message_id = len(self.received)
        if self.on_send is not None:
            self.on_send(got)
        return {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": {"id": got.chat_id, "type": "private"},
            "from": BOT,
            "text": got.text,
        }


def _params(content_type: str, raw: str) -> dict[str, Any]:
    if "json" in content_type:
        return json.loads(raw or "{}")
    return dict(parse_qsl(raw))


def max_in_window(times: list[float], window: float = 1.0) -> int:
    """The most messages inside any sliding window of `window` seconds."""
    ordered, best, left = sorted(times), 0, 0
    for right, moment in enumerate(ordered):
        while moment - ordered[left] >= window:
            left += 1
        best = max(best, right - left + 1)
    return best
