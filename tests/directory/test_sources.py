"""Sources that refresh themselves, end to end against a local HTTP server: conditional fetches,
changes between fetches, failures, time-outs, garbage, size limits, the archive guard and its
confirmation, alerts told once, and the command line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select
from typer.testing import CliRunner

from bot.cli import app
from bot.db import session_scope
from directory import sources
from directory.models import FeedSource, Group
from directory.seed import seed
from tests.directory.conftest import NOW
from tests.directory.feed_server import FeedServer, running
from tests.directory.test_real_feeds import tsml_entry

runner = CliRunner()


def feed(count: int, *, time: str = "19:00") -> bytes:
    """A 12 Step Meeting List feed of ``count`` in-person meetings around Holyoke, MA."""
    entries = [
        tsml_entry(
            f"meeting-{n}", f"Meeting {n}", day=n % 7, time=time if n == 0 else "18:00",
            formatted_address=f"{100 + n} Appleton St, Holyoke, MA 01040, USA",
        )
        for n in range(count)
    ]  # fmt: skip
    return json.dumps(entries).encode()


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with running() as state:
        yield state


@pytest.fixture
def seeded(engine: Engine) -> Engine:
    with session_scope(engine) as session:
        seed(session, now=NOW)
    return engine


def active(engine: Engine) -> int:
    with Session(engine) as session:
        query = select(func.count()).select_from(Group).where(Group.source == "holyoke")
        return int(session.exec(query.where(Group.active.is_(True))).one())


async def refresh(engine: Engine, *, minutes: int = 0, **fetch_options: Any) -> sources.Outcome:
    now = NOW + timedelta(minutes=minutes)
    with session_scope(engine) as session:
        request = sources.request_for(session, name="holyoke")
    fetched = await sources.fetch(
        request.url, etag=request.etag, last_modified=request.last_modified, **fetch_options
    )
    with session_scope(engine) as session:
        return sources.apply_to(session, name="holyoke", fetched=fetched, now=now)


def state(engine: Engine) -> FeedSource:
    with Session(engine) as session:
        return sources.get_source(session, name="holyoke")


def alerts(engine: Engine, minutes: int = 0) -> list[sources.Alert]:
    with session_scope(engine) as session:
        return sources.alerts_due(session, now=NOW + timedelta(minutes=minutes))


async def test_a_refresh_cycle_against_a_local_server(seeded: Engine, server: FeedServer) -> None:
    server.publish("/meetings.json", feed(8))
    with session_scope(seeded) as session:
        sources.add_source(
            session, name="holyoke", url=server.url("/meetings.json"), format="meeting-guide",
            fellowship="Al-Anon", every_minutes=60, now=NOW,
        )  # fmt: skip
        assert [s.name for s in sources.due_sources(session, now=NOW)] == ["holyoke"]
    first = await refresh(seeded)
    assert first.status == "changed" and first.report is not None and first.report.new == 8
    assert server.requests[-1] == ("/meetings.json", None, None)
    assert active(seeded) == 8 and state(seeded).etag == server.feeds["/meetings.json"].etag
    with Session(seeded) as session:
        assert sources.due_sources(session, now=NOW + timedelta(minutes=59)) == []
        assert len(sources.due_sources(session, now=NOW + timedelta(minutes=60))) == 1

    again = await refresh(seeded, minutes=60)  # conditional: the server answers 304
    assert again.status == "unchanged"
    _, etag, since = server.requests[-1]
    assert etag == server.feeds["/meetings.json"].etag and since is not None

    server.publish("/meetings.json", feed(8, time="19:30"))  # changed between fetches
    changed = await refresh(seeded, minutes=120)
    assert changed.status == "changed" and changed.report is not None
    assert (changed.report.updated, changed.report.unchanged) == (1, 7)
    assert state(seeded).last_changed_at is not None

    server.feeds["/meetings.json"].status = 500  # the site is down
    for n in range(3):
        failed = await refresh(seeded, minutes=180 + n)
        assert failed.status == "failed" and "HTTP 500" in failed.summary
    assert state(seeded).failures == 3 and active(seeded) == 8
    told = alerts(seeded, 200)
    assert [(a.source, a.kind, a.failures) for a in told] == [("holyoke", "failing", 3)]
    assert alerts(seeded, 201) == []  # told once

    server.feeds["/meetings.json"].status = 200
    back = await refresh(seeded, minutes=240)
    assert back.status == "unchanged" and state(seeded).failures == 0

    server.publish("/meetings.json", b"<html>Site under maintenance</html>", conditional=False)
    garbage = await refresh(seeded, minutes=300)
    assert garbage.status == "failed" and "not valid JSON" in garbage.summary
    assert active(seeded) == 8

    server.publish("/meetings.json", feed(8), delay_s=1.5)
    slow = await refresh(seeded, minutes=360, wait_s=0.3)
    assert slow.status == "failed" and "no answer within 0.3 s" in slow.summary

    server.publish("/meetings.json", feed(8, time="20:00"))
    big = await refresh(seeded, minutes=420, max_bytes=1000)
    assert big.status == "failed" and "larger than" in big.summary and active(seeded) == 8


async def test_a_refresh_that_would_archive_a_quarter_waits_for_a_coordinator(
    seeded: Engine, server: FeedServer
) -> None:
    server.publish("/meetings.json", feed(8))
    with session_scope(seeded) as session:
        sources.add_source(
            session, name="holyoke", url=server.url("/meetings.json"), format="meeting-guide",
            now=NOW,
        )  # fmt: skip
    await refresh(seeded)
    server.publish("/meetings.json", feed(6))  # 2 of 8 gone: exactly a quarter is allowed
    assert (await refresh(seeded, minutes=1)).status == "changed" and active(seeded) == 6
    server.publish("/meetings.json", feed(2))  # 4 of 6 gone: held
    held = await refresh(seeded, minutes=2)
    assert held.status == "held" and "would archive 4 of the 6 groups" in held.summary
    assert active(seeded) == 6 and state(seeded).held_archive == 4
    assert [(a.kind, a.archive, a.total) for a in alerts(seeded, 3)] == [("held", 4, 6)]
    again = await refresh(seeded, minutes=4)  # still held; fetched whole (no 304)
    assert again.status == "held" and server.requests[-1][1] is None
    with session_scope(seeded) as session:
        source = sources.get_source(session, name="holyoke")
        sources.discard_held(session, source)
    assert state(seeded).held_body is None and active(seeded) == 6
    assert (await refresh(seeded, minutes=5)).status == "held"
    with session_scope(seeded) as session:
        confirmed = sources.confirm_held(session, sources.get_source(session, name="holyoke"),
                                         now=NOW + timedelta(minutes=6))  # fmt: skip
    assert confirmed.status == "changed" and active(seeded) == 2
    assert state(seeded).held_body is None


def test_a_source_that_was_never_fetched_well_goes_stale(seeded: Engine) -> None:
    with session_scope(seeded) as session:
        sources.add_source(
            session, name="holyoke", url="https://example.org/feed.json", format="bmlt",
            every_minutes=60, now=NOW,
        )  # fmt: skip
    assert alerts(seeded, 60 * 23) == []
    assert [a.kind for a in alerts(seeded, 60 * 25)] == ["stale"]


@pytest.mark.parametrize(
    ("options", "words"),
    [
        ({"url": "ftp://x.org/f.json"}, "not a web address"),
        ({"format": "xml"}, "meeting-guide, bmlt or csv"),
        ({"fellowship": "Nobody Anonymous"}, "no fellowship called"),
        ({"timezone": "Mars/Base"}, "not a known time zone"),
    ],
)
def test_a_bad_source_is_refused(seeded: Engine, options: dict[str, Any], words: str) -> None:
    values: dict[str, Any] = {"name": "x", "url": "https://x.org/f.json", "format": "bmlt"}
    with pytest.raises(sources.SourceError, match=words), session_scope(seeded) as session:
        sources.add_source(session, **(values | options))


def test_every_is_read_as_people_write_it() -> None:
    assert [sources.parse_every(t) for t in ("24h", "30m", "2d", "90")] == [1440, 30, 2880, 90]
    with pytest.raises(sources.SourceError):
        sources.parse_every("1m")
    assert sources.every_text(1440) == "24h" and sources.every_text(90) == "90m"


def test_the_command_line_adds_lists_and_refreshes_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, server: FeedServer
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/cli.sqlite3")
    monkeypatch.chdir(tmp_path)

    def invoke(*args: str) -> Any:
        return runner.invoke(app, ["directory", *args])

    assert invoke("seed").exit_code == 0
    server.publish("/feed.json", feed(8))
    added = invoke("source", "add", server.url("/feed.json"), "--format", "meeting-guide",
                   "--fellowship", "AA", "--every", "6h", "--name", "holyoke")  # fmt: skip
    assert added.exit_code == 0 and "added source holyoke (meeting-guide, every 6h)" in added.stdout
    assert invoke("source", "add", server.url("/feed.json"), "--format", "meeting-guide",
                  "--name", "holyoke").exit_code == 1  # fmt: skip
    done = invoke("source", "refresh")
    assert done.exit_code == 0 and done.stdout.startswith("holyoke: 8 new")
    assert invoke("source", "refresh", "holyoke").stdout.strip() == "holyoke: unchanged"
    server.publish("/feed.json", feed(2))
    held = invoke("source", "refresh", "holyoke")
    assert held.exit_code == 0 and "would archive 6 of the 8 groups" in held.stdout
    listed = invoke("source", "list")
    assert (
        "holyoke  meeting-guide  every 6h" in listed.stdout and "needs --confirm" in listed.stdout
    )
    confirmed = invoke("source", "refresh", "holyoke", "--confirm")
    assert confirmed.exit_code == 0 and "6 archived" in confirmed.stdout
    server.feeds["/feed.json"].status = 503
    down = invoke("source", "refresh", "holyoke")
    assert down.exit_code == 1 and "HTTP 503" in down.stdout
    assert "last error: the server answered HTTP 503" in invoke("source", "list").stdout
    assert invoke("source", "remove", "holyoke").exit_code == 0
    assert "no sources" in invoke("source", "list").stdout
    missing = invoke("source", "refresh", "nowhere")
    assert missing.exit_code == 1 and "no source called 'nowhere'" in missing.stderr
