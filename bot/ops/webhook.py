"""`firststep run`: check the database, load the pipeline once, take the lead, upgrade, serve.

Polling by default; webhook mode when FIRSTSTEP_WEBHOOK_URL is set (the secret token is then
required and checked on every request before its body is read: bot.ops.webhook_server). The
health server runs from the start, on the standby too, so an orchestrator sees it alive while it
waits for the lead.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import re
import signal
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from telegram.ext import Application

from bot.db import make_engine, upgrade
from bot.ops.health import HealthServer, HealthState, Role
from bot.ops.leader import AlreadyRunning, LeadershipLost, leadership_for
from bot.ops.metrics import metrics_of
from bot.ops.webhook_server import WebhookServer, start_webhook
from bot.settings import Settings

log = logging.getLogger(__name__)
ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")

EXIT_OK = 0
EXIT_FAILED = 1  # could not start: database, pipeline, or a setting that makes no sense
EXIT_LOST_LEAD = 3  # the leader lock went away: a supervisor restarts us as a standby


class StartError(RuntimeError):
    """The bot cannot start; the message says what is wrong and what to do."""


Builder = Callable[..., Application[Any, Any, Any, Any, Any, Any]]


def check_database(engine: Engine, url: str) -> None:
    """Raise StartError with a clear line when the database cannot be reached."""
    try:
        with engine.connect() as connection:
            connection.execute(sa.text("select 1"))
    except sa.exc.SQLAlchemyError as exc:
        where = sa.engine.make_url(url).render_as_string(hide_password=True)
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0][:200]
        raise StartError(
            f"the database at {where} cannot be reached ({reason}). Check DATABASE_URL and "
            "that the database server is running."
        ) from None


def webhook_parts(settings: Settings) -> tuple[str, str] | None:
    """(url path, secret) for webhook mode, None for polling; StartError on a bad setting."""
    if not settings.webhook_url:
        return None
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else ""
    if not _SECRET.match(secret):
        raise StartError(
            "FIRSTSTEP_WEBHOOK_SECRET must be set with FIRSTSTEP_WEBHOOK_URL: 1-256 characters "
            "of A-Z, a-z, 0-9, _ and - (Telegram sends it back with every update)."
        )
    parts = urlsplit(settings.webhook_url)
    if parts.scheme != "https" and parts.hostname not in ("127.0.0.1", "localhost"):
        raise StartError("FIRSTSTEP_WEBHOOK_URL must be an https:// URL (Telegram requires it).")
    return parts.path.lstrip("/"), secret


async def serve(
    settings: Settings,
    *,
    parser: Any,
    build_application: Builder,
    stop: asyncio.Event | None = None,
    poll_seconds: float = 1.0,
) -> int:
    """Run until stopped (exit code 0) or the lead is lost (3); StartError when it cannot start."""
    url = settings.effective_database_url
    hook = webhook_parts(settings)
    engine = make_engine(url)
    await asyncio.to_thread(check_database, engine, url)
    state = HealthState(engine=engine, pipeline_name=getattr(parser, "pipeline_name", "loaded"))
    health = HealthServer(state)
    if settings.health_port:
        try:
            health.start(settings.listen_host, settings.health_port)
        except OSError as exc:
            engine.dispose()
            raise StartError(
                f"the health port {settings.listen_host}:{settings.health_port} cannot be used "
                f"({exc.strerror}); set FIRSTSTEP_HEALTH_PORT to a free port (or 0 for none)."
            ) from None
    stop = stop or _stop_on_signals()
    lock = leadership_for(url, poll_seconds=poll_seconds)
    try:
        if not await _lead(lock, state, stop):
            return EXIT_OK
        await asyncio.to_thread(upgrade, url)  # under the lock: two processes never migrate at once
        application = build_application(settings, engine=engine, parser=parser)
        state.metrics = metrics_of(application.bot_data)
        serving = Role.single if lock.single else Role.leader
        return await _run(application, settings, hook, lock, stop, lambda: state.set_role(serving))
    except AlreadyRunning as exc:
        raise StartError(str(exc)) from None
    finally:
        state.set_role(Role.stopping)
        lock.release()
        await health.stop()
        engine.dispose()


async def _lead(lock: Any, state: HealthState, stop: asyncio.Event) -> bool:
    """Wait for the lead (standing by meanwhile); False when told to stop first."""
    acquiring = asyncio.ensure_future(lock.acquire(on_standby=lambda: state.set_role(Role.standby)))
    stopping = asyncio.ensure_future(stop.wait())
    await asyncio.wait({acquiring, stopping}, return_when=asyncio.FIRST_COMPLETED)
    stopping.cancel()
    if not acquiring.done():
        acquiring.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await acquiring
        return False
    acquiring.result()  # raises AlreadyRunning on a second SQLite process
    return True


async def _run(
    application: Application[Any, Any, Any, Any, Any, Any],
    settings: Settings,
    hook: tuple[str, str] | None,
    lock: Any,
    stop: asyncio.Event,
    on_serving: Callable[[], None],
) -> int:
    """Serve updates until stop is set or the lead is lost (ready only once it listens)."""
    async with application:
        await application.start()
        assert application.updater is not None
        webhook: WebhookServer | None = None
        if hook is None:
            await application.updater.start_polling(allowed_updates=ALLOWED_UPDATES)
            log.info("serving by polling")
        else:
            path, secret = hook
            webhook = await start_webhook(
                application,
                listen=settings.listen_host,
                port=settings.listen_port,
                url_path=path,
                webhook_url=settings.webhook_url,
                secret_token=secret,
                allowed_updates=ALLOWED_UPDATES,
            )
            log.info("serving by webhook", extra={"port": settings.listen_port})
        on_serving()
        watching = asyncio.ensure_future(lock.watch())
        stopping = asyncio.ensure_future(stop.wait())
        await asyncio.wait({watching, stopping}, return_when=asyncio.FIRST_COMPLETED)
        code = EXIT_OK
        if watching.done() and isinstance(watching.exception(), LeadershipLost):
            log.error("leader lock lost: stopping so the standby can take over")
            code = EXIT_LOST_LEAD
        for task in (watching, stopping):
            task.cancel()
        await (webhook.stop() if webhook is not None else application.updater.stop())
        await application.stop()
    return code


def _stop_on_signals() -> asyncio.Event:
    """An event set by SIGTERM or SIGINT."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    return stop


def warm_up() -> None:
    """Load the place gazetteer and the time-zone finder now, once, not on the first person's town.

    Loaded lazily they cost seconds on the first place typed, and when many people type at once
    each worker thread loads its own copy.
    """
    from directory.geo import geocode, timezone_at

    started = time.perf_counter()
    geocode("London")
    timezone_at(51.5, -0.12)
    log.info("places loaded", extra={"seconds": round(time.perf_counter() - started, 2)})


# Collect the youngest objects after 10,000 new ones (Python's default is 700), the older ones
# rarely: a bot's objects of one update die young, and its long-lived ones are frozen at start.
GC_THRESHOLDS = (10_000, 20, 20)


def settle_heap() -> None:
    """Once everything loaded at start is loaded: take it out of the garbage collector's sight.

    A full collection walks every object the collector tracks: with the pipeline and the places
    loaded (about 650,000 objects), each took about 330 ms and held up every conversation at once
    (`bench/load.py --direct`, four in 40 s under load). Frozen, they are not walked again (they
    live as long as the process); what is left to walk takes a few milliseconds.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
    log.info("heap settled", extra={"frozen": gc.get_freeze_count()})


def run_bot(
    settings: Settings, *, build_application: Builder, load_parser: Callable[..., Any]
) -> int:
    """The whole `firststep run`: load the pipeline once, then serve; returns the exit code."""
    if settings.token is None:
        raise StartError("TELEGRAM_BOT_TOKEN is not set.")
    webhook_parts(settings)  # bad settings and an unreachable database stop us before the slow part
    engine = make_engine(settings.effective_database_url)
    try:
        check_database(engine, settings.effective_database_url)
    finally:
        engine.dispose()
    try:
        parser = load_parser(settings.spacy_model)
    except Exception as exc:
        reason = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
        raise StartError(f"the language pipeline could not be loaded ({reason}).") from None
    log.info("pipeline loaded", extra={"pipeline": getattr(parser, "pipeline_name", "?")})
    warm_up()
    settle_heap()
    return asyncio.run(serve(settings, parser=parser, build_application=build_application))
