"""`firststep console` as a person uses it: typed lines in, the bot's messages and choices out."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any


def test_console_walks_the_path_offline(
    sqlite_url: str, contact_group_id: int, tmp_path: Path
) -> None:
    env = {**os.environ, "DATABASE_URL": sqlite_url, "FIRSTSTEP_DATA_DIR": str(tmp_path)}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    # Choose 1, (a newcomer contact: yes), the first date, the calendar file.
    lines = [
        "1",
        "I drink too much, every night",
        "1",
        "1",
        "Ann Arbor",
        "1",
        "1",
        "1",
        "1",
        "quit",
    ]
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "console"],
        input="\n".join(lines) + "\n", env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    out: Any = done.stdout
    assert done.returncode == 0, done.stderr
    assert "not a therapist" in out and "[1] OK, let's start" in out
    assert "I understood: drinking" in out and "[1] In person" in out
    assert "1. " in out and "Next meeting:" in out and "[1] Choose 1" in out
    assert "It's a plan" in out and "meeting.ics saved to" in out
    assert (tmp_path / "console" / "meeting.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert "Traceback" not in done.stderr
