"""The offer, the volunteer's answer, the relay through the bot, and the volunteers' commands.

The relayed words pass straight through: they are sent on and never stored or logged (logs carry
ids and codes only). The crisis check (group -100) sees the person's messages before the relay.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session, col
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

import i18n
from bot import strings
from bot.handler_groups import Group
from bot.handlers.common import esc, in_db, settle_button
from bot.hello import service
from bot.hello.models import Hello, HelloStatus
from bot.people import find_person, record_event
from bot.services import Context
from bot.staff.models import StaffRole
from bot.staff.roles import list_grants, revoke_role
from bot.staff.small_counts import shown_counts, small_note
from bot.staff.tg import parse_number, reply, requires, user_id_of

log = logging.getLogger(__name__)
ANSWER_WITHIN = timedelta(hours=12)  # a volunteer's time to accept or pass, from their notice
RATE = (20, 600.0)  # at most 20 relayed messages per side in 10 minutes (memory: see docs/staff.md)
RESTORE_JOB = "hello_restore"
NAME_KEY = "hello_name_for"  # chat_data: the group (and source) a name is awaited for
NAME = re.compile(r"^[^\W\d_](?:[^\W\d_]|[ '.-]){0,31}$")


def _keyboard(*rows: tuple[str, str]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(t, callback_data=d)] for t, d in rows])


def _now(context: Context) -> datetime:
    return context.bot_data.clock.now()


async def _send(context: Context, chat_id: int, text: str, keyboard: Any = None) -> bool:
    """Send a message; False (logged by id) when the chat cannot be reached."""
    try:
        await context.bot.send_message(
            chat_id, text, parse_mode=ParseMode.HTML, reply_markup=keyboard
        )
    except TelegramError as exc:
        log.warning(
            "hello message not delivered", extra={"chat_id": chat_id, "error": type(exc).__name__}
        )
        return False
    return True


async def _say(
    context: Context, chat_id: int, locale: str, text: Callable[[], str], keyboard: Any = None
) -> bool:
    """Send a text read in a language (the person's; staff texts in English)."""
    with i18n.using(locale):
        words = text()
    return await _send(context, chat_id, words, keyboard)


def _event(session: Session, chat_id: int, kind: Any, now: datetime, group_id: int) -> None:
    person = find_person(session, chat_id)
    if person is not None and person.id is not None:
        record_event(session, person_id=person.id, kind=kind, now=now, group_id=group_id)


async def offer_hello(update: Update, context: Context, *, group_id: int, source: str) -> bool:
    """Offer a hello from a volunteer of the chosen group, when one is available (True if so)."""
    chat = update.effective_chat
    if chat is None or chat.type != "private":
        return False
    chat_id, now, locale = chat.id, _now(context), i18n.current()

    def check(session: Session) -> bool:
        if not service.candidates(
            session, group_id=group_id, person_chat_id=chat_id, locale=locale, now=now, skip=[]
        ):  # nobody speaks the person's language: no offer (README "A warm handoff")
            return False
        if service.open_hello_of(session, chat_id) is not None:
            return False
        from bot.models import EventKind

        _event(session, chat_id, EventKind.hello_offered, now, group_id)
        return True

    try:
        if not await in_db(context, check):
            return False
    except Exception as exc:  # an offer must never break the person's own step
        log.error("hello offer failed", extra={"chat_id": chat_id, "error": type(exc).__name__})
        return False
    log.info("hello offered", extra={"chat_id": chat_id, "group_id": group_id, "source": source})
    source = "missed" if source == "missed" else "choice"
    keyboard = _keyboard(
        (strings.BUTTON_HELLO_YES, f"hello:yes:{group_id}:{source}"),
        (strings.BUTTON_HELLO_NO, "hello:no"),
    )
    await _send(context, chat_id, strings.HELLO_OFFER, keyboard)
    return True


async def offer_after_choice(update: Update, context: Context, group_id: int) -> bool:
    """The offer as a hook called after a person chose a group (True when it was made)."""
    return await offer_hello(update, context, group_id=group_id, source="choice")


async def take_offer(update: Update, context: Context) -> None:
    """Yes: ask for the name to show; no: the plan stays."""
    data = await settle_button(update)
    if data == "hello:no" or context.chat_data is None:
        await reply(update, context, strings.HELLO_NO_THANKS)
    else:
        _, _, group_id, source = data.split(":")
        context.chat_data[NAME_KEY] = [int(group_id), source]
        await reply(update, context, strings.HELLO_ASK_NAME)
    raise ApplicationHandlerStop


async def take_name(update: Update, context: Context, group_id: int, source: str) -> None:
    """The chosen name: make the introduction and ask the first volunteer."""
    assert update.message is not None and update.effective_chat is not None
    name = " ".join((update.message.text or "").split())
    if not NAME.match(name):
        await reply(update, context, strings.HELLO_NAME_BAD)
        return
    if context.chat_data is not None:
        context.chat_data.pop(NAME_KEY, None)
    chat_id, now, locale = update.effective_chat.id, _now(context), i18n.current()

    def make(session: Session) -> int:
        from bot.models import EventKind

        hello = Hello(
            person_chat_id=chat_id, group_id=group_id, source=source, shown_name=name,
            asked_at=now, locale=locale,
        )  # fmt: skip
        session.add(hello)
        session.flush()
        assert hello.id is not None
        _event(session, chat_id, EventKind.hello_accepted, now, group_id)
        return hello.id

    hello_id = await in_db(context, make)
    await reply(update, context, strings.HELLO_ASKED.format(name=esc(name)))
    await ask_next(context, hello_id)


def _group_name(session: Session, group_id: int) -> str:
    from directory.models import Group

    group = session.get(Group, group_id)
    return group.name if group is not None else f"#{group_id}"


async def ask_next(context: Context, hello_id: int) -> None:
    """Choose the next volunteer: tell them now if it is within their hours, else when their hours
    start; or tell the person kindly that nobody could."""
    now = _now(context)

    def pick(session: Session) -> tuple[int | None, datetime | None, int, str]:
        hello = session.get(Hello, hello_id)
        if hello is None or hello.status != HelloStatus.asking:
            return None, None, 0, ""
        planned = service.planned_meeting(
            session, person_chat_id=hello.person_chat_id, group_id=hello.group_id, after=now
        )
        found = service.candidates(
            session, group_id=hello.group_id, person_chat_id=hello.person_chat_id,
            locale=hello.locale, now=now, skip=hello.passed,
            before=planned[0] if planned else None,
        )  # fmt: skip
        volunteer, when = found[0] if found else (None, None)
        hello.volunteer_user_id, hello.notify_at = volunteer, when
        hello.notified_at = hello.answer_by = None
        if not found:
            hello.status, hello.shown_name = HelloStatus.unanswered, None
        session.add(hello)
        return volunteer, when, hello.person_chat_id, hello.locale

    volunteer, when, person, locale = await in_db(context, pick)
    if not person:
        return
    if volunteer is None or when is None:
        log.info("hello unanswered", extra={"hello_id": hello_id})
        _cancel_timeout(context, hello_id)
        await _say(context, person, locale, lambda: strings.HELLO_NOBODY)
        return
    if when > now:  # outside their hours: the notice waits until they start
        log.info("hello queued", extra={"hello_id": hello_id, "volunteer": volunteer})
        arm(context.application, hello_id, when)
        return
    await notify(context, hello_id)


async def notify(context: Context, hello_id: int) -> None:
    """Tell the chosen volunteer (once: the notice is marked in the database before it is sent);
    their time to answer counts from now."""
    now = _now(context)

    def claim(session: Session) -> tuple[int, str] | None:
        hello = session.get(Hello, hello_id)
        if hello is None or hello.status != HelloStatus.asking or hello.notified_at is not None:
            return None
        if hello.volunteer_user_id is None:
            return None
        hello.notified_at, hello.answer_by = now, now + ANSWER_WITHIN
        session.add(hello)
        return hello.volunteer_user_id, _group_name(session, hello.group_id)

    claimed = await in_db(context, claim)
    if claimed is None:
        return
    volunteer, group = claimed
    log.info("hello asked", extra={"hello_id": hello_id, "volunteer": volunteer})
    keyboard = _keyboard(
        (strings.BUTTON_HELLO_ACCEPT, f"hello:acc:{hello_id}"),
        (strings.BUTTON_HELLO_PASS, f"hello:pass:{hello_id}"),
    )
    await _send(context, volunteer, strings.HELLO_NOTIFY.format(group=esc(group)), keyboard)
    arm(context.application, hello_id, now + ANSWER_WITHIN)


def timeout_name(hello_id: int) -> str:
    """The name of the one job that moves an introduction on (notice, timeout, closing)."""
    return f"hello_timeout:{hello_id}"


def arm(application: Application[Any, Any, Any, Any, Any, Any], hello_id: int,
        due: datetime) -> None:  # fmt: skip
    """(Re)schedule the introduction's job for `due` (the database holds the deadline itself)."""
    queue = application.job_queue
    if queue is None:
        return
    for job in queue.get_jobs_by_name(timeout_name(hello_id)):
        job.schedule_removal()
    delay = max((due - application.bot_data.clock.now()).total_seconds(), 0.0)
    queue.run_once(
        hello_due, delay, data=hello_id, name=timeout_name(hello_id),
        job_kwargs={"misfire_grace_time": None},
    )  # fmt: skip


def _cancel_timeout(context: Context, hello_id: int) -> None:
    if context.job_queue is not None:
        for job in context.job_queue.get_jobs_by_name(timeout_name(hello_id)):
            job.schedule_removal()


def _due(session: Session, hello: Hello, now: datetime) -> datetime | None:
    """When an introduction next needs the bot: a queued notice, an answer's deadline, a close."""
    if hello.status == HelloStatus.asking and hello.volunteer_user_id is not None:
        return hello.answer_by if hello.notified_at is not None else hello.notify_at
    if hello.status == HelloStatus.open:
        return service.closing_time(session, hello, now)
    return None


async def hello_due(context: Context) -> None:
    """The introduction's job: send a queued notice, move on after a silence, or close a relay
    some days after the meeting; then wait for the next thing (all read from the database)."""
    assert context.job is not None
    hello_id = context.job.data
    assert isinstance(hello_id, int | str)  # run_once(hello_due, ..., data=hello_id)
    await advance(context, int(hello_id))


async def advance(context: Context, hello_id: int) -> None:
    """Do what is due for one introduction now (nothing if it is not due yet)."""
    now = _now(context)

    def look(session: Session) -> tuple[str, datetime | None, Hello | None]:
        hello = session.get(Hello, hello_id)
        due = _due(session, hello, now) if hello is not None else None
        if hello is None or due is None:
            return "none", None, None
        if hello.status == HelloStatus.open:
            hello.closes_at = due
            session.add(hello)
        if now < service._aware(due):
            return "wait", service._aware(due), None
        if hello.status == HelloStatus.open:
            service.close(session, hello, by="time", now=now)
            return "closed", None, hello
        if hello.notified_at is None:
            return "notify", None, None
        volunteer = hello.volunteer_user_id or 0
        return ("next" if _pass(session, hello_id, volunteer) else "none"), None, None

    action, due, hello = await in_db(context, look)
    if action == "wait" and due is not None:
        arm(context.application, hello_id, due)
    elif action == "notify":
        await notify(context, hello_id)
    elif action == "next":
        log.info("hello timed out", extra={"hello_id": hello_id})
        await ask_next(context, hello_id)
    elif action == "closed" and hello is not None:
        log.info("hello closed", extra={"hello_id": hello_id, "by": "time"})
        await _say(context, hello.person_chat_id, hello.locale, lambda: strings.HELLO_ENDED_TIME)
        if hello.volunteer_user_id:
            await _say(
                context, hello.volunteer_user_id, i18n.SOURCE, lambda: strings.HELLO_ENDED_TIME
            )


async def restore(context: Context) -> None:
    """At start: re-arm every introduction still waiting on the bot (nothing lives only in memory;
    what came due while the bot was down runs now)."""
    now = _now(context)

    def pending(session: Session) -> list[tuple[int, datetime]]:
        from sqlmodel import col, select

        rows = session.exec(
            select(Hello).where(col(Hello.status).in_([HelloStatus.asking, HelloStatus.open]))
        ).all()
        found = [(hello.id or 0, _due(session, hello, now)) for hello in rows]
        return [(hid, service._aware(due)) for hid, due in found if due is not None]

    for hello_id, due in await in_db(context, pending):
        arm(context.application, hello_id, due)
    log.info("hello jobs restored")


def _pass(session: Session, hello_id: int, volunteer: int) -> bool:
    hello = session.get(Hello, hello_id)
    if hello is None or hello.status != HelloStatus.asking or hello.volunteer_user_id != volunteer:
        return False
    hello.passed = [*hello.passed, volunteer]
    session.add(hello)
    return True


async def take_answer(update: Update, context: Context) -> None:
    """A volunteer's press on "I'll say hello" or "Not this time"."""
    data = await settle_button(update)
    _, what, number = data.split(":")
    hello_id, volunteer, now = int(number), user_id_of(update) or 0, _now(context)
    if what == "pass":
        if await in_db(context, lambda s: _pass(s, hello_id, volunteer)):
            _cancel_timeout(context, hello_id)
            await reply(update, context, strings.HELLO_PASSED)
            await ask_next(context, hello_id)
        else:
            await reply(update, context, strings.HELLO_TOO_LATE)
        raise ApplicationHandlerStop

    def accept(session: Session) -> tuple[int, str, str, str, datetime] | None:
        from bot.models import EventKind

        hello = session.get(Hello, hello_id)
        if hello is None or hello.status != HelloStatus.asking:
            return None
        if hello.volunteer_user_id != volunteer:
            return None
        hello.status, hello.opened_at = HelloStatus.open, now
        hello.closes_at = service.closing_time(session, hello, now)
        session.add(hello)
        _event(session, hello.person_chat_id, EventKind.hello_introduced, now, hello.group_id)
        group = _group_name(session, hello.group_id)
        return hello.person_chat_id, hello.shown_name or "", group, hello.locale, hello.closes_at

    opened = await in_db(context, accept)
    if opened is None:
        await reply(update, context, strings.HELLO_TOO_LATE)
        raise ApplicationHandlerStop
    person, name, group, locale, closes = opened
    arm(context.application, hello_id, closes)  # the relay closes by itself after the meeting
    log.info("hello opened", extra={"hello_id": hello_id, "volunteer": volunteer})
    await reply(
        update, context, strings.HELLO_OPENED_VOLUNTEER.format(name=esc(name), group=esc(group))
    )
    shown = esc(group)
    await _say(context, person, locale, lambda: strings.HELLO_OPENED_PERSON.format(group=shown))
    raise ApplicationHandlerStop


def _too_fast(context: Context, chat_id: int) -> bool:
    limit, window = RATE
    times = context.bot_data.hello_rate.setdefault(chat_id, [])
    now = time.monotonic()
    times[:] = [t for t in times if now - t < window]
    if len(times) >= limit:
        return True
    times.append(now)
    return False


async def route(update: Update, context: Context) -> None:
    """A private message: the awaited name, or a message to relay, or nothing of ours."""
    message, chat = update.message, update.effective_chat
    if message is None or chat is None or chat.type != "private":
        return
    waiting = context.chat_data.get(NAME_KEY) if context.chat_data is not None else None
    if waiting and message.text and not message.text.startswith("/"):
        await take_name(update, context, int(waiting[0]), str(waiting[1]))
        raise ApplicationHandlerStop
    if message.text and message.text.startswith("/"):
        return
    now = _now(context)

    def find(session: Session) -> tuple[Hello | None, str]:
        hello = service.open_hello_of(session, chat.id)
        if hello is None:
            return None, ""
        if now >= service.closing_time(session, hello, now):
            service.close(session, hello, by="time", now=now)
            return hello, ""
        return hello, _group_name(session, hello.group_id)

    hello, group = await in_db(context, find)
    if hello is None:
        return
    if hello.status == HelloStatus.closed:
        _cancel_timeout(context, hello.id or 0)
        await _say(context, hello.person_chat_id, hello.locale, lambda: strings.HELLO_ENDED_TIME)
        if hello.volunteer_user_id:
            await _say(
                context, hello.volunteer_user_id, i18n.SOURCE, lambda: strings.HELLO_ENDED_TIME
            )
        raise ApplicationHandlerStop
    from_person = chat.id == hello.person_chat_id
    other = hello.volunteer_user_id if from_person else hello.person_chat_id
    if not (message.text or message.photo or message.voice):
        await reply(update, context, strings.HELLO_ONLY_KINDS)
        raise ApplicationHandlerStop
    if _too_fast(context, chat.id):
        await reply(update, context, strings.HELLO_SLOW_DOWN)
        raise ApplicationHandlerStop
    with i18n.using(i18n.SOURCE if from_person else hello.locale):
        label = (
            strings.HELLO_FROM_PERSON.format(name=esc(hello.shown_name or ""))
            if from_person
            else strings.HELLO_FROM_VOLUNTEER.format(group=esc(group))
        )
    assert other is not None
    await _relay(context, message, other, label)
    log.info(
        "relayed", extra={"hello_id": hello.id, "from": "person" if from_person else "volunteer"}
    )
    raise ApplicationHandlerStop


async def _relay(context: Context, message: Any, to: int, label: str) -> None:
    """Pass one message on (its words are sent, never kept)."""
    try:
        if message.photo:
            caption = label + esc(message.caption or "")
            await context.bot.send_photo(
                to, message.photo[-1].file_id, caption=caption, parse_mode=ParseMode.HTML
            )
        elif message.voice:
            await context.bot.send_voice(
                to, message.voice.file_id, caption=label, parse_mode=ParseMode.HTML
            )
        else:
            await context.bot.send_message(to, label + esc(message.text), parse_mode=ParseMode.HTML)
    except TelegramError as exc:
        log.warning("relay not delivered", extra={"chat_id": to, "error": type(exc).__name__})


async def end(update: Update, context: Context, *, block: bool = False) -> None:
    """/end (either side) or /block (the person): close the open introduction."""
    chat = update.effective_chat
    if chat is None or chat.type != "private":
        return
    now = _now(context)

    def work(session: Session) -> tuple[int, int, str] | None:
        hello = service.open_hello_of(session, chat.id)
        if hello is None or (block and hello.person_chat_id != chat.id):
            return None
        hello.blocked = block
        service.close(session, hello, by="block" if block else "end", now=now)
        if hello.person_chat_id == chat.id:
            return hello.id or 0, hello.volunteer_user_id or 0, i18n.SOURCE
        return hello.id or 0, hello.person_chat_id, hello.locale

    closed = await in_db(context, work)
    if closed is None:
        await reply(update, context, strings.HELLO_NOTHING_OPEN)
        raise ApplicationHandlerStop
    hello_id, other, locale = closed
    _cancel_timeout(context, hello_id)
    log.info("hello closed", extra={"hello_id": hello_id, "by": "block" if block else "end"})
    await reply(update, context, strings.HELLO_BLOCKED if block else strings.HELLO_ENDED_YOU)
    await _say(context, other, locale, lambda: strings.HELLO_ENDED_OTHER)
    raise ApplicationHandlerStop


async def end_command(update: Update, context: Context) -> None:
    """/end: either side closes the conversation."""
    await end(update, context)


async def block_command(update: Update, context: Context) -> None:
    """/block: the person closes it and the volunteer can't be asked for them again."""
    await end(update, context, block=True)


async def report(update: Update, context: Context) -> None:
    """/report: a volunteer tells the coordinators about a problem, with ids only."""
    chat = update.effective_chat
    if chat is None or chat.type != "private":
        return

    def work(session: Session) -> tuple[Hello | None, list[int]]:
        hello = service.open_hello_of(session, chat.id)
        coordinators = [
            g.telegram_user_id for g in list_grants(session) if g.role == StaffRole.coordinator
        ]
        return hello, coordinators

    hello, coordinators = await in_db(context, work)
    if hello is None or hello.volunteer_user_id != chat.id:
        await reply(update, context, strings.HELLO_NOTHING_OPEN)
        raise ApplicationHandlerStop
    text = strings.HELLO_REPORT.format(user_id=chat.id, hello_id=hello.id, group_id=hello.group_id)
    for coordinator in dict.fromkeys([*coordinators, *context.bot_data.settings.admin_ids]):
        await _send(context, coordinator, text)
    log.warning("hello reported", extra={"hello_id": hello.id, "volunteer": chat.id})
    await reply(update, context, strings.HELLO_REPORTED)
    raise ApplicationHandlerStop


async def tell_volunteer_of_crisis(context: Context, volunteer: int) -> None:
    """After a crisis reply to a person in a relay: the volunteer is told only that."""
    log.info("relay crisis told", extra={"volunteer": volunteer})
    await _say(context, volunteer, i18n.SOURCE, lambda: strings.HELLO_CRISIS_TOLD)


async def close_for_volunteer(context: Context, volunteer: int) -> int:
    """A volunteer was removed: close their open introductions kindly; how many closed."""
    now = _now(context)

    def work(session: Session) -> tuple[list[tuple[int, int, str]], list[int]]:
        from sqlmodel import select

        rows = session.exec(
            select(Hello).where(
                Hello.volunteer_user_id == volunteer,
                col(Hello.status).in_([HelloStatus.open, HelloStatus.asking]),
            )
        ).all()
        people, asking = [], []
        for hello in rows:
            if hello.status == HelloStatus.open:
                people.append((hello.id or 0, hello.person_chat_id, hello.locale))
                service.close(session, hello, by="removed", now=now)
            else:
                asking.append(hello.id or 0)
                hello.passed = [*hello.passed, volunteer]
                session.add(hello)
        return people, asking

    people, asking = await in_db(context, work)
    for hello_id, person, locale in people:
        _cancel_timeout(context, hello_id)
        await _say(context, person, locale, lambda: strings.HELLO_REMOVED_PERSON)
    for hello_id in asking:  # a request waiting on them goes to the next volunteer at once
        await ask_next(context, hello_id)
    if people:
        await _send(context, volunteer, strings.HELLO_REMOVED_VOLUNTEER)
    return len(people)


async def forget_hellos(context: Context, chat_id: int) -> None:
    """/forget: the person's introductions are deleted (an open relay's volunteer is told it
    closed, nothing more)."""

    def work(session: Session) -> tuple[list[int], list[int]]:
        from sqlmodel import select

        rows = session.exec(select(Hello).where(Hello.person_chat_id == chat_id)).all()
        told = [
            h.volunteer_user_id
            for h in rows
            if h.status == HelloStatus.open and h.volunteer_user_id
        ]
        for hello in rows:
            session.delete(hello)
        return [h.id or 0 for h in rows], told

    ids, volunteers = await in_db(context, work)
    for hello_id in ids:
        _cancel_timeout(context, hello_id)
    for volunteer in volunteers:
        await _say(context, volunteer, i18n.SOURCE, lambda: strings.HELLO_ENDED_OTHER)


@requires(StaffRole.coordinator)
async def remove_volunteer(update: Update, context: Context) -> None:
    """/removevolunteer USER_ID: at once; open conversations close kindly."""
    args = context.args or []
    target = parse_number(args[0]) if len(args) == 1 else None
    if target is None:
        await reply(update, context, strings.REMOVE_VOLUNTEER_USAGE)
        return
    by, now = user_id_of(update) or 0, _now(context)
    await in_db(
        context,
        lambda s: revoke_role(s, user_id=target, role=StaffRole.volunteer, revoked_by=by, now=now),
    )
    count = await close_for_volunteer(context, target)
    log.info("volunteer removed", extra={"user_id": target, "by": by, "closed": count})
    await reply(update, context, strings.VOLUNTEER_REMOVED.format(user_id=target, count=count))


@requires(StaffRole.coordinator)
async def show_coverage(update: Update, context: Context) -> None:
    """/coverage: which groups have an active volunteer, who volunteers, and the counts."""

    def gather(session: Session) -> str:
        groups = [
            strings.COVERAGE_LINE.format(
                group_id=gid, name=esc(name), count=len(ids), ids=", ".join(map(str, ids))
            )
            for gid, name, ids in service.coverage(session)
        ]
        people = [
            strings.COVERAGE_VOLUNTEER.format(
                user_id=grant.telegram_user_id, name=esc(grant.display_name or ""),
                status=strings.VOLUNTEER_PAUSED if settings.paused else strings.VOLUNTEER_ACTIVE,
                languages=esc(settings.languages), hours_from=settings.hours_from,
                hours_to=settings.hours_to,
                zone=esc(settings.timezone or strings.VOLUNTEER_GROUP_ZONE),
            )
            for grant, settings in service.volunteers(session)
        ]  # fmt: skip
        head = [strings.COVERAGE_HEAD, *groups] if groups else [strings.COVERAGE_NONE]
        if people:
            head += ["", strings.COVERAGE_VOLUNTEERS, *people]
        return "\n".join([*head, "", *_introduction_counts(service.counts(session))])

    await reply(update, context, await in_db(context, gather))


def _introduction_counts(tally: dict[str, int]) -> list[str]:
    """The introductions' counts under the small-count rule: people who declined stay unnamed."""
    shown = shown_counts(tally, cohort=tally["offered"])
    if shown is None:
        return [small_note(strings.COVERAGE_COUNTS_HIDDEN)]
    note = [small_note(strings.COVERAGE_SMALL_NOTE)] if tally["offered"] else []
    return [strings.COVERAGE_COUNTS.format(**shown), *note]


def _change(session: Session, user_id: int, args: list[str], now: datetime) -> str | None:
    """Apply a /volunteer change; a problem's text, or None when done."""
    settings = service.settings_of(session, user_id)
    settings.conduct_agreed_at = settings.conduct_agreed_at or now
    what, rest = args[0].lower(), args[1:]
    if what in ("pause", "resume") and not rest:
        settings.paused = what == "pause"
    elif what in ("group", "online", "area"):
        rows = service.parse_scope(session, args)
        if isinstance(rows, str):
            return esc(rows) if rows != strings.VOLUNTEER_USAGE else rows
        service.add_scopes(session, user_id, rows)
    elif what == "languages" and len(rest) == 1 and re.fullmatch(r"[a-z]{2}(,[a-z]{2})*", rest[0]):
        settings.languages = rest[0][:64]
    elif what in ("timezone", "tz") and len(rest) == 1:
        if not _known_zone(rest[0]):
            return strings.VOLUNTEER_BAD_ZONE.format(value=esc(rest[0][:64]))
        settings.timezone = rest[0]
    elif (
        what == "hours" and len(rest) == 1 and (m := re.fullmatch(r"(\d{1,2})-(\d{1,2})", rest[0]))
    ):
        start, stop = int(m[1]), int(m[2])
        if not (0 <= start <= 23 and 0 <= stop <= 24 and start != stop):
            return strings.VOLUNTEER_USAGE
        settings.hours_from, settings.hours_to = start, stop
    else:
        return strings.VOLUNTEER_USAGE
    session.add(settings)
    return None


def _known_zone(name: str) -> bool:
    """Whether a name is an IANA time zone (Europe/Madrid, America/Detroit)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    if not re.fullmatch(r"[A-Za-z_]+(?:/[A-Za-z0-9_+-]+){0,2}|UTC", name):
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


@requires(StaffRole.volunteer)
async def volunteer(update: Update, context: Context) -> None:
    """/volunteer: status; with words, pause/resume and what, when and in which languages."""
    user_id, args, now = user_id_of(update) or 0, context.args or [], _now(context)
    if args:
        problem = await in_db(context, lambda s: _change(s, user_id, args, now))
        if problem:
            await reply(update, context, problem)
            return

    def status(session: Session) -> str:
        settings = service.settings_of(session, user_id)
        scopes = [
            f"group #{s.group_id}" if s.group_id else
            f"fellowship #{s.fellowship_id} " + ("online" if s.online else f"in {s.city}")
            for s in service.scopes_of(session, user_id)
        ]  # fmt: skip
        return strings.VOLUNTEER_STATUS.format(
            status=strings.VOLUNTEER_PAUSED if settings.paused else strings.VOLUNTEER_ACTIVE,
            scopes=esc(", ".join(scopes) or strings.VOLUNTEER_NOTHING),
            languages=esc(settings.languages), hours_from=settings.hours_from,
            hours_to=settings.hours_to,
            zone=esc(settings.timezone or strings.VOLUNTEER_GROUP_ZONE),
        )  # fmt: skip

    await reply(update, context, await in_db(context, status))


def add_handlers(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Wire the offer's buttons, the volunteer's answer, the relay and the commands."""
    private = filters.ChatType.PRIVATE
    handlers: list[BaseHandler[Update, Any, object]] = [
        CallbackQueryHandler(take_offer, pattern=r"^hello:(yes:\d+:(choice|missed)|no)$"),
        CallbackQueryHandler(take_answer, pattern=r"^hello:(acc|pass):\d+$"),
        CommandHandler("end", end_command, filters=private),
        CommandHandler("block", block_command, filters=private),
        CommandHandler("report", report, filters=private),
        CommandHandler("volunteer", volunteer, filters=private),
        CommandHandler("coverage", show_coverage, filters=private),
        CommandHandler("removevolunteer", remove_volunteer, filters=private),
        MessageHandler(private & filters.UpdateType.MESSAGE, route),
    ]
    for handler in handlers:
        application.add_handler(handler, group=Group.RELAY)
    if application.job_queue is not None:  # pending notices and deadlines come back after a restart
        application.job_queue.run_once(restore, 0, name=RESTORE_JOB)
