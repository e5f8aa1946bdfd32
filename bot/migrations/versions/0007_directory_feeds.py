"""directory feeds: what a feed says that firststep keeps, and sources that refresh themselves

Groups keep the Meeting Guide fields an export must give back (temporarily closed, approximate
address, formatted address, the feed's group, regions and other listed fields); meetings keep
the feed entry they came from. ``feedsource`` holds the feeds fetched on a schedule.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TEXT = sqlmodel.sql.sqltypes.AutoString
# The covering indexes matching reads (0006), now with temporarily_closed: never suggested
RANKING = [
    "fellowship_id", "active", "temporarily_closed", "day_mask", "time_mask", "timezone",
    "last_verified", "secular", "dual_diagnosis", "medication_friendly", "audience", "languages",
]  # fmt: skip
OLD_RANKING = [c for c in RANKING if c != "temporarily_closed"]


def _indexes(columns: list[str]) -> None:
    op.drop_index("ix_group_nearby", table_name="group")
    op.drop_index("ix_group_online", table_name="group")
    op.create_index("ix_group_nearby", "group", ["latitude", "longitude", "format", *columns])
    op.create_index("ix_group_online", "group", ["format", *columns])


def upgrade() -> None:
    with op.batch_alter_table("group", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("temporarily_closed", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("approximate", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("formatted_address", _TEXT(length=500), nullable=True))
        batch_op.add_column(sa.Column("group_name", _TEXT(length=200), nullable=True))
        batch_op.add_column(sa.Column("group_key", _TEXT(length=200), nullable=True))
        batch_op.add_column(
            sa.Column("regions", sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
        )
        batch_op.add_column(
            sa.Column("feed_extras", sa.JSON(), nullable=False, server_default=sa.text("'{}'"))
        )
        batch_op.create_index("ix_group_source_group_key", ["source", "group_key"], unique=False)
    with op.batch_alter_table("group", schema=None) as batch_op:
        for column in ("temporarily_closed", "approximate", "regions", "feed_extras"):
            batch_op.alter_column(column, server_default=None)
    _indexes(RANKING)
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source_id", _TEXT(length=200), nullable=True))
        batch_op.add_column(sa.Column("name", _TEXT(length=200), nullable=True))
        batch_op.add_column(sa.Column("notes", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("feed_extras", sa.JSON(), nullable=True))
    op.create_table(
        "feedsource",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", _TEXT(length=120), nullable=False),
        sa.Column("url", _TEXT(length=1000), nullable=False),
        sa.Column("format", _TEXT(length=16), nullable=False),
        sa.Column("fellowship", _TEXT(length=120), nullable=True),
        sa.Column("timezone", _TEXT(length=64), nullable=True),
        sa.Column("every_minutes", sa.Integer(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("etag", _TEXT(length=300), nullable=True),
        sa.Column("last_modified", _TEXT(length=100), nullable=True),
        sa.Column("content_hash", _TEXT(length=64), nullable=True),
        sa.Column("last_fetched_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("last_ok_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("last_changed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("last_summary", sa.Text(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("held_hash", _TEXT(length=64), nullable=True),
        sa.Column("held_body", sa.LargeBinary(), nullable=True),
        sa.Column("held_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("held_archive", sa.Integer(), nullable=False),
        sa.Column("held_total", sa.Integer(), nullable=False),
        sa.Column("confirmed_hash", _TEXT(length=64), nullable=True),
        sa.Column("alerted", _TEXT(length=32), nullable=True),
        sa.Column("alerted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )


def downgrade() -> None:
    op.drop_table("feedsource")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        for column in ("feed_extras", "notes", "name", "source_id"):
            batch_op.drop_column(column)
    _indexes(OLD_RANKING)
    with op.batch_alter_table("group", schema=None) as batch_op:
        batch_op.drop_index("ix_group_source_group_key")
        for column in (
            "feed_extras", "regions", "group_key", "group_name", "formatted_address",
            "approximate", "temporarily_closed",
        ):  # fmt: skip
            batch_op.drop_column(column)
