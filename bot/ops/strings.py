"""What the operations layer says to people: calm, short, no blame."""

from __future__ import annotations

ONE_MOMENT = "One moment, please: I'm reading what you sent. I'll answer in a little while."
TOO_LONG = (
    "That message is longer than I can read in one go. Could you send it in a few shorter messages?"
)
SOMETHING_WENT_WRONG = (
    "Sorry, something went wrong on my side with that message. "
    "Please try again in a moment, or send /start to begin again."
)
