"""The reminder's "where and when": the planned meeting's time, place or link, a map and phones.

Shown only when the person presses the button, so the reminder itself (what a lock screen shows)
never names the group. Plain text: Telegram makes the links tappable.
"""

from __future__ import annotations

from urllib.parse import quote_plus, urlencode

from sqlmodel import Session

import i18n
from bot import strings
from bot.followups import rules
from bot.followups.models import Plan

OSM = "https://www.openstreetmap.org/"


def map_url(
    *, latitude: float | None, longitude: float | None, address: str | None, approximate: bool
) -> str | None:
    """An OpenStreetMap link: a pin at the coordinates, else a search for the address."""
    if latitude is not None and longitude is not None and not approximate:
        lat, lon = f"{latitude:.5f}", f"{longitude:.5f}"
        return f"{OSM}?{urlencode({'mlat': lat, 'mlon': lon})}#map=17/{lat}/{lon}"
    if address:
        return f"{OSM}search?query={quote_plus(address)}"
    if latitude is not None and longitude is not None:
        return f"{OSM}#map=14/{latitude:.4f}/{longitude:.4f}"
    return None


def _address(group: object) -> str | None:
    """The address as a person reads it (the feed's own formatted one when there is one)."""
    formatted = getattr(group, "formatted_address", None)
    if formatted:
        parts = [getattr(group, "location_name", None), formatted]
    else:
        parts = [
            getattr(group, name, None)
            for name in ("location_name", "street", "city", "state", "postal_code")
        ]
    text = ", ".join(p for p in parts if p)
    return text or None


def where_and_when(session: Session, plan: Plan) -> str:
    """The planned meeting's name, time, place or link, map link and phones, in plain text."""
    from directory.models import Fellowship, Group, has_newcomer_contact

    group = session.get(Group, plan.group_id)
    if group is None:
        return strings.WHERE_WHEN_GONE
    fellowship = session.get(Fellowship, group.fellowship_id)
    tz = rules.zone(plan.timezone)
    short = f" ({fellowship.short_name})" if fellowship and fellowship.short_name else ""
    lines = [f"{group.name}{short}"]
    if group.is_sample:
        lines.append(strings.WHERE_WHEN_SAMPLE)
    lines.append(
        strings.WHERE_WHEN_WHEN.format(
            start=i18n.format_when(plan.meeting_start.astimezone(tz), strings.FOLLOWUP_WHEN_FORMAT),
            end=i18n.format_when(plan.meeting_end.astimezone(tz), strings.TIME_FORMAT),
        )
    )
    found = False
    if str(group.format) != "online":
        address = _address(group)
        url = map_url(
            latitude=group.latitude,
            longitude=group.longitude,
            address=address,
            approximate=group.approximate,
        )
        if address:
            lines.append(strings.WHERE_WHEN_PLACE.format(place=address))
        if url:
            lines.append(strings.WHERE_WHEN_MAP.format(url=url))
        found = bool(address or url)
    if str(group.format) != "in_person":
        if group.conference_url:
            lines.append(strings.WHERE_WHEN_ONLINE.format(url=group.conference_url))
        if group.conference_phone:
            lines.append(strings.WHERE_WHEN_DIAL.format(phone=group.conference_phone))
        found = found or bool(group.conference_url or group.conference_phone)
    if has_newcomer_contact(group):
        ways = [w for w in (group.contact_name, group.contact_telegram, group.contact_phone) if w]
        lines.append(strings.WHERE_WHEN_CONTACT.format(who=", ".join(ways)))
    if not found:
        website = fellowship.website if fellowship else None
        lines.append(
            strings.WHERE_WHEN_ASK.format(website=website)
            if website
            else strings.WHERE_WHEN_NOTHING
        )
    return "\n".join(lines)
