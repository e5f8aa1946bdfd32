"""The hand-over from the conversation: record a plan and its follow-ups; cancel what is pending."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session, col, select

from bot.followups import rules
from bot.followups.models import (
    OPEN_STATES,
    SENT_STATES,
    FollowUp,
    FollowUpKind,
    FollowUpState,
    Plan,
)
from bot.models import Event, EventKind
from bot.settings import Settings

log = logging.getLogger(__name__)

WAKE_KEY = "firststep.followups.due"  # session.info key: earliest new due time, read on commit
MESSAGE_KINDS = (FollowUpKind.reminder, FollowUpKind.followup, FollowUpKind.nudge)


class PlanError(ValueError):
    """A plan that cannot be recorded; the message says what was wrong."""


def _aware(value: datetime, name: str) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise PlanError(f"{name} must be an aware datetime (with a time zone)")
    return value.astimezone(UTC)


def taken_days(session: Session, *, person_id: int, tz: rules.ZoneInfo, now: datetime) -> set[date]:
    """Local days on which this person already gets (or got) a scheduler message."""
    rows = session.exec(
        select(FollowUp.due_at, FollowUp.sent_at).where(
            FollowUp.person_id == person_id,
            col(FollowUp.kind).in_(MESSAGE_KINDS),
            col(FollowUp.state).in_((*OPEN_STATES, *SENT_STATES)),
            col(FollowUp.due_at) >= now - timedelta(days=2),
        )
    ).all()
    return {rules.local_day(sent_at or due_at, tz) for due_at, sent_at in rows}


def record_plan(
    session: Session,
    *,
    person_id: int,
    group_id: int,
    meeting_start: datetime,
    meeting_end: datetime,
    timezone: str,
    settings: Settings,
    now: datetime,
) -> Plan:
    """Record a plan, a `planned` event and its follow-ups (an open earlier plan is replaced)."""
    start = _aware(meeting_start, "meeting_start")
    end = _aware(meeting_end, "meeting_end")
    now = _aware(now, "now")
    if end <= start:
        raise PlanError("meeting_end must be after meeting_start")
    tz = rules.zone(timezone, settings.default_timezone)
    superseded = _cancel(session, person_id=person_id, reason="replaced")
    schedule = rules.plan_schedule(
        meeting_start=start,
        meeting_end=end,
        tz=tz,
        before=timedelta(minutes=settings.reminder_before_minutes),
        after=timedelta(minutes=settings.followup_after_minutes),
        quiet=rules.QuietHours.parse(settings.quiet_hours),
        now=now,
        taken_days=taken_days(session, person_id=person_id, tz=tz, now=now),
    )
    plan = Plan(
        person_id=person_id,
        group_id=group_id,
        meeting_start=start,
        meeting_end=end,
        timezone=tz.key,
        created_at=now,
    )
    session.add(plan)
    session.flush()
    assert plan.id is not None
    session.add(Event(person_id=person_id, kind=EventKind.planned, group_id=group_id, at=now))
    rows = [(FollowUpKind.followup, schedule.followup)]
    if schedule.reminder is not None:
        rows.insert(0, (FollowUpKind.reminder, schedule.reminder))
    for kind, due in rows:
        session.add(
            FollowUp(person_id=person_id, plan_id=plan.id, kind=kind, due_at=due, created_at=now)
        )
    session.flush()
    note_due(session, min(due for _, due in rows))
    log.info(
        "plan recorded",
        extra={
            "plan_id": plan.id,
            "person_id": person_id,
            "reminder": schedule.reminder is not None,
            "superseded": superseded,
        },
    )
    return plan


def note_due(session: Session, due: datetime) -> None:
    """Remember the earliest new due time so the scheduler re-arms when this session commits."""
    current = session.info.get(WAKE_KEY)
    session.info[WAKE_KEY] = due if current is None else min(current, due)


def _cancel(session: Session, *, person_id: int, reason: str) -> int:
    result = session.execute(
        update(FollowUp)
        .where(
            col(FollowUp.person_id) == person_id,
            col(FollowUp.state).in_(OPEN_STATES),
        )
        .values(state=FollowUpState.cancelled, error=reason, claim_token=None)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def cancel_pending(session: Session, *, person_id: int) -> int:
    """Cancel every pending follow-up of a person (/stop, blocked); returns how many."""
    count = _cancel(session, person_id=person_id, reason="stopped")
    log.info("follow-ups cancelled", extra={"person_id": person_id, "count": count})
    return count


def cancel_plan_rest(session: Session, *, plan_id: int, reason: str = "answered") -> int:
    """Cancel what is still pending for one plan (the person answered)."""
    result = session.execute(
        update(FollowUp)
        .where(col(FollowUp.plan_id) == plan_id, col(FollowUp.state).in_(OPEN_STATES))
        .values(state=FollowUpState.cancelled, error=reason, claim_token=None)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
