"""PTB persistence backed by the database, so conversations survive a restart (no pickle file).

Conversation states, chat data and user data are stored as JSON in the `bot_state` table. Keys of
chat or user data that start with "_" are transient (e.g. the parse of the message being handled)
and are never stored. Bot data is not stored: it holds the settings, engine, parser and clock.

Writes are cheap and safe under load:
- everything one `Application.update_persistence()` hands over (all its chats, users and
  conversations) is written in ONE transaction (through `run_db`), by a writer task; what is
  handed over while a transaction is under way goes into the next one (a group commit), so
  `update_persistence()` never waits for the database and `flush()` waits until it is written;
- a piece whose JSON is the same as what was last written (or loaded) is not written again, and
  empty data is never stored (an absent row loads as empty data);
- rows are written with an upsert (`INSERT ... ON CONFLICT DO UPDATE`), batches one after another,
  so two updates of one chat never race on a row;
- dropping a chat's data deletes every row of that chat (chat data and conversations), so after
  /forget nothing of the chat is written back.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict
from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine
from sqlmodel import col
from telegram.ext import BasePersistence, PersistenceInput

from bot.db import run_db
from bot.models import utcnow
from bot.persistence_models import BotState

log = logging.getLogger(__name__)
# The shapes BasePersistence's methods take and give, as PTB documents them (its own aliases live
# in a private module).
ConversationKey = tuple[int | str, ...]
ConversationDict = MutableMapping[ConversationKey, object]
CDCData = tuple[list[tuple[str, float, dict[str, Any]]], dict[str, str]]

JsonDict = dict[Any, Any]
Key = tuple[str, str, str]  # kind, name, key
EMPTY = "{}"
UNKNOWN = None  # what is stored under a key is not known (a write failed): write it again
TABLE = BotState.__table__  # type: ignore[attr-defined]


def _stored(data: JsonDict) -> str:
    """The JSON text of chat or user data without its transient ("_") keys."""
    kept = {k: v for k, v in data.items() if not (isinstance(k, str) and k.startswith("_"))}
    return json.dumps(kept, sort_keys=True, default=str)


@dataclass(frozen=True)
class Write:
    """One change to `bot_state`: store `data` under a key, delete a key (data None), or every row
    of a chat (key None)."""

    key: Key | None
    chat_id: int | None
    data: str | None


class DatabasePersistence(BasePersistence[JsonDict, JsonDict, JsonDict]):
    """Stores conversation states and chat/user data in the `bot_state` table."""

    def __init__(self, engine: Engine, *, update_interval: float = 30) -> None:
        super().__init__(
            store_data=PersistenceInput(
                bot_data=False, chat_data=True, user_data=True, callback_data=False
            ),
            update_interval=update_interval,
        )
        self.engine = engine
        self._written: dict[Key, tuple[int | None, str | None]] = {}  # what the table holds
        self._unsure_chats: set[int] = set()  # a chat-wide delete of these failed
        self._pending: list[Write] = []  # the next batch
        self._next: asyncio.Future[None] | None = None  # done when the next batch is committed
        self._newest: asyncio.Future[None] | None = None  # the newest batch (waiting or writing)
        self._writer: asyncio.Task[None] | None = None  # writes the batches one after another
        self._upsert_statement: Any = None

    # -- reading (once, at start) -------------------------------------------------------------

    def _rows(self, kind: str, name: str = "") -> list[tuple[str, int | None, str]]:
        with self.engine.connect() as conn:
            query = select(TABLE.c.key, TABLE.c.chat_id, TABLE.c.data).where(
                TABLE.c.kind == kind, TABLE.c.name == name
            )
            return [(row.key, row.chat_id, row.data) for row in conn.execute(query)]

    async def _load(self, kind: str, name: str = "") -> list[tuple[str, str]]:
        rows = await asyncio.to_thread(self._rows, kind, name)
        for key, chat_id, data in rows:
            self._written[(kind, name, key)] = (chat_id, data)
        return [(key, data) for key, _, data in rows]

    async def _load_data(self, kind: str) -> dict[int, JsonDict]:
        loaded: dict[int, JsonDict] = defaultdict(dict)
        for key, data in await self._load(kind):
            loaded[int(key)] = json.loads(data)
        return loaded

    async def get_user_data(self) -> dict[int, JsonDict]:
        """All stored user data."""
        return await self._load_data("user")

    async def get_chat_data(self) -> dict[int, JsonDict]:
        """All stored chat data."""
        return await self._load_data("chat")

    async def get_bot_data(self) -> JsonDict:
        """Bot data is not stored (it holds live objects)."""
        return {}

    async def get_callback_data(self) -> CDCData | None:
        """Arbitrary callback data is not used."""
        return None

    async def get_conversations(self, name: str) -> ConversationDict:
        """The stored states of one conversation handler."""
        rows = await self._load("conversation", name)
        return {tuple(json.loads(key)): json.loads(data) for key, data in rows}

    # -- writing ------------------------------------------------------------------------------

    def _known(self, key: Key, chat_id: int | None) -> str | None:
        """What the table holds under a key: its JSON, EMPTY when there is no row, or UNKNOWN."""
        if chat_id is not None and chat_id in self._unsure_chats:
            return UNKNOWN
        held = self._written.get(key)
        return EMPTY if held is None else held[1]

    def _put(self, key: Key, chat_id: int | None, data: str) -> None:
        """Write `data` under `key` unless the table already holds it (EMPTY deletes the row)."""
        if self._known(key, chat_id) == data:
            return
        if data == EMPTY:
            self._written.pop(key, None)
            self._submit(Write(key, chat_id, None))
            return
        self._written[key] = (chat_id, data)
        self._submit(Write(key, chat_id, data))

    def _submit(self, write: Write) -> None:
        """Add a write to the next batch (written soon by the writer task; `flush` waits)."""
        self._pending.append(write)
        if self._next is None:
            self._next = self._newest = asyncio.get_running_loop().create_future()
            self._next.add_done_callback(_retrieved)
        if self._writer is None or self._writer.done():
            self._writer = asyncio.ensure_future(self._write_batches())

    async def _write_batches(self) -> None:
        """Write each batch in one transaction, in order, while there are writes waiting.

        What arrives while a batch is being written goes into the next one (a group commit).
        """
        await asyncio.sleep(0)  # the other writes of the same update_persistence() join in
        while self._pending and self._next is not None:
            writes, done = self._pending, self._next
            self._pending, self._next = [], None
            try:
                await run_db(self.engine, self._apply, writes)
            except BaseException as exc:
                self._forget_known(writes)
                if isinstance(exc, asyncio.CancelledError):
                    done.cancel()
                    raise
                done.set_exception(exc)
                continue
            self._unsure_chats -= {w.chat_id for w in writes if w.key is None}
            done.set_result(None)

    def _forget_known(self, writes: list[Write]) -> None:
        """A batch failed: what it meant to write is unknown, so it is written again next time."""
        for write in writes:
            if write.key is not None:
                self._written[write.key] = (write.chat_id, UNKNOWN)
            elif write.chat_id is not None:
                self._unsure_chats.add(write.chat_id)
        log.error("state not written", extra={"writes": len(writes)})

    def _apply(self, writes: list[Write]) -> None:
        """Run the writes in order in one transaction (runs of stores as one executemany)."""
        with self.engine.begin() as conn:
            stores: dict[Key, dict[str, Any]] = {}
            for write in writes:
                if write.key is not None and write.data is not None:
                    stores[write.key] = self._row(write.key, write.chat_id, write.data)
                    continue
                self._store(conn, stores)
                self._delete(conn, write)
            self._store(conn, stores)

    def _store(self, conn: Connection, stores: dict[Key, dict[str, Any]]) -> None:
        """Upsert the rows gathered so far (the newest data of each key), then start afresh."""
        if stores:
            conn.execute(self._upsert(), list(stores.values()))
            stores.clear()

    @staticmethod
    def _row(key: Key, chat_id: int | None, data: str) -> dict[str, Any]:
        kind, name, text_key = key
        values = {"kind": kind, "name": name, "key": text_key, "chat_id": chat_id, "data": data}
        return {**values, "updated_at": utcnow()}

    @staticmethod
    def _delete(conn: Connection, write: Write) -> None:
        if write.key is None:
            conn.execute(delete(TABLE).where(TABLE.c.chat_id == write.chat_id))
            return
        kind, name, key = write.key
        conn.execute(
            delete(TABLE).where(TABLE.c.kind == kind, TABLE.c.name == name, TABLE.c.key == key)
        )

    def _upsert(self) -> Any:
        """INSERT ... ON CONFLICT (kind, name, key) DO UPDATE, on SQLite and PostgreSQL (built
        once: one compiled statement for every batch)."""
        if self._upsert_statement is None:
            dialect = postgresql if self.engine.dialect.name == "postgresql" else sqlite
            statement = dialect.insert(TABLE)
            new = statement.excluded
            self._upsert_statement = statement.on_conflict_do_update(
                index_elements=["kind", "name", "key"],
                set_={"data": new.data, "chat_id": new.chat_id, "updated_at": new.updated_at},
            )
        return self._upsert_statement

    async def update_conversation(
        self, name: str, key: ConversationKey, new_state: object | None
    ) -> None:
        """Store (or, when the conversation ended, delete) one conversation's state."""
        chat_id = int(key[0]) if key and isinstance(key[0], int) else None
        data = EMPTY if new_state is None else json.dumps(new_state)
        self._put(("conversation", name, json.dumps(list(key))), chat_id, data)

    async def update_user_data(self, user_id: int, data: JsonDict) -> None:
        """Store one user's data (when it changed)."""
        self._put(("user", "", str(user_id)), user_id, _stored(data))

    async def update_chat_data(self, chat_id: int, data: JsonDict) -> None:
        """Store one chat's data (when it changed)."""
        self._put(("chat", "", str(chat_id)), chat_id, _stored(data))

    async def update_bot_data(self, data: JsonDict) -> None:
        """Bot data is not stored."""

    async def update_callback_data(self, data: CDCData) -> None:
        """Arbitrary callback data is not used."""

    async def drop_chat_data(self, chat_id: int) -> None:
        """Delete everything stored for one chat: its data and its conversations' states."""
        for key in [k for k, (chat, _) in self._written.items() if chat == chat_id]:
            del self._written[key]
        self._submit(Write(None, chat_id, None))

    async def drop_user_data(self, user_id: int) -> None:
        """Delete one user's data."""
        key = ("user", "", str(user_id))
        self._written.pop(key, None)
        self._submit(Write(key, user_id, None))

    async def refresh_user_data(self, user_id: int, user_data: JsonDict) -> None:
        """Nothing to refresh: this process is the only writer of its users' data."""

    async def refresh_chat_data(self, chat_id: int, chat_data: JsonDict) -> None:
        """Nothing to refresh: this process is the only writer of its chats' data."""

    async def refresh_bot_data(self, bot_data: JsonDict) -> None:
        """Bot data is not stored."""

    async def flush(self) -> None:
        """Wait until everything handed over so far is committed (raises if that write failed)."""
        newest = self._newest
        if newest is not None and not newest.done():
            await asyncio.shield(newest)


def _retrieved(future: asyncio.Future[None]) -> None:
    """Mark a batch's failure as seen (it is logged; waiting callers get it raised)."""
    if not future.cancelled():
        future.exception()


def delete_chat_state(session: Any, chat_id: int) -> int:
    """Delete every stored state of one private chat (for /forget); returns how many rows."""
    result = session.execute(delete(BotState).where(col(BotState.chat_id) == chat_id))
    log.info("chat state deleted", extra={"rows": int(result.rowcount or 0)})
    return int(result.rowcount or 0)
