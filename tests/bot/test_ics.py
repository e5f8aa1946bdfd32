"""The calendar file: one event at the planned time, in the person's time zone, neutral title."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from bot import strings
from bot.ics import meeting_ics

TZ = ZoneInfo("Europe/London")
START = datetime(2026, 12, 1, 19, 0, tzinfo=TZ)
END = datetime(2026, 12, 1, 20, 30, tzinfo=TZ)


def test_event_at_the_meeting_time_with_place() -> None:
    data = meeting_ics(
        uid="7-1@firststep", group_name="Tuesday Group", start=START, end=END,
        place="Hall, 1 High St", join_url=None, now=datetime(2026, 11, 26, tzinfo=UTC),
    )  # fmt: skip
    calendar = Calendar.from_ical(data)
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == START and event.decoded("dtend") == END
    assert str(event["summary"]) == strings.ICS_SUMMARY
    assert (
        "Tuesday Group" in str(event["description"]) and str(event["location"]) == "Hall, 1 High St"
    )
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]


def test_online_meeting_has_its_link() -> None:
    data = meeting_ics(
        uid="x", group_name="G", start=START, end=END, place=None,
        join_url="https://example.org/join", now=datetime(2026, 11, 26, tzinfo=UTC),
    )  # fmt: skip
    (event,) = Calendar.from_ical(data).walk("VEVENT")
    assert str(event["url"]) == "https://example.org/join" and "location" not in event


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        meeting_ics(
            uid="x", group_name="G", start=START.replace(tzinfo=None), end=END, place=None,
            join_url=None, now=datetime(2026, 11, 26, tzinfo=UTC),
        )  # fmt: skip
