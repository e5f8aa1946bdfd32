"""Migrations: one head, models and migrations agree, and they run on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

import bot.models  # noqa: F401
from bot.db import alembic_config


def test_migrations_have_one_head() -> None:
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    assert len(script.get_heads()) == 1


def _diff(engine: Engine) -> list[object]:
    with engine.connect() as conn:
        return compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)


def test_migrations_match_the_models_on_sqlite(engine: Engine) -> None:
    assert _diff(engine) == []


@pytest.mark.postgres
def test_migrations_match_the_models_on_postgres(pg_engine: Engine) -> None:
    assert _diff(pg_engine) == []
