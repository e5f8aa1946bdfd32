"""Coordinator commands never crash on odd input (issue 17, finding 7): a group name with a
newline, ids in other scripts' digits, superscripts and control characters; through the real
Application, with a hypothesis fuzz of the commands' arguments."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from bot import strings
from bot.cli import app as app_cli
from bot.db import session_scope
from bot.staff.tg import parse_number
from directory.models import Group
from tests.ops.test_fuzz_inputs import feed, message
from tests.staff.conftest import ADMIN, COORDINATOR, Running, texts
from tests.staff.test_coordinator_handlers import _add_online

DIGITS = "0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳०१२३০১২๑๒０１２３𝟏𝟐"
NOT_DIGITS = "¹²³⁰⁴⁹₀₁₂①⑵½Ⅻ"
CONTROLS = "\x01\x07\t\n\r\x0b\x0c\x1c\x1f\x7f\x85\u200b\u200e\u202e\u2028\u2029\ufeff -+"
GROUP_COMMANDS = ("archivegroup", "restoregroup", "verify", "history", "editgroup")
FUZZED_COMMANDS = [*GROUP_COMMANDS, "revoke", "removevolunteer", "volunteer group",
                   "volunteer online", "volunteer area", "groups", "referralname"]  # fmt: skip


def errors(app: Running) -> float:
    return float(app.application.bot_data.metrics.update_errors._value.get())


def _rename(engine: Engine, group_id: int, name: str) -> None:
    with session_scope(engine) as session:
        group = session.get(Group, group_id)
        assert group is not None
        group.name = name
        session.add(group)


def _name(engine: Engine, group_id: int) -> str:
    with session_scope(engine) as session:
        group = session.get(Group, group_id)
        assert group is not None
        return group.name


def test_numbers_in_any_scripts_decimal_digits_are_read_and_nothing_else() -> None:
    assert parse_number("12") == 12 and parse_number(" ١٢ ") == 12
    assert parse_number("１２") == 12 and parse_number("۱۲") == 12 and parse_number("१२") == 12
    for text in ("²", "¹²", "1²", "½", "①", "-1", "+1", "1 2", "", "1\x00", "9" * 19):
        assert parse_number(text) is None, text


async def test_a_group_name_with_a_newline_can_be_edited(app: Running, seeded: Engine) -> None:
    group_id = await _add_online(app)
    _rename(seeded, group_id, "Tuesday\nHope\u2028Group")  # as an import may have stored it
    chat, before = app.chat(COORDINATOR), errors(app)
    shown = texts(await chat.send(f"/editgroup {group_id}"))
    assert "name: Tuesday Hope Group" in shown
    changed = texts(await chat.send("start: 20:00"))
    assert "start: 19:30 → 20:00" in changed and "name:" not in changed
    saved = texts(await chat.press("Save"))
    assert saved == strings.EDIT_SAVED.format(group_id=group_id)
    assert _name(seeded, group_id) == "Tuesday\nHope\u2028Group"  # untouched: only start changed
    texts(await chat.send(f"/editgroup {group_id}"))
    renamed = texts(await chat.send("name: Tuesday\x07\tHope"))  # a bell and a tab
    assert "name: Tuesday Hope Group → Tuesday Hope" in renamed
    await chat.press("Save")
    assert _name(seeded, group_id) == "Tuesday Hope"
    assert errors(app) == before


async def test_group_ids_in_other_digits_are_read_and_superscripts_kindly_refused(
    app: Running, seeded: Engine
) -> None:
    group_id = await _add_online(app)
    assert group_id == 1
    chat, before = app.chat(COORDINATOR), errors(app)
    for command in GROUP_COMMANDS:
        for odd in ("²", "¹", "⁴²", "1²", "99999999999999999999"):
            answer = texts(await chat.send(f"/{command} {odd}"))
            assert answer == strings.NOT_A_GROUP_NUMBER.format(command=command), (command, odd)
    assert "Group 1 now:" in texts(await chat.send("/editgroup ١"))
    await chat.send("/cancel")
    verified = strings.VERIFIED.format(group_id=1, day="2026-12-01")
    assert texts(await chat.send("/verify ١")) == verified
    assert texts(await chat.send("/verify １")) == verified
    assert "group 1" in texts(await chat.send("/history ۱")).lower()
    assert texts(await chat.send("/restoregroup １")) == strings.NOT_ARCHIVED.format(group_id=1)
    asked = await chat.send("/archivegroup ١")
    assert asked[-1].labels == [strings.ARCHIVE_BUTTON, strings.CANCEL_BUTTON]
    assert errors(app) == before


async def test_a_revoke_and_a_volunteer_removal_with_odd_ids_are_answered(app: Running) -> None:
    admin, before = app.chat(ADMIN), errors(app)
    refused = texts(await admin.send("/revoke ²"))
    assert refused == strings.REVOKE_BAD_ID.format(value="²")
    assert texts(await admin.send("/removevolunteer ²")) == strings.REMOVE_VOLUNTEER_USAGE
    assert texts(await admin.send("/revoke ٣٠٠٠")).startswith("Revoked 1 role(s) of 3000")
    assert errors(app) == before


odd_arguments = st.lists(
    st.text(alphabet=DIGITS + NOT_DIGITS + CONTROLS, min_size=1, max_size=24), max_size=3
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    command=st.sampled_from(FUZZED_COMMANDS),
    args=odd_arguments,
    who=st.sampled_from([ADMIN, COORDINATOR]),
)
async def test_any_digits_and_control_characters_in_staff_commands_never_crash(
    app: Running, command: str, args: list[str], who: int
) -> None:
    text = " ".join([f"/{command}", *args])
    await feed(app.application, message(who, text))
    await feed(app.application, message(who, "/cancel"))


DEEP = {
    "lists": "[" * 100_000 + "]" * 100_000,
    "objects": '{"meetings":' * 50_000 + "[]" + "}" * 50_000,
    "an entry": '[{"name": "G", "slug": "g", "types": ' + "[" * 100_000 + "]" * 100_000 + "}]",
}


async def test_deeply_nested_json_imports_are_refused_kindly(app: Running, seeded: Engine) -> None:
    chat, before = app.chat(COORDINATOR), errors(app)
    for text in DEEP.values():
        await chat.send("/import AA")
        answer = texts(await chat.send_document("deep.json", text.encode()))
        assert "not valid JSON" in answer and "Nothing was changed" in answer, answer
        await chat.send("/cancel")
    assert errors(app) == before


def test_deeply_nested_json_imports_are_refused_on_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/cli.sqlite3")
    runner = CliRunner()
    assert runner.invoke(app_cli, ["directory", "seed"]).exit_code == 0
    for name, text in DEEP.items():
        feed_path = tmp_path / f"{name.replace(' ', '-')}.json"
        feed_path.write_text(text, encoding="utf-8")
        result = runner.invoke(
            app_cli, ["directory", "import", str(feed_path), "--fellowship", "AA"]
        )
        assert result.exit_code == 1 and "not valid JSON" in result.output, (name, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit)
