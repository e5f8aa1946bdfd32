"""Who can say hello to whom, and the introductions' records (database work only)."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement
from sqlmodel import Session, and_, col, or_, select

from bot.hello.models import (
    Hello,
    HelloStatus,
    Volunteer,
    VolunteerInviteScope,
    VolunteerScope,
)
from bot.models import Event, EventKind
from bot.people import find_person
from bot.staff.models import RoleGrant, StaffRole

CLOSE_AFTER_MEETING = timedelta(days=3)  # a relay closes by itself 3 days after the meeting
OPEN_AT_MOST = timedelta(days=21)  # and never stays open longer than this (a plan moved far off)


def settings_of(session: Session, user_id: int) -> Volunteer:
    """A volunteer's settings (made on first use)."""
    found = session.exec(select(Volunteer).where(Volunteer.telegram_user_id == user_id)).first()
    if found is None:
        found = Volunteer(telegram_user_id=user_id)
        session.add(found)
        session.flush()
    return found


def scopes_of(session: Session, user_id: int) -> list[VolunteerScope]:
    """What a volunteer covers."""
    statement = select(VolunteerScope).where(VolunteerScope.volunteer_user_id == user_id)
    return list(session.exec(statement.order_by(col(VolunteerScope.id))))


def _active_volunteers(session: Session) -> set[int]:
    grants = select(col(RoleGrant.telegram_user_id)).where(
        col(RoleGrant.role) == StaffRole.volunteer.value, col(RoleGrant.revoked_at).is_(None)
    )
    paused = select(col(Volunteer.telegram_user_id)).where(col(Volunteer.paused).is_(True))
    held: set[int] = set(session.exec(grants))
    resting: set[int] = set(session.exec(paused))
    return held - resting


def covering(session: Session, group_id: int) -> list[int]:
    """Active volunteers who cover a group (by the group, its fellowship in its city, or online),
    in the order they joined."""
    from directory.models import Group

    group = session.get(Group, group_id)
    if group is None:
        return []
    same = col(VolunteerScope.fellowship_id) == group.fellowship_id
    ways: list[ColumnElement[bool]] = [col(VolunteerScope.group_id) == group_id]
    if group.city:
        ways.append(and_(same, col(VolunteerScope.city).ilike(group.city)))
    if group.format != "in_person":
        ways.append(and_(same, col(VolunteerScope.online).is_(True)))
    matches = or_(*ways)
    rows = session.exec(
        select(VolunteerScope.volunteer_user_id).where(matches).order_by(col(VolunteerScope.id))
    )
    active = _active_volunteers(session)
    return list(dict.fromkeys(uid for uid in rows if uid in active))


def speaks(volunteer: Volunteer | None, locale: str) -> bool:
    """Whether a volunteer speaks a language (by its base code: 'es-MX' is 'es')."""
    languages = (volunteer.languages if volunteer else "en").split(",")
    return locale.split("-")[0].lower() in {code.strip().lower() for code in languages}


def zone_of(volunteer: Volunteer | None, group_timezone: str | None) -> ZoneInfo:
    """The time zone a volunteer's hours are in: their own, else the group's, else UTC."""
    from directory.schedule import zone

    return zone((volunteer.timezone if volunteer else None) or group_timezone or "UTC")


def next_contact(volunteer: Volunteer | None, tz: ZoneInfo, now: datetime) -> datetime:
    """The first moment from `now` inside the volunteer's hours (in their own time zone)."""
    start, end = (volunteer.hours_from, volunteer.hours_to) if volunteer else (9, 21)
    local = now.astimezone(tz)
    hour = local.hour
    inside = start <= hour < end if start <= end else hour >= start or hour < end
    if inside:
        return now
    day = local.date() if hour < start else local.date() + timedelta(days=1)
    return datetime.combine(day, time(start % 24), tzinfo=tz).astimezone(UTC)


def candidates(session: Session, *, group_id: int, person_chat_id: int, locale: str,
               now: datetime, skip: list[int],
               before: datetime | None = None) -> list[tuple[int, datetime]]:  # fmt: skip
    """Volunteers who may be asked, with when each may be told: covering the group, speaking the
    person's language, not passed, not blocked; those who can be told soonest first (a volunteer
    whose hours start only after `before`, the meeting, is left out)."""
    from directory.models import Group

    group = session.get(Group, group_id)
    blocked = set(
        session.exec(
            select(Hello.volunteer_user_id).where(
                Hello.person_chat_id == person_chat_id, col(Hello.blocked).is_(True)
            )
        )
    )
    found: list[tuple[datetime, int, int]] = []
    for order, uid in enumerate(covering(session, group_id)):
        if uid in skip or uid in blocked or uid == person_chat_id:
            continue
        settings = session.exec(select(Volunteer).where(Volunteer.telegram_user_id == uid)).first()
        if not speaks(settings, locale):
            continue
        when = next_contact(settings, zone_of(settings, group.timezone if group else None), now)
        if before is None or when < before:
            found.append((when, order, uid))
    return [(uid, when) for when, _, uid in sorted(found)]


def planned_meeting(session: Session, *, person_chat_id: int, group_id: int,
                    after: datetime) -> tuple[datetime, datetime] | None:  # fmt: skip
    """The person's latest plan for the group that ends after `after`: (start, end) in UTC."""
    from bot.followups.models import Plan

    person = find_person(session, person_chat_id)
    if person is None:
        return None
    statement = select(Plan).where(Plan.person_id == person.id, Plan.group_id == group_id)
    for plan in session.exec(statement.order_by(col(Plan.created_at).desc(), col(Plan.id).desc())):
        if _aware(plan.meeting_end) > after:
            return _aware(plan.meeting_start), _aware(plan.meeting_end)
    return None


def meeting_of(session: Session, hello: Hello, after: datetime) -> tuple[datetime, datetime] | None:
    """The meeting a hello is before: the person's plan for the group, else the group's next
    meeting after `after`; (start, end) in UTC, or None when neither is known."""
    from directory.match import upcoming_meetings

    planned = planned_meeting(
        session, person_chat_id=hello.person_chat_id, group_id=hello.group_id, after=after
    )
    if planned is not None:
        return planned
    upcoming = upcoming_meetings(session, hello.group_id, now=after, tz="UTC", count=1)
    return upcoming[0] if upcoming else None


def closing_time(session: Session, hello: Hello, now: datetime) -> datetime:
    """When an open relay closes by itself: some days after the meeting it was for."""
    opened = _aware(hello.opened_at or now)
    meeting = meeting_of(session, hello, opened)
    if meeting is None:
        return opened + OPEN_AT_MOST
    return min(max(meeting[1] + CLOSE_AFTER_MEETING, opened + timedelta(days=1)),
               opened + OPEN_AT_MOST)  # fmt: skip


def _aware(value: datetime) -> datetime:
    """Datetimes read back from SQLite are naive; they are stored in UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def open_hello_of(session: Session, chat_id: int) -> Hello | None:
    """The open introduction this chat is part of, on either side."""
    statement = select(Hello).where(
        Hello.status == HelloStatus.open,
        or_(Hello.person_chat_id == chat_id, Hello.volunteer_user_id == chat_id),
    )
    return session.exec(statement.order_by(col(Hello.id).desc())).first()


def relay_volunteer_of(session: Session, person_chat_id: int) -> int | None:
    """The volunteer in an open relay with this person (None when there is none)."""
    hello = open_hello_of(session, person_chat_id)
    if hello is None or hello.person_chat_id != person_chat_id:
        return None
    return hello.volunteer_user_id


def close(session: Session, hello: Hello, *, by: str, now: datetime) -> None:
    """Close an introduction and let go of the chosen name."""
    hello.status, hello.closed_at, hello.closed_by = HelloStatus.closed, now, by
    hello.shown_name = None
    session.add(hello)


def coverage(session: Session) -> list[tuple[int, str, list[int]]]:
    """Groups with at least one active volunteer: id, name, the volunteers' ids."""
    from directory.models import Group

    groups = session.exec(select(Group).where(col(Group.active).is_(True))).all()
    rows = []
    for group in groups:
        if group.id is not None and (found := covering(session, group.id)):
            rows.append((group.id, group.name, found))
    return rows


def volunteers(session: Session) -> list[tuple[RoleGrant, Volunteer]]:
    """Everyone holding the volunteer role now, with their settings (oldest first)."""
    grants = session.exec(
        select(RoleGrant)
        .where(
            col(RoleGrant.role) == StaffRole.volunteer.value, col(RoleGrant.revoked_at).is_(None)
        )
        .order_by(col(RoleGrant.granted_at), col(RoleGrant.id))
    ).all()
    return [(grant, settings_of(session, grant.telegram_user_id)) for grant in grants]


def counts(session: Session) -> dict[str, int]:
    """How many hellos were offered, accepted (the person said yes), introduced (a volunteer
    said hello) and went (the person then went to that group): numbers only."""
    kinds = [KIND[name] for name in COUNTED]
    rows = session.exec(select(Event.kind).where(col(Event.kind).in_(kinds)))
    tally = Counter(rows)
    return {name: tally.get(KIND[name].value, 0) for name in COUNTED}


COUNTED = ("offered", "accepted", "introduced", "went")
KIND = {
    "offered": EventKind.hello_offered,
    "accepted": EventKind.hello_accepted,
    "introduced": EventKind.hello_introduced,
    "went": EventKind.hello_went,
}


def note_went(session: Session, *, person_id: int, chat_id: int, group_id: int,
              now: datetime) -> None:  # fmt: skip
    """The person went to a group a volunteer said hello for: count it once."""
    introduced = session.exec(
        select(Hello.id).where(
            Hello.person_chat_id == chat_id, Hello.group_id == group_id,
            col(Hello.opened_at).is_not(None),
        )
    ).first()  # fmt: skip
    counted = session.exec(
        select(Event.id).where(
            Event.person_id == person_id, Event.kind == EventKind.hello_went,
            Event.group_id == group_id,
        )
    ).first()  # fmt: skip
    if introduced is not None and counted is None:
        went = Event(person_id=person_id, kind=EventKind.hello_went, group_id=group_id, at=now)
        session.add(went)


ScopeRow = tuple[int | None, int | None, str | None, bool]  # group, fellowship, city, online


def parse_scope(session: Session, words: list[str]) -> list[ScopeRow] | str:
    """`group ID [ID …]`, `online FELLOWSHIP_ID` or `area FELLOWSHIP_ID CITY`: the rows, or the
    problem's text."""
    from bot import strings
    from bot.staff.tg import parse_number  # (bot.staff.tg imports the handlers, which import this)
    from directory.models import Fellowship, Group

    what, rest = (words[0].lower(), words[1:]) if words else ("", [])
    numbers = [parse_number(w) for w in rest]  # any script's digits; "²" is no number
    if what == "group" and rest and all(n is not None for n in numbers):
        ids = [n for n in numbers if n is not None]
        for word, number in zip(rest, ids, strict=True):
            if session.get(Group, number) is None:
                return strings.VOLUNTEER_NO_GROUP.format(value=word)
        return [(number, None, None, False) for number in dict.fromkeys(ids)]
    first = numbers[0] if numbers else None
    if what in ("online", "area") and first is not None:
        if session.get(Fellowship, first) is None:
            return strings.VOLUNTEER_NO_FELLOWSHIP.format(value=rest[0])
        if what == "online" and len(rest) == 1:
            return [(None, first, None, True)]
        if what == "area" and len(rest) >= 2:
            return [(None, first, " ".join(rest[1:])[:128], False)]
    return strings.VOLUNTEER_USAGE


def add_scopes(session: Session, user_id: int, rows: list[ScopeRow]) -> None:
    """Let a volunteer cover more (a group's time zone becomes theirs when they have none)."""
    from directory.models import Group

    settings = settings_of(session, user_id)
    for group_id, fellowship_id, city, online in rows:
        session.add(
            VolunteerScope(volunteer_user_id=user_id, group_id=group_id,
                           fellowship_id=fellowship_id, city=city, online=online)
        )  # fmt: skip
        group = session.get(Group, group_id) if group_id is not None else None
        if group is not None and settings.timezone is None:
            settings.timezone = group.timezone
    session.add(settings)


def keep_invite_scopes(session: Session, invite_id: int, rows: list[ScopeRow]) -> None:
    """What a volunteer invite will cover once it is redeemed."""
    for group_id, fellowship_id, city, online in rows:
        session.add(
            VolunteerInviteScope(invite_id=invite_id, group_id=group_id,
                                 fellowship_id=fellowship_id, city=city, online=online)
        )  # fmt: skip


def take_invite_scopes(session: Session, *, code: str, user_id: int) -> None:
    """A volunteer redeemed an invite: they now cover what the coordinator chose."""
    from bot.staff.invites import hash_code, normalise_code
    from bot.staff.models import Invite

    invite = session.exec(
        select(Invite).where(Invite.code_hash == hash_code(normalise_code(code)))
    ).first()
    if invite is None or invite.id is None:
        return
    rows = session.exec(
        select(VolunteerInviteScope).where(VolunteerInviteScope.invite_id == invite.id)
    ).all()
    add_scopes(session, user_id, [(r.group_id, r.fellowship_id, r.city, r.online) for r in rows])
