"""A calendar file (.ics) for a planned meeting, made with the icalendar library."""

from __future__ import annotations

from datetime import datetime

from icalendar import Calendar
from icalendar import Event as CalendarEvent

from bot import strings


def meeting_ics(
    *,
    uid: str,
    group_name: str,
    start: datetime,
    end: datetime,
    place: str | None,
    join_url: str | None,
    now: datetime,
) -> bytes:
    """One VEVENT for the meeting; the title is neutral, the group's name is in the description."""
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("meeting times must be aware datetimes")
    calendar = Calendar()
    calendar.add("prodid", "-//firststep//meeting//EN")
    calendar.add("version", "2.0")
    event = CalendarEvent()
    event.add("uid", uid)
    event.add("dtstamp", now)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", strings.ICS_SUMMARY)
    event.add("description", group_name if not join_url else f"{group_name}\n{join_url}")
    if place:
        event.add("location", place)
    if join_url:
        event.add("url", join_url)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
