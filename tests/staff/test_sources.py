"""/sources and the scheduled refresh job, through the real Application, against a local feed
server: refreshed by itself, coordinators told once when a feed fails or would archive too much,
and Apply on a button."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from bot.clock import FakeClock
from bot.db import session_scope
from bot.staff.sources import JOB_NAME
from directory import sources
from directory.models import Group
from tests.directory.feed_server import FeedServer, running
from tests.directory.test_sources import feed
from tests.staff.conftest import COORDINATOR, NOW, STRANGER, Running, texts


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with running() as state:
        yield state


def active(engine: Engine) -> int:
    with Session(engine) as session:
        query = select(func.count()).select_from(Group).where(Group.source == "holyoke")
        return int(session.exec(query.where(Group.active.is_(True))).one())


async def test_the_job_refreshes_sources_and_tells_coordinators_once(
    app: Running, seeded: Engine, clock: FakeClock, server: FeedServer
) -> None:
    server.publish("/feed.json", feed(8))
    with session_scope(seeded) as session:
        sources.add_source(
            session, name="holyoke", url=server.url("/feed.json"), format="meeting-guide",
            fellowship="AA", every_minutes=60, now=NOW,
        )  # fmt: skip
    (job,) = app.application.job_queue.get_jobs_by_name(JOB_NAME)
    before = len(app.api.sent)
    await job.run(app.application)
    assert active(seeded) == 8 and len(app.api.sent) == before  # nothing to tell
    await job.run(app.application)
    assert len(server.requests) == 1  # not due again within the hour

    server.feeds["/feed.json"].status = 500
    for _ in range(3):
        clock.advance(timedelta(minutes=61))
        await job.run(app.application)
    (alert,) = app.api.sent[before:]
    assert alert.chat_id == COORDINATOR
    assert "failed 3 times in a row (the server answered HTTP 500)" in alert.plain
    clock.advance(timedelta(minutes=61))
    await job.run(app.application)
    assert len(app.api.sent) == before + 1  # told once

    server.publish("/feed.json", feed(2))
    clock.advance(timedelta(minutes=61))
    await job.run(app.application)
    held = app.api.sent[-1]
    assert "would archive 6 of its 8 groups" in held.plain and active(seeded) == 8

    listed = await app.chat(COORDINATOR).send("/sources")
    assert "waiting: it would archive 6 of 8 groups" in texts(listed)
    assert listed[-1].labels == ["Apply it", "Keep as is"]
    applied = await app.chat(COORDINATOR).press("Apply it")
    assert "holyoke: 2 new" not in texts(applied) and "6 archived" in texts(applied)
    assert active(seeded) == 2
    again = await app.chat(COORDINATOR).send("/sources")
    assert again[-1].labels == ["Refresh now"]
    refreshed = await app.chat(COORDINATOR).press("Refresh now")
    assert texts(refreshed) == "holyoke: unchanged"


async def test_sources_are_for_coordinators_only(app: Running, seeded: Engine) -> None:
    refused = await app.chat(STRANGER).send("/sources")
    assert "only for coordinators" in texts(refused)
    none = await app.chat(COORDINATOR).send("/sources")
    assert "firststep directory source add" in texts(none)
