"""Admins: invites (link and /redeem), /roles, /revoke; through the real Application."""

from __future__ import annotations

import logging
import re

import pytest

from bot import strings
from tests.staff.conftest import ADMIN, COORDINATOR, STRANGER, Running, texts


async def _invite(app: Running, role: str) -> str:
    sent = await app.chat(ADMIN).send(f"/invite {role}")
    match = re.search(r"https://t\.me/firststep_bot\?start=inv_([A-Za-z0-9_-]+)", texts(sent))
    assert match, texts(sent)
    assert f"/redeem {match.group(1)}" in texts(sent)
    return match.group(1)


async def test_an_invite_link_makes_a_coordinator_once(app: Running) -> None:
    code = await _invite(app, "coordinator")
    newcomer = app.chat(6000, "Nia")
    refused = strings.REFUSED.format(role="coordinator")
    assert texts(await newcomer.send("/groups")) == refused
    sent = await newcomer.send(f"/start inv_{code}")
    assert texts(sent).startswith("Welcome! You are now a coordinator.")
    assert strings.WELCOME not in [s.text for s in sent]  # no client welcome for staff
    assert texts(await newcomer.send("/groups")) == strings.GROUPS_NONE
    again = await app.chat(6001).send(f"/redeem {code}")
    assert texts(again) == strings.REDEEM_PROBLEMS["used"]
    roles = texts(await app.chat(ADMIN).send("/roles"))
    assert "6000 (Nia) — coordinator" in roles and "6001" not in roles


async def test_redeem_by_command_and_bad_codes(app: Running) -> None:
    code = await _invite(app, "clinician")
    stranger = app.chat(STRANGER)
    assert texts(await stranger.send("/redeem")) == strings.REDEEM_USAGE
    assert texts(await stranger.send("/redeem nonsense")) == strings.REDEEM_PROBLEMS["unknown"]
    assert texts(await stranger.send(f"/redeem {code}")).startswith(
        "Welcome! You are now a clinician."
    )
    assert "firststep_bot?start=ref_" in texts(await stranger.send("/referrallink"))


async def test_revoke_takes_effect_at_the_next_command(app: Running) -> None:
    coordinator = app.chat(COORDINATOR)
    assert "No groups match." in texts(await coordinator.send("/groups"))
    admin = app.chat(ADMIN)
    assert texts(await admin.send("/revoke abc")).startswith("abc is not a Telegram user id")
    assert texts(await admin.send(f"/revoke {COORDINATOR} wizard")).startswith(
        "wizard is not a role"
    )
    assert (
        texts(await admin.send(f"/revoke {COORDINATOR}")) == f"Revoked 1 role(s) of {COORDINATOR}."
    )
    assert texts(await admin.send(f"/revoke {COORDINATOR}")).startswith(f"{COORDINATOR} holds no")
    refused = texts(await coordinator.send("/groups"))
    assert refused == strings.REFUSED.format(role="coordinator")


@pytest.mark.parametrize("command", ["/invite coordinator", "/roles", f"/revoke {COORDINATOR}"])
async def test_admin_commands_are_refused_to_everyone_else(
    app: Running, command: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="bot.staff.tg")
    sent = await app.chat(COORDINATOR).send(command)
    assert texts(sent) == strings.REFUSED_ADMIN
    (record,) = [r for r in caplog.records if r.message == "staff action refused"]
    assert record.user_id == COORDINATOR and record.role == "admin"  # type: ignore[attr-defined]
    assert command not in caplog.text  # ids only, never what was written
    assert "Cora" in texts(await app.chat(ADMIN).send("/roles"))  # still a coordinator


async def test_an_invite_needs_a_known_role(app: Running) -> None:
    assert texts(await app.chat(ADMIN).send("/invite wizard")) == strings.INVITE_USAGE
    assert texts(await app.chat(ADMIN).send("/invite")) == strings.INVITE_USAGE


async def test_staff_lists_the_commands_of_the_roles_held(app: Running) -> None:
    assert texts(await app.chat(STRANGER).send("/staff")) == strings.STAFF_NONE
    coordinator = texts(await app.chat(COORDINATOR).send("/staff"))
    assert coordinator == strings.STAFF_COMMANDS["coordinator"]
    admin = texts(await app.chat(ADMIN).send("/staff"))
    assert admin.splitlines() == [
        strings.STAFF_COMMANDS[r] for r in ("admin", "coordinator", "clinician", "volunteer")
    ]
