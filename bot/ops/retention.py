"""Retention: people inactive for `retention_days` are deleted with everything about them.

Deleting the person row cascades to every per-person table (events, plans, follow-ups, referrals);
the conversation state kept by the persistence is deleted by chat id. Before a referred person goes,
what they reached is folded into anonymous per-link, per-week counts, so a clinician's totals stay.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select
from telegram.ext import Application, ConversationHandler

from bot.db import run_db, session_scope
from bot.models import Person
from bot.ops.models import ReferralTally
from bot.persistence_models import BotState
from bot.services import Context, Services
from bot.staff.funnel import arrival_week, stages_reached
from bot.staff.models import Referral, ReferralLink

log = logging.getLogger(__name__)
RETENTION_INTERVAL = timedelta(hours=6)
SWEEP_INTERVAL = timedelta(minutes=10)
BATCH = 500


@dataclass
class Purged:
    """What one retention run deleted (ids of chats, so in-memory state can be dropped too)."""

    chat_ids: list[int] = field(default_factory=list)
    tallied: int = 0
    orphans: list[int] = field(default_factory=list)  # chats whose stored state had no person

    def add(self, batch: Purged) -> bool:
        """Count one batch in; True when it was the last (it held fewer than a full batch)."""
        self.chat_ids += batch.chat_ids
        self.tallied += batch.tallied
        return len(batch.chat_ids) < BATCH


def cutoff_for(now: datetime, retention_days: int) -> datetime:
    """People last seen before this moment are deleted."""
    return now.astimezone(UTC) - timedelta(days=retention_days)


def purge_inactive(
    session: Session, *, now: datetime, retention_days: int, batch: int = BATCH
) -> Purged:
    """Delete up to `batch` people inactive for retention_days, keeping anonymous tallies."""
    cutoff = cutoff_for(now, retention_days)
    people = session.exec(
        select(Person.id, Person.telegram_chat_id)
        .where(col(Person.last_seen_at) < cutoff)
        .order_by(col(Person.id))
        .limit(batch)
    ).all()
    purged = Purged(chat_ids=[chat_id for _, chat_id in people])
    if not people:
        return purged
    person_ids = [person_id for person_id, _ in people if person_id is not None]
    purged.tallied = fold_referrals(session, person_ids)
    session.execute(delete(BotState).where(col(BotState.chat_id).in_(purged.chat_ids)))
    session.execute(delete(Person).where(col(Person.id).in_(person_ids)))
    return purged


def fold_referrals(session: Session, person_ids: list[int]) -> int:
    """Add what each referred person reached to their link's anonymous weekly counts.

    Stages and weeks come from the funnel's own functions, so the funnel counts a deleted person
    exactly as it counted them while they were here.
    """
    referrals = session.exec(select(Referral).where(col(Referral.person_id).in_(person_ids))).all()
    if not referrals:
        return 0
    reached = stages_reached(session, referrals)
    for referral in referrals:
        week = arrival_week(referral.at)
        for stage in sorted(reached[referral.id or 0]):
            _add(session, link_id=referral.link_id, week_start=week, stage=stage)
    session.flush()
    return len(referrals)


def _add(session: Session, *, link_id: int, week_start: date, stage: str) -> None:
    tally = session.exec(
        select(ReferralTally).where(
            ReferralTally.link_id == link_id,
            ReferralTally.week_start == week_start,
            ReferralTally.stage == stage,
        )
    ).first()
    if tally is None:
        tally = ReferralTally(link_id=link_id, week_start=week_start, stage=stage, count=0)
    tally.count += 1
    session.add(tally)
    session.flush()


def retired_totals(session: Session, *, clinician_user_id: int) -> dict[str, int]:
    """A clinician's anonymous counts per stage for people already deleted by retention."""
    rows = session.exec(
        select(ReferralTally.stage, ReferralTally.count)
        .join(ReferralLink, col(ReferralLink.id) == col(ReferralTally.link_id))
        .where(ReferralLink.clinician_user_id == clinician_user_id)
    ).all()
    totals: dict[str, int] = {}
    for stage, count in rows:
        totals[stage] = totals.get(stage, 0) + count
    return totals


def sweep_orphan_state(session: Session) -> list[int]:
    """Delete stored conversation state of chats that have no person (left after a deletion).

    Every update creates the person before its state is saved, so state without a person is what
    a write that raced a /forget or a deletion left behind: it still names a chat id.
    """
    known = select(Person.telegram_chat_id)
    orphans = session.exec(
        select(BotState.chat_id)
        .where(col(BotState.chat_id).is_not(None), col(BotState.chat_id).not_in(known))
        .distinct()
    ).all()
    chat_ids = [chat_id for chat_id in orphans if chat_id is not None]
    if chat_ids:
        session.execute(delete(BotState).where(col(BotState.chat_id).in_(chat_ids)))
    return chat_ids


def _purge_batch(engine: Engine, *, now: datetime, retention_days: int) -> Purged:
    """One batch of inactive people deleted, in one transaction."""
    with session_scope(engine) as session:
        return purge_inactive(session, now=now, retention_days=retention_days)


def purge_all(engine: Engine, *, now: datetime, retention_days: int) -> Purged:
    """Delete orphaned chat state, then inactive people in batches (a transaction each)."""
    total = Purged(orphans=_sweep(engine))
    while not total.add(_purge_batch(engine, now=now, retention_days=retention_days)):
        pass
    return total


async def purge_all_between(engine: Engine, *, now: datetime, retention_days: int) -> Purged:
    """`purge_all` for the running bot: each transaction through `run_db` (on SQLite, on the
    event loop), and the updates waiting meanwhile are handled between two batches."""
    total = Purged(orphans=await run_db(engine, _sweep, engine))
    while True:
        batch = await run_db(engine, _purge_batch, engine, now=now, retention_days=retention_days)
        if total.add(batch):
            return total
        await asyncio.sleep(0)


def forget_in_memory(application: Application, chat_ids: Iterable[int]) -> None:
    """Drop what the running Application still holds in memory about these private chats."""
    gone = set(chat_ids)
    services: Services = application.bot_data
    for chat_id in gone:
        services.forget_chat(chat_id)
        application.drop_chat_data(chat_id)
        application.drop_user_data(chat_id)  # private chats: the user id is the chat id
    for handlers in application.handlers.values():
        for handler in handlers:
            if isinstance(handler, ConversationHandler):
                # PTB has no public call to end one conversation from outside its handlers:
                # a private attribute, so pyproject pins PTB to the tested 22.8.x.
                stored = handler._conversations
                for key in [k for k in stored if k and k[0] in gone]:
                    del stored[key]


async def run_retention(context: Context) -> None:
    """The scheduled job: delete inactive people in the database and in memory."""
    services = context.bot_data
    purged = await purge_all_between(
        services.engine, now=services.clock.now(), retention_days=services.settings.retention_days
    )
    forget_in_memory(context.application, purged.chat_ids + purged.orphans)
    services.metrics.retention_deleted.inc(len(purged.chat_ids))
    log.info(
        "retention ran",
        extra={
            "deleted": len(purged.chat_ids),
            "tallied": purged.tallied,
            "orphaned_states": len(purged.orphans),
        },
    )


def _sweep(engine: Engine) -> list[int]:
    with session_scope(engine) as session:
        return sweep_orphan_state(session)


async def run_orphan_sweep(context: Context) -> None:
    """The frequent job: delete stored and in-memory state of chats that have no person."""
    engine = context.bot_data.engine
    orphans = await run_db(engine, _sweep, engine)
    if orphans:
        forget_in_memory(context.application, orphans)
        log.info("orphaned chat state deleted", extra={"chats": len(orphans)})


def install_retention(application: Application, *, first: float = 60.0) -> None:
    """Schedule retention every few hours and the sweep of orphaned chat state every few minutes."""
    if application.job_queue is None:
        raise RuntimeError("the retention job needs PTB's job queue (the job-queue extra)")
    application.job_queue.run_repeating(
        run_retention, interval=RETENTION_INTERVAL, first=first, name="retention"
    )
    application.job_queue.run_repeating(
        run_orphan_sweep, interval=SWEEP_INTERVAL, first=first, name="orphan-sweep"
    )
