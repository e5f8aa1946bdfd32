"""hello: volunteers' own time zone, the person's language, stored deadlines, invite scopes

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05 21:30:00
"""

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import cast

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
ANSWER_WITHIN = timedelta(hours=12)  # as bot.hello.handlers.ANSWER_WITHIN was on this day


def upgrade() -> None:
    """Add volunteer.timezone, hello's locale and deadlines, and volunteerinvitescope."""
    with op.batch_alter_table("volunteer") as batch:
        batch.add_column(
            sa.Column("timezone", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True)
        )
    with op.batch_alter_table("hello") as batch:
        batch.add_column(
            sa.Column(
                "locale",
                sqlmodel.sql.sqltypes.AutoString(length=16),
                nullable=False,
                server_default="en",
            )
        )
        for name in ("notify_at", "notified_at", "answer_by"):
            batch.add_column(sa.Column(name, sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
    _deadlines_for_requests_already_sent()
    op.create_table(
        "volunteerinvitescope",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("invite_id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=True),
        sa.Column("fellowship_id", sa.Integer(), nullable=True),
        sa.Column("city", sa.String(length=128), nullable=True),
        sa.Column("online", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_volunteerinvitescope_invite_id", "volunteerinvitescope", ["invite_id"])


def _deadlines_for_requests_already_sent() -> None:
    """Requests waiting on a volunteer were sent at asked_at: their 12 hours count from then."""
    when = sqlmodel.sql.sqltypes.UTCDateTime()
    hello = sa.table(
        "hello",
        sa.column("id", sa.Integer()),
        sa.column("status", sa.String()),
        sa.column("asked_at", when),
        sa.column("notify_at", when),
        sa.column("notified_at", when),
        sa.column("answer_by", when),
    )
    bind = op.get_bind()
    asking = bind.execute(
        sa.select(hello.c.id, hello.c.asked_at).where(hello.c.status == "asking")
    ).all()
    for hello_id, asked_at in asking:
        asked_at = cast(datetime, asked_at)  # a table()'s columns are untyped: rows give object
        bind.execute(
            sa.update(hello)
            .where(hello.c.id == hello_id)
            .values(notify_at=asked_at, notified_at=asked_at, answer_by=asked_at + ANSWER_WITHIN)
        )


def downgrade() -> None:
    """Drop them again."""
    op.drop_table("volunteerinvitescope")
    with op.batch_alter_table("hello") as batch:
        for name in ("answer_by", "notified_at", "notify_at", "locale"):
            batch.drop_column(name)
    with op.batch_alter_table("volunteer") as batch:
        batch.drop_column("timezone")
