"""Staff tables: role grants, invites, referral links, referral attribution and the audit trail."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, ForeignKey, Integer
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


class StaffRole(StrEnum):
    """The roles an admin can grant."""

    coordinator = "coordinator"
    clinician = "clinician"
    volunteer = "volunteer"


class RoleGrantBase(SQLModel):
    """Who holds which role, and who granted it."""

    telegram_user_id: int = Field(sa_column=Column(BigInteger, index=True, nullable=False))
    role: StaffRole = Field(max_length=16)
    display_name: str | None = Field(default=None, max_length=64)
    granted_by: int = Field(sa_column=Column(BigInteger, nullable=False))


class RoleGrant(RoleGrantBase, table=True):
    """A role held by a Telegram user until it is revoked."""

    id: int | None = Field(default=None, primary_key=True)
    granted_at: datetime = Field(default_factory=utcnow)
    revoked_at: datetime | None = None
    revoked_by: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))


class RoleGrantPublic(RoleGrantBase):
    """A role grant as shown to admins."""

    id: int
    granted_at: datetime
    revoked_at: datetime | None


class Invite(SQLModel, table=True):
    """A single-use, expiring invite to a role; only the code's hash is stored."""

    id: int | None = Field(default=None, primary_key=True)
    code_hash: str = Field(max_length=64, unique=True)
    role: StaffRole = Field(max_length=16)
    created_by: int = Field(sa_column=Column(BigInteger, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    used_by: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    used_at: datetime | None = None


class ReferralLinkBase(SQLModel):
    """A clinician's personal link, optionally with a focus such as dual diagnosis."""

    clinician_user_id: int = Field(sa_column=Column(BigInteger, index=True, nullable=False))
    focus: str | None = Field(default=None, max_length=32)


class ReferralLink(ReferralLinkBase, table=True):
    """A referral link; its random code is the deep-link payload after `ref_`."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=32, unique=True)
    created_at: datetime = Field(default_factory=utcnow)
    revoked_at: datetime | None = None


class Referral(SQLModel, table=True):
    """That a person arrived through a clinician's link, and whether they let the clinician see."""

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("person.id", ondelete="CASCADE"), unique=True, nullable=False
        )
    )
    link_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("referrallink.id", ondelete="CASCADE"), index=True, nullable=False
        )
    )
    consent: bool | None = None  # None: not answered yet; only True lets the clinician see
    consent_at: datetime | None = None
    at: datetime = Field(default_factory=utcnow, index=True)


class AuditAction(StrEnum):
    """What a coordinator did to the directory."""

    create = "create"
    update = "update"
    archive = "archive"
    restore = "restore"
    verify = "verify"
    import_ = "import"


class AuditEntry(SQLModel, table=True):
    """One change to the directory: who, when, what before and what after (never about people)."""

    id: int | None = Field(default=None, primary_key=True)
    actor_user_id: int = Field(sa_column=Column(BigInteger, index=True, nullable=False))
    at: datetime = Field(default_factory=utcnow, index=True)
    action: str = Field(max_length=16)
    table_name: str = Field(max_length=32)
    record_id: int | None = Field(default=None)
    group_id: int | None = Field(default=None, index=True)
    before: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    after: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
