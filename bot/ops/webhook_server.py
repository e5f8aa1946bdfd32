"""The webhook's HTTP server: Telegram's updates in, checked before anything is read or parsed.

PTB's own webhook server reads a whole body (up to 100 MB) before it checks the secret token, and
answers malformed JSON with 500 and a body that is not an update with a critical log line quoting
it. This one, on the same event loop, in order:

1. a declared body over `MAX_BODY` bytes: 413, nothing read (a streamed one: 413 once it passes);
2. no secret token, or the wrong one: 403, nothing read;
3. the body: not UTF-8, not JSON, not a JSON object, nested deeper than `MAX_DEPTH`, or not an
   update: 400, logged by reason only (never a word of it);
4. the update goes to the Application's update queue: 200.
"""

from __future__ import annotations

import hmac
import json
import logging
from typing import Any

from telegram import Update
from telegram.ext import Application, ExtBot
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets
from tornado.web import Application as WebApplication
from tornado.web import RequestHandler, stream_request_body

log = logging.getLogger(__name__)
MAX_BODY = 1 << 20  # bytes; Telegram's updates are a few kilobytes
MAX_DEPTH = 48  # JSON nesting; a real update nests about a dozen deep
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def nesting_depth(value: object, limit: int = MAX_DEPTH) -> int:
    """How deep lists and objects nest in a JSON value (counted up to limit + 1, no recursion)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if not isinstance(item, dict | list):
            continue
        deepest = max(deepest, depth)
        if deepest > limit:
            return deepest
        stack.extend(
            (child, depth + 1) for child in (item.values() if isinstance(item, dict) else item)
        )
    return deepest


def read_update(body: bytes, bot: Any) -> tuple[Update | None, str]:
    """The update in a request body, or None and why not (the reason names no content)."""
    try:
        data = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        return None, "not utf-8"
    except (ValueError, RecursionError):
        return None, "not json"
    if not isinstance(data, dict):
        return None, "not an object"
    if nesting_depth(data) > MAX_DEPTH:
        return None, "nested too deep"
    if not isinstance(data.get("update_id"), int) or isinstance(data["update_id"], bool):
        return None, "no update id"
    try:
        update = Update.de_json(data, bot)
    except Exception as exc:  # any malformed part: PTB's error may quote it, so only its type
        return None, f"not an update ({type(exc).__name__})"
    return update, "ok"


@stream_request_body
class _Updates(RequestHandler):
    """POST only; the body streams in here so that it is never read when refused."""

    SUPPORTED_METHODS = ("POST",)  # type: ignore[assignment]

    def initialize(
        self, bot_application: Application[Any, Any, Any, Any, Any, Any], secret: str
    ) -> None:
        self.bot_application = bot_application
        self.secret = secret
        self.body = bytearray()
        self.refused = False

    def set_default_headers(self) -> None:
        self.set_header("Content-Type", "application/json")

    def _refuse(self, status: int, reason: str) -> None:
        log.info("webhook request refused", extra={"status": status, "reason": reason})
        self.refused = True
        self.set_status(status)
        self.finish(json.dumps({"ok": False, "reason": reason}))

    def prepare(self) -> None:
        declared = self.request.headers.get("Content-Length")
        if declared is not None and not declared.strip().isdecimal():
            return self._refuse(400, "bad length")
        if declared is not None and int(declared) > MAX_BODY:
            return self._refuse(413, "too large")
        token = self.request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(token.encode("utf-8", "replace"), self.secret.encode()):
            return self._refuse(403, "no secret" if not token else "wrong secret")
        return None

    def data_received(self, chunk: bytes) -> None:
        if self.refused:
            return
        if len(self.body) + len(chunk) > MAX_BODY:  # streamed without a length, or a false one
            self.body = bytearray()
            self._refuse(413, "too large")
            return
        self.body += chunk

    async def post(self) -> None:
        if self.refused:
            return
        bot = self.bot_application.bot
        update, reason = read_update(bytes(self.body), bot)
        self.body = bytearray()
        if update is None:
            self._refuse(400, reason)
            return
        if isinstance(bot, ExtBot):
            bot.insert_callback_data(update)  # what PTB's own webhook does with each update
        await self.bot_application.update_queue.put(update)
        self.finish(json.dumps({"ok": True}))

    def log_exception(self, *args: Any) -> None:
        """Tornado would log the request with its traceback; the error type is enough."""
        log.error("webhook request failed", extra={"error": getattr(args[0], "__name__", "?")})


class WebhookServer:
    """Listens for Telegram's updates on `path`, for one Application, on the running loop."""

    def __init__(
        self, application: Application[Any, Any, Any, Any, Any, Any], *, path: str, secret: str
    ) -> None:
        route = "/" + path.strip("/") if path.strip("/") else ""
        web = WebApplication(
            [(rf"{route}/?", _Updates, {"bot_application": application, "secret": secret})]
        )
        # Our handler bounds the body itself (with a 413); tornado's own bound only backs it up.
        self._server = HTTPServer(web, max_body_size=4 * MAX_BODY, decompress_request=False)
        self.port: int | None = None

    def start(self, host: str, port: int) -> int:
        """Listen on host:port (0 picks a free port) and return the port."""
        sockets = bind_sockets(port, address=host)
        self._server.add_sockets(sockets)
        self.port = sockets[0].getsockname()[1]
        return self.port

    async def stop(self) -> None:
        """Stop listening and close open connections."""
        self._server.stop()
        await self._server.close_all_connections()


async def start_webhook(
    application: Application[Any, Any, Any, Any, Any, Any],
    *,
    listen: str,
    port: int,
    url_path: str,
    webhook_url: str,
    secret_token: str,
    allowed_updates: list[str],
) -> WebhookServer:
    """Listen for updates, then tell Telegram where to send them (with the secret token)."""
    server = WebhookServer(application, path=url_path, secret=secret_token)
    server.start(listen, port)
    await application.bot.set_webhook(
        url=webhook_url, secret_token=secret_token, allowed_updates=allowed_updates
    )
    return server
