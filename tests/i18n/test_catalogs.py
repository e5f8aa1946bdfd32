"""The catalogs are complete and current: every text the code marks has a Spanish translation,
`pybabel extract` finds nothing the catalog lacks, and placeholders survive translation."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import i18n
from bot import strings

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}")
CLDR = {"EEE dd MMM, HH:mm", "EEEE dd MMMM, HH:mm", "EEEE", "HH:mm"}  # date patterns, not text


def extracted(tmp_path: Path) -> set[str]:
    """The msgids `pybabel extract` finds in the code now (as scripts/i18n runs it)."""
    pot = tmp_path / "now.pot"
    pybabel = Path(sys.executable).with_name("pybabel")
    subprocess.run(
        [str(pybabel), "-q", "extract", "-F", "babel.cfg", "-k", "_", "--no-location",
         "-o", str(pot), "."],
        cwd=ROOT, check=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    with pot.open("rb") as handle:
        return {m.id for m in read_po(handle) if m.id}


@pytest.mark.parametrize("code", [c for c in i18n.available() if c != i18n.SOURCE])
def test_every_marked_text_is_translated_and_the_catalog_is_current(
    code: str, tmp_path: Path
) -> None:
    po = ROOT / "i18n" / "locale" / code / "LC_MESSAGES" / "firststep.po"
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=code)
    entries = {m.id: m for m in catalog if m.id}
    now = extracted(tmp_path)
    assert now - set(entries) == set(), "new texts: run scripts/i18n update, then translate them"
    assert set(entries) - now == set(), "texts gone from the code: run scripts/i18n update"
    untranslated = [i for i, m in entries.items() if not m.string or m.fuzzy]
    assert untranslated == []
    for msgid, entry in entries.items():
        assert sorted(PLACEHOLDER.findall(msgid)) == sorted(PLACEHOLDER.findall(entry.string))
        for tag in ("b", "i", "a"):  # HTML stays balanced (Telegram refuses a broken message)
            assert entry.string.count(f"<{tag}") == entry.string.count(f"</{tag}>"), msgid


def test_a_new_text_is_caught_as_stale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check above can fail: a text added to the code is found by the extraction."""
    copy = tmp_path / "tree"
    for part in ("bot", "directory", "i18n"):
        shutil.copytree(ROOT / part, copy / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "babel.cfg", copy / "babel.cfg")
    (copy / "bot" / "strings.py").write_text(
        (copy / "bot" / "strings.py").read_text() + '\nBRAND_NEW = _("A brand new text")\n'
    )
    monkeypatch.setattr(sys.modules[__name__], "ROOT", copy)
    assert "A brand new text" in extracted(tmp_path)


def test_every_person_facing_constant_is_marked() -> None:
    """Conversation, follow-up, referred-person and operations texts are all wrapped in _()."""
    source = (ROOT / "bot" / "strings.py").read_text()
    staff_start = source.index("# STAFF (bot/staff)")
    staff_end = source.index("# a referred person")
    ops = source.index("# OPERATIONS (bot/ops)")
    data_only = {"ICS_FILENAME", "REFERRAL_UNKNOWN", "SCHEDULER_TEMPLATES"}
    unmarked = []
    for node in ast.parse(source).body:
        if not isinstance(node, ast.Assign | ast.AnnAssign):
            continue
        target = node.targets[0] if isinstance(node, ast.Assign) else node.target
        name = getattr(target, "id", "")
        offset = sum(len(line) + 1 for line in source.splitlines()[: node.lineno - 1])
        staff = staff_start < offset < staff_end and not offset > ops
        if not name.isupper() or name in data_only or staff or name == "STAFF_COMMANDS":
            continue
        if not i18n.is_marked(getattr(strings, name)):
            unmarked.append(name)
    assert unmarked == []


def test_texts_read_in_the_current_locale_and_english_is_the_source() -> None:
    assert strings.CONSENT_BUTTON == "OK, let's start"
    with i18n.using("es"):
        assert strings.CONSENT_BUTTON == "De acuerdo, empecemos"
        assert strings.TOPIC_NAMES["alcohol"] == "la bebida"
        from bot.strings import ASK_FORMAT

        assert ASK_FORMAT == "¿Prefieres reunirte en persona o por internet?"
    assert strings.CONSENT_BUTTON == "OK, let's start"
    with i18n.using("xx"):  # no catalog: English
        assert strings.CONSENT_BUTTON == "OK, let's start"
    assert strings.REFUSED_ADMIN == "Sorry, that is only for admins."  # staff stay English


def test_dates_and_lists_in_spanish() -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from directory import wording

    saturday = datetime(2026, 12, 5, 19, 0, tzinfo=ZoneInfo("Europe/Madrid"))
    with i18n.using("es"):
        assert i18n.format_when(saturday, strings.WHEN_FORMAT) == "sáb 5 dic, 19:00"
        assert i18n.format_when(saturday, strings.FOLLOWUP_WHEN_FORMAT) == (
            "sábado 5 de diciembre, 19:00"
        )
        assert wording.concern_phrase(["alcohol", "gambling"]) == "el alcohol y el juego"
        assert wording.language_name("es") == "español"
    assert i18n.format_when(saturday, strings.WHEN_FORMAT) == "Sat 05 Dec, 19:00"


def test_telegram_codes_map_to_a_catalog() -> None:
    assert i18n.best_match("es-MX") == "es" and i18n.best_match("es") == "es"
    assert i18n.best_match("de") is None and i18n.best_match(None) is None
