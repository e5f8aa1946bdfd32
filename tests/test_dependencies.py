"""pyproject's dependencies match the code: what the packages import is declared, what is declared
is used, every runtime dependency has a compatible range, test-only tools stay in `dev`."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("bot", "nlp", "directory", "i18n")
# Declared but not imported by name: used through another package.
INDIRECT = {
    "psycopg": "the PostgreSQL driver SQLAlchemy loads for postgresql+psycopg:// URLs",
    "tzdata": "time-zone data zoneinfo reads where the system has none",
}


def _name(requirement: str) -> str:
    return re.split(r"[\[<>=~!;\s]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _declared() -> tuple[list[str], list[str]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return project["dependencies"], project["optional-dependencies"]["dev"]


def _imports_of(folder: str) -> set[str]:
    """Every top-level module imported under a folder, the project's own included."""
    found: set[str] = set()
    for path in (ROOT / folder).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add(node.module.split(".")[0])
    return found


def _imported(folders: tuple[str, ...]) -> set[str]:
    """Top-level modules imported by the code under these folders (not its own, not stdlib)."""
    found = set().union(*(_imports_of(folder) for folder in folders))
    own = set(PACKAGES) | {"tests", "bench"}
    return {m for m in found if m not in own and m not in sys.stdlib_module_names}


def _distributions(modules: set[str]) -> set[str]:
    by_module = packages_distributions()
    return {d.lower().replace("_", "-") for m in modules for d in by_module.get(m, [m])}


def test_every_import_of_the_packages_is_a_runtime_dependency() -> None:
    runtime, _ = _declared()
    declared = {_name(r) for r in runtime}
    missing = _distributions(_imported(PACKAGES)) - declared
    assert not missing, f"imported by {PACKAGES} but not in [project] dependencies: {missing}"


def test_every_runtime_dependency_is_imported() -> None:
    runtime, _ = _declared()
    used = _distributions(_imported(PACKAGES)) | set(INDIRECT)
    unused = {_name(r) for r in runtime} - used
    assert not unused, f"declared but never imported: {unused}"


def test_every_dependency_has_a_compatible_range() -> None:
    runtime, dev = _declared()
    for requirement in runtime + dev:
        if _name(requirement) == "tzdata":  # its versions are data releases, each compatible
            continue
        assert "<" in requirement and ">=" in requirement, requirement


def test_test_only_tools_are_dev_dependencies() -> None:
    runtime, dev = _declared()
    only_tests = _distributions(_imported(("tests", "bench"))) - _distributions(_imported(PACKAGES))
    declared_runtime = {_name(r) for r in runtime}
    assert not only_tests & declared_runtime, only_tests & declared_runtime
    assert {"pytest", "hypothesis", "jsonschema"} <= {_name(r) for r in dev}


def test_ptb_extras_are_the_ones_used() -> None:
    """callback-data (arbitrary callback data) is not used: buttons carry short strings."""
    runtime, _ = _declared()
    (ptb,) = [r for r in runtime if _name(r) == "python-telegram-bot"]
    extras = set(re.search(r"\[(.*?)\]", ptb).group(1).split(","))  # type: ignore[union-attr]
    assert extras == {"job-queue", "rate-limiter", "webhooks"}
    assert "arbitrary_callback_data" not in "".join(
        p.read_text() for folder in PACKAGES for p in (ROOT / folder).rglob("*.py")
    )


def test_the_layers_import_one_way() -> None:
    """nlp/ knows nothing of Telegram, the database or the directory; directory/ nothing of bot/
    or Telegram (design.md, Architecture); only bot/ composes them."""
    assert not _imports_of("nlp") & {"bot", "directory", "telegram", "sqlmodel", "sqlalchemy"}
    assert not _imports_of("directory") & {"bot", "telegram"}


def test_bot_uses_only_ptbs_public_api() -> None:
    """Private PTB names may change within 22.x without warning: none is imported or reached,
    but the one place PTB offers no public way (documented there; pyproject pins 22.8.x)."""
    allowed = {("bot/ops/retention.py", "handler._conversations")}
    private = re.compile(
        r"telegram(?:\.ext)?\._\w+|\bbot\._\w+|\._(?:post|base_limiter|conversations|bot_user)\b"
        r"|handler\._[a-z]\w*"
    )
    found = {
        (str(path.relative_to(ROOT)), match.group())
        for folder in PACKAGES
        for path in (ROOT / folder).rglob("*.py")
        for match in private.finditer(path.read_text())
    }
    assert found == allowed
