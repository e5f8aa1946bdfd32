"""Offline places: towns, zip codes, qualifiers, and the nearest town to a point."""

from __future__ import annotations

import pytest

from directory.geo import distance_km, geocode, place_at


def test_a_small_town_is_found_with_its_time_zone() -> None:
    place = geocode("Ypsilanti")
    assert place is not None
    assert place.name == "Ypsilanti, MI" and place.country == "US"
    assert place.timezone == "America/Detroit"
    assert abs(place.latitude - 42.24) < 0.05 and abs(place.longitude + 83.61) < 0.05


def test_a_us_zip_code_is_found() -> None:
    place = geocode("48104")
    assert place is not None
    assert place.name == "Ann Arbor, MI 48104"
    assert place.timezone == "America/Detroit"
    assert geocode("Ann Arbor, MI 48104") == place
    assert geocode("Ann Arbor, MI 00000") == geocode("Ann Arbor, MI")  # no such zip: the town
    assert geocode("00000") is None


def test_london_means_the_biggest_london_unless_qualified() -> None:
    london = geocode("London")
    assert london is not None and london.country == "GB"
    assert london.timezone == "Europe/London"
    ontario = geocode("London, Ontario")
    assert ontario is not None and ontario.country == "CA"
    assert ontario.timezone == "America/Toronto"


@pytest.mark.parametrize(
    ("text", "country", "tz"),
    [
        ("Sydney", "AU", "Australia/Sydney"),
        ("toronto", "CA", "America/Toronto"),
        ("New York", "US", "America/New_York"),
        ("NYC", "US", "America/New_York"),
        ("Portland, OR", "US", "America/Los_Angeles"),
        ("Köln", "DE", "Europe/Berlin"),
        ("Paris, France", "FR", "Europe/Paris"),
    ],
)
def test_cities_with_and_without_qualifiers(text: str, country: str, tz: str) -> None:
    place = geocode(text)
    assert place is not None and (place.country, place.timezone) == (country, tz)


@pytest.mark.parametrize("text", ["", "   ", "Qwxzzyville", "00000"])
def test_unknown_places_give_none(text: str) -> None:
    assert geocode(text) is None


def test_place_at_names_the_nearest_town_and_keeps_the_point() -> None:
    place = place_at(42.2411, -83.6130)
    assert place.name == "Ypsilanti, MI"
    assert (place.latitude, place.longitude) == (42.2411, -83.6130)
    assert place.timezone == "America/Detroit"
    sydney = place_at(-33.87, 151.21)
    assert sydney.country == "AU" and sydney.timezone == "Australia/Sydney"


def test_place_at_sea_still_gives_a_time_zone() -> None:
    place = place_at(0.0, -140.0)
    assert place.country is None and place.timezone


def test_great_circle_distance() -> None:
    assert distance_km(42.2808, -83.7430, 42.2411, -83.6130) == pytest.approx(11.6, abs=0.2)
    assert distance_km(51.5074, -0.1278, 40.7128, -74.0060) == pytest.approx(5570, rel=0.01)
    assert distance_km(10, 10, 10, 10) == 0


@pytest.mark.parametrize("code", ["٤٨١٠٤", "４８１０４", "۴۸۱۰۴", "Ann Arbor ٤٨١٠٤"])
def test_a_zip_code_in_another_scripts_digits_is_read_as_ascii(code: str) -> None:
    place = geocode(code)  # the zip library panics (a BaseException) on non-ASCII digits
    assert place is not None and place.name == "Ann Arbor, MI 48104"


def test_a_panic_of_the_zip_library_is_caught_at_the_call(monkeypatch: pytest.MonkeyPatch) -> None:
    import zipcodes

    from directory import geo

    def panic(code: str) -> list[dict[str, str]]:
        raise PanicLike("index out of bounds: 48105")

    monkeypatch.setattr(zipcodes, "matching", panic)
    geo._from_zip.cache_clear()
    try:
        assert geocode("48105") is None or geocode("48105") == geocode("")
        assert geocode("Ypsilanti 48105") is not None  # the town still counts
    finally:
        geo._from_zip.cache_clear()


class PanicLike(BaseException):
    """Like pyo3_runtime.PanicException: not an Exception."""


@pytest.mark.parametrize("digits", ["²²²²²", "①②③④⑤", "\u0000\u001f", "１２"])
def test_digit_like_characters_that_are_not_a_zip_code_find_nothing(digits: str) -> None:
    assert geocode(digits) is None
