"""Shared fixtures: a migrated SQLite database per test, and PostgreSQL for tests marked for it."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.db import make_engine, upgrade

POSTGRES_URL_SETTING = "FIRSTSTEP_TEST_POSTGRES_URL"
DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@pytest.fixture
def sqlite_url(tmp_path: pytest.TempPathFactory) -> str:
    """A fresh, migrated SQLite database file."""
    url = f"sqlite:///{tmp_path}/firststep.sqlite3"  # type: ignore[operator]
    upgrade(url)
    return url


@pytest.fixture
def engine(sqlite_url: str) -> Iterator[Engine]:
    """An engine on a fresh, migrated SQLite database."""
    eng = make_engine(sqlite_url)
    yield eng
    eng.dispose()


def _postgres_base_url() -> str:
    return os.environ.get(POSTGRES_URL_SETTING, DEFAULT_POSTGRES_URL)


def no_such_database(*, password: str) -> str:
    """The test PostgreSQL server's URL with a database that does not exist (and a password)."""
    url = sa.engine.make_url(_postgres_base_url())
    return url.set(database="firststep_no_such_database", password=password).render_as_string(
        hide_password=False
    )


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A migrated PostgreSQL schema of its own, dropped afterwards; fails loudly without one."""
    base = _postgres_base_url()
    admin = sa.create_engine(base)
    try:
        with admin.connect() as conn:
            conn.execute(sa.text("select 1"))
    except Exception as exc:  # the test must fail, never skip
        admin.dispose()
        pytest.fail(
            f"PostgreSQL is not reachable at {base} ({type(exc).__name__}). Start it, or point "
            f"{POSTGRES_URL_SETTING} at one, e.g. postgresql+psycopg://USER@HOST:5432/DBNAME",
            pytrace=False,
        )
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with admin.begin() as conn:
        conn.execute(sa.text(f'create schema "{schema}"'))
    sep = "&" if "?" in base else "?"
    url = f"{base}{sep}options=-csearch_path%3D{schema}"
    try:
        upgrade(url)
        yield url
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'drop schema "{schema}" cascade'))
        admin.dispose()


@pytest.fixture
def pg_engine(pg_url: str) -> Iterator[Engine]:
    """An engine on a fresh, migrated PostgreSQL schema."""
    eng = make_engine(pg_url)
    yield eng
    eng.dispose()
