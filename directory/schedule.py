"""Meeting occurrences: weekly, every n weeks and monthly rhythms, DST-correct with zoneinfo."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import NamedTuple
from zoneinfo import ZoneInfo

from directory.models import Freq, MeetingBase
from directory.zones import zone_or_utc

DEFAULT_LENGTH = timedelta(minutes=60)
BYDAY_CODES: tuple[str, ...] = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_BYDAY = re.compile(r"^([+-]?[1-5])?(MO|TU|WE|TH|FR|SA|SU)$")


class Rhythm(NamedTuple):
    """The fields of a meeting that decide when it meets (a hashable key for the span cache)."""

    weekday: int
    start: time
    end: time | None
    freq: str
    interval: int
    byday: str | None
    anchor: date | None

    @classmethod
    def of(cls, meeting: MeetingBase) -> Rhythm:
        """The rhythm of a meeting (an ORM object or a read-only row)."""
        return cls(
            meeting.weekday,
            meeting.start,
            meeting.end,
            str(meeting.freq),
            meeting.interval,
            meeting.byday,
            meeting.anchor,
        )


class ScheduleError(ValueError):
    """A meeting's rhythm cannot be understood."""


def parse_byday(byday: str) -> list[tuple[int | None, int]]:
    """'1TU,-1FR' -> [(1, 1), (-1, 4)]: (nth of month or None, weekday Monday=0)."""
    parts: list[tuple[int | None, int]] = []
    for raw in byday.upper().replace(" ", "").split(","):
        match = _BYDAY.match(raw)
        if not match:
            raise ScheduleError(f"{raw!r} is not a day like TU, 1TU or -1FR")
        nth = int(match.group(1)) if match.group(1) else None
        parts.append((nth, BYDAY_CODES.index(match.group(2))))
    return parts


def check_rhythm(meeting: MeetingBase) -> None:
    """Raise ScheduleError when the rhythm fields do not fit together."""
    if meeting.freq == Freq.monthly:
        if not meeting.byday and meeting.anchor is None:
            raise ScheduleError("a monthly meeting needs byday (like 1TU) or an anchor date")
        if meeting.byday:
            for nth, weekday in parse_byday(meeting.byday):
                if nth is None:
                    raise ScheduleError("a monthly byday needs a week number, like 1TU or -1FR")
                if weekday != meeting.weekday:
                    raise ScheduleError("byday names a different weekday than the meeting's")
    elif meeting.interval > 1 and meeting.anchor is None:
        raise ScheduleError("a meeting every few weeks needs an anchor date it falls on")


def _nth_weekday(day: date) -> tuple[int, int]:
    """(n-th from the start, n-th from the end as a negative number) of a date's weekday."""
    first = (day.day - 1) // 7 + 1
    next_month = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    last = -(((next_month - day).days - 1) // 7 + 1)
    return first, last


def meets_on(meeting: MeetingBase | Rhythm, day: date) -> bool:
    """True when the meeting takes place on this local date."""
    if day.weekday() != meeting.weekday:
        return False
    anchor = meeting.anchor
    if meeting.freq == Freq.monthly:
        if meeting.byday:
            first, last = _nth_weekday(day)
            if not any(nth in (first, last) for nth, _ in parse_byday(meeting.byday)):
                return False
        elif anchor is not None and _nth_weekday(anchor)[0] != _nth_weekday(day)[0]:
            return False
        if meeting.interval > 1 and anchor is not None:
            months = (day.year - anchor.year) * 12 + day.month - anchor.month
            return months % meeting.interval == 0
        return True
    if meeting.interval > 1 and anchor is not None:
        anchor_week = anchor - timedelta(days=anchor.weekday())
        weeks = (day - timedelta(days=day.weekday()) - anchor_week).days // 7
        return weeks % meeting.interval == 0
    return True


def local_span(meeting: MeetingBase | Rhythm, day: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The aware start and end of the meeting on a local date (ends after midnight roll over)."""
    start = datetime.combine(day, meeting.start, tzinfo=tz)
    if meeting.end is None:
        end = start + DEFAULT_LENGTH
    else:
        end_day = day if meeting.end > meeting.start else day + timedelta(days=1)
        end = datetime.combine(end_day, meeting.end, tzinfo=tz)
    # normalise times that fall in a spring-forward gap (they do not exist on the wall clock)
    start = start.astimezone(ZoneInfo("UTC")).astimezone(tz)
    end = end.astimezone(ZoneInfo("UTC")).astimezone(tz)
    return start, end


def occurrences(
    meeting: MeetingBase, tz: ZoneInfo, *, after: datetime, days: int = 63
) -> Iterator[tuple[datetime, datetime]]:
    """Meetings starting after ``after``, for ``days`` days, as aware datetimes in ``tz``."""
    first = after.astimezone(tz).date() - timedelta(days=1)
    for start, end in _spans(Rhythm.of(meeting), tz, first, days):
        if start > after:
            yield start, end


@lru_cache(maxsize=16384)
def _spans(
    rhythm: Rhythm, tz: ZoneInfo, first: date, days: int
) -> tuple[tuple[datetime, datetime], ...]:
    """Every meeting of a rhythm from the local date ``first`` for ``days`` + 1 days.

    Kept per rhythm, zone and first day: a search scores dozens of groups and all their meetings,
    and most share a handful of rhythms; the key holds every field that decides the dates, so an
    edited meeting simply has a new key (and the old entry ages out).
    """
    offset = (rhythm.weekday - first.weekday()) % 7
    day = first + timedelta(days=offset)
    last = first + timedelta(days=days + 1)
    found = []
    while day <= last:
        if meets_on(rhythm, day):
            found.append(local_span(rhythm, day, tz))
        day += timedelta(days=7)
    return tuple(found)


def upcoming(
    meetings: Sequence[MeetingBase], tz_name: str, *, now: datetime, person_tz: str, count: int = 5
) -> list[tuple[datetime, datetime]]:
    """The next ``count`` meetings of a group that have not started, in the person's time zone."""
    group_tz, out_tz = zone(tz_name), zone(person_tz)
    spans = sorted(
        {span for m in meetings for span in occurrences(m, group_tz, after=now)},
        key=lambda s: s[0],
    )
    return [(s.astimezone(out_tz), e.astimezone(out_tz)) for s, e in spans[:count]]


def zone(name: str) -> ZoneInfo:
    """A ZoneInfo, or UTC when the name is unknown (never raises)."""
    return zone_or_utc(name)
