"""The webhook refuses before it reads: a large body 413, no secret 403, a body that is not an
update 400 (never 500), and no word of any body in the logs."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.ops.logging import JsonFormatter, RedactTokens, WithholdContent
from bot.ops.webhook_server import MAX_BODY, MAX_DEPTH, nesting_depth
from tests.e2e.harness import free_port
from tests.ops.stub_api import StubBotApi
from tests.ops.test_serve import ready, settings_for, start, until

SECRET = "hook-Secret_9"
HEADERS = {"X-Telegram-Bot-Api-Secret-Token": SECRET, "Content-Type": "application/json"}
WORDS = "i cannot stop drinking and nobody knows"


def message(update_id: int, chat_id: int, text: str) -> dict[str, Any]:
    """A private text message update as Telegram sends it."""
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private"},
            "from": {"id": chat_id, "is_bot": False, "first_name": "P"},
            "text": text,
        },
    }


@pytest.fixture
async def hook(stub: StubBotApi, sqlite_url: str, tmp_path: Path) -> AsyncIterator[str]:
    """The echo bot served by webhook; its URL."""
    port = free_port()
    settings = settings_for(
        stub,
        sqlite_url,
        tmp_path,
        FIRSTSTEP_WEBHOOK_URL=f"http://127.0.0.1:{port}/telegram/hook",
        FIRSTSTEP_WEBHOOK_SECRET=SECRET,
        FIRSTSTEP_LISTEN_PORT=port,
    )
    serving: list[tuple[asyncio.Task[int], asyncio.Event]] = []
    start(settings, serving)
    await until(lambda: ready(settings.health_port))
    yield f"http://127.0.0.1:{port}/telegram/hook"
    for task, stop in serving:
        stop.set()
        await asyncio.wait_for(task, timeout=20)


async def raw_exchange(url: str, head: str, body_parts: list[bytes] = ()) -> bytes:  # type: ignore[assignment]
    """Send request headers (and body parts) on a raw socket; the first response's bytes."""
    host, port = url.split("//")[1].split("/")[0].split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    try:
        writer.write(head.encode("latin-1"))
        await writer.drain()
        for part in body_parts:
            writer.write(part)
            try:
                await writer.drain()
            except ConnectionError:
                break
        return await asyncio.wait_for(reader.read(4096), timeout=5)
    finally:
        writer.close()


def head(url: str, *lines: str) -> str:
    """A POST's head to url's path with these header lines."""
    path = "/" + url.split("//")[1].split("/", 1)[1]
    return (
        f"POST {path} HTTP/1.1\r\nHost: x\r\n" + "".join(f"{line}\r\n" for line in lines) + "\r\n"
    )


async def test_a_declared_large_body_gets_413_before_a_byte_of_it_is_sent(
    hook: str, stub: StubBotApi
) -> None:
    for secret in ("", f"X-Telegram-Bot-Api-Secret-Token: {SECRET}"):
        lines = ["Content-Type: application/json", f"Content-Length: {90 * 1024 * 1024}"]
        response = await raw_exchange(hook, head(hook, *lines, *([secret] if secret else [])))
        assert response.startswith(b"HTTP/1.1 413"), response[:60]


async def test_a_streamed_large_body_gets_413_once_it_passes_the_bound(hook: str) -> None:
    lines = [
        "Content-Type: application/json",
        "Transfer-Encoding: chunked",
        f"X-Telegram-Bot-Api-Secret-Token: {SECRET}",
    ]
    piece = b"x" * 65536
    chunks = [b"%x\r\n%s\r\n" % (len(piece), piece)] * (MAX_BODY // len(piece) + 8)
    response = await raw_exchange(hook, head(hook, *lines), chunks)
    assert response.startswith(b"HTTP/1.1 413"), response[:60]


async def test_no_secret_is_refused_before_the_body_is_read(hook: str) -> None:
    lines = ["Content-Type: application/json", "Content-Length: 1000"]
    response = await raw_exchange(hook, head(hook, *lines))  # the body never comes
    assert response.startswith(b"HTTP/1.1 403"), response[:60]


@pytest.mark.parametrize(
    "body",
    [
        b'{"update_id": 1, "message": ',  # malformed JSON
        b'{"update_id": 1, "x": "\xff\xfe"}',  # not UTF-8
        b"[" * 100_000 + b"]" * 100_000,  # deeper than the parser goes
        b'{"update_id": 1, "x": ' + b"[" * (MAX_DEPTH + 5) + b"]" * (MAX_DEPTH + 5) + b"}",
        json.dumps(WORDS).encode(),  # a bare string
        b"42",
        b"null",
        json.dumps({"message": {"text": WORDS}}).encode(),  # no update id
        json.dumps({"update_id": 3, "message": {"text": WORDS, "chat": {"id": 5}}}).encode(),
        b"",
    ],
    ids=[
        "truncated",
        "latin-1",
        "deep",
        "deep-inside",
        "string",
        "number",
        "null",
        "no-id",
        "not-an-update",
        "empty",
    ],
)
async def test_a_body_that_is_not_an_update_gets_400_and_is_never_logged(
    hook: str, stub: StubBotApi, body: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        async with httpx.AsyncClient() as client:
            response = await client.post(hook, content=body, headers=HEADERS)
            good = await client.post(hook, json=message(9, 77, "next"), headers=HEADERS)
        assert (response.status_code, good.status_code) == (400, 200)
        assert await stub.wait_sent(77, 1) == ["one: next"]  # the server goes on serving
    formatter, withhold, redact = JsonFormatter(), WithholdContent(), RedactTokens()
    for record in caplog.records:
        withhold.filter(record)
        redact.filter(record)
        assert WORDS not in formatter.format(record)
        assert "cannot stop" not in formatter.format(record)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_nesting_depth_counts_without_recursion() -> None:
    deep: Any = []
    for _ in range(100_000):
        deep = [deep]
    assert nesting_depth(deep) == MAX_DEPTH + 1  # stops counting past the bound
    assert nesting_depth({"a": [{"b": 1}]}) == 3
    assert nesting_depth("text") == 0
