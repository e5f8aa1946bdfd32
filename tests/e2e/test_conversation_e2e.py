"""End to end over HTTP: the real Application polling the emulator, a person going all the way."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
from icalendar import Calendar
from sqlalchemy.engine import Engine
from sqlmodel import select

from bot import strings
from bot.app import build_application
from bot.db import session_scope
from bot.followups.models import Plan
from bot.models import Event, EventKind, Person
from bot.ops.flood_limiter import FloodLimiter
from bot.settings import build_settings
from tests.bot.conftest import seed_directory
from tests.e2e.harness import BotApiFront
from tests.e2e.harness import Person as Client

pytestmark = pytest.mark.e2e
CONCERN = "I drink too much, a bottle of wine every night"
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
    """The real Application, polling the emulator through the front, on a seeded database."""
    seed_directory(engine, datetime.now(UTC))
    settings = build_settings(
        TELEGRAM_BOT_TOKEN=bot_api.token,
        TELEGRAM_API_BASE_URL=bot_api.base_url,
        DATABASE_URL=sqlite_url,
        FIRSTSTEP_DATA_DIR=str(tmp_path),
    )
    application = build_application(settings, engine=engine, parser=parser)
    application.bot_data.flood_limiter = FloodLimiter(limit=10_000)  # a test types fast
    await application.initialize()
    assert application.updater is not None
    await application.updater.start_polling(timeout=1, poll_interval=0)
    await application.start()
    yield application
    await application.updater.stop()
    await application.stop()
    await application.shutdown()


async def test_a_person_goes_from_start_to_a_plan_with_a_crisis_on_the_way(
    running_bot: Any, person: Client, engine: Engine
) -> None:
    (welcome,) = await person.send("/start")
    assert "not a therapist" in welcome.text and welcome.labels == [
        strings.CONSENT_BUTTON,
        strings.NOT_NOW_BUTTON,
    ]
    (ask,) = await person.press("let's start")
    assert ask.text == strings.ASK_CONCERN
    (understood,) = await person.send(CONCERN)
    assert "drinking" in understood.text
    (crisis,) = await person.send(CRISIS)
    assert "988" in crisis.text and "116 123" in crisis.text and not crisis.buttons
    (question,) = await person.press("go on")
    assert question.text == strings.ASK_FORMAT
    await person.press("In person")
    replies = await person.send("Ann Arbor")
    cards = [r for r in replies if r.text.startswith("<b>1.")]
    assert cards and "Next meeting:" in cards[0].text and replies[-1].labels[0] == "Choose 1"
    assert replies[0].parse_mode == "HTML"
    replies = await person.press("Choose 1")
    if replies[-1].text == strings.ASK_CONTACT:
        replies = await person.press("No, thanks")
    when = replies[-1]
    assert when.text == strings.ASK_WHEN
    (planned,) = await person.press(when.labels[0])
    assert "It's a plan" in planned.text
    (document,) = await person.press("calendar")
    assert document.document is not None and document.document["file_name"] == "meeting.ics"
    event = Calendar.from_ical(person.download(document)).walk("VEVENT")[0]
    with session_scope(engine) as session:
        plan = session.exec(select(Plan)).one()
        crises = session.exec(select(Event).where(Event.kind == EventKind.crisis)).all()
    assert event.decoded("dtstart") == plan.meeting_start and len(crises) == 1
    (_confirm,) = await person.send("/forget")
    (done,) = await person.press("Yes, delete")
    assert done.text == strings.FORGOTTEN
    with session_scope(engine) as session:
        assert session.exec(select(Person)).all() == []


async def test_a_person_who_blocked_the_bot_is_marked_blocked(
    running_bot: Any, person: Client, bot_api: BotApiFront, engine: Engine
) -> None:
    await person.send("/start")
    bot_api.block(person.chat_id)
    await person._post("sendMessage", person._message({"text": "/help"}))
    for _ in range(100):
        with session_scope(engine) as session:
            found = session.exec(select(Person)).one()
        if found.status == "blocked":
            break
        await asyncio.sleep(0.05)
    assert found.status == "blocked"


async def test_firststep_run_answers_over_http(
    bot_api: BotApiFront, person: Client, sqlite_url: str, tmp_path: Any
) -> None:
    """The `firststep run` command itself: upgrade, load the parser, poll, answer; logs no text."""
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": bot_api.token,
        "TELEGRAM_API_BASE_URL": bot_api.base_url,
        "DATABASE_URL": sqlite_url,
        "FIRSTSTEP_DATA_DIR": str(tmp_path),
        "FIRSTSTEP_HEALTH_PORT": "0",
    }
    command = [sys.executable, "-m", "bot.cli", "run"]
    process = await asyncio.create_subprocess_exec(
        *command, env=env, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE
    )
    try:
        person.timeout = 60
        (welcome,) = await person.send("/start")
        assert "not a therapist" in welcome.text
        await person.press("let's start")
        (understood,) = await person.send(CONCERN)
        assert "drinking" in understood.text
    finally:
        process.terminate()
        _, err = await asyncio.wait_for(process.communicate(), 30)
    assert b"Traceback" not in err
    assert b"bottle of wine" not in err and b"polling" in err  # it logs, but never their words


async def test_a_person_goes_all_the_way_in_spanish_with_a_crisis_in_spanish(
    running_bot: Any, person: Client, engine: Engine
) -> None:
    person.language_code = "es"
    (welcome,) = await person.send("/start")
    assert "Soy un bot" in welcome.text and welcome.labels == ["De acuerdo, empecemos", "Ahora no"]
    await person.press("De acuerdo, empecemos")
    (understood,) = await person.send("bebo demasiado, una botella de vino cada noche")
    assert "He entendido: la bebida" in understood.text
    replies = await person.send("no aguanto más, esta noche me voy a quitar la vida")
    if replies[-1].labels == ["Sí", "No", "No lo sé"]:  # asked first, in Spanish
        replies = await person.press("Sí")
    crisis = replies[-1].text
    assert "Me alegra mucho que me lo hayas contado" in crisis and "AYUDA" in crisis
    assert "800 911 2000" in crisis and "024" in crisis and not replies[-1].buttons
    await person.press("Eso es todo, sigamos")
    await person.press("En persona")
    replies = await person.send("New York")
    if replies[-1].labels == ["De mí", "De alguien cercano"]:
        replies = await person.press("De mí")
    cards = [r for r in replies if r.text.startswith("<b>1.")]
    assert "Grupo Nueva Vida" in cards[0].text and "en español" in cards[0].text
    replies = await person.press("Elegir el 1")
    (planned,) = await person.press(replies[-1].labels[0])
    assert "Hecho, tienes un plan" in planned.text
    (document,) = await person.press("Añadir a mi calendario")
    event = Calendar.from_ical(person.download(document)).walk("VEVENT")[0]
    assert str(event["summary"]) == "Reunión"
    (mine,) = await person.send("/mydata")
    assert "Idioma: Español" in mine.text
    await person.send("/forget")
    (done,) = await person.press("Sí, bórralo todo")
    assert done.text.startswith("Hecho. Borré todo lo tuyo.")
    with session_scope(engine) as session:
        assert session.exec(select(Person)).all() == []
