"""Coordinators' directory changes: each through the directory's crud, each with an audit entry."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.db import session_scope
from bot.staff import directory_ops as ops
from bot.staff.audit import changed_fields, describe, history
from bot.staff.group_form import parse_form
from bot.staff.models import AuditEntry
from directory import crud
from directory.models import FellowshipCreate, Group, Meeting

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
COORDINATOR = 77
FORM = (
    "name: Tuesday Hope\nfellowship: AA\nformat: online\nurl: https://zoom.example/j/1\n"
    "timezone: Europe/London\nday: tue\nstart: 19:30\nend: 20:30"
)


def _fellowship(session: Session) -> None:
    crud.create_fellowship(
        session, data=FellowshipCreate(name="Alcoholics Anonymous", short_name="AA")
    )


def _add(engine: Engine, form: str = FORM) -> int:
    with session_scope(engine) as session:
        _fellowship(session)
        draft, errors = parse_form(form, fellowships=ops.fellowship_choices(session))
        assert errors == []
        group = ops.create_group(session, actor=COORDINATOR, draft=draft, now=NOW)
        assert group.id is not None
        return group.id


def test_creating_a_group_records_who_and_what(engine: Engine) -> None:
    group_id = _add(engine)
    with session_scope(engine) as session:
        group = session.get(Group, group_id)
        assert group is not None and group.last_verified == NOW.date()
        (meeting,) = session.exec(select(Meeting).where(Meeting.group_id == group_id))
        assert (meeting.weekday, meeting.start) == (1, time(19, 30))
        (entry,) = history(session, group_id=group_id)
    assert (entry.actor_user_id, entry.action, entry.before) == (COORDINATOR, "create", None)
    assert entry.after is not None and entry.after["name"] == "Tuesday Hope"
    assert entry.after["meetings"][0]["start"] == "19:30:00"


def test_an_edit_keeps_before_and_after(engine: Engine) -> None:
    group_id = _add(engine)
    with session_scope(engine) as session:
        group = session.get(Group, group_id)
        assert group is not None
        draft, count = ops.draft_of(session, group)
        assert count == 1
        edited, errors = parse_form(
            "start: 20:00\nend: 21:00\nname: Tuesday Hope Online",
            fellowships=ops.fellowship_choices(session),
            base=draft,
        )
        assert errors == []
        changed = ops.update_group(
            session, actor=COORDINATOR + 1, group=group, draft=edited, now=NOW + timedelta(days=1)
        )
        assert set(changed) == {"name", "meetings"}
        assert ops.update_group(session, actor=1, group=group, draft=edited, now=NOW) == {}
    with session_scope(engine) as session:
        latest, first = history(session, group_id=group_id)
        assert (first.action, latest.action, latest.actor_user_id) == ("create", "update", 78)
        diff = changed_fields(latest.before, latest.after)
        assert diff["name"] == ("Tuesday Hope", "Tuesday Hope Online")
        assert diff["meetings"][0][0]["start"] == "19:30:00"
        assert diff["meetings"][1][0]["start"] == "20:00:00"
        assert "name: Tuesday Hope → Tuesday Hope Online" in describe(latest)
        assert len(session.exec(select(AuditEntry)).all()) == 2  # the no-op edit left no entry


def test_archive_restore_and_verify_are_audited_and_restorable(engine: Engine) -> None:
    group_id = _add(engine)
    later = NOW + timedelta(days=100)
    with session_scope(engine) as session:
        group = session.get(Group, group_id)
        assert group is not None
        ops.archive_group(session, actor=COORDINATOR, group=group, now=later)
        assert group.active is False
    with session_scope(engine) as session:
        group = session.get(Group, group_id)
        assert group is not None and group.active is False  # kept, not deleted
        ops.restore_group(session, actor=COORDINATOR, group=group, now=later)
        ops.verify_group(session, actor=COORDINATOR, group=group, now=later)
    with session_scope(engine) as session:
        actions = [e.action for e in history(session, group_id=group_id)]
        assert actions == ["verify", "restore", "archive", "create"]
        group = session.get(Group, group_id)
        assert group is not None and group.active and group.last_verified == later.date()
        verify = history(session, group_id=group_id)[0]
        assert changed_fields(verify.before, verify.after) == {
            "last_verified": (NOW.date().isoformat(), later.date().isoformat())
        }


def test_a_failed_change_leaves_no_group_and_no_audit(engine: Engine) -> None:
    with session_scope(engine) as session:
        _fellowship(session)
    with pytest.raises(ValueError), session_scope(engine) as session:
        draft, _ = parse_form(FORM, fellowships=ops.fellowship_choices(session))
        ops.create_group(session, actor=COORDINATOR, draft=draft, now=NOW)
        raise ValueError("something after the create failed")
    with session_scope(engine) as session:
        assert session.exec(select(Group)).all() == []
        assert session.exec(select(AuditEntry)).all() == []


def test_search_pages_and_stale_groups(engine: Engine) -> None:
    first = _add(engine)
    with session_scope(engine) as session:
        choices = ops.fellowship_choices(session)
        for index in range(4):
            draft, _ = parse_form(
                FORM.replace("Tuesday Hope", f"Group {index}"), fellowships=choices
            )
            ops.create_group(session, actor=1, draft=draft, now=NOW - timedelta(days=100 + index))
    with session_scope(engine) as session:
        page, more = ops.search_groups(session, text="group", offset=0, limit=3)
        assert [g.name for g in page] == ["Group 0", "Group 1", "Group 2"] and more
        page, more = ops.search_groups(session, text="group", offset=3, limit=3)
        assert [g.name for g in page] == ["Group 3"] and not more
        stale, total = ops.stale_groups(session, now=NOW)
        assert total == 4 and [g.name for g in stale] == [
            "Group 3",
            "Group 2",
            "Group 1",
            "Group 0",
        ]
        assert first not in [g.id for g in stale]
