"""What every handler reaches through `context.bot_data`: the running services and the small state
the bot keeps in memory, as one typed object (PTB's `ContextTypes(bot_data=Services)`).

Nothing here is ever persisted (`bot.persistence` stores no bot_data): a restart starts afresh.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING, Any

from sqlalchemy.engine import Engine
from telegram import Update
from telegram.ext import CallbackContext, ContextTypes, ExtBot

from bot.clock import Clock, SystemClock
from bot.ops.flood_limiter import FloodLimiter
from bot.ops.metrics import Metrics
from bot.settings import Settings

if TYPE_CHECKING:  # spaCy loads with the parser; the follow-ups import the handlers' types
    from bot.followups.scheduler import FollowUpService
    from nlp.parser import Parser


class Services:
    """The Application's services and in-memory state (one per Application; PTB makes it).

    `settings`, `engine` and `parser` are given by `set_up` when the Application is built (the
    follow-up worker has no parser); reading one that was never given is a wiring error.
    """

    settings: Settings
    engine: Engine
    parser: Parser

    def __init__(self) -> None:
        self.clock: Clock = SystemClock()
        self.metrics = Metrics()
        self.flood_limiter = FloodLimiter()
        # chat id -> the message held until the screening question is answered
        self.held_for_screening: dict[int, Update] = {}
        # chat id -> (the language offered, the message held until it is answered)
        self.language_offers: dict[int, tuple[str, Update]] = {}
        self.hello_rate: dict[int, list[float]] = {}  # chat id -> times of recent relayed messages
        self.errors_told: OrderedDict[int, None] = OrderedDict()  # updates already apologised for
        self.followups: FollowUpService | None = None  # created on first use (followups.scheduler)
        self.followups_options: dict[str, Any] = {}  # for the follow-ups' Dispatcher

    def set_up(
        self,
        *,
        settings: Settings,
        engine: Engine,
        parser: Parser | None = None,
        clock: Clock | None = None,
    ) -> None:
        """Give the running services (once, when the Application is built)."""
        self.settings, self.engine = settings, engine
        if parser is not None:
            self.parser = parser
        if clock is not None:
            self.clock = clock
        self.metrics.watch_followups(engine, self.clock)

    def forget_chat(self, chat_id: int) -> None:
        """Drop what is held in memory about one chat (retention, /forget)."""
        self.held_for_screening.pop(chat_id, None)
        self.language_offers.pop(chat_id, None)
        self.hello_rate.pop(chat_id, None)


Context = CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], Services]
CONTEXT_TYPES = ContextTypes(bot_data=Services)
