"""A coordinator's import: preview first, apply in one transaction, a bad row writes nothing."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from bot.db import session_scope
from bot.staff.audit import history
from bot.staff.importing import (
    ImportRefused,
    PreviewChanged,
    apply,
    counts,
    feed_file,
    preview,
)
from bot.staff.models import AuditEntry
from directory import crud
from directory.models import FellowshipCreate, Group

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)


def entry(slug: str, name: str, **extra: object) -> dict[str, object]:
    """One Meeting Guide entry, online so no geocoding is needed."""
    return {
        "name": name,
        "slug": slug,
        "day": 2,
        "time": "19:00",
        "end_time": "20:00",
        "timezone": "America/New_York",
        "conference_url": f"https://zoom.example/{slug}",
        **extra,
    }


def feed(*entries: dict[str, object]) -> bytes:
    return json.dumps(list(entries)).encode()


@pytest.fixture
def fellowship(engine: Engine) -> str:
    with session_scope(engine) as session:
        crud.create_fellowship(
            session, data=FellowshipCreate(name="Alcoholics Anonymous", short_name="AA")
        )
    return "AA"


def _groups(engine: Engine) -> list[Group]:
    with session_scope(engine) as session:
        return list(session.exec(select(Group).order_by(Group.id)))


def test_kind_and_size_are_checked() -> None:
    assert feed_file("leeds.JSON", b"[]").kind == "meeting-guide"
    assert feed_file("list.csv", b"").source == "csv:list.csv"
    with pytest.raises(ImportRefused, match=r"notes\.txt is neither \.json nor \.csv"):
        feed_file("notes.txt", b"")
    with pytest.raises(ImportRefused, match="over 5 MB"):
        feed_file("big.json", b" " * (5 * 1024 * 1024 + 1))


def test_preview_writes_nothing_and_apply_matches_it(engine: Engine, fellowship: str) -> None:
    upload = feed_file("city.json", feed(entry("a", "Alpha Group"), entry("b", "Beta Group")))
    with session_scope(engine) as session:
        report = preview(session, feed=upload, fellowship=fellowship, now=NOW)
    assert counts(report) == (2, 0, 0, 0, 0)
    assert _groups(engine) == []
    with session_scope(engine) as session:
        apply(
            session, feed=upload, fellowship=fellowship, actor=9, now=NOW, expected=(2, 0, 0, 0, 0)
        )
    alpha, beta = _groups(engine)
    assert (alpha.name, beta.name, alpha.source) == (
        "Alpha Group",
        "Beta Group",
        "meeting-guide:city.json",
    )
    with session_scope(engine) as session:
        (created,) = history(session, group_id=alpha.id or 0)
    assert (created.action, created.actor_user_id, created.before) == ("import", 9, None)

    second = feed_file("city.json", feed(entry("a", "Alpha Group Renamed")))
    later = NOW + timedelta(days=1)
    with session_scope(engine) as session:
        expected = counts(preview(session, feed=second, fellowship=fellowship, now=later))
        assert expected == (0, 1, 0, 1, 0)
        apply(session, feed=second, fellowship=fellowship, actor=9, now=later, expected=expected)
    alpha, beta = _groups(engine)
    assert alpha.name == "Alpha Group Renamed" and beta.active is False  # archived, not deleted
    with session_scope(engine) as session:
        renamed = history(session, group_id=alpha.id or 0)[0]
        assert (
            renamed.before["name"] == "Alpha Group"
            and renamed.after["name"] == "Alpha Group Renamed"
        )
        archived = history(session, group_id=beta.id or 0)[0]
        assert archived.before["active"] is True and archived.after["active"] is False


def test_a_bad_row_is_named_skipped_and_the_rest_applied(engine: Engine, fellowship: str) -> None:
    upload = feed_file(
        "bad.json", feed(entry("a", "Alpha Group"), entry("b", "Beta Group", time="19:70"))
    )
    with session_scope(engine) as session:
        report = preview(session, feed=upload, fellowship=fellowship, now=NOW)
    assert counts(report) == (1, 0, 0, 0, 1)
    (skipped,) = report.skipped
    assert skipped.row == 2 and skipped.field == "time"
    with pytest.raises(PreviewChanged), session_scope(engine) as session:
        apply(
            session, feed=upload, fellowship=fellowship, actor=9, now=NOW, expected=(2, 0, 0, 0, 0)
        )
    assert _groups(engine) == []
    with session_scope(engine) as session:
        assert session.exec(select(AuditEntry)).all() == []
        apply(
            session, feed=upload, fellowship=fellowship, actor=9, now=NOW, expected=counts(report)
        )
    assert [g.name for g in _groups(engine)] == ["Alpha Group"]


def test_a_directory_changed_since_the_preview_is_not_applied(
    engine: Engine, fellowship: str
) -> None:
    upload = feed_file("city.json", feed(entry("a", "Alpha Group")))
    with session_scope(engine) as session:
        expected = counts(preview(session, feed=upload, fellowship=fellowship, now=NOW))
    with session_scope(engine) as session:  # someone else imports the same feed meanwhile
        apply(session, feed=upload, fellowship=fellowship, actor=1, now=NOW, expected=expected)
    with pytest.raises(PreviewChanged), session_scope(engine) as session:
        apply(session, feed=upload, fellowship=fellowship, actor=2, now=NOW, expected=expected)
    assert len(_groups(engine)) == 1
    with session_scope(engine) as session:
        assert [e.actor_user_id for e in session.exec(select(AuditEntry))] == [1]


def test_a_csv_export_imports_back_as_a_preview_then_groups(
    engine: Engine, fellowship: str
) -> None:
    from directory.csv_io import export_csv

    upload = feed_file("city.json", feed(entry("a", "Alpha Group"), entry("b", "Beta Group")))
    with session_scope(engine) as session:
        apply(
            session, feed=upload, fellowship=fellowship, actor=9, now=NOW, expected=(2, 0, 0, 0, 0)
        )
    with session_scope(engine) as session:
        csv_upload = feed_file("copy.csv", export_csv(session).encode())
    with session_scope(engine) as session:
        expected = counts(preview(session, feed=csv_upload, fellowship=None, now=NOW))
        assert expected == (2, 0, 0, 0, 0)  # a new source: two new groups
        apply(session, feed=csv_upload, fellowship=None, actor=9, now=NOW, expected=expected)
    assert (
        sorted(g.source for g in _groups(engine))
        == ["csv:copy.csv"] * 2 + ["meeting-guide:city.json"] * 2
    )
    bad = feed_file("bad.csv", export_csv_with_bad_time(engine))
    with session_scope(engine) as session:
        report = preview(session, feed=bad, fellowship=None, now=NOW)
    assert report.skipped and report.skipped[0].row >= 2 and len(_groups(engine)) == 4


def export_csv_with_bad_time(engine: Engine) -> bytes:
    from directory.csv_io import export_csv

    with session_scope(engine) as session:
        text = export_csv(session)
    return text.replace("19:00", "19:70", 1).encode()
