"""A client who came through a clinician's link starts with its focus, and sees the referral in
/mydata (whose link, whether progress is shared) with a button to stop sharing."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import select

from bot import strings
from bot.console import Sent
from bot.db import session_scope
from bot.handlers.common import Await
from bot.staff.models import Referral, StaffRole
from bot.staff.roles import grant_role
from tests.bot.conftest import START, Bot
from tests.bot.test_conversation import CONCERN, state_of, texts, to_concern

CLINICIAN = 3000
DUAL_REASON = "for both mental health and substance use"
FAMILY_REASON = "for family and friends"


async def referral_link(make_bot: Any, engine: Engine, focus: str = "") -> str:
    """A clinician (role granted) asks the real Application for a link; its deep-link payload."""
    with session_scope(engine) as session:
        grant_role(session, user_id=CLINICIAN, role=StaffRole.clinician, granted_by=1,
                   now=START, display_name="Dr Lee")  # fmt: skip
    clinician = (await make_bot(chat_id=CLINICIAN)).chat
    sent = await clinician.send(f"/referrallink {focus}".strip())
    match = re.search(r"start=(ref_[A-Za-z0-9_-]+)", texts(sent))
    assert match, texts(sent)
    return match.group(1)


async def start_referred(bot: Bot, payload: str) -> list[Sent]:
    """The client opens the link and agrees to start; the bot's first question."""
    sent = await bot.chat.send(f"/start {payload}")
    assert sent[0].text == strings.WELCOME
    assert texts(sent[1:]).startswith("You came here through a link from Dr Lee.")
    return await bot.chat.press("let's start")


async def suggestions_for(bot: Bot, words: str) -> list[Sent]:
    """Describe, go on, in person, Ann Arbor: the replies up to the suggestions."""
    replies = await bot.chat.send(words)
    replies += await bot.chat.press("go on")
    replies += await bot.chat.press("In person")
    replies += await bot.chat.send("Ann Arbor")
    return replies


def cards(replies: list[Sent]) -> list[str]:
    """The suggestion cards among the replies."""
    return [r.plain for r in replies if r.plain[:2] in ("1.", "2.", "3.")]


async def test_dual_focus_favours_dual_groups(make_bot: Any, engine: Engine) -> None:
    payload = await referral_link(make_bot, engine, "dual diagnosis")
    referred = await make_bot(chat_id=4001)
    (question,) = await start_referred(referred, payload)
    assert question.plain.startswith(strings.FOCUS_DUAL)
    with_link = cards(await suggestions_for(referred, CONCERN))
    unreferred = await make_bot(chat_id=4002)
    await to_concern(unreferred)
    without = cards(await suggestions_for(unreferred, CONCERN))
    assert with_link and without
    assert any(DUAL_REASON in card for card in with_link)
    assert not any(DUAL_REASON in card for card in without)  # only drinking was named


async def test_family_focus_looks_for_someone_close(make_bot: Any, engine: Engine) -> None:
    payload = await referral_link(make_bot, engine, "family")
    referred = await make_bot(chat_id=4001)
    (question,) = await start_referred(referred, payload)
    assert question.plain.startswith(strings.FOCUS_FAMILY)
    assert strings.ASK_CONCERN_FAMILY in question.plain
    replies = await suggestions_for(referred, "drinking")
    assert strings.ASK_WHOM not in texts(replies)  # the link already said who it is about
    assert cards(replies) and all(FAMILY_REASON in card for card in cards(replies))
    unreferred = await make_bot(chat_id=4002)
    await to_concern(unreferred)
    asked = await suggestions_for(unreferred, "drinking")
    assert asked[-1].plain == strings.ASK_WHOM  # without the link it has to ask


async def test_concern_focus_is_filled_in_and_can_go_on(make_bot: Any, engine: Engine) -> None:
    payload = await referral_link(make_bot, engine, "gambling")
    referred = await make_bot(chat_id=4001)
    (question,) = await start_referred(referred, payload)
    assert question.text == strings.FOCUS_CONCERN.format(topic="gambling")
    assert question.labels == [strings.GO_ON_BUTTON, strings.NOT_IT_BUTTON]
    (ask,) = await referred.chat.press("go on")
    assert ask.plain == strings.ASK_FORMAT and state_of(referred) == Await.FORMAT


async def test_concern_focus_can_be_added_to_or_changed(make_bot: Any, engine: Engine) -> None:
    payload = await referral_link(make_bot, engine, "gambling")
    referred = await make_bot(chat_id=4001)
    await start_referred(referred, payload)
    (screen,) = await referred.chat.send("I feel so low and hopeless every day")
    assert screen.plain == strings.SCREEN_QUESTION["self"]  # hopelessness: asked, not assumed
    thanks, more = await referred.chat.press(strings.SCREEN_NO)
    assert thanks.plain == strings.SCREEN_THANKS
    assert "gambling" in more.plain and "low mood" in more.plain  # the message went on
    assert strings.NOT_IT_BUTTON in more.labels
    (changed,) = await referred.chat.press(strings.NOT_IT_BUTTON)
    assert "low mood" in changed.plain and "gambling" not in changed.plain
    assert strings.NOT_IT_BUTTON not in changed.labels
    dropped_first = await make_bot(chat_id=4002)
    await start_referred(dropped_first, payload)
    (dropped,) = await dropped_first.chat.press(strings.NOT_IT_BUTTON)
    assert dropped.plain == strings.FOCUS_DROPPED and state_of(dropped_first) == Await.CONCERN
    (said,) = await dropped_first.chat.send(CONCERN)
    assert "drinking" in said.plain and "gambling" not in said.plain


async def test_mydata_shows_the_referral_and_consent_can_be_withdrawn(
    make_bot: Any, engine: Engine
) -> None:
    payload = await referral_link(make_bot, engine, "dual diagnosis")
    referred = await make_bot(chat_id=4001)
    await start_referred(referred, payload)
    await referred.chat.press(strings.CONSENT_YES_BUTTON)
    (data,) = await referred.chat.send("/mydata")
    assert "Referral" in data.plain and "Dr Lee's link" in data.plain
    assert "mental health and substance use together" in data.plain
    assert "never your words): yes" in data.plain
    assert data.labels == [strings.STOP_SHARING_BUTTON]
    (withdrawn,) = await referred.chat.press(strings.STOP_SHARING_BUTTON)
    assert withdrawn.plain == strings.CONSENT_NO.format(clinician="Dr Lee")
    with session_scope(engine) as session:
        (referral,) = session.exec(select(Referral))
        assert referral.consent is False
    (after,) = await referred.chat.send("/mydata")
    assert "never your words): no" in after.plain and not after.labels


async def test_mydata_without_a_referral_has_no_referral_part(bot: Bot) -> None:
    await to_concern(bot)
    (data,) = await bot.chat.send("/mydata")
    assert "Referral" not in data.plain and not data.labels
