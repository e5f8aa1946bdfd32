"""Telegram errors that change what the bot may do: a person who blocked it is marked blocked."""

from __future__ import annotations

import logging
from typing import Any

from telegram import Update
from telegram.error import Forbidden

from bot.handlers.common import in_db
from bot.models import PersonStatus
from bot.people import find_person, set_status
from bot.services import Context

log = logging.getLogger(__name__)


def _ids(update: object) -> dict[str, Any]:
    if not isinstance(update, Update):
        return {"update_id": None}
    chat = update.effective_chat
    return {"update_id": update.update_id, "chat_id": chat.id if chat else None}


async def mark_blocked(context: Context, chat_id: int) -> None:
    """The person blocked the bot: status blocked and nothing pending for them."""
    from bot.followups.plans import cancel_pending

    def block(session: Any) -> None:
        person = find_person(session, chat_id)
        if person is not None and person.id is not None:
            set_status(session, person_id=person.id, status=PersonStatus.blocked)
            cancel_pending(session, person_id=person.id)

    await in_db(context, block)


async def note_blocked(update: object, context: Context) -> None:
    """A person blocked the bot (403): mark them blocked and cancel what is pending for them.

    Logging and the kind apology for other errors are ops' error handler (bot/ops/errors.py).
    """
    ids = _ids(update)
    if isinstance(context.error, Forbidden) and ids.get("chat_id") is not None:
        log.info("person blocked the bot", extra=ids)
        await mark_blocked(context, ids["chat_id"])
