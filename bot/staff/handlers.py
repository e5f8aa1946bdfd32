"""`add_handlers(application)`: every staff command, button and job (the weekly digest, the feed
refreshes), wired in the right groups."""

from __future__ import annotations

import datetime as dt
import logging
import warnings
from typing import Any

from telegram import Update
from telegram.ext import (
    Application,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot.handler_groups import Group
from bot.staff import admin_handlers as admin
from bot.staff import clinician_handlers as clinician
from bot.staff import directory_handlers as directory
from bot.staff import editing
from bot.staff import import_handlers as importer
from bot.staff import sources as feeds
from bot.staff.invites import INVITE_PREFIX
from bot.staff.referrals import REFERRAL_PREFIX
from bot.staff.tg import button_pattern

log = logging.getLogger(__name__)
TEXT = filters.TEXT & ~filters.COMMAND
PRIVATE = filters.ChatType.PRIVATE
DIGEST_TIME = dt.time(9, 0, tzinfo=dt.UTC)
DIGEST_DAYS = (1,)  # PTB counts 0 = Sunday: Mondays


def _button(callback: Any, pattern: str) -> CallbackQueryHandler[Any, Any]:
    return CallbackQueryHandler(callback, pattern=button_pattern(pattern))


def _command(name: str, callback: Any, extra: Any = None) -> CommandHandler[Any, Any]:
    return CommandHandler(name, callback, filters=PRIVATE if extra is None else PRIVATE & extra)


def build_editing() -> ConversationHandler[Any]:
    """/addgroup, /editgroup and /import as one conversation (a new command restarts it)."""
    entry: list[BaseHandler[Update, Any, object]] = [
        _command("addgroup", editing.start_adding),
        _command("editgroup", editing.start_editing),
        _command("import", importer.start_import),
    ]
    states: dict[object, list[Any]] = {
        editing.Awaiting.ANSWER: [
            MessageHandler(TEXT, editing.take_answer),
            _button(editing.take_choice, r"add:(?!save$|cancel$)"),
        ],
        editing.Awaiting.CHANGES: [MessageHandler(TEXT, editing.take_changes)],
        editing.Awaiting.CONFIRMATION: [
            _button(editing.save, r"add:save$"),
            _button(editing.cancel, r"add:cancel$"),
            MessageHandler(TEXT, editing.ask_for_buttons),
        ],
        editing.Awaiting.FILE: [
            MessageHandler(filters.Document.ALL, importer.take_file),
            MessageHandler(TEXT, importer.ask_for_file),
        ],
        editing.Awaiting.IMPORT_DECISION: [
            _button(importer.apply_import, r"imp:apply$"),
            _button(editing.cancel, r"imp:cancel$"),
            MessageHandler(TEXT, editing.ask_for_buttons),
        ],
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBUserWarning)  # per_message=False with buttons is meant
        return ConversationHandler(
            entry_points=entry,
            states=states,
            fallbacks=[_command("cancel", editing.cancel), *entry],
            name="staff_editing",
            persistent=False,
            allow_reentry=True,
        )


def add_handlers(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Wire staff handlers: before the person's conversation (they stop the update there),
    the referral consent question after its welcome, and the weekly stale-groups digest."""
    handlers = [
        build_editing(),
        _command("start", admin.redeem_deep_link, filters.Regex(rf"^/start\s+{INVITE_PREFIX}")),
        _command("invite", admin.make_invite),
        _command("roles", admin.show_roles),
        _command("revoke", admin.revoke),
        _command("redeem", admin.redeem),
        _command("staff", admin.show_staff_commands),
        _command("groups", directory.list_groups),
        _button(directory.page_groups, r"groups:"),
        _command("archivegroup", directory.ask_archive),
        _button(directory.archive, r"arch:"),
        _command("restoregroup", directory.restore),
        _command("verify", directory.verify),
        _command("history", directory.show_history),
        _command("export", directory.export),
        _command("sources", feeds.list_sources),
        _button(feeds.act_on_source, r"src:"),
        _command("referrallink", clinician.make_referral_link),
        _command("referrals", clinician.show_referrals),
        _command("referralname", clinician.set_referral_name),
        _button(clinician.take_consent, r"refc:"),
        _command("sharing", clinician.show_sharing),
    ]
    for handler in handlers:
        application.add_handler(handler, group=Group.STAFF)
    referred = filters.Regex(rf"^/start\s+{REFERRAL_PREFIX}")
    application.add_handler(
        _command("start", clinician.start_referred, referred), group=Group.REFERRAL
    )
    if application.job_queue is not None:
        application.job_queue.run_daily(
            directory.send_digest, DIGEST_TIME, days=DIGEST_DAYS, name="staff_digest"
        )
        application.job_queue.run_repeating(
            feeds.refresh_due_sources, feeds.JOB_EVERY_S, first=60.0, name=feeds.JOB_NAME,
            job_kwargs={"max_instances": 1, "coalesce": True},
        )  # fmt: skip
    else:
        log.warning("no job queue: the weekly stale-groups digest and feed refreshes are off")
