"""Plug points of the search conversation (re-exported by ``bot.handlers.flow``, their home).

Other parts of the bot add behaviour to the conversation here, without touching its handlers:

- ``BEFORE_SUGGESTIONS``: async hooks called as ``hook(update, context, search)`` right before the
  suggestions (or the "nothing found" message) are shown. A hook may send a message of its own
  (``bot.handlers.common.say``); it must not change the conversation's state. Issue 20's answers
  to safety signals go here.
- ``AFTER_CHOICE``: async hooks called as ``hook(update, context, group_id)`` after a person chose
  one of the shown groups (after "You chose ..." and before the newcomer contact / when question).
  A hook returns True when it offered the person someone from the group to meet (issue 18's
  volunteer hello goes here): then the newcomer contact is not offered in the same breath, only one
  person is offered at a time (the contact is still shown with the reminder's "where and when").

Register at start-up (e.g. in ``bot.app.build_application``) with
``BEFORE_SUGGESTIONS.append(hook)``; the lists are module-wide, so register once. Hooks run in
order. A hook that raises is logged (its name only, never the person's words) and skipped: the
person's conversation goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from telegram import Update

from bot.handlers.common import Search
from bot.services import Context

log = logging.getLogger(__name__)

BeforeSuggestions = Callable[[Update, Context, Search], Awaitable[None]]
AfterChoice = Callable[[Update, Context, int], Awaitable[bool | None]]

BEFORE_SUGGESTIONS: list[BeforeSuggestions] = []
AFTER_CHOICE: list[AfterChoice] = []


def _name(hook: object) -> str:
    return getattr(hook, "__qualname__", type(hook).__name__)


async def before_suggestions(update: Update, context: Context, search: Search) -> None:
    """Run every BEFORE_SUGGESTIONS hook, in order; one that fails is logged and skipped."""
    for hook in list(BEFORE_SUGGESTIONS):
        try:
            await hook(update, context, search)
        except Exception:  # a plug-in never ends the person's conversation
            log.exception("before-suggestions hook failed", extra={"hook": _name(hook)})


async def after_choice(update: Update, context: Context, group_id: int) -> bool:
    """Run every AFTER_CHOICE hook, in order; one that fails is logged and skipped. True when a
    hook offered someone from the group to meet."""
    offered = False
    for hook in list(AFTER_CHOICE):
        try:
            offered = bool(await hook(update, context, group_id)) or offered
        except Exception:  # a plug-in never ends the person's conversation
            log.exception("after-choice hook failed", extra={"hook": _name(hook)})
    return offered
