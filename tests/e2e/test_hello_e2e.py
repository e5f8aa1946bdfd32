"""Over HTTP: a person, two volunteers, and a coordinator (invited by the admin) who invites them.

Invitation by the coordinator (tied to AA in Ann Arbor), offer, yes, notification, a pass and the
next volunteer, acceptance, a relayed exchange both ways, a crisis written into the relay, /end,
a volunteer removed mid-relay by the coordinator, the coordinator's coverage and counts; then
neither the database (its rows and its raw file) nor the logs hold a relayed word.
HELLO_TRANSCRIPT=path writes both sides.
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot import strings
from bot.app import build_application
from bot.db import session_scope
from bot.ops.flood_limiter import FloodLimiter
from bot.settings import build_settings
from tests.bot.conftest import seed_directory
from tests.e2e.harness import BotApiFront, BotMessage, Emulator
from tests.e2e.harness import Person as Client

pytestmark = pytest.mark.e2e
ADMIN, CORA, ANNA, BEN = 9001, 9101, 9501, 9502
WORDS = ("zebrafinch", "quorlby", "xanthippus")
CRISIS = "I want to kill myself tonight"


@pytest.fixture(scope="session")
def parser() -> Any:
    """The real parser, loaded once."""
    from nlp import load_parser

    return load_parser()


@pytest.fixture
async def running_bot(
    bot_api: BotApiFront, sqlite_url: str, engine: Engine, tmp_path: Any, parser: Any
) -> AsyncIterator[Any]:
    """The real Application polling the emulator, with one admin."""
    seed_directory(engine, datetime.now(UTC))
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


class Transcript:
    """Both sides as they saw it (written only when asked for)."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def said(self, who: str, text: str) -> None:
        self.lines.append(f"{who} >  {text}")

    def got(self, who: str, messages: list[BotMessage]) -> list[BotMessage]:
        for message in messages:
            buttons = f"  [{' | '.join(message.labels)}]" if message.buttons else ""
            self.lines.append(f"{who} <  {message.text}{buttons}")
        return messages


def code_of(invite: BotMessage) -> str:
    """The code in an invite's text."""
    return invite.text.split("/redeem ")[1].split("<")[0].split()[0]


def sqlite_path(engine: Engine) -> str:
    """The database file of the test's engine."""
    database = engine.url.database
    assert database is not None
    return database


async def quietly(client: Client, text: str) -> None:
    """Send without waiting for a reply (a relayed message answers the other side only)."""
    message = client._message({"text": text})
    if text.startswith("/"):
        message["entities"] = [{"offset": 0, "length": len(text.split()[0]), "type": "bot_command"}]
    await client._post("sendCommand" if text.startswith("/") else "sendMessage", message)


async def test_three_people_over_the_emulator(
    running_bot: Any,
    emulator: Emulator,
    bot_api: BotApiFront,
    engine: Engine,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    t = Transcript()
    person = Client(emulator.url, bot_api, chat_id=1001, first_name="Newcomer")
    admin = Client(emulator.url, bot_api, chat_id=ADMIN, first_name="Admin")
    cora = Client(emulator.url, bot_api, chat_id=CORA, first_name="Cora")
    anna = Client(emulator.url, bot_api, chat_id=ANNA, first_name="Anna")
    ben = Client(emulator.url, bot_api, chat_id=BEN, first_name="Ben")
    with session_scope(engine) as session:
        fellowship = session.execute(
            sa.text("select id from fellowship where name = 'Alcoholics Anonymous'")
        ).scalar_one()
    (made,) = await admin.send("/invite coordinator")
    (welcome,) = await cora.send(f"/redeem {code_of(made)}")
    assert "You are now a coordinator" in welcome.text
    for volunteer, who in ((anna, "anna"), (ben, "ben")):
        t.said("coordinator", f"/invite volunteer area {fellowship} Ann Arbor")
        (made,) = t.got(
            "coordinator", await cora.send(f"/invite volunteer area {fellowship} Ann Arbor")
        )
        assert f"They will cover: area {fellowship} Ann Arbor." in made.text
        t.said(who, "/redeem …")
        (conduct,) = t.got(who, await volunteer.send(f"/redeem {code_of(made)}"))
        assert "code of conduct" in conduct.text
        t.said(who, "/volunteer")
        (status,) = t.got(who, await volunteer.send("/volunteer"))
        assert "in Ann Arbor" in status.text  # what the coordinator chose, nothing to set up
        # The emulator run uses the real clock: available at any hour, so the run does not depend
        # on the time of day (the hours themselves are tested with a fake clock in tests/bot).
        t.said(who, "/volunteer hours 0-24")
        (hours,) = t.got(who, await volunteer.send("/volunteer hours 0-24"))
        assert "0:00–24:00" in hours.text
    t.said("coordinator", "/coverage")
    (coverage,) = t.got("coordinator", await cora.send("/coverage"))
    assert f"({ANNA}, {BEN})" in coverage.text

    await person.send("/start")
    await person.press("let's start")
    await person.send("I drink too much, a bottle of wine every night")
    await person.press("go on")
    await person.press("In person")
    await person.send("Ann Arbor")
    t.said("person", "[Choose 1]")
    replies = t.got("person", await person.press("Choose 1"))
    assert strings.HELLO_OFFER in [r.text for r in replies]
    t.said("person", "[Yes, I'd like a hello]")
    t.got("person", await person.press(strings.BUTTON_HELLO_YES))
    t.said("person", "Quillon")
    t.got("person", await person.send("Quillon"))

    (notice,) = t.got("anna", await anna.replies())
    assert notice.text.startswith("Someone new would like a hello") and "Quillon" not in notice.text
    t.said("anna", "[Not this time]")
    t.got("anna", await anna.press(strings.BUTTON_HELLO_PASS))
    (notice,) = t.got("ben", await ben.replies())
    t.said("ben", "[I'll say hello]")
    (opened,) = t.got("ben", await ben.press(strings.BUTTON_HELLO_ACCEPT, notice))
    assert "Quillon" in opened.text
    (told,) = t.got("person", await person.replies())
    assert "/block" in told.text

    t.said("person", f"hi, I'm a bit nervous {WORDS[0]}")
    await quietly(person, f"hi, I'm a bit nervous {WORDS[0]}")
    (relayed,) = t.got("ben", await ben.replies())
    assert relayed.text.endswith(f"nervous {WORDS[0]}")
    t.said("ben", f"Welcome, Quillon! I'll be by the door at 7. {WORDS[1]}")
    await quietly(ben, f"Welcome, Quillon! I'll be by the door at 7. {WORDS[1]}")
    (back,) = t.got("person", await person.replies())
    assert back.text.endswith(WORDS[1])

    t.said("person", CRISIS)
    crisis = t.got("person", await person.send(CRISIS))
    assert "988" in " ".join(m.text for m in crisis)
    (note,) = t.got("ben", await ben.replies())
    assert note.text == strings.HELLO_CRISIS_TOLD
    t.said("person", "/end")
    (ended,) = t.got("person", await person.send("/end"))
    assert ended.text == strings.HELLO_ENDED_YOU
    t.got("ben", await ben.replies())

    t.said("person", "/new … [Choose 1] [Yes, I'd like a hello] Kit")
    await person.send("/new")
    await person.send("I drink too much, a bottle of wine every night")
    await person.press("go on")
    await person.press("In person")
    await person.send("Ann Arbor")
    await person.press("Choose 1")
    await person.press(strings.BUTTON_HELLO_YES)
    await person.send("Kit")
    (notice,) = t.got("anna", await anna.replies())
    t.said("anna", "[I'll say hello]")
    t.got("anna", await anna.press(strings.BUTTON_HELLO_ACCEPT, notice))
    t.got("person", await person.replies())
    t.said("coordinator", f"/removevolunteer {ANNA}")
    (removed,) = t.got("coordinator", await cora.send(f"/removevolunteer {ANNA}"))
    assert removed.text == strings.VOLUNTEER_REMOVED.format(user_id=ANNA, count=1)
    (kind,) = t.got("person", await person.replies())
    assert kind.text == strings.HELLO_REMOVED_PERSON
    t.got("anna", await anna.replies())
    t.said("coordinator", "/coverage")
    (counts,) = t.got("coordinator", await cora.send("/coverage"))
    assert strings.COVERAGE_COUNTS_HIDDEN.format(n=5) in counts.text  # 2 offered: too few to show
    assert str(ANNA) not in counts.text

    with engine.connect() as conn:
        stored = " ".join(
            str(value)
            for table in sa.inspect(engine).get_table_names()
            for row in conn.execute(sa.text(f'select * from "{table}"'))
            for value in row
        ).lower()
    logged = "\n".join(f"{r.getMessage()} {r.__dict__}" for r in caplog.records).lower()
    raw = b"".join(
        path.read_bytes() for path in Path(sqlite_path(engine)).parent.glob("firststep.sqlite3*")
    ).lower()
    for word in (*WORDS, "nervous", "kill myself", "quillon", "by the door"):
        assert word not in stored, word
        assert word not in logged, word
    for word in (*WORDS, "nervous", "kill myself", "by the door"):  # never written, not even once
        assert word.encode() not in raw, word
    if path := os.environ.get("HELLO_TRANSCRIPT"):
        Path(path).write_text("\n".join(t.lines) + "\n")  # noqa: ASYNC240
