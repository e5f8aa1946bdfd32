"""Fixtures for end-to-end tests: the emulator (once per session), a Bot API front and a person."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from tests.e2e.harness import BotApiFront, Emulator, HarnessError, Person


@pytest.fixture(scope="session")
def emulator() -> Iterator[Emulator]:
    """The telegram-test-api emulator in a node process; fails loudly (never skips) without it."""
    server = Emulator()
    try:
        server.start()
    except HarnessError as exc:
        pytest.fail(str(exc), pytrace=False)
    yield server
    server.stop()


@pytest.fixture
async def bot_api(emulator: Emulator) -> AsyncIterator[BotApiFront]:
    """A Bot API front for one test, with a fresh bot token (so tests do not see each other)."""
    front = BotApiFront(emulator.url)
    await front.start()
    yield front
    await front.stop()


@pytest.fixture
def person(emulator: Emulator, bot_api: BotApiFront) -> Person:
    """A person in a private chat with the test's bot."""
    return Person(emulator.url, bot_api)
