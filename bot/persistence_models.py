"""The table behind the bot's conversation persistence (states, chat and user data as JSON)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import BigInteger, Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def _utcnow() -> datetime:
    return datetime.now(UTC)


class BotState(SQLModel, table=True):
    """One stored piece of PTB state: a conversation's state, a chat's or a user's data (JSON)."""

    __tablename__ = "bot_state"
    __table_args__ = (UniqueConstraint("kind", "name", "key", name="uq_bot_state_kind_name_key"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16)  # conversation, chat, user, bot, callback
    name: str = Field(default="", max_length=64)  # the conversation's name, else ""
    key: str = Field(max_length=128)  # chat id, user id, or the conversation key as JSON
    chat_id: int | None = Field(default=None, sa_column=Column(BigInteger, index=True))
    data: str = Field(sa_column=Column(Text, nullable=False))
    updated_at: datetime = Field(default_factory=_utcnow)
