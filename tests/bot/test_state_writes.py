"""State writes under load: one transaction per update, nothing unchanged, no races, /forget."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import select

from bot import strings
from bot.app import CONVERSATION
from bot.console import ConsoleChat
from bot.db import session_scope
from bot.handlers.common import PARSE_KEY, Await
from bot.models import Person
from bot.persistence import DatabasePersistence, _stored
from bot.persistence_models import BotState
from tests.bot.conftest import Bot, stop
from tests.bot.test_conversation import CONCERN, state_of, to_concern, to_format


@dataclass
class Writes:
    """Write statements seen on an engine, and how many transactions wrote to bot_state."""

    statements: list[str] = field(default_factory=list)
    state_transactions: int = 0
    _open: set[int] = field(default_factory=set)

    def on(self, table: str) -> list[str]:
        """The write statements that touched a table."""
        return [s for s in self.statements if f" {table}" in s.lower().replace('"', "")]


@contextmanager
def counting(engine: Engine) -> Iterator[Writes]:
    """Record every INSERT/UPDATE/DELETE and every commit of a transaction that wrote bot_state."""
    writes = Writes()

    def before(conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if statement.lstrip().split(" ", 1)[0].upper() in {"INSERT", "UPDATE", "DELETE"}:
            writes.statements.append(statement)
            if "bot_state" in statement:
                writes._open.add(id(conn))

    def commit(conn: Any) -> None:
        if id(conn) in writes._open:
            writes._open.discard(id(conn))
            writes.state_transactions += 1

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "commit", commit)
    try:
        yield writes
    finally:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "commit", commit)


def rows_of(engine: Engine, chat_id: int) -> list[BotState]:
    """The stored state rows of one chat."""
    with session_scope(engine) as session:
        return list(session.exec(select(BotState).where(BotState.chat_id == chat_id)).all())


def collect_errors(bot: Bot) -> list[BaseException]:
    """Errors raised while handling updates (or writing state) from now on."""
    errors: list[BaseException] = []

    async def note(_update: object, context: Any) -> None:
        errors.append(context.error)

    bot.application.add_error_handler(note)
    return errors


async def test_forget_leaves_no_state_rows_after_the_update(bot: Bot, make_bot: Any) -> None:
    engine = bot.application.bot_data.engine
    await to_format(bot)
    assert {row.kind for row in rows_of(engine, bot.chat.chat_id)} == {"chat", "conversation"}
    (ask,) = await bot.chat.send("/forget")
    (done,) = await bot.chat.press_data("forget:yes", ask)
    assert done.plain == strings.FORGOTTEN
    other = ConsoleChat(bot.application, bot.api, chat_id=5151)
    await other.send("/start")  # another chat's update writes what is marked, then a timed run
    await bot.application.update_persistence()
    await stop(bot.application)  # and the last write on shutdown
    assert rows_of(engine, bot.chat.chat_id) == []
    assert rows_of(engine, 5151) != []
    again = await make_bot()
    assert state_of(again) is None and not again.application.chat_data.get(again.chat.chat_id)


async def test_concurrent_updates_of_one_chat_raise_nothing(bot: Bot, make_bot: Any) -> None:
    engine = bot.application.bot_data.engine
    errors = collect_errors(bot)
    await to_concern(bot)
    other = ConsoleChat(bot.application, bot.api, chat_id=5151)
    await asyncio.gather(
        bot.chat.send(CONCERN),
        bot.chat.send("/help"),
        bot.chat.send("/mydata"),
        other.send("/start"),
        bot.chat.send("/help"),
        other.send("/help"),
        bot.chat.send("/mydata"),
    )
    assert errors == []
    chat_id = bot.chat.chat_id
    in_memory = _stored(bot.application.chat_data[chat_id])
    assert "alcohol" in in_memory and state_of(bot) == Await.CONCERN
    stored = DatabasePersistence(engine)
    assert json.dumps((await stored.get_chat_data())[chat_id], sort_keys=True) == in_memory
    assert (await stored.get_conversations(CONVERSATION))[(chat_id, chat_id)] == Await.CONCERN
    await stop(bot.application)
    again = await make_bot()
    replies = await again.chat.press_data("concern:done")
    assert strings.ASK_FORMAT in [reply.plain for reply in replies]


async def test_many_writes_of_one_chat_at_once_end_with_the_last(engine: Engine) -> None:
    store = DatabasePersistence(engine)
    writes = []
    for n in range(30):
        writes.append(store.update_chat_data(7, {"n": n}))
        writes.append(store.update_conversation("search", (7, 7), f"s{n}"))
        if n == 10:
            writes.append(store.drop_chat_data(7))
    with counting(engine) as seen:
        await asyncio.gather(*writes)
        await store.flush()
    assert seen.state_transactions == 1  # one round of the event loop, one transaction
    again = DatabasePersistence(engine)
    assert await again.get_chat_data() == {7: {"n": 29}}
    assert await again.get_conversations("search") == {(7, 7): "s29"}


async def test_an_update_that_changes_nothing_writes_nothing(bot: Bot) -> None:
    engine = bot.application.bot_data.engine
    await to_format(bot)
    with counting(engine) as seen:
        (reply,) = await bot.chat.send("/help")
    assert reply.plain == strings.HELP
    assert seen.on("bot_state") == [] and seen.state_transactions == 0
    assert seen.on("person") == []  # seen a moment ago: last_seen_at is not rewritten
    with counting(engine) as seen:
        await bot.chat.press("In person")
    assert seen.on("bot_state") != [] and seen.state_transactions == 1
    assert PARSE_KEY not in bot.application.chat_data[bot.chat.chat_id]  # not kept or copied


async def test_last_seen_is_written_once_every_few_minutes(bot: Bot, clock: Any) -> None:
    engine = bot.application.bot_data.engine
    await bot.chat.send("/start")
    first = clock.now()
    clock.advance(timedelta(minutes=3))
    await bot.chat.send("/help")
    with session_scope(engine) as session:
        assert session.exec(select(Person)).one().last_seen_at == first
    clock.advance(timedelta(minutes=3))
    with counting(engine) as seen:
        await bot.chat.send("/help")
    assert len(seen.on("person")) == 1
    with session_scope(engine) as session:
        assert session.exec(select(Person)).one().last_seen_at == clock.now()
