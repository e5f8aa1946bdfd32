"""Invites: single use, expiring, only a hash stored, a race has one winner."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from bot.db import session_scope
from bot.settings import build_settings
from bot.staff.invites import (
    INVITE_PREFIX,
    InviteError,
    InviteProblem,
    create_invite,
    redeem_invite,
)
from bot.staff.models import Invite, StaffRole
from bot.staff.roles import has_role

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)


def test_an_invite_gives_its_role_once(engine: Engine) -> None:
    with session_scope(engine) as session:
        code, _ = create_invite(session, role=StaffRole.coordinator, created_by=1, now=NOW)
    assert re.fullmatch(r"[A-Za-z0-9_-]{16}", code)
    assert len(INVITE_PREFIX + code) <= 64  # a Telegram deep-link payload
    with session_scope(engine) as session:
        grant = redeem_invite(session, code=code, user_id=42, now=NOW, display_name="Ana")
        assert grant.role == StaffRole.coordinator and grant.granted_by == 1
    with session_scope(engine) as session:
        assert has_role(session, user_id=42, role=StaffRole.coordinator, settings=build_settings())
        with pytest.raises(InviteError) as used:
            redeem_invite(session, code=code, user_id=43, now=NOW)
        assert used.value.problem is InviteProblem.used
        assert not has_role(
            session, user_id=43, role=StaffRole.coordinator, settings=build_settings()
        )


def test_only_a_hash_of_the_code_is_stored(engine: Engine) -> None:
    with session_scope(engine) as session:
        code, _ = create_invite(session, role=StaffRole.clinician, created_by=1, now=NOW)
    with session_scope(engine) as session:
        (row,) = session.exec(select(Invite))
        assert code not in row.code_hash and len(row.code_hash) == 64


def test_the_deep_link_form_of_the_code_works(engine: Engine) -> None:
    with session_scope(engine) as session:
        code, _ = create_invite(session, role=StaffRole.clinician, created_by=1, now=NOW)
        grant = redeem_invite(session, code=f" {INVITE_PREFIX}{code} ", user_id=9, now=NOW)
        assert grant.role == StaffRole.clinician


def test_an_expired_or_unknown_code_is_refused(engine: Engine) -> None:
    with session_scope(engine) as session:
        code, _ = create_invite(
            session, role=StaffRole.clinician, created_by=1, now=NOW, ttl=timedelta(days=1)
        )
    with session_scope(engine) as session:
        with pytest.raises(InviteError) as late:
            redeem_invite(session, code=code, user_id=9, now=NOW + timedelta(days=1, seconds=1))
        assert late.value.problem is InviteProblem.expired
        with pytest.raises(InviteError) as unknown:
            redeem_invite(session, code=code + "x", user_id=9, now=NOW)
        assert unknown.value.problem is InviteProblem.unknown
    with session_scope(engine) as session:  # still usable before it expires
        assert redeem_invite(session, code=code, user_id=9, now=NOW + timedelta(hours=23))


def test_two_people_racing_for_one_code_one_wins(engine: Engine) -> None:
    with session_scope(engine) as session:
        code, _ = create_invite(session, role=StaffRole.coordinator, created_by=1, now=NOW)
    with session_scope(engine) as first:
        first_invite = first.exec(select(Invite)).one()  # loaded before the other claims it
        assert first_invite.used_at is None
        with session_scope(engine) as second:
            redeem_invite(second, code=code, user_id=2, now=NOW)
        with pytest.raises(InviteError):
            redeem_invite(first, code=code, user_id=3, now=NOW)
