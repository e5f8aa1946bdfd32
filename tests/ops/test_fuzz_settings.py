"""Fuzzing the settings: any text in any setting gives Settings or one clear SettingsError line."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.settings import Settings, SettingsError, build_settings

ALIASES = sorted(field.alias for field in Settings.model_fields.values() if field.alias is not None)
FUZZ = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
texts = st.one_of(
    st.text(max_size=40),
    st.from_regex(r"-?\d{1,12}", fullmatch=True),
    st.from_regex(r"([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d", fullmatch=True),
    st.sampled_from(["", " ", "0", "-1", "65536", "Europe/London", "Mars/Olympus", "1,2,x"]),
    st.sampled_from(["Europe", "Etc", "America/", "/etc/passwd", "../x", "zone1970.tab"]),
    st.just("x" * 300),
    st.from_regex(r"[A-Za-z_]{1,12}(/[A-Za-z_.]{1,12}){0,2}/?", fullmatch=True),  # path-like
)


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    for name in ALIASES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # type: ignore[arg-type]


@FUZZ
@given(name=st.sampled_from(ALIASES), value=texts)
def test_any_text_in_any_setting_is_accepted_or_named_in_one_line(name: str, value: str) -> None:
    try:
        built = build_settings(**{name: value})
    except SettingsError as exc:
        message = str(exc)
        assert message.startswith(f"setting {name}: "), message
        assert "\n" not in message
        return
    assert isinstance(built, Settings)
    assert built.effective_database_url  # usable without a crash


@FUZZ
@given(values=st.dictionaries(st.sampled_from(ALIASES), texts, max_size=6))
def test_many_settings_at_once_never_raise_anything_else(values: dict[str, str]) -> None:
    try:
        build_settings(**values)
    except SettingsError as exc:
        assert str(exc).split(":")[0].removeprefix("setting ") in ALIASES


@FUZZ
@given(port=st.integers(min_value=-10, max_value=70000))
def test_ports_are_taken_in_range_and_refused_outside(port: int) -> None:
    try:
        built = build_settings(FIRSTSTEP_LISTEN_PORT=str(port))
    except SettingsError:
        assert not 1 <= port <= 65535
    else:
        assert 1 <= port <= 65535 and built.listen_port == port
