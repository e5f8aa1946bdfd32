"""What the follow-ups say. The FIRST LINE of every scheduler message is the lock-screen preview:
it names no fellowship, no group and no condition (a test checks every template)."""

from __future__ import annotations

# Scheduler messages: (first line = preview, body). Bodies name no group either.
REMINDER_PREVIEW = "A gentle reminder from firststep"
REMINDER_BODY = (
    "Your meeting is today at {time}.\n"
    "You don't have to speak, it's free, and you can leave whenever you like. "
    "Arriving a few minutes early helps."
)
FOLLOWUP_PREVIEW = "Checking in"
FOLLOWUP_BODY = "How did it go on {day}?"
NUDGE_PREVIEW = "Checking in, gently"
NUDGE_BODY = (
    "Just a hello. If you'd like to tell me how {day} went, tap below. "
    "If not, that's fine too: I won't ask again."
)

SCHEDULER_TEMPLATES: dict[str, tuple[str, str]] = {
    "reminder": (REMINDER_PREVIEW, REMINDER_BODY),
    "followup": (FOLLOWUP_PREVIEW, FOLLOWUP_BODY),
    "nudge": (NUDGE_PREVIEW, NUDGE_BODY),
}

# "How did it go?" buttons
BUTTON_WENT = "I went"
BUTTON_DID_NOT_GO = "I didn't make it"
BUTTON_NOT_FOR_ME = "Not for me"

# Answers
WENT = (
    "That's wonderful. Going the first time is the hardest step, and you took it.\n"
    "Many people find it helps to try a few meetings (even different groups) before deciding "
    "whether it's for them."
)
OFFER_NEXT = "Shall I help you plan the next one?"
BUTTON_PLAN_NEXT = "Plan the next one"
BUTTON_NO_THANKS = "Not now"

DID_NOT_GO = "That's completely okay. It happens to lots of people. What got in the way?"
REASONS: dict[str, str] = {
    "time": "The time",
    "travel": "Getting there",
    "nerves": "Nerves",
    "other": "Something came up",
}
REASON_REPLIES: dict[str, str] = {
    "time": "Let's find a time that suits you better.",
    "travel": "An online meeting might be easier, or one closer by.",
    "nerves": (
        "Feeling nervous is normal. Nobody has to speak, and a volunteer can often meet you "
        "at the door."
    ),
    "other": "Life gets in the way sometimes. There's always another meeting.",
}
WHAT_NEXT = "What would help?"
BUTTON_SAME_GROUP = "Next meeting of the same group"
BUTTON_ONLINE = "An online meeting"
BUTTON_CONTACT = "Someone to meet me there"

NOT_FOR_ME = (
    "Thank you for telling me, and for trying. Groups differ a lot; here are some of a "
    "different kind:"
)
NOTHING_DIFFERENT = (
    "I couldn't find a different kind of group near you right now. You can write to me any time "
    "and we'll look again together."
)
NO_THANKS = "Okay. I'm here whenever you want to look again: just write to me."
NEXT_MEETINGS = "Here are the next meetings. Which one would you like to go to?"
NO_NEXT_MEETINGS = (
    "I couldn't find an upcoming meeting for that group. Write to me and we'll look for another."
)
PLANNED = "Planned: {when}. I'll send you a short reminder on the day."
CONTACT_INTRO = "Here is how to reach the group's newcomer volunteer, who agreed to be contacted:"
NO_CONTACT = (
    "This group has no volunteer contact listed, but people there are used to welcoming "
    "newcomers. You could arrive a few minutes early and say it's your first time."
)
ONLINE_INTRO = "Here are some online meetings you could join from home:"
NO_ONLINE = (
    "I couldn't find an online meeting that fits right now. Write to me and we'll look again."
)
BUTTON_PLAN_THIS = "Plan: {label}"
STALE_BUTTON = "That question has expired. Write to me any time and we'll look again."
WHEN_FORMAT = "%A %d %B, %H:%M"
DAY_FORMAT = "%A"
TIME_FORMAT = "%H:%M"
