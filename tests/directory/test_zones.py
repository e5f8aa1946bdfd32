"""Time zone names: odd ones (a directory, a path, a data file, too long) are refused kindly or
fall back; `zoneinfo`'s OSError never escapes."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.followups import rules
from bot.staff.group_form import FieldError, parse_timezone
from directory import schedule
from directory.crud import DirectoryError, check_timezone
from directory.zones import load_zone, zone_or_utc

ODD = ["Europe", "Etc", "America", "__pycache__", "x" * 300, "America/", "/etc/passwd",
       "../../etc/passwd", "zone1970.tab", "America//Detroit", "UTC\x00", ""]  # fmt: skip


@pytest.mark.parametrize("name", ODD)
def test_an_odd_name_is_no_zone_and_each_reader_says_so_kindly(name: str) -> None:
    assert load_zone(name) is None
    assert zone_or_utc(name) == ZoneInfo("UTC")
    assert schedule.zone(name) == ZoneInfo("UTC")
    assert rules.zone(name, "America/Detroit") == ZoneInfo("America/Detroit")
    with pytest.raises(DirectoryError):
        check_timezone(name or "x/")
    with pytest.raises(FieldError):
        parse_timezone(name or "x/")


def test_real_names_still_load() -> None:
    assert load_zone("America/Detroit") == ZoneInfo("America/Detroit")
    assert check_timezone("Europe/London") == "Europe/London"
    assert parse_timezone(" Australia/Sydney ") == "Australia/Sydney"


@given(st.one_of(st.text(max_size=80), st.from_regex(r"[A-Za-z_./-]{1,40}", fullmatch=True)))
def test_any_text_is_a_zone_or_none_never_an_error(name: str) -> None:
    found = load_zone(name)
    assert found is None or isinstance(found, ZoneInfo)
