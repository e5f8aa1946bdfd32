"""Incoming updates that cannot be read must not stop the bot.

PTB reads a whole `getUpdates` batch at once: one malformed update makes the batch fail, and the
same batch comes back forever, so the bot would stop serving everyone. This request class replaces
each unreadable update by an empty one with the same id, so it is skipped and polling moves on.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from telegram import Update

from bot.ops.transport import AiohttpRequest

log = logging.getLogger(__name__)


def sanitise_updates(payload: bytes) -> bytes:
    """The getUpdates answer with every unreadable update replaced by an empty one."""
    try:
        body = json.loads(payload)
    except ValueError:
        return payload  # not JSON at all: PTB reports it as a network error and retries
    updates = body.get("result") if isinstance(body, dict) else None
    if not isinstance(updates, list):
        return payload
    kept: list[Any] = []
    changed = False
    for update in updates:
        if _readable(update):
            kept.append(update)
            continue
        changed = True
        update_id = update.get("update_id") if isinstance(update, dict) else None
        log.warning("unreadable update skipped", extra={"update_id": update_id})
        if isinstance(update_id, int):
            kept.append({"update_id": update_id})
    if not changed:
        return payload
    body["result"] = kept
    return json.dumps(body).encode()


def _readable(update: object) -> bool:
    if not isinstance(update, dict) or not isinstance(update.get("update_id"), int):
        return False
    try:
        Update.de_json(update, None)
    except Exception:  # anything PTB cannot read counts as unreadable
        return False
    return True


class TolerantUpdatesRequest(AiohttpRequest):
    """The request object for getUpdates that skips unreadable updates instead of stalling."""

    async def do_request(
        self, url: str, method: str, *args: Any, **kwargs: Any
    ) -> tuple[int, bytes]:
        """Make the call; for a successful getUpdates, drop what cannot be read."""
        status, payload = await super().do_request(url, method, *args, **kwargs)
        if status == 200 and url.endswith("/getUpdates"):
            payload = sanitise_updates(payload)
        return status, payload
