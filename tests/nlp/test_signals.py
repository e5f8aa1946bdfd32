"""Safety signals: withdrawal, abuse at home, a young writer; look-alikes get none."""

from __future__ import annotations

import pytest

from nlp import Parser

SIGNALS = [
    ("i drink in the morning to stop the shaking", "withdrawal"),
    ("a bottle of vodka a day and i get the shakes if i skip it", "withdrawal"),
    ("been on xanax every day for two years, if i miss a dose i sweat and shake", "withdrawal"),
    ("tomo clonazepam diario y si me salto una dosis me tiemblan las manos", "withdrawal"),
    ("he smashed the tv and said next time it'll be me", "abuse_at_home"),
    ("tengo miedo cuando llega borracho", "abuse_at_home"),
    ("my husband gets mean when he drinks, the kids are scared", "abuse_at_home"),
    ("i'm 15 and i vape every day", "minor"),
    ("is this confidential?? will my mom find out", "minor"),
    ("im in 10th grade and i smoke weed before school", "minor"),
    ("tengo 16 y fumo mota diario, mis papás no saben", "minor"),
    ("me levanto y me echo un trago de guaro pa calmar las manos", "withdrawal"),
    ("mis papás toman y se pelean a gritos, me da miedo estar en la casa", "abuse_at_home"),
    ("soy de 15 y ya tomo todos los findes", "minor"),
    ("me corto en el baño del colegio en los recreos", "minor"),
    ("la seño me vio las marcas en los brazos", "minor"),
    ("dejé mis cosas en el locker de la escuela y me dio un ataque de ansiedad", "minor"),
]
LOOK_ALIKES = [
    "I'm twelve years sober and I chair an AA meeting",
    "I teach 9th grade history and one of my students drinks at lunch",
    "had four coffees so my hands are shaking lol, anyway my wife drinks too much",
    "my dad used to hit me when i was a kid, i'm 40 now and i drink too much",
    "my 15 year old son vapes and i don't know what to do",
    "i'm 34 and my mom would kill me if she knew i'm gambling again lol",
    "90 days sober today, no shakes anymore",
    "I've been clean 2 years, I used to drink every morning",
    "ando temblando pero es por el cuarto café, mañana cumplo 90 días sin tomar",
]


@pytest.mark.parametrize(("text", "kind"), SIGNALS)
def test_signal_is_found(parser: Parser, text: str, kind: str) -> None:
    """Each kind of safety signal, in English and Spanish, with its evidence."""
    found = {s.kind: s.evidence for s in parser.parse(text).signals}
    assert kind in found, (text, found)
    assert found[kind] and found[kind] in text


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alikes_give_no_signal(parser: Parser, text: str) -> None:
    """Shaky from coffee, abuse long ago, a parent writing about a teen, an adult: no signal."""
    assert parser.parse(text).signals == [], text


def test_abuse_at_home_beside_a_clear_violence_crisis_is_left_to_the_crisis_reply(
    parser: Parser,
) -> None:
    """An attack under way is a crisis; the signal (no immediate danger) is not added to it."""
    result = parser.parse("my husband is hitting me right now, he's drunk")
    assert result.crisis is not None and result.crisis.kind == "violence"
    assert "abuse_at_home" not in {s.kind for s in result.signals}


def test_signals_are_in_the_json_output(parser: Parser) -> None:
    """The taxonomy's `signals` list: kind and evidence."""
    data = parser.parse("i'm 15 and i vape every day").to_dict()
    assert data["signals"] == [{"kind": "minor", "evidence": "i'm 15"}]


def test_the_language_a_message_is_written_in(parser: Parser) -> None:
    """Spanish, English, or nothing when too few words say (a one-word message)."""
    assert parser.parse("no hablo ingles bien, necesito ayuda").written_in == "es"
    assert parser.parse("I drink too much most nights").written_in == "en"
    assert parser.parse("help").written_in is None


@pytest.mark.parametrize(
    "text",
    ["my mum doesn't know i vape, 14 fyi", "need a group for my gambling. 16 btw"],
)
def test_an_age_said_as_an_aside_is_a_minor(parser: Parser, text: str) -> None:
    """An age said alone after a clause ('..., 15 btw') is the writer's."""
    assert "minor" in {s.kind for s in parser.parse(text).signals}, text


@pytest.mark.parametrize(
    "text",
    [
        "been drinking since high school and I'm 34 now",
        "fumo desde la secu y ya tengo 27, quiero dejarlo",
    ],
)
def test_a_school_since_left_is_no_minor(parser: Parser, text: str) -> None:
    """'Since high school', 'desde la secu': a school left behind, no young writer."""
    assert parser.parse(text).signals == [], text
