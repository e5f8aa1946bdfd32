"""The directory as Open Referral HSDS 3.0, for 211 directories and other referral platforms.

Each fellowship is an organization; each group a service of it (status ``active``, or
``temporarily closed`` when its feed says it is not meeting now), offered at a physical location
(its address and coordinates) and/or a virtual one (its link), with one schedule per meeting in
HSDS's iCal terms: ``freq`` WEEKLY or MONTHLY, ``interval``, ``byday`` (``TU``, ``1TU``,
``-1FR``), ``opens_at`` / ``closes_at`` in the group's local time (its IANA zone is named in the
schedule's notes: HSDS's own ``timezone`` is a fixed UTC offset, which summer time would make
wrong half the year). Ids are stable UUIDs derived from firststep's ids, so an export taken again
updates the same records. Sample listings are never exported.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from directory.models import Fellowship, Group, GroupConcern, Meeting
from directory.wording import AUDIENCE_WORDS, CONCERN_WORDS, LANGUAGE_NAMES

NAMESPACE = uuid.UUID("5d1f0f0e-7c3b-4c55-9f43-2f6a1c1b1e01")  # firststep's, for uuid5 ids
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DAY_NAMES = ("Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays")


def hsds_id(kind: str, key: Any) -> str:
    """A stable UUID for a firststep record (the same record gives the same id every time)."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


def organization(fellowship: Fellowship) -> dict[str, Any]:
    """A fellowship as an HSDS organization."""
    out: dict[str, Any] = {
        "id": hsds_id("fellowship", fellowship.id),
        "name": fellowship.name,
        "alternate_name": fellowship.short_name,
        "description": fellowship.description or fellowship.name,
    }
    if fellowship.website:
        out["website"] = fellowship.website
    if fellowship.helpline:
        out["phones"] = [{"id": hsds_id("helpline", fellowship.id), "number": fellowship.helpline}]
    return out


def _schedule(group: Group, meeting: Any, service_id: str) -> dict[str, Any]:
    byday = meeting.byday if meeting.freq == "monthly" and meeting.byday else DAYS[meeting.weekday]
    hours = meeting.start.strftime("%H:%M")
    if meeting.end is not None:
        hours += "-" + meeting.end.strftime("%H:%M")
    every = {1: "", 2: "every other week, "}.get(
        meeting.interval, f"every {meeting.interval} weeks, "
    )
    description = f"{every}{DAY_NAMES[meeting.weekday]} {hours}"
    if meeting.freq == "monthly":
        description = f"monthly ({byday}), {hours}"
    out: dict[str, Any] = {
        "id": hsds_id("meeting", meeting.id),
        "service_id": service_id,
        "freq": "MONTHLY" if meeting.freq == "monthly" else "WEEKLY",
        "interval": meeting.interval,
        "byday": byday,
        "wkst": "MO",
        "opens_at": meeting.start.strftime("%H:%M"),
        "description": description,
        "notes": f"Times are local time in {group.timezone}.",
        "attending_type": {"online": "online", "hybrid": "in person or online"}.get(
            str(group.format), "in person"
        ),
    }
    if meeting.end is not None:
        out["closes_at"] = meeting.end.strftime("%H:%M")
    if meeting.anchor is not None:
        out["dtstart"] = meeting.anchor.isoformat()
    return out


def _physical(group: Group) -> dict[str, Any] | None:
    if group.format == "online" or group.approximate:
        return None
    location: dict[str, Any] = {
        "id": hsds_id("place", group.id),
        "location_type": "physical",
        "name": group.location_name or group.name,
    }
    if group.latitude is not None and group.longitude is not None:
        location["latitude"], location["longitude"] = group.latitude, group.longitude
    notes = (group.feed_extras or {}).get("location_notes")
    if notes:
        location["transportation"] = notes
    parts = [group.street, group.city, group.state, group.postal_code, group.country]
    if all(parts):
        location["addresses"] = [
            {
                "id": hsds_id("address", group.id),
                "location_id": location["id"],
                "address_1": group.street,
                "city": group.city,
                "state_province": group.state,
                "postal_code": group.postal_code,
                "country": group.country,
                "address_type": "physical",
            }
        ]
    else:
        line = ", ".join(p for p in parts if p)
        if line:
            location["description"] = line
    return location


def _virtual(group: Group) -> dict[str, Any] | None:
    if group.format == "in_person" or not group.conference_url:
        return None
    return {
        "id": hsds_id("link", group.id),
        "location_type": "virtual",
        "name": f"{group.name} (online)",
        "url": group.conference_url,
    }


def service(
    group: Group, fellowship: Fellowship, meetings: list[Any], codes: list[str]
) -> dict[str, Any]:
    """A group as an HSDS service with its locations and schedules."""
    service_id = hsds_id("group", group.id)
    concerns = sorted(set(fellowship.concern_codes or []) | set(codes))
    about = [fellowship.description or fellowship.name]
    if concerns:
        about.append("For: " + ", ".join(CONCERN_WORDS.get(c, c) for c in concerns) + ".")
    if group.notes:
        about.append(group.notes)
    out: dict[str, Any] = {
        "id": service_id,
        "organization_id": hsds_id("fellowship", fellowship.id),
        "name": group.name,
        "alternate_name": group.group_name or None,
        "description": " ".join(about),
        "status": "temporarily closed" if group.temporarily_closed else "active",
        "last_modified": group.updated_at.isoformat()
        if isinstance(group.updated_at, datetime)
        else None,
        "schedules": [_schedule(group, m, service_id) for m in meetings],
        "languages": [
            {
                "id": hsds_id(f"language:{group.id}", code),
                "service_id": service_id,
                "name": LANGUAGE_NAMES.get(code, code),
                "code": code,
            }
            for code in group.languages or []
        ],
        "service_at_locations": [],
    }
    who = [AUDIENCE_WORDS.get(a, a) for a in group.audience or []]
    if group.open_meeting is False:
        who.append("closed meeting: for people who have the problem themselves")
    elif group.open_meeting:
        who.append("open meeting: anyone may come")
    if who:
        out["eligibility_description"] = "; ".join(who)
    extras = group.feed_extras or {}
    if extras.get("url"):
        out["url"] = extras["url"]
    if group.conference_phone:
        out["phones"] = [
            {"id": hsds_id("dial-in", group.id), "service_id": service_id,
             "number": group.conference_phone, "description": "dial in to the meeting"}
        ]  # fmt: skip
    for location in (_physical(group), _virtual(group)):
        if location is not None:
            out["service_at_locations"].append(
                {
                    "id": hsds_id(f"at:{location['location_type']}", group.id),
                    "service_id": service_id,
                    "location_id": location["id"],
                    "location": location,
                }
            )
    return {k: v for k, v in out.items() if v not in (None, [])}


def export_hsds(session: Session, *, source: str | None = None) -> dict[str, Any]:
    """The active directory (or one source of it) as ``{"organizations": [...], "services":
    [...]}``, each service carrying its locations and schedules (sample listings left out)."""
    query = select(Group).where(col(Group.active).is_(True), col(Group.is_sample).is_(False))
    if source is not None:
        query = query.where(Group.source == source)
    groups = list(session.exec(query.order_by(col(Group.id))).all())
    fellowships = {f.id: f for f in session.exec(select(Fellowship))}
    ids = [g.id for g in groups if g.id is not None]
    meetings: dict[int, list[Any]] = defaultdict(list)
    codes: dict[int, list[str]] = defaultdict(list)
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        query_m = select(Meeting).where(col(Meeting.group_id).in_(chunk))
        for m in session.exec(query_m.order_by(col(Meeting.weekday), col(Meeting.start))):
            meetings[m.group_id].append(m)
        for gc in session.exec(select(GroupConcern).where(col(GroupConcern.group_id).in_(chunk))):
            codes[gc.group_id].append(gc.code)
    used = sorted({g.fellowship_id for g in groups})
    return {
        "organizations": [organization(fellowships[f]) for f in used],
        "services": [
            service(g, fellowships[g.fellowship_id], meetings[g.id or 0], codes[g.id or 0])
            for g in groups
        ],
    }
