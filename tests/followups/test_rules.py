"""The pure time rules: quiet hours, reminder and follow-up times, daily cap, DST."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.followups import rules

NY = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")
QUIET = rules.QuietHours.parse("21:00-08:00")
BEFORE = timedelta(minutes=180)
AFTER = timedelta(minutes=120)


def at(y: int, mo: int, d: int, h: int, mi: int = 0, tz: ZoneInfo = NY) -> datetime:
    """A local wall time as an aware datetime."""
    return datetime(y, mo, d, h, mi, tzinfo=tz)


def loc(moment: datetime | None, tz: ZoneInfo = NY) -> str:
    """Local wall time of a moment."""
    assert moment is not None
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def test_quiet_window_wraps_past_midnight() -> None:
    assert QUIET.contains(time(21, 0))
    assert QUIET.contains(time(23, 59))
    assert QUIET.contains(time(0, 0))
    assert QUIET.contains(time(7, 59))
    assert not QUIET.contains(time(8, 0))
    assert not QUIET.contains(time(20, 59))


def test_quiet_window_within_one_day() -> None:
    siesta = rules.QuietHours.parse("13:00-15:00")
    assert siesta.contains(time(13, 0)) and siesta.contains(time(14, 59))
    assert not siesta.contains(time(15, 0)) and not siesta.contains(time(12, 59))


def test_quiet_end_after_evening_and_early_morning() -> None:
    evening = at(2026, 11, 23, 22, 30)
    morning = at(2026, 11, 24, 3, 0)
    assert loc(rules.quiet_end_after(evening, NY, QUIET)) == "2026-11-24 08:00"
    assert loc(rules.quiet_end_after(morning, NY, QUIET)) == "2026-11-24 08:00"
    noon = at(2026, 11, 24, 12, 0)
    assert rules.quiet_end_after(noon, NY, QUIET) == noon.astimezone(UTC)


def test_quiet_hours_are_in_the_persons_zone() -> None:
    moment = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)  # 21:00 in New York, 02:00 in London
    assert rules.is_quiet(moment, NY, QUIET)
    assert rules.is_quiet(moment, LONDON, QUIET)
    moment = datetime(2026, 11, 24, 14, 0, tzinfo=UTC)  # 09:00 New York, 14:00 London
    assert not rules.is_quiet(moment, NY, QUIET)
    moment = datetime(2026, 11, 24, 12, 30, tzinfo=UTC)  # 07:30 New York, 12:30 London
    assert rules.is_quiet(moment, NY, QUIET) and not rules.is_quiet(moment, LONDON, QUIET)


def test_reminder_is_offset_before_an_evening_meeting() -> None:
    now = at(2026, 11, 23, 10)
    due = rules.reminder_time(at(2026, 11, 24, 19), NY, before=BEFORE, quiet=QUIET, now=now)
    assert loc(due) == "2026-11-24 16:00"


def test_reminder_in_quiet_hours_moves_earlier_on_the_same_day() -> None:
    now = at(2026, 11, 23, 10)
    late = rules.QuietHours.parse("14:00-08:00")  # reminder 16:00 is quiet: move before 14:00
    due = rules.reminder_time(at(2026, 11, 24, 19), NY, before=BEFORE, quiet=late, now=now)
    assert loc(due) == "2026-11-24 13:50"


def test_reminder_for_a_morning_meeting_lands_at_the_end_of_quiet_hours() -> None:
    now = at(2026, 11, 23, 10)
    # 09:30 - 3 h = 06:30 (quiet); earlier would be the evening before, so 08:00 on the day.
    due = rules.reminder_time(at(2026, 11, 24, 9, 30), NY, before=BEFORE, quiet=QUIET, now=now)
    assert loc(due) == "2026-11-24 08:00"


def test_reminder_that_could_only_arrive_after_the_start_is_dropped() -> None:
    now = at(2026, 11, 23, 10)
    early = at(2026, 11, 24, 8, 15)  # 08:00 is less than 30 min before: not worth it
    assert rules.reminder_time(early, NY, before=BEFORE, quiet=QUIET, now=now) is None
    dawn = at(2026, 11, 24, 7, 0)  # starts inside quiet hours
    assert rules.reminder_time(dawn, NY, before=BEFORE, quiet=QUIET, now=now) is None


def test_reminder_already_past_when_planning_is_dropped() -> None:
    now = at(2026, 11, 24, 17)  # planning at 17:00 for 19:00: 16:00 has passed
    assert (
        rules.reminder_time(at(2026, 11, 24, 19), NY, before=BEFORE, quiet=QUIET, now=now) is None
    )


def test_followup_after_a_late_meeting_moves_to_the_morning() -> None:
    due = rules.followup_time(at(2026, 11, 24, 20), NY, after=AFTER, quiet=QUIET)
    assert loc(due) == "2026-11-25 08:00"
    due = rules.followup_time(at(2026, 11, 24, 13), NY, after=AFTER, quiet=QUIET)
    assert loc(due) == "2026-11-24 15:00"


def test_daily_cap_moves_the_followup_to_the_next_day() -> None:
    now = at(2026, 11, 23, 10)
    schedule = rules.plan_schedule(
        meeting_start=at(2026, 11, 24, 12),
        meeting_end=at(2026, 11, 24, 13),
        tz=NY,
        before=BEFORE,
        after=AFTER,
        quiet=QUIET,
        now=now,
    )
    assert loc(schedule.reminder) == "2026-11-24 09:00"
    assert loc(schedule.followup) == "2026-11-25 08:00"  # 15:00 would be a second message that day


def test_daily_cap_drops_a_reminder_on_a_day_already_taken() -> None:
    now = at(2026, 11, 23, 10)
    taken = {at(2026, 11, 24, 12).date()}
    schedule = rules.plan_schedule(
        meeting_start=at(2026, 11, 24, 19),
        meeting_end=at(2026, 11, 24, 20),
        tz=NY,
        before=BEFORE,
        after=AFTER,
        quiet=QUIET,
        now=now,
        taken_days=taken,
    )
    assert schedule.reminder is None
    assert loc(schedule.followup) == "2026-11-25 08:00"


def test_dst_end_meeting_at_19_local_keeps_its_local_times() -> None:
    # New York falls back on Sunday 2026-11-01 at 02:00. Plan made before, meeting after.
    now = at(2026, 10, 30, 12)
    start = at(2026, 11, 2, 19)
    schedule = rules.plan_schedule(
        meeting_start=start,
        meeting_end=at(2026, 11, 2, 20),
        tz=NY,
        before=BEFORE,
        after=AFTER,
        quiet=QUIET,
        now=now,
    )
    assert start.astimezone(UTC).hour == 0  # 19:00 EST is 00:00 UTC (it was 23:00 UTC in EDT)
    assert loc(schedule.reminder) == "2026-11-02 16:00"
    assert loc(schedule.followup) == "2026-11-03 08:00"
    assert schedule.followup.astimezone(UTC).hour == 13


def test_dst_change_keeps_nudge_at_the_same_local_time() -> None:
    sent = at(2026, 10, 30, 8, 0)  # EDT
    nudge = rules.nudge_time(sent, NY, quiet=QUIET)
    assert loc(nudge) == "2026-11-02 08:00"  # EST: 72 h + 1 h later in absolute time
    assert nudge - sent == timedelta(days=3, hours=1)


def test_dst_start_in_london_quiet_end_is_local() -> None:
    # London springs forward on Sunday 2027-03-28 at 01:00.
    moment = datetime(2027, 3, 27, 23, 0, tzinfo=UTC)  # 23:00 GMT, quiet
    end = rules.quiet_end_after(moment, LONDON, QUIET)
    assert loc(end, LONDON) == "2027-03-28 08:00"
    assert end == datetime(2027, 3, 28, 7, 0, tzinfo=UTC)  # BST


def test_unknown_zone_falls_back_to_the_default() -> None:
    assert rules.zone("Mars/Olympus", "Europe/London").key == "Europe/London"
    assert rules.zone(None, "America/New_York").key == "America/New_York"
