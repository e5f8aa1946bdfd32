"""Properties of the time rules over many zones, dates (DST days included) and quiet windows."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.followups import rules

ZONES = ["America/New_York", "Europe/London", "Australia/Sydney", "Asia/Kolkata", "UTC",
         "America/St_Johns", "Pacific/Auckland"]  # fmt: skip
QUIETS = ["21:00-08:00", "22:30-07:15", "13:00-15:00", "00:00-06:00", "20:00-09:00"]


@st.composite
def meetings(draw: st.DrawFn) -> tuple[ZoneInfo, datetime, datetime, rules.QuietHours, datetime]:
    """A zone, a local meeting start and end, quiet hours and a planning moment before it."""
    tz = ZoneInfo(draw(st.sampled_from(ZONES)))
    day = datetime(2026, 1, 1) + timedelta(days=draw(st.integers(0, 729)))
    start_local = day.replace(hour=draw(st.integers(0, 23)), minute=draw(st.sampled_from([0, 30])))
    start = start_local.replace(tzinfo=tz).astimezone(UTC)
    end = start + timedelta(minutes=draw(st.sampled_from([60, 90, 120])))
    quiet = rules.QuietHours.parse(draw(st.sampled_from(QUIETS)))
    now = start - timedelta(hours=draw(st.integers(1, 24 * 6)))
    return tz, start, end, quiet, now


@settings(max_examples=400, deadline=None)
@given(meetings(), st.sampled_from([30, 120, 180, 600]), st.sampled_from([0, 15, 120]))
def test_schedule_respects_quiet_hours_the_start_and_the_daily_cap(
    meeting: tuple[ZoneInfo, datetime, datetime, rules.QuietHours, datetime],
    before: int,
    after: int,
) -> None:
    tz, start, end, quiet, now = meeting
    schedule = rules.plan_schedule(
        meeting_start=start, meeting_end=end, tz=tz, before=timedelta(minutes=before),
        after=timedelta(minutes=after), quiet=quiet, now=now,
    )  # fmt: skip
    follow = schedule.followup
    assert follow >= end + timedelta(minutes=after)
    assert not rules.is_quiet(follow, tz, quiet)
    reminder = schedule.reminder
    if reminder is not None:
        assert now < reminder < start
        assert not rules.is_quiet(reminder, tz, quiet)
        assert reminder <= start - min(timedelta(minutes=before), rules.MIN_REMINDER_LEAD)
        assert rules.local_day(reminder, tz) != rules.local_day(follow, tz)
        moved = reminder != start - timedelta(minutes=before)
        if moved:  # only ever moved because the wanted time was quiet
            assert rules.is_quiet(start - timedelta(minutes=before), tz, quiet)
    else:
        wanted = start - timedelta(minutes=before)
        assert wanted <= now or rules.is_quiet(wanted, tz, quiet)


@settings(max_examples=200, deadline=None)
@given(meetings())
def test_nudge_keeps_the_local_wall_time_or_waits_for_the_morning(
    meeting: tuple[ZoneInfo, datetime, datetime, rules.QuietHours, datetime],
) -> None:
    tz, start, _end, quiet, _now = meeting
    sent = rules.quiet_end_after(start, tz, quiet)
    nudge = rules.nudge_time(sent, tz, quiet=quiet)
    local_sent, local_nudge = sent.astimezone(tz), nudge.astimezone(tz)
    assert (local_nudge.date() - local_sent.date()).days == rules.NUDGE_AFTER_DAYS
    assert not rules.is_quiet(nudge, tz, quiet)
    gap_free = local_nudge.replace(tzinfo=None).time() == local_sent.replace(tzinfo=None).time()
    assert gap_free or local_nudge.time() == quiet.end or local_nudge.time() > local_sent.time()


def test_quiet_hours_with_equal_ends_mean_none() -> None:
    assert not rules.QuietHours(time(0, 0), time(0, 0)).contains(time(3, 0))
