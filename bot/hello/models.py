"""Volunteers, what they cover, and introductions (ids, codes and times only; never words)."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import JSON, BigInteger, Column
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


class Volunteer(SQLModel, table=True):
    """A volunteer's settings (the role itself is a RoleGrant of `volunteer`)."""

    id: int | None = Field(default=None, primary_key=True)
    telegram_user_id: int = Field(sa_column=Column(BigInteger, unique=True, nullable=False))
    languages: str = Field(default="en", max_length=64)  # codes, comma-separated
    hours_from: int = Field(default=9)  # hour of day, in `timezone`, when contact may start
    hours_to: int = Field(default=21)  # hour of day, in `timezone`, when contact ends
    timezone: str | None = Field(default=None, max_length=64)  # IANA; None: the group's zone
    paused: bool = False
    conduct_agreed_at: datetime | None = None


class VolunteerScope(SQLModel, table=True):
    """One thing a volunteer covers: a group, or a fellowship in a city, or a fellowship online."""

    id: int | None = Field(default=None, primary_key=True)
    volunteer_user_id: int = Field(sa_column=Column(BigInteger, index=True, nullable=False))
    group_id: int | None = Field(default=None, index=True)
    fellowship_id: int | None = None
    city: str | None = Field(default=None, max_length=128)
    online: bool = False


class VolunteerInviteScope(SQLModel, table=True):
    """What a coordinator's volunteer invite covers; copied to the volunteer when it is redeemed."""

    id: int | None = Field(default=None, primary_key=True)
    invite_id: int = Field(index=True)
    group_id: int | None = None
    fellowship_id: int | None = None
    city: str | None = Field(default=None, max_length=128)
    online: bool = False


class HelloStatus(StrEnum):
    """Where an introduction stands."""

    asking = "asking"  # a volunteer was notified and has not answered yet
    open = "open"  # accepted: the relay is open
    closed = "closed"  # ended by either side, by time, or by a removal
    unanswered = "unanswered"  # nobody could say hello this time


class Hello(SQLModel, table=True):
    """One introduction between a person and a volunteer (the chosen name lives until it closes)."""

    id: int | None = Field(default=None, primary_key=True)
    person_chat_id: int = Field(sa_column=Column(BigInteger, index=True, nullable=False))
    group_id: int = Field(index=True)
    source: str = Field(max_length=16)  # "choice" or "missed"
    shown_name: str | None = Field(default=None, max_length=32)
    locale: str = Field(default="en", max_length=16)  # the person's language: the volunteer's too
    volunteer_user_id: int | None = Field(
        default=None, sa_column=Column(BigInteger, index=True, nullable=True)
    )
    passed: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    status: str = Field(default=HelloStatus.asking.value, max_length=16)  # a HelloStatus
    blocked: bool = False
    asked_at: datetime = Field(default_factory=utcnow)
    notify_at: datetime | None = None  # when the current volunteer is told (their hours start)
    notified_at: datetime | None = None  # set before the notice is sent: never sent twice
    answer_by: datetime | None = None  # the current volunteer's deadline to accept or pass
    opened_at: datetime | None = None
    closes_at: datetime | None = None
    closed_at: datetime | None = None
    closed_by: str | None = Field(default=None, max_length=16)
