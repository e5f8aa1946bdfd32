"""Tables about people and what happened, plus the import of every table module for Alembic."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import BigInteger, Column, ForeignKey, Integer
from sqlmodel import Field, SQLModel

import bot.followups.models  # registers the follow-up tables
import bot.hello.models  # registers the volunteers and introductions
import bot.ops.models  # registers the retention tallies
import bot.persistence_models  # registers the conversation persistence table
import bot.staff.models  # noqa: F401  (registers the staff tables)
import directory.models  # noqa: F401  (registers the directory tables)


def utcnow() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


class PersonStatus(StrEnum):
    """Whether the bot may write to a person on its own."""

    active = "active"
    stopped = "stopped"  # said /stop: no messages until they write again
    blocked = "blocked"  # blocked the bot: nothing can be sent


class PersonBase(SQLModel):
    """What the bot keeps about a person: ids, choices and codes, never their words."""

    telegram_chat_id: int = Field(sa_column=Column(BigInteger, unique=True, nullable=False))
    timezone: str | None = Field(default=None, max_length=64)
    country: str | None = Field(default=None, max_length=2)
    language_code: str | None = Field(default=None, max_length=8)  # Telegram's, at first contact
    locale: str | None = Field(default=None, max_length=16)  # the language the bot writes in
    locale_chosen: bool = False  # they chose it (/language or the offer): never offered again
    status: PersonStatus = Field(default=PersonStatus.active, max_length=16)


class Person(PersonBase, table=True):
    """A person who wrote to the bot."""

    id: int | None = Field(default=None, primary_key=True)
    consented_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)
    last_seen_at: datetime = Field(default_factory=utcnow, index=True)


class EventKind(StrEnum):
    """Outcomes and steps, recorded for /mydata and for clinicians' counts."""

    started = "started"
    consented = "consented"
    matched = "matched"
    no_match = "no_match"
    planned = "planned"
    reminded = "reminded"
    followup_sent = "followup_sent"
    went = "went"
    did_not_go = "did_not_go"
    not_for_me = "not_for_me"
    no_answer = "no_answer"
    crisis = "crisis"
    stopped = "stopped"
    contact_shared = "contact_shared"
    hello_offered = "hello_offered"
    hello_accepted = "hello_accepted"
    hello_introduced = "hello_introduced"
    hello_went = "hello_went"  # went to the group a volunteer said hello for


class Event(SQLModel, table=True):
    """One step or outcome for one person (codes only, no free text)."""

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("person.id", ondelete="CASCADE"), index=True, nullable=False
        )
    )
    kind: str = Field(max_length=32, index=True)
    group_id: int | None = Field(default=None, index=True)
    detail: str | None = Field(default=None, max_length=64)
    at: datetime = Field(default_factory=utcnow, index=True)
