"""Fixtures for the operations tests: a stub Bot API on 127.0.0.1 and Applications against it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import pytest
from sqlalchemy.engine import make_url
from telegram.ext import Application, ApplicationBuilder

from bot.ops.wiring import configure_builder
from tests.ops.db_proxy import TcpProxy
from tests.ops.stub_api import TOKEN, StubBotApi


@pytest.fixture
async def stub() -> AsyncIterator[StubBotApi]:
    """A stub Bot API server for one test."""
    server = StubBotApi()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
def builder(stub: StubBotApi) -> Callable[[], ApplicationBuilder]:
    """A builder for a real Application talking to the stub, with the ops parts configured."""

    def make() -> ApplicationBuilder:
        base = Application.builder().token(TOKEN).base_url(stub.base_url)
        return configure_builder(base, timeout=1)

    return make


@pytest.fixture
async def proxy(pg_url: str) -> AsyncIterator[TcpProxy]:
    """A cuttable proxy in front of the test's PostgreSQL."""
    url = make_url(pg_url)
    server = TcpProxy(url.host or "127.0.0.1", url.port or 5432)
    await server.start()
    yield server
    await server.stop()
