"""Telegram's sending limits: the one definition every Application that sends uses.

Telegram allows about 30 messages a second overall. PTB's default AIORateLimiter is a bucket of
30 per 1 s, which lets a burst of ~54 through in the first second (a full bucket, then the refill).
One message per 1/30 s never puts more than 30 in any one-second window and still reaches ~29/s.
Per chat: PTB's default group limit (20 a minute per group); private chats are not paced per chat,
because the bot only answers a person (one or two messages per update, as Telegram's "about one a
second to one chat" allows in short bursts) and the follow-ups send at most one a day.
"""

from __future__ import annotations

from typing import TypedDict

from telegram.constants import FloodLimit

OVERALL_MAX_RATE = 1.0
OVERALL_TIME_PERIOD = 1 / FloodLimit.MESSAGES_PER_SECOND  # 1/30 s: never more than 30 in a second
GROUP_MAX_RATE = float(FloodLimit.MESSAGES_PER_MINUTE_PER_GROUP)  # 20 ...
GROUP_TIME_PERIOD = 60.0  # ... a minute per group chat


class RateLimits(TypedDict):
    """AIORateLimiter's rate arguments, by name."""

    overall_max_rate: float
    overall_time_period: float
    group_max_rate: float
    group_time_period: float


TELEGRAM_LIMITS: RateLimits = {
    "overall_max_rate": OVERALL_MAX_RATE,
    "overall_time_period": OVERALL_TIME_PERIOD,
    "group_max_rate": GROUP_MAX_RATE,
    "group_time_period": GROUP_TIME_PERIOD,
}
