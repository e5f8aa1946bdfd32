"""`firststep run` from the outside: a wrong database setting is a clear, non-zero exit."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import no_such_database

ROOT = Path(__file__).resolve().parents[2]
FIRSTSTEP = Path(sys.executable).with_name("firststep")


def run_firststep(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run `firststep run` with a clean environment plus env, in an empty folder."""
    base = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path)}
    return subprocess.run(
        [str(FIRSTSTEP), "run"],
        cwd=tmp_path,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.postgres
def test_a_database_that_answers_no_at_start_exits_1_with_one_clear_line(tmp_path: Path) -> None:
    # A server that says "no such database" is a setting to fix (an outage is ridden out:
    # tests/ops/test_outage.py).
    done = run_firststep(
        tmp_path,
        TELEGRAM_BOT_TOKEN="123456:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        DATABASE_URL=no_such_database(password="hunter2"),
    )
    assert done.returncode == 1
    assert "cannot be reached" in done.stderr
    assert "DATABASE_URL" in done.stderr
    assert "Traceback" not in done.stderr
    assert "hunter2" not in done.stderr
    assert "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" not in done.stderr


def test_webhook_without_secret_exits_1_before_doing_anything(tmp_path: Path) -> None:
    done = run_firststep(
        tmp_path,
        TELEGRAM_BOT_TOKEN="123456:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        FIRSTSTEP_WEBHOOK_URL="https://bot.example.org/telegram",
    )
    assert done.returncode == 1
    assert "FIRSTSTEP_WEBHOOK_SECRET" in done.stderr
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("postgresql+psycopg://bot:hunter2@127.0.0.1:54x2/firststep", "port is not a number"),
        ("postgresql+psycopg://bot:hunter2@127.0.0.1:99999/firststep", "port 99999"),
        ("postgresql+nodriver://bot:hunter2@127.0.0.1/firststep", "not installed"),
        ("mongodb://bot:hunter2@127.0.0.1/firststep", "not supported"),
        ("bot:hunter2 at the usual place", "not a database URL"),
    ],
)
def test_a_malformed_database_url_is_one_line_not_a_traceback(
    tmp_path: Path, url: str, words: str
) -> None:
    done = run_firststep(
        tmp_path, TELEGRAM_BOT_TOKEN="123456:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", DATABASE_URL=url
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "DATABASE_URL" in lines[0] and words in lines[0]
    assert "hunter2" not in done.stderr and "Traceback" not in done.stderr
