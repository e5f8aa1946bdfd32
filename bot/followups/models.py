"""Tables for plans (a person means to go to a meeting) and their pending follow-up messages."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import BigInteger, Column, ForeignKey, Index, Integer
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


class FollowUpKind(StrEnum):
    """What a follow-up row does when it comes due."""

    reminder = "reminder"  # on the day, before the meeting
    followup = "followup"  # "How did it go?" after the meeting
    nudge = "nudge"  # one more gentle "How did it go?" a few days later
    close = "close"  # silent: records no_answer if nothing came back; sends nothing


class FollowUpState(StrEnum):
    """Where a follow-up row is in its life (see docs/followups.md for the claim rule)."""

    pending = "pending"  # waiting for due_at
    claimed = "claimed"  # a dispatcher took it; nothing has been sent yet
    sending = "sending"  # the send request may be on its way to Telegram
    sent = "sent"  # Telegram accepted it
    uncertain = "uncertain"  # crash while sending: treated as sent, never sent again
    done = "done"  # a silent row (close) that ran
    skipped = "skipped"  # stale (meeting began, or long overdue) or answered already
    cancelled = "cancelled"  # /stop, blocked, or the person answered
    failed = "failed"  # gave up after bounded retries


SENT_STATES = (FollowUpState.sent, FollowUpState.uncertain, FollowUpState.sending)
OPEN_STATES = (FollowUpState.pending, FollowUpState.claimed)


class PlanOutcome(StrEnum):
    """What the person said about the meeting (or that they did not answer)."""

    went = "went"
    did_not_go = "did_not_go"
    not_for_me = "not_for_me"
    no_answer = "no_answer"


def _person_fk() -> Column[int]:
    return Column(Integer, ForeignKey("person.id", ondelete="CASCADE"), index=True, nullable=False)


class PlanBase(SQLModel):
    """A planned first (or next) visit to one meeting of one group."""

    group_id: int = Field(index=True)
    meeting_start: datetime
    meeting_end: datetime
    timezone: str = Field(max_length=64)


class PlanCreate(PlanBase):
    """What the conversation hands over when a person plans a visit."""

    person_id: int


class PlanUpdate(SQLModel):
    """The answer to "How did it go?"."""

    outcome: PlanOutcome | None = None
    reason: str | None = None


class Plan(PlanBase, table=True):
    """A stored plan; deleting the person deletes it."""

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(sa_column=_person_fk())
    created_at: datetime = Field(default_factory=utcnow)
    outcome: str | None = Field(default=None, max_length=16)
    reason: str | None = Field(default=None, max_length=16)
    outcome_at: datetime | None = None


class PlanPublic(PlanBase):
    """A plan as shown to its person in /mydata."""

    id: int
    created_at: datetime
    outcome: str | None
    reason: str | None


class FollowUpBase(SQLModel):
    """One scheduled message (or silent step) for one plan."""

    kind: str = Field(max_length=16)
    due_at: datetime = Field(index=True)
    state: str = Field(default=FollowUpState.pending, max_length=16, index=True)


class FollowUp(FollowUpBase, table=True):
    """A stored follow-up row: the database is the truth for everything pending."""

    __table_args__ = (Index("ix_followup_state_due_at", "state", "due_at"),)

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(sa_column=_person_fk())
    plan_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("plan.id", ondelete="CASCADE"), index=True, nullable=False
        )
    )
    attempts: int = 0
    claim_token: str | None = Field(default=None, max_length=32, index=True)
    claimed_at: datetime | None = None
    sent_at: datetime | None = None
    message_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    error: str | None = Field(default=None, max_length=32)
    created_at: datetime = Field(default_factory=utcnow)


class FollowUpPublic(FollowUpBase):
    """A follow-up as shown to its person in /mydata."""

    id: int
    plan_id: int
    sent_at: datetime | None
