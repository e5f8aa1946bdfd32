"""Roles: admins from the settings, grants and revocations in the database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.engine import Engine

from bot.db import session_scope
from bot.settings import build_settings
from bot.staff.models import StaffRole
from bot.staff.roles import grant_role, has_role, list_grants, revoke_role

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)


def test_admins_come_from_the_settings_and_hold_every_role(engine: Engine) -> None:
    settings = build_settings(FIRSTSTEP_ADMIN_IDS="7,8")
    with session_scope(engine) as session:
        for role in StaffRole:
            assert has_role(session, user_id=7, role=role, settings=settings)
            assert not has_role(session, user_id=9, role=role, settings=settings)
        assert not has_role(session, user_id=None, role=StaffRole.coordinator, settings=settings)


def test_a_grant_gives_only_its_role_until_revoked(engine: Engine) -> None:
    settings = build_settings(FIRSTSTEP_ADMIN_IDS="1")
    with session_scope(engine) as session:
        grant_role(session, user_id=50, role=StaffRole.clinician, granted_by=1, now=NOW)
    with session_scope(engine) as session:
        assert has_role(session, user_id=50, role=StaffRole.clinician, settings=settings)
        assert not has_role(session, user_id=50, role=StaffRole.coordinator, settings=settings)
        assert revoke_role(session, user_id=50, revoked_by=1, now=NOW + timedelta(hours=1)) == 1
    with session_scope(engine) as session:
        assert not has_role(session, user_id=50, role=StaffRole.clinician, settings=settings)
        assert list_grants(session) == []
        (old,) = list_grants(session, include_revoked=True)
        assert old.revoked_by == 1 and old.revoked_at is not None


def test_granting_a_held_role_again_keeps_one_grant(engine: Engine) -> None:
    with session_scope(engine) as session:
        first = grant_role(session, user_id=5, role=StaffRole.coordinator, granted_by=1, now=NOW)
        again = grant_role(
            session, user_id=5, role=StaffRole.coordinator, granted_by=1, now=NOW, display_name="Jo"
        )
        assert first.id == again.id
        assert len(list_grants(session)) == 1
        assert again.display_name == "Jo"


def test_revoking_one_role_keeps_the_other(engine: Engine) -> None:
    settings = build_settings()
    with session_scope(engine) as session:
        for role in StaffRole:
            grant_role(session, user_id=5, role=role, granted_by=1, now=NOW)
        assert revoke_role(session, user_id=5, role=StaffRole.clinician, revoked_by=1, now=NOW) == 1
        assert has_role(session, user_id=5, role=StaffRole.coordinator, settings=settings)
        assert not has_role(session, user_id=5, role=StaffRole.clinician, settings=settings)
        assert revoke_role(session, user_id=6, revoked_by=1, now=NOW) == 0
