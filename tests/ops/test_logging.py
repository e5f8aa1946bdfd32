"""Structured logs: one JSON line per event, tokens redacted, no person's words from errors."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from bot.ops.logging import REDACTED, JsonFormatter, RedactTokens, configure_logging, redact

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ"


@pytest.fixture
def stream() -> Iterator[io.StringIO]:
    """Route the root logger to a string for the test, then restore it."""
    root = logging.getLogger()
    saved_handlers, saved_level = list(root.handlers), root.level
    buffer = io.StringIO()
    configure_logging(logging.DEBUG, buffer)
    yield buffer
    for handler in list(root.handlers):
        root.removeHandler(handler)
    for handler in saved_handlers:
        root.addHandler(handler)
    root.setLevel(saved_level)


def lines(buffer: io.StringIO) -> list[dict[str, object]]:
    """Every line written, parsed as JSON (fails if any line is not JSON)."""
    return [json.loads(line) for line in buffer.getvalue().splitlines()]


def test_each_event_is_one_json_line_with_extras(stream: io.StringIO) -> None:
    logging.getLogger("firststep.test").info(
        "reply sent", extra={"chat_id": 42, "state": "awaiting_concern"}
    )
    [entry] = lines(stream)
    assert entry["event"] == "reply sent"
    assert entry["chat_id"] == 42
    assert entry["state"] == "awaiting_concern"
    assert entry["level"] == "info"
    assert entry["logger"] == "firststep.test"


def test_token_is_redacted_in_message_arguments_and_extras(stream: io.StringIO) -> None:
    log = logging.getLogger("firststep.test")
    log.warning("POST https://api.telegram.org/bot%s/getUpdates failed", TOKEN)
    log.warning("calling", extra={"url": f"https://api.telegram.org/bot{TOKEN}/sendMessage"})
    text = stream.getvalue()
    assert TOKEN not in text
    assert TOKEN.split(":")[1] not in text
    assert text.count(REDACTED) == 2
    assert len(lines(stream)) == 2


def test_httpx_style_url_logged_by_a_library_is_redacted(stream: io.StringIO) -> None:
    logging.getLogger("telegram.ext.Updater").error(
        "Network error on https://api.telegram.org/bot%s/getMe", TOKEN
    )
    assert TOKEN not in stream.getvalue()


def test_multiline_message_stays_on_one_line(stream: io.StringIO) -> None:
    logging.getLogger("firststep.test").info("first\nsecond\nthird")
    assert len(stream.getvalue().splitlines()) == 1
    assert lines(stream)[0]["event"] == "first\nsecond\nthird"


def test_error_from_our_code_keeps_type_and_place_but_not_its_message(
    stream: io.StringIO,
) -> None:
    secret_words = "i drink every night and my wife left"
    try:
        raise ValueError(f"could not handle {secret_words}")
    except ValueError:
        logging.getLogger("firststep.test").exception("handler failed", extra={"chat_id": 7})
    text = stream.getvalue()
    assert secret_words not in text
    [entry] = lines(stream)
    assert entry["error"] == "builtins.ValueError"
    assert "test_logging.py" in str(entry["where"])
    assert entry["chat_id"] == 7


def test_error_from_the_network_keeps_its_message_with_token_redacted(
    stream: io.StringIO,
) -> None:
    try:
        raise ConnectionRefusedError(f"cannot reach https://api.telegram.org/bot{TOKEN}/getMe")
    except OSError:
        logging.getLogger("firststep.test").exception("network down")
    [entry] = lines(stream)
    assert "cannot reach" in str(entry["error_message"])
    assert TOKEN not in stream.getvalue()


def test_bad_format_arguments_do_not_lose_the_record() -> None:
    record = logging.LogRecord("x", logging.INFO, "f.py", 1, "%s and %s", ("one",), None)
    assert RedactTokens().filter(record)
    assert "%s and %s" in JsonFormatter().format(record)


def test_redact_leaves_ordinary_numbers_and_times_alone() -> None:
    assert redact("chat 123456789 at 19:00 state 3") == "chat 123456789 at 19:00 state 3"
    assert redact(f"x{TOKEN}y") != f"x{TOKEN}y"


def test_library_lines_quoting_a_whole_update_are_withheld(stream: io.StringIO) -> None:
    update = {"update_id": 5, "message": {"text": "i relapsed last night"}}
    logging.getLogger("telegram.ext.Application").critical("Received data was: %r", update)
    logging.getLogger("telegram.ext.Application").info("update %s took %s s", 5, 0.25)
    text = stream.getvalue()
    assert "relapsed" not in text
    assert "<dict>" in text
    assert "update 5 took 0.25 s" in text


def test_telegram_debug_lines_are_never_written(stream: io.StringIO) -> None:
    logging.getLogger("telegram.ext.Updater").debug("Webhook received data: %s", '{"text":"x"}')
    assert stream.getvalue() == ""


def test_where_names_our_own_frames_with_their_package_path() -> None:
    from bot.ops.logging import describe_error
    from bot.settings import SettingsError, build_settings

    try:
        build_settings(FIRSTSTEP_LISTEN_PORT="not a port")
    except SettingsError as exc:
        where = describe_error(exc)["where"]
    assert where.startswith("bot/settings.py:")
    assert "build_settings" in where


def test_a_library_line_quoting_a_bare_string_is_withheld(stream: io.StringIO) -> None:
    words = "i want to stop drinking before my son notices"
    logging.getLogger("telegram.ext._utils.webhookhandler").critical(
        "Received data was *not* processed! Received data was: %r", words
    )
    logging.getLogger("telegram.ext.Updater").error("Error while getting Updates: %s", words)
    text = stream.getvalue()
    assert "drinking" not in text
    assert text.count("<str>") == 2
    logging.getLogger("bot.ops.webhook").info("serving by %s", "webhook")  # our own lines keep
    assert lines(stream)[-1]["event"] == "serving by webhook"
