"""Fuzzing every parser of outside input: texts (other scripts' digits, control characters, the
longest), commands with arguments, callback data (through the real Application), webhook bodies
(huge, deeply nested, not JSON, through the real webhook server), and imported directory files
(Meeting Guide JSON, CSV)."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from itertools import count
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.engine import Engine
from sqlmodel import Session
from telegram import Update
from telegram.ext import Application, CommandHandler

from bot.app import build_application
from bot.console import LocalBotApi
from bot.db import session_scope
from bot.ops.flood_limiter import FloodLimiter
from bot.ops.webhook_server import MAX_BODY, WebhookServer
from bot.settings import build_settings
from directory.csv_io import import_csv
from directory.meeting_guide import import_meeting_guide
from directory.models import Group
from directory.seed import seed

ADMIN = 5005
PERSON = 6006
NOW = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
FUZZ = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ids = count(1)


@pytest.fixture(scope="module")
def parser() -> Any:
    """The real parser, loaded once."""
    from nlp import load_parser

    return load_parser()


@pytest.fixture
async def app(sqlite_url: str, engine: Engine, parser: Any, tmp_path: Any) -> AsyncIterator[Any]:
    """The real Application on a seeded database, answering Bot API calls locally."""
    with session_scope(engine) as session:
        seed(session, demo=True, now=NOW)
    options = build_settings(
        DATABASE_URL=sqlite_url,
        FIRSTSTEP_DATA_DIR=str(tmp_path),
        TELEGRAM_BOT_TOKEN="",
        FIRSTSTEP_ADMIN_IDS=str(ADMIN),
    )
    application = build_application(options, engine=engine, parser=parser, request=LocalBotApi())
    application.bot_data.flood_limiter = FloodLimiter(limit=10**9)  # fuzzing types fast
    async with application:
        yield application


def message(chat_id: int, text: str) -> dict[str, Any]:
    """A private text message update (a command gets its entity)."""
    data: dict[str, Any] = {
        "message_id": next(ids),
        "date": int(time.time()),
        "chat": {"id": chat_id, "type": "private", "first_name": "P"},
        "from": {"id": chat_id, "is_bot": False, "first_name": "P"},
        "text": text,
    }
    if text.startswith("/"):
        data["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return {"update_id": next(ids), "message": data}


def press(chat_id: int, data: str) -> dict[str, Any]:
    """A callback query on an old message."""
    shown = {
        "message_id": 1,
        "date": int(time.time()),
        "chat": {"id": chat_id, "type": "private"},
        "text": "x",
    }
    user = {"id": chat_id, "is_bot": False, "first_name": "P"}
    return {
        "update_id": next(ids),
        "callback_query": {
            "id": str(next(ids)),
            "chat_instance": "c",
            "from": user,
            "data": data,
            "message": shown,
        },
    }


def commands_of(application: Application) -> list[str]:
    """Every command the Application answers, from its handlers."""
    found: set[str] = set()
    for handlers in application.handlers.values():
        for handler in handlers:
            stack = [handler]
            while stack:
                current = stack.pop()
                if isinstance(current, CommandHandler):
                    found |= set(current.commands)
                for attribute in ("entry_points", "fallbacks"):
                    stack += list(getattr(current, attribute, []) or [])
                for state_handlers in (getattr(current, "states", None) or {}).values():
                    stack += list(state_handlers)
    return sorted(found)


async def feed(application: Application, raw: dict[str, Any]) -> None:
    """Handle one update; fail if any handler raised."""
    before = application.bot_data.metrics.update_errors._value.get()
    await application.process_update(Update.de_json(raw, application.bot))
    after = application.bot_data.metrics.update_errors._value.get()
    assert after == before, "a handler raised (see the log for its type and place)"


other_digits = st.characters(categories=["Nd"]).filter(lambda c: not c.isascii())
controls = st.characters(categories=["Cc", "Cf", "Zl", "Zp"])
texts = st.one_of(
    st.text(min_size=1, max_size=300),
    st.text(alphabet=other_digits, min_size=1, max_size=12),  # "٤٨١٠٤", "４８１０４" ...
    st.builds(
        lambda words, digits: f"{words} {digits}",
        st.text(max_size=20),
        st.text(alphabet=other_digits, min_size=5, max_size=5),
    ),
    st.text(alphabet=controls, min_size=1, max_size=40),
    st.builds(
        lambda text, noise: text + noise + text,
        st.text(max_size=40),
        st.text(alphabet=controls, min_size=1, max_size=5),
    ),
    st.builds(
        lambda piece, extra: (piece * 5000)[: 4096 + extra],  # the longest, and longer
        st.text(min_size=1, max_size=30),
        st.integers(-200, 200),
    ),
)
arguments = st.lists(
    st.one_of(st.text(max_size=30), st.from_regex(r"[-+]?\d{1,12}", fullmatch=True)), max_size=4
)


@FUZZ
@given(text=texts, who=st.sampled_from([ADMIN, PERSON]))
async def test_any_text_in_any_state_is_answered_without_a_crash(app, text: str, who: int) -> None:
    await feed(app, message(who, text))


@FUZZ
@given(data=st.data(), args=arguments, who=st.sampled_from([ADMIN, PERSON]))
async def test_any_command_with_any_arguments_is_answered_without_a_crash(
    app, data: st.DataObject, args: list[str], who: int
) -> None:
    command = data.draw(st.sampled_from(commands_of(app)))
    cleaned = [a.replace("\x00", "") for a in args]
    await feed(app, message(who, " ".join([f"/{command}", *cleaned]).strip()))


callback_data = st.one_of(
    st.text(max_size=64),
    st.builds(
        lambda prefix, tail: f"{prefix}:{tail}",
        st.sampled_from(
            [
                "consent",
                "concern",
                "format",
                "place",
                "whom",
                "choose",
                "change",
                "contact",
                "when",
                "forget",
                "fu",
                "went",
                "staff",
                "grant",
                "edit",
                "import",
                "ref",
            ]
        ),
        st.one_of(st.text(max_size=20), st.integers(-(10**12), 10**12).map(str)),
    ),
)


@FUZZ
@given(data=callback_data, who=st.sampled_from([ADMIN, PERSON]))
async def test_any_callback_data_is_answered_without_a_crash(app, data: str, who: int) -> None:
    await feed(app, press(who, data))


# ------------------------------------------------------------------ webhook bodies

HOOK_SECRET = "fuzz-Secret"


def _update_with(text: str) -> bytes:
    return json.dumps(message(PERSON, text)).encode()


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20)),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=12,
)
bodies = st.one_of(
    st.binary(max_size=300),
    json_values.map(lambda value: json.dumps(value).encode()),
    st.integers(1, 20_000).map(lambda n: b"[" * n + b"]" * n),  # deep nesting
    st.integers(1, 5_000).map(lambda n: b'{"a":' * n + b"1" + b"}" * n),
    st.integers(1, 200).map(
        lambda n: b'{"update_id": 1, "message": ' + b'{"x":' * n + b"1" + b"}" * n + b"}"
    ),
    st.integers(MAX_BODY - 400, MAX_BODY + 4_000).map(  # huge: about the bound, both sides
        lambda n: b'{"update_id": 7, "x": "' + b"a" * n + b'"}'
    ),
    st.text(alphabet=controls, max_size=30).map(_update_with),  # control characters in a text
    st.text(alphabet=other_digits, min_size=1, max_size=8).map(  # an id in other digits
        lambda digits: json.dumps({"update_id": digits}).encode()
    ),
    st.text(max_size=50).map(lambda words: json.dumps(words).encode()),  # a bare string
    st.binary(min_size=1, max_size=40).map(lambda junk: _update_with("hi")[:-2] + junk),
)


@pytest.fixture
async def hook(app: Application) -> AsyncIterator[str]:
    """The real webhook server for the fuzzed Application, on a free port; its URL."""
    server = WebhookServer(app, path="hook", secret=HOOK_SECRET)
    port = server.start("127.0.0.1", 0)
    yield f"http://127.0.0.1:{port}/hook"
    await server.stop()


@FUZZ
@given(body=bodies)
async def test_any_webhook_body_is_taken_or_refused_never_a_server_error(
    app: Application, hook: str, body: bytes
) -> None:
    headers = {"X-Telegram-Bot-Api-Secret-Token": HOOK_SECRET, "Content-Type": "application/json"}
    async with httpx.AsyncClient() as client:
        response = await client.post(hook, content=body, headers=headers)
    assert response.status_code in (200, 400, 413), response.status_code
    if len(body) > MAX_BODY:
        assert response.status_code == 413
    taken = 0
    while not app.update_queue.empty():
        assert isinstance(app.update_queue.get_nowait(), Update)
        taken += 1
    assert taken == (1 if response.status_code == 200 else 0)


# ------------------------------------------------------------------ imported directory files

MEETING_GUIDE_KEYS = [
    "name", "slug", "day", "time", "end_time", "timezone", "types", "address", "city", "state",
    "postal_code", "country", "latitude", "longitude", "conference_url", "conference_phone",
    "notes", "updated", "location", "formatted_address", "group", "region", "attendance_option",
]  # fmt: skip
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(["19:00", "7:30", "25:99", "Monday", "America/New_York", "Nowhere/None"]),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
entries = st.dictionaries(st.sampled_from(MEETING_GUIDE_KEYS), values, max_size=12)
feeds = st.one_of(
    st.lists(entries, max_size=5),
    values,
    st.binary(max_size=200),
    st.lists(entries, max_size=3).map(lambda rows: json.dumps(rows, default=str)),
)


@pytest.fixture
def seeded(engine: Engine) -> Engine:
    """A database with the real fellowships and the sample groups."""
    with session_scope(engine) as session:
        seed(session, demo=True, now=NOW)
    return engine


def groups_in(engine: Engine) -> int:
    """How many groups the directory holds."""
    with Session(engine) as session:
        return session.execute(sa.select(sa.func.count()).select_from(Group)).scalar_one()


@FUZZ
@given(feed_data=feeds)
def test_any_meeting_guide_feed_imports_all_or_nothing_without_a_crash(
    seeded: Engine, feed_data: Any
) -> None:
    engine = seeded
    before = groups_in(engine)
    with session_scope(engine) as session:
        report = import_meeting_guide(
            session, feed_data, fellowship="Alcoholics Anonymous", now=NOW
        )
    assert isinstance(report.summary(), str)
    if report.errors:
        assert groups_in(engine) == before
    for error in report.errors:
        assert str(error)


CSV_HEADER = (
    "name,fellowship,format,days,start,end,timezone,address,city,state,country,latitude,"
    "longitude,join_url,types\n"
)


@FUZZ
@given(
    text=st.one_of(
        st.text(max_size=300),
        st.lists(st.lists(st.text(max_size=15), max_size=15), max_size=5).map(
            lambda rows: CSV_HEADER + "\n".join(",".join(r) for r in rows)
        ),
        st.binary(max_size=200),
    )
)
def test_any_csv_imports_all_or_nothing_without_a_crash(seeded: Engine, text: Any) -> None:
    engine = seeded
    before = groups_in(engine)
    with session_scope(engine) as session:
        report = import_csv(session, text, now=NOW)
    assert isinstance(report.summary(), str)
    if report.errors:
        assert groups_in(engine) == before


async def test_the_fuzzed_commands_include_the_persons_and_the_staffs(app) -> None:
    found = commands_of(app)
    assert {"start", "forget", "mydata", "stop"} <= set(found)
    assert len(found) > 8  # staff commands too
