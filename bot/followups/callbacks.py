"""Callback data of the follow-up buttons: short, plain strings that survive a restart.

Format "fu:<action>:<plan id>[:<argument>]"; the handler checks the plan belongs to the person.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot import strings

PREFIX = "fu"
PATTERN = r"^fu:[a-z]+:\d+(:[a-z0-9]+)?$"

WENT = "went"
DID_NOT_GO = "didnt"
NOT_FOR_ME = "notforme"
REASON = "why"
PLAN_NEXT = "again"
NO_THANKS = "later"
ONLINE = "online"
CONTACT = "contact"
PICK = "pick"  # argument: meeting start as a UTC epoch; plan id is the plan it follows from
PICK_GROUP = "group"  # argument: group id (a different group from "not for me")
WHERE = "where"  # the reminder's "where and when": the place, link, map and phone, on request

Button = tuple[str, str]
Keyboard = list[list[Button]]


@dataclass(frozen=True)
class Action:
    """A decoded button press."""

    action: str
    plan_id: int
    argument: str | None = None


def data(action: str, plan_id: int, argument: str | int | None = None) -> str:
    """Encode a button's callback data (at most 64 bytes, as Telegram requires)."""
    text = f"{PREFIX}:{action}:{plan_id}" + ("" if argument is None else f":{argument}")
    if len(text.encode()) > 64:
        raise ValueError("callback data longer than 64 bytes")
    return text


def parse(text: str) -> Action | None:
    """Decode callback data, or None when it is not ours or malformed."""
    parts = text.split(":")
    if len(parts) not in (3, 4) or parts[0] != PREFIX or not parts[2].isdigit():
        return None
    return Action(parts[1], int(parts[2]), parts[3] if len(parts) == 4 else None)


def how_did_it_go(plan_id: int) -> Keyboard:
    """The three answers to "How did it go?"."""
    return [
        [(strings.BUTTON_WENT, data(WENT, plan_id))],
        [(strings.BUTTON_DID_NOT_GO, data(DID_NOT_GO, plan_id))],
        [(strings.BUTTON_NOT_FOR_ME, data(NOT_FOR_ME, plan_id))],
    ]


def reminder(plan_id: int) -> Keyboard:
    """The reminder's one button: where and when, shown only when pressed (a lock screen shows
    the message, never the group)."""
    return [[(strings.BUTTON_WHERE_WHEN, data(WHERE, plan_id))]]
