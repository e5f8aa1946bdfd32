"""Suggestions and the plan: show groups, see more, change, choose, contact, when, calendar."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlmodel import col, select
from telegram import Update

import i18n
from bot import keyboards, strings
from bot.followups.models import Plan
from bot.followups.plans import record_plan
from bot.handlers.common import (
    Await,
    Search,
    end,
    esc,
    in_db,
    say,
    settle_button,
    with_person,
)
from bot.handlers.hooks import after_choice, before_suggestions
from bot.handlers.signals import answer_signals
from bot.ics import meeting_ics
from bot.models import EventKind, Person
from bot.people import record_event
from bot.services import Context
from directory.match import match_groups, upcoming_meetings
from directory.models import Fellowship, Group, has_newcomer_contact, web_address
from directory.zones import zone_or_utc

log = logging.getLogger(__name__)
PAGE = 3


def person_timezone(context: Context, search: Search) -> str:
    """The person's time zone: from their place, else the default."""
    if search.place and search.place.get("timezone"):
        return str(search.place["timezone"])
    return context.bot_data.settings.default_timezone


def when_text(moment: datetime) -> str:
    """A meeting time as the person reads it (already in their time zone)."""
    return i18n.format_when(moment, strings.WHEN_FORMAT)


def describe(number: int, item: Any, *, expect: bool = True) -> str:
    """One suggestion as a short HTML message (directory text escaped)."""
    if item.place:
        where = strings.WHERE_PLACE.format(place=esc(item.place))
        if item.distance_km is not None:
            where += strings.WHERE_DISTANCE.format(km=round(item.distance_km))
    elif item.join_url:
        where = strings.WHERE_ONLINE.format(how=esc(item.join_url))
    elif item.join_phone:
        where = strings.WHERE_PHONE.format(phone=esc(item.join_phone))
    else:
        where = strings.WHERE_UNKNOWN
    kind = strings.KIND_NAMES.get(item.kind, item.kind)
    text = strings.SUGGESTION.format(
        number=number,
        name=esc(f"{item.group_name} ({item.fellowship_short_name})"),
        kind=esc(f"{kind}, {strings.FORMAT_NAMES.get(item.format, item.format)}"),
        when=esc(when_text(item.next_start)) if item.next_start else strings.NO_NEXT_MEETING,
        where=where,
        reasons=esc("; ".join(item.reasons)),
    )
    if item.is_sample:
        text += "\n" + strings.SAMPLE_LABEL
    if expect and item.what_to_expect:
        text += "\n\n" + strings.EXPECT.format(
            kind=esc(kind), text=esc(i18n.gettext(item.what_to_expect))
        )
    return text


async def suggest(update: Update, context: Context, search: Search) -> Await | int:
    """Up to three groups with why they fit, then buttons: choose, see more, change."""
    await answer_signals(update, context, search)  # a safety word first, once per search
    request = search.to_request(timezone=person_timezone(context, search), speaks=i18n.current())
    now, offset = context.bot_data.clock.now(), search.offset

    def find(session: Any, person: Person) -> Any:
        found = match_groups(session, request, now=now, limit=PAGE + 1, offset=offset)
        kind = EventKind.matched if found.suggestions else EventKind.no_match
        assert person.id is not None  # a stored person
        record_event(session, person_id=person.id, kind=kind, now=now)
        return found

    result = await with_person(update, context, find)
    shown = result.suggestions[:PAGE]
    if offset == 0:  # the plug point, once per search (not again for "see more")
        await before_suggestions(update, context, search)
    if not shown:
        far = f"\n{esc(result.far)}" if result.far else ""  # the nearest in-person group's km
        await say(update, context, strings.NO_SUGGESTIONS + far)
        lines = await in_db(context, lambda session: fellowship_lines(session, search))
        if lines:  # never a dead end: the fellowships' own finders, from shipped data
            await say(update, context, "\n".join([strings.NO_GROUP_FELLOWSHIPS, *lines]))
        await say(update, context, strings.ASK_CHANGE, keyboards.changes())
        return Await.CHANGE
    await show_cards(update, context, result, shown)
    search.shown, search.more = [i.group_id for i in shown], len(result.suggestions) > PAGE
    search.save(context)
    keyboard = keyboards.suggestions(search.shown, more=search.more)
    await say(update, context, strings.SUGGESTIONS_PICK, keyboard)
    return Await.CHOICE


def fellowship_lines(session: Any, search: Search) -> list[str]:
    """One line per fellowship for the search's concerns and for whom (family groups for a loved
    one's concern): its name, website (its meeting finder) and helpline where it has them. Where
    no fellowship serves a loved one's concern (smoking, eating, grief), those for the person
    themself, said so: the family member can pass them on (never a dead end)."""
    fellowships = session.exec(select(Fellowship).order_by(col(Fellowship.id))).all()
    lines: list[str] = []
    for code, experiencer, _status in search.concerns:
        family = (search.whom or experiencer) != "self"
        serving = [f for f in fellowships if code in f.concern_codes and f.website]
        fitting = [f for f in serving if f.for_family == family]
        them = family and not fitting
        for fellowship in fitting or [f for f in serving if not f.for_family]:
            line = strings.FELLOWSHIP_LINE.format(
                name=esc(i18n.gettext(fellowship.name)),
                family=strings.FELLOWSHIP_FOR_THEM
                if them
                else strings.FELLOWSHIP_FAMILY
                if family
                else "",
                website=esc(fellowship.website),
            )
            if fellowship.helpline:
                line += strings.FELLOWSHIP_HELPLINE.format(helpline=esc(fellowship.helpline))
            if line not in lines:
                lines.append(line)
    return lines


async def show_cards(update: Update, context: Context, result: Any, shown: list[Any]) -> None:
    """An intro, then one short message per group (what to expect once per kind of group)."""
    intro = strings.SUGGESTIONS_INTRO if result.fits_well else strings.SUGGESTIONS_LOOSE
    if result.note:
        intro += "\n" + esc(result.note)
    await say(update, context, intro)
    kinds: set[str] = set()
    for number, item in enumerate(shown, start=1):
        await say(update, context, describe(number, item, expect=item.kind not in kinds))
        kinds.add(item.kind)


async def show_more(update: Update, context: Context) -> Await | int:
    """The next few suggestions."""
    await settle_button(update)
    search = Search.of(context)
    search.offset += PAGE
    return await suggest(update, context, search)


async def choose(update: Update, context: Context) -> Await | int:
    """The person chose a group: offer the newcomer contact, or ask when."""
    data = await settle_button(update)
    search = Search.of(context)
    group_id = int(data.split(":", 1)[1])  # one of those shown (the flow checks)
    search.chosen, search.planned = group_id, False
    search.save(context)
    now, tz = context.bot_data.clock.now(), person_timezone(context, search)

    def read(session: Any) -> tuple[dict[str, Any], list[tuple[datetime, datetime]] | None]:
        info = _group_info(session, group_id)
        # With a newcomer contact the dates are asked after that question (and read then).
        return info, None if info["contact"] else _slots(session, group_id, now, tz)

    info, slots = await in_db(context, read)
    await say(update, context, strings.CHOSEN.format(name=esc(info["name"])))
    hello_offered = await after_choice(update, context, group_id)
    if info["contact"] and not hello_offered:  # one person offered at a time
        await say(update, context, strings.ASK_CONTACT, keyboards.contact())
        state: Await | int = Await.CONTACT
    else:
        state = await ask_when(update, context, search, slots)
    return state


def _group_info(session: Any, group_id: int) -> dict[str, Any]:
    """Name, place, link and newcomer contact of a group (directory text)."""
    group = session.get(Group, group_id)
    if group is None:
        return {"name": "", "place": None, "url": None, "contact": False}
    parts = [group.location_name, group.street, group.city]
    return {
        "name": group.name,
        "place": ", ".join(p for p in parts if p) or None,
        "url": web_address(group.conference_url),  # one stored before imports checked it
        "contact": has_newcomer_contact(group),
        "contact_name": group.contact_name,
        "contact_telegram": group.contact_telegram,
        "contact_phone": group.contact_phone,
    }


def contact_text(info: dict[str, Any]) -> str | None:
    """The newcomer contact as a message (escaped), or None when it is not listed any more."""
    how = []
    if info.get("contact_telegram"):
        how.append(strings.CONTACT_TELEGRAM.format(handle=esc(info["contact_telegram"])))
    if info.get("contact_phone"):
        how.append(strings.CONTACT_PHONE.format(phone=esc(info["contact_phone"])))
    if not info["contact"] or not how:
        return None
    name = esc(info.get("contact_name") or "")
    return strings.CONTACT_SHOWN.format(name=name, how=", ".join(how))


async def take_contact(update: Update, context: Context) -> Await | int:
    """Yes: show the newcomer contact (nothing about the person is sent). Then ask when."""
    data = await settle_button(update)
    search = Search.of(context)
    group_id = search.chosen
    if data == "contact:yes" and group_id is not None:
        now = context.bot_data.clock.now()

        def share(session: Any, person: Person) -> str | None:
            shown = contact_text(_group_info(session, group_id))
            if shown is not None:
                kind = EventKind.contact_shared
                assert person.id is not None  # a stored person
                record_event(session, person_id=person.id, kind=kind, now=now, group_id=group_id)
            return shown

        text = await with_person(update, context, share)
        await say(update, context, text or strings.CONTACT_NONE)
    return await ask_when(update, context, search)


def _slots(
    session: Any, group_id: int | None, now: datetime, tz: str
) -> list[tuple[datetime, datetime]]:
    """The next few meetings of a group (start, end) in the person's time zone (none when no
    group was chosen)."""
    if group_id is None:
        return []
    return upcoming_meetings(session, group_id, now=now, tz=tz, count=4)


async def ask_when(
    update: Update,
    context: Context,
    search: Search,
    slots: list[tuple[datetime, datetime]] | None = None,
) -> Await | int:
    """The next few meetings of the chosen group as buttons (`slots` when already read)."""
    if slots is None:
        now, tz = context.bot_data.clock.now(), person_timezone(context, search)
        slots = await in_db(context, lambda s: _slots(s, search.chosen, now, tz))
    if not slots:
        await say(update, context, strings.NO_DATES)
        return end(context)
    search.slots = [[start.isoformat(), finish.isoformat()] for start, finish in slots]
    search.save(context)
    buttons = [(start, when_text(start)) for start, _ in slots]
    await say(update, context, strings.ASK_WHEN, keyboards.when(buttons))
    return Await.WHEN


async def take_when(update: Update, context: Context) -> Await | int:
    """A chosen meeting: record the plan once, confirm it, offer the calendar file."""
    data = await settle_button(update)
    search = Search.of(context)
    choice = data.split(":", 1)[1]
    if (
        choice == "none"
        or search.chosen is None
        or not choice.isdigit()
        or int(choice) >= len(search.slots)
    ):
        await say(update, context, strings.NOT_SURE)
        return end(context)
    start, finish = (datetime.fromisoformat(v) for v in search.slots[int(choice)])
    plan_id, info = await _record(update, context, search, start, finish)
    where = strings.WHERE_PLACE.format(place=esc(info["place"])) if info["place"] else ""
    if not where and info["url"]:
        where = strings.WHERE_ONLINE.format(how=esc(info["url"]))
    text = strings.PLANNED.format(name=esc(info["name"]), when=esc(when_text(start)), where=where)
    await say(update, context, text, keyboards.calendar(plan_id) if plan_id else None)
    # The search is done: nothing of it stays in memory or in the chat's stored data (the plan
    # is in the database; the calendar button carries its id).
    return end(context)


async def _record(
    update: Update, context: Context, search: Search, start: datetime, finish: datetime
) -> tuple[int | None, dict[str, Any]]:
    """The one hand-over to the follow-ups: record the plan (once), in the same transaction as
    reading what the confirmation says about the group. Returns the plan's id and the group."""
    now, planned = context.bot_data.clock.now(), search.planned
    tz, settings = person_timezone(context, search), context.bot_data.settings
    group_id = search.chosen
    assert group_id is not None

    def plan(session: Any, person: Person) -> tuple[int | None, int | None, dict[str, Any]]:
        if planned:  # a search stored by an older version, planned already: its newest plan
            row = session.exec(
                select(Plan)
                .where(Plan.person_id == person.id, Plan.group_id == group_id)
                .order_by(col(Plan.id).desc())
            ).first()
        else:
            assert person.id is not None  # a stored person
            row = record_plan(
                session,
                person_id=person.id,
                group_id=group_id,
                meeting_start=start,
                meeting_end=finish,
                timezone=tz,
                settings=settings,
                now=now,
            )
        return person.id, row.id if row else None, _group_info(session, group_id)

    person_id, plan_id, info = await with_person(update, context, plan)
    if not planned:
        log.info("plan handed over", extra={"person_id": person_id, "group_id": group_id})
    return plan_id, info


async def send_calendar(update: Update, context: Context) -> None:
    """The .ics file of a plan (its id is in the button; only the person's own plans)."""
    data = await settle_button(update)
    if update.effective_chat is None or update.effective_chat.type != "private":
        return  # plans are only ever shown in the person's private chat
    plan_id = int(data.split(":", 1)[1])

    def read(session: Any, person: Person) -> tuple[Plan, dict[str, Any]] | None:
        plan = session.get(Plan, plan_id)
        if plan is None or plan.person_id != person.id:
            return None
        return plan, _group_info(session, plan.group_id)

    found = await with_person(update, context, read)
    if found is None:
        await say(update, context, strings.ICS_GONE)
        return
    plan, info = found
    tz = zone_or_utc(plan.timezone)
    start, finish = plan.meeting_start.astimezone(tz), plan.meeting_end.astimezone(tz)
    await _send_ics(update, context, plan.group_id, start, finish, info)


async def _send_ics(
    update: Update,
    context: Context,
    group_id: int,
    start: datetime,
    finish: datetime,
    info: dict[str, Any],
) -> None:
    """Send one meeting as a calendar file (times already in the person's time zone)."""
    content = meeting_ics(
        uid=f"{group_id}-{int(start.timestamp())}@firststep",
        group_name=info["name"],
        start=start,
        end=finish,
        place=info["place"],
        join_url=info["url"],
        now=context.bot_data.clock.now(),
    )
    await context.bot.send_document(
        update.effective_chat.id,  # type: ignore[union-attr]
        document=content,
        filename=strings.ICS_FILENAME,
        caption=strings.ICS_CAPTION,
    )
