"""person locale: the language the bot writes in to a person, and whether they chose it

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 17:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add person.locale (from Telegram's language where it has a catalog) and locale_chosen."""
    with op.batch_alter_table("person") as batch:
        batch.add_column(
            sa.Column("locale", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True)
        )
        batch.add_column(
            sa.Column("locale_chosen", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    """Drop them again."""
    with op.batch_alter_table("person") as batch:
        batch.drop_column("locale_chosen")
        batch.drop_column("locale")
