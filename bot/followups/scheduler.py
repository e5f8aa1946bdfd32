"""Wire follow-ups into PTB's JobQueue (APScheduler 3): wake only when something is due.

One named `run_once` job is armed for the earliest due row (or expiring claim). It is re-armed
after every dispatch run and whenever a session that called `record_plan` commits. At start the job
runs at once, so what came due while the bot was down is picked up (stale items are skipped).
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session as OrmSession
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.ext import Application

from bot.clock import Clock, SystemClock
from bot.followups.dispatch import Dispatcher, Outgoing, Send
from bot.followups.plans import WAKE_KEY
from bot.services import Context, Services

log = logging.getLogger(__name__)

JOB_NAME = "firststep-followups"
ERROR_RETRY = timedelta(seconds=60)
_wakers: dict[int, list[weakref.WeakMethod[Any]]] = {}


def bot_sender(bot: Bot) -> Send:
    """The real `send`: `bot.send_message` with inline buttons; returns the message id."""

    async def send(message: Outgoing) -> int | None:
        markup = None
        if message.keyboard:
            markup = InlineKeyboardMarkup(
                [
                    [InlineKeyboardButton(label, callback_data=data) for label, data in row]
                    for row in message.keyboard
                ]
            )
        sent = await bot.send_message(message.chat_id, message.text, reply_markup=markup)
        return sent.message_id

    return send


class FollowUpService:
    """The dispatcher of one Application plus the arming of its wake-up job."""

    def __init__(self, application: Application, dispatcher: Dispatcher, clock: Clock) -> None:
        self.application = application
        self.dispatcher = dispatcher
        self.clock = clock
        self.loop: asyncio.AbstractEventLoop | None = None
        self.runs = 0
        self.ran = asyncio.Event()  # set after each dispatch run (readiness, tests)

    def arm(self, due: datetime | None) -> None:
        """Make sure the job runs no later than `due` (None: nothing pending, leave it)."""
        queue = self.application.job_queue
        if due is None or queue is None:
            return
        delay = max((due - self.clock.now()).total_seconds(), 0.0)
        for job in queue.get_jobs_by_name(JOB_NAME):
            next_t = job.next_t
            if next_t is not None and next_t <= _real_now() + timedelta(seconds=delay):
                return
            job.schedule_removal()
        queue.run_once(
            _dispatch_job, when=delay, name=JOB_NAME, job_kwargs={"misfire_grace_time": None}
        )
        log.debug("follow-up job armed", extra={"delay_s": round(delay, 3)})

    def wake(self, due: datetime | None) -> None:
        """Thread-safe `arm` (called from the commit hook, often in a worker thread)."""
        if self.loop is None or self.loop.is_closed():
            return
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is self.loop:
            self.arm(due)
        else:
            self.loop.call_soon_threadsafe(self.arm, due)


def _real_now() -> datetime:
    return SystemClock().now()


def service(application: Application) -> FollowUpService:
    """The follow-up service of an Application (created on first use from its services)."""
    services: Services = application.bot_data
    if services.followups is not None:
        return services.followups
    dispatcher = Dispatcher(
        services.engine,
        settings=services.settings,
        clock=services.clock,
        send=bot_sender(application.bot),
        **services.followups_options,
    )
    created = services.followups = FollowUpService(application, dispatcher, services.clock)
    _register_waker(services.engine, created)
    return created


def dispatch_soon(application: Application) -> None:
    """Run the dispatch at once (the lead is ours again after an outage: what came due meanwhile
    goes out now, not at the next retry a minute later)."""
    queue = application.job_queue
    if queue is None or not (
        application.bot_data.followups is not None or queue.get_jobs_by_name(JOB_NAME)
    ):
        return  # follow-ups are not installed in this Application
    svc = service(application)
    svc.arm(svc.clock.now())


async def _dispatch_job(context: Context) -> None:
    """Run the dispatcher and re-arm for the next due time."""
    svc = service(context.application)
    svc.loop = asyncio.get_running_loop()
    try:
        report = await svc.dispatcher.run_due()
    except Exception:
        log.exception("follow-up dispatch failed; retrying in a minute")
        svc.arm(svc.clock.now() + ERROR_RETRY)
        return
    if report.counts:
        log.info("follow-ups dispatched", extra={"counts": report.counts})
    svc.arm(report.next_due)
    svc.runs += 1
    svc.ran.set()


def _register_waker(engine: Engine, svc: FollowUpService) -> None:
    alive = [ref for ref in _wakers.get(id(engine), []) if ref() is not None]
    _wakers[id(engine)] = [*alive, weakref.WeakMethod(svc.wake)]


@event.listens_for(OrmSession, "after_commit")
def _wake_after_commit(session: OrmSession) -> None:
    due = session.info.pop(WAKE_KEY, None)
    if due is None:
        return
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else getattr(bind, "engine", None)
    for ref in _wakers.get(id(engine), []):
        wake = ref()
        if wake is not None:
            wake(due)


@event.listens_for(OrmSession, "after_rollback")
def _forget_after_rollback(session: OrmSession) -> None:
    session.info.pop(WAKE_KEY, None)


def install(application: Application, **options: Any) -> None:
    """Wire follow-ups into an Application: the buttons' handlers and the wake-up job.

    `options` go to the Dispatcher (lease, batch_size, concurrency, max_attempts).
    """
    from bot.followups.handlers import add_handlers

    if options:
        application.bot_data.followups_options = options
    add_handlers(application)
    if application.job_queue is None:
        raise RuntimeError(
            "follow-ups need PTB's JobQueue (install python-telegram-bot[job-queue])"
        )
    application.job_queue.run_once(
        _dispatch_job, when=0, name=JOB_NAME, job_kwargs={"misfire_grace_time": None}
    )
