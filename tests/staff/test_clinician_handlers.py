"""Clinicians through the real Application: a link and QR code, a referred client's consent
(yes, no, no answer), the funnel as text and chart, and refusals."""

from __future__ import annotations

import io
import logging
import re

import pytest
from PIL import Image
from sqlalchemy.engine import Engine
from sqlmodel import select

from bot import strings
from bot.db import session_scope
from bot.models import EventKind
from bot.people import find_person, record_event
from bot.staff.models import Referral
from tests.staff.conftest import (
    ADMIN,
    CLIENT,
    CLINICIAN,
    COORDINATOR,
    NOW,
    STRANGER,
    Running,
    signed,
    texts,
)


async def _link(app: Running, focus: str = "") -> str:
    sent = await app.chat(CLINICIAN, "Dr Lee").send(f"/referrallink {focus}".strip())
    match = re.search(r"https://t\.me/firststep_bot\?start=(ref_[A-Za-z0-9_-]+)", texts(sent))
    assert match, texts(sent)
    (qr,) = [s for s in sent if s.content]
    assert qr.file_name == "firststep-referral-qr.png"
    image = Image.open(io.BytesIO(qr.content or b""))
    assert image.format == "PNG" and image.size[0] >= 200
    return match.group(1)


def _progress(engine: Engine, chat_id: int, *kinds: EventKind) -> None:
    with session_scope(engine) as session:
        person = find_person(session, chat_id)
        assert person is not None and person.id is not None
        for kind in kinds:
            record_event(session, person_id=person.id, kind=kind, now=NOW)


async def test_a_referred_client_is_told_who_and_asked(app: Running, seeded: Engine) -> None:
    payload = await _link(app)
    client = app.chat(CLIENT)
    sent = await client.send(f"/start {payload}")
    assert sent[0].text == strings.WELCOME  # the bot says what it is first
    assert texts(sent[1:]).startswith("You came here through a link from Dr Lee.")
    assert sent[-1].labels == [strings.CONSENT_YES_BUTTON, strings.CONSENT_NO_BUTTON]
    answer = texts(await client.press("Yes, they may see"))
    assert answer == strings.CONSENT_YES.format(clinician="Dr Lee")
    with session_scope(seeded) as session:
        (referral,) = session.exec(select(Referral))
        assert referral.consent is True
    again = await client.send(f"/start {payload}")
    assert strings.CONSENT_YES_BUTTON not in [label for s in again for label in s.labels]


async def test_the_funnel_shows_lines_only_for_clients_who_said_yes(
    app: Running, seeded: Engine
) -> None:
    payload = await _link(app)
    for chat_id, answer in ((CLIENT, "Yes"), (CLIENT + 1, "No"), (CLIENT + 2, None)):
        chat = app.chat(chat_id)
        await chat.send(f"/start {payload}")
        if answer:
            await chat.press(answer)
    _progress(seeded, CLIENT, EventKind.matched, EventKind.planned, EventKind.went)
    _progress(seeded, CLIENT + 1, EventKind.matched, EventKind.planned)
    sent = await app.chat(CLINICIAN).send("/referrals")
    text = texts(sent)
    shared = "Clients who agreed to share their progress: 1 started · 1 found a group · 1 planned"
    assert shared in text
    lines = re.findall(r"client [0-9A-F]{4} \(since 01 Dec\): .*", text)
    assert lines == [lines[0]] and "went yes" in lines[0]
    assert strings.FUNNEL_OTHERS_HIDDEN.format(n=5) in text  # two others: no counts at all
    (chart,) = [s for s in sent if s.content]
    assert chart.file_name == "firststep-referrals.png"
    assert Image.open(io.BytesIO(chart.content or b"")).format == "PNG"


async def test_a_focus_is_kept_and_a_bad_one_explained(app: Running) -> None:
    bad = texts(await app.chat(CLINICIAN).send("/referrallink knitting"))
    assert bad.startswith("'knitting' is not a focus I know; try one of: dual_diagnosis")
    shown = texts(await app.chat(CLINICIAN).send("/referrallink dual diagnosis"))
    assert "Your personal link (focus: dual diagnosis)" in shown
    plain = await _link(app)
    assert f"start={plain}" not in shown  # a different link for the focus


async def test_a_revoked_clinicians_link_attributes_nobody(app: Running, seeded: Engine) -> None:
    payload = await _link(app)
    await app.chat(ADMIN).send(f"/revoke {CLINICIAN}")
    sent = await app.chat(CLIENT).send(f"/start {payload}")
    assert [s.text for s in sent] == [strings.WELCOME]
    with session_scope(seeded) as session:
        assert session.exec(select(Referral)).all() == []


async def test_a_consent_button_without_a_referral_changes_nothing(
    app: Running, seeded: Engine
) -> None:
    stranger = app.chat(STRANGER)
    assert texts(await stranger.press_data(signed("refc:yes"))) == strings.BUTTON_EXPIRED
    assert texts(await stranger.press_data(signed("refc:maybe"))) == strings.BUTTON_EXPIRED
    unsigned = texts(await stranger.press_data("st:refc:yes"))  # left to the stale-button nudge
    assert strings.BUTTON_EXPIRED not in unsigned and "Dr Lee" not in unsigned
    with session_scope(seeded) as session:
        assert session.exec(select(Referral)).all() == []


@pytest.mark.parametrize("command", ["/referrallink", "/referrals", "/referralname Dr Who"])
async def test_clinician_commands_are_refused_without_the_role(
    app: Running, command: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="bot.staff.tg")
    for outsider in (STRANGER, COORDINATOR):
        sent = await app.chat(outsider).send(command)
        assert texts(sent) == strings.REFUSED.format(role="clinician")
        assert not any(s.content for s in sent)
    assert len([r for r in caplog.records if r.message == "staff action refused"]) == 2


async def test_a_client_can_change_their_answer_with_sharing(app: Running, seeded: Engine) -> None:
    payload = await _link(app)
    client = app.chat(CLIENT)
    await client.send(f"/start {payload}")
    await client.press("Yes, they may see")
    shown = await client.send("/sharing")
    assert texts(shown) == strings.SHARING_NOW[True].format(clinician="Dr Lee")
    assert texts(await client.press("No, keep it private")) == strings.CONSENT_NO.format(
        clinician="Dr Lee"
    )
    funnel = texts(await app.chat(CLINICIAN).send("/referrals"))
    assert "client " not in funnel and strings.FUNNEL_OTHERS_HIDDEN.format(n=5) in funnel
    assert texts(await app.chat(STRANGER).send("/sharing")) == strings.SHARING_NONE


async def test_the_name_clients_see_can_be_set(app: Running, seeded: Engine) -> None:
    clinician = app.chat(CLINICIAN, "bobby")
    assert texts(await clinician.send("/referralname")) == strings.NAME_USAGE
    done = texts(await clinician.send("/referralname Dr Lee, Riverside Clinic"))
    assert done == strings.NAME_SET.format(name="Dr Lee, Riverside Clinic")
    shown = texts(await clinician.send("/referrallink"))
    assert "it is from Dr Lee, Riverside Clinic" in shown  # the Telegram name does not replace it
    payload = re.search(r"start=(ref_\S+)", shown)
    assert payload
    asked = texts(await app.chat(CLIENT).send(f"/start {payload.group(1)}"))
    assert "a link from Dr Lee, Riverside Clinic." in asked
    admin = texts(await app.chat(ADMIN).send("/referralname The Admin"))
    assert admin == strings.NAME_ADMIN.format(name="The Admin")


async def test_one_client_who_said_no_cannot_be_picked_out(app: Running, seeded: Engine) -> None:
    clinician = app.chat(CLINICIAN)
    (empty_chart,) = [s for s in await clinician.send("/referrals") if s.content]
    payload = await _link(app)
    client = app.chat(CLIENT)
    await client.send(f"/start {payload}")
    await client.press("No")
    _progress(seeded, CLIENT, EventKind.matched, EventKind.planned, EventKind.went)
    sent = await clinician.send("/referrals")
    text = texts(sent)
    assert not re.search(r"\b1 (started|found a group|planned|went)", text), text
    assert "0 started" in text  # among clients who agreed: nobody
    assert strings.FUNNEL_OTHERS_HIDDEN.format(n=5) in text
    assert "under 5 reads 'fewer than 5'" in text
    (chart,) = [s for s in sent if s.content]
    assert chart.content == empty_chart.content  # nothing of theirs is drawn


async def test_counts_of_clients_who_said_no_under_five_read_fewer_than_five(
    app: Running, seeded: Engine
) -> None:
    payload = await _link(app)
    for number in range(6):
        chat = app.chat(CLIENT + number)
        await chat.send(f"/start {payload}")
        await chat.press("No")
    _progress(seeded, CLIENT, EventKind.matched, EventKind.planned, EventKind.went)
    for number in range(1, 6):
        _progress(seeded, CLIENT + number, EventKind.matched)
    text = texts(await app.chat(CLINICIAN).send("/referrals"))
    others = "6 started · 6 found a group · fewer than 5 planned · fewer than 5 went · 0 no answer"
    assert others in text and "all weeks together" in text
    assert "week of" not in text  # never by week
