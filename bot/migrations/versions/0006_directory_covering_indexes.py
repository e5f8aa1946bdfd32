"""directory covering indexes

Matching pre-ranks candidates from two covering indexes (nearby and online) instead of reading
table rows; on PostgreSQL the audience and languages lists become jsonb so they can be indexed.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 10:15:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RANKING = [
    "fellowship_id", "active", "day_mask", "time_mask", "timezone", "last_verified", "secular",
    "dual_diagnosis", "medication_friendly", "audience", "languages",
]  # fmt: skip


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for column in ("audience", "languages"):
            op.alter_column(
                "group",
                column,
                type_=JSONB(),
                existing_type=sa.JSON(),
                existing_nullable=False,
                postgresql_using=f"{column}::jsonb",
            )
    op.drop_index("ix_group_lat_lon", table_name="group")
    op.drop_index("ix_group_format_fellowship", table_name="group")
    op.create_index("ix_group_nearby", "group", ["latitude", "longitude", "format", *RANKING])
    op.create_index("ix_group_online", "group", ["format", *RANKING])


def downgrade() -> None:
    op.drop_index("ix_group_online", table_name="group")
    op.drop_index("ix_group_nearby", table_name="group")
    op.create_index("ix_group_format_fellowship", "group", ["format", "fellowship_id"])
    op.create_index("ix_group_lat_lon", "group", ["latitude", "longitude"])
    if op.get_bind().dialect.name == "postgresql":
        for column in ("audience", "languages"):
            op.alter_column(
                "group",
                column,
                type_=sa.JSON(),
                existing_type=JSONB(),
                existing_nullable=False,
                postgresql_using=f"{column}::json",
            )
