"""Commands that work at any time: /help, /stop, /forget, /mydata."""

from __future__ import annotations

import logging
from typing import Any

from telegram import InlineKeyboardMarkup, Update

import i18n
from bot import keyboards, strings
from bot.handlers.common import (
    Search,
    esc,
    in_db,
    person_of,
    say,
    settle_button,
)
from bot.handlers.language import forget_chat
from bot.handlers.search import end, topics
from bot.handlers.suggest import when_text
from bot.models import EventKind, PersonStatus
from bot.people import find_person, forget_person, mydata, record_event, set_status
from bot.services import Context
from bot.staff.referrals import ReferralView, referral_view
from bot.staff.tg import buttons

log = logging.getLogger(__name__)


async def show_help(update: Update, context: Context) -> None:
    """What the bot does and its commands (the conversation stays where it was)."""
    await say(update, context, strings.HELP)


async def stop(update: Update, context: Context) -> int:
    """/stop: no more messages from the bot until the person writes again."""
    from bot.followups.plans import cancel_pending

    person, now = await person_of(update, context), context.bot_data.clock.now()
    person_id = person.id
    assert person_id is not None  # a stored person

    def quiet(session: Any) -> None:
        set_status(session, person_id=person_id, status=PersonStatus.stopped)
        cancel_pending(session, person_id=person_id)
        record_event(session, person_id=person_id, kind=EventKind.stopped, now=now)

    await in_db(context, quiet)
    await say(update, context, strings.STOPPED)
    return end(context)


async def ask_forget(update: Update, context: Context) -> None:
    """/forget: ask to confirm (the conversation stays where it was)."""
    await say(update, context, strings.ASK_FORGET, keyboards.forget())


async def forget(update: Update, context: Context) -> int:
    """Confirmed: delete the person, everything hanging off them, and the stored chat state."""
    await settle_button(update)
    person = await person_of(update, context)
    person_id = person.id
    assert person_id is not None  # a stored person
    chat, user = update.effective_chat, update.effective_user
    if chat is not None:  # a volunteer's hello: the chosen name and the relay go too
        from bot.hello.handlers import forget_hellos

        await forget_hellos(context, chat.id)
    await in_db(context, lambda s: forget_person(s, person_id))
    if chat is not None:
        context.application.drop_chat_data(chat.id)
        context.bot_data.forget_chat(chat.id)
        forget_chat(context.bot_data.engine, chat.id)
    if user is not None:
        context.application.drop_user_data(user.id)
    await say(update, context, strings.FORGOTTEN)
    return end(context)


async def keep(update: Update, context: Context) -> None:
    """Not confirmed: nothing deleted (the conversation stays where it was)."""
    await settle_button(update)
    await say(update, context, strings.NOT_FORGOTTEN)


async def show_mydata(update: Update, context: Context) -> None:
    """/mydata: everything stored about the person, in plain words (and their referral)."""
    chat_id = update.effective_chat.id if update.effective_chat else 0

    def read(session: Any) -> tuple[Any, Any]:
        person = find_person(session, chat_id)  # never created by asking (after /forget: none)
        if person is None or person.id is None:
            return None, None
        return mydata(session, person.id), referral_view(session, person_id=person.id)

    data, referral = await in_db(context, read)
    if data is None:
        await say(update, context, strings.MYDATA_NONE)
        return
    search = Search.of(context)
    place = (
        (search.place["name"] if search.place else None) or data.country or strings.MYDATA_UNKNOWN
    )
    names = strings.EVENT_NAMES
    steps = ", ".join(f"{names.get(kind, kind)} {at:%Y-%m-%d}" for kind, at in data.events)
    plans = ", ".join(f"{name}, {when_text(start)}" for name, start in data.plans)
    text = strings.MYDATA.format(
        since=f"{data.since:%Y-%m-%d}",
        place=esc(place),
        timezone=esc(data.timezone or strings.MYDATA_UNKNOWN),
        status=strings.STATUS_NAMES.get(data.status, data.status),
        consented=strings.MYDATA_YES if data.consented else strings.MYDATA_NO,
        topics=esc(topics(search) or strings.MYDATA_NO_TOPICS),  # a search's, while it lasts
        events=esc(steps or strings.MYDATA_NOTHING_YET),
        language=esc(i18n.native_name(data.locale)),
        plans=esc(plans or strings.MYDATA_NOTHING_YET),
    )
    if referral is None:
        await say(update, context, text)
        return
    await say(update, context, text + referral_text(referral), sharing_buttons(context, referral))


def referral_text(referral: ReferralView) -> str:
    """The referral part of /mydata: whose link, its focus, and whether progress is shared."""
    focus = referral.focus
    shown = strings.FOCUS_NAMES.get(focus or "", strings.TOPIC_NAMES.get(focus or "", focus))
    return strings.MYDATA_REFERRAL.format(
        clinician=esc(referral.clinician or strings.MYDATA_SOME_CLINICIAN),
        focus=strings.MYDATA_REFERRAL_FOCUS.format(focus=esc(shown)) if shown else "",
        sharing=strings.MYDATA_SHARING[referral.consent],
    )


def sharing_buttons(context: Context, referral: ReferralView) -> InlineKeyboardMarkup | None:
    """A button to withdraw consent (the staff consent handler takes it), when it was given."""
    if referral.consent is not True:
        return None
    return buttons(context, [(strings.STOP_SHARING_BUTTON, "refc:no")])
