"""volunteers and introductions: a volunteer from the group says hello before the first meeting

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 18:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":  # the role is a PostgreSQL enum there
        with op.get_context().autocommit_block():
            op.execute("ALTER TYPE staffrole ADD VALUE IF NOT EXISTS 'volunteer'")
    op.create_table(
        "volunteer",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("telegram_user_id", sa.BigInteger(), nullable=False, unique=True),
        sa.Column("languages", sa.String(length=64), nullable=False),
        sa.Column("hours_from", sa.Integer(), nullable=False),
        sa.Column("hours_to", sa.Integer(), nullable=False),
        sa.Column("paused", sa.Boolean(), nullable=False),
        sa.Column("conduct_agreed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    )
    op.create_table(
        "volunteerscope",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("volunteer_user_id", sa.BigInteger(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=True),
        sa.Column("fellowship_id", sa.Integer(), nullable=True),
        sa.Column("city", sa.String(length=128), nullable=True),
        sa.Column("online", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_volunteerscope_volunteer_user_id", "volunteerscope", ["volunteer_user_id"])
    op.create_index("ix_volunteerscope_group_id", "volunteerscope", ["group_id"])
    op.create_table(
        "hello",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("person_chat_id", sa.BigInteger(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("shown_name", sa.String(length=32), nullable=True),
        sa.Column("volunteer_user_id", sa.BigInteger(), nullable=True),
        sa.Column("passed", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("blocked", sa.Boolean(), nullable=False),
        sa.Column("asked_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("opened_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("closes_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("closed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("closed_by", sa.String(length=16), nullable=True),
    )
    op.create_index("ix_hello_person_chat_id", "hello", ["person_chat_id"])
    op.create_index("ix_hello_group_id", "hello", ["group_id"])
    op.create_index("ix_hello_volunteer_user_id", "hello", ["volunteer_user_id"])


def downgrade() -> None:
    # PostgreSQL cannot drop one value of an enum; 'volunteer' stays in the type, unused.
    op.execute("UPDATE rolegrant SET revoked_at = CURRENT_TIMESTAMP WHERE role = 'volunteer'")
    op.drop_table("hello")
    op.drop_table("volunteerscope")
    op.drop_table("volunteer")
