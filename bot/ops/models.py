"""What outlives a deleted person: anonymous per-link, per-week counts for clinicians' funnels."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Column, ForeignKey, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel


class ReferralTallyBase(SQLModel):
    """How many people who arrived through one link in one week reached one stage."""

    week_start: date  # Monday of the week the people arrived
    stage: str = Field(max_length=16)  # started, matched, planned, went, no_answer
    count: int = 0


class ReferralTally(ReferralTallyBase, table=True):
    """Counts folded in by the retention job when it deletes referred people (no person ids)."""

    __tablename__ = "referral_tally"
    __table_args__ = (
        UniqueConstraint("link_id", "week_start", "stage", name="uq_referral_tally_link_week"),
    )

    id: int | None = Field(default=None, primary_key=True)
    link_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("referrallink.id", ondelete="CASCADE"), index=True, nullable=False
        )
    )


class ReferralTallyPublic(ReferralTallyBase):
    """A tally as shown to its clinician."""

    link_id: int
