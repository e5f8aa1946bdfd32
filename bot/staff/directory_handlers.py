"""Coordinators' directory commands: /groups, /archivegroup, /restoregroup, /verify, /history,
and the weekly digest of groups not checked for 90 days."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Session, col, select
from telegram import Update
from telegram.error import TelegramError

from bot import strings
from bot.services import Context
from bot.staff import directory_ops as ops
from bot.staff.audit import describe, history
from bot.staff.models import RoleGrant, StaffRole
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
from directory.csv_io import export_csv
from directory.hsds import export_hsds
from directory.meeting_guide import dumps, export_meeting_guide
from directory.models import Fellowship, Group

log = logging.getLogger(__name__)
COORDINATOR = StaffRole.coordinator
PAGE = 10
SEARCH_KEY = "_staff_groups_search"


def group_line(group: Group, fellowship: str, today: date) -> str:
    """One group in a list: id, name, fellowship, where, archived, and last checked when stale."""
    where = group.city or ("online" if group.conference_url or group.conference_phone else "—")
    archived = strings.ARCHIVED_MARK if not group.active else ""
    archived += strings.SAMPLE_MARK if group.is_sample else ""
    archived += strings.CLOSED_MARK if group.temporarily_closed else ""
    checked = group.last_verified
    stale = ""
    if group.active and (checked is None or (today - checked) >= ops.STALE_AFTER):
        when = f"{checked:%d %b %Y}" if checked else strings.NEVER_CHECKED
        stale = strings.STALE_MARK.format(when=when)
    return strings.GROUP_LINE.format(
        group_id=group.id,
        name=esc(group.name),
        fellowship=esc(fellowship),
        where=esc(where),
        archived=archived,
        stale=stale,
    )


def _fellowship_names(session: Session) -> dict[int, str]:
    return {f.id or 0: f.short_name for f in session.exec(select(Fellowship))}


@requires(COORDINATOR)
async def list_groups(update: Update, context: Context) -> None:
    """/groups [search]: the directory, ten at a time, archived ones last."""
    search = " ".join(context.args or [])
    if context.user_data is not None:
        context.user_data[SEARCH_KEY] = search
    await _show_page(update, context, search, 0)


@requires(COORDINATOR)
async def page_groups(update: Update, context: Context) -> None:
    """The More button under /groups."""
    await settle(update)
    parts = button_data(update)
    offset = parse_number(parts[1]) if len(parts) == 2 else None
    if offset is None:
        await reply(update, context, strings.BUTTON_EXPIRED)
        return
    search = context.user_data.get(SEARCH_KEY, "") if context.user_data is not None else ""
    await _show_page(update, context, str(search), offset)


async def _show_page(update: Update, context: Context, search: str, offset: int) -> None:
    today = context.bot_data.clock.now().date()

    def load(session: Session) -> tuple[list[str], bool]:
        groups, more = ops.search_groups(session, text=search, offset=offset, limit=PAGE)
        names = _fellowship_names(session)
        return [group_line(g, names.get(g.fellowship_id, "?"), today) for g in groups], more

    lines, more = await in_db(context, load)
    if not lines:
        await reply(update, context, strings.GROUPS_NONE)
        return
    head = strings.GROUPS_HEAD.format(
        search=f" matching “{esc(search)}”" if search else "",
        first=offset + 1,
        last=offset + len(lines),
    )
    keyboard = (
        buttons(context, [(strings.STAFF_MORE_BUTTON, f"groups:{offset + PAGE}")]) if more else None
    )
    await reply(update, context, "\n".join([head, *lines]), keyboard)


def _group_id(context: Context) -> int | None:
    args = context.args or []
    return parse_number(args[0]) if len(args) == 1 else None


def id_problem(args: list[str] | None, command: str) -> str:
    """Why a command's group id was not understood: none given, or one that is not a number."""
    if args is not None and len(args) == 1:
        return strings.NOT_A_GROUP_NUMBER.format(command=command)
    return strings.ID_USAGE.format(command=command)


async def _with_group(
    update: Update, context: Context, command: str, work: Callable[[Session, Group], str]
) -> None:
    """Run `work` on the group named by the command's argument and reply with its text."""
    group_id = _group_id(context)
    if group_id is None:
        await reply(update, context, id_problem(context.args, command))
        return

    def run(session: Session) -> str:
        group = session.get(Group, group_id)
        if group is None:
            return strings.NO_GROUP.format(value=group_id)
        return work(session, group)

    await reply(update, context, await in_db(context, run))


@requires(COORDINATOR)
async def ask_archive(update: Update, context: Context) -> None:
    """/archivegroup ID: ask to confirm (archived groups are kept and can be restored)."""
    group_id = _group_id(context)
    if group_id is None:
        await reply(update, context, id_problem(context.args, "archivegroup"))
        return
    group = await in_db(context, lambda s: s.get(Group, group_id))
    if group is None:
        await reply(update, context, strings.NO_GROUP.format(value=group_id))
    elif not group.active:
        await reply(update, context, strings.ALREADY_ARCHIVED.format(group_id=group_id))
    else:
        text = strings.ARCHIVE_CONFIRM.format(group_id=group_id, name=esc(group.name))
        keyboard = buttons(
            context,
            [(strings.ARCHIVE_BUTTON, f"arch:{group_id}"), (strings.CANCEL_BUTTON, "arch:no")],
        )
        await reply(update, context, text, keyboard)


@requires(COORDINATOR)
async def archive(update: Update, context: Context) -> None:
    """The Archive button: archive the group (the role was checked again just now)."""
    await settle(update)
    parts = button_data(update)
    group_id = parse_number(parts[1]) if len(parts) == 2 else None
    if group_id is None:
        await reply(update, context, strings.CANCELLED)
        return
    actor, now = user_id_of(update) or 0, context.bot_data.clock.now()

    def run(session: Session) -> str:
        group = session.get(Group, group_id)
        if group is None:
            return strings.NO_GROUP.format(value=group_id)
        if not group.active:
            return strings.ALREADY_ARCHIVED.format(group_id=group_id)
        ops.archive_group(session, actor=actor, group=group, now=now)
        return strings.ARCHIVED.format(group_id=group_id)

    log.info("archive", extra={"group_id": group_id, "user_id": actor})
    await reply(update, context, await in_db(context, run))


@requires(COORDINATOR)
async def restore(update: Update, context: Context) -> None:
    """/restoregroup ID: bring an archived group back."""
    actor, now = user_id_of(update) or 0, context.bot_data.clock.now()

    def work(session: Session, group: Group) -> str:
        if group.active:
            return strings.NOT_ARCHIVED.format(group_id=group.id)
        ops.restore_group(session, actor=actor, group=group, now=now)
        return strings.RESTORED.format(group_id=group.id)

    await _with_group(update, context, "restoregroup", work)


@requires(COORDINATOR)
async def verify(update: Update, context: Context) -> None:
    """/verify ID: mark the group as checked today."""
    actor, now = user_id_of(update) or 0, context.bot_data.clock.now()

    def work(session: Session, group: Group) -> str:
        ops.verify_group(session, actor=actor, group=group, now=now)
        return strings.VERIFIED.format(group_id=group.id, day=f"{now:%Y-%m-%d}")

    await _with_group(update, context, "verify", work)


@requires(COORDINATOR)
async def show_history(update: Update, context: Context) -> None:
    """/history ID: who changed what, and when."""

    def work(session: Session, group: Group) -> str:
        entries = history(session, group_id=group.id or 0)
        if not entries:
            return strings.HISTORY_NONE.format(group_id=group.id)
        head = strings.HISTORY_HEAD.format(group_id=group.id, name=esc(group.name))
        return head + "\n\n" + clip([esc(describe(e)) for e in entries], separator="\n\n")

    await _with_group(update, context, "history", work)


def digest_text(session: Session, *, now: datetime) -> str | None:
    """The weekly digest of stale groups, or None when every group was checked recently."""
    stale, total = ops.stale_groups(session, now=now, limit=20)
    if not total:
        return None
    names = _fellowship_names(session)
    lines = [group_line(g, names.get(g.fellowship_id, "?"), now.date()) for g in stale]
    if total > len(stale):
        lines.append(strings.DIGEST_MORE.format(count=total - len(stale)))
    return strings.DIGEST.format(count=total, lines="\n".join(lines))


def coordinator_ids(session: Session) -> list[int]:
    """Everyone who holds the coordinator role now."""
    query = select(RoleGrant.telegram_user_id).where(
        RoleGrant.role == StaffRole.coordinator, col(RoleGrant.revoked_at).is_(None)
    )
    return sorted(set(session.exec(query)))


async def send_digest(context: Context) -> None:
    """Weekly job: tell every coordinator (or the admins, if none) about stale groups."""
    now = context.bot_data.clock.now()

    def load(session: Session) -> tuple[str | None, list[int]]:
        return digest_text(session, now=now), coordinator_ids(session)

    text, recipients = await in_db(context, load)
    if text is None:
        return
    for user_id in recipients or sorted(context.bot_data.settings.admin_ids):
        try:
            await context.bot.send_message(user_id, text, parse_mode="HTML")
        except TelegramError as exc:
            log.warning("digest not sent", extra={"user_id": user_id, "error": type(exc).__name__})
    log.info("digest sent", extra={"recipients": len(recipients)})


@requires(COORDINATOR)
async def export(update: Update, context: Context) -> None:
    """/export: the directory as a Meeting Guide JSON file (/export csv: CSV, /export hsds:
    Open Referral HSDS 3.0 JSON for 211-style directories)."""
    wanted = " ".join(context.args or []).strip().lower()
    kind = wanted if wanted in ("csv", "hsds") else "meeting-guide"

    def load(session: Session) -> tuple[bytes, int]:
        if kind == "csv":
            text = export_csv(session)
        elif kind == "hsds":
            text = json.dumps(export_hsds(session), indent=2, ensure_ascii=False)
        else:
            text = dumps(export_meeting_guide(session))
        active = select(sa.func.count()).select_from(Group).where(col(Group.active).is_(True))
        return text.encode(), int(session.exec(active).one())

    content, count = await in_db(context, load, long=True)
    name = {"csv": "firststep-directory.csv", "hsds": "firststep-directory-hsds.json"}.get(
        kind, "firststep-directory.json"
    )
    label = {"csv": "CSV", "hsds": "Open Referral HSDS 3.0"}.get(kind, "Meeting Guide JSON")
    caption = strings.EXPORT_CAPTION.format(count=count, kind=label)
    await context.bot.send_document(
        user_id_of(update) or 0, content, filename=name, caption=caption
    )
