"""Admins create invites and manage roles; anyone redeems an invite (by /redeem or deep link)."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlmodel import Session
from telegram import Update

from bot import strings
from bot.services import Context
from bot.staff.invites import INVITE_PREFIX, InviteError, create_invite, redeem_invite
from bot.staff.models import Invite, RoleGrant, StaffRole
from bot.staff.roles import has_role, is_admin, list_grants, revoke_role
from bot.staff.tg import (
    ADMIN,
    esc,
    handled,
    in_db,
    parse_number,
    permitted,
    reply,
    requires,
    user_id_of,
)

log = logging.getLogger(__name__)


def deep_link(username: str | None, payload: str) -> str:
    """https://t.me/<bot>?start=<payload>."""
    return f"https://t.me/{username or 'your_bot'}?start={payload}"


@requires(StaffRole.coordinator)
async def make_invite(update: Update, context: Context) -> None:
    """/invite ROLE: a single-use, expiring invite (admins: any role; coordinators: volunteers,
    with the groups, or fellowship and area, or online meetings they will cover)."""
    args = context.args or []
    role_word = args[0].lower() if args else ""
    by, now = user_id_of(update) or 0, context.bot_data.clock.now()
    if role_word not in StaffRole.__members__ or (len(args) > 1 and role_word != "volunteer"):
        await reply(update, context, strings.INVITE_USAGE)
        return
    role = StaffRole(role_word)
    if role != StaffRole.volunteer and not await permitted(update, context, ADMIN, "make_invite"):
        return  # coordinators invite volunteers only
    made = await in_db(context, lambda s: _make_invite(s, role, args[1:], by, now))
    if isinstance(made, str):
        await reply(update, context, made)
        return
    code, invite, covers = made
    log.info("invite created", extra={"invite_id": invite.id, "role": role.value, "by": by})
    link = deep_link(context.bot.username, INVITE_PREFIX + code)
    expires = f"{invite.expires_at:%Y-%m-%d %H:%M}"
    text = strings.INVITE_MADE.format(role=role.value, expires=expires, link=esc(link), code=code)
    if covers:
        text += "\n" + strings.INVITE_COVERS.format(scopes=esc(covers))
    await reply(update, context, text)


def _make_invite(
    session: Session, role: StaffRole, scope: list[str], by: int, now: datetime
) -> tuple[str, Invite, str] | str:
    """The invite (and, for a volunteer, what it covers); or the problem's text."""
    from bot.hello import service

    rows = service.parse_scope(session, scope) if scope else []
    if isinstance(rows, str):
        return rows
    code, invite = create_invite(session, role=role, created_by=by, now=now)
    service.keep_invite_scopes(session, invite.id or 0, rows)
    return code, invite, " ".join(scope)


@requires(ADMIN)
async def show_roles(update: Update, context: Context) -> None:
    """/roles: who holds which role."""
    grants = await in_db(context, lambda s: list_grants(s))
    if not grants:
        await reply(update, context, strings.ROLES_NONE)
        return
    lines = [strings.ROLES_HEAD, *(_role_line(g) for g in grants), "", strings.ROLES_HINT]
    await reply(update, context, "\n".join(lines))


def _role_line(grant: RoleGrant) -> str:
    name = f"({esc(grant.display_name)}) " if grant.display_name else ""
    return strings.ROLES_LINE.format(
        user_id=grant.telegram_user_id,
        name=name,
        role=grant.role,
        since=f"{grant.granted_at:%Y-%m-%d}",
        by=grant.granted_by,
    )


@requires(ADMIN)
async def revoke(update: Update, context: Context) -> None:
    """/revoke USER_ID [role]: end someone's role(s) at once."""
    args = context.args or []
    if not 1 <= len(args) <= 2:
        await reply(update, context, strings.REVOKE_USAGE)
        return
    number = parse_number(args[0].removeprefix("-"))
    if number is None:
        await reply(update, context, strings.REVOKE_BAD_ID.format(value=esc(args[0][:40])))
        return
    if len(args) == 2 and args[1].lower() not in StaffRole.__members__:
        await reply(update, context, strings.REVOKE_BAD_ROLE.format(value=esc(args[1])))
        return
    target = -number if args[0].startswith("-") else number
    role = StaffRole(args[1].lower()) if len(args) == 2 else None
    admin, now = user_id_of(update) or 0, context.bot_data.clock.now()
    count = await in_db(
        context, lambda s: revoke_role(s, user_id=target, role=role, revoked_by=admin, now=now)
    )
    log.info("roles revoked", extra={"user_id": target, "count": count, "by": admin})
    if role in (None, StaffRole.volunteer):  # open introductions close kindly
        from bot.hello.handlers import close_for_volunteer

        await close_for_volunteer(context, target)
    text = strings.REVOKED if count else strings.REVOKED_NONE
    await reply(update, context, text.format(count=count, user_id=target))


@handled
async def redeem(update: Update, context: Context) -> None:
    """/redeem CODE: become a coordinator or clinician with an invite."""
    args = context.args or []
    if len(args) != 1:
        await reply(update, context, strings.REDEEM_USAGE)
        return
    await _redeem(update, context, args[0])


@handled
async def redeem_deep_link(update: Update, context: Context) -> None:
    """/start inv_CODE: the invite's deep link."""
    payload = (context.args or [""])[0]
    await _redeem(update, context, payload)


async def _redeem(update: Update, context: Context, code: str) -> None:
    user, now = update.effective_user, context.bot_data.clock.now()
    if user is None:
        return
    name = user.full_name

    def work(session: Session) -> StaffRole:
        role = StaffRole(
            redeem_invite(session, code=code, user_id=user.id, now=now, display_name=name).role
        )
        if role == StaffRole.volunteer:  # what the coordinator chose for them to cover
            from bot.hello.service import take_invite_scopes

            take_invite_scopes(session, code=code, user_id=user.id)
        return role

    try:
        role = await in_db(context, work)
    except InviteError as exc:
        log.info("invite refused", extra={"user_id": user.id, "problem": exc.problem.value})
        await reply(update, context, strings.REDEEM_PROBLEMS[exc.problem.value])
        return
    log.info("invite redeemed", extra={"user_id": user.id, "role": role.value})
    text = strings.REDEEMED.format(role=role.value, next=strings.REDEEM_NEXT[role.value])
    await reply(update, context, text)


@handled
async def show_staff_commands(update: Update, context: Context) -> None:
    """/staff: the commands of the roles this user holds now."""
    user_id, settings = user_id_of(update), context.bot_data.settings

    def held(session: Session) -> list[str]:
        roles = [
            r.value
            for r in StaffRole
            if has_role(session, user_id=user_id, role=r, settings=settings)
        ]
        return (["admin"] if is_admin(settings, user_id) else []) + roles

    roles = await in_db(context, held)
    lines = [strings.STAFF_COMMANDS[role] for role in roles]
    await reply(update, context, "\n".join(lines) or strings.STAFF_NONE)
