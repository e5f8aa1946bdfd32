"""The conversation's fixtures (seeded directory, real parser, running Application)."""

from tests.bot.conftest import (  # noqa: F401
    bot,
    clock,
    contact_group_id,
    make_bot,
    parser,
    settings,
)
