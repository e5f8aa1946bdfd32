"""The health server: alive, ready only with a database, a pipeline and the lead, and metrics."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy.engine import Engine

from bot.clock import FakeClock
from bot.db import make_engine, session_scope
from bot.followups.plans import record_plan
from bot.models import Person
from bot.ops.health import HealthServer, HealthState, Role
from bot.ops.metrics import Metrics
from bot.settings import build_settings


@pytest.fixture
async def served(engine: Engine) -> AsyncIterator[tuple[HealthState, httpx.AsyncClient]]:
    """A health server on a free local port, with a client pointed at it."""
    state = HealthState(engine=engine, metrics=Metrics())
    server = HealthServer(state)
    port = server.start("127.0.0.1", 0)
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
        yield state, client
    await server.stop()


async def test_healthz_says_alive_even_before_ready(served) -> None:
    _state, client = served
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "alive"


async def test_readyz_waits_for_pipeline_and_for_the_lead(served) -> None:
    state, client = served
    response = await client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["pipeline"] == "not loaded"
    state.pipeline_name = "blank-en+firststep"
    state.set_role(Role.standby)
    response = await client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["role"] == "standby"
    state.set_role(Role.leader)
    response = await client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ready",
        "database": "ok",
        "pipeline": "blank-en+firststep",
        "role": "leader",
    }


async def test_readyz_fails_when_the_database_cannot_be_reached() -> None:
    dead = make_engine("postgresql+psycopg://postgres@127.0.0.1:1/none?connect_timeout=1")
    state = HealthState(engine=dead, pipeline_name="p")
    state.set_role(Role.single)
    server = HealthServer(state)
    port = server.start("127.0.0.1", 0)
    try:
        async with httpx.AsyncClient() as client:
            response = await client.get(f"http://127.0.0.1:{port}/readyz")
        assert response.status_code == 503
        assert response.json()["database"] == "unreachable"
    finally:
        await server.stop()
        dead.dispose()


async def test_metrics_are_exposed_in_prometheus_format(served) -> None:
    state, client = served
    state.metrics.updates.labels(kind="message").inc(3)
    state.set_role(Role.leader)
    response = await client.get("/metrics")
    assert response.status_code == 200
    body = response.text
    assert 'firststep_updates_total{kind="message"} 3.0' in body
    assert "firststep_leader 1.0" in body


def test_followups_due_and_by_state_come_from_the_database(engine: Engine) -> None:
    start = datetime(2026, 3, 3, 18, 0, tzinfo=UTC)
    clock = FakeClock(start - timedelta(days=2))
    with session_scope(engine) as session:
        person = Person(telegram_chat_id=31337)
        session.add(person)
        session.flush()
        record_plan(
            session,
            person_id=person.id,
            group_id=1,
            meeting_start=start,
            meeting_end=start + timedelta(hours=1),
            timezone="Europe/London",
            settings=build_settings(),
            now=clock.now(),
        )
    metrics = Metrics()
    metrics.watch_followups(engine, clock)
    body = metrics.exposition().decode()
    assert 'firststep_followups{state="due"} 0.0' in body
    assert 'firststep_followups{state="pending"} 2.0' in body
    assert 'firststep_followups{state="failed"} 0.0' in body
    clock.advance(timedelta(days=3))
    body = metrics.exposition().decode()
    assert 'firststep_followups{state="due"} 2.0' in body
    assert "31337" not in body


async def test_unknown_path_is_404(served) -> None:
    _state, client = served
    assert (await client.get("/admin")).status_code == 404


async def test_readyz_says_degraded_while_serving_through_a_database_outage() -> None:
    dead = make_engine("postgresql+psycopg://postgres@127.0.0.1:1/none?connect_timeout=1")
    state = HealthState(engine=dead, pipeline_name="p")
    state.set_role(Role.degraded)
    server = HealthServer(state)
    port = server.start("127.0.0.1", 0)
    try:
        async with httpx.AsyncClient() as client:
            response = await client.get(f"http://127.0.0.1:{port}/readyz")
        assert response.status_code == 200  # it answers people: a webhook must keep reaching it
        assert response.json() == {
            "status": "degraded",
            "database": "unreachable",
            "pipeline": "p",
            "role": "degraded",
        }
        assert "firststep_leader 0.0" in state.metrics.exposition().decode()
    finally:
        await server.stop()
        dead.dispose()
