"""Directory tables: fellowships, groups (with their extra concern codes) and meetings.

Weekdays are numbered like Python's ``date.weekday()``: Monday = 0 ... Sunday = 6 (the Meeting
Guide feed's Sunday = 0 is converted on import and export). Times are local to the group's IANA
time zone. A group's ``day_mask`` / ``time_mask`` summarise its meetings (kept up to date
automatically on every flush) so matching can filter 100,000 groups in the database.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
import sqlalchemy.orm
from sqlalchemy import Column, ForeignKey, Index, Integer, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel, col


def _utcnow() -> datetime:
    from datetime import UTC

    return datetime.now(UTC)


# JSON lists; JSONB on PostgreSQL so they can sit in a (covering) b-tree index.
JSON_LIST = sa.JSON().with_variant(JSONB(), "postgresql")


class Approach(StrEnum):
    """The kind of programme a fellowship follows."""

    twelve_step = "twelve-step"
    secular = "secular"
    peer_support = "peer-support"
    faith_based = "faith-based"


class GroupFormat(StrEnum):
    """Where a group meets."""

    in_person = "in_person"
    online = "online"
    hybrid = "hybrid"


class Freq(StrEnum):
    """How often a meeting recurs (HSDS schedule ``freq``)."""

    weekly = "weekly"
    monthly = "monthly"


# --------------------------------------------------------------------------- fellowships


class FellowshipBase(SQLModel):
    """A fellowship (AA, SMART Recovery, DBSA ...): its concerns, approach and first meetings."""

    name: str = Field(max_length=120, unique=True)
    short_name: str = Field(max_length=32)
    approach: Approach = Field(default=Approach.peer_support, sa_type=sa.String(16))
    concern_codes: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    for_family: bool = False
    dual_diagnosis: bool = False
    medication_friendly: bool = False
    website: str | None = Field(default=None, max_length=255)
    helpline: str | None = Field(default=None, max_length=64)
    what_to_expect: str = Field(default="", sa_type=sa.Text)
    description: str = Field(default="", sa_type=sa.Text)


class FellowshipCreate(FellowshipBase):
    """Fields to create a fellowship."""


class FellowshipUpdate(SQLModel):
    """Fields of a fellowship that may be changed (all optional)."""

    name: str | None = None
    short_name: str | None = None
    approach: Approach | None = None
    concern_codes: list[str] | None = None
    for_family: bool | None = None
    dual_diagnosis: bool | None = None
    medication_friendly: bool | None = None
    website: str | None = None
    helpline: str | None = None
    what_to_expect: str | None = None
    description: str | None = None


class Fellowship(FellowshipBase, table=True):
    """A fellowship row (``approach`` is stored and read back as plain text)."""

    id: int | None = Field(default=None, primary_key=True)
    approach: str = Field(default=Approach.peer_support.value, sa_type=sa.String(16))  # type: ignore[assignment]  # text in the table, the enum in the API


class FellowshipPublic(FellowshipBase):
    """A fellowship as shown to coordinators and the bot."""

    id: int


# --------------------------------------------------------------------------- groups


class GroupBase(SQLModel):
    """A group: one recurring meeting place (or link) of a fellowship."""

    name: str = Field(max_length=200)
    format: GroupFormat = Field(default=GroupFormat.in_person, sa_type=sa.String(16))
    location_name: str | None = Field(default=None, max_length=200)
    street: str | None = Field(default=None, max_length=200)
    city: str | None = Field(default=None, max_length=120)
    state: str | None = Field(default=None, max_length=120)
    postal_code: str | None = Field(default=None, max_length=20)
    country: str | None = Field(default=None, max_length=2)
    latitude: float | None = None
    longitude: float | None = None
    conference_url: str | None = Field(default=None, max_length=500)
    conference_phone: str | None = Field(default=None, max_length=64)
    timezone: str = Field(max_length=64)
    audience: list[str] = Field(default_factory=list, sa_type=JSON_LIST)
    languages: list[str] = Field(default_factory=list, sa_type=JSON_LIST)
    accessibility: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    other_types: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    open_meeting: bool | None = None  # True open to anyone, False closed, None unknown
    secular: bool = False
    dual_diagnosis: bool = False
    medication_friendly: bool = False
    contact_name: str | None = Field(default=None, max_length=120)
    contact_telegram: str | None = Field(default=None, max_length=64)
    contact_phone: str | None = Field(default=None, max_length=64)
    contact_consent_on: date | None = None
    notes: str = Field(default="", sa_type=sa.Text)
    last_verified: date | None = None
    is_sample: bool = False
    source: str = Field(default="manual", max_length=120)
    source_id: str | None = Field(default=None, max_length=200)
    # What the feed says about it, kept so an export gives it back (Meeting Guide fields)
    temporarily_closed: bool = False  # attendance_option "inactive": kept, never suggested
    approximate: bool = False  # the address is only a town or area, not a door to go to
    formatted_address: str | None = Field(default=None, max_length=500)
    group_name: str | None = Field(default=None, max_length=200)  # the feed's `group`
    group_key: str | None = Field(default=None, max_length=200)  # entries of one group share it
    regions: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    feed_extras: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)


class GroupCreate(GroupBase):
    """Fields to create a group, with its fellowship and extra concern codes."""

    fellowship_id: int
    extra_concern_codes: list[str] = Field(default_factory=list)


class GroupUpdate(SQLModel):
    """Fields of a group that may be changed (all optional)."""

    name: str | None = None
    fellowship_id: int | None = None
    extra_concern_codes: list[str] | None = None
    format: GroupFormat | None = None
    location_name: str | None = None
    street: str | None = None
    city: str | None = None
    state: str | None = None
    postal_code: str | None = None
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    conference_url: str | None = None
    conference_phone: str | None = None
    timezone: str | None = None
    audience: list[str] | None = None
    languages: list[str] | None = None
    accessibility: list[str] | None = None
    other_types: list[str] | None = None
    open_meeting: bool | None = None
    secular: bool | None = None
    dual_diagnosis: bool | None = None
    medication_friendly: bool | None = None
    contact_name: str | None = None
    contact_telegram: str | None = None
    contact_phone: str | None = None
    contact_consent_on: date | None = None
    notes: str | None = None
    last_verified: date | None = None
    temporarily_closed: bool | None = None
    approximate: bool | None = None
    formatted_address: str | None = None
    group_name: str | None = None
    group_key: str | None = None
    regions: list[str] | None = None
    feed_extras: dict[str, Any] | None = None


# Covering indexes: matching filters and pre-ranks candidates from the index alone (no table reads).
_RANKING_COLUMNS: tuple[str, ...] = (
    "fellowship_id", "active", "temporarily_closed", "day_mask", "time_mask", "timezone",
    "last_verified", "secular",
    "dual_diagnosis", "medication_friendly", "audience", "languages",
)  # fmt: skip


class Group(GroupBase, table=True):
    """A group row. ``active`` False means archived: never suggested."""

    __table_args__ = (
        UniqueConstraint("source", "source_id", name="uq_group_source_source_id"),
        Index("ix_group_nearby", "latitude", "longitude", "format", *_RANKING_COLUMNS),
        Index("ix_group_online", "format", *_RANKING_COLUMNS),
        Index("ix_group_source_group_key", "source", "group_key"),
    )

    id: int | None = Field(default=None, primary_key=True)
    format: str = Field(default=GroupFormat.in_person.value, sa_type=sa.String(16))  # type: ignore[assignment]  # text in the table, the enum in the API
    fellowship_id: int = Field(
        sa_column=Column(Integer, ForeignKey("fellowship.id"), index=True, nullable=False)
    )
    active: bool = Field(default=True, index=True)
    archived_at: datetime | None = None
    created_at: datetime = Field(default_factory=_utcnow)
    updated_at: datetime = Field(default_factory=_utcnow)
    day_mask: int = 0  # bit d set: meets on weekday d (Monday = 0)
    time_mask: int = 0  # bit 0 morning, 1 afternoon, 2 evening (group's local time)


class GroupPublic(GroupBase):
    """A group as shown to coordinators (with its meetings)."""

    id: int
    fellowship_id: int
    extra_concern_codes: list[str] = Field(default_factory=list)
    active: bool
    meetings: list[MeetingPublic] = Field(default_factory=list)

    @property
    def has_newcomer_contact(self) -> bool:
        """True when a volunteer agreed to be contacted and can be reached."""
        return has_newcomer_contact(self)


_WEB_ADDRESS = re.compile(r"^https?://[^\s/]+", re.IGNORECASE)


def web_address(text: str | None) -> str | None:
    """The text when it is a web address (http or https), else None: a javascript: or tg:// link
    is never kept by an import nor shown to anyone."""
    return text if text and _WEB_ADDRESS.match(text) else None


def has_newcomer_contact(group: GroupBase) -> bool:
    """True when a group has a newcomer contact who agreed and a way to reach them."""
    return group.contact_consent_on is not None and bool(
        group.contact_telegram or group.contact_phone
    )


class GroupConcern(SQLModel, table=True):
    """An extra concern code of a group (beyond its fellowship's), indexed by code for matching."""

    __table_args__ = (Index("ix_groupconcern_code_group", "code", "group_id"),)

    group_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("group.id", ondelete="CASCADE"), primary_key=True, nullable=False
        )
    )
    code: str = Field(max_length=32, primary_key=True)


# --------------------------------------------------------------------------- meetings


class MeetingBase(SQLModel):
    """When a group meets: a weekday and local start/end, weekly by default.

    Other rhythms follow HSDS schedules: ``interval`` 2 with an ``anchor`` date on which it meets
    for every other week; ``freq`` monthly with ``byday`` like ``1TU`` or ``-1FR,3FR``.
    """

    weekday: int = Field(ge=0, le=6)
    start: time
    end: time | None = None
    freq: Freq = Field(default=Freq.weekly, sa_type=sa.String(8))
    interval: int = Field(default=1, ge=1, le=12)
    byday: str | None = Field(default=None, max_length=32)
    anchor: date | None = None
    source_id: str | None = Field(default=None, max_length=200)  # the feed entry it came from
    name: str | None = Field(default=None, max_length=200)  # the entry's name, when not the group's
    notes: str | None = Field(
        default=None, sa_type=sa.Text
    )  # the entry's notes, when not the group's
    feed_extras: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON)  # its own url ...


class MeetingCreate(MeetingBase):
    """Fields to add a meeting to a group."""


class MeetingUpdate(SQLModel):
    """Fields of a meeting that may be changed (all optional)."""

    weekday: int | None = Field(default=None, ge=0, le=6)
    start: time | None = None
    end: time | None = None
    freq: Freq | None = None
    interval: int | None = Field(default=None, ge=1, le=12)
    byday: str | None = None
    anchor: date | None = None
    source_id: str | None = None
    name: str | None = None
    notes: str | None = None
    feed_extras: dict[str, Any] | None = None


class Meeting(MeetingBase, table=True):
    """A meeting row; deleted with its group."""

    id: int | None = Field(default=None, primary_key=True)
    freq: str = Field(default=Freq.weekly.value, sa_type=sa.String(8))  # type: ignore[assignment]  # text in the table, the enum in the API
    group_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("group.id", ondelete="CASCADE"), index=True, nullable=False
        )
    )


class MeetingPublic(MeetingBase):
    """A meeting as shown to coordinators."""

    id: int
    group_id: int


GroupPublic.model_rebuild()


# --------------------------------------------------------------------------- feed sources


class FeedFormat(StrEnum):
    """Feeds a source can publish."""

    meeting_guide = "meeting-guide"
    bmlt = "bmlt"
    csv = "csv"


class FeedSource(SQLModel, table=True):
    """A published feed the directory refreshes by itself (its groups carry ``source`` = name).

    ``etag`` / ``last_modified`` make the next fetch conditional; ``failures`` counts failed
    fetches in a row; a refresh that would archive more than a quarter of the source's groups is
    held (``held_*``) until a coordinator confirms it (``confirmed_hash``).
    """

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=120, unique=True)
    url: str = Field(max_length=1000)
    format: str = Field(default=FeedFormat.meeting_guide.value, max_length=16)
    fellowship: str | None = Field(default=None, max_length=120)
    timezone: str | None = Field(default=None, max_length=64)
    every_minutes: int = Field(default=1440, ge=5)
    enabled: bool = True
    created_at: datetime = Field(default_factory=_utcnow)
    etag: str | None = Field(default=None, max_length=300)
    last_modified: str | None = Field(default=None, max_length=100)
    content_hash: str | None = Field(default=None, max_length=64)
    last_fetched_at: datetime | None = None
    last_ok_at: datetime | None = None
    last_changed_at: datetime | None = None
    last_summary: str = Field(default="", sa_type=sa.Text)
    last_error: str | None = Field(default=None, sa_type=sa.Text)
    failures: int = 0
    held_hash: str | None = Field(default=None, max_length=64)
    held_body: bytes | None = Field(default=None, sa_type=sa.LargeBinary)
    held_at: datetime | None = None
    held_archive: int = 0
    held_total: int = 0
    confirmed_hash: str | None = Field(default=None, max_length=64)
    alerted: str | None = Field(default=None, max_length=32)  # the last alert sent, once
    alerted_at: datetime | None = None


# --------------------------------------------------------------------------- schedule summary

MORNING, AFTERNOON, EVENING = 1, 2, 4


def time_bit(start: time) -> int:
    """The time-of-day bit of a local start: morning < 12:00 <= afternoon < 17:00 <= evening."""
    if start.hour < 12:
        return MORNING
    if start.hour < 17:
        return AFTERNOON
    return EVENING


def schedule_masks(meetings: list[MeetingBase]) -> tuple[int, int]:
    """The (day_mask, time_mask) summary of a group's meetings."""
    day_mask = time_mask = 0
    for meeting in meetings:
        day_mask |= 1 << meeting.weekday
        time_mask |= time_bit(meeting.start)
    return day_mask, time_mask


def _refresh_schedule_masks(session: sa.orm.Session, _context: object, _instances: object) -> None:
    """Before each flush: recompute the masks of every group whose meetings changed."""
    changed = (*session.new, *session.dirty, *session.deleted)
    touched = [o for o in changed if isinstance(o, Meeting)]
    if not touched:
        return
    group_ids: set[int] = set()
    for meeting in touched:
        history = sa.inspect(meeting).attrs.group_id.history
        group_ids.update(g for g in (meeting.group_id, *history.deleted) if g is not None)
    deleted = {id(o) for o in session.deleted}
    by_group: dict[int, dict[int, Meeting]] = {g: {} for g in group_ids}
    ordered = sorted(group_ids)
    with session.no_autoflush:
        for start in range(0, len(ordered), 500):
            chunk = ordered[start : start + 500]
            for m in session.scalars(sa.select(Meeting).where(col(Meeting.group_id).in_(chunk))):
                by_group.setdefault(m.group_id, {})[id(m)] = m
        for m in session.new:
            if isinstance(m, Meeting) and m.group_id in by_group:
                by_group[m.group_id][id(m)] = m
        for group_id, meetings in by_group.items():
            group = session.get(Group, group_id)
            if group is None:
                continue
            day_mask, time_mask = schedule_masks(
                [m for k, m in meetings.items() if k not in deleted and m.group_id == group_id]
            )
            if (group.day_mask, group.time_mask) != (day_mask, time_mask):
                group.day_mask, group.time_mask = day_mask, time_mask


sa.event.listen(sa.orm.Session, "before_flush", _refresh_schedule_masks)
