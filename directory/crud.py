"""Keyword-only storage functions for fellowships, groups and meetings (validated, no commits).

The caller owns the transaction (``bot.db.session_scope``); these functions flush so ids exist.
Bad values raise ``DirectoryError`` naming the field and saying what is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, date, datetime
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import sqlalchemy as sa
from sqlmodel import Session, col, select

from directory.geo import Place, distance_km, timezone_at
from directory.models import (
    Fellowship,
    FellowshipCreate,
    FellowshipUpdate,
    Group,
    GroupConcern,
    GroupCreate,
    GroupFormat,
    GroupPublic,
    GroupUpdate,
    Meeting,
    MeetingBase,
    MeetingCreate,
    MeetingPublic,
    schedule_masks,
)
from directory.schedule import ScheduleError, check_rhythm
from nlp.result import AUDIENCES
from nlp.result import CONCERN_CODES as TAXONOMY_CODES

CONCERN_CODES: frozenset[str] = frozenset(TAXONOMY_CODES)
# The parser's audiences, and those only a feed says (Meeting Guide SEN, POC, N/NDG, BE, Alateen)
AUDIENCE_TAGS: frozenset[str] = frozenset(
    {*AUDIENCES, "family", "seniors", "people_of_color", "indigenous", "newcomers", "teens"}
)
ADDRESS_FIELDS = ("street", "city", "state", "postal_code", "country")
_FORMATS = frozenset(f.value for f in GroupFormat)
_TELEGRAM_USERNAME = re.compile(r"^@?[A-Za-z][A-Za-z0-9_]{4,31}$")


class DirectoryError(ValueError):
    """A value the directory cannot store: which field, and why, in plain words."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


def _now() -> datetime:
    return datetime.now(UTC)


# --------------------------------------------------------------------------- validation


def check_timezone(name: str | None, field: str = "timezone") -> str:
    """Return the IANA name when it is known, else raise DirectoryError."""
    if not name:
        raise DirectoryError(field, "a time zone is needed, like America/New_York")
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a file
        raise DirectoryError(field, f"{name!r} is not a known time zone") from None
    return name


def check_concern_codes(codes: Sequence[str], field: str = "concern_codes") -> list[str]:
    """Return the codes, sorted and unique, when all are known, else raise DirectoryError."""
    unknown = sorted(set(codes) - CONCERN_CODES)
    if unknown:
        raise DirectoryError(field, f"unknown concern code {unknown[0]!r}")
    return sorted(set(codes))


def check_group_fields(group: Group | Any) -> None:
    """Check a group's fields hang together (format, place, link, tags, contact); ``group`` is a
    Group or anything with its fields as attributes (imports check plain records)."""
    check_timezone(group.timezone)
    if not group.name or not group.name.strip():
        raise DirectoryError("name", "a group needs a name")
    if group.format not in _FORMATS:
        raise DirectoryError("format", f"{group.format!r} is not in_person, online or hybrid")
    online = group.format in (GroupFormat.online, GroupFormat.hybrid)
    if group.temporarily_closed:
        online = False  # not meeting now: kept as the feed lists it, never suggested
    if online and not (group.conference_url or group.conference_phone):
        raise DirectoryError("conference_url", "an online group needs a link or a phone number")
    if (
        group.format != GroupFormat.online
        and not group.temporarily_closed
        and not (group.street or group.city or group.latitude is not None)
    ):
        raise DirectoryError("address", "an in-person group needs an address or coordinates")
    if (group.latitude is None) != (group.longitude is None):
        raise DirectoryError("latitude", "give both latitude and longitude, or neither")
    if group.latitude is not None and not -90 <= group.latitude <= 90:
        raise DirectoryError("latitude", "must be between -90 and 90")
    if group.longitude is not None and not -180 <= group.longitude <= 180:
        raise DirectoryError("longitude", "must be between -180 and 180")
    unknown = sorted(set(group.audience or []) - AUDIENCE_TAGS)
    if unknown:
        raise DirectoryError("audience", f"unknown audience {unknown[0]!r}")
    if group.contact_telegram and not _TELEGRAM_USERNAME.match(group.contact_telegram):
        raise DirectoryError("contact_telegram", "must be a Telegram username like @name")
    if (group.contact_telegram or group.contact_phone) and group.contact_consent_on is None:
        raise DirectoryError(
            "contact_consent_on", "a newcomer contact is stored only with the date they agreed"
        )


def check_meeting(meeting: MeetingBase) -> None:
    """Check a meeting's weekday and rhythm."""
    if not 0 <= meeting.weekday <= 6:
        raise DirectoryError("weekday", "must be 0 (Monday) to 6 (Sunday)")
    try:
        check_rhythm(meeting)
    except ScheduleError as exc:
        raise DirectoryError("byday", str(exc)) from None


# --------------------------------------------------------------------------- fellowships


def create_fellowship(session: Session, *, data: FellowshipCreate) -> Fellowship:
    """Add a fellowship."""
    fellowship = Fellowship.model_validate(data)
    fellowship.concern_codes = check_concern_codes(data.concern_codes)
    session.add(fellowship)
    session.flush()
    return fellowship


def update_fellowship(
    session: Session, *, fellowship: Fellowship, data: FellowshipUpdate
) -> Fellowship:
    """Change a fellowship's fields (only those set)."""
    values = data.model_dump(exclude_unset=True)
    if "concern_codes" in values and values["concern_codes"] is not None:
        values["concern_codes"] = check_concern_codes(values["concern_codes"])
    for key, value in values.items():
        if value is not None:
            setattr(fellowship, key, value)
    session.add(fellowship)
    session.flush()
    return fellowship


def get_fellowship(session: Session, *, name: str) -> Fellowship | None:
    """A fellowship by its name or short name (case-insensitive)."""
    wanted = name.strip().lower()
    lower_name, lower_short = sa.func.lower(Fellowship.name), sa.func.lower(Fellowship.short_name)
    query = select(Fellowship).where(sa.or_(lower_name == wanted, lower_short == wanted))
    return session.exec(query.order_by(col(Fellowship.id))).first()


def list_fellowships(session: Session) -> list[Fellowship]:
    """All fellowships, by name."""
    return list(session.exec(select(Fellowship).order_by(Fellowship.name)).all())


# --------------------------------------------------------------------------- groups


def _fill_timezone(group: Group) -> None:
    if not group.timezone and group.latitude is not None and group.longitude is not None:
        group.timezone = timezone_at(group.latitude, group.longitude) or ""


def set_extra_concerns(session: Session, *, group: Group, codes: Sequence[str]) -> list[str]:
    """Replace a group's extra concern codes."""
    wanted = check_concern_codes(codes, "extra_concern_codes")
    assert group.id is not None
    current = {
        gc.code: gc
        for gc in session.exec(select(GroupConcern).where(GroupConcern.group_id == group.id))
    }
    for code, row in current.items():
        if code not in wanted:
            session.delete(row)
    for code in wanted:
        if code not in current:
            session.add(GroupConcern(group_id=group.id, code=code))
    session.flush()
    return wanted


def extra_concerns(session: Session, *, group_id: int) -> list[str]:
    """A group's extra concern codes."""
    query = select(GroupConcern.code).where(GroupConcern.group_id == group_id)
    return sorted(session.exec(query).all())


def create_group(
    session: Session, *, data: GroupCreate, meetings: Sequence[MeetingCreate] = ()
) -> Group:
    """Add a group with its extra concern codes and meetings."""
    if session.get(Fellowship, data.fellowship_id) is None:
        raise DirectoryError("fellowship", f"no fellowship with id {data.fellowship_id}")
    group = Group.model_validate(data.model_dump(exclude={"extra_concern_codes"}))
    _fill_timezone(group)
    check_group_fields(group)
    check_concern_codes(data.extra_concern_codes, "extra_concern_codes")
    session.add(group)
    session.flush()
    set_extra_concerns(session, group=group, codes=data.extra_concern_codes)
    set_meetings(session, group=group, meetings=meetings)
    return group


def create_groups(
    session: Session, *, items: Sequence[tuple[GroupCreate, Sequence[MeetingCreate]]]
) -> list[Group]:
    """Add many groups at once (for imports): every one is checked, then written in two flushes."""
    fellowships = {f.id for f in session.exec(select(Fellowship))}
    groups: list[Group] = []
    for data, meetings in items:
        if data.fellowship_id not in fellowships:
            raise DirectoryError("fellowship", f"no fellowship with id {data.fellowship_id}")
        group = Group.model_validate(data.model_dump(exclude={"extra_concern_codes"}))
        _fill_timezone(group)
        check_group_fields(group)
        check_concern_codes(data.extra_concern_codes, "extra_concern_codes")
        for meeting in meetings:
            check_meeting(meeting)
        groups.append(group)
    session.add_all(groups)
    session.flush()
    for group, (data, meetings) in zip(groups, items, strict=True):
        assert group.id is not None  # flushed above
        codes = set(data.extra_concern_codes)
        session.add_all(GroupConcern(group_id=group.id, code=c) for c in codes)
        session.add_all(Meeting(group_id=group.id, **m.model_dump()) for m in meetings)
    session.flush()
    return groups


def _group_defaults() -> dict[str, Any]:
    """Every column of a new group with its default value (for rows written in bulk)."""
    values: dict[str, Any] = {}
    for name, field in Group.model_fields.items():
        if name == "id":
            continue
        values[name] = field.default_factory() if field.default_factory else field.default  # type: ignore[call-arg]
    return values


def group_probe(fields: dict[str, Any]) -> SimpleNamespace:
    """A group's fields as a plain object, cheap to check with ``check_group_fields``."""
    return SimpleNamespace(**{**_GROUP_DEFAULTS, **fields})


def insert_groups(
    session: Session,
    *,
    rows: Sequence[dict[str, Any]],
    meetings: Sequence[Sequence[MeetingCreate]],
    concerns: Sequence[Sequence[str]],
    now: datetime | None = None,
) -> list[int]:
    """Add many groups at once (imports): each checked, then written with three bulk inserts.

    ``rows`` hold the group columns (fellowship_id, source, source_id and the fields); the
    schedule masks are worked out here, as the flush listener does for single groups.
    """
    now = now or _now()
    table = Group.__table__  # type: ignore[attr-defined]
    ids: list[int] = []
    for start in range(0, len(rows), 500):  # built and written 500 at a time
        values: list[dict[str, Any]] = []
        for row, group_meetings, codes in zip(
            rows[start : start + 500],
            meetings[start : start + 500],
            concerns[start : start + 500],
            strict=True,
        ):
            full = {**_GROUP_DEFAULTS, **row, "created_at": now, "updated_at": now}
            check_group_fields(SimpleNamespace(**full))
            check_concern_codes(codes, "extra_concern_codes")
            for meeting in group_meetings:
                check_meeting(meeting)
            full["day_mask"], full["time_mask"] = schedule_masks(list(group_meetings))
            values.append(full)
        result = session.execute(
            sa.insert(table).returning(table.c.id, sort_by_parameter_order=True), values
        )
        ids.extend(map(int, result.scalars()))
    if not ids:
        return []
    meeting_rows = [
        {"group_id": gid, **m.model_dump()}
        for gid, ms in zip(ids, meetings, strict=True)
        for m in ms
    ]
    if meeting_rows:
        session.execute(sa.insert(Meeting.__table__), meeting_rows)  # type: ignore[attr-defined]
    concern_rows = [
        {"group_id": gid, "code": c} for gid, cs in zip(ids, concerns, strict=True) for c in set(cs)
    ]
    if concern_rows:
        session.execute(sa.insert(GroupConcern.__table__), concern_rows)  # type: ignore[attr-defined]
    return ids


def update_group(
    session: Session, *, group: Group, data: GroupUpdate, now: datetime | None = None
) -> Group:
    """Change a group's fields (only those set)."""
    values = data.model_dump(exclude_unset=True)
    codes = values.pop("extra_concern_codes", None)
    if "fellowship_id" in values and session.get(Fellowship, values["fellowship_id"]) is None:
        raise DirectoryError("fellowship", f"no fellowship with id {values['fellowship_id']}")
    moved = any(k in values and values[k] != getattr(group, k) for k in ADDRESS_FIELDS)
    if moved and "formatted_address" not in values:
        values["formatted_address"] = None  # the feed's one-line address no longer holds
    for key, value in values.items():
        setattr(group, key, value)
    check_group_fields(group)
    group.updated_at = now or _now()
    session.add(group)
    session.flush()
    if codes is not None:
        set_extra_concerns(session, group=group, codes=codes)
    return group


def set_meetings(
    session: Session, *, group: Group, meetings: Sequence[MeetingCreate]
) -> list[Meeting]:
    """Replace a group's meetings."""
    for meeting in meetings:
        check_meeting(meeting)
    assert group.id is not None
    for old in session.exec(select(Meeting).where(Meeting.group_id == group.id)).all():
        session.delete(old)
    rows = [Meeting(group_id=group.id, **m.model_dump()) for m in meetings]
    session.add_all(rows)
    session.flush()
    return rows


def add_meeting(session: Session, *, group: Group, data: MeetingCreate) -> Meeting:
    """Add one meeting to a group."""
    check_meeting(data)
    assert group.id is not None
    meeting = Meeting(group_id=group.id, **data.model_dump())
    session.add(meeting)
    session.flush()
    return meeting


def delete_meeting(session: Session, *, meeting: Meeting) -> None:
    """Remove one meeting."""
    session.delete(meeting)
    session.flush()


def list_meetings(session: Session, *, group_id: int) -> list[Meeting]:
    """A group's meetings by weekday and start."""
    query = select(Meeting).where(Meeting.group_id == group_id)
    return list(session.exec(query.order_by(col(Meeting.weekday), col(Meeting.start))).all())


def archive_group(session: Session, *, group: Group, now: datetime | None = None) -> Group:
    """Retire a group: it is kept but never suggested."""
    group.active = False
    group.archived_at = now or _now()
    group.updated_at = group.archived_at
    session.add(group)
    session.flush()
    return group


def restore_group(session: Session, *, group: Group, now: datetime | None = None) -> Group:
    """Bring an archived group back."""
    group.active = True
    group.archived_at = None
    group.updated_at = now or _now()
    session.add(group)
    session.flush()
    return group


def verify_group(session: Session, *, group: Group, on: date) -> Group:
    """Record that a coordinator checked the group is still meeting."""
    group.last_verified = on
    session.add(group)
    session.flush()
    return group


def set_newcomer_contact(
    session: Session,
    *,
    group: Group,
    name: str,
    telegram: str | None = None,
    phone: str | None = None,
    consent_on: date,
) -> Group:
    """Store a volunteer who agreed to welcome newcomers (a Telegram username or a phone)."""
    if not (telegram or phone):
        raise DirectoryError("contact_telegram", "give a Telegram username or a phone number")
    group.contact_name = name
    group.contact_telegram = telegram
    group.contact_phone = phone
    group.contact_consent_on = consent_on
    check_group_fields(group)
    session.add(group)
    session.flush()
    return group


def clear_newcomer_contact(session: Session, *, group: Group) -> Group:
    """Remove a group's newcomer contact (they withdrew, or moved on)."""
    group.contact_name = group.contact_telegram = group.contact_phone = None
    group.contact_consent_on = None
    session.add(group)
    session.flush()
    return group


def get_group(session: Session, *, group_id: int) -> Group | None:
    """A group by id."""
    return session.get(Group, group_id)


def get_group_by_source(session: Session, *, source: str, source_id: str) -> Group | None:
    """A group by where it came from (feed and the feed's key)."""
    query = select(Group).where(Group.source == source, Group.source_id == source_id)
    return session.exec(query).first()


def find_groups(
    session: Session, *, text: str, include_archived: bool = False, limit: int = 10
) -> list[Group]:
    """Groups whose name or city contains the text (for coordinators)."""
    pattern = f"%{text.strip().lower()}%"
    query = select(Group).where(
        sa.or_(sa.func.lower(Group.name).like(pattern), sa.func.lower(Group.city).like(pattern))
    )
    if not include_archived:
        query = query.where(col(Group.active).is_(True))
    return list(session.exec(query.order_by(col(Group.name), col(Group.id)).limit(limit)).all())


def list_groups(
    session: Session,
    *,
    concern: str | None = None,
    near: Place | None = None,
    radius_km: float = 50.0,
    include_archived: bool = False,
    limit: int = 100,
) -> list[Group]:
    """Groups for a quick look: by concern code and near a place (nearest first)."""
    query = select(Group)
    if not include_archived:
        query = query.where(col(Group.active).is_(True))
    if concern:
        check_concern_codes([concern], "concern")
        fids = [f.id for f in session.exec(select(Fellowship)) if concern in f.concern_codes]
        extra = select(GroupConcern.group_id).where(GroupConcern.code == concern)
        query = query.where(
            sa.or_(col(Group.fellowship_id).in_(fids or [-1]), col(Group.id).in_(extra))
        )
    if near is None:
        return list(session.exec(query.order_by(col(Group.name), col(Group.id)).limit(limit)).all())
    dlat = radius_km / 111.0
    query = query.where(col(Group.latitude).between(near.latitude - dlat, near.latitude + dlat))
    rows = [
        (distance_km(near.latitude, near.longitude, g.latitude, g.longitude), g)
        for g in session.exec(query).all()
        if g.latitude is not None and g.longitude is not None
    ]
    rows = sorted((r for r in rows if r[0] <= radius_km), key=lambda r: (r[0], r[1].id))
    return [g for _, g in rows[:limit]]


def group_public(session: Session, *, group: Group) -> GroupPublic:
    """A group with its extra concern codes and meetings, for showing."""
    assert group.id is not None
    return GroupPublic(
        **group.model_dump(),
        extra_concern_codes=extra_concerns(session, group_id=group.id),
        meetings=[
            MeetingPublic.model_validate(m) for m in list_meetings(session, group_id=group.id)
        ],
    )


_GROUP_DEFAULTS: dict[str, Any] = _group_defaults()
