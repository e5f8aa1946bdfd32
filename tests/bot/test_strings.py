"""The one strings module: every section's names are distinct (a later section must never silently
replace an earlier string), and no package keeps strings of its own."""

from __future__ import annotations

import ast
import collections
import importlib.util
from pathlib import Path

import bot.strings

ROOT = Path(bot.strings.__file__).parent


def test_no_string_is_defined_twice() -> None:
    tree = ast.parse(Path(bot.strings.__file__).read_text(encoding="utf-8"))
    names: collections.Counter[str] = collections.Counter()
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else []
        if isinstance(node, ast.AnnAssign):
            targets = [node.target]
        names.update(t.id for t in targets if isinstance(t, ast.Name))
    assert names and not [name for name, count in names.items() if count > 1]


def test_follow_ups_staff_and_ops_use_the_one_module() -> None:
    for package in ("bot.followups.strings", "bot.staff.strings", "bot.ops.strings"):
        assert importlib.util.find_spec(package) is None
    for path in [*ROOT.glob("followups/*.py"), *ROOT.glob("staff/*.py"), *ROOT.glob("ops/*.py")]:
        assert "import strings" not in path.read_text(encoding="utf-8").replace(
            "from bot import strings", ""
        ), path


def test_operations_strings_are_in_their_own_section_and_plain() -> None:
    text = Path(bot.strings.__file__).read_text(encoding="utf-8")
    section = text.split("# OPERATIONS (bot/ops)", 1)[1]
    ops_names = [name for name in vars(bot.strings) if name.startswith("OPS_")]
    assert sorted(ops_names) == [
        "OPS_ONE_MOMENT",
        "OPS_SOMETHING_WENT_WRONG",
        "OPS_TOO_LONG",
        "OPS_TROUBLE",
    ]
    for name in ops_names:
        assert f"\n{name} = " in section, name  # defined in the OPERATIONS section
        value = getattr(bot.strings, name)
        assert value.strip() and "<" not in value, name  # sent without a parse mode
