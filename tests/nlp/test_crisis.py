"""The crisis check: what must be caught, what must not be, and that it reads all of a message."""

from __future__ import annotations

import pytest

from nlp import Parser
from nlp.normalize import MAX_ANALYSED_CHARS

CRISES = [
    ("i wanna die tonight", "suicide"),
    ("Honestly I wish I was dead", "suicide"),
    ("my kids would be better off if i was gone", "suicide"),
    ("there's nothing left to live for", "suicide"),
    ("I dont want to be alive anymore", "suicide"),
    ("planning to kill my self this weekend", "suicide"),
    ("Ive been stockpiling my sleeping pills", "suicide"),
    ("I wrote goodbye letters to my kids", "suicide"),
    ("im going to jump off the bridge", "suicide"),
    ("i feel suicdal", "suicide"),
    ("kms fr", "suicide"),
    ("i keep hurting myself when im alone", "self_harm"),
    ("started cutting again last week", "self_harm"),
    ("my brother od'd and we can't wake him up", "overdose"),
    ("she took a whole bottle of tylenol", "overdose"),
    ("he is turning blue after using", "overdose"),
    ("my dad grabbed a knife and is screaming", "violence"),
    ("he said he will kill me if i leave", "violence"),
    ("i want to kill him, i'm shaking", "violence"),
    ("QUIERO MORIR", "suicide"),
    ("I can't stop thinking about killing myself", "suicide"),
    ("I've wanted to die every day since my wife left years ago", "suicide"),
    ("i dont have a reason to live", "suicide"),
    ("nobody knows i want to kill myself", "suicide"),
    ("my brother keeps saying he wants to end his life", "suicide"),
    ("friend used and now she's not responding", "overdose"),
    ("i want to dieeeee", "suicide"),
    ("want 2 die", "suicide"),
    ("k1ll mys3lf", "suicide"),
    ("i dont wanna be here no more", "suicide"),
    ("I WANT TO DIE", "suicide"),
]

NOT_CRISES = [
    "this hangover is killing me",
    "I'm dying for a smoke",
    "my uncle took his own life when I was a kid",
    "I had suicidal thoughts as a teenager but I'm okay now",
    "I would never hurt myself, I just need to stop drinking",
    "i have a plan to go to a meeting on tuesday",
    "my mom is going to kill me when she finds out I relapsed",
    "I cut myself off from my drinking buddies",
    "my phone died so I missed the meeting",
    "lost my best friend to an overdose in 2019",
    "I'm not suicidal",
    "we keep narcan in the house just in case",
    "I need to cut back on weed",
    "my doctor asked if I was suicidal and I said no",
    "this hangover is going to kill me lol",
    "I'm killing myself slowly with this drinking",
    "I starve myself and then binge",
    "my dad has a gun for hunting",
    "I want to disappear into the crowd at a big meeting",
    "I took a bunch of notes at the meeting",
    "tonight is the night I go to my first meeting",
    "I took my antidepressants and I feel weird",
    "I have a plan to cut down on drinking",
    "I want to end my relationship with alcohol",
    "I swallowed my pride and asked for help",
    "he beat me at pool last night",
    "I'm dying of nerves",
    "I want to go but I'm scared to death",
    "I'll kill two birds with one stone and go after work",
    "I'm done with this, please stop messaging me",
    "I didn't go, I was too scared",
]


@pytest.mark.parametrize(("text", "kind"), CRISES)
def test_crisis_is_caught(parser: Parser, text: str, kind: str) -> None:
    """Active and passive suicidal thoughts, plans, self-harm, overdose, violence are caught."""
    crisis = parser.parse(text).crisis
    assert crisis is not None, text
    assert crisis.kind == kind
    assert crisis.evidence and crisis.evidence.lower() in text.lower()


@pytest.mark.parametrize("text", NOT_CRISES)
def test_no_false_alarm(parser: Parser, text: str) -> None:
    """Figures of speech, grief, past episodes and statements of safety are not a crisis."""
    assert parser.parse(text).crisis is None, text


def test_crisis_at_the_end_of_a_long_message_is_caught(parser: Parser) -> None:
    """The crisis check reads the whole text, past what the other components analyse."""
    filler = "I have been thinking about my drinking and my family a lot. " * 1700
    assert len(filler) > 10 * MAX_ANALYSED_CHARS
    result = parser.parse(filler + "Tonight I am going to kill myself.")
    assert result.crisis is not None and result.crisis.kind == "suicide"
    assert parser.parse(filler).crisis is None


def test_overdose_outranks_other_kinds(parser: Parser) -> None:
    """An overdose happening now is reported first: it needs emergency services."""
    crisis = parser.parse("I want to die so I took a bunch of pills").crisis
    assert crisis is not None and crisis.kind == "overdose"
