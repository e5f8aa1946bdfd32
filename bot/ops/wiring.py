"""How the operations layer plugs into the Application: at build time and after it is built."""

from __future__ import annotations

from telegram.ext import Application, ApplicationBuilder

from bot.ops.errors import report_error
from bot.ops.flood import add_flood_control
from bot.ops.incoming import TolerantUpdatesRequest
from bot.ops.outgoing import CountingRateLimiter
from bot.ops.processing import PerChatProcessor
from bot.ops.retention import install_retention
from bot.ops.transport import AiohttpRequest
from bot.services import CONTEXT_TYPES, Services


def configure_builder(
    builder: ApplicationBuilder, *, timeout: float | None = None
) -> ApplicationBuilder:
    """The typed services as bot_data (bot.services), per-chat ordered concurrent handling, PTB's
    rate limiter (both measured), tolerant polling, and the aiohttp transport (bot.ops.transport),
    its time-outs `timeout` seconds when given.

    The builder must not also be given a request or its time-outs (PTB refuses both at once).
    """
    timeouts = {}
    if timeout is not None:
        timeouts = {"read_timeout": timeout, "connect_timeout": timeout, "pool_timeout": timeout}
    return (
        builder.context_types(CONTEXT_TYPES)
        .concurrent_updates(PerChatProcessor())
        .rate_limiter(CountingRateLimiter())
        .request(AiohttpRequest(connection_pool_size=256, **timeouts))
        .get_updates_request(TolerantUpdatesRequest(connection_pool_size=1, **timeouts))
    )


def install(application: Application, *, retention: bool = True) -> None:
    """Shared metrics, flood control, the kind error handler and the retention job."""
    services: Services = application.bot_data
    processor = application.update_processor
    if isinstance(processor, PerChatProcessor):
        processor.metrics = services.metrics
        processor.on_crash = application.process_error
    limiter = getattr(application.bot, "rate_limiter", None)
    if isinstance(limiter, CountingRateLimiter):
        limiter.metrics = services.metrics
    add_flood_control(application)
    application.add_error_handler(report_error)
    if retention and application.job_queue is not None:
        install_retention(application)
