"""Clinicians: /referrallink (a deep link and its QR code), /referrals (funnel text and chart);
a person arriving through a link is asked whether the clinician may see their progress."""

from __future__ import annotations

import asyncio
import io
import logging
from datetime import datetime

import qrcode
from sqlmodel import Session
from telegram import InlineKeyboardMarkup, Update

from bot import strings
from bot.people import get_or_create_person
from bot.services import Context
from bot.staff.admin_handlers import deep_link
from bot.staff.chart import funnel_chart
from bot.staff.funnel import Funnel, clinician_funnel, funnel_text
from bot.staff.models import ReferralLink, StaffRole
from bot.staff.referrals import (
    REFERRAL_PREFIX,
    FocusError,
    attribute,
    create_link,
    find_active_link,
    parse_focus,
    record_consent,
    referral_of,
)
from bot.staff.roles import display_name_of, rename
from bot.staff.tg import (
    button_data,
    buttons,
    esc,
    handled,
    in_db,
    reply,
    requires,
    settle,
    user_id_of,
)

log = logging.getLogger(__name__)
CLINICIAN = StaffRole.clinician


def qr_png(link: str) -> bytes:
    """A QR code of the link as PNG bytes (big enough to print)."""
    image = qrcode.make(link, box_size=10, border=4)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue()


@requires(CLINICIAN)
async def make_referral_link(update: Update, context: Context) -> None:
    """/referrallink [focus]: the clinician's personal link and a QR code of it."""
    try:
        focus = parse_focus(" ".join(context.args or []))
    except FocusError as exc:
        await reply(update, context, strings.LINK_BAD_FOCUS.format(reason=esc(exc)))
        return
    user, now = update.effective_user, context.bot_data.clock.now()
    if user is None:
        return
    code, name = await in_db(context, lambda s: _link(s, user.id, user.full_name, focus, now))
    url = deep_link(context.bot.username, REFERRAL_PREFIX + code)
    shown_focus = strings.LINK_FOCUS.format(focus=focus.replace("_", " ")) if focus else ""
    text = strings.LINK_MADE.format(focus=shown_focus, link=esc(url), name=esc(name))
    await reply(update, context, text)
    png = await asyncio.to_thread(qr_png, url)
    await context.bot.send_document(
        user.id, png, filename="firststep-referral-qr.png", caption=strings.LINK_QR_CAPTION
    )
    log.info("referral link shown", extra={"user_id": user.id, "focus": focus})


def _link(
    session: Session, user_id: int, name: str, focus: str | None, now: datetime
) -> tuple[str, str]:
    """The link's code, and the name people will see (the Telegram name unless one was set)."""
    rename(session, user_id=user_id, role=CLINICIAN, display_name=name, keep_existing=True)
    code = create_link(session, clinician_user_id=user_id, now=now, focus=focus).code
    return code, display_name_of(session, user_id=user_id) or strings.REFERRED_SOMEONE


@requires(CLINICIAN)
async def show_referrals(update: Update, context: Context) -> None:
    """/referrals: the funnel as text and a small chart; lines only for clients who said yes."""
    user_id, now = user_id_of(update) or 0, context.bot_data.clock.now()
    funnel: Funnel = await in_db(
        context, lambda s: clinician_funnel(s, clinician_user_id=user_id, now=now)
    )
    await reply(update, context, esc(funnel_text(funnel)))
    png = await asyncio.to_thread(funnel_chart, funnel)
    await context.bot.send_document(
        user_id, png, filename="firststep-referrals.png", caption=strings.REFERRALS_CAPTION
    )


async def start_referred(update: Update, context: Context) -> None:
    """/start ref_CODE (after the welcome): note the referral and ask about sharing progress."""
    chat, now = update.effective_chat, context.bot_data.clock.now()
    code, settings = (context.args or [""])[0], context.bot_data.settings
    if chat is None or chat.type != "private":
        return

    def work(session: Session) -> tuple[bool, str] | None:
        link = find_active_link(session, code=code, settings=settings)
        if link is None:
            return None
        person = get_or_create_person(session, chat.id, now=now, wake=False)
        referral = attribute(session, person_id=person.id or 0, link=link, now=now)
        name = display_name_of(session, user_id=link.clinician_user_id)
        return referral.consent is None, name or strings.REFERRED_SOMEONE

    found = await in_db(context, work)
    if found is None:
        log.info("unknown referral link", extra={"chat_id": chat.id})
        return
    ask, name = found
    if ask:
        await reply(
            update, context, strings.REFERRED.format(clinician=esc(name)), _consent_buttons(context)
        )


def _consent_buttons(context: Context) -> InlineKeyboardMarkup:
    return buttons(
        context,
        [(strings.CONSENT_YES_BUTTON, "refc:yes")],
        [(strings.CONSENT_NO_BUTTON, "refc:no")],
    )


@handled
async def show_sharing(update: Update, context: Context) -> None:
    """/sharing: whether the referring clinician may see the person's progress, to change it."""
    chat, now = update.effective_chat, context.bot_data.clock.now()
    if chat is None:
        return

    def work(session: Session) -> tuple[bool | None, str] | None:
        person = get_or_create_person(session, chat.id, now=now, wake=False)
        referral = referral_of(session, person_id=person.id or 0)
        if referral is None:
            return None
        link = session.get(ReferralLink, referral.link_id)
        name = display_name_of(session, user_id=link.clinician_user_id) if link else None
        return referral.consent, name or strings.REFERRED_SOMEONE

    found = await in_db(context, work)
    if found is None:
        await reply(update, context, strings.SHARING_NONE)
        return
    consent, name = found
    text = strings.SHARING_NOW[consent].format(clinician=esc(name))
    await reply(update, context, text, _consent_buttons(context))


@handled
async def take_consent(update: Update, context: Context) -> None:
    """The person's yes or no to their clinician seeing their progress."""
    await settle(update)
    parts, chat, now = button_data(update), update.effective_chat, context.bot_data.clock.now()
    if chat is None or len(parts) != 2 or parts[1] not in ("yes", "no"):
        await reply(update, context, strings.BUTTON_EXPIRED)
        return
    consent = parts[1] == "yes"

    def work(session: Session) -> str | None:
        person = get_or_create_person(session, chat.id, now=now, wake=False)
        referral = referral_of(session, person_id=person.id or 0)
        if referral is None:
            return None
        record_consent(session, person_id=person.id or 0, consent=consent, now=now)
        link = session.get(ReferralLink, referral.link_id)
        name = display_name_of(session, user_id=link.clinician_user_id) if link else None
        return name or strings.REFERRED_SOMEONE

    name = await in_db(context, work)
    if name is None:
        await reply(update, context, strings.BUTTON_EXPIRED)
        return
    log.info("referral consent", extra={"chat_id": chat.id, "consent": consent})
    text = strings.CONSENT_YES if consent else strings.CONSENT_NO
    await reply(update, context, text.format(clinician=esc(name)))


@requires(CLINICIAN)
async def set_referral_name(update: Update, context: Context) -> None:
    """/referralname NAME: the name referred people see ("Dr Lee, Riverside Clinic")."""
    name = " ".join(context.args or []).strip()
    if not 2 <= len(name) <= 64:
        await reply(update, context, strings.NAME_USAGE)
        return
    user_id = user_id_of(update) or 0
    done = await in_db(
        context, lambda s: rename(s, user_id=user_id, role=CLINICIAN, display_name=name)
    )
    text = strings.NAME_SET if done else strings.NAME_ADMIN
    await reply(update, context, text.format(name=esc(name)))
