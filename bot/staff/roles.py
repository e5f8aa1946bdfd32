"""Who may do what: admins from the settings, coordinators and clinicians from role grants."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from bot.settings import Settings
from bot.staff.models import RoleGrant, StaffRole


def is_admin(settings: Settings, user_id: int | None) -> bool:
    """True when the Telegram user id is one of FIRSTSTEP_ADMIN_IDS."""
    return user_id is not None and user_id in settings.admin_ids


def active_grant(session: Session, *, user_id: int, role: StaffRole) -> RoleGrant | None:
    """The user's current (not revoked) grant of a role, if any."""
    statement = select(RoleGrant).where(
        RoleGrant.telegram_user_id == user_id,
        RoleGrant.role == role,
        col(RoleGrant.revoked_at).is_(None),
    )
    return session.exec(statement).first()


def has_role(session: Session, *, user_id: int | None, role: StaffRole, settings: Settings) -> bool:
    """True when the user may act in the role now (admins may act in every role)."""
    if user_id is None:
        return False
    if is_admin(settings, user_id):
        return True
    return active_grant(session, user_id=user_id, role=role) is not None


def grant_role(
    session: Session,
    *,
    user_id: int,
    role: StaffRole,
    granted_by: int,
    now: datetime,
    display_name: str | None = None,
) -> RoleGrant:
    """Give a user a role (a second grant of a held role returns the one already held)."""
    existing = active_grant(session, user_id=user_id, role=role)
    if existing is not None:
        if display_name:
            existing.display_name = display_name[:64]
            session.add(existing)
        return existing
    grant = RoleGrant(
        telegram_user_id=user_id,
        role=role,
        granted_by=granted_by,
        granted_at=now,
        display_name=display_name[:64] if display_name else None,
    )
    session.add(grant)
    session.flush()
    return grant


def revoke_role(
    session: Session, *, user_id: int, revoked_by: int, now: datetime, role: StaffRole | None = None
) -> int:
    """Revoke a user's role (or all their roles); returns how many grants ended."""
    statement = select(RoleGrant).where(
        RoleGrant.telegram_user_id == user_id, col(RoleGrant.revoked_at).is_(None)
    )
    if role is not None:
        statement = statement.where(RoleGrant.role == role)
    grants = list(session.exec(statement))
    for grant in grants:
        grant.revoked_at = now
        grant.revoked_by = revoked_by
        session.add(grant)
    session.flush()
    return len(grants)


def list_grants(session: Session, *, include_revoked: bool = False) -> list[RoleGrant]:
    """Role grants, newest first (current ones only unless asked)."""
    statement = select(RoleGrant).order_by(col(RoleGrant.granted_at).desc(), col(RoleGrant.id))
    if not include_revoked:
        statement = statement.where(col(RoleGrant.revoked_at).is_(None))
    return list(session.exec(statement))


def display_name_of(session: Session, *, user_id: int) -> str | None:
    """The name a staff member had on Telegram when they got (or last used) their role."""
    statement = (
        select(RoleGrant.display_name)
        .where(RoleGrant.telegram_user_id == user_id, col(RoleGrant.display_name).is_not(None))
        .order_by(col(RoleGrant.granted_at).desc())
    )
    return session.exec(statement).first()


def rename(
    session: Session,
    *,
    user_id: int,
    role: StaffRole,
    display_name: str | None,
    keep_existing: bool = False,
) -> bool:
    """Set the name people see on the user's current grant; False when there is no grant."""
    grant = active_grant(session, user_id=user_id, role=role)
    if grant is None:
        return False
    if display_name and not (keep_existing and grant.display_name):
        grant.display_name = display_name[:64]
        session.add(grant)
    return True
