"""The emulator harness's fixtures (telegram-test-api, a Bot API front, a person)."""

from tests.e2e.conftest import bot_api, emulator, person  # noqa: F401
