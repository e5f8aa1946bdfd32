"""Matching: rank groups for a person and say why, with each group's next meeting.

The database narrows 100,000 groups to a few dozen candidates (concern codes, bounding box around
the person, format, schedule masks, a rough score); Python then scores those exactly with the real
meeting times in the person's time zone. Words shown to people live in ``directory.wording``.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from directory import wording
from directory.geo import Place, distance_km, geocode, is_rural
from directory.models import (
    AFTERNOON,
    EVENING,
    MORNING,
    Approach,
    Fellowship,
    Group,
    GroupConcern,
    GroupFormat,
    Meeting,
    has_newcomer_contact,
    web_address,
)
from directory.schedule import occurrences, upcoming, zone
from directory.wording import NOTES, REASONS, concern_phrase, language_name
from nlp.result import DAYS, SUBSTANCE_CODES

log = logging.getLogger(__name__)

# NOTES and REASONS (English, the msgids) for tests and callers that compare; the matcher itself
# reads wording.X, which comes out in the current locale.
__all__ = [
    "NOTES",
    "REASONS",
    "MatchRequest",
    "MatchResult",
    "Suggestion",
    "match_groups",
    "upcoming_meetings",
]

SUBSTANCE = SUBSTANCE_CODES
DAY_CODES = DAYS
TIME_BITS = {"morning": MORNING, "afternoon": AFTERNOON, "evening": EVENING}
RESTRICTED_AUDIENCES = frozenset({"women", "men"})
# grief is the person's own even when it is about someone close ("my son died")
OWN_WHEN_FAMILY = frozenset({"grief"})
STALE_AFTER = timedelta(days=90)
YOUNG = "young_adults"  # the audience code of young people's groups (Meeting Guide "Y"; Alateen)
SCHOOL_DAYS = range(0, 5)  # Monday to Friday
SCHOOL_HOURS = (8, 15)  # a meeting overlapping 08:00-15:00 on a school day is in school hours
HORIZON_DAYS = 63
CHOICE_DAYS = 14
ONLINE_POOL = 25
NEARBY_POOL = 25
# How far an in-person group may be to be offered as one to go to (README, Directory, "Matching"):
# 40 km from a town; 100 km from a rural or small place (directory.geo.is_rural) when no group
# for the concern meets within 40 km. Further away, a group is never shown as nearby: the
# person hears how far the nearest one is, and online groups are offered.
TOWN_RADIUS_KM = 40.0
RURAL_RADIUS_KM = 100.0
FAR_KM = 1000.0  # beyond this the nearest group is not worth a number: "none near you"


@dataclass(frozen=True, slots=True)
class MatchRequest:
    """What a person needs: concerns (code, experiencer, status), wishes and where they are."""

    concerns: tuple[tuple[str, str, str], ...] = ()
    format: str | None = None
    approach: str | None = None
    audience: tuple[str, ...] = ()
    language: str | None = None  # a meeting language asked for: a must
    speaks: str | None = None  # the person's own language (ISO 639-1): favoured, never a must
    days: tuple[str, ...] = ()
    time_of_day: str | None = None
    medication: bool = False
    dual_diagnosis: bool = False  # favour dual-focus groups even when only one problem is named
    young: bool = False  # the person is under 18: young people's groups first, none in school hours
    latitude: float | None = None
    longitude: float | None = None
    place: str | None = None
    timezone: str | None = None
    radius_km: float = TOWN_RADIUS_KM
    rural_radius_km: float = RURAL_RADIUS_KM

    @classmethod
    def from_parse(
        cls,
        parse_dict: Mapping[str, Any] | Any,
        *,
        latitude: float | None = None,
        longitude: float | None = None,
        timezone: str | None = None,
        speaks: str | None = None,
    ) -> MatchRequest:
        """Build a request from the parser's output (``ParseResult.to_dict()`` form)."""
        if not isinstance(parse_dict, Mapping):
            parse_dict = parse_dict.to_dict()
        prefs = parse_dict.get("preferences") or {}
        concerns = tuple(
            (c["code"], c.get("experiencer", "self"), c.get("status", "current"))
            for c in parse_dict.get("concerns") or []
        )
        return cls(
            concerns=concerns,
            format=prefs.get("format"),
            approach=prefs.get("approach"),
            audience=tuple(prefs.get("audience") or ()),
            language=prefs.get("language"),
            days=tuple(prefs.get("days") or ()),
            time_of_day=prefs.get("time_of_day"),
            medication=bool(prefs.get("medication")),
            dual_diagnosis=bool(prefs.get("dual_diagnosis")),
            young=bool(prefs.get("young")),
            latitude=latitude,
            longitude=longitude,
            place=prefs.get("location"),
            timezone=timezone,
            speaks=speaks,
        )


@dataclass(slots=True)
class Suggestion:
    """One suggested group with its next meeting and the plain reasons it was chosen."""

    group_id: int
    group_name: str
    fellowship_name: str
    fellowship_short_name: str
    kind: str
    format: str
    next_start: datetime
    next_end: datetime
    place: str | None
    join_url: str | None
    join_phone: str | None
    distance_km: float | None
    reasons: list[str]
    what_to_expect: str
    is_sample: bool
    last_verified: date | None
    has_newcomer_contact: bool
    website: str | None = None
    score: float = 0.0


@dataclass(slots=True)
class MatchResult:
    """The suggestions, whether they fit well, and a note for the person when they do not."""

    suggestions: list[Suggestion] = field(default_factory=list)
    fits_well: bool = True
    note: str | None = None
    place: Place | None = None
    far: str | None = None  # how far the nearest in-person group is, when none is near (in note)


@dataclass(slots=True)
class _Wants:
    """A request resolved against the fellowships: ids, masks and the person's place."""

    self_codes: set[str]
    family_codes: set[str]
    fellowships: dict[int, Fellowship]
    candidate_fids: set[int]
    family_fids: set[int]
    any_code_fids: set[int]
    dual_wanted: bool
    day_mask: int
    time_bit: int
    lat: float | None
    lon: float | None
    tz: str


@dataclass(slots=True)
class _Scored:
    suggestion: Suggestion
    fits: bool
    online_ok: bool
    unmet: list[str]
    group_key: tuple[str, str] | None = None
    near: bool = False  # an in-person (or hybrid) group within the radius


def _resolve(session: Session, request: MatchRequest) -> tuple[_Wants, Place | None, str | None]:
    """Work out codes, fellowships, place and time zone; a note when the place is unknown."""
    note = None
    place: Place | None = None
    lat, lon = request.latitude, request.longitude
    if (lat is None or lon is None) and request.place:
        place = geocode(request.place)
        if place is None:
            note = wording.NOTES["unknown_place"].format(place=request.place)
        else:
            lat, lon = place.latitude, place.longitude
    tz = request.timezone or (place.timezone if place else None) or "UTC"
    self_codes = {c for c, who, _ in request.concerns if who != "family" or c in OWN_WHEN_FAMILY}
    family_codes = {c for c, who, _ in request.concerns if who == "family"} - OWN_WHEN_FAMILY
    fellowships = {f.id: f for f in session.exec(select(Fellowship)).all() if f.id is not None}
    candidate_fids, family_fids, any_code_fids = set(), set(), set()
    for fid, fel in fellowships.items():
        codes = set(fel.concern_codes or [])
        if codes & (self_codes | family_codes):
            any_code_fids.add(fid)
        if fel.for_family and codes & family_codes:
            family_fids.add(fid)
            candidate_fids.add(fid)
        if not fel.for_family and codes & self_codes:
            candidate_fids.add(fid)
    day_mask = sum(1 << DAY_CODES.index(d) for d in set(request.days) if d in DAY_CODES)
    wants = _Wants(
        self_codes=self_codes,
        family_codes=family_codes,
        fellowships=fellowships,
        candidate_fids=candidate_fids,
        family_fids=family_fids,
        any_code_fids=any_code_fids,
        dual_wanted=request.dual_diagnosis
        or (bool(self_codes & SUBSTANCE) and bool(self_codes - SUBSTANCE)),
        day_mask=day_mask,
        time_bit=TIME_BITS.get(request.time_of_day or "", 0),
        lat=lat,
        lon=lon,
        tz=tz,
    )
    return wants, place, note


def _json_has(column: Any, value: Any) -> Any:
    """SQL: a JSON list column contains a string (portable across SQLite and PostgreSQL)."""
    if isinstance(value, str):
        value = f'%"{value}"%'
    return sa.cast(column, sa.Text).like(value)


def _p(name: str, *, expanding: bool = False) -> Any:
    return sa.bindparam(name, expanding=expanding)


def _rough_score(shape: frozenset[str]) -> Any:
    """A SQL expression pre-ranking candidates, with only the terms this request needs."""
    has_audience = sa.cast(Group.audience, sa.Text) != "[]"
    has_language = sa.cast(Group.languages, sa.Text) != "[]"

    def points(condition: Any, weight: Any) -> Any:
        return sa.case((condition, weight), else_=0)

    def flag(column: Any, fids: str) -> Any:
        return sa.or_(column.is_(True), col(Group.fellowship_id).in_(_p(fids, expanding=True)))

    audience = [
        points(_json_has(Group.audience, _p(name)), 6)
        for name in ("aud_a", "aud_b")
        if name in shape
    ]
    audience.append(points(_json_has(Group.audience, "women"), _p("pen_women")))
    audience.append(points(_json_has(Group.audience, "men"), _p("pen_men")))
    terms = [
        points(col(Group.fellowship_id).in_(_p(name, expanding=True)), 10)
        for name in ("cov_a", "cov_b", "cov_c")
        if name in shape
    ]
    terms.append(sa.case((has_audience, sum(audience[1:], audience[0])), else_=0))
    optional = {
        "lang": lambda: points(sa.and_(has_language, _json_has(Group.languages, _p("lang"))), 6),
        "sec_w": lambda: points(flag(Group.secular, "sec_f"), 6),
        "dual_w": lambda: points(flag(Group.dual_diagnosis, "dual_f"), 8),
        "med_w": lambda: points(flag(Group.medication_friendly, "med_f"), 5),
        "days": lambda: points(col(Group.day_mask).op("&")(_p("days")) != 0, 4),
        "time_bit": lambda: points(col(Group.time_mask).op("&")(_p("time_bit")) != 0, 3),
    }
    terms.extend(make() for name, make in optional.items() if name in shape)
    terms.append(points(Group.timezone == _p("tz"), 2))
    terms.append(points(Group.last_verified >= _p("fresh_since"), 4))
    return sum(terms[1:], terms[0])


def _candidates(shape: frozenset[str]) -> Any:
    """Active groups with a meeting that serve one of the concerns (ids only)."""
    extra = select(GroupConcern.group_id).where(
        col(GroupConcern.code).in_(_p("codes", expanding=True))
    )
    serves: list[Any] = [
        col(Group.id).in_(extra),
        col(Group.fellowship_id).in_(_p("fids", expanding=True)),
    ]
    if "family_fids" in shape:
        serves.append(
            sa.and_(
                col(Group.fellowship_id).in_(_p("family_fids", expanding=True)),
                _json_has(Group.audience, "family"),
            )
        )
    query = select(Group.id).where(
        col(Group.active).is_(True),
        col(Group.temporarily_closed).is_(False),  # the feed says it is not meeting now
        Group.day_mask != 0,
        sa.or_(*serves),
    )
    if "exclude" in shape:
        query = query.where(col(Group.id).not_in(_p("exclude", expanding=True)))
    return query


@lru_cache(maxsize=512)
def _statements(shape: frozenset[str]) -> tuple[Any, Any]:
    """The two ranking queries for a request shape, built once and reused (compiled form too)."""
    near = (
        (Group.latitude - _p("lat")) * (Group.latitude - _p("lat"))
        + (Group.longitude - _p("lon")) * (Group.longitude - _p("lon")) * _p("cos2")
    ) / _p("dlat2")
    nearby = (
        _candidates(shape)
        .where(
            col(Group.latitude).between(_p("lat_lo"), _p("lat_hi")),
            col(Group.longitude).between(_p("lon_lo"), _p("lon_hi")),
            col(Group.format).in_([GroupFormat.in_person.value, GroupFormat.hybrid.value]),
        )
        .order_by((_rough_score(shape) - 8 * near).desc(), Group.id)
        .limit(NEARBY_POOL)
    )
    online = (
        _candidates(shape)
        .where(col(Group.format).in_([GroupFormat.online.value, GroupFormat.hybrid.value]))
        .order_by(_rough_score(shape).desc(), Group.id)
        .limit(ONLINE_POOL)
    )
    return nearby, online


def _shape(params: dict[str, Any]) -> frozenset[str]:
    """Which optional terms a request uses (empty lists, zero weights and masks are left out)."""
    return frozenset(k for k, v in params.items() if v not in ([], 0, None, _NEVER))


_NEVER = '%"~"%'


def _params(
    request: MatchRequest, wants: _Wants, now: datetime, exclude: Sequence[int]
) -> dict[str, Any]:
    """Bound values for the ranking queries."""
    fels = wants.fellowships.values()
    codes = sorted(wants.self_codes | wants.family_codes)
    coverage = [
        sorted(f.id for f in fels if f.id and code in (f.concern_codes or [])) for code in codes
    ]
    coverage += [[], [], []]
    audience = [*request.audience, *([YOUNG] if request.young else [])]
    wanted = [f'%"{a}"%' for a in dict.fromkeys(audience)] + [_NEVER, _NEVER]
    family_fids = sorted(wants.any_code_fids) if wants.family_codes else []
    own = request.speaks if request.speaks and request.speaks.lower() != "en" else None
    wanted_language = request.language or own
    params = {
        "codes": codes,
        "fids": sorted(wants.candidate_fids),
        "family_fids": family_fids,
        "exclude": list(exclude),
        "cov_a": coverage[0],
        "cov_b": coverage[1],
        "cov_c": coverage[2],
        "aud_a": wanted[0],
        "aud_b": wanted[1],
        "pen_women": 0 if "women" in request.audience else -6,
        "pen_men": 0 if "men" in request.audience else -6,
        "lang": f'%"{wanted_language.lower()}"%' if wanted_language else _NEVER,
        "sec_f": sorted(f.id for f in fels if f.id and f.approach == Approach.secular),
        "sec_w": 6 if request.approach == "secular" else 0,
        "dual_f": sorted(f.id for f in fels if f.id and f.dual_diagnosis),
        "dual_w": 8 if wants.dual_wanted else 0,
        "med_f": sorted(f.id for f in fels if f.id and f.medication_friendly),
        "med_w": 5 if request.medication else 0,
        "days": wants.day_mask,
        "time_bit": wants.time_bit,
        "tz": wants.tz,
        "fresh_since": (now - STALE_AFTER).date(),
    }
    return params


def _load_groups(session: Session, query: Any, params: dict[str, Any]) -> list[Any]:
    """Run an id-only ranking query (answered from a covering index), then read those rows.

    Rows are plain read-only records (attribute access like a Group), cheaper than ORM objects.
    """
    ids: list[int] = list(session.execute(query, params).scalars().all())
    if not ids:
        return []
    table = Group.__table__  # type: ignore[attr-defined]
    found = session.execute(sa.select(table).where(table.c.id.in_(ids))).all()
    rows = {row.id: row for row in found}
    return [rows[i] for i in ids if i in rows]


def _bind(params: dict[str, Any]) -> dict[str, Any]:
    """Parameters ready to bind: an empty IN list becomes [-1] (an empty one compiles to a
    subquery that stops SQLite from using its indexes)."""
    return {k: (v or [-1]) if isinstance(v, list) else v for k, v in params.items()}


def _nearby(
    session: Session, request: MatchRequest, wants: _Wants, params: dict[str, Any]
) -> list[Group]:
    """In-person and hybrid groups inside a box around the person, best rough score first."""
    assert wants.lat is not None and wants.lon is not None
    dlat = request.radius_km / 111.0
    cos_lat = math.cos(math.radians(wants.lat))
    dlon = request.radius_km / (111.32 * max(cos_lat, 0.01))
    lon_lo, lon_hi = wants.lon - dlon, wants.lon + dlon
    if cos_lat <= 0.05 or lon_lo < -180 or lon_hi > 180:
        lon_lo, lon_hi = -180.0, 180.0  # near a pole or the date line: latitude band only
    box = {
        "lat": wants.lat, "lon": wants.lon, "cos2": cos_lat * cos_lat, "dlat2": dlat * dlat,
        "lat_lo": wants.lat - dlat, "lat_hi": wants.lat + dlat,
        "lon_lo": lon_lo, "lon_hi": lon_hi,
    }  # fmt: skip
    return _load_groups(session, _statements(_shape(params))[0], _bind(params) | box)


def _online(session: Session, params: dict[str, Any]) -> list[Group]:
    """Online and hybrid groups, best rough score first (hybrid ones need a link, checked later)."""
    return _load_groups(session, _statements(_shape(params))[1], _bind(params))


def _load_details(
    session: Session, groups: Iterable[Any]
) -> tuple[dict[int, list[Any]], dict[int, set[str]]]:
    """Meetings (read-only rows) and extra concern codes of the candidates."""
    ids = sorted({g.id for g in groups if g.id is not None})
    meetings: dict[int, list[Any]] = {i: [] for i in ids}
    extras: dict[int, set[str]] = {i: set() for i in ids}
    table = Meeting.__table__  # type: ignore[attr-defined]
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for m in session.execute(sa.select(table).where(table.c.group_id.in_(chunk))):
            meetings[m.group_id].append(m)
        query = sa.select(col(GroupConcern.group_id), col(GroupConcern.code)).where(
            col(GroupConcern.group_id).in_(chunk)
        )
        for group_id, code in session.execute(query).tuples():
            extras[int(group_id)].add(str(code))
    return meetings, extras


def _pick_meeting(
    spans: list[tuple[datetime, datetime]], wants: _Wants
) -> tuple[tuple[datetime, datetime], bool, bool]:
    """The meeting to suggest: earliest matching day and time, else day, else time, else first."""

    def day_ok(s: datetime) -> bool:
        return bool(wants.day_mask & (1 << s.weekday()))

    def time_ok(s: datetime) -> bool:
        hour = s.hour
        bit = MORNING if hour < 12 else AFTERNOON if hour < 17 else EVENING
        return bool(wants.time_bit & bit)

    window = [s for s in spans if s[0] - spans[0][0] <= timedelta(days=CHOICE_DAYS)] or spans
    checks = [
        (lambda s: day_ok(s) and time_ok(s), True, True),
        (day_ok, True, False),
        (time_ok, False, True),
    ]
    for check, d, t in checks:
        if (d and not wants.day_mask) or (t and not wants.time_bit):
            continue
        found = [s for s in window if check(s[0])]
        if found:
            return found[0], d, t
    reasonable = [s for s in window if 7 <= s[0].hour < 22]
    return (reasonable or window)[0], False, False


def in_school_hours(start: datetime, end: datetime) -> bool:
    """Whether a meeting (in the person's time zone) overlaps school hours on a school day."""
    if start.weekday() not in SCHOOL_DAYS:
        return False
    first, last = SCHOOL_HOURS
    return start.hour < last and (end.hour, end.minute) > (first, 0)


def _address(group: Any) -> str | None:
    parts = [group.location_name, group.street, group.city]
    text = ", ".join(p for p in parts if p)
    return text or None


def _score(
    group: Any,
    meetings: list[Any],
    extras: set[str],
    request: MatchRequest,
    wants: _Wants,
    now: datetime,
) -> _Scored | None:
    """Score one candidate exactly; None when it cannot be suggested at all."""
    fel = wants.fellowships.get(group.fellowship_id)
    if fel is None or not meetings or group.temporarily_closed or not group.active:
        return None
    audience = set(group.audience or [])
    languages = {lang.lower() for lang in group.languages or []}
    codes = set(fel.concern_codes or []) | extras
    family_group = fel.for_family or "family" in audience
    covered = sorted((wants.family_codes if family_group else wants.self_codes) & codes)
    if not covered:
        return None
    wanted_aud = set(request.audience)
    if (
        (audience & RESTRICTED_AUDIENCES)
        and (wanted_aud & RESTRICTED_AUDIENCES)
        and not (audience & wanted_aud)
    ):
        return None  # a men's group for someone who asked for women's, and the reverse
    tz = zone(wants.tz)
    spans: list[tuple[datetime, datetime]] = []
    for days in (CHOICE_DAYS + 1, HORIZON_DAYS):  # most meetings are weekly: look 2 weeks first
        spans = sorted(
            (s.astimezone(tz), e.astimezone(tz))
            for m in meetings
            for s, e in occurrences(m, zone(group.timezone), after=now, days=days)
        )
        if spans:
            break
    if request.young and not request.days and not request.time_of_day:
        spans = [s for s in spans if not in_school_hours(*s)]  # unless they asked for a time
    if not spans:
        return None
    (start, end), day_hit, time_hit = _pick_meeting(spans, wants)

    score, reasons, unmet = 10.0 * len(covered), [], []
    reasons.append(wording.REASONS["concern"].format(concerns=concern_phrase(covered)))
    if family_group:
        reasons.append(wording.REASONS["family"])
    missing = (wants.family_codes if family_group else wants.self_codes) - set(covered)
    score -= 2 * len(missing)
    if wants.dual_wanted and (group.dual_diagnosis or fel.dual_diagnosis):
        score += 8
        reasons.append(wording.REASONS["dual"])
    secular = group.secular or fel.approach == Approach.secular
    if request.approach == "secular":
        if secular:
            score += 6
            reasons.append(wording.REASONS["secular"])
        else:
            score -= 8 if fel.approach == Approach.faith_based else 4
            unmet.append(wording.WISH_WORDS["secular"])
    elif request.approach == "spiritual" and not secular:
        if fel.approach in (Approach.twelve_step, Approach.faith_based):
            score += 4
            reasons.append(wording.REASONS[str(fel.approach)])
    elif secular and fel.approach == Approach.secular:
        reasons.append(wording.REASONS["secular"])
    for who in request.audience:
        if who in audience:
            score += 6
            reasons.append(wording.AUDIENCE_WORDS.get(who, who))
        else:
            unmet.append(wording.AUDIENCE_WORDS.get(who, who))
    for who in sorted(audience & RESTRICTED_AUDIENCES - wanted_aud):
        score -= 6
        reasons.append(wording.AUDIENCE_WORDS[who])
    if request.young and YOUNG in audience and YOUNG not in wanted_aud:
        score += 8  # asked or not, a young person's own group comes first
        reasons.append(wording.AUDIENCE_WORDS[YOUNG])
    elif family_group and YOUNG in audience and not request.young and YOUNG not in wanted_aud:
        score -= 8  # a family group for young people (Alateen) is not for an adult
        reasons.append(wording.AUDIENCE_WORDS[YOUNG])
    speaks = (request.speaks or "en").lower()
    if request.language:
        lang = request.language.lower()
        if lang in languages:
            score += 6
            reasons.append(wording.REASONS["language"].format(language=language_name(lang)))
        else:
            score -= 5
            unmet.append(wording.REASONS["language"].format(language=language_name(lang)))
    elif speaks != "en" and speaks in languages:  # in the person's own language: said, and favoured
        score += 6
        reasons.append(wording.REASONS["language"].format(language=language_name(speaks)))
    elif languages and "en" not in languages:
        score -= 3
        reasons.append(
            wording.REASONS["language"].format(
                language=", ".join(language_name(x) for x in languages)
            )
        )
    if day_hit and time_hit:
        score += 8
        reasons.append(
            wording.REASONS["days_time"].format(
                day=wording.DAY_SINGULAR[start.weekday()],
                time=wording.TIME_WORDS[request.time_of_day or ""],
            )
        )
    elif day_hit:
        score += 5
        reasons.append(wording.REASONS["days"].format(day=wording.DAY_WORDS[start.weekday()]))
    elif time_hit:
        score += 4
        reasons.append(
            wording.REASONS["time"].format(time=wording.TIME_WORDS[request.time_of_day or ""])
        )
    if request.medication and (group.medication_friendly or fel.medication_friendly):
        score += 5
        reasons.append(wording.REASONS["medication"])

    distance = None
    if group.format != GroupFormat.online and group.latitude is not None and wants.lat is not None:
        distance = distance_km(wants.lat, wants.lon or 0.0, group.latitude, group.longitude or 0.0)
    near = distance is not None and distance <= request.radius_km
    online_ok = group.format == GroupFormat.online or (
        group.format == GroupFormat.hybrid and bool(group.conference_url)
    )
    if near and distance is not None:
        score += 8 * (1 - distance / request.radius_km) + 2
        reasons.append(
            wording.REASONS["distance_near"]
            if distance < 1
            else wording.REASONS["distance"].format(km=round(distance))
        )
        if online_ok:
            reasons.append(wording.REASONS["also_online"])
    elif online_ok:
        reasons.append(wording.REASONS["online"])
    if request.format == "in_person" and not near:
        unmet.append(
            wording.WISH_WORDS["near"].format(place=request.place)
            if request.place
            else wording.WISH_WORDS["in_person"]
        )
    if request.format == "online" and not online_ok:
        unmet.append(wording.WISH_WORDS["online"])
    if not near and not online_ok:
        return None
    if request.format == "in_person" and group.format == GroupFormat.online:
        return None  # asked for a room to go to: an online-only group is never offered

    hours = (start - now).total_seconds() / 3600
    score += max(0.0, 3 * (1 - hours / (24 * CHOICE_DAYS)))
    if not 7 <= start.hour < 22:
        score -= 3
    if group.last_verified is None or group.last_verified < (now - STALE_AFTER).date():
        score -= 5
    contact = has_newcomer_contact(group)
    if contact:
        score += 1
        reasons.append(wording.REASONS["newcomer_contact"])
    if group.is_sample:
        score -= 0.5
    if group.timezone == wants.tz:
        score += 0.5

    what = fel.what_to_expect or ""
    suggestion = Suggestion(
        group_id=group.id or 0,
        group_name=group.name,
        fellowship_name=fel.name,
        fellowship_short_name=fel.short_name,
        kind="secular" if group.secular else str(fel.approach),
        # a hybrid group too far to go to is offered as what it is for this person: online
        format=str(group.format) if near or not online_ok else GroupFormat.online.value,
        next_start=start,
        next_end=end,
        place=_address(group) if near else None,
        join_url=web_address(group.conference_url) if online_ok else None,
        join_phone=group.conference_phone if group.format != GroupFormat.in_person else None,
        distance_km=round(distance, 1) if near and distance is not None else None,
        reasons=reasons,
        what_to_expect=what,
        is_sample=group.is_sample,
        last_verified=group.last_verified,
        has_newcomer_contact=contact,
        website=fel.website,
        score=round(score, 3),
    )
    key = (group.source, group.group_key) if group.group_key else None
    return _Scored(
        suggestion, fits=not unmet, online_ok=online_ok, unmet=unmet, group_key=key, near=near
    )


def _rank(scored: Iterable[_Scored]) -> list[_Scored]:
    """Best first, each group once: entries of one group (its source and group_key) that are
    stored apart count as one, and only the best of them is kept."""
    best: list[_Scored] = []
    seen: set[tuple[str, str]] = set()
    for item in sorted(scored, key=lambda s: (-s.suggestion.score, s.suggestion.next_start)):
        key = item.group_key
        if key is not None and key in seen:
            continue
        if key is not None:
            seen.add(key)
        best.append(item)
    return best


def match_groups(
    session: Session,
    request: MatchRequest,
    *,
    now: datetime,
    limit: int = 3,
    offset: int = 0,
    exclude_group_ids: Iterable[int] = (),
) -> MatchResult:
    """The best groups for a person; online options with a note when nothing fits well."""
    wants, place, note = _resolve(session, request)
    if not wants.self_codes and not wants.family_codes:
        return MatchResult([], False, wording.NOTES["no_concern"], place)
    exclude = sorted(set(exclude_group_ids))
    candidates: dict[int | None, Any] = {}  # read rows: ids are never None
    params = _params(request, wants, now, exclude)
    looks_near = wants.lat is not None and wants.lon is not None and request.format != "online"
    if looks_near:
        nearby = _nearby(session, request, wants, params)
        if not _any_within(nearby, wants, request.radius_km) and _rural(wants):
            request = replace(request, radius_km=max(request.radius_km, request.rural_radius_km))
            nearby = _nearby(session, request, wants, params)
        candidates.update({g.id: g for g in nearby})
    if request.format == "in_person" and wants.lat is None and note is None:
        note = wording.NOTES["need_place"]
    candidates.update({g.id: g for g in _online(session, params)})
    meetings, extras = _load_details(session, candidates.values())
    scored = [
        s
        for g in candidates.values()
        if (s := _score(g, meetings[g.id], extras[g.id], request, wants, now)) is not None
    ]
    far = None  # no in-person group near: say how far the nearest is, never show it as near
    if looks_near and not any(s.near for s in scored):
        far = _nearest_note(session, request, wants, params)
    fitting = _rank(s for s in scored if s.fits)
    if fitting:
        page = [s.suggestion for s in fitting[offset : offset + limit]]
        if far and page:
            note = _join(note, _join(far, wording.NOTES["online_below"]))
        log.info("matched", extra={"candidates": len(candidates), "fitting": len(fitting)})
        return MatchResult(page, True, note if page else wording.NOTES["no_more"], place, far)
    closest = _rank(s for s in scored if s.online_ok)
    page = [s.suggestion for s in closest[offset : offset + limit]]
    wishes = _wishes(request, place)
    if not scored:
        note = note or (None if far else wording.NOTES["nothing_at_all"])
    elif request.format == "in_person" and not page:
        note = note or wording.NOTES["nothing_in_person"].format(wishes=wishes)
    elif page:
        note = note or wording.NOTES["nothing_fits"].format(wishes=wishes)
    else:
        note = note or wording.NOTES["nothing_fits_no_online"].format(wishes=wishes)
    note = _join(far, note)
    log.info("no good match", extra={"candidates": len(candidates), "online": len(closest)})
    return MatchResult(page, False, note, place, far)


def _join(first: str | None, second: str | None) -> str | None:
    """Two sentences of a note, either of which may be missing."""
    return " ".join(p for p in (first, second) if p) or None


def _within(group: Any, wants: _Wants) -> float | None:
    """The distance from the person to an in-person or hybrid group, when both are placed."""
    if group.latitude is None or group.longitude is None or wants.lat is None:
        return None
    return distance_km(wants.lat, wants.lon or 0.0, group.latitude, group.longitude)


def _any_within(groups: Iterable[Any], wants: _Wants, radius_km: float) -> bool:
    """Whether an in-person or hybrid group among `groups` meets within `radius_km`."""
    return any(
        (d := _within(g, wants)) is not None and d <= radius_km
        for g in groups
        if g.format != GroupFormat.online
    )


def _rural(wants: _Wants) -> bool:
    assert wants.lat is not None and wants.lon is not None
    return is_rural(wants.lat, wants.lon)


def _nearest_note(
    session: Session, request: MatchRequest, wants: _Wants, params: dict[str, Any]
) -> str:
    """How far the nearest in-person group for the concerns is, when none is near (or that
    there is none near at all: nothing within FAR_KM)."""
    km = _nearest_in_person_km(session, wants, params)
    if km is None:
        return wording.NOTES["none_in_person"]
    return wording.NOTES["nearest_in_person"].format(km=_rounded(km))


def _rounded(km: float) -> int:
    """A distance as people say it: to the km up to 100, then to 10 km."""
    return round(km) if km < 100 else int(round(km, -1))


NEAREST_RINGS_KM = (150.0, 400.0, FAR_KM)  # widening boxes: the index answers the small ones


def _nearest_in_person_km(session: Session, wants: _Wants, params: dict[str, Any]) -> float | None:
    """The distance to the nearest active in-person or hybrid group that serves the concerns,
    within FAR_KM (None beyond: not worth a number)."""
    assert wants.lat is not None and wants.lon is not None
    cos_lat = math.cos(math.radians(wants.lat))
    dlat, dlon = col(Group.latitude) - wants.lat, col(Group.longitude) - wants.lon
    rough = dlat * dlat + dlon * dlon * (cos_lat * cos_lat)
    for ring in NEAREST_RINGS_KM:
        half_lat = ring / 111.0
        half_lon = ring / (111.32 * max(cos_lat, 0.01))
        query = (
            _candidates(_shape(params))
            .where(
                col(Group.latitude).between(wants.lat - half_lat, wants.lat + half_lat),
                col(Group.longitude).between(wants.lon - half_lon, wants.lon + half_lon),
                col(Group.format).in_([GroupFormat.in_person.value, GroupFormat.hybrid.value]),
            )
            .order_by(rough, Group.id)
            .limit(10)  # the rough order is flat-earth: the exact distance decides among these
        )
        groups = _load_groups(session, query, _bind(params))
        found = [d for g in groups if (d := _within(g, wants)) is not None and d <= ring]
        if found:
            return min(found)
    return None


def _wishes(request: MatchRequest, place: Place | None) -> str:
    """The person's firm wishes, in plain words, for the nothing-fits note."""
    words: list[str] = []
    if request.format == "in_person":
        where = place.name if place else request.place
        words.append(
            wording.WISH_WORDS["near"].format(place=where)
            if where
            else wording.WISH_WORDS["in_person"]
        )
    elif request.format == "online":
        words.append(wording.WISH_WORDS["online"])
    if request.approach == "secular":
        words.append(wording.WISH_WORDS["secular"])
    words.extend(wording.AUDIENCE_WORDS.get(who, who) for who in request.audience)
    if request.language:
        words.append(wording.REASONS["language"].format(language=language_name(request.language)))
    if not words and place is not None:
        words.append(wording.WISH_WORDS["near"].format(place=place.name))
    return ", ".join(words) or concern_phrase(sorted({c for c, _, _ in request.concerns}))


def upcoming_meetings(
    session: Session, group_id: int, *, now: datetime, tz: str, count: int = 5
) -> list[tuple[datetime, datetime]]:
    """The group's next meetings (start, end) as aware datetimes in the time zone ``tz``."""
    group = session.get(Group, group_id)
    if group is None or not group.active:
        return []
    meetings = list(session.exec(select(Meeting).where(Meeting.group_id == group_id)).all())
    return upcoming(meetings, group.timezone, now=now, person_tz=tz, count=count)
