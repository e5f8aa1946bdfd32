"""The HTTP transport to the Bot API, on aiohttp.

PTB's default transport (httpx) spent 2.5-5.0 ms of CPU on each call with 16-256 calls in
flight, aiohttp 0.21-0.30 ms (`bench/transport.py`: 12-17x); a reply usually takes two or three
calls, so on one core the transport alone was the larger part of the bot's work.

The contract is PTB's `BaseRequest`: answer `(status, body)` for any HTTP answer (PTB turns
4xx/5xx into its errors), raise `TimedOut` when a time-out passes and `NetworkError` when the
connection fails.
"""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

POOL_TIMEOUT_MESSAGE = (
    "Pool timeout: all connections are in use; the request was not sent. Consider a larger "
    "connection pool or a longer pool timeout."
)


JSON = "application/json"


class AiohttpRequest(BaseRequest):
    """Bot API calls over one aiohttp session (keep-alive connections, at most `pool` at once)."""

    def __init__(
        self,
        connection_pool_size: int = 256,
        *,
        read_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
    ) -> None:
        self.pool_size = connection_pool_size
        self._read, self._connect, self._pool = read_timeout, connect_timeout, pool_timeout
        self._session: aiohttp.ClientSession | None = None
        self._slots = asyncio.Semaphore(connection_pool_size)
        self._json_headers = {"User-Agent": self.USER_AGENT, "Content-Type": JSON}
        self._headers = {"User-Agent": self.USER_AGENT}

    @property
    def read_timeout(self) -> float | None:
        """The default read time-out in seconds."""
        return self._read

    async def initialize(self) -> None:
        """Open the session (once)."""
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self.pool_size, limit_per_host=self.pool_size)
            self._session = aiohttp.ClientSession(connector=connector)

    async def shutdown(self) -> None:
        """Close the session and its connections."""
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: object = BaseRequest.DEFAULT_NONE,
        write_timeout: object = BaseRequest.DEFAULT_NONE,
        connect_timeout: object = BaseRequest.DEFAULT_NONE,
        pool_timeout: object = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Make one call; see `BaseRequest.do_request`."""
        if self._session is None or self._session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        files = request_data.multipart_data if request_data else None
        body = _body(request_data, files)
        read = _seconds(read_timeout, self._read)
        connect = _seconds(connect_timeout, self._connect)
        pool = _seconds(pool_timeout, self._pool)
        # aiohttp has no time-out for sending: the write time-out is not applied (sending a
        # message's few hundred bytes to a local or keep-alive connection does not block).
        del write_timeout
        try:
            async with asyncio.timeout(pool):
                await self._slots.acquire()
        except TimeoutError as exc:
            raise TimedOut(POOL_TIMEOUT_MESSAGE) from exc
        try:
            timeout = aiohttp.ClientTimeout(sock_connect=connect, connect=connect, sock_read=read)
            async with self._session.request(
                method,
                url,
                data=body,
                headers=self._json_headers if isinstance(body, bytes) else self._headers,
                timeout=timeout,
            ) as response:
                return response.status, await response.read()
        except TimeoutError as exc:
            raise TimedOut from exc
        except aiohttp.ClientError as exc:
            raise NetworkError(f"aiohttp.{type(exc).__name__}: {exc}") from exc
        finally:
            self._slots.release()


def _seconds(given: object, default: float | None) -> float | None:
    """A time-out PTB passed, or ours when it passed none.

    PTB marks "not given" with `BaseRequest.DEFAULT_NONE`, whose type is private (the timeouts'
    `ODVInput` annotation too): the parameters are annotated `object`, a number or None is a
    time-out and anything else is "not given".
    """
    if given is None or isinstance(given, int | float):
        return given
    return default


def _body(request_data: RequestData | None, files: dict[str, Any] | None) -> Any:
    """What to send: the parameters as JSON (which the Bot API takes for every call without a
    file), or a multipart form when there are files (as PTB's own transport sends them).

    JSON, encoded here: given a dict, aiohttp built a URL-encoded form object on every call, which
    cost more than the rest of the call; URL-encoding it here still took 33 us a message, JSON 3.
    """
    if request_data is None:
        return None
    if not files:
        return request_data.json_payload
    fields = request_data.json_parameters
    form = aiohttp.FormData()
    for name, value in fields.items():
        form.add_field(name, value)
    for name, part in files.items():
        if isinstance(part, tuple):
            filename, content, *rest = part
            content_type = rest[0] if rest else "application/octet-stream"
            form.add_field(name, content, filename=filename, content_type=content_type)
        else:
            form.add_field(name, part)
    return form
