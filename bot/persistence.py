"""PTB persistence backed by the database, so conversations survive a restart (no pickle file).

Conversation states, chat data and user data are stored as JSON in the `bot_state` table. Keys of
chat or user data that start with "_" are transient (e.g. the parse of the message being handled)
and are never stored. Bot data is not stored: it holds the settings, engine, parser and clock.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict
from typing import Any

from sqlalchemy import delete
from sqlalchemy.engine import Engine
from sqlmodel import select
from telegram.ext import BasePersistence, PersistenceInput
from telegram.ext._utils.types import CDCData, ConversationDict, ConversationKey

from bot.db import session_scope
from bot.models import utcnow
from bot.persistence_models import BotState

log = logging.getLogger(__name__)

JsonDict = dict[Any, Any]


def _stored(data: JsonDict) -> str:
    """The JSON text of chat or user data without its transient ("_") keys."""
    kept = {k: v for k, v in data.items() if not (isinstance(k, str) and k.startswith("_"))}
    return json.dumps(kept, sort_keys=True, default=str)


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

    def _rows(self, kind: str, name: str = "") -> list[BotState]:
        with session_scope(self.engine) as session:
            query = select(BotState).where(BotState.kind == kind, BotState.name == name)
            return list(session.exec(query).all())

    def _put(self, kind: str, key: str, data: str, *, name: str = "", chat_id: int | None) -> None:
        with session_scope(self.engine) as session:
            query = select(BotState).where(
                BotState.kind == kind, BotState.name == name, BotState.key == key
            )
            row = session.exec(query).first()
            if row is None:
                row = BotState(kind=kind, name=name, key=key, chat_id=chat_id, data=data)
            row.data, row.updated_at = data, utcnow()
            session.add(row)

    def _drop(self, kind: str, key: str, name: str = "") -> None:
        with session_scope(self.engine) as session:
            session.execute(
                delete(BotState).where(
                    BotState.kind == kind,  # type: ignore[arg-type]
                    BotState.name == name,  # type: ignore[arg-type]
                    BotState.key == key,  # type: ignore[arg-type]
                )
            )

    async def _load(self, kind: str) -> dict[int, JsonDict]:
        rows = await asyncio.to_thread(self._rows, kind)
        loaded: dict[int, JsonDict] = defaultdict(dict)
        for row in rows:
            loaded[int(row.key)] = json.loads(row.data)
        return loaded

    async def get_user_data(self) -> dict[int, JsonDict]:
        """All stored user data."""
        return await self._load("user")

    async def get_chat_data(self) -> dict[int, JsonDict]:
        """All stored chat data."""
        return await self._load("chat")

    async def get_bot_data(self) -> JsonDict:
        """Bot data is not stored (it holds live objects)."""
        return {}

    async def get_callback_data(self) -> CDCData | None:
        """Arbitrary callback data is not used."""
        return None

    async def get_conversations(self, name: str) -> ConversationDict:
        """The stored states of one conversation handler."""
        rows = await asyncio.to_thread(self._rows, "conversation", name)
        return {tuple(json.loads(row.key)): json.loads(row.data) for row in rows}

    async def update_conversation(
        self, name: str, key: ConversationKey, new_state: object | None
    ) -> None:
        """Store (or, when the conversation ended, delete) one conversation's state."""
        text_key = json.dumps(list(key))
        if new_state is None:
            await asyncio.to_thread(self._drop, "conversation", text_key, name)
            return
        chat_id = int(key[0]) if key and isinstance(key[0], int) else None
        data = json.dumps(new_state)
        await asyncio.to_thread(
            self._put, "conversation", text_key, data, name=name, chat_id=chat_id
        )

    async def update_user_data(self, user_id: int, data: JsonDict) -> None:
        """Store one user's data."""
        await asyncio.to_thread(self._put, "user", str(user_id), _stored(data), chat_id=user_id)

    async def update_chat_data(self, chat_id: int, data: JsonDict) -> None:
        """Store one chat's data."""
        await asyncio.to_thread(self._put, "chat", str(chat_id), _stored(data), chat_id=chat_id)

    async def update_bot_data(self, data: JsonDict) -> None:
        """Bot data is not stored."""

    async def update_callback_data(self, data: CDCData) -> None:
        """Arbitrary callback data is not used."""

    async def drop_chat_data(self, chat_id: int) -> None:
        """Delete one chat's data."""
        await asyncio.to_thread(self._drop, "chat", str(chat_id))

    async def drop_user_data(self, user_id: int) -> None:
        """Delete one user's data."""
        await asyncio.to_thread(self._drop, "user", str(user_id))

    async def refresh_user_data(self, user_id: int, user_data: JsonDict) -> None:
        """Nothing to refresh: this process is the only writer of its users' data."""

    async def refresh_chat_data(self, chat_id: int, chat_data: JsonDict) -> None:
        """Nothing to refresh: this process is the only writer of its chats' data."""

    async def refresh_bot_data(self, bot_data: JsonDict) -> None:
        """Bot data is not stored."""

    async def flush(self) -> None:
        """Everything is written at once; nothing to flush."""


def delete_chat_state(session: Any, chat_id: int) -> int:
    """Delete every stored state of one private chat (for /forget); returns how many rows."""
    result = session.execute(delete(BotState).where(BotState.chat_id == chat_id))  # type: ignore[arg-type]
    log.info("chat state deleted", extra={"rows": int(result.rowcount or 0)})
    return int(result.rowcount or 0)
