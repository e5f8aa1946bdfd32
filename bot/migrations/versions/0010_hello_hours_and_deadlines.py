"""hello: volunteers' own time zone, the person's language, stored deadlines, invite scopes

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05 21:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


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


def downgrade() -> None:
    """Drop them again."""
    op.drop_table("volunteerinvitescope")
    with op.batch_alter_table("hello") as batch:
        for name in ("answer_by", "notified_at", "notify_at", "locale"):
            batch.drop_column(name)
    with op.batch_alter_table("volunteer") as batch:
        batch.drop_column("timezone")
