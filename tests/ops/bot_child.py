"""A whole firststep bot in its own process for the failover tests (settings from the environment).

The follow-up lease is short (2 s) so rows claimed by a killed process come back quickly.
"""

from __future__ import annotations

import asyncio
import sys
from datetime import timedelta
from typing import Any

from bot.app import build_application
from bot.ops.logging import configure_logging
from bot.ops.webhook import serve
from bot.settings import Settings, build_settings


def build_with_short_lease(settings: Settings, **kwargs: Any) -> Any:
    """The real Application, with a 2-second follow-up lease."""
    application = build_application(settings, **kwargs)
    application.bot_data.followups_options = {"lease": timedelta(seconds=2)}
    return application


def main() -> int:
    """Serve until SIGTERM (0) or the lead is lost (3)."""
    from nlp import load_parser

    configure_logging("WARNING")
    settings = build_settings()
    return asyncio.run(
        serve(settings, parser=load_parser(), build_application=build_with_short_lease,
              poll_seconds=0.2)
    )  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
