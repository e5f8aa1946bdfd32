"""A small bot for the serving tests: the ops parts plus a handler that answers every text."""

from __future__ import annotations

import asyncio
import sys
from typing import Any

from sqlalchemy.engine import Engine
from telegram import Update
from telegram.ext import Application, MessageHandler, filters
from telegram.request import BaseRequest

from bot.ops.wiring import configure_builder, install
from bot.services import Context
from bot.settings import Settings, build_settings


class NamedParser:
    """Only what serve() reads from a parser: its name (these tests do not parse)."""

    pipeline_name = "echo-test"


async def echo(update: Update, context: Context) -> None:
    """Answer with the process's name, so a test can tell which process served."""
    name = context.bot_data.settings.data_dir.name
    await context.bot.send_message(update.effective_chat.id, f"{name}: {update.message.text}")


def build_echo(
    settings: Settings, *, engine: Engine, parser: Any, request: BaseRequest | None = None
) -> Application:
    """An Application the way build_application makes one, with an echo as the conversation."""
    builder = Application.builder().token(settings.token).base_url(settings.telegram_api_base_url)
    builder = configure_builder(builder)
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    application = builder.build()
    application.bot_data.set_up(settings=settings, engine=engine, parser=parser)
    install(application, retention=False)
    application.add_handler(MessageHandler(filters.TEXT, echo))
    return application


if __name__ == "__main__":  # python echo_bot.py NAME: settings from the environment
    from bot.ops.logging import configure_logging
    from bot.ops.webhook import serve

    configure_logging()
    settings = build_settings(FIRSTSTEP_DATA_DIR=f"/tmp/{sys.argv[1]}")
    code = asyncio.run(
        serve(settings, parser=NamedParser(), build_application=build_echo, poll_seconds=0.2)
    )
    sys.exit(code)
