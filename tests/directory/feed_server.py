"""A local HTTP server that publishes feeds as a meeting list's website does (ETag and
Last-Modified, 304 for an unchanged feed), and can fail, stall or send garbage on demand."""

from __future__ import annotations

import contextlib
import hashlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Feed:
    """What one path serves now."""

    body: bytes = b"[]"
    status: int = 200
    delay_s: float = 0.0
    conditional: bool = True  # answer 304 to a matching If-None-Match / If-Modified-Since
    modified: str = "Tue, 01 Dec 2026 12:00:00 GMT"

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha1(self.body).hexdigest()[:16] + '"'


@dataclass
class FeedServer:
    """Feeds by path, and every request's conditional headers as they arrived."""

    feeds: dict[str, Feed] = field(default_factory=dict)
    requests: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    port: int = 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def publish(self, path: str, body: bytes, **options: object) -> None:
        """Serve ``body`` at ``path`` from now on (a new body is a new ETag)."""
        self.feeds[path] = Feed(body=body, **options)  # type: ignore[arg-type]


def _handler(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            feed = server.feeds.get(self.path)
            match, since = self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
            server.requests.append((self.path, match, since))
            if feed is None:
                self.send_error(404)
                return
            if feed.delay_s:
                time.sleep(feed.delay_s)
            if feed.conditional and feed.status == 200 and match == feed.etag:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(feed.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(feed.body)))
            if feed.status == 200:
                self.send_header("ETag", feed.etag)
                self.send_header("Last-Modified", feed.modified)
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(feed.body)  # a client that gave up (a time-out) is gone

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@contextmanager
def running() -> Iterator[FeedServer]:
    """A feed server on a free loopback port, in a thread, stopped afterwards."""
    state = FeedServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
