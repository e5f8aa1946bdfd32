"""The learned second opinion: shipped, asked only where the lexicons saw a telling concept and
nothing calm, and able to raise only a `possible` crisis (the screening question), never a
clear one."""

from __future__ import annotations

import pytest

from nlp import Parser
from nlp.components.risk import risk_detector
from nlp.second_opinion import KINDS, NONE, SecondOpinion, load_second_opinion
from nlp.train_second_opinion import Row, figures


class _Recorder:
    """Stands in for the classifier to see when it is asked; always sees a suicide."""

    def __init__(self) -> None:
        self.asked = 0

    def judge(self, tokens: list[str]) -> tuple[str, float]:
        self.asked += 1
        return "suicide", 0.99


@pytest.fixture
def recorder(monkeypatch: pytest.MonkeyPatch) -> tuple[Parser, _Recorder]:
    parser = Parser()
    fake = _Recorder()
    monkeypatch.setattr(risk_detector(parser.nlp), "second_opinion", fake)
    return parser, fake


def test_the_package_ships_a_second_opinion() -> None:
    """The trained classifier is part of the package, with the threshold its training chose
    (cross-validated, written in its meta) rather than the loader's default."""
    so = load_second_opinion()
    assert isinstance(so, SecondOpinion)
    chosen = so.nlp.meta["firststep"]["threshold"]
    assert so.threshold == chosen and 0.0 < chosen < 1.0
    assert so.nlp.meta["firststep"]["cross_validated"]["calm_asked_with"] <= 0.08


@pytest.mark.parametrize(
    "text",
    [
        "hello, how does this work",
        "i drink too much on weekends",
        "my son uses meth",
        "he smashed the tv",
    ],
)
def test_not_asked_without_a_telling_concept(recorder: tuple[Parser, _Recorder], text: str) -> None:
    """Ordinary messages never reach the classifier, so it cannot raise a false alarm there."""
    parser, fake = recorder
    assert parser.parse(text).crisis is None
    assert fake.asked == 0


@pytest.mark.parametrize(
    "text",
    [
        "my dad has a gun for hunting",
        "we keep narcan in the house just in case",
        "mum was carving the turkey with the big knife and we argued about her drinking",
    ],
)
def test_not_asked_where_the_message_reads_as_calm(
    recorder: tuple[Parser, _Recorder], text: str
) -> None:
    """A recognised safe purpose or figure of speech keeps the classifier quiet."""
    parser, fake = recorder
    assert parser.parse(text).crisis is None
    assert fake.asked == 0


def test_what_it_raises_is_only_possible(recorder: tuple[Parser, _Recorder]) -> None:
    """Where it is asked and sees danger, the crisis is `possible` (one screening question),
    named as the second opinion's, with no evidence quoted."""
    parser, fake = recorder
    crisis = parser.parse("i have a gun").crisis
    assert fake.asked == 1
    assert crisis is not None
    assert (crisis.level, crisis.concepts, crisis.evidence) == ("possible", ("second_opinion",), "")


def test_a_clear_crisis_of_the_rules_is_never_lowered(recorder: tuple[Parser, _Recorder]) -> None:
    """The rules' clear crisis stands; the classifier is not asked then."""
    parser, fake = recorder
    crisis = parser.parse("the rope is in the closet and tonight i'm using it").crisis
    assert crisis is not None and crisis.level == "clear"
    assert fake.asked == 0


def test_the_shipped_classifier_tells_danger_from_calm() -> None:
    """The real model: a plain danger well above its threshold, a calm sentence below it."""
    so = load_second_opinion()
    assert so is not None
    danger = so.judge(
        ["i", "am", "going", "to", "end", "it", "tonight", "nobody", "will", "miss", "me"]
    )
    assert danger is not None and danger[0] in KINDS
    assert so.judge(["what", "time", "is", "the", "meeting", "on", "tuesday"]) is None


def test_training_figures_count_only_what_the_parser_asks() -> None:
    """The training script's recall and questions count a message the classifier would flag
    only where the parser asks it (the same gate), so its figures are what users would see."""
    rows = [
        Row(["gun"], "suicide", None, True),
        Row(["bridge"], "suicide", None, False),  # no telling concept: never asked
        Row(["meeting"], NONE, None, True),
        Row(["drink"], NONE, "possible", False),  # the rules' own question counts
    ]
    assert figures(rows, [0.9, 0.9, 0.9, 0.1], 0.5) == (0.5, 1.0)
    assert figures(rows, [0.9, 0.9, 0.1, 0.1], 0.5) == (0.5, 0.5)
    assert figures(rows, [0.9, 0.9, 0.9, 0.1], None) == (0.0, 0.5)
