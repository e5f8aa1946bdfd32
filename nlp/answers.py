"""Reading a short answer to a yes/no question ("nope", "no, i'm ok", "kinda", "sí")."""

from __future__ import annotations

import re
from functools import cache
from typing import Literal

from nlp.components.words import fold
from nlp.normalize import clean_text
from nlp.resources import load_data

Answer = Literal["yes", "no"]
_NOT_WORDS = re.compile(r"[^\w' ]+")


@cache
def _answers() -> tuple[tuple[str, ...], frozenset[str]]:
    """The 'no' openings (longest first) and the 'yes' answers, folded."""
    data = load_data("answers.json")
    no = sorted({_plain(a) for a in data["no"]}, key=len, reverse=True)
    return tuple(no), frozenset(_plain(a) for a in data["yes"])


def _plain(text: str) -> str:
    """Lower case, no accents, no punctuation or emoji, single spaces."""
    words = _NOT_WORDS.sub(" ", fold(clean_text(text))).split()
    return " ".join(words)


def plain_answer(text: str) -> Answer | None:
    """ "no" when `text` opens with a no ("nope", "no, i'm fine"), "yes" for a yes or a hedge
    ("kinda", "not sure" is neither), else None. Whether the rest is worrying is the crisis
    check's to say, not this function's."""
    plain = _plain(text)
    no, yes = _answers()
    if plain in yes:
        return "yes"
    for opening in no:
        if plain == opening or plain.startswith(opening + " "):
            return "no"
    return None


@cache
def _privacy_patterns() -> tuple[re.Pattern[str], ...]:
    """The privacy-question patterns (nlp/data/privacy.json), compiled once."""
    return tuple(re.compile(p) for p in load_data("privacy.json")["patterns"])


def asks_about_privacy(text: str) -> bool:
    """Whether `text` asks about privacy ("is this confidential?", "will my mom find out",
    "¿se va a enterar mi papá?"): the bot then says plainly what it keeps and that it tells
    nobody."""
    plain = _plain(text)
    return any(p.search(plain) for p in _privacy_patterns())
