"""End to end over HTTP against the emulator: an admin invites, a coordinator adds a group and
exports the directory, a clinician shares a link, a client agrees, the clinician sees the funnel."""

from __future__ import annotations

import io
import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
from PIL import Image
from sqlalchemy.engine import Engine
from sqlmodel import select

from bot import strings
from bot.app import build_application
from bot.db import session_scope
from bot.ops.flood_limiter import FloodLimiter
from bot.settings import build_settings
from bot.staff.models import Referral
from directory.models import Group
from tests.e2e.conftest import bot_api, emulator  # noqa: F401  (the emulator fixtures)
from tests.e2e.harness import BotApiFront, Emulator
from tests.e2e.harness import Person as Client

pytestmark = pytest.mark.e2e
ADMIN = 1000


@pytest.fixture
async def staff_bot(
    bot_api: BotApiFront,  # noqa: F811
    sqlite_url: str,
    engine: Engine,
    tmp_path: Any,
    parser: Any,
) -> AsyncIterator[Any]:
    """The real Application polling the emulator, with the starter fellowships and one admin."""
    from directory.seed import seed

    with session_scope(engine) as session:
        seed(session, demo=False, now=datetime.now(UTC))
    settings = build_settings(
        TELEGRAM_BOT_TOKEN=bot_api.token,
        TELEGRAM_API_BASE_URL=bot_api.base_url,
        DATABASE_URL=sqlite_url,
        FIRSTSTEP_DATA_DIR=str(tmp_path),
        FIRSTSTEP_ADMIN_IDS=str(ADMIN),
    )
    application = build_application(settings, engine=engine, parser=parser)
    application.bot_data.flood_limiter = FloodLimiter(limit=10_000)
    await application.initialize()
    assert application.updater is not None
    await application.updater.start_polling(timeout=1, poll_interval=0)
    await application.start()
    yield application
    await application.updater.stop()
    await application.stop()
    await application.shutdown()


def _client(emulator: Emulator, front: BotApiFront, chat_id: int, name: str) -> Client:  # noqa: F811
    return Client(emulator.url, front, chat_id=chat_id, first_name=name)


async def _invite(admin: Client, role: str) -> str:
    (made,) = await admin.send(f"/invite {role}")
    match = re.search(r"start=(inv_[A-Za-z0-9_-]+)", made.text)
    assert match, made.text
    return match.group(1)


async def test_coordinator_path(
    staff_bot: Any,
    emulator: Emulator,  # noqa: F811
    bot_api: BotApiFront,  # noqa: F811
    engine: Engine,
) -> None:
    admin = _client(emulator, bot_api, ADMIN, "Ada")
    coordinator = _client(emulator, bot_api, 2000, "Cora")
    (refused,) = await coordinator.send("/addgroup")
    assert refused.text == strings.REFUSED.format(role="coordinator")
    payload = await _invite(admin, "coordinator")
    (welcome,) = await coordinator.send(f"/start {payload}")
    assert welcome.text.startswith("Welcome! You are now a coordinator.")
    await coordinator.send("/addgroup")
    await coordinator.send("Emulator Evening Group")
    await coordinator.press("SMART")
    await coordinator.press("online")
    await coordinator.send("https://meet.example/evening")
    await coordinator.press("America/New_York")
    await coordinator.press("Thu")
    (bad,) = (await coordinator.send("19:70"))[:1]
    assert bad.text == "19:70 is not a time; try 19:30"
    await coordinator.send("19:30")
    await coordinator.press("Skip")
    summary = (await coordinator.press("Done"))[-1]
    assert "name: Emulator Evening Group" in summary.text and summary.labels == ["Save", "Cancel"]
    (saved,) = await coordinator.press("Save")
    with session_scope(engine) as session:
        (group,) = session.exec(select(Group))
    assert saved.text == strings.SAVED.format(group_id=group.id)
    (listed,) = await coordinator.send("/groups")
    assert f"{group.id} · Emulator Evening Group · SMART · online" in listed.text
    exported = await coordinator.send("/export")
    (document,) = [m for m in exported if m.document]
    assert b"Emulator Evening Group" in coordinator.download(document)


async def test_clinician_path(
    staff_bot: Any,
    emulator: Emulator,  # noqa: F811
    bot_api: BotApiFront,  # noqa: F811
    engine: Engine,
) -> None:
    admin = _client(emulator, bot_api, ADMIN, "Ada")
    clinician = _client(emulator, bot_api, 3000, "Dr Lee")
    client = _client(emulator, bot_api, 4000, "Sam")
    code = (await _invite(admin, "clinician")).removeprefix("inv_")
    (joined,) = await clinician.send(f"/redeem {code}")
    assert joined.text.startswith("Welcome! You are now a clinician.")
    shared = await clinician.send("/referrallink")
    match = re.search(r"https://t\.me/\S+\?start=(ref_[A-Za-z0-9_-]+)", shared[0].text)
    assert match, shared[0].text
    (qr,) = [m for m in shared if m.document]
    assert Image.open(io.BytesIO(clinician.download(qr))).format == "PNG"
    arrived = await client.send(f"/start {match.group(1)}")
    assert "not a therapist" in arrived[0].text
    assert arrived[-1].text.startswith("You came here through a link from Dr Lee.")
    (thanks,) = await client.press(strings.CONSENT_YES_BUTTON)
    assert thanks.text == strings.CONSENT_YES.format(clinician="Dr Lee")
    await client.press(strings.CONSENT_BUTTON)  # the client's own conversation goes on
    with session_scope(engine) as session:
        (referral,) = session.exec(select(Referral))
        assert referral.consent is True
    funnel = await clinician.send("/referrals")
    assert "1 started" in funnel[0].text and re.search(r"client [0-9A-F]{4}", funnel[0].text)
    (chart,) = [m for m in funnel if m.document]
    assert Image.open(io.BytesIO(clinician.download(chart))).format == "PNG"
