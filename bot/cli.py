"""The `firststep` command line: the bot, the console, the database, the directory, the parser."""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING

import typer

from bot.directory_cli import app as directory_app
from bot.settings import Settings, SettingsError, build_settings
from nlp.cli import parse_command

if TYPE_CHECKING:  # imported when used: the CLI starts fast
    from sqlalchemy.engine import Engine

    from nlp.parser import Parser

app = typer.Typer(
    name="firststep",
    help="A Telegram bot that helps people find a mutual-help group and go to a first meeting.",
    no_args_is_help=True,
    add_completion=False,
)
db_app = typer.Typer(help="The database.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(directory_app, name="directory")
app.command("parse")(parse_command)


def load_settings() -> Settings:
    """Build the settings or stop with one clear line naming the bad setting."""
    try:
        return build_settings()
    except SettingsError as exc:
        typer.echo(f"firststep: {exc}", err=True)
        raise typer.Exit(2) from None


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Create or update the database tables (Alembic migrations)."""
    from bot.db import upgrade

    settings = load_settings()
    try:
        upgrade(settings.effective_database_url)
    except Exception as exc:
        typer.echo(f"firststep: the database could not be upgraded: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo("database is up to date")


@app.command("run")
def run() -> None:
    """Run the bot against Telegram (needs TELEGRAM_BOT_TOKEN)."""
    settings = load_settings()
    if settings.token is None:
        typer.echo(
            "firststep: TELEGRAM_BOT_TOKEN is not set. Set it (in the environment or a .env file) "
            "to run the bot on Telegram, or try the conversation offline with `firststep console`.",
            err=True,
        )
        raise typer.Exit(2)
    from bot.app import build_application, build_degraded_application
    from bot.ops.logging import configure_logging
    from bot.ops.webhook import EXIT_FAILED, StartError, run_bot
    from nlp import load_parser

    configure_logging()  # JSON lines, chat ids and states only, tokens redacted
    try:  # checks the database, loads the pipeline once, takes the lead, upgrades, serves
        code = run_bot(
            settings,
            build_application=build_application,
            load_parser=load_parser,
            build_degraded=build_degraded_application,
        )
    except StartError as exc:
        typer.echo(f"firststep: {exc}", err=True)
        raise typer.Exit(EXIT_FAILED) from None
    raise typer.Exit(code)


def _prepare(settings: Settings) -> tuple[Engine, Parser]:
    """Upgrade the database and load the parser once; stop with one clear line on failure."""
    from bot.db import make_engine, upgrade
    from nlp import load_parser

    try:
        upgrade(settings.effective_database_url)
    except Exception as exc:
        typer.echo(f"firststep: the database could not be upgraded: {exc}", err=True)
        raise typer.Exit(1) from None
    try:
        parser = load_parser(settings.spacy_model)
    except Exception as exc:
        typer.echo(f"firststep: the parser could not be loaded: {exc}", err=True)
        raise typer.Exit(1) from None
    return make_engine(settings.effective_database_url), parser


@app.command("console")
def console() -> None:
    """Talk to the bot in this terminal: same handlers and database, no network, no token."""
    import asyncio

    from bot.app import build_application
    from bot.console import LocalBotApi, run_console

    logging.getLogger().setLevel(logging.ERROR)  # the terminal is the person's screen
    settings = load_settings()
    engine, parser = _prepare(settings)
    api = LocalBotApi()
    application = build_application(settings, engine=engine, parser=parser, request=api)
    asyncio.run(run_console(application, api, settings.data_dir))


def main() -> None:
    """Entry point of the `firststep` console script."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
