"""/import: the coordinator sends a feed file, sees what would change, and applies it on a button
(part of the coordinator's conversation, see `bot.staff.handlers.build_editing`)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlmodel import Session
from telegram import Update

from bot import strings
from bot.services import Context
from bot.staff.editing import COORDINATOR, END, IMPORT_KEY, Awaiting
from bot.staff.importing import (
    FeedFile,
    ImportRefused,
    PreviewChanged,
    check_upload,
    counts,
    feed_file,
    preview,
)
from bot.staff.importing import apply as apply_feed
from bot.staff.tg import (
    buttons,
    clip,
    esc,
    in_db,
    reply,
    requires,
    settle,
    user_id_of,
)
from directory.importing import ImportReport

log = logging.getLogger(__name__)
MAX_ERRORS_SHOWN = 15


@dataclass
class PendingImport:
    """An import waiting for its file, then for Apply."""

    fellowship: str | None
    feed: FeedFile | None = None
    expected: tuple[int, int, int, int, int] | None = None


def _pending(context: Context, *, drop: bool = False) -> PendingImport | None:
    data = context.user_data if context.user_data is not None else {}
    value = data.pop(IMPORT_KEY, None) if drop else data.get(IMPORT_KEY)
    return value if isinstance(value, PendingImport) else None


@requires(COORDINATOR)
async def start_import(update: Update, context: Context) -> object:
    """/import [fellowship]: ask for the feed file."""
    if context.user_data is not None:
        context.user_data[IMPORT_KEY] = PendingImport(" ".join(context.args or []) or None)
    await reply(update, context, strings.IMPORT_ASK)
    return Awaiting.FILE


async def _download(update: Update) -> FeedFile:
    """The uploaded feed, its name and size checked before it is fetched."""
    document = update.effective_message.document if update.effective_message else None
    if document is None:
        raise ImportRefused("there is no file")
    check_upload(document.file_name, document.file_size or 0)
    content = bytes(await (await document.get_file()).download_as_bytearray())
    return feed_file(document.file_name, content)


@requires(COORDINATOR)
async def take_file(update: Update, context: Context) -> object:
    """The feed file: checked, previewed (nothing written), then Apply or Cancel."""
    pending = _pending(context)
    if pending is None:
        return END
    try:
        feed = await _download(update)
    except ImportRefused as exc:
        await reply(update, context, strings.IMPORT_UNREADABLE.format(reason=esc(exc)))
        return Awaiting.FILE
    now = context.bot_data.clock.now()
    report = await in_db(
        context, lambda s: preview(s, feed=feed, fellowship=pending.fellowship, now=now), long=True
    )
    log.info(
        "import previewed", extra={"user_id": user_id_of(update), "errors": len(report.errors)}
    )
    if report.errors:
        await reply(update, context, _errors_text(feed, report))
        return Awaiting.FILE
    pending.feed, pending.expected = feed, counts(report)
    keyboard = buttons(
        context, [(strings.IMPORT_APPLY_BUTTON, "imp:apply"), (strings.CANCEL_BUTTON, "imp:cancel")]
    )
    await reply(update, context, _preview_text(feed, report), keyboard)
    return Awaiting.IMPORT_DECISION


def _errors_text(feed: FeedFile, report: ImportReport) -> str:
    lines = clip([esc(f"• {error}") for error in report.errors[:MAX_ERRORS_SHOWN]], budget=3000)
    return strings.IMPORT_ERRORS.format(name=esc(feed.name), count=len(report.errors), lines=lines)


def _preview_text(feed: FeedFile, report: ImportReport) -> str:
    problems = clip([esc(f"• {line}") for line in report.problems(MAX_ERRORS_SHOWN)], budget=2000)
    return strings.IMPORT_PREVIEW.format(
        name=esc(feed.name), new=report.new, updated=report.updated,
        unchanged=report.unchanged, archived=report.archived, skipped=len(report.skipped),
        problems=f"\n{problems}\n" if problems else "",
    )  # fmt: skip


@requires(COORDINATOR)
async def ask_for_file(update: Update, context: Context) -> object:
    """Text while a file is awaited."""
    await reply(update, context, strings.IMPORT_NOT_A_FILE)
    return Awaiting.FILE


@requires(COORDINATOR)
async def apply_import(update: Update, context: Context) -> object:
    """Apply: the same import, in one transaction, only if it still matches the preview."""
    await settle(update)
    pending, actor = _pending(context, drop=True), user_id_of(update) or 0
    now = context.bot_data.clock.now()
    if pending is None or pending.feed is None or pending.expected is None:
        await reply(update, context, strings.IMPORT_EXPIRED)
        return END
    feed, expected = pending.feed, pending.expected

    def work(session: Session) -> ImportReport:
        return apply_feed(session, feed=feed, fellowship=pending.fellowship, actor=actor, now=now,
                          expected=expected)  # fmt: skip

    try:
        report = await in_db(context, work, long=True)
    except PreviewChanged:
        await reply(update, context, strings.IMPORT_CHANGED)
        return END
    log.info(
        "import applied", extra={"user_id": actor, "new": report.new, "updated": report.updated}
    )
    await reply(update, context, strings.IMPORT_APPLIED.format(
        created=report.new, updated=report.updated, unchanged=report.unchanged,
        archived=report.archived, errors=len(report.skipped),
    ))  # fmt: skip
    return END
