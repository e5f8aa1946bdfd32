"""Inline keyboards; callback data are short fixed codes (no personal text), one scheme:
``"<step>:<value>"`` (the conversation's step is its state, ``bot.handlers.common.Await``; the
other steps: ``screen``, ``ics``, ``forget``, ``lang``; staff buttons add a signature)."""

from __future__ import annotations

from datetime import datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import strings

Button = InlineKeyboardButton


def data(step: str, value: object) -> str:
    """A button's callback data: the step it answers and the value chosen."""
    return f"{step}:{value}"


def _rows(*rows: list[tuple[str, str]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[Button(text, callback_data=data) for text, data in row] for row in rows]
    )


def consent() -> InlineKeyboardMarkup:
    """Go on after the welcome, or not now."""
    return _rows(
        [(strings.CONSENT_BUTTON, "consent:yes")], [(strings.NOT_NOW_BUTTON, "consent:no")]
    )


def screening() -> InlineKeyboardMarkup:
    """Yes / No / Not sure under the screening question."""
    return _rows(
        [
            (strings.SCREEN_YES, "screen:yes"),
            (strings.SCREEN_NO, "screen:no"),
            (strings.SCREEN_UNSURE, "screen:unsure"),
        ]
    )


def go_on(*, can_drop: bool = False) -> InlineKeyboardMarkup:
    """Done describing (and, for a topic a referral link filled in, "that's not it")."""
    drop = [[(strings.NOT_IT_BUTTON, "concern:drop")]] if can_drop else []
    return _rows([(strings.GO_ON_BUTTON, "concern:done")], *drop)


def formats() -> InlineKeyboardMarkup:
    """In person, online, either."""
    return _rows(
        [(strings.FORMAT_IN_PERSON, "format:in_person"), (strings.FORMAT_ONLINE, "format:online")],
        [(strings.FORMAT_EITHER, "format:any")],
    )


def skip_place() -> InlineKeyboardMarkup:
    """Go on without saying where."""
    return _rows([(strings.SKIP_PLACE_BUTTON, "place:skip")])


def whom() -> InlineKeyboardMarkup:
    """About me, or someone close."""
    return _rows([(strings.WHOM_SELF, "whom:self"), (strings.WHOM_FAMILY, "whom:family")])


def suggestions(group_ids: list[int], *, more: bool) -> InlineKeyboardMarkup:
    """Choose one of the shown groups, see more, or change what was asked."""
    choose = [
        (strings.CHOOSE_BUTTON.format(number=n), f"choice:{gid}")
        for n, gid in enumerate(group_ids, start=1)
    ]
    last = [(strings.MORE_BUTTON, "choice:more")] if more else []
    return _rows(choose, [*last, (strings.CHANGE_BUTTON, "choice:change")])


def changes() -> InlineKeyboardMarkup:
    """What to change."""
    return _rows(
        [(strings.CHANGE_FORMAT_BUTTON, "change:format")],
        [(strings.CHANGE_PLACE_BUTTON, "change:place")],
        [(strings.CHANGE_TOPIC_BUTTON, "change:topic")],
    )


def contact() -> InlineKeyboardMarkup:
    """Yes or no to the newcomer contact."""
    return _rows([(strings.CONTACT_YES, "contact:yes"), (strings.CONTACT_NO, "contact:no")])


def when(slots: list[tuple[datetime, str]]) -> InlineKeyboardMarkup:
    """The next meetings as buttons (label already in the person's time zone), or not sure."""
    rows = [[(label, f"when:{n}")] for n, (_, label) in enumerate(slots)]
    return _rows(*rows, [(strings.NOT_SURE_BUTTON, "when:none")])


def calendar(plan_id: int) -> InlineKeyboardMarkup:
    """Get the .ics file of a plan."""
    return _rows([(strings.ICS_BUTTON, f"ics:{plan_id}")])


def forget() -> InlineKeyboardMarkup:
    """Confirm /forget."""
    return _rows([(strings.FORGET_YES, "forget:yes"), (strings.FORGET_NO, "forget:no")])
