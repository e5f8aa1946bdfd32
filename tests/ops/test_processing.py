"""Updates of different people run at once, one person's in order; metrics carry no ids."""

from __future__ import annotations

import asyncio
import time

from telegram import Update
from telegram.ext import ContextTypes, MessageHandler, filters

from bot.ops.processing import PerChatProcessor
from bot.ops.wiring import install
from tests.ops.stub_api import StubBotApi


def text_update(update_id: int, chat_id: int, text: str, bot) -> Update:  # type: ignore[no-untyped-def]
    """A real Update for a private text message."""
    chat = {"id": chat_id, "type": "private", "first_name": "P"}
    data = {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": int(time.time()),
            "chat": chat,
            "from": {"id": chat_id, "is_bot": False, "first_name": "P"},
            "text": text,
        },
    }
    return Update.de_json(data, bot)


async def test_one_person_in_order_different_people_at_once(stub: StubBotApi, builder) -> None:
    application = builder().build()
    install(application, retention=False)
    finished: list[tuple[int, str]] = []

    async def work(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        text = update.effective_message.text
        await asyncio.sleep(0.3 if text == "slow" else 0.0)
        finished.append((update.effective_chat.id, text))

    application.add_handler(MessageHandler(filters.TEXT, work))
    async with application:
        await application.start()
        queue = application.update_queue
        await queue.put(text_update(1, 100, "slow", application.bot))
        await queue.put(text_update(2, 100, "fast", application.bot))
        await queue.put(text_update(3, 200, "other", application.bot))
        for _ in range(200):
            if len(finished) == 3:
                break
            await asyncio.sleep(0.02)
        await application.stop()
    assert finished == [(200, "other"), (100, "slow"), (100, "fast")]
    assert isinstance(application.update_processor, PerChatProcessor)
    assert application.update_processor.waiting_chats() == 0


async def test_metrics_count_updates_and_replies_without_personal_data(
    stub: StubBotApi, builder
) -> None:
    application = builder().build()
    install(application, retention=False)

    async def reply(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.effective_message.reply_text("hi")

    application.add_handler(MessageHandler(filters.TEXT, reply))
    async with application:
        await application.start()
        for i, text in enumerate(["I drink too much", "/start", "Mary Smith here"], start=1):
            await application.update_queue.put(text_update(i, 987654321, text, application.bot))
        await stub.wait_sent(987654321, 3)
        await application.stop()
    metrics = application.bot_data.metrics
    body = metrics.exposition().decode()
    assert 'firststep_updates_total{kind="message"} 2.0' in body
    assert 'firststep_updates_total{kind="command"} 1.0' in body
    assert 'firststep_replies_total{method="sendMessage"} 3.0' in body
    assert "firststep_update_seconds_count 3.0" in body
    for private in ("987654321", "drink", "Mary", "Smith", "424242"):
        assert private not in body


async def test_one_chats_backlog_is_bounded_and_the_hook_may_keep_one(
    stub: StubBotApi, builder
) -> None:
    application = builder().build()
    install(application, retention=False)
    processor = application.update_processor
    assert isinstance(processor, PerChatProcessor)
    processor.max_queued = 3
    asked: list[str] = []

    async def keep_urgent(update: object) -> bool:
        assert isinstance(update, Update)
        asked.append(update.effective_message.text)
        return update.effective_message.text == "urgent"

    processor.on_over_bound = keep_urgent
    finished: list[str] = []

    async def work(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await asyncio.sleep(0.05)
        finished.append(update.effective_message.text)

    application.add_handler(MessageHandler(filters.TEXT, work))
    texts = ["a", "b", "c", "d", "urgent", "e"]
    async with application:
        await application.start()
        for i, text in enumerate(texts, start=1):
            await application.update_queue.put(text_update(i, 100, text, application.bot))
        for _ in range(200):
            if processor.waiting_chats() == 0 and len(finished) >= 4:
                break
            await asyncio.sleep(0.02)
        await application.stop()
    assert asked == ["d", "urgent", "e"]  # only the ones beyond the bound are asked about
    assert finished == ["a", "b", "c", "urgent"]  # in order; the rest never handled
