"""The group form: every kind of bad answer gets a clear reason; good answers fill the draft."""

from __future__ import annotations

from datetime import time

import pytest

from bot.staff.group_form import (
    FellowshipChoice,
    FieldError,
    GroupDraft,
    next_field,
    parse_form,
    parse_time,
    problems,
    set_field,
    summary,
    to_create,
)
from directory.models import GroupFormat

FELLOWSHIPS = [
    FellowshipChoice(1, "Alcoholics Anonymous", "AA"),
    FellowshipChoice(2, "SMART", "SMART"),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("19:30", time(19, 30)), ("7:30 pm", time(19, 30)), ("7.05am", time(7, 5)), ("19", time(19))],
)
def test_times_people_type(text: str, expected: time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize(
    ("field", "text", "reason"),
    [
        ("start", "19:70", "19:70 is not a time; try 19:30"),
        ("start", "25:00", "25:00 is not a time; try 19:30"),
        ("start", "13:00 pm", "13:00 pm is not a time; try 7:30 pm or 19:30"),
        ("start", "soon", "soon is not a time; try 19:30"),
        ("name", "AA", "a name needs 3 to 200 characters"),
        ("name", "  ", "name cannot be empty"),
        ("fellowship", "XA", "'XA' is not a fellowship in the directory; known: AA, SMART"),
        ("format", "by post", "'by post' is not a format; say in person, online or hybrid"),
        ("weekday", "someday", "'someday' is not a day of the week; try Tuesday or tue"),
        ("audience", "women, cats", "'cats' is not an audience; use anyone, or some of: women"),
        ("timezone", "Mars/Olympus", "'Mars/Olympus' is not a time zone; try one like Europe/"),
        ("timezone", "EST", "'EST' is too vague for meeting times"),
        ("url", "zoom me", "'zoom me' is not a link; send one that starts with https://"),
        ("phone", "call me", "'call me' is not a phone number"),
        ("place", "Xyzzyville", "I can't find 'Xyzzyville'; try a town or city"),
    ],
)
def test_every_kind_of_bad_answer_says_why(field: str, text: str, reason: str) -> None:
    draft = GroupDraft(name="Before")
    with pytest.raises(FieldError) as error:
        set_field(draft, field, text, fellowships=FELLOWSHIPS)
    assert str(error.value).startswith(reason)
    assert field not in draft.answered and draft.name == "Before"


def test_an_end_equal_to_the_start_is_refused() -> None:
    draft = GroupDraft(start=time(19, 30))
    with pytest.raises(FieldError, match="19:30 is when it starts"):
        set_field(draft, "end", "19:30", fellowships=FELLOWSHIPS)
    set_field(draft, "end", "skip", fellowships=FELLOWSHIPS)
    assert draft.end is None and "end" in draft.answered


def test_guided_order_skips_what_does_not_apply() -> None:
    draft = GroupDraft()
    asked = []
    answers = {
        "name": "Tuesday Hope",
        "fellowship": "aa",
        "format": "online",
        "url": "https://zoom.example/j/1",
        "timezone": "Europe/London",
        "weekday": "tue",
        "start": "19:30",
        "end": "20:30",
        "audience": "women",
    }
    while (name := next_field(draft)) is not None:
        asked.append(name)
        set_field(draft, name, answers[name], fellowships=FELLOWSHIPS)
    assert asked == list(answers)
    assert problems(draft) == []
    group, meeting = to_create(draft)
    assert group.format == GroupFormat.online and group.city is None
    assert group.conference_url == "https://zoom.example/j/1" and group.audience == ["women"]
    assert (meeting.weekday, meeting.start, meeting.end) == (1, time(19, 30), time(20, 30))


def test_in_person_gets_place_and_time_zone_from_the_town() -> None:
    draft, errors = parse_form(
        "name: Leeds Lunchtime\nfellowship: AA\nformat: in person\ncity: Leeds, UK\n"
        "address: 1 Park Row\nday: Friday\ntime: 12:30",
        fellowships=FELLOWSHIPS,
    )
    assert errors == [] and problems(draft) == []
    group, meeting = to_create(draft)
    assert (group.city, group.country, group.timezone) == ("Leeds", "GB", "Europe/London")
    assert group.latitude and group.street == "1 Park Row" and meeting.weekday == 4
    assert "place: Leeds" in summary(draft) and "audience: anyone" in summary(draft)


def test_the_form_reports_every_bad_line_with_its_number() -> None:
    draft, errors = parse_form(
        "/addgroup\nname: Good Name\ncolour: blue\nstart: 19:70\njust words\nformat: online",
        fellowships=FELLOWSHIPS,
    )
    assert errors == [
        "line 3: 'colour' is not a field; the fields are: name, fellowship, format, place, "
        "street, url, phone, timezone, weekday, start, end, audience",
        "line 4: 19:70 is not a time; try 19:30",
        "line 5: 'just words' needs the form field: value",
    ]
    assert problems(draft) == [
        "fellowship is missing",
        "timezone is missing",
        "weekday is missing",
        "start is missing",
        "a group that meets online needs a url or a phone",
    ]
    with pytest.raises(FieldError):
        to_create(draft)


def test_editing_a_copy_leaves_the_original() -> None:
    base, _ = parse_form("name: First Name\nstart: 19:00", fellowships=FELLOWSHIPS)
    edited, errors = parse_form("start: 20:00", fellowships=FELLOWSHIPS, base=base)
    assert errors == [] and edited.start == time(20) and base.start == time(19)
