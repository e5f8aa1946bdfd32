"""Services reach the handlers as one typed object (bot.services), never persisted; the handler
groups' order has one home (bot.handler_groups)."""

from __future__ import annotations

import ast
from pathlib import Path

from bot.handler_groups import Group
from bot.persistence import DatabasePersistence
from bot.services import Services
from tests.bot.conftest import Bot

ROOT = Path(__file__).resolve().parents[2]
BY_KEY = {"get", "setdefault", "pop", "update", "__getitem__", "__setitem__"}


def _string_key_uses(path: Path) -> list[int]:
    """Lines where `bot_data` is read or written by key: `x.bot_data["k"]`, `.get("k")` ..."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Subscript):
            target = node.value
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in BY_KEY
        ):
            target = node.func.value
        else:
            continue
        if ast.unparse(target).rsplit(".", 1)[-1] == "bot_data":
            found.append(node.lineno)
    return found


def test_no_module_reaches_bot_data_by_a_string_key() -> None:
    uses = {
        str(path.relative_to(ROOT)): lines
        for path in sorted((ROOT / "bot").rglob("*.py"))
        if (lines := _string_key_uses(path))
    }
    assert not uses, f"use the typed bot.services.Services attributes instead: {uses}"


def test_the_check_sees_a_string_key(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        'a = context.bot_data["engine"]\n'
        'b = application.bot_data.get("clock")\n'
        'context.bot_data.setdefault("x", {})\n'
        "c = context.bot_data.engine\n"
        "d = context.bot_data.language_offers.get(1)\n"
    )
    assert _string_key_uses(sample) == [1, 2, 3]


async def test_the_application_holds_its_services_typed_and_never_stores_them(bot: Bot) -> None:
    services = bot.application.bot_data
    assert isinstance(services, Services)
    assert services.engine is not None and services.parser is not None
    assert bot.application.persistence.store_data.bot_data is False
    assert DatabasePersistence(services.engine).store_data.bot_data is False


def test_groups_are_listed_in_the_order_they_run_and_keep_their_numbers() -> None:
    assert list(Group) == sorted(Group)
    assert {g.name: g.value for g in Group} == {
        "LOCALE": -110,
        "CRISIS": -100,
        "FLOOD": -95,
        "TOUCH": -90,
        "SIGNALS": -80,
        "LANGUAGE": -60,
        "RELAY": -40,
        "STAFF": -5,
        "FOLLOWUPS": -1,
        "CONVERSATION": 0,
        "REFERRAL": 1,
        "SAVE": 100,
    }


async def test_every_handler_of_the_bot_is_in_a_declared_group(bot: Bot) -> None:
    groups = list(bot.application.handlers)
    assert groups == sorted(groups)
    assert set(groups) == set(Group)
