"""Pure time rules for follow-ups: quiet hours, reminder and follow-up times, the daily cap, DST.

Every function takes aware datetimes and returns aware UTC datetimes; local wall-clock reasoning
goes through `zoneinfo`, so a 19:00 meeting stays at 19:00 local across a DST change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from directory.zones import UTC_ZONE, load_zone

QUIET_MARGIN = timedelta(minutes=10)  # a reminder moved earlier lands this long before quiet hours
MIN_REMINDER_LEAD = timedelta(minutes=30)  # a reminder later than start - this is not worth it
NUDGE_AFTER_DAYS = 3  # the one gentle nudge comes this many local days after "How did it go?"
CLOSE_AFTER_DAYS = 4  # after the nudge, silence; no_answer is recorded this many days later
STALE_AFTER = timedelta(days=7)  # a follow-up or nudge this overdue (bot was down) is skipped


@dataclass(frozen=True)
class QuietHours:
    """A daily window [start, end) in local time when the bot sends nothing; may wrap midnight."""

    start: time
    end: time

    @classmethod
    def parse(cls, text: str) -> QuietHours:
        """Parse "21:00-08:00" (already validated by Settings)."""
        first, second = text.strip().split("-")
        return cls(time.fromisoformat(first), time.fromisoformat(second))

    def contains(self, local: time) -> bool:
        """Whether a local wall-clock time falls in the quiet window."""
        if self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end


def zone(name: str | None, default: str = "UTC") -> ZoneInfo:
    """A ZoneInfo for a name, falling back to the default for a missing or unknown name."""
    return load_zone(name) or load_zone(default) or UTC_ZONE


def _at(day: date, clock_time: time, tz: ZoneInfo) -> datetime:
    """The UTC instant of a local wall-clock time on a local day (gaps resolve forward)."""
    local = datetime.combine(day, clock_time, tzinfo=tz)
    return local.astimezone(UTC)


def is_quiet(moment: datetime, tz: ZoneInfo, quiet: QuietHours) -> bool:
    """Whether an instant falls in the person's quiet hours."""
    return quiet.contains(moment.astimezone(tz).time())


def quiet_end_after(moment: datetime, tz: ZoneInfo, quiet: QuietHours) -> datetime:
    """The first allowed instant at or after `moment` (itself, when it is not quiet)."""
    if not is_quiet(moment, tz, quiet):
        return moment.astimezone(UTC)
    local = moment.astimezone(tz)
    day = local.date()
    if quiet.start > quiet.end and local.time() >= quiet.start:
        day += timedelta(days=1)  # evening part of a window that wraps past midnight
    return _at(day, quiet.end, tz)


def quiet_start_before(moment: datetime, tz: ZoneInfo, quiet: QuietHours) -> datetime:
    """The instant the quiet window containing `moment` began (moment must be quiet)."""
    local = moment.astimezone(tz)
    day = local.date()
    if quiet.start > quiet.end and local.time() < quiet.end:
        day -= timedelta(days=1)  # morning part of a window that began the evening before
    return _at(day, quiet.start, tz)


def local_day(moment: datetime, tz: ZoneInfo) -> date:
    """The person's local calendar day of an instant."""
    return moment.astimezone(tz).date()


def next_day_start(moment: datetime, tz: ZoneInfo, quiet: QuietHours) -> datetime:
    """The first allowed instant of the local day after `moment`'s local day."""
    tomorrow = local_day(moment, tz) + timedelta(days=1)
    return quiet_end_after(_at(tomorrow, time(0, 0), tz), tz, quiet)


def reminder_time(
    meeting_start: datetime,
    tz: ZoneInfo,
    *,
    before: timedelta,
    quiet: QuietHours,
    now: datetime,
) -> datetime | None:
    """When to remind, or None when a reminder could only come too late.

    Wanted: `before` ahead of the start. In quiet hours it moves earlier, to just before the quiet
    window began, if that is still the meeting's local day; otherwise to the end of the quiet
    window if that is at least MIN_REMINDER_LEAD before the start. Dropped when neither works or
    when the time has already passed (the person has just been talking about the plan).
    """
    start = meeting_start.astimezone(UTC)
    due = start - before
    if is_quiet(due, tz, quiet):
        earlier = quiet_start_before(due, tz, quiet) - QUIET_MARGIN
        later = quiet_end_after(due, tz, quiet)
        if local_day(earlier, tz) == local_day(start, tz) and not is_quiet(earlier, tz, quiet):
            due = earlier
        elif later <= start - MIN_REMINDER_LEAD:
            due = later
        else:
            return None
    if due <= now or due >= start:
        return None
    return due


def followup_time(
    meeting_end: datetime, tz: ZoneInfo, *, after: timedelta, quiet: QuietHours
) -> datetime:
    """When to ask "How did it go?": `after` past the end, moved later out of quiet hours."""
    return quiet_end_after(meeting_end.astimezone(UTC) + after, tz, quiet)


def nudge_time(sent_at: datetime, tz: ZoneInfo, *, quiet: QuietHours) -> datetime:
    """The one gentle nudge: same local wall time NUDGE_AFTER_DAYS later, out of quiet hours."""
    local = sent_at.astimezone(tz)
    later = _at(local.date() + timedelta(days=NUDGE_AFTER_DAYS), local.time(), tz)
    return quiet_end_after(later, tz, quiet)


def close_time(sent_at: datetime, tz: ZoneInfo) -> datetime:
    """When an unanswered nudge is closed as no_answer (silent, so quiet hours do not matter)."""
    local = sent_at.astimezone(tz)
    return _at(local.date() + timedelta(days=CLOSE_AFTER_DAYS), local.time(), tz)


def apply_daily_cap(
    due: datetime, tz: ZoneInfo, *, quiet: QuietHours, taken_days: set[date]
) -> datetime:
    """Move a due time to the first allowed instant of a local day with no scheduler message."""
    while local_day(due, tz) in taken_days:
        due = next_day_start(due, tz, quiet)
    return due


@dataclass(frozen=True)
class Schedule:
    """The rows to create for a new plan (reminder None when it was dropped)."""

    reminder: datetime | None
    followup: datetime


def plan_schedule(
    *,
    meeting_start: datetime,
    meeting_end: datetime,
    tz: ZoneInfo,
    before: timedelta,
    after: timedelta,
    quiet: QuietHours,
    now: datetime,
    taken_days: set[date] | None = None,
) -> Schedule:
    """The reminder and the follow-up for a plan, with quiet hours and the daily cap applied."""
    taken = set(taken_days or ())
    reminder = reminder_time(meeting_start, tz, before=before, quiet=quiet, now=now)
    if reminder is not None and local_day(reminder, tz) in taken:
        reminder = None  # the person already hears from us that day; the plan itself is fresh
    if reminder is not None:
        taken.add(local_day(reminder, tz))
    followup = followup_time(meeting_end, tz, after=after, quiet=quiet)
    followup = apply_daily_cap(followup, tz, quiet=quiet, taken_days=taken)
    return Schedule(reminder=reminder, followup=followup)
