"""The order in which handler groups see an update: the one place it is set.

PTB runs the groups of an Application from the lowest number to the highest; in each group the
first handler whose check matches handles the update, and `ApplicationHandlerStop` ends it for the
groups after. The members are listed in the order they run.
"""

from __future__ import annotations

from enum import IntEnum


class Group(IntEnum):
    """A handler group; lower runs first."""

    LOCALE = -110  # the person's language, set for the update before anything is said
    CRISIS = -100  # the crisis check of every text: first of all that answers
    FLOOD = -95  # flood control: after the crisis check (never swallowed), before the whole parse
    TOUCH = -90  # the person's last contact noted, for any update flood control let through
    SIGNALS = -80  # safety signals noted (a crisis stopped the update before this)
    LANGUAGE = -60  # /language, its buttons, and the one offer of the language written in
    RELAY = -40  # the hello relay between a person and a volunteer, before the staff commands
    STAFF = -5  # staff commands, before the person's conversation; they stop the update there
    FOLLOWUPS = -1  # follow-up buttons, before the conversation whose fallback answers any button
    CONVERSATION = 0  # the person's conversation, the commands of every state (degraded: trouble)
    REFERRAL = 1  # after the conversation's welcome: a referred person's consent question
    SAVE = 100  # last: write the conversation state and data at once
