"""One settings object for the whole program, read from the environment and a `.env` file."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_DATA_DIR = Path("data")
_QUIET_HOURS = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$")


class SettingsError(Exception):
    """A setting has a bad value; the message names the setting in one line."""


class Settings(BaseSettings):
    """Everything the operator can set. Names are the environment variables."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    telegram_bot_token: SecretStr | None = Field(default=None, alias="TELEGRAM_BOT_TOKEN")
    telegram_api_base_url: str = Field(
        default="https://api.telegram.org/bot", alias="TELEGRAM_API_BASE_URL"
    )
    database_url: str = Field(default="", alias="DATABASE_URL")
    admin_ids: Annotated[frozenset[int], NoDecode] = Field(
        default=frozenset(), alias="FIRSTSTEP_ADMIN_IDS"
    )
    data_dir: Path = Field(default=DEFAULT_DATA_DIR, alias="FIRSTSTEP_DATA_DIR")
    spacy_model: str | None = Field(default=None, alias="FIRSTSTEP_SPACY_MODEL")
    quiet_hours: str = Field(default="21:00-08:00", alias="FIRSTSTEP_QUIET_HOURS")
    reminder_before_minutes: int = Field(
        default=180, ge=0, le=24 * 60, alias="FIRSTSTEP_REMINDER_BEFORE_MINUTES"
    )
    followup_after_minutes: int = Field(
        default=120, ge=0, le=7 * 24 * 60, alias="FIRSTSTEP_FOLLOWUP_AFTER_MINUTES"
    )
    default_timezone: str = Field(default="America/New_York", alias="FIRSTSTEP_DEFAULT_TIMEZONE")
    retention_days: int = Field(default=180, ge=1, alias="FIRSTSTEP_RETENTION_DAYS")
    webhook_url: str | None = Field(default=None, alias="FIRSTSTEP_WEBHOOK_URL")
    webhook_secret: SecretStr | None = Field(default=None, alias="FIRSTSTEP_WEBHOOK_SECRET")
    listen_host: str = Field(default="127.0.0.1", alias="FIRSTSTEP_LISTEN_HOST")
    listen_port: int = Field(default=8443, ge=1, le=65535, alias="FIRSTSTEP_LISTEN_PORT")
    health_port: int = Field(default=8080, ge=0, le=65535, alias="FIRSTSTEP_HEALTH_PORT")

    @field_validator("telegram_api_base_url")
    @classmethod
    def _check_base_url(cls, value: str) -> str:
        if not re.match(r"^https?://[^\s/]+", value):
            raise ValueError(
                "must be an http:// or https:// URL, like https://api.telegram.org/bot"
            )
        return value

    @field_validator("database_url")
    @classmethod
    def _check_database_url(cls, value: str) -> str:
        value = value.strip()
        if value:
            check_database_url(value)
        return value

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_admin_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p.strip() for p in value.split(",") if p.strip()]
            bad = [p for p in parts if not re.fullmatch(r"-?\d+", p)]
            if bad:
                raise ValueError(f"{bad[0]!r} is not a Telegram user id; use numbers: 12345,67890")
            return frozenset(int(p) for p in parts)
        return value

    @field_validator("quiet_hours")
    @classmethod
    def _check_quiet_hours(cls, value: str) -> str:
        value = value.strip()
        if not _QUIET_HOURS.match(value):
            raise ValueError("must look like 21:00-08:00 (start-end, 24-hour clock)")
        return value

    @field_validator("default_timezone")
    @classmethod
    def _check_timezone(cls, value: str) -> str:
        from directory.zones import load_zone

        if load_zone(value) is None:
            raise ValueError(f"{value!r} is not an IANA time zone, like Europe/London")
        return value

    @property
    def effective_database_url(self) -> str:
        """The database URL, defaulting to a SQLite file in the data folder."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'firststep.sqlite3').as_posix()}"

    @property
    def token(self) -> str | None:
        """The bot token as plain text, or None when not set."""
        if self.telegram_bot_token is None:
            return None
        value = self.telegram_bot_token.get_secret_value().strip()
        return value or None


DATABASE_URL_HELP = (
    "use postgresql+psycopg://user:password@host:5432/name or sqlite:///path/file.db"
)


def check_database_url(url: str) -> None:
    """ValueError with one line when the URL cannot name a database this bot can use."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    try:
        parsed = make_url(url)
        port = parsed.port
    except (ArgumentError, ValueError):
        raise ValueError(
            f"is not a database URL (or its port is not a number); {DATABASE_URL_HELP}"
        ) from None
    if port is not None and not 1 <= port <= 65535:
        raise ValueError(f"port {port} is not between 1 and 65535; {DATABASE_URL_HELP}")
    if parsed.get_backend_name() not in ("postgresql", "sqlite"):
        raise ValueError(f"{parsed.get_backend_name()!r} is not supported; {DATABASE_URL_HELP}")
    try:
        parsed.get_dialect().import_dbapi()
    except (NoSuchModuleError, ImportError):
        raise ValueError(
            f"the driver {parsed.drivername!r} is not installed; {DATABASE_URL_HELP}"
        ) from None


def build_settings(**overrides: object) -> Settings:
    """Read the settings; raise SettingsError with one clear line naming a bad setting."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        error = exc.errors()[0]
        field = str(error["loc"][0]) if error["loc"] else "?"
        alias = Settings.model_fields[field].alias if field in Settings.model_fields else field
        message = str(error["msg"]).removeprefix("Value error, ")
        raise SettingsError(f"setting {alias or field}: {message}") from None
