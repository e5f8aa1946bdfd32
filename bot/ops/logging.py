"""Structured logs: one JSON object per line, chat ids and states only, bot tokens redacted."""

from __future__ import annotations

import json
import logging
import re
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

# A Telegram bot token is "<bot id>:<35 url-safe characters>"; tolerate shorter fakes in tests.
TOKEN_PATTERN = re.compile(r"(?<!\d)\d{5,16}:[A-Za-z0-9_-]{20,}")
REDACTED = "[redacted-token]"

_STANDARD_ATTRIBUTES = frozenset(
    logging.LogRecord("", 0, "", 0, "", None, None).__dict__.keys()
    | {"message", "asctime", "taskName"}
)
_TRUSTED_ERROR_MODULES = ("sqlalchemy", "psycopg", "httpx", "httpcore", "telegram.error", "alembic")
_NOISY_LOGGERS = ("httpx", "httpcore", "apscheduler", "tornado.access")


def redact(text: str) -> str:
    """Replace anything that looks like a bot token."""
    return TOKEN_PATTERN.sub(REDACTED, text)


class RedactTokens(logging.Filter):
    """Rewrite a record so no bot token survives in its message, arguments or extras."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact in place; never drops a record."""
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not lose the record
            message = str(record.msg)
        record.msg = redact(message)
        record.args = None
        for key, value in list(record.__dict__.items()):
            if key not in _STANDARD_ATTRIBUTES and isinstance(value, str):
                setattr(record, key, redact(value))
        return True


class WithholdContent(logging.Filter):
    """Replace any argument that is not a plain number or word-free value by its type name.

    Libraries log whole updates ("Processing update %s", "Received data was: %r"); those hold what
    a person wrote, and so may a bare string (a webhook body that is one JSON string). Numbers,
    booleans and None pass; strings pass only in our own loggers' lines (ids and states); objects,
    dicts, lists and other libraries' strings become "<TypeName>".
    """

    def filter(self, record: logging.LogRecord) -> bool:
        """Withhold in place; never drops a record."""
        args, ours = record.args, record.name.split(".", 1)[0] in _OUR_LOGGERS
        if isinstance(args, tuple):
            record.args = tuple(_plain(arg, ours) for arg in args)
        elif isinstance(args, dict):
            record.args = {key: _plain(value, ours) for key, value in args.items()}
        return True


# Loggers whose lines are ours (reviewed: ids and states only) or name only schema revisions.
_OUR_LOGGERS = frozenset({"bot", "nlp", "directory", "i18n", "firststep", "alembic"})


def _plain(value: object, ours: bool) -> object:
    if value is None or isinstance(value, int | float) or (ours and isinstance(value, str)):
        return value
    return f"<{type(value).__name__}>"


class JsonFormatter(logging.Formatter):
    """One line of JSON per record: time, level, logger, event, extras, and the error type."""

    def format(self, record: logging.LogRecord) -> str:
        """Serialise a record; extras given with `extra={...}` become fields."""
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": redact(record.getMessage()),
        }
        for key, value in record.__dict__.items():
            if key not in _STANDARD_ATTRIBUTES and not key.startswith("_"):
                entry[key] = value if isinstance(value, int | float | bool | None) else str(value)
        if record.exc_info and record.exc_info[1] is not None:
            entry.update(describe_error(record.exc_info[1]))
        return json.dumps(entry, ensure_ascii=False, default=str)


def describe_error(error: BaseException) -> dict[str, str]:
    """The error's type and place; its message only when it cannot hold a person's words.

    Messages of our own code or of a handler may quote what a person wrote, so only errors raised by
    the database driver, the HTTP client, Telegram or the operating system keep their message.
    """
    described = {"error": f"{type(error).__module__}.{type(error).__qualname__}"}
    if isinstance(error, OSError) or type(error).__module__.startswith(_TRUSTED_ERROR_MODULES):
        described["error_message"] = redact(str(error))[:300]
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if _is_ours(f.filename)][-4:]
    shown = ([frames[-1]] if frames and (not ours or ours[-1] is not frames[-1]) else []) + ours[
        ::-1
    ]
    described["where"] = " <- ".join(f"{_short(f.filename)}:{f.lineno} {f.name}" for f in shown)
    return described


_OUR_PACKAGES = ("bot", "nlp", "directory")


def _is_ours(filename: str) -> bool:
    parts = Path(filename).parts
    return "site-packages" not in parts and any(p in parts for p in _OUR_PACKAGES)


def _short(filename: str) -> str:
    parts = Path(filename).parts
    for index, part in enumerate(parts):
        if part in _OUR_PACKAGES and "site-packages" not in parts:
            return "/".join(parts[index:])
    return parts[-1] if parts else filename


def configure_logging(level: int | str = logging.INFO, stream: IO[str] | None = None) -> None:
    """Send all records to one stream as JSON lines, tokens redacted, chatty libraries quiet."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(WithholdContent())
    handler.addFilter(RedactTokens())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    for name in _NOISY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    # PTB's debug lines quote whole updates (what people wrote): never below INFO.
    logging.getLogger("telegram").setLevel(max(logging.INFO, root.level))
