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
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from telegram.ext import Application

from bot.db import make_engine, upgrade
from bot.followups.scheduler import dispatch_soon
from bot.ops.health import HealthServer, HealthState, Role
from bot.ops.leader import AlreadyRunning, LeadershipLost, leadership_for
from bot.ops.webhook_server import WebhookServer, start_webhook
from bot.settings import Settings

log = logging.getLogger(__name__)
ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")

EXIT_OK = 0
EXIT_FAILED = 1  # could not start: database, pipeline, or a setting that makes no sense
EXIT_LOST_LEAD = 3  # another process holds the leader lock: a supervisor restarts us as a standby


class StartError(RuntimeError):
    """The bot cannot start; the message says what is wrong and what to do."""


Builder = Callable[..., Application[Any, Any, Any, Any, Any, Any]]


# What a server that answered says when the setting is wrong (not an outage): stop with one line.
_MISCONFIGURED = ("does not exist", "authentication failed", "pg_hba.conf", "permission denied",
                  "no password supplied")  # fmt: skip


def check_database(engine: Engine, url: str) -> bool:
    """True when the database answers; False in an outage of PostgreSQL (it does not answer:
    the bot serves without it until it is back); StartError with a clear line when the setting
    is wrong (or SQLite cannot be opened)."""
    try:
        with engine.connect() as connection:
            connection.execute(sa.text("select 1"))
    except sa.exc.SQLAlchemyError as exc:
        where = sa.engine.make_url(url).render_as_string(hide_password=True)
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0][:200]
        if is_outage(url, exc):
            log.error(
                "the database cannot be reached: serving without it until it is back",
                extra={"database": where, "error": type(exc).__name__},
            )
            return False
        raise StartError(
            f"the database at {where} cannot be reached ({reason}). Check DATABASE_URL and "
            "that the database server is running."
        ) from None
    return True


def is_outage(url: str, error: BaseException) -> bool:
    """Whether a failure to reach the database is an outage to ride out (PostgreSQL did not
    answer, or is starting up) rather than a wrong setting (a server that answered no)."""
    if sa.engine.make_url(url).get_backend_name() != "postgresql":
        return False
    if not isinstance(error, sa.exc.OperationalError | sa.exc.InterfaceError):
        return False
    text = str(getattr(error, "orig", error))
    return not any(words in text for words in _MISCONFIGURED)


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
    build_degraded: Builder | None = None,
    stop: asyncio.Event | None = None,
    poll_seconds: float = 1.0,
) -> int:
    """Run until stopped (exit code 0) or another process took the lead (3); StartError when it
    cannot start.

    A database outage is ridden out, not an exit: the leader keeps serving (its jobs paused, so
    nothing is sent twice) and takes the lock again when the database is back; a process that
    starts in an outage serves `build_degraded`'s Application until it can take the lock.
    """
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
    degraded = None
    if build_degraded is not None:
        make = build_degraded

        async def serve_degraded(until: asyncio.Event) -> int:
            application = make(settings, engine=engine, parser=parser)
            state.metrics = application.bot_data.metrics
            return await _run(application, settings, hook, until, lambda: None)

        degraded = DegradedService(serve_degraded)
    try:
        if not await _lead(lock, state, stop, degraded):
            return EXIT_OK
        await asyncio.to_thread(upgrade, url)  # under the lock: two processes never migrate at once
        application = build_application(settings, engine=engine, parser=parser)
        state.metrics = application.bot_data.metrics
        serving = Role.single if lock.single else Role.leader

        def lost() -> None:
            state.set_role(Role.degraded)
            pause_jobs(application)

        def regained() -> None:
            resume_jobs(application)
            state.set_role(serving)

        return await _run(
            application,
            settings,
            hook,
            stop,
            lambda: state.set_role(serving),
            watch=lambda: lock.watch(on_lost=lost, on_regained=regained),
        )
    except AlreadyRunning as exc:
        raise StartError(str(exc)) from None
    finally:
        state.set_role(Role.stopping)
        if degraded is not None:
            await degraded.close()
        await asyncio.to_thread(lock.release)  # a database call: never on the event loop
        await health.stop()
        await asyncio.to_thread(engine.dispose)


def pause_jobs(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Hold every job (follow-ups, retention, digests, feed refreshes) while the lead is not ours:
    another process may take it, and a follow-up must never go out twice."""
    queue = application.job_queue
    if queue is not None and queue.scheduler.running:
        queue.scheduler.pause()
        log.warning("jobs paused: the leader lock is not held")


def resume_jobs(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Let the jobs run again (those that came due meanwhile run now)."""
    queue = application.job_queue
    if queue is not None and queue.scheduler.running:
        queue.scheduler.resume()
        dispatch_soon(application)
        log.info("jobs resumed: the leader lock is held again")


class DegradedService:
    """Serves the degraded Application (crisis replies and apologies) while asked to."""

    def __init__(self, run: Callable[[asyncio.Event], Awaitable[object]]) -> None:
        self._run = run
        self._until: asyncio.Event | None = None
        self._task: asyncio.Future[None] | None = None

    def want(self, serving: bool) -> None:
        """Start serving (if not already) or stop (if serving)."""
        if serving and self._until is None:
            self._until = asyncio.Event()
            self._task = asyncio.ensure_future(self._serve(self._task, self._until))
        elif not serving and self._until is not None:
            self._until.set()
            self._until = None

    async def _serve(self, previous: asyncio.Future[None] | None, until: asyncio.Event) -> None:
        if previous is not None:
            await previous  # one Application at a time (polling and the webhook port allow one)
        log.warning("serving degraded: crisis replies and apologies, until the database is back")
        try:
            await self._run(until)
        except Exception as exc:  # serving degraded failed (Telegram unreachable?): say so
            log.error("serving degraded failed", extra={"error": type(exc).__name__})

    async def close(self) -> None:
        """Stop serving and wait until it has stopped."""
        self.want(False)
        if self._task is not None:
            await self._task
            self._task = None


async def _lead(
    lock: Any, state: HealthState, stop: asyncio.Event, degraded: DegradedService | None
) -> bool:
    """Wait for the lead (standing by meanwhile); False when told to stop first.

    While the database cannot be reached the degraded Application serves, unless another
    process was seen holding the lead (it serves, degraded itself, in the outage).
    """
    seen_leader = False

    def standby() -> None:
        nonlocal seen_leader
        seen_leader = True
        state.set_role(Role.standby)
        if degraded is not None:
            degraded.want(False)

    def unreachable() -> None:
        if degraded is not None and not seen_leader:
            state.set_role(Role.degraded)
            degraded.want(True)

    acquiring = asyncio.ensure_future(lock.acquire(on_standby=standby, on_unreachable=unreachable))
    stopping = asyncio.ensure_future(stop.wait())
    try:
        await asyncio.wait({acquiring, stopping}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopping.cancel()
        if degraded is not None:
            await degraded.close()
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
    stop: asyncio.Event,
    on_serving: Callable[[], None],
    *,
    watch: Callable[[], Awaitable[None]] | None = None,
) -> int:
    """Serve updates until stop is set or `watch` says another process took the lead (ready only
    once it listens)."""
    async with application:
        await application.start()
        assert application.updater is not None
        webhook: WebhookServer | None = None
        if hook is None:
            await application.updater.start_polling(allowed_updates=ALLOWED_UPDATES)
            log.info("serving by polling")
        else:
            path, secret = hook
            assert settings.webhook_url is not None  # webhook_parts gives a hook only with a URL
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
        watching = asyncio.ensure_future(watch() if watch is not None else asyncio.Event().wait())
        stopping = asyncio.ensure_future(stop.wait())
        await asyncio.wait({watching, stopping}, return_when=asyncio.FIRST_COMPLETED)
        code = EXIT_OK
        if watching.done() and isinstance(watching.exception(), LeadershipLost):
            log.error("another process holds the leader lock: stopping (it serves now)")
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
    settings: Settings,
    *,
    build_application: Builder,
    load_parser: Callable[..., Any],
    build_degraded: Builder | None = None,
) -> int:
    """The whole `firststep run`: load the pipeline once, then serve; returns the exit code."""
    if settings.token is None:
        raise StartError("TELEGRAM_BOT_TOKEN is not set.")
    webhook_parts(settings)  # bad settings and a wrong DATABASE_URL stop us before the slow part
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
    return asyncio.run(
        serve(
            settings,
            parser=parser,
            build_application=build_application,
            build_degraded=build_degraded,
        )
    )
