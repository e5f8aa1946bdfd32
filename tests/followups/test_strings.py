"""Every scheduler message's lock-screen preview (first line) names no fellowship, no condition."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from bot import strings
from bot.followups.dispatch import render
from bot.followups.models import FollowUpKind, Plan
from nlp.result import CONCERN_CODES

FELLOWSHIP_WORDS = [
    "AA",
    "NA",
    "CA",
    "GA",
    "OA",
    "SMART",
    "Al-Anon",
    "Alateen",
    "Nar-Anon",
    "DBSA",
    "NAMI",
    "Anonymous",
    "Recovery",
    "Alcoholics",
    "Narcotics",
    "Gamblers",
    "Overeaters",
    "Dual",
    "Refuge",
    "LifeRing",
    "Celebrate",
    "twelve",
    "12-step",
    "12 step",
    "fellowship",
]
CONDITION_WORDS = [
    "alcohol",
    "drink",
    "drug",
    "opioid",
    "heroin",
    "addict",
    "gambl",
    "depress",
    "anxiety",
    "bipolar",
    "grief",
    "eating",
    "mental",
    "psych",
    "suicid",
    "overdose",
    "sober",
    "recovery",
    "meeting",
    "group",
    "substance",
    "therapy",
    "crisis",
]


def _forbidden() -> list[str]:
    codes = [c.replace("_", " ") for c in CONCERN_CODES]
    return FELLOWSHIP_WORDS + CONDITION_WORDS + codes


def test_every_scheduler_template_has_a_neutral_first_line() -> None:
    assert set(strings.SCHEDULER_TEMPLATES) == {
        k.value for k in FollowUpKind if k != FollowUpKind.close
    }
    for kind, (preview, _body) in strings.SCHEDULER_TEMPLATES.items():
        for word in _forbidden():
            pattern = rf"\b{re.escape(word)}" if len(word) > 3 else rf"\b{re.escape(word)}\b"
            assert not re.search(pattern, preview, flags=re.IGNORECASE), (kind, word)


def test_rendered_messages_start_with_the_preview_and_a_blank_line() -> None:
    plan = Plan(
        id=3,
        person_id=1,
        group_id=9,
        meeting_start=datetime(2026, 11, 25, 0, tzinfo=UTC),
        meeting_end=datetime(2026, 11, 25, 1, tzinfo=UTC),
        timezone="America/New_York",
    )
    for kind, (preview, _body) in strings.SCHEDULER_TEMPLATES.items():
        text, keyboard = render(kind, plan)
        first, blank = text.splitlines()[:2]
        assert first == preview and blank == ""
        assert ("19:00" in text) == (kind == "reminder")
        assert keyboard and all(data.startswith("fu:") for row in keyboard for _l, data in row)
        if kind == "reminder":  # one button, as neutral as the preview: where and when
            assert [label for row in keyboard for label, _d in row] == [strings.BUTTON_WHERE_WHEN]
            assert strings.BUTTON_WHERE_WHEN.lower() not in {w.lower() for w in _forbidden()}
