"""Meeting rhythms and DST: weekly, every other week, monthly, the gap and the repeated hour."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from directory.models import MeetingCreate
from directory.schedule import ScheduleError, check_rhythm, occurrences, parse_byday, upcoming

NY = ZoneInfo("America/New_York")


def starts(meeting: MeetingCreate, after: datetime, days: int = 40) -> list[datetime]:
    return [s for s, _ in occurrences(meeting, NY, after=after, days=days)]


def test_a_meeting_in_the_spring_forward_gap_moves_to_the_real_clock_time() -> None:
    meeting = MeetingCreate(weekday=6, start=time(2, 30), end=time(3, 30))  # Sundays 02:30
    first = starts(meeting, datetime(2026, 3, 7, tzinfo=UTC))[0]
    assert first.date() == date(2026, 3, 8)
    assert (first.hour, first.minute, first.utcoffset()) == (3, 30, timedelta(hours=-4))


def test_a_meeting_in_the_repeated_hour_takes_the_first_one() -> None:
    meeting = MeetingCreate(weekday=6, start=time(1, 30), end=time(2, 30))
    first = starts(meeting, datetime(2026, 10, 31, tzinfo=UTC))[0]
    assert first.date() == date(2026, 11, 1) and first.utcoffset() == timedelta(hours=-4)


def test_a_meeting_past_midnight_ends_the_next_day() -> None:
    meeting = MeetingCreate(weekday=4, start=time(23, 30), end=time(0, 30))
    start, end = next(occurrences(meeting, NY, after=datetime(2026, 6, 1, tzinfo=UTC)))
    assert end - start == timedelta(hours=1) and end.date() == start.date() + timedelta(days=1)


def test_every_other_week_follows_its_anchor() -> None:
    meeting = MeetingCreate(weekday=2, start=time(18), interval=2, anchor=date(2026, 1, 7))
    got = [s.date() for s in starts(meeting, datetime(2026, 6, 1, tzinfo=UTC), days=35)]
    assert got == [date(2026, 6, 10), date(2026, 6, 24)]  # 22 and 24 weeks after the anchor


def test_monthly_first_and_third_and_last() -> None:
    first_third = MeetingCreate(weekday=1, start=time(19), freq="monthly", byday="1TU,3TU")
    got = [s.date() for s in starts(first_third, datetime(2026, 6, 1, tzinfo=UTC), days=45)]
    assert got == [date(2026, 6, 2), date(2026, 6, 16), date(2026, 7, 7)]
    last = MeetingCreate(weekday=4, start=time(19), freq="monthly", byday="-1FR")
    got = [s.date() for s in starts(last, datetime(2026, 7, 1, tzinfo=UTC), days=70)]
    assert got == [date(2026, 7, 31), date(2026, 8, 28)]


def test_upcoming_merges_meetings_and_converts_to_the_persons_zone() -> None:
    meetings = [
        MeetingCreate(weekday=0, start=time(19), end=time(20)),
        MeetingCreate(weekday=3, start=time(7), end=time(8)),
    ]
    spans = upcoming(
        meetings, "America/New_York", now=datetime(2026, 6, 1, 12, tzinfo=UTC),
        person_tz="Australia/Sydney", count=3,
    )  # fmt: skip
    sydney = ZoneInfo("Australia/Sydney")
    assert [s for s, _ in spans] == [
        datetime(2026, 6, 2, 9, 0, tzinfo=sydney),
        datetime(2026, 6, 4, 21, 0, tzinfo=sydney),
        datetime(2026, 6, 9, 9, 0, tzinfo=sydney),
    ]


@pytest.mark.parametrize(
    ("meeting", "words"),
    [
        (MeetingCreate(weekday=1, start=time(19), freq="monthly"), "needs byday"),
        (MeetingCreate(weekday=1, start=time(19), freq="monthly", byday="TU"), "week number"),
        (MeetingCreate(weekday=1, start=time(19), freq="monthly", byday="9TU"), "not a day"),
        (MeetingCreate(weekday=1, start=time(19), interval=3), "anchor date"),
    ],
)
def test_rhythms_that_do_not_fit_together_are_refused(meeting: MeetingCreate, words: str) -> None:
    with pytest.raises(ScheduleError) as caught:
        check_rhythm(meeting)
    assert words in str(caught.value)


def test_parse_byday() -> None:
    assert parse_byday("1tu, -1FR") == [(1, 1), (-1, 4)]
    assert parse_byday("SU") == [(None, 6)]


def test_an_edited_meeting_gets_its_new_dates_at_once() -> None:
    meeting = MeetingCreate(weekday=1, start=time(19), end=time(20))
    after = datetime(2026, 6, 1, tzinfo=UTC)
    assert starts(meeting, after)[0].hour == 19
    meeting.start, meeting.end, meeting.weekday = time(18), time(19), 3
    moved = starts(meeting, after)[0]
    assert (moved.weekday(), moved.hour) == (3, 18)
    meeting.interval, meeting.anchor = 2, moved.date()
    assert [s.date() for s in starts(meeting, after)][:2] == [
        moved.date(),
        moved.date() + timedelta(days=14),
    ]


def test_a_meeting_that_has_started_is_not_offered_later_the_same_day() -> None:
    meeting = MeetingCreate(weekday=0, start=time(12), end=time(13))  # Mondays noon, New York
    monday = datetime(2026, 6, 1, 15, 59, tzinfo=UTC)  # 11:59 in New York
    assert starts(meeting, monday)[0].date() == date(2026, 6, 1)
    later = starts(meeting, monday + timedelta(minutes=2))  # 12:01: it has begun
    assert later[0].date() == date(2026, 6, 8)
