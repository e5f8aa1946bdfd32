"""The dispatcher with a fake clock: the whole sequence, stale items, quiet hours, the daily cap,
blocked bots, flood control, bounded network retries and the claim/crash rule."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session
from telegram.error import Forbidden, NetworkError, RetryAfter, TimedOut

from bot import strings
from bot.clock import FakeClock
from bot.db import session_scope
from bot.followups.dispatch import Dispatcher, backoff
from bot.followups.models import FollowUp, FollowUpKind, FollowUpState
from bot.followups.plans import cancel_pending
from bot.models import Person, PersonStatus
from bot.settings import Settings
from tests.followups.conftest import (
    NY,
    RecordingSend,
    add_person,
    events,
    get_plan,
    local,
    plan_meeting,
    rows,
)


def at(d: int, h: int, mi: int = 0, mo: int = 11) -> datetime:
    """A New York wall time in late 2026."""
    return datetime(2026, mo, d, h, mi, tzinfo=NY)


async def run_at(dispatcher: Dispatcher, clock: FakeClock, moment: datetime):
    """Move the clock and run the dispatcher once."""
    clock.set(moment)
    return await dispatcher.run_due()


async def test_a_week_of_follow_ups_in_a_second(
    engine: Engine, settings: Settings, clock: FakeClock, dispatcher: Dispatcher, sender
) -> None:
    pid = add_person(engine)
    plan_id = plan_meeting(
        engine, settings, person_id=pid, start=at(24, 19), end=at(24, 20), now=clock.now()
    )
    assert [(r.kind, local(r.due_at)) for r in rows(engine)] == [
        ("reminder", "2026-11-24 16:00"),
        ("followup", "2026-11-25 08:00"),
    ]
    report = await run_at(dispatcher, clock, at(24, 15, 59))
    assert sender.sent == [] and local(report.next_due) == "2026-11-24 16:00"
    await run_at(dispatcher, clock, at(24, 16))
    assert [m.text.splitlines()[0] for m in sender.sent] == [strings.REMINDER_PREVIEW]
    assert "19:00" in sender.sent[0].text
    report = await run_at(dispatcher, clock, at(25, 8))
    assert sender.sent[1].text.splitlines()[0] == strings.FOLLOWUP_PREVIEW
    assert [row[0][0] for row in sender.sent[1].keyboard] == [
        strings.BUTTON_WENT,
        strings.BUTTON_DID_NOT_GO,
        strings.BUTTON_NOT_FOR_ME,
    ]
    assert local(report.next_due) == "2026-11-28 08:00"  # the nudge, three days later
    await run_at(dispatcher, clock, at(28, 8))
    assert sender.sent[2].text.splitlines()[0] == strings.NUDGE_PREVIEW
    report = await run_at(dispatcher, clock, at(2, 8, mo=12))
    assert len(sender.sent) == 3  # the close step is silent
    assert report.next_due is None
    assert get_plan(engine, plan_id).outcome == "no_answer"
    assert [e.kind for e in events(engine)] == [
        "planned",
        "reminded",
        "followup_sent",
        "followup_sent",
        "no_answer",
    ]
    assert all(m.chat_id == 42 for m in sender.sent)


async def test_reminder_gone_stale_while_down_is_skipped(
    engine: Engine, settings: Settings, clock: FakeClock, dispatcher: Dispatcher, sender
) -> None:
    pid = add_person(engine)
    plan_meeting(engine, settings, person_id=pid, start=at(24, 19), end=at(24, 20), now=clock.now())
    report = await run_at(dispatcher, clock, at(24, 19, 5))  # down from 15:00 to 19:05
    assert sender.sent == []
    assert report.counts == {"stale": 1}
    reminder, followup = rows(engine)
    assert (reminder.state, reminder.error) == ("skipped", "stale")
    assert followup.state == "pending"
    assert events(engine, "reminded") == []


async def test_due_in_quiet_hours_after_downtime_waits_for_the_morning(
    engine: Engine, settings: Settings, clock: FakeClock, dispatcher: Dispatcher, sender
) -> None:
    pid = add_person(engine)
    # planned at 15:00 for 17:00: the reminder time (14:00) has passed, so only the follow-up
    plan_meeting(engine, settings, person_id=pid, start=at(24, 17), end=at(24, 18), now=at(24, 15))
    [followup] = rows(engine)
    assert local(followup.due_at) == "2026-11-24 20:00"
    report = await run_at(dispatcher, clock, at(24, 23, 30))  # came back up in quiet hours
    assert sender.sent == [] and report.counts == {"quiet": 1}
    assert local(report.next_due) == "2026-11-25 08:00"
    await run_at(dispatcher, clock, at(25, 8))
    assert len(sender.sent) == 1


async def test_daily_cap_across_plans_defers_to_the_next_morning(
    engine: Engine, settings: Settings, clock: FakeClock, dispatcher: Dispatcher, sender
) -> None:
    pid = add_person(engine)
    plan_id = plan_meeting(
        engine, settings, person_id=pid, start=at(24, 17), end=at(24, 18), now=at(24, 15)
    )
    with session_scope(engine) as session:  # another message already went out today
        session.add(
            FollowUp(
                person_id=pid,
                plan_id=plan_id,
                kind=FollowUpKind.reminder,
                due_at=at(24, 9),
                state=FollowUpState.sent,
                sent_at=at(24, 9),
            )
        )
    report = await run_at(dispatcher, clock, at(24, 20))
    assert sender.sent == [] and report.counts == {"daily_cap": 1}
    assert local(report.next_due) == "2026-11-25 08:00"
    await run_at(dispatcher, clock, at(25, 8))
    assert len(sender.sent) == 1


async def test_stop_cancels_everything_pending(
    engine: Engine, settings: Settings, clock: FakeClock, dispatcher: Dispatcher, sender
) -> None:
    pid = add_person(engine)
    plan_meeting(engine, settings, person_id=pid, start=at(24, 19), end=at(24, 20), now=clock.now())
    with session_scope(engine) as session:
        assert cancel_pending(session, person_id=pid) == 2
    report = await run_at(dispatcher, clock, at(30, 12))
    assert sender.calls == 0 and report.next_due is None


async def test_nothing_is_sent_to_a_person_who_is_not_active(
    engine: Engine, settings: Settings, clock: FakeClock, dispatcher: Dispatcher, sender
) -> None:
    pid = add_person(engine)
    plan_meeting(engine, settings, person_id=pid, start=at(24, 19), end=at(24, 20), now=clock.now())
    with session_scope(engine) as session:
        person = session.get(Person, pid)
        assert person is not None
        person.status = PersonStatus.stopped
    await run_at(dispatcher, clock, at(24, 16))
    assert sender.calls == 0
    assert rows(engine)[0].state == "cancelled"


async def test_blocked_bot_cancels_follow_ups_and_marks_the_person_blocked(
    engine: Engine, settings: Settings, clock: FakeClock, dispatcher: Dispatcher, sender
) -> None:
    pid = add_person(engine)
    plan_meeting(engine, settings, person_id=pid, start=at(24, 19), end=at(24, 20), now=clock.now())
    sender.errors = [Forbidden("Forbidden: bot was blocked by the user")]
    report = await run_at(dispatcher, clock, at(24, 16))
    assert report.counts == {"blocked": 1}
    assert [(r.state, r.error) for r in rows(engine)] == [
        ("cancelled", "blocked"),
        ("cancelled", "stopped"),
    ]
    with Session(engine) as session:
        person = session.get(Person, pid)
        assert person is not None and person.status == PersonStatus.blocked
    report = await run_at(dispatcher, clock, at(30, 12))
    assert sender.calls == 1 and report.next_due is None


async def test_flood_control_waits_as_told(
    engine: Engine, settings: Settings, clock: FakeClock, sender: RecordingSend
) -> None:
    dispatcher = Dispatcher(engine, settings=settings, clock=clock, send=sender, concurrency=1)
    for chat in (1, 2):
        pid = add_person(engine, chat_id=chat)
        plan_meeting(
            engine, settings, person_id=pid, start=at(24, 19), end=at(24, 20), now=clock.now()
        )
    sender.errors = [RetryAfter(40)]
    report = await run_at(dispatcher, clock, at(24, 16))
    assert report.counts == {"flood": 1, "released": 1}
    assert report.paused_until == at(24, 16, 0) + timedelta(seconds=40)
    assert report.next_due == report.paused_until
    report = await run_at(dispatcher, clock, at(24, 16) + timedelta(seconds=39))
    assert sender.calls == 1 and report.counts == {}  # still paused: nothing tried
    await run_at(dispatcher, clock, at(24, 16) + timedelta(seconds=40))
    assert sorted(m.chat_id for m in sender.sent) == [1, 2]
    assert sender.calls == 3
    assert [r.attempts for r in rows(engine) if r.kind == "reminder"] == [1, 1]


async def test_network_errors_retry_with_growing_backoff_then_give_up(
    engine: Engine, settings: Settings, clock: FakeClock, dispatcher: Dispatcher, sender
) -> None:
    pid = add_person(engine)
    plan_meeting(engine, settings, person_id=pid, start=at(24, 19), end=at(24, 20), now=clock.now())
    sender.errors = [NetworkError("connection reset")] * 4 + [TimedOut()]
    moment = at(24, 16)
    waits = []
    for _ in range(5):
        report = await run_at(dispatcher, clock, moment)
        if report.next_due is None or rows(engine)[0].state != "pending":
            break
        waits.append(report.next_due - moment)
        moment = report.next_due
    assert waits == [backoff(1), backoff(2), backoff(3), backoff(4)]
    assert waits == sorted(waits) and waits[0] == timedelta(seconds=30)
    reminder = rows(engine)[0]
    assert (reminder.state, reminder.error, reminder.attempts) == ("failed", "network", 5)
    assert sender.calls == 5 and sender.sent == []
    assert rows(engine)[1].state == "pending"  # the follow-up is a different message: still due


async def test_network_error_then_success_sends_once(
    engine: Engine, settings: Settings, clock: FakeClock, dispatcher: Dispatcher, sender
) -> None:
    pid = add_person(engine)
    plan_meeting(engine, settings, person_id=pid, start=at(24, 19), end=at(24, 20), now=clock.now())
    sender.errors = [NetworkError("boom")]
    report = await run_at(dispatcher, clock, at(24, 16))
    await run_at(dispatcher, clock, report.next_due)
    assert len(sender.sent) == 1 and len(events(engine, "reminded")) == 1


async def test_crash_after_claim_is_released_after_the_lease_and_sent_once(
    engine: Engine, settings: Settings, clock: FakeClock, sender: RecordingSend
) -> None:
    pid = add_person(engine)
    plan_meeting(engine, settings, person_id=pid, start=at(24, 19), end=at(24, 20), now=clock.now())
    clock.set(at(24, 16))
    crashed = Dispatcher(engine, settings=settings, clock=clock, send=sender)
    _token, ids = crashed.claim(now=clock.now(), limit=10)  # ... and the process dies here
    assert len(ids) == 1
    fresh = Dispatcher(engine, settings=settings, clock=clock, send=sender)
    report = await run_at(fresh, clock, at(24, 16, 1))
    assert sender.sent == []  # the claim is still within its lease
    assert local(report.next_due) == "2026-11-24 16:05"
    await run_at(fresh, clock, report.next_due)
    assert len(sender.sent) == 1
    await run_at(fresh, clock, at(24, 18))
    assert len(sender.sent) == 1 and rows(engine)[0].state == "sent"


async def test_crash_while_sending_is_uncertain_and_never_sent_again(
    engine: Engine, settings: Settings, clock: FakeClock, sender: RecordingSend
) -> None:
    pid = add_person(engine)
    plan_meeting(engine, settings, person_id=pid, start=at(24, 19), end=at(24, 20), now=clock.now())
    clock.set(at(25, 8))
    crashed = Dispatcher(engine, settings=settings, clock=clock, send=sender)
    token, ids = crashed.claim(now=clock.now(), limit=10)
    followup_id = next(r.id for r in rows(engine) if r.kind == "followup")
    assert followup_id in ids
    outcome, message = crashed.prepare(followup_id, token, now=clock.now())
    assert outcome == "send" and message is not None  # ... the request left, then a crash
    fresh = Dispatcher(engine, settings=settings, clock=clock, send=sender)
    await run_at(fresh, clock, at(25, 8, 10))
    states = {r.kind: r.state for r in rows(engine)}
    assert states["followup"] == "uncertain"
    assert states["nudge"] == "pending"  # the sequence goes on as if it was sent
    assert all(m.text.splitlines()[0] != strings.FOLLOWUP_PREVIEW for m in sender.sent)
    assert [e.detail for e in events(engine, "followup_sent")] == ["uncertain"]


async def test_overdue_follow_up_beyond_a_week_is_skipped(
    engine: Engine, settings: Settings, clock: FakeClock, dispatcher: Dispatcher, sender
) -> None:
    pid = add_person(engine)
    plan_meeting(engine, settings, person_id=pid, start=at(24, 19), end=at(24, 20), now=clock.now())
    await run_at(dispatcher, clock, at(3, 12, mo=12))  # down for over a week
    assert sender.sent == []
    assert [(r.kind, r.error) for r in rows(engine)] == [
        ("reminder", "stale"),
        ("followup", "stale"),
    ]


async def test_claim_takes_at_most_the_limit_and_only_once(
    engine: Engine, settings: Settings, clock: FakeClock, dispatcher: Dispatcher
) -> None:
    for chat in (1, 2, 3):
        pid = add_person(engine, chat_id=chat)
        plan_meeting(
            engine, settings, person_id=pid, start=at(24, 19), end=at(24, 20), now=clock.now()
        )
    moment = at(24, 16)
    first = dispatcher.claim(now=moment, limit=2)[1]
    second = dispatcher.claim(now=moment, limit=2)[1]
    third = dispatcher.claim(now=moment, limit=2)[1]
    assert len(first) == 2 and len(second) == 1 and third == []
    assert set(first).isdisjoint(second)
