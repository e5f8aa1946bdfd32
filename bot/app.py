"""The one place where the Telegram Application is built and every handler is wired."""

from __future__ import annotations

import logging
import warnings
from typing import Any

from sqlalchemy.engine import Engine
from telegram import Update
from telegram.ext import (
    Application,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.request import BaseRequest
from telegram.warnings import PTBUserWarning

from bot.clock import Clock
from bot.db import make_engine
from bot.delivery import RetryingRateLimiter
from bot.followups import scheduler as followups_scheduler
from bot.handler_groups import Group
from bot.handlers import commands, flow, language, nudges, safety, search, signals, suggest
from bot.handlers.errors import note_blocked
from bot.handlers.flow import CONVERSATION, TEXT
from bot.hello import handlers as hello_handlers
from bot.ops import wiring as ops_wiring
from bot.ops.errors import tell_trouble
from bot.ops.wiring import configure_builder
from bot.persistence import DatabasePersistence
from bot.settings import Settings
from bot.staff import handlers as staff_handlers

log = logging.getLogger(__name__)
MEDIA = ~filters.TEXT & ~filters.LOCATION & filters.UpdateType.MESSAGE
OFFLINE_TOKEN = "0:offline"  # the console and conversation tests never reach Telegram


def _button(handler: Any, pattern: str) -> CallbackQueryHandler[Any, Any]:
    return CallbackQueryHandler(handler, pattern=pattern)


def _always(chats: filters.BaseFilter = filters.ALL) -> list[Any]:
    """Commands and nudges that work in every state (conversation fallbacks, then top level)."""
    return [
        CommandHandler("help", commands.show_help, filters=chats),
        CommandHandler("stop", commands.stop, filters=chats),
        CommandHandler("forget", commands.ask_forget, filters=chats),
        CommandHandler("mydata", commands.show_mydata, filters=chats),
        _button(commands.forget, r"^forget:yes$"),
        _button(commands.keep, r"^forget:no$"),
        _button(suggest.send_calendar, r"^ics:\d+$"),
        MessageHandler(filters.COMMAND & chats, nudges.nudge_command),
        MessageHandler(filters.LOCATION & chats, nudges.nudge_location),
        MessageHandler(TEXT & chats, nudges.nudge_buttons),
        MessageHandler(MEDIA & chats, nudges.nudge_media),
        CallbackQueryHandler(nudges.nudge_stale),
    ]


def build_conversation() -> ConversationHandler[Any]:
    """The conversation with a person seeking help, from /start to a planned first meeting."""
    private = filters.ChatType.PRIVATE  # a search only ever starts in a private chat
    deep_link = filters.Regex(r"^/start\s+\S") & private
    starts: list[BaseHandler[Update, Any, object]] = [
        CommandHandler("start", search.start_with_payload, filters=deep_link),
        CommandHandler("start", search.start, filters=private),
        CommandHandler("new", search.start_over, filters=private),
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBUserWarning)  # per_message=False with buttons is meant
        return ConversationHandler(
            entry_points=[*starts, MessageHandler(TEXT & private, flow.listen)],
            states=flow.conversation_states(),  # derived from the declared flow (flow.STEPS)
            fallbacks=[*starts, *_always()],
            name=CONVERSATION,
            persistent=True,
            allow_reentry=False,
        )


CRISIS_FILTER = filters.TEXT | filters.CAPTION


def add_crisis_check(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """The person's language, then the crisis check of every text (before anything else)."""
    application.add_handler(TypeHandler(Update, language.set_update_locale), group=Group.LOCALE)
    application.add_handler(MessageHandler(CRISIS_FILTER, safety.check_crisis), group=Group.CRISIS)
    application.add_handler(
        _button(safety.take_screening_answer, r"^screen:(yes|no|unsure)$"), group=Group.CRISIS
    )


def add_handlers(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Wire the crisis check, the conversation and the always-available commands, each in its
    group (bot.handler_groups.Group)."""
    add_crisis_check(application)
    application.add_handler(TypeHandler(Update, safety.touch_person), group=Group.TOUCH)
    note = MessageHandler(CRISIS_FILTER, signals.note_signals)
    application.add_handler(note, group=Group.SIGNALS)
    private = filters.ChatType.PRIVATE
    application.add_handler(
        CommandHandler("language", language.ask_language, filters=private), group=Group.LANGUAGE
    )
    application.add_handler(
        _button(language.take_language, r"^lang:[a-z]{2,3}$"), group=Group.LANGUAGE
    )
    application.add_handler(
        MessageHandler(TEXT & private, language.offer_language), group=Group.LANGUAGE
    )
    application.add_handler(build_conversation(), group=Group.CONVERSATION)
    for handler in _always(filters.ChatType.PRIVATE):  # group chats get no nudges
        application.add_handler(handler, group=Group.CONVERSATION)
    application.add_handler(TypeHandler(Update, safety.save_state), group=Group.SAVE)
    application.add_error_handler(note_blocked)


def build_application(
    settings: Settings,
    *,
    engine: Engine | None = None,
    parser: Any = None,
    clock: Clock | None = None,
    request: BaseRequest | None = None,
) -> Application[Any, Any, Any, Any, Any, Any]:
    """The real PTB Application: DB persistence, rate limiter, job queue, every handler.

    `request` replaces the HTTP transport (the console and the tests answer Bot API calls locally).
    """
    if parser is None:
        from nlp import load_parser

        parser = load_parser(settings.spacy_model)
    engine = engine or make_engine(settings.effective_database_url)
    builder = configure_builder(
        Application.builder()
        .token(settings.token or OFFLINE_TOKEN)
        .base_url(settings.telegram_api_base_url)
        .persistence(DatabasePersistence(engine))
    ).rate_limiter(RetryingRateLimiter())
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    application = builder.build()
    application.bot_data.set_up(settings=settings, engine=engine, parser=parser, clock=clock)
    # Other packages first: their buttons and commands come before the conversation's catch-alls.
    ops_wiring.install(application)
    followups_scheduler.install(application)
    staff_handlers.add_handlers(application)
    hello_handlers.add_handlers(application)
    if hello_handlers.offer_after_choice not in flow.AFTER_CHOICE:  # module-wide: register once
        flow.AFTER_CHOICE.append(hello_handlers.offer_after_choice)
    add_handlers(application)
    return application


def build_degraded_application(
    settings: Settings,
    *,
    engine: Engine,
    parser: Any,
    clock: Clock | None = None,
) -> Application[Any, Any, Any, Any, Any, Any]:
    """The Application that serves while the database cannot be reached at start.

    No persistence (the stored conversations cannot be read) and no jobs: the crisis check
    answers as always (every country's lines where the country cannot be read), and every other
    message or button gets the kind "having trouble, try again in a few minutes".
    """
    application = configure_builder(
        Application.builder().token(settings.token or OFFLINE_TOKEN)
        .base_url(settings.telegram_api_base_url)
    ).rate_limiter(RetryingRateLimiter()).build()  # fmt: skip
    application.bot_data.set_up(settings=settings, engine=engine, parser=parser, clock=clock)
    ops_wiring.install(application, retention=False)
    add_crisis_check(application)
    application.add_handler(TypeHandler(Update, tell_trouble), group=Group.CONVERSATION)
    return application
