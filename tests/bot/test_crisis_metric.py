"""The crisis metric is counted by the crisis handler itself: once per crisis reply (the fail-safe
reply too), never for other replies, and never by recognising an outgoing text."""

from __future__ import annotations

from bot import strings
from tests.bot.conftest import Bot
from tests.bot.test_conversation import CONCERN, to_concern
from tests.bot.test_parse_failure import WORDS, break_parser
from tests.bot.test_safety_and_privacy import OVERDOSE, SUICIDE


def crisis_count(bot: Bot) -> float:
    """The crisis-responses counter of the running Application."""
    return bot.application.bot_data.metrics.crisis_responses._value.get()


def replies_sent(bot: Bot) -> float:
    """How many sendMessage calls the Application counted."""
    return bot.application.bot_data.metrics.replies.labels(method="sendMessage")._value.get()


async def test_each_crisis_reply_counts_once_and_other_replies_do_not(bot: Bot) -> None:
    assert await bot.chat.send("/start") and crisis_count(bot) == 0
    await to_concern(bot)
    await bot.chat.send(CONCERN)
    assert crisis_count(bot) == 0 and replies_sent(bot) > 0
    (first,) = await bot.chat.send(SUICIDE)
    assert "988" in first.plain and crisis_count(bot) == 1
    (second,) = await bot.chat.send(OVERDOSE)
    assert "naloxone" in second.plain.lower() and crisis_count(bot) == 2
    await bot.chat.send("/start")
    assert crisis_count(bot) == 2


async def test_the_fail_safe_reply_counts_and_a_command_with_a_broken_parser_does_not(
    bot: Bot,
) -> None:
    await to_concern(bot)
    break_parser(bot)
    (reply,) = await bot.chat.send(WORDS)
    assert reply.plain.startswith(strings.UNREAD_INTRO) and crisis_count(bot) == 1
    assert await bot.chat.send("/start")  # commands still work, with no crisis reply
    assert crisis_count(bot) == 1


async def test_an_outgoing_text_that_looks_like_the_crisis_reply_is_not_counted(bot: Bot) -> None:
    before = replies_sent(bot)
    await bot.application.bot.send_message(bot.chat.chat_id, strings.CRISIS_INTRO)
    assert replies_sent(bot) == before + 1
    assert crisis_count(bot) == 0
