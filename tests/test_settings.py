"""Settings: defaults, parsing, and one clear line for a bad value."""

from __future__ import annotations

import pytest

from bot.settings import SettingsError, build_settings


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    for name in (
        "TELEGRAM_BOT_TOKEN",
        "TELEGRAM_API_BASE_URL",
        "DATABASE_URL",
        "FIRSTSTEP_ADMIN_IDS",
        "FIRSTSTEP_QUIET_HOURS",
        "FIRSTSTEP_DEFAULT_TIMEZONE",
        "FIRSTSTEP_REMINDER_BEFORE_MINUTES",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # type: ignore[arg-type]


def test_defaults_use_a_sqlite_file_and_telegrams_api() -> None:
    settings = build_settings()
    assert settings.effective_database_url == "sqlite:///data/firststep.sqlite3"
    assert settings.telegram_api_base_url == "https://api.telegram.org/bot"
    assert settings.token is None
    assert settings.admin_ids == frozenset()


def test_values_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:abc")
    monkeypatch.setenv("FIRSTSTEP_ADMIN_IDS", " 10, 20 ,30")
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://u@h/db")
    settings = build_settings()
    assert settings.token == "123:abc"
    assert "123:abc" not in repr(settings)
    assert settings.admin_ids == frozenset({10, 20, 30})
    assert settings.effective_database_url == "postgresql+psycopg://u@h/db"


def test_values_come_from_a_dotenv_file(tmp_path: object) -> None:
    (tmp_path / ".env").write_text("FIRSTSTEP_QUIET_HOURS=22:00-07:30\n")  # type: ignore[operator]
    assert build_settings().quiet_hours == "22:00-07:30"


@pytest.mark.parametrize(
    ("name", "value", "named"),
    [
        ("FIRSTSTEP_ADMIN_IDS", "12,bob", "FIRSTSTEP_ADMIN_IDS"),
        ("FIRSTSTEP_QUIET_HOURS", "9pm-8am", "FIRSTSTEP_QUIET_HOURS"),
        ("FIRSTSTEP_DEFAULT_TIMEZONE", "Mars/Olympus", "FIRSTSTEP_DEFAULT_TIMEZONE"),
        ("FIRSTSTEP_DEFAULT_TIMEZONE", "Europe", "FIRSTSTEP_DEFAULT_TIMEZONE"),  # a directory
        ("FIRSTSTEP_DEFAULT_TIMEZONE", "x" * 300, "FIRSTSTEP_DEFAULT_TIMEZONE"),  # name too long
        ("FIRSTSTEP_DEFAULT_TIMEZONE", "/etc/localtime", "FIRSTSTEP_DEFAULT_TIMEZONE"),
        ("FIRSTSTEP_REMINDER_BEFORE_MINUTES", "soon", "FIRSTSTEP_REMINDER_BEFORE_MINUTES"),
        ("TELEGRAM_API_BASE_URL", "api.telegram.org", "TELEGRAM_API_BASE_URL"),
    ],
)
def test_a_bad_value_names_the_setting_in_one_line(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, named: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as caught:
        build_settings()
    message = str(caught.value)
    assert named in message
    assert "\n" not in message
