"""The database persistence: states and data round-trip, transient keys stay out, drops delete."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from bot.db import session_scope
from bot.persistence import DatabasePersistence, delete_chat_state
from bot.persistence_models import BotState


async def test_round_trip_without_transient_keys(engine: Engine) -> None:
    store = DatabasePersistence(engine)
    await store.update_chat_data(
        5, {"search": {"concerns": [["alcohol", "self", "current"]]}, "_parse": (1, object())}
    )
    await store.update_user_data(5, {"n": 1})
    await store.update_conversation("search", (5, 5), "format")
    await store.flush()
    again = DatabasePersistence(engine)
    assert await again.get_chat_data() == {
        5: {"search": {"concerns": [["alcohol", "self", "current"]]}}
    }
    assert await again.get_user_data() == {5: {"n": 1}}
    assert await again.get_conversations("search") == {(5, 5): "format"}
    assert await again.get_conversations("other") == {}


async def test_updates_replace_and_end_deletes(engine: Engine) -> None:
    store = DatabasePersistence(engine)
    await store.update_conversation("search", (5, 5), "format")
    await store.update_conversation("search", (5, 5), "place")
    await store.flush()
    assert await store.get_conversations("search") == {(5, 5): "place"}
    await store.update_conversation("search", (5, 5), None)
    await store.flush()
    assert await store.get_conversations("search") == {}
    await store.update_chat_data(5, {"a": 1})
    await store.drop_chat_data(5)
    await store.flush()
    assert await store.get_chat_data() == {}


async def test_delete_chat_state_removes_only_that_chat(engine: Engine) -> None:
    store = DatabasePersistence(engine)
    for chat in (5, 6):
        await store.update_chat_data(chat, {"a": chat})
        await store.update_user_data(chat, {"b": chat})
        await store.update_conversation("search", (chat, chat), "concern")
    await store.flush()
    with session_scope(engine) as session:
        assert delete_chat_state(session, 5) == 3
    with session_scope(engine) as session:
        assert {row.chat_id for row in session.exec(select(BotState)).all()} == {6}


@pytest.mark.postgres
async def test_round_trip_on_postgresql(pg_engine: Engine) -> None:
    store = DatabasePersistence(pg_engine)
    await store.update_chat_data(9_000_000_001, {"search": {"format": "online"}, "_parse": 1})
    await store.update_conversation("search", (9_000_000_001, 9_000_000_001), "place")
    await store.flush()
    assert await store.get_chat_data() == {9_000_000_001: {"search": {"format": "online"}}}
    assert await store.get_conversations("search") == {(9_000_000_001, 9_000_000_001): "place"}
    with session_scope(pg_engine) as session:
        assert delete_chat_state(session, 9_000_000_001) == 2
