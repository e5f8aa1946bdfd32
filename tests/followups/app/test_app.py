"""The follow-ups inside the real Application (build_application, real Updates, the JobQueue):
the scheduler job sends, and the "How did it go?" buttons lead where the referral method says."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot import strings
from bot.clock import FakeClock
from bot.db import session_scope
from bot.followups.models import FollowUp, Plan
from bot.followups.plans import record_plan
from bot.followups.scheduler import service
from bot.models import Event, Person
from bot.settings import Settings
from directory.match import upcoming_meetings

TZ = "America/Detroit"


def plan_next_meeting(engine: Engine, settings: Settings, clock: FakeClock, group_id: int) -> int:
    """A person (chat 4242) and a plan for the group's next meeting, through record_plan."""
    with session_scope(engine) as session:
        person = Person(telegram_chat_id=4242, timezone=TZ)
        session.add(person)
        session.flush()
        start, end = upcoming_meetings(session, group_id, now=clock.now(), tz=TZ, count=1)[0]
        plan = record_plan(
            session, person_id=person.id or 0, group_id=group_id, meeting_start=start,
            meeting_end=end, timezone=TZ, settings=settings, now=clock.now(),
        )  # fmt: skip
        return plan.id or 0


async def fire(application: Any, clock: FakeClock, moment: datetime) -> None:
    """Move the clock and let the real JobQueue job run the dispatcher once."""
    clock.set(moment)
    svc = service(application)
    svc.ran.clear()
    svc.arm(clock.now())
    await asyncio.wait_for(svc.ran.wait(), 10)


def due_times(engine: Engine) -> dict[str, datetime]:
    """Pending rows' due times by kind."""
    with Session(engine) as session:
        rows = session.exec(select(FollowUp).where(FollowUp.state == "pending")).all()
    return {r.kind: r.due_at for r in rows}


def event_kinds(engine: Engine) -> list[tuple[str, str | None]]:
    """Recorded events (kind, detail)."""
    with Session(engine) as session:
        return [(e.kind, e.detail) for e in session.exec(select(Event).order_by(Event.id)).all()]


async def reach_how_did_it_go(bot: Any, engine: Engine, settings: Settings, clock: FakeClock,
                              group_id: int) -> None:  # fmt: skip
    """Plan, then let the reminder and the "How did it go?" go out through the job."""
    plan_next_meeting(engine, settings, clock, group_id)
    due = due_times(engine)
    await fire(bot.application, clock, due["reminder"])
    assert bot.api.sent[-1].text.splitlines()[0] == strings.REMINDER_PREVIEW
    await fire(bot.application, clock, due["followup"])
    asked = bot.api.sent[-1]
    assert asked.chat_id == 4242 and asked.text.splitlines()[0] == strings.FOLLOWUP_PREVIEW
    assert asked.labels == [
        strings.BUTTON_WENT,
        strings.BUTTON_DID_NOT_GO,
        strings.BUTTON_NOT_FOR_ME,
    ]


async def test_did_not_make_it_asks_why_then_offers_contact_and_the_next_meeting(
    bot: Any, engine: Engine, settings: Settings, clock: FakeClock, contact_group_id: int
) -> None:
    await reach_how_did_it_go(bot, engine, settings, clock, contact_group_id)
    (why,) = await bot.chat.press(strings.BUTTON_DID_NOT_GO)
    assert why.text == strings.DID_NOT_GO and why.labels == list(strings.REASONS.values())
    (options,) = await bot.chat.press(strings.REASONS["nerves"])
    assert options.text.startswith(strings.REASON_REPLIES["nerves"])
    assert options.labels == [
        strings.BUTTON_SAME_GROUP,
        strings.BUTTON_CONTACT,
        strings.BUTTON_ONLINE,
        strings.BUTTON_NO_THANKS,
    ]
    (contact,) = await bot.chat.press(strings.BUTTON_CONTACT)
    assert "@pat_welcomes" in contact.text
    (meetings,) = await bot.chat.press(strings.BUTTON_SAME_GROUP)
    assert meetings.text == strings.NEXT_MEETINGS and len(meetings.labels) == 3
    (planned,) = await bot.chat.press(meetings.labels[1])
    assert planned.text.startswith("Planned:") and meetings.labels[1] in planned.text
    assert [k for k, _ in event_kinds(engine)] == [
        "planned", "reminded", "followup_sent", "did_not_go", "contact_shared", "planned",
    ]  # fmt: skip
    assert ("did_not_go", "reason_nerves") in event_kinds(engine)
    with Session(engine) as session:
        plans = session.exec(select(Plan).order_by(Plan.id)).all()
    assert [p.outcome for p in plans] == ["did_not_go", None]
    assert "nudge" not in due_times(engine)  # answered: no nudge for the first plan


async def test_went_is_warm_and_offers_the_next_one(
    bot: Any, engine: Engine, settings: Settings, clock: FakeClock, contact_group_id: int
) -> None:
    await reach_how_did_it_go(bot, engine, settings, clock, contact_group_id)
    (warm,) = await bot.chat.press(strings.BUTTON_WENT)
    assert warm.text.startswith(strings.WENT) and "few meetings" in warm.text
    assert warm.labels == [strings.BUTTON_PLAN_NEXT, strings.BUTTON_NO_THANKS]
    (bye,) = await bot.chat.press(strings.BUTTON_NO_THANKS)
    assert bye.text == strings.NO_THANKS
    assert [k for k, _ in event_kinds(engine)][-1] == "went"


async def test_not_for_me_offers_a_different_kind_of_group(
    bot: Any, engine: Engine, settings: Settings, clock: FakeClock, contact_group_id: int
) -> None:
    await reach_how_did_it_go(bot, engine, settings, clock, contact_group_id)
    (other,) = await bot.chat.press(strings.BUTTON_NOT_FOR_ME)
    assert other.text.startswith(strings.NOT_FOR_ME), other.text
    assert "(AA)" not in other.text  # the planned group is AA: something else is offered
    assert other.labels and all(label.startswith("Plan: ") for label in other.labels)
    (planned,) = await bot.chat.press(other.labels[0])
    assert planned.text.startswith("Planned:")
    with Session(engine) as session:
        plans = session.exec(select(Plan).order_by(Plan.id)).all()
    assert [p.outcome for p in plans] == ["not_for_me", None]
    assert plans[1].group_id != contact_group_id


async def test_unanswered_nudge_then_silence_and_a_stale_button(
    bot: Any, engine: Engine, settings: Settings, clock: FakeClock, contact_group_id: int
) -> None:
    await reach_how_did_it_go(bot, engine, settings, clock, contact_group_id)
    await fire(bot.application, clock, due_times(engine)["nudge"])
    assert bot.api.sent[-1].text.splitlines()[0] == strings.NUDGE_PREVIEW
    count = len(bot.api.sent)
    await fire(bot.application, clock, due_times(engine)["close"])
    await fire(bot.application, clock, clock.now() + timedelta(days=30))
    assert len(bot.api.sent) == count  # silence until the person writes
    assert [k for k, _ in event_kinds(engine)][-1] == "no_answer"
    (late,) = await bot.chat.press_data("fu:went:99999")
    assert late.text == strings.STALE_BUTTON


async def test_recording_a_plan_arms_the_job_for_its_first_due_time(
    bot: Any, engine: Engine, settings: Settings, clock: FakeClock, contact_group_id: int
) -> None:
    from bot.followups.scheduler import JOB_NAME

    svc = service(bot.application)
    await asyncio.wait_for(svc.ran.wait(), 10)  # the run at start found nothing due
    assert [j.next_t for j in bot.application.job_queue.get_jobs_by_name(JOB_NAME)] == []
    before = datetime.now(UTC)
    # the conversation records plans in a worker thread; the commit must wake the loop's job
    await asyncio.to_thread(plan_next_meeting, engine, settings, clock, contact_group_id)
    await asyncio.sleep(0.05)
    (job,) = bot.application.job_queue.get_jobs_by_name(JOB_NAME)
    expected = before + (due_times(engine)["reminder"] - clock.now())
    assert job.next_t is not None and abs(job.next_t - expected) < timedelta(seconds=5)
