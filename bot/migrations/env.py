"""Alembic environment: every table of firststep lives in SQLModel.metadata."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import bot.models  # noqa: F401  (registers tables)
from bot.db import make_engine

config = context.config
target_metadata = SQLModel.metadata


def run_migrations() -> None:
    """Run migrations online against the configured URL."""
    url = config.get_main_option("sqlalchemy.url")
    assert url
    connectable = config.attributes.get("connection")
    if connectable is not None:
        context.configure(connection=connectable, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = make_engine(url)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations()
