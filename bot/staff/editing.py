"""/addgroup (guided, or one message of `field: value` lines) and /editgroup ID, with a summary to
confirm; /cancel at any point leaves nothing behind. The draft lives in transient user data."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlmodel import Session
from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ConversationHandler

from bot import strings
from bot.services import Context
from bot.staff import directory_ops as ops
from bot.staff.group_form import (
    AUDIENCE_NAMES,
    FORMAT_NAMES,
    WEEKDAY_NAMES,
    WEEKDAYS,
    FellowshipChoice,
    FieldError,
    GroupDraft,
    next_field,
    parse_form,
    problems,
    set_field,
    summary,
)
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
from directory.crud import DirectoryError
from directory.models import Group

log = logging.getLogger(__name__)
DRAFT_KEY = "_staff_draft"  # transient: never written to the database by the persistence
IMPORT_KEY = "_staff_import"  # transient, like the draft
COORDINATOR = StaffRole.coordinator
END = ConversationHandler.END


class Awaiting(StrEnum):
    """What the coordinator's conversation waits for."""

    ANSWER = "answer"
    CHANGES = "changes"
    CONFIRMATION = "confirmation"
    FILE = "file"
    IMPORT_DECISION = "import_decision"


@dataclass
class Work:
    """A group being added (group_id None) or edited, with the fellowships to choose from."""

    draft: GroupDraft
    fellowships: list[FellowshipChoice]
    group_id: int | None = None
    original: str = ""
    meeting_count: int = 1
    extra: dict[str, Any] = field(default_factory=dict)


def _work(context: Context) -> Work | None:
    value = context.user_data.get(DRAFT_KEY) if context.user_data is not None else None
    return value if isinstance(value, Work) else None


def _keep(context: Context, work: Work | None) -> None:
    if context.user_data is None:
        return
    if work is None:
        context.user_data.pop(DRAFT_KEY, None)
    else:
        context.user_data[DRAFT_KEY] = work


def _form_lines(update: Update) -> str:
    """The `field: value` lines after the command, if any."""
    text = update.effective_message.text if update.effective_message else ""
    return (text or "").partition("\n")[2]


@requires(COORDINATOR)
async def start_adding(update: Update, context: Context) -> object:
    """/addgroup: ask the first question, or read a one-message form."""
    fellowships = await in_db(context, ops.fellowship_choices)
    if not fellowships:
        await reply(update, context, strings.ADD_NO_FELLOWSHIPS)
        return END
    work = Work(GroupDraft(), fellowships)
    lines = _form_lines(update)
    if lines.strip():
        return await _take_form(update, context, work, lines)
    _keep(context, work)
    await reply(update, context, strings.ADD_START)
    return await _ask_next(update, context, work)


async def _take_form(update: Update, context: Context, work: Work, lines: str) -> object:
    draft, errors = await asyncio.to_thread(parse_form, lines, fellowships=work.fellowships)
    if errors:
        await reply(
            update, context, strings.FORM_ERRORS.format(errors=clip([esc(e) for e in errors]))
        )
        return END
    missing = problems(draft)
    if missing:
        await reply(update, context, strings.FORM_MISSING.format(missing=esc("\n".join(missing))))
        return END
    work.draft = draft
    _keep(context, work)
    return await _ask_confirmation(update, context, work)


async def _ask_next(update: Update, context: Context, work: Work) -> object:
    name = next_field(work.draft)
    if name is None:
        return await _ask_confirmation(update, context, work)
    await reply(update, context, strings.ASK[name], _choices(context, work, name))
    return Awaiting.ANSWER


def _choices(context: Context, work: Work, name: str) -> InlineKeyboardMarkup | None:
    """Buttons for closed choices (and Skip for optional answers)."""
    draft = work.draft
    if name == "fellowship":
        pairs = [(f.short_name, f"add:fellowship:{f.id}") for f in work.fellowships]
        return buttons(context, *[pairs[i : i + 3] for i in range(0, len(pairs), 3)])
    if name == "format":
        return buttons(
            context, [(label, f"add:format:{value.value}") for value, label in FORMAT_NAMES.items()]
        )
    if name == "weekday":
        days = [(WEEKDAY_NAMES[i][:3], f"add:weekday:{d}") for i, d in enumerate(WEEKDAYS)]
        return buttons(context, days[:4], days[4:])
    if name == "timezone":
        default = context.bot_data.settings.default_timezone
        return buttons(context, [(default, f"add:timezone:{default}")])
    if name in ("street", "end"):
        return buttons(context, [(strings.SKIP_BUTTON, f"add:{name}:skip")])
    if name == "audience":
        marks = [
            (("✓ " if key in draft.audience else "") + label, f"add:audience:{key}")
            for key, label in AUDIENCE_NAMES.items()
        ]
        return buttons(
            context,
            marks[:3],
            marks[3:],
            [
                (strings.ANYONE_BUTTON, "add:audience:anyone"),
                (strings.DONE_BUTTON, "add:audience:done"),
            ],
        )
    return None


@requires(COORDINATOR)
async def take_answer(update: Update, context: Context) -> object:
    """A typed answer to the current question: checked, stored, next question (or why not)."""
    work = _work(context)
    text = update.effective_message.text if update.effective_message else ""
    if work is None or (name := next_field(work.draft)) is None:
        return END
    return await _answer(update, context, work, name, text or "")


async def _answer(update: Update, context: Context, work: Work, name: str, text: str) -> object:
    try:
        await asyncio.to_thread(set_field, work.draft, name, text, fellowships=work.fellowships)
    except FieldError as exc:
        await reply(update, context, strings.NOT_VALID.format(reason=esc(exc)))
        await reply(update, context, strings.ASK[name], _choices(context, work, name))
        return Awaiting.ANSWER
    return await _ask_next(update, context, work)


@requires(COORDINATOR)
async def take_choice(update: Update, context: Context) -> object:
    """A button answer to the current question (checked like a typed one)."""
    await settle(update)
    work = _work(context)
    parts = button_data(update)
    current = next_field(work.draft) if work else None
    if work is None or len(parts) != 3 or parts[1] != current:
        await reply(update, context, strings.BUTTON_EXPIRED)
        return Awaiting.ANSWER if work else END
    name, value = parts[1], parts[2]
    if name == "audience" and value in AUDIENCE_NAMES:  # a toggle; Done or Anyone answers
        chosen = work.draft.audience
        work.draft.audience = [a for a in chosen if a != value] + (
            [] if value in chosen else [value]
        )
        await reply(update, context, strings.ASK[name], _choices(context, work, name))
        return Awaiting.ANSWER
    if name == "audience" and value not in ("done", "anyone"):
        await reply(update, context, strings.BUTTON_EXPIRED)
        return Awaiting.ANSWER
    if name == "audience":
        value = ", ".join(work.draft.audience) if value == "done" else "anyone"
    return await _answer(update, context, work, name, "" if value == "skip" else value)


async def _ask_confirmation(update: Update, context: Context, work: Work) -> object:
    keyboard = buttons(
        context, [(strings.SAVE_BUTTON, "add:save"), (strings.CANCEL_BUTTON, "add:cancel")]
    )
    if work.group_id is None:
        text = strings.CONFIRM.format(summary=esc(summary(work.draft)))
    else:
        text = strings.EDIT_CONFIRM.format(group_id=work.group_id, summary=esc(_diff(work)))
    await reply(update, context, text, keyboard)
    return Awaiting.CONFIRMATION


def _diff(work: Work) -> str:
    old = _fields(work.original)
    new = _fields(summary(work.draft))
    keys = [k for k in new if old.get(k) != new[k]] + [k for k in old if k not in new]
    return "\n".join(f"{k}: {old.get(k, '—')} → {new.get(k, '—')}" for k in keys)


def _fields(text: str) -> dict[str, str]:
    """A summary's `field: value` lines as a dict (each value is one line: see one_line)."""
    return dict(line.partition(": ")[::2] for line in text.splitlines())


@requires(COORDINATOR)
async def save(update: Update, context: Context) -> object:
    """Save: add or change the group (with its audit entry) in one transaction."""
    await settle(update)
    work = _work(context)
    _keep(context, None)
    if work is None:
        await reply(update, context, strings.BUTTON_EXPIRED)
        return END
    actor, now = user_id_of(update) or 0, context.bot_data.clock.now()
    try:
        group_id = await in_db(context, lambda s: _store(s, work, actor, now))
    except (DirectoryError, FieldError, LookupError) as exc:
        await reply(update, context, strings.SAVE_FAILED.format(reason=esc(exc)))
        return END
    log.info(
        "group saved", extra={"group_id": group_id, "user_id": actor, "edit": bool(work.group_id)}
    )
    text = strings.SAVED if work.group_id is None else strings.EDIT_SAVED
    await reply(update, context, text.format(group_id=group_id))
    return END


def _store(session: Session, work: Work, actor: int, now: Any) -> int:
    if work.group_id is None:
        return ops.create_group(session, actor=actor, draft=work.draft, now=now).id or 0
    group = session.get(Group, work.group_id)
    if group is None:
        raise LookupError(f"group {work.group_id} is gone")
    ops.update_group(session, actor=actor, group=group, draft=work.draft, now=now)
    return work.group_id


@requires(COORDINATOR)
async def cancel(update: Update, context: Context) -> object:
    """/cancel (or the Cancel button): drop the draft; nothing was saved."""
    await settle(update)
    had = _work(context) is not None
    _keep(context, None)
    if context.user_data is not None:
        had = context.user_data.pop(IMPORT_KEY, None) is not None or had
    await reply(update, context, strings.CANCELLED if had else strings.NOTHING_TO_CANCEL)
    return END


@requires(COORDINATOR)
async def ask_for_buttons(update: Update, context: Context) -> object:
    """Text while a choice of buttons is open: point at them (the state stays as it is)."""
    await reply(update, context, strings.USE_BUTTONS)
    return None


@requires(COORDINATOR)
async def start_editing(update: Update, context: Context) -> object:
    """/editgroup ID: show the group as lines and ask for the lines to change."""
    args = (
        (update.effective_message.text or "").split("\n")[0].split()[1:]
        if update.effective_message
        else []
    )
    group_id = parse_number(args[0]) if len(args) == 1 else None
    if group_id is None:
        text = strings.NOT_A_GROUP_NUMBER.format(command="editgroup") if args else None
        await reply(update, context, text or strings.EDIT_USAGE)
        return END
    loaded = await in_db(context, lambda s: _load(s, group_id))
    if loaded is None:
        await reply(update, context, strings.NO_GROUP.format(value=group_id))
        return END
    work = Work(loaded[0], loaded[2], group_id, summary(loaded[0]), loaded[1])
    _keep(context, work)
    lines = _form_lines(update)
    if lines.strip():
        return await _take_changes(update, context, work, lines)
    text = strings.EDIT_START.format(group_id=group_id, summary=esc(work.original))
    await reply(update, context, text)
    if work.meeting_count > 1:
        await reply(
            update,
            context,
            strings.EDIT_MANY_MEETINGS.format(group_id=group_id, count=work.meeting_count),
        )
    return Awaiting.CHANGES


def _load(session: Session, group_id: int) -> tuple[GroupDraft, int, list[FellowshipChoice]] | None:
    group = session.get(Group, group_id)
    if group is None:
        return None
    draft, count = ops.draft_of(session, group)
    return draft, count, ops.fellowship_choices(session)


@requires(COORDINATOR)
async def take_changes(update: Update, context: Context) -> object:
    """Lines to change in the group being edited: checked, then a summary to confirm."""
    work = _work(context)
    if work is None:
        return END
    text = update.effective_message.text if update.effective_message else ""
    return await _take_changes(update, context, work, text or "")


async def _take_changes(update: Update, context: Context, work: Work, lines: str) -> object:
    edited, errors = await asyncio.to_thread(
        parse_form, lines, fellowships=work.fellowships, base=work.draft
    )
    if work.meeting_count > 1 and edited.answered & {"weekday", "start", "end"}:
        errors.append(
            strings.EDIT_MANY_MEETINGS.format(group_id=work.group_id, count=work.meeting_count)
        )
    errors += problems(edited)
    if errors:
        await reply(
            update, context, strings.FORM_ERRORS.format(errors=clip([esc(e) for e in errors]))
        )
        return Awaiting.CHANGES
    if summary(edited) == work.original:
        await reply(update, context, strings.EDIT_NO_CHANGE)
        return Awaiting.CHANGES
    work.draft = edited
    return await _ask_confirmation(update, context, work)
