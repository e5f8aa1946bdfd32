"""Coordinators' /sources, and the job that refreshes the directory's feeds by themselves.

The job runs every few minutes: it fetches each source whose interval has passed (off the event
loop's way: the fetch is async, the import runs through ``in_db(long=True)``), then tells
coordinators once about a source that failed several times in a row, went stale, or holds a
refresh that would archive more than a quarter of its groups (Apply or Keep, on buttons).
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlmodel import Session
from telegram import Update
from telegram.error import TelegramError

from bot import strings
from bot.services import Context
from bot.staff.directory_handlers import coordinator_ids
from bot.staff.models import StaffRole
from bot.staff.tg import (
    button_data,
    buttons,
    clip,
    esc,
    in_db,
    parse_number,
    reply,
    requires,
    settle,
    user_id_of,
)
from directory import sources
from directory.models import FeedSource

log = logging.getLogger(__name__)
COORDINATOR = StaffRole.coordinator
JOB_NAME = "directory_sources"
JOB_EVERY_S = 300.0  # how often the job looks for sources that are due


def _when(moment: datetime | None) -> str:
    return strings.SOURCE_NEVER if moment is None else f"{moment:%d %b %H:%M} UTC"


def source_line(source: FeedSource) -> str:
    """One source for /sources: name, format, interval, last fetched and changed, state."""
    if source.held_body is not None:
        state = strings.SOURCE_HELD.format(archive=source.held_archive, total=source.held_total)
    elif source.failures:
        state = strings.SOURCE_FAILING.format(
            count=source.failures, error=esc(source.last_error or "")
        )
    else:
        state = strings.SOURCE_OK
    return strings.SOURCE_LINE.format(
        id=source.id, name=esc(source.name), format=source.format,
        every=sources.every_text(source.every_minutes), fetched=_when(source.last_fetched_at),
        changed=_when(source.last_changed_at), state=state,
    )  # fmt: skip


@requires(COORDINATOR)
async def list_sources(update: Update, context: Context) -> None:
    """/sources: every feed the directory refreshes, how it went, buttons to act."""

    def load(session: Session) -> list[tuple[str, int, bool]]:
        return [
            (source_line(s), s.id or 0, s.held_body is not None)
            for s in sources.list_sources(session)
        ]

    rows = await in_db(context, load)
    if not rows:
        await reply(update, context, strings.SOURCES_NONE)
        return
    await reply(update, context, strings.SOURCES_HEAD + "\n" + clip([r[0] for r in rows]))
    for line, source_id, held in rows:
        keys = [(strings.SOURCE_REFRESH_BUTTON, f"src:refresh:{source_id}")]
        if held:
            keys = [
                (strings.SOURCE_APPLY_BUTTON, f"src:apply:{source_id}"),
                (strings.SOURCE_KEEP_BUTTON, f"src:keep:{source_id}"),
            ]
        await reply(update, context, line, buttons(context, keys))


async def refresh_one(context: Context, name: str, now: datetime) -> sources.Outcome:
    """Fetch one source (async) and apply it (off the event loop)."""
    request = await in_db(context, lambda s: sources.request_for(s, name=name))
    fetched = await sources.fetch_for(request)
    return await in_db(
        context, lambda s: sources.apply_to(s, name=name, fetched=fetched, now=now), long=True
    )


def _source_name(session: Session, source_id: int) -> str:
    source = session.get(FeedSource, source_id)
    if source is None:
        raise sources.SourceError(str(source_id))
    return source.name


@requires(COORDINATOR)
async def act_on_source(update: Update, context: Context) -> None:
    """The buttons under /sources: refresh now, apply a held refresh, or keep things as they are."""
    await settle(update)
    parts = button_data(update)
    source_id = parse_number(parts[2]) if len(parts) == 3 else None
    if source_id is None or parts[1] not in ("refresh", "apply", "keep"):
        await reply(update, context, strings.BUTTON_EXPIRED)
        return
    action, now = parts[1], context.bot_data.clock.now()
    try:
        name = await in_db(context, lambda s: _source_name(s, source_id))
        if action == "refresh":
            outcome = await refresh_one(context, name, now)
            text = esc(outcome.summary)
        elif action == "apply":
            outcome = await in_db(
                context,
                lambda s: sources.confirm_held(s, sources.get_source(s, name=name), now=now),
                long=True,
            )
            text = esc(outcome.summary)
        else:
            await in_db(
                context, lambda s: sources.discard_held(s, sources.get_source(s, name=name))
            )
            text = strings.SOURCE_KEPT.format(name=esc(name))
    except sources.SourceError:
        text = strings.SOURCE_GONE
    log.info("source action", extra={"user_id": user_id_of(update), "action": action})
    await reply(update, context, text)


def alert_text(alert: sources.Alert) -> str:
    """What coordinators read about a source in trouble."""
    name = esc(alert.source)
    if alert.kind == "held":
        return strings.SOURCE_ALERT_HELD.format(name=name, archive=alert.archive, total=alert.total)
    if alert.kind == "failing":
        return strings.SOURCE_ALERT_FAILING.format(
            name=name, count=alert.failures, error=esc(alert.error or "")
        )
    return strings.SOURCE_ALERT_STALE.format(name=name, since=_when(alert.since))


async def refresh_due_sources(context: Context) -> None:
    """Job: refresh every source that is due, then tell coordinators what needs them."""
    now = context.bot_data.clock.now()
    names = await in_db(context, lambda s: [x.name for x in sources.due_sources(s, now=now)])
    for name in names:
        try:
            outcome = await refresh_one(context, name, now)
        except Exception:  # one bad source must not stop the others
            log.exception("source refresh crashed", extra={"source": name})
            continue
        log.info("source refreshed", extra={"source": name, "status": outcome.status})

    def load(session: Session) -> tuple[list[sources.Alert], list[int]]:
        return sources.alerts_due(session, now=now), coordinator_ids(session)

    alerts, recipients = await in_db(context, load)
    for alert in alerts:
        for user_id in recipients or sorted(context.bot_data.settings.admin_ids):
            try:
                await context.bot.send_message(user_id, alert_text(alert), parse_mode="HTML")
            except TelegramError as exc:
                log.warning(
                    "source alert not sent", extra={"user_id": user_id, "error": type(exc).__name__}
                )
