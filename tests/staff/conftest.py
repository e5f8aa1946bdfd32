"""Fixtures for staff handler tests: the real Application (build_application) on a seeded database,
a local Bot API that can also serve uploaded files, and chats for an admin, a coordinator, a
clinician, a client and a stranger."""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from telegram.request import RequestData

from bot.app import build_application
from bot.clock import FakeClock
from bot.console import ConsoleChat, LocalBotApi, Sent
from bot.db import session_scope
from bot.ops.flood_limiter import FloodLimiter
from bot.settings import Settings, build_settings
from bot.staff.models import StaffRole
from bot.staff.roles import grant_role
from bot.staff.tg import signature

NOW = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)  # a Tuesday
ADMIN, COORDINATOR, CLINICIAN, CLIENT, STRANGER = 1000, 2000, 3000, 4000, 5000


@dataclass
class FileBotApi(LocalBotApi):
    """The console's local Bot API, plus getFile and file downloads for uploaded documents."""

    files: dict[str, bytes] = field(default_factory=dict)

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, **kwargs: Any
    ) -> tuple[int, bytes]:
        """Serve uploaded files; everything else as the console does."""
        if "/file/bot" in url:
            return 200, self.files[url.rsplit("/", 1)[-1]]
        if url.rsplit("/", 1)[-1].lower() == "getfile":
            file_id = str(dict(request_data.parameters)["file_id"]) if request_data else ""
            result = {
                "file_id": file_id,
                "file_unique_id": file_id,
                "file_size": len(self.files[file_id]),
                "file_path": f"documents/{file_id}",
            }
            return 200, json.dumps({"ok": True, "result": result}).encode()
        return await super().do_request(url, method, request_data, **kwargs)


@dataclass
class Chat(ConsoleChat):
    """A private chat that can also upload a document."""

    _file_ids: Any = field(default_factory=lambda: itertools.count(1))

    async def send_document(self, name: str, content: bytes) -> list[Sent]:
        """Upload a file (as a person does by attaching it)."""
        api = self.api
        assert isinstance(api, FileBotApi)
        file_id = f"upload{next(self._file_ids)}"
        api.files[file_id] = content
        document = {
            "file_id": file_id,
            "file_unique_id": file_id,
            "file_name": name,
            "file_size": len(content),
        }
        message = self._message(document=document)
        message["date"] = int(time.time())
        return await self._feed({"message": message})


@pytest.fixture(scope="session")
def parser() -> Any:
    """The real parser, loaded once."""
    from nlp import load_parser

    return load_parser()


@pytest.fixture
def settings(sqlite_url: str, tmp_path: Any) -> Settings:
    """Settings on the test's database; one admin."""
    return build_settings(
        DATABASE_URL=sqlite_url,
        FIRSTSTEP_DATA_DIR=str(tmp_path),
        TELEGRAM_BOT_TOKEN="",
        FIRSTSTEP_ADMIN_IDS=str(ADMIN),
    )


@pytest.fixture
def clock() -> FakeClock:
    """Time stands still unless a test moves it."""
    return FakeClock(NOW)


@pytest.fixture
def seeded(engine: Engine) -> Engine:
    """The starter fellowships (no groups); a coordinator and a clinician hold their roles."""
    from directory.seed import seed

    with session_scope(engine) as session:
        seed(session, demo=False, now=NOW)
        grant_role(session, user_id=COORDINATOR, role=StaffRole.coordinator, granted_by=ADMIN,
                   now=NOW, display_name="Cora")  # fmt: skip
        grant_role(session, user_id=CLINICIAN, role=StaffRole.clinician, granted_by=ADMIN,
                   now=NOW, display_name="Dr Lee")  # fmt: skip
    return engine


@dataclass
class Running:
    """The running Application and its local Bot API."""

    application: Any
    api: FileBotApi

    def chat(self, chat_id: int, first_name: str = "Sam") -> Chat:
        """A private chat with the bot."""
        return Chat(self.application, self.api, chat_id=chat_id, first_name=first_name)


@pytest.fixture
async def app(
    settings: Settings, seeded: Engine, parser: Any, clock: FakeClock
) -> AsyncIterator[Running]:
    """The real Application from build_application, started; stopped at the end."""
    api = FileBotApi()
    application = build_application(
        settings, engine=seeded, parser=parser, clock=clock, request=api
    )
    application.bot_data.flood_limiter = FloodLimiter(limit=10_000)
    await application.initialize()
    await application.start()
    yield Running(application, api)
    if application.running:
        await application.stop()
    await application.shutdown()


def signed(payload: str) -> str:
    """Button data as this bot signs it (the tests' bot has no token)."""
    return f"st:{signature(None, payload)}:{payload}"


def texts(sent: list[Sent]) -> str:
    """All replies as one plain text."""
    return "\n".join(s.plain for s in sent)
