"""A group as a coordinator types it: one field at a time or `field: value` lines, each checked."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import time

from directory.geo import geocode
from directory.models import GroupCreate, GroupFormat, MeetingCreate
from directory.zones import load_zone
from nlp.result import AUDIENCES

FIELDS: tuple[str, ...] = (
    "name",
    "fellowship",
    "format",
    "place",
    "street",
    "url",
    "phone",
    "timezone",
    "weekday",
    "start",
    "end",
    "audience",
)
OPTIONAL: frozenset[str] = frozenset({"street", "url", "phone", "end", "audience"})
ALIASES: dict[str, str] = {
    "city": "place",
    "town": "place",
    "zip": "place",
    "postal code": "place",
    "address": "street",
    "link": "url",
    "conference url": "url",
    "day": "weekday",
    "time": "start",
    "starts": "start",
    "ends": "end",
    "tz": "timezone",
    "time zone": "timezone",
    "for": "audience",
}
WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_NAMES: tuple[str, ...] = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)
FORMAT_NAMES = {
    GroupFormat.in_person: "in person",
    GroupFormat.online: "online",
    GroupFormat.hybrid: "hybrid",
}
AUDIENCE_NAMES = {
    "women": "women",
    "men": "men",
    "lgbtq": "LGBTQ+",
    "young_adults": "young adults",
    "veterans": "veterans",
}
_TIME = re.compile(r"^(\d{1,2})(?:[:.h](\d{1,2}))?\s*([ap]\.?m\.?)?$", re.IGNORECASE)
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*\.[^\s]+$", re.IGNORECASE)
_PHONE = re.compile(r"^\+?[\d\s().-]{6,30}$")


class FieldError(ValueError):
    """An answer that does not fit its field; the message says why and what would work."""


@dataclass(frozen=True)
class FellowshipChoice:
    """A fellowship a group can belong to."""

    id: int
    name: str
    short_name: str


@dataclass
class GroupDraft:
    """A group being added or edited, field by field."""

    name: str | None = None
    fellowship: FellowshipChoice | None = None
    format: GroupFormat | None = None
    place: str | None = None
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    street: str | None = None
    url: str | None = None
    phone: str | None = None
    timezone: str | None = None
    weekday: int | None = None
    start: time | None = None
    end: time | None = None
    audience: list[str] = field(default_factory=list)
    answered: set[str] = field(default_factory=set)

    def copy(self) -> GroupDraft:
        """An independent copy (for edits that may be cancelled)."""
        return replace(self, audience=list(self.audience), answered=set(self.answered))


def canonical_field(key: str) -> str:
    """The field a `key:` means ("day" is weekday); raises FieldError for an unknown one."""
    folded = " ".join(key.strip().lower().replace("_", " ").split())
    folded = ALIASES.get(folded, folded)
    if folded not in FIELDS:
        raise FieldError(f"{key.strip()!r} is not a field; the fields are: {', '.join(FIELDS)}")
    return folded


def applies(draft: GroupDraft, name: str) -> bool:
    """Whether a field is asked for this draft (an online group has no place)."""
    meets_in_person = draft.format in (GroupFormat.in_person, GroupFormat.hybrid)
    if name in ("place", "street"):
        return meets_in_person
    if name == "url":
        return draft.format in (GroupFormat.online, GroupFormat.hybrid)
    if name == "phone":
        return False  # asked together with url in the guided flow; a form may still set it
    if name == "timezone":
        return draft.format == GroupFormat.online
    return True


def next_field(draft: GroupDraft) -> str | None:
    """The next field the guided flow asks about, or None when all are answered."""
    for name in FIELDS:
        if applies(draft, name) and name not in draft.answered:
            return name
    return None


def parse_time(text: str) -> time:
    """'19:30', '7:30 pm', '19.30', '19h' -> a time; FieldError with a suggestion otherwise."""
    raw = text.strip()
    match = _TIME.match(raw)
    if not match:
        raise FieldError(f"{raw} is not a time; try 19:30")
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    suffix = (match.group(3) or "").lower().replace(".", "")
    if suffix:
        if not 1 <= hour <= 12:
            raise FieldError(f"{raw} is not a time; try 7:30 pm or 19:30")
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    if hour > 23:
        raise FieldError(f"{raw} is not a time; try 19:30")
    if minute > 59:
        raise FieldError(f"{raw} is not a time; try {hour:02d}:30")
    return time(hour, minute)


def parse_weekday(text: str) -> int:
    """'tue', 'Tuesday' -> 1 (Monday = 0)."""
    folded = text.strip().lower()
    for index, name in enumerate(WEEKDAY_NAMES):
        if folded and (name.lower().startswith(folded) and len(folded) >= 2):
            return index
    raise FieldError(f"{text.strip()!r} is not a day of the week; try Tuesday or tue")


def parse_format(text: str) -> GroupFormat:
    """'in person', 'online', 'hybrid' -> the group format."""
    folded = text.strip().lower().replace("-", " ").replace("_", " ")
    for value, name in FORMAT_NAMES.items():
        if folded in (name, value.value.replace("_", " ")):
            return value
    if folded in ("zoom", "virtual"):
        return GroupFormat.online
    raise FieldError(f"{text.strip()!r} is not a format; say in person, online or hybrid")


def parse_fellowship(text: str, fellowships: list[FellowshipChoice]) -> FellowshipChoice:
    """A fellowship by its short name, full name or id."""
    folded = text.strip().lower()
    for choice in fellowships:
        if folded in (choice.short_name.lower(), choice.name.lower(), str(choice.id)):
            return choice
    known = ", ".join(choice.short_name for choice in fellowships) or "none yet"
    raise FieldError(f"{text.strip()!r} is not a fellowship in the directory; known: {known}")


def parse_audience(text: str) -> list[str]:
    """'women, lgbtq' -> ['women', 'lgbtq']; 'anyone' -> []."""
    folded = text.strip().lower()
    if folded in ("", "anyone", "everyone", "all", "-", "none"):
        return []
    chosen: list[str] = []
    for part in re.split(r"[,;/]| and ", folded):
        key = "_".join(part.replace("+", "").split())
        key = {"young": "young_adults", "young_people": "young_adults", "lgbt": "lgbtq"}.get(
            key, key
        )
        if key not in AUDIENCES:
            raise FieldError(
                f"{part.strip()!r} is not an audience; use anyone, or some of: "
                + ", ".join(AUDIENCES)
            )
        if key not in chosen:
            chosen.append(key)
    return chosen


def parse_timezone(text: str) -> str:
    """An IANA time zone name, checked."""
    name = text.strip()
    if load_zone(name) is None:
        raise FieldError(f"{name!r} is not a time zone; try one like Europe/London")
    if "/" not in name and name != "UTC":
        raise FieldError(f"{name!r} is too vague for meeting times; try one like Europe/London")
    return name


def set_field(
    draft: GroupDraft, name: str, text: str, *, fellowships: list[FellowshipChoice]
) -> None:
    """Check one answer and store it in the draft; raises FieldError and leaves it as it was."""
    value = one_line(text)
    if not value and name not in OPTIONAL:
        raise FieldError(f"{name} cannot be empty")
    if name == "name":
        if not 3 <= len(value) <= 200:
            raise FieldError("a name needs 3 to 200 characters")
        draft.name = value
    elif name == "fellowship":
        draft.fellowship = parse_fellowship(value, fellowships)
    elif name == "format":
        draft.format = parse_format(value)
    elif name == "place":
        _set_place(draft, value)
    elif name == "street":
        if len(value) > 200:
            raise FieldError("a street address needs at most 200 characters")
        draft.street = value or None
    elif name == "url":
        _set_link(draft, value)
    elif name == "phone":
        if value and not _PHONE.match(value):
            raise FieldError(f"{value!r} is not a phone number; try +1 555 123 4567")
        draft.phone = value or None
    elif name == "timezone":
        draft.timezone = parse_timezone(value)
    elif name == "weekday":
        draft.weekday = parse_weekday(value)
    elif name == "start":
        draft.start = parse_time(value)
    elif name == "end":
        draft.end = _parse_end(draft, value)
    elif name == "audience":
        draft.audience = parse_audience(value)
    draft.answered.add(name)


def _set_place(draft: GroupDraft, value: str) -> None:
    place = geocode(value)
    if place is None:
        raise FieldError(f"I can't find {value!r}; try a town or city (Leeds, UK) or a US zip code")
    draft.place, draft.country = place.name, place.country
    draft.latitude, draft.longitude, draft.timezone = (
        place.latitude,
        place.longitude,
        place.timezone,
    )


def _set_link(draft: GroupDraft, value: str) -> None:
    if not value:
        draft.url = None
    elif _URL.match(value):
        draft.url = value
    elif _PHONE.match(value):
        draft.phone = value
        draft.answered.add("phone")
    else:
        raise FieldError(f"{value!r} is not a link; send one that starts with https://")


def _parse_end(draft: GroupDraft, value: str) -> time | None:
    if value.lower() in ("", "-", "skip", "none"):
        return None
    end = parse_time(value)
    if draft.start is not None and end == draft.start:
        raise FieldError(f"{value} is when it starts; the end must be later")
    return end


def problems(draft: GroupDraft) -> list[str]:
    """What is still missing or does not fit together, in plain words."""
    found = [f"{name} is missing" for name in FIELDS if _missing(draft, name)]
    if draft.format in (GroupFormat.online, GroupFormat.hybrid) and not (draft.url or draft.phone):
        found.append(f"a group that meets {FORMAT_NAMES[draft.format]} needs a url or a phone")
    return found


def _missing(draft: GroupDraft, name: str) -> bool:
    if name in OPTIONAL or not applies(draft, name):
        return False
    if name == "timezone":
        return draft.timezone is None
    return getattr(draft, name) is None


def parse_form(
    text: str, *, fellowships: list[FellowshipChoice], base: GroupDraft | None = None
) -> tuple[GroupDraft, list[str]]:
    """Apply `field: value` lines to a draft; returns it and the errors with line numbers."""
    draft = base.copy() if base is not None else GroupDraft()
    errors: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.strip().startswith("/"):
            continue
        key, sep, value = line.partition(":")
        try:
            if not sep:
                raise FieldError(f"{line.strip()!r} needs the form field: value")
            set_field(draft, canonical_field(key), value, fellowships=fellowships)
        except FieldError as exc:
            errors.append(f"line {number}: {exc}")
    return draft, errors


def to_create(draft: GroupDraft, *, source: str = "manual") -> tuple[GroupCreate, MeetingCreate]:
    """The directory's create models for a complete draft (check problems() first)."""
    if problems(draft) or draft.fellowship is None:
        raise FieldError("; ".join(problems(draft)) or "fellowship is missing")
    group = GroupCreate(
        name=draft.name or "",
        fellowship_id=draft.fellowship.id,
        format=draft.format or GroupFormat.in_person,
        street=draft.street if applies(draft, "street") else None,
        city=draft.place if applies(draft, "place") else None,
        country=draft.country if applies(draft, "place") else None,
        latitude=draft.latitude if applies(draft, "place") else None,
        longitude=draft.longitude if applies(draft, "place") else None,
        conference_url=draft.url if applies(draft, "url") else None,
        conference_phone=draft.phone if applies(draft, "url") else None,
        timezone=draft.timezone or "UTC",
        audience=list(draft.audience),
        source=source,
    )
    meeting = MeetingCreate(weekday=draft.weekday or 0, start=draft.start or time(0), end=draft.end)
    return group, meeting


def summary(draft: GroupDraft) -> str:
    """The draft as `field: value` lines (the same form a coordinator can send back)."""
    values = {
        "name": draft.name,
        "fellowship": draft.fellowship.short_name if draft.fellowship else None,
        "format": FORMAT_NAMES[draft.format] if draft.format else None,
        "place": draft.place,
        "street": draft.street,
        "url": draft.url,
        "phone": draft.phone,
        "timezone": draft.timezone,
        "weekday": WEEKDAY_NAMES[draft.weekday] if draft.weekday is not None else None,
        "start": f"{draft.start:%H:%M}" if draft.start else None,
        "end": f"{draft.end:%H:%M}" if draft.end else None,
        "audience": ", ".join(AUDIENCE_NAMES[a] for a in draft.audience) or "anyone",
    }
    shown = [n for n in FIELDS if applies(draft, n) or (n == "phone" and draft.phone)]
    return "\n".join(f"{name}: {one_line(values[name]) or '—'}" for name in shown)


_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")  # what splitlines() splits on, and more


def one_line(value: str | None) -> str:
    """A value as one line of a `field: value` form: line breaks and control characters become
    a space (a name stored by an import with a newline in it still reads as one field)."""
    return _BREAKS.sub(" ", value or "").strip()
