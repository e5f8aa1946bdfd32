"""The staff tables on PostgreSQL: single-use invites, cascade on forget, the funnel query."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from bot.db import session_scope
from bot.models import Event, EventKind, Person
from bot.staff.audit import history, record_change
from bot.staff.funnel import clinician_funnel
from bot.staff.invites import InviteError, create_invite, redeem_invite
from bot.staff.models import AuditAction, AuditEntry, Referral, StaffRole
from bot.staff.referrals import attribute, create_link, record_consent

pytestmark = pytest.mark.postgres
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)


def test_an_invite_is_used_once_on_postgres(pg_engine: Engine) -> None:
    with session_scope(pg_engine) as session:
        code, _ = create_invite(session, role=StaffRole.coordinator, created_by=1, now=NOW)
    with session_scope(pg_engine) as session:
        redeem_invite(session, code=code, user_id=2, now=NOW)
    with pytest.raises(InviteError), session_scope(pg_engine) as session:
        redeem_invite(session, code=code, user_id=3, now=NOW)


def test_referrals_audit_and_cascade_on_postgres(pg_engine: Engine) -> None:
    with session_scope(pg_engine) as session:
        link = create_link(session, clinician_user_id=9, now=NOW, focus="dual_diagnosis")
        person = Person(telegram_chat_id=5_000_000_000)  # a BigInteger chat id
        session.add(person)
        session.flush()
        attribute(session, person_id=person.id or 0, link=link, now=NOW)
        record_consent(session, person_id=person.id or 0, consent=True, now=NOW)
        session.add(
            Event(person_id=person.id or 0, kind=EventKind.went, at=NOW + timedelta(days=1))
        )
        record_change(
            session, actor_user_id=7_000_000_000, action=AuditAction.verify, table_name="group",
            record_id=1, group_id=1, before={"a": [1]}, after={"a": [2]}, now=NOW,
        )  # fmt: skip
    with session_scope(pg_engine) as session:
        funnel = clinician_funnel(session, clinician_user_id=9, now=NOW + timedelta(days=2))
        assert funnel.totals["went"] == 1 and len(funnel.clients) == 1
        (entry,) = history(session, group_id=1)
        assert entry.after == {"a": [2]} and entry.actor_user_id == 7_000_000_000
        session.delete(session.exec(select(Person)).one())
    with session_scope(pg_engine) as session:
        assert session.exec(select(Referral)).all() == []
        assert len(session.exec(select(AuditEntry)).all()) == 1  # about the directory: kept
