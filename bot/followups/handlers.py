"""Handlers for the "How did it go?" buttons and the replies that follow them."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import Application, ApplicationHandlerStop, CallbackQueryHandler

import i18n
from bot import strings
from bot.db import run_db, session_scope
from bot.followups import callbacks, rules
from bot.followups.models import Plan, PlanOutcome
from bot.followups.plans import cancel_plan_rest, record_plan
from bot.handler_groups import Group
from bot.hello.service import note_went
from bot.models import Event, EventKind, Person, PersonStatus
from bot.services import Context
from bot.settings import Settings

log = logging.getLogger(__name__)


@dataclass
class Reply:
    """What to say back: text and buttons."""

    text: str
    keyboard: callbacks.Keyboard = field(default_factory=list)
    hello_group: int | None = None  # after it: offer a hello from this group's volunteer


@dataclass(frozen=True)
class Ctx:
    """What an action needs: the session, the person, their plan, settings and the time."""

    session: Session
    person: Person
    plan: Plan
    settings: Settings
    now: datetime


def _markup(keyboard: callbacks.Keyboard) -> InlineKeyboardMarkup | None:
    if not keyboard:
        return None
    rows = [[InlineKeyboardButton(t, callback_data=d) for t, d in row] for row in keyboard]
    return InlineKeyboardMarkup(rows)


def _record_outcome(ctx: Ctx, outcome: PlanOutcome) -> None:
    """Store the answer once (a repeated press changes nothing) and stop the nudges."""
    if ctx.plan.outcome == outcome:
        return
    ctx.plan.outcome, ctx.plan.outcome_at = outcome, ctx.now
    ctx.session.add(
        Event(person_id=ctx.person.id or 0, kind=outcome, group_id=ctx.plan.group_id, at=ctx.now)
    )
    cancel_plan_rest(ctx.session, plan_id=ctx.plan.id or 0)
    if ctx.person.status == PersonStatus.stopped:
        ctx.person.status = PersonStatus.active  # they wrote to us again


def answer_went(ctx: Ctx, _arg: str | None) -> Reply:
    """I went: a warm word, try a few meetings, offer to plan the next one."""
    _record_outcome(ctx, PlanOutcome.went)
    note_went(ctx.session, person_id=ctx.person.id or 0, chat_id=ctx.person.telegram_chat_id,
              group_id=ctx.plan.group_id, now=ctx.now)  # fmt: skip
    pid = ctx.plan.id or 0
    return Reply(
        f"{strings.WENT}\n\n{strings.OFFER_NEXT}",
        [
            [(strings.BUTTON_PLAN_NEXT, callbacks.data(callbacks.PLAN_NEXT, pid))],
            [(strings.BUTTON_NO_THANKS, callbacks.data(callbacks.NO_THANKS, pid))],
        ],
    )


def _group(ctx: Ctx) -> Any:
    """The planned group (None when it is gone from the directory)."""
    from directory.models import Group

    return ctx.session.get(Group, ctx.plan.group_id)


def _online(group: Any) -> bool:
    """Whether the planned group meets only online (hybrid counts as a place to go)."""
    return group is not None and str(group.format) == "online"


def _reasons(group: Any) -> dict[str, str]:
    """What may have got in the way, for the group's format."""
    return strings.REASONS_ONLINE if _online(group) else strings.REASONS


def answer_did_not_go(ctx: Ctx, _arg: str | None) -> Reply:
    """I didn't make it: no blame; ask what got in the way (fitting an online meeting or a room)."""
    _record_outcome(ctx, PlanOutcome.did_not_go)
    pid = ctx.plan.id or 0
    rows = [
        [(label, callbacks.data(callbacks.REASON, pid, code))]
        for code, label in _reasons(_group(ctx)).items()
    ]
    return Reply(strings.DID_NOT_GO, rows)


def answer_reason(ctx: Ctx, arg: str | None) -> Reply:
    """What got in the way: store the code, then offer what fits the format. Online: the group's
    next meetings or another online group; in person: the next meeting, the newcomer contact where
    one agreed, an online meeting. "Not now" is always there: every choice ends somewhere."""
    group = _group(ctx)
    reasons = _reasons(group)
    if arg not in reasons:
        return Reply(strings.STALE_BUTTON)
    ctx.plan.reason = arg
    latest = ctx.session.exec(
        select(Event)
        .where(Event.person_id == ctx.person.id, Event.kind == EventKind.did_not_go)
        .order_by(col(Event.id).desc())
    ).first()
    if latest is not None:
        latest.detail = f"reason_{arg}"
    pid = ctx.plan.id or 0
    online = _online(group)
    replies = strings.REASON_REPLIES_ONLINE if online else strings.REASON_REPLIES
    text = f"{replies[arg]}\n\n{strings.WHAT_NEXT}"
    if online:
        rows = [
            [(strings.BUTTON_NEXT_ONLINE, callbacks.data(callbacks.PLAN_NEXT, pid))],
            [(strings.BUTTON_OTHER_ONLINE, callbacks.data(callbacks.ONLINE, pid))],
        ]
    else:
        rows = [[(strings.BUTTON_SAME_GROUP, callbacks.data(callbacks.PLAN_NEXT, pid))]]
        if group is not None and _has_contact(group):
            rows.append([(strings.BUTTON_CONTACT, callbacks.data(callbacks.CONTACT, pid))])
        rows.append([(strings.BUTTON_ONLINE, callbacks.data(callbacks.ONLINE, pid))])
    rows.append([(strings.BUTTON_NO_THANKS, callbacks.data(callbacks.NO_THANKS, pid))])
    return Reply(text, rows, hello_group=ctx.plan.group_id)


def _has_contact(group: Any) -> bool:
    from directory.models import has_newcomer_contact

    return has_newcomer_contact(group)


def _plan_or_later(ctx: Ctx) -> callbacks.Keyboard:
    """The way on after a step that is not a plan yet: plan the group's next one, or not now."""
    pid = ctx.plan.id or 0
    return [
        [(strings.BUTTON_PLAN_NEXT, callbacks.data(callbacks.PLAN_NEXT, pid))],
        [(strings.BUTTON_NO_THANKS, callbacks.data(callbacks.NO_THANKS, pid))],
    ]


def answer_not_for_me(ctx: Ctx, _arg: str | None) -> Reply:
    """Not for me: groups of a different kind from the matcher."""
    _record_outcome(ctx, PlanOutcome.not_for_me)
    return _group_choices(
        ctx, online=False, intro=strings.NOT_FOR_ME, none=strings.NOTHING_DIFFERENT
    )


def answer_online(ctx: Ctx, _arg: str | None) -> Reply:
    """An online meeting instead (none found: the group's own next meeting, or not now)."""
    reply = _group_choices(ctx, online=True, intro=strings.ONLINE_INTRO, none=strings.NO_ONLINE)
    if not reply.keyboard:
        reply.keyboard = _plan_or_later(ctx)
    return reply


def _group_choices(ctx: Ctx, *, online: bool, intro: str, none: str) -> Reply:
    from bot.followups.alternatives import alternatives

    try:
        found = alternatives(ctx.session, plan=ctx.plan, now=ctx.now, online=online)
    except Exception:  # the directory may be unavailable; never crash the reply
        log.exception("alternatives failed", extra={"plan_id": ctx.plan.id})
        found = []
    if not found:
        return Reply(none)
    tz = rules.zone(ctx.plan.timezone)
    rows, lines = [], [intro]
    for s in found:
        when = (
            i18n.format_when(s.next_start.astimezone(tz), strings.FOLLOWUP_WHEN_FORMAT)
            if s.next_start
            else ""
        )
        sample = " (sample listing)" if getattr(s, "is_sample", False) else ""
        lines.append(f"• {s.group_name} ({s.fellowship_short_name}){sample}: {when}")
        lines += [f"  {r}" for r in s.reasons[:1]]
        label = strings.BUTTON_PLAN_THIS.format(label=s.group_name)[:60]
        rows.append([(label, callbacks.data(callbacks.PICK_GROUP, ctx.plan.id or 0, s.group_id))])
    return Reply("\n".join(lines), rows)


def answer_plan_next(ctx: Ctx, _arg: str | None) -> Reply:
    """The next meetings of the same group, as buttons."""
    from directory.match import upcoming_meetings

    tz = rules.zone(ctx.plan.timezone)
    meetings = upcoming_meetings(ctx.session, ctx.plan.group_id, now=ctx.now, tz=tz.key, count=3)
    if not meetings:
        return Reply(strings.NO_NEXT_MEETINGS)
    pid = ctx.plan.id or 0
    rows = [
        [
            (
                i18n.format_when(start.astimezone(tz), strings.FOLLOWUP_WHEN_FORMAT),
                callbacks.data(callbacks.PICK, pid, int(start.timestamp())),
            )
        ]
        for start, _end in meetings
    ]
    return Reply(strings.NEXT_MEETINGS, rows)


def answer_pick(ctx: Ctx, arg: str | None) -> Reply:
    """A chosen meeting of the same group: record the new plan."""
    return _plan_group(ctx, ctx.plan.group_id, arg)


def answer_pick_group(ctx: Ctx, arg: str | None) -> Reply:
    """A chosen different group: plan its next meeting."""
    if arg is None or not arg.isdigit():
        return Reply(strings.STALE_BUTTON)
    return _plan_group(ctx, int(arg), None)


def _plan_group(ctx: Ctx, group_id: int, start_epoch: str | None) -> Reply:
    from directory.match import upcoming_meetings

    tz = rules.zone(ctx.plan.timezone)
    meetings = upcoming_meetings(ctx.session, group_id, now=ctx.now, tz=tz.key, count=5)
    if start_epoch is not None:
        meetings = [m for m in meetings if str(int(m[0].timestamp())) == start_epoch]
    if not meetings:
        return Reply(strings.NO_NEXT_MEETINGS)
    start, end = meetings[0]
    record_plan(
        ctx.session,
        person_id=ctx.person.id or 0,
        group_id=group_id,
        meeting_start=start,
        meeting_end=end,
        timezone=tz.key,
        settings=ctx.settings,
        now=ctx.now,
    )
    return Reply(
        strings.FOLLOWUP_PLANNED.format(
            when=i18n.format_when(start.astimezone(tz), strings.FOLLOWUP_WHEN_FORMAT)
        )
    )


def _note_contact_shown(ctx: Ctx, group: Any) -> None:
    """Count that the group's newcomer contact was shown to the person (a step, no words)."""
    ctx.session.add(
        Event(
            person_id=ctx.person.id or 0,
            kind=EventKind.contact_shared,
            group_id=group.id,
            at=ctx.now,
        )
    )


def answer_contact(ctx: Ctx, _arg: str | None) -> Reply:
    """The group's newcomer volunteer, where one agreed to be contacted; then plan the next
    meeting (or not now): the contact is a help on the way, not the end of it."""
    group = _group(ctx)
    if group is None or not _has_contact(group):
        return Reply(strings.NO_CONTACT, _plan_or_later(ctx))
    ways = [w for w in (group.contact_telegram, group.contact_phone) if w]
    _note_contact_shown(ctx, group)
    name = group.contact_name or ""
    text = f"{strings.CONTACT_INTRO}\n{name} {', '.join(ways)}".strip()
    return Reply(f"{text}\n\n{strings.OFFER_NEXT}", _plan_or_later(ctx))


def answer_where(ctx: Ctx, _arg: str | None) -> Reply:
    """The reminder's button: where and when (the group named only now, on request)."""
    from bot.followups.where import where_and_when

    group = _group(ctx)
    if group is not None and _has_contact(group):  # the volunteer's contact is in it: a step
        _note_contact_shown(ctx, group)
    return Reply(where_and_when(ctx.session, ctx.plan))


def answer_no_thanks(_ctx: Ctx, _arg: str | None) -> Reply:
    """Not now."""
    return Reply(strings.NO_THANKS)


ACTIONS: dict[str, Callable[[Ctx, str | None], Reply]] = {
    callbacks.WENT: answer_went,
    callbacks.DID_NOT_GO: answer_did_not_go,
    callbacks.NOT_FOR_ME: answer_not_for_me,
    callbacks.REASON: answer_reason,
    callbacks.PLAN_NEXT: answer_plan_next,
    callbacks.ONLINE: answer_online,
    callbacks.CONTACT: answer_contact,
    callbacks.PICK: answer_pick,
    callbacks.PICK_GROUP: answer_pick_group,
    callbacks.NO_THANKS: answer_no_thanks,
    callbacks.WHERE: answer_where,
}


def handle_action(
    engine: Engine, *, chat_id: int, data: str, settings: Settings, now: datetime
) -> Reply:
    """Run one button press in one transaction (sync; call through run_db)."""
    action = callbacks.parse(data)
    if action is None or action.action not in ACTIONS:
        return Reply(strings.STALE_BUTTON)
    with session_scope(engine) as session:
        person = session.exec(select(Person).where(Person.telegram_chat_id == chat_id)).first()
        plan = session.get(Plan, action.plan_id)
        if person is None or plan is None or plan.person_id != person.id:
            return Reply(strings.STALE_BUTTON)
        ctx = Ctx(session, person, plan, settings, now.astimezone(UTC))
        reply = ACTIONS[action.action](ctx, action.argument)
        log.info("follow-up answer", extra={"plan_id": plan.id, "action": action.action})
        return reply


async def answer_button(update: Update, context: Context) -> None:
    """Answer a follow-up button: record the choice, remove the old buttons, reply."""
    query = update.callback_query
    if query is None or update.effective_chat is None or not isinstance(query.data, str):
        return
    await query.answer()
    services = context.bot_data
    reply = await run_db(
        services.engine,
        handle_action,
        services.engine,
        chat_id=update.effective_chat.id,
        data=query.data,
        settings=services.settings,
        now=services.clock.now(),
    )
    try:
        await query.edit_message_reply_markup(reply_markup=None)
    except TelegramError:  # already edited, or too old to edit: the reply still goes out
        log.debug("could not remove buttons", extra={"chat_id": update.effective_chat.id})
    await context.bot.send_message(
        update.effective_chat.id, reply.text, reply_markup=_markup(reply.keyboard)
    )
    if reply.hello_group is not None:  # the "I didn't make it" branch: a hello may help next time
        from bot.hello.handlers import offer_hello

        await offer_hello(update, context, group_id=reply.hello_group, source="missed")
    raise ApplicationHandlerStop  # answered: the conversation's "stale button" must not also reply


def add_handlers(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Register the follow-up button handler (pattern "fu:...") ahead of the conversation."""
    application.add_handler(
        CallbackQueryHandler(answer_button, pattern=callbacks.PATTERN), group=Group.FOLLOWUPS
    )
