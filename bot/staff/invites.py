"""Single-use, expiring invite codes to a role; only a hash of each code is stored."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Session, col, select

from bot.staff.models import Invite, RoleGrant, StaffRole
from bot.staff.roles import grant_role

INVITE_PREFIX = "inv_"
INVITE_TTL = timedelta(days=7)
_CODE_BYTES = 12  # 16 url-safe characters; the deep-link payload stays far below 64


class InviteProblem(StrEnum):
    """Why a code could not be redeemed."""

    unknown = "unknown"
    used = "used"
    expired = "expired"


class InviteError(Exception):
    """An invite code could not be redeemed; `problem` says why."""

    def __init__(self, problem: InviteProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


def hash_code(code: str) -> str:
    """The stored form of a code (SHA-256, hex)."""
    return hashlib.sha256(code.strip().encode()).hexdigest()


def normalise_code(text: str) -> str:
    """A code as typed or from a deep link, without the `inv_` prefix and spaces."""
    text = text.strip()
    return text[len(INVITE_PREFIX) :] if text.startswith(INVITE_PREFIX) else text


def create_invite(
    session: Session,
    *,
    role: StaffRole,
    created_by: int,
    now: datetime,
    ttl: timedelta = INVITE_TTL,
) -> tuple[str, Invite]:
    """A new invite; returns the plain code (shown once, never stored) and the row."""
    code = secrets.token_urlsafe(_CODE_BYTES)
    invite = Invite(
        code_hash=hash_code(code),
        role=role,
        created_by=created_by,
        created_at=now,
        expires_at=now + ttl,
    )
    session.add(invite)
    session.flush()
    return code, invite


def redeem_invite(
    session: Session, *, code: str, user_id: int, now: datetime, display_name: str | None = None
) -> RoleGrant:
    """Use a code once to get its role; raises InviteError when unknown, used or expired."""
    digest = hash_code(normalise_code(code))
    invite = session.exec(select(Invite).where(Invite.code_hash == digest)).first()
    if invite is None:
        raise InviteError(InviteProblem.unknown)
    if invite.used_at is not None:
        raise InviteError(InviteProblem.used)
    if _aware(invite.expires_at) <= now:
        raise InviteError(InviteProblem.expired)
    claimed = session.execute(  # atomic: two people racing for one code, only one wins
        sa.update(Invite)
        .where(col(Invite.id) == invite.id, col(Invite.used_at).is_(None))
        .values(used_at=now, used_by=user_id)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        raise InviteError(InviteProblem.used)
    session.expire(invite)
    return grant_role(
        session,
        user_id=user_id,
        role=StaffRole(invite.role),
        granted_by=invite.created_by,
        now=now,
        display_name=display_name,
    )


def _aware(value: datetime) -> datetime:
    """Datetimes read back from SQLite may be naive; they are stored in UTC."""
    from datetime import UTC

    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
