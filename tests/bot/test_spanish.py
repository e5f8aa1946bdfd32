"""Spanish end to end through the real Application: a person whose Telegram is in Spanish, a
person who writes in Spanish, /language, a crisis written in Spanish, and a third language that is
a catalog and nothing else."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from icalendar import Calendar
from sqlmodel import select

import i18n
from bot.db import session_scope
from bot.followups.dispatch import render
from bot.followups.models import Plan
from bot.models import Person
from tests.bot.conftest import Bot

CONCERN_ES = "bebo demasiado, una botella de vino cada noche"


def texts(replies: list[Any]) -> str:
    return "\n".join(r.plain for r in replies)


def person(bot: Bot) -> Person:
    with session_scope(bot.application.bot_data.engine) as session:
        found = session.exec(select(Person)).one()
        session.expunge(found)
        return found


async def test_the_whole_path_in_spanish(bot: Bot) -> None:
    bot.chat.language_code = "es-MX"
    (welcome,) = await bot.chat.send("/start")
    assert "Soy un bot" in welcome.plain and "no soy una persona" in welcome.plain
    assert welcome.labels == ["De acuerdo, empecemos", "Ahora no"]
    (ask,) = await bot.chat.press("De acuerdo, empecemos")
    assert ask.plain.startswith("Gracias. Cuéntame")
    (understood,) = await bot.chat.send(CONCERN_ES)
    assert "He entendido: la bebida" in understood.plain  # no offer: it is their language already
    (question,) = await bot.chat.press("Eso es todo, sigamos")
    assert question.plain == "¿Prefieres reunirte en persona o por internet?"
    await bot.chat.press("En persona")
    replies = await bot.chat.send("New York")
    if texts(replies).endswith("¿Se trata de ti o de alguien cercano?"):
        replies = await bot.chat.press("De mí")
    cards = [r for r in replies if r.plain[:2] in ("1.", "2.", "3.")]
    assert "Grupo Nueva Vida" in cards[0].plain  # the Spanish-language meeting comes first
    assert "en español" in cards[0].plain.split("Por qué:")[1]  # and the reason says so
    assert "Próxima reunión: dom" in cards[0].plain  # Babel: "dom 6 dic, 17:00"
    assert "En una primera reunión de un grupo de 12 pasos:" in cards[0].plain
    assert "Las reuniones son gratis" in cards[0].plain  # AA's own text, in Spanish
    assert replies[-1].labels[0] == "Elegir el 1"
    replies = await bot.chat.press("Elegir el 1")
    assert "Buena elección" in texts(replies) and "¿Cuándo crees que irás?" in texts(replies)
    replies = await bot.chat.press(replies[-1].labels[0])
    assert "Hecho, tienes un plan: Grupo Nueva Vida, dom 6 dic, 17:00" in texts(replies)
    (document,) = await bot.chat.press("Añadir a mi calendario")
    event = Calendar.from_ical(document.content).walk("VEVENT")[0]
    assert str(event["summary"]) == "Reunión"
    with session_scope(bot.application.bot_data.engine) as session:
        plan = session.exec(select(Plan)).one()
        reminder, _ = render("reminder", plan, person(bot).locale)
        followup, buttons = render("followup", plan, person(bot).locale)
    assert reminder.startswith(
        "Un recordatorio amable de firststep\n\nTu reunión es hoy a las 17:00"
    )
    assert "Grupo Nueva Vida" not in reminder  # the lock screen stays neutral in Spanish too
    assert followup.endswith("¿Qué tal te fue el domingo?")
    assert [b[0] for row in buttons for b in row] == ["Fui", "No pude ir", "No es para mí"]
    (mydata,) = await bot.chat.send("/mydata")
    assert "Lo que guardo sobre ti" in mydata.plain and "Idioma: Español" in mydata.plain
    (ask,) = await bot.chat.send("/forget")
    (done,) = await bot.chat.press("Sí, bórralo todo")
    assert done.plain.startswith("Hecho. Borré todo lo tuyo.")


async def test_a_clear_crisis_in_spanish_is_answered_at_once_in_spanish(bot: Bot) -> None:
    """A plan for tonight is no question to ask: the lines come at once, in Spanish."""
    await bot.chat.send("/start")
    text = texts(await bot.chat.send("esta noche me voy a quitar la vida"))
    assert "Línea de la Vida 800 911 2000" in text and "España: 024" in text
    assert "¿estás pensando" not in text and "I'm really glad" not in text


async def test_a_crisis_written_in_spanish_is_answered_in_spanish(bot: Bot) -> None:
    await bot.chat.send("/start")  # Telegram in English: the crisis reply follows the words
    (question,) = await bot.chat.send("no aguanto más, todos estarían mejor sin mí")
    assert "¿estás pensando en quitarte la vida" in question.plain
    assert question.labels == ["Sí", "No", "No lo sé"]
    text = texts(await bot.chat.press("Sí"))
    assert "Me alegra mucho que me lo hayas contado" in text
    assert "marca 2 para hablar en español" in text and "AYUDA" in text
    assert "Línea de la Vida 800 911 2000" in text and "España: 024" in text
    assert "I'm really glad" not in text


async def test_writing_in_spanish_is_offered_once_before_switching(bot: Bot) -> None:
    await bot.chat.send("/start")
    await bot.chat.press("let's start")
    (offer,) = await bot.chat.send(CONCERN_ES)
    assert offer.plain == "¿Quieres que te escriba en español?"
    assert offer.labels == ["Sí, en Español", "No, keep English"]
    replies = await bot.chat.press("Sí, en Español")
    assert replies[0].plain.startswith("De acuerdo, te escribiré en Español")
    assert "He entendido: la bebida" in texts(replies)  # the held message, now in Spanish
    assert person(bot).locale == "es" and person(bot).locale_chosen
    (understood,) = await bot.chat.send("and I also gamble")  # chosen: never offered again
    assert "He entendido" in understood.plain


async def test_saying_no_to_the_offer_keeps_english_and_is_not_asked_again(bot: Bot) -> None:
    await bot.chat.send("/start")
    await bot.chat.press("let's start")
    await bot.chat.send(CONCERN_ES)
    replies = await bot.chat.press("No, keep English")
    assert "Thank you for telling me. I understood: drinking" in texts(replies)
    (heard,) = await bot.chat.send("también juego a las máquinas")
    # English, and no second offer: the slot machines are read as gambling, said in English
    assert "I understood: drinking, gambling" in heard.plain
    assert "español" not in heard.plain.lower() and "Sí, en Español" not in heard.labels


async def test_language_command_switches_at_any_time(bot: Bot) -> None:
    (ask,) = await bot.chat.send("/language")
    assert ask.labels == ["✓ English", "Español"]
    replies = await bot.chat.press("Español")
    assert "te escribiré en Español" in texts(replies)
    (welcome,) = await bot.chat.send("/start")
    assert welcome.labels[0] == "De acuerdo, empecemos"
    (ask,) = await bot.chat.send("/language")
    assert ask.labels == ["English", "✓ Español"]


@pytest.fixture
def french(tmp_path: Path) -> Iterator[None]:
    """A third language, French, as a translator would add it: one catalog (two texts here)."""
    catalog = Catalog(locale="fr", domain="firststep")
    catalog.add("OK, let's start", "D'accord, on commence")
    catalog.add("Not now", "Pas maintenant")
    folder = tmp_path / "locale" / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "firststep.po").write_text("# compiled below\n")
    with (folder / "firststep.mo").open("wb") as handle:
        write_mo(handle, catalog)
    i18n.LOCALE_DIRS.append(tmp_path / "locale")
    i18n.reset()
    yield
    i18n.LOCALE_DIRS.remove(tmp_path / "locale")
    i18n.reset()


async def test_a_third_language_is_a_catalog_and_nothing_else(bot: Bot, french: None) -> None:
    bot.chat.language_code = "fr"
    (welcome,) = await bot.chat.send("/start")
    assert welcome.labels == ["D'accord, on commence", "Pas maintenant"]
    assert "Hi, I'm firststep" in welcome.plain  # not translated in this catalog: English
    (ask,) = await bot.chat.send("/language")
    assert ask.labels == ["English", "Español", "✓ Français"]
    assert person(bot).locale == "fr"
