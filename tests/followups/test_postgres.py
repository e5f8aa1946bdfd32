"""Two dispatchers race over the same due rows on PostgreSQL (FOR UPDATE SKIP LOCKED): no message
is sent twice, and the per-person daily cap holds across both."""

from __future__ import annotations

import asyncio
import threading
from collections import Counter
from datetime import datetime, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.clock import FakeClock
from bot.db import make_engine, session_scope
from bot.followups.dispatch import Dispatcher, Outgoing
from bot.followups.models import FollowUp, FollowUpKind, FollowUpState
from bot.settings import build_settings
from tests.followups.conftest import NY, add_person, plan_meeting

PEOPLE = 120


@pytest.mark.postgres
def test_two_dispatchers_racing_never_send_twice(pg_url: str, pg_engine: Engine) -> None:
    settings = build_settings()
    clock = FakeClock(datetime(2026, 11, 25, 8, 0, tzinfo=NY))
    for chat in range(1, PEOPLE + 1):
        pid = add_person(pg_engine, chat_id=chat)
        plan_id = plan_meeting(
            pg_engine,
            settings,
            person_id=pid,
            start=datetime(2026, 11, 24, 19, tzinfo=NY),
            end=datetime(2026, 11, 24, 20, tzinfo=NY),
            now=datetime(2026, 11, 24, 17, tzinfo=NY),  # no reminder: it would have been 16:00
        )
        if chat % 2 == 0:  # a second message due at once for half of them: the cap must hold
            with session_scope(pg_engine) as session:
                session.add(
                    FollowUp(
                        person_id=pid,
                        plan_id=plan_id,
                        kind=FollowUpKind.nudge,
                        due_at=clock.now() - timedelta(minutes=1),
                    )
                )
    sent: list[tuple[str, int, int]] = []
    lock = threading.Lock()
    barrier = threading.Barrier(2)
    reports: dict[str, dict[str, int]] = {}

    def run(name: str) -> None:
        engine = make_engine(pg_url)

        async def send(message: Outgoing) -> int:
            with lock:
                sent.append((name, message.followup_id, message.chat_id))
            await asyncio.sleep(0.002)
            return message.followup_id

        dispatcher = Dispatcher(
            engine, settings=settings, clock=clock, send=send, batch_size=7, concurrency=4
        )
        barrier.wait()
        try:
            reports[name] = asyncio.run(dispatcher.run_due()).counts
        except BaseException as exc:
            reports[name] = {repr(exc): 1}
        engine.dispose()

    threads = [threading.Thread(target=run, args=(n,)) for n in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    ids = Counter(f for _, f, _ in sent)
    chats = Counter(c for _, _, c in sent)
    assert [i for i, n in ids.items() if n > 1] == []
    assert [c for c, n in chats.items() if n > 1] == []  # one message per person that day
    assert sorted(chats) == list(range(1, PEOPLE + 1))
    by_worker = Counter(name for name, _, _ in sent)
    assert by_worker["a"] > 0 and by_worker["b"] > 0, reports  # they really raced
    with Session(pg_engine) as session:
        rows = session.exec(select(FollowUp)).all()
    states = Counter((r.kind, r.state) for r in rows)
    assert (
        states[("followup", FollowUpState.sent)] + states[("nudge", FollowUpState.sent)] == PEOPLE
    )
    deferred = [r for r in rows if r.error == "daily_cap"]
    assert len(deferred) == PEOPLE // 2
    assert all(r.state == "pending" and r.due_at > clock.now() for r in deferred)
