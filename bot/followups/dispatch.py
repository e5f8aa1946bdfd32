"""Claim due follow-ups atomically, then send them, handling Telegram's errors.

Claim rule (see docs/followups.md): a row goes pending -> claimed (atomic UPDATE ... WHERE
state='pending', with FOR UPDATE SKIP LOCKED on PostgreSQL) -> sending (committed just before the
send request) -> sent. After a crash, a row left `claimed` for longer than the lease was certainly
not sent and goes back to pending; a row left `sending` for longer than the lease may or may not
have reached Telegram and becomes `uncertain`: treated as sent, never sent again (at most once).
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from sqlalchemy import func, update
from sqlalchemy.engine import CursorResult, Engine
from sqlmodel import Session, col, select
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

import i18n
from bot import strings
from bot.clock import Clock
from bot.db import run_db, session_scope
from bot.followups import callbacks, rules
from bot.followups.models import SENT_STATES, FollowUp, FollowUpKind, FollowUpState, Plan
from bot.followups.plans import cancel_pending
from bot.models import Event, EventKind, Person, PersonStatus
from bot.settings import Settings

log = logging.getLogger(__name__)

DEFAULT_LEASE = timedelta(minutes=5)
MAX_ATTEMPTS = 5
BACKOFF_BASE = timedelta(seconds=30)
BACKOFF_MAX = timedelta(minutes=30)


@dataclass(frozen=True)
class Outgoing:
    """One message ready to send."""

    followup_id: int
    chat_id: int
    text: str
    keyboard: callbacks.Keyboard


Send = Callable[[Outgoing], Awaitable[int | None]]  # returns Telegram's message id


@dataclass
class Report:
    """What one dispatch run did (counts by outcome) and when to wake next."""

    counts: dict[str, int] = field(default_factory=dict)
    paused_until: datetime | None = None
    next_due: datetime | None = None

    def add(self, outcome: str) -> None:
        """Count one outcome."""
        self.counts[outcome] = self.counts.get(outcome, 0) + 1


def backoff(attempts: int) -> timedelta:
    """Wait before retry number `attempts` after a network error: 30 s, 2 min, 8 min, ... 30 min."""
    return min(BACKOFF_BASE * 4 ** max(attempts - 1, 0), BACKOFF_MAX)


def render(kind: str, plan: Plan, locale: str | None = None) -> tuple[str, callbacks.Keyboard]:
    """The text and buttons of a scheduler message (first line is the neutral preview), in the
    person's language."""
    with i18n.using(locale):
        return _render(kind, plan)


def _render(kind: str, plan: Plan) -> tuple[str, callbacks.Keyboard]:
    tz = rules.zone(plan.timezone)
    local_start = plan.meeting_start.astimezone(tz)
    preview, body = strings.SCHEDULER_TEMPLATES[kind]
    text = (
        preview
        + "\n\n"
        + body.format(
            time=i18n.format_when(local_start, strings.TIME_FORMAT),
            day=i18n.format_when(local_start, strings.DAY_FORMAT),
        )
    )
    if kind == FollowUpKind.reminder:
        keyboard = callbacks.reminder(plan.id or 0)
    else:
        keyboard = callbacks.how_did_it_go(plan.id or 0)
    return text, keyboard


def _retry_seconds(exc: RetryAfter) -> float:
    value = getattr(exc, "_retry_after", None)  # a timedelta; the public one warns (int)
    if not isinstance(value, timedelta):
        raw = exc.retry_after
        value = raw if isinstance(raw, timedelta) else timedelta(seconds=float(raw))
    return max(value.total_seconds(), 1.0)


class Dispatcher:
    """Sends what is due, exactly once where Telegram lets us know, through a `send` coroutine."""

    def __init__(
        self,
        engine: Engine,
        *,
        settings: Settings,
        clock: Clock,
        send: Send,
        lease: timedelta = DEFAULT_LEASE,
        batch_size: int = 50,
        concurrency: int = 8,
        max_attempts: int = MAX_ATTEMPTS,
    ) -> None:
        self.engine = engine
        self.settings = settings
        self.clock = clock
        self.send = send
        self.lease = lease
        self.batch_size = batch_size
        self.concurrency = concurrency
        self.max_attempts = max_attempts
        self.quiet = rules.QuietHours.parse(settings.quiet_hours)
        self.paused_until: datetime | None = None
        self._lock = asyncio.Lock()

    # ---- claiming -------------------------------------------------------------------------
    def claim(self, *, now: datetime, limit: int) -> tuple[str, list[int]]:
        """Atomically take up to `limit` due pending rows; returns the claim token and ids."""
        token = uuid.uuid4().hex
        due = (
            select(FollowUp.id)
            .where(col(FollowUp.state) == FollowUpState.pending, col(FollowUp.due_at) <= now)
            .order_by(col(FollowUp.due_at), col(FollowUp.id))
            .limit(limit)
            .with_for_update(skip_locked=True)
            .cte("due")  # a CTE runs once; an IN (subquery) may be re-run and over-claim
        )
        stmt = (
            update(FollowUp)
            .where(col(FollowUp.id) == due.c.id)
            .where(col(FollowUp.state) == FollowUpState.pending)
            .values(state=FollowUpState.claimed, claim_token=token, claimed_at=now)
            .returning(col(FollowUp.id))
        )
        with session_scope(self.engine) as session:
            ids: list[int] = sorted(session.execute(stmt).scalars().all())
        return token, ids

    def recover(self, *, now: datetime) -> dict[str, int]:
        """Resolve claims older than the lease: claimed -> pending, sending -> uncertain."""
        cutoff = now - self.lease
        with session_scope(self.engine) as session:
            # an UPDATE's result is a CursorResult (rowcount); Session.execute is typed as Result
            released = cast(
                CursorResult[Any],
                session.execute(
                    update(FollowUp)
                    .where(
                        col(FollowUp.state) == FollowUpState.claimed,
                        col(FollowUp.claimed_at) <= cutoff,
                    )
                    .values(state=FollowUpState.pending, claim_token=None)
                ),
            ).rowcount
            stuck = session.exec(
                select(FollowUp).where(
                    col(FollowUp.state) == FollowUpState.sending, col(FollowUp.sent_at) <= cutoff
                )
            ).all()
            for row in stuck:
                row.state = FollowUpState.uncertain
                self._after_sent(session, row, now=now, detail="uncertain")
        if released or stuck:
            log.warning(
                "expired claims resolved",
                extra={"released": released, "uncertain": len(stuck)},
            )
        return {"released": int(released or 0), "uncertain": len(stuck)}

    def next_due(self) -> datetime | None:
        """The earliest moment something needs the dispatcher (a due row or an expiring lease)."""
        with Session(self.engine) as session:
            pending = session.exec(
                select(func.min(FollowUp.due_at)).where(
                    col(FollowUp.state) == FollowUpState.pending
                )
            ).one()
            claimed = session.exec(
                select(func.min(FollowUp.claimed_at)).where(
                    col(FollowUp.state) == FollowUpState.claimed
                )
            ).one()
            sending = session.exec(
                select(func.min(FollowUp.sent_at)).where(
                    col(FollowUp.state) == FollowUpState.sending
                )
            ).one()
        candidates = [_utc(pending)]
        candidates += [_utc(t) + self.lease for t in (claimed, sending) if t is not None]
        if self.paused_until is not None:
            candidates = [max(c, self.paused_until) for c in candidates if c is not None]
        found = [c for c in candidates if c is not None]
        return min(found) if found else None

    # ---- one row --------------------------------------------------------------------------
    def prepare(
        self, followup_id: int, token: str, *, now: datetime
    ) -> tuple[str, Outgoing | None]:
        """Decide what to do with a claimed row; mark it `sending` when it should go out now."""
        with session_scope(self.engine) as session:
            person_of = select(FollowUp.person_id).where(FollowUp.id == followup_id)
            session.execute(  # takes the person's row lock: one decision per person at a time
                update(Person)
                .where(col(Person.id) == person_of.scalar_subquery())
                .values(status=Person.status)
            )
            row = session.get(FollowUp, followup_id)
            if row is None or row.state != FollowUpState.claimed or row.claim_token != token:
                return "lost", None
            person = session.get(Person, row.person_id)
            plan = session.get(Plan, row.plan_id)
            assert person is not None and plan is not None
            outcome = self._decide(session, row, person, plan, now=now)
            if outcome != "send":
                return outcome, None
            text, keyboard = render(row.kind, plan, person.locale if person else None)
            row.state = FollowUpState.sending
            row.sent_at = now
            row.attempts += 1
            return "send", Outgoing(row.id or 0, person.telegram_chat_id, text, keyboard)

    def _decide(
        self, session: Session, row: FollowUp, person: Person, plan: Plan, *, now: datetime
    ) -> str:
        tz = rules.zone(plan.timezone, self.settings.default_timezone)
        if person.status != PersonStatus.active:
            return _finish(row, FollowUpState.cancelled, f"person_{person.status}")
        if row.kind == FollowUpKind.close:
            if plan.outcome is None:
                plan.outcome, plan.outcome_at = "no_answer", now
                session.add(
                    Event(
                        person_id=person.id or 0,
                        kind=EventKind.no_answer,
                        group_id=plan.group_id,
                        at=now,
                    )
                )
            return _finish(row, FollowUpState.done, None)
        if row.kind != FollowUpKind.reminder and plan.outcome is not None:
            return _finish(row, FollowUpState.skipped, "answered")
        if row.kind == FollowUpKind.reminder and now >= _utc(plan.meeting_start):
            return _finish(row, FollowUpState.skipped, "stale")
        if row.kind != FollowUpKind.reminder and now > _utc(row.due_at) + rules.STALE_AFTER:
            return _finish(row, FollowUpState.skipped, "stale")
        if rules.is_quiet(now, tz, self.quiet):
            return _defer(row, rules.quiet_end_after(now, tz, self.quiet), "quiet")
        if self._sent_today(session, row, tz, now=now):
            if row.kind == FollowUpKind.reminder:
                return _finish(row, FollowUpState.skipped, "daily_cap")
            return _defer(row, rules.next_day_start(now, tz, self.quiet), "daily_cap")
        return "send"

    def _sent_today(
        self, session: Session, row: FollowUp, tz: rules.ZoneInfo, *, now: datetime
    ) -> bool:
        times = session.exec(
            select(FollowUp.sent_at).where(
                FollowUp.person_id == row.person_id,
                FollowUp.id != row.id,
                col(FollowUp.state).in_(SENT_STATES),
                col(FollowUp.sent_at) >= now - timedelta(days=2),
            )
        ).all()
        today = rules.local_day(now, tz)
        return any(t is not None and rules.local_day(_utc(t), tz) == today for t in times)

    def mark_sent(self, followup_id: int, message_id: int | None, *, now: datetime) -> None:
        """Record a successful send, its event and the next step of the sequence."""
        with session_scope(self.engine) as session:
            row = session.get(FollowUp, followup_id)
            if row is None or row.state != FollowUpState.sending:
                return
            row.state, row.message_id, row.error = FollowUpState.sent, message_id, None
            self._after_sent(session, row, now=now, detail=None)

    def _after_sent(
        self, session: Session, row: FollowUp, *, now: datetime, detail: str | None
    ) -> None:
        plan = session.get(Plan, row.plan_id)
        assert plan is not None
        kind = EventKind.reminded if row.kind == FollowUpKind.reminder else EventKind.followup_sent
        if row.kind == FollowUpKind.nudge:
            detail = detail or "nudge"
        session.add(
            Event(person_id=row.person_id, kind=kind, group_id=plan.group_id, detail=detail, at=now)
        )
        tz = rules.zone(plan.timezone, self.settings.default_timezone)
        sent_at = _utc(row.sent_at or now)
        nxt: tuple[FollowUpKind, datetime] | None = None
        if row.kind == FollowUpKind.followup:
            nxt = (FollowUpKind.nudge, rules.nudge_time(sent_at, tz, quiet=self.quiet))
        elif row.kind == FollowUpKind.nudge:
            nxt = (FollowUpKind.close, rules.close_time(sent_at, tz))
        if nxt is not None:
            session.add(
                FollowUp(
                    person_id=row.person_id,
                    plan_id=row.plan_id,
                    kind=nxt[0],
                    due_at=nxt[1],
                    created_at=now,
                )
            )

    def mark_failed(self, followup_id: int, exc: BaseException, *, now: datetime) -> str:
        """Handle a send error: blocked, flood control, network (bounded retries), or give up."""
        with session_scope(self.engine) as session:
            row = session.get(FollowUp, followup_id)
            if row is None or row.state != FollowUpState.sending:
                return "lost"
            row.sent_at = None
            if isinstance(exc, Forbidden):
                person = session.get(Person, row.person_id)
                if person is not None:
                    person.status = PersonStatus.blocked
                cancel_pending(session, person_id=row.person_id)
                return _finish(row, FollowUpState.cancelled, "blocked")
            if isinstance(exc, RetryAfter):
                row.attempts = max(row.attempts - 1, 0)  # flood control is not the row's fault
                return _defer(row, now + timedelta(seconds=_retry_seconds(exc)), "flood")
            if isinstance(exc, NetworkError) and not isinstance(exc, BadRequest):
                if row.attempts >= self.max_attempts:
                    return _finish(row, FollowUpState.failed, "network")
                return _defer(row, now + backoff(row.attempts), "network_retry")
            return _finish(row, FollowUpState.failed, type(exc).__name__[:32])

    def release(self, ids: list[int], token: str) -> None:
        """Give claimed rows back (flood control paused the run)."""
        with session_scope(self.engine) as session:
            session.execute(
                update(FollowUp)
                .where(
                    col(FollowUp.id).in_(ids),
                    col(FollowUp.state) == FollowUpState.claimed,
                    col(FollowUp.claim_token) == token,
                )
                .values(state=FollowUpState.pending, claim_token=None)
            )

    # ---- the run --------------------------------------------------------------------------
    async def run_due(self) -> Report:
        """Send everything due now (one run at a time per process); returns counts and next_due."""
        async with self._lock:
            report = Report()
            now = self.clock.now()
            if self.paused_until is not None and now < self.paused_until:
                report.paused_until = self.paused_until
            else:
                self.paused_until = None
                await run_db(self.engine, self.recover, now=now)
                await self._drain(report)
            report.next_due = await run_db(self.engine, self.next_due)
            return report

    async def _drain(self, report: Report) -> None:
        gate = asyncio.Semaphore(self.concurrency)
        while self.paused_until is None:
            token, ids = await run_db(
                self.engine, self.claim, now=self.clock.now(), limit=self.batch_size
            )
            if not ids:
                return
            await asyncio.gather(*(self._one(i, token, gate, report) for i in ids))
            if len(ids) < self.batch_size:
                return

    async def _one(
        self, followup_id: int, token: str, gate: asyncio.Semaphore, report: Report
    ) -> None:
        async with gate:
            if self.paused_until is not None:
                await run_db(self.engine, self.release, [followup_id], token)
                report.add("released")
                return
            outcome, message = await run_db(
                self.engine, self.prepare, followup_id, token, now=self.clock.now()
            )
            if message is None:
                report.add(outcome)
                return
            try:
                message_id = await self.send(message)
            except Exception as exc:  # every failure is recorded on the row, never lost
                outcome = await run_db(
                    self.engine, self.mark_failed, followup_id, exc, now=self.clock.now()
                )
                if isinstance(exc, RetryAfter):
                    until = self.clock.now() + timedelta(seconds=_retry_seconds(exc))
                    self.paused_until = max(self.paused_until or until, until)
                    report.paused_until = self.paused_until
                log.warning(
                    "follow-up not sent",
                    extra={
                        "followup_id": followup_id,
                        "error": type(exc).__name__,
                        "outcome": outcome,
                    },
                )
                report.add(outcome)
                return
            await run_db(self.engine, self.mark_sent, followup_id, message_id, now=self.clock.now())
            report.add("sent")


def _utc(value: datetime | None) -> datetime:
    if value is None:
        return None  # type: ignore[return-value]
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _finish(row: FollowUp, state: FollowUpState, error: str | None) -> str:
    row.state, row.error, row.claim_token = state, error, None
    return error or str(state)


def _defer(row: FollowUp, due: datetime, reason: str) -> str:
    row.state, row.due_at, row.error, row.claim_token = FollowUpState.pending, due, reason, None
    row.sent_at = None
    return reason
