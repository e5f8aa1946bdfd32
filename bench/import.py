"""Benchmark: the time and memory to import and export a Meeting Guide feed of N meetings.

Each run is a fresh process on a fresh SQLite database (seeded fellowships), so its peak
resident memory is its own: it reads a feed in 12 Step Meeting List's shape (in person with an
address and coordinates, online with an approximate one, hybrid, entries of one group as
``slug-2`` ...), imports it, then exports the directory as Meeting Guide JSON. The baseline, in
the same kind of process, only loads the same modules and places, parses the feed and writes it
back as JSON (what any import must at least do). Printed: medians of the rounds, per size, and
the memory above the baseline, to show whether memory grows with the feed.

    .venv/bin/python bench/import.py [--sizes 2500,5000,10000] [--rounds 3] [--code DIR]

``--code DIR`` also runs a copy of the code from DIR (``git archive COMMIT | tar -x -C DIR``),
alternated with this one, to compare the code before a change on the same feeds.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# --code DIR runs the children on another copy of the code (the code before a change, to compare)
CODE = Path(os.environ.get("FIRSTSTEP_BENCH_CODE", ROOT))
sys.path.insert(0, str(CODE))

TOWNS = [
    ("Holyoke", "MA", "01040", 42.204, -72.616), ("Springfield", "MA", "01103", 42.101, -72.590),
    ("Chicopee", "MA", "01013", 42.149, -72.608), ("Northampton", "MA", "01060", 42.325, -72.641),
    ("Westfield", "MA", "01085", 42.125, -72.749), ("Amherst", "MA", "01002", 42.373, -72.520),
]  # fmt: skip
TYPES = ["O", "C", "D", "B", "BE", "W", "M", "LGBTQ", "S", "ST", "SP", "X", "A", "12x12", "Y"]


def feed(meetings: int, seed: int = 7) -> bytes:
    """A feed of ``meetings`` entries; about half are a group's second or third meeting."""
    rng = random.Random(seed)
    entries: list[dict[str, Any]] = []
    group = 0
    while len(entries) < meetings:
        group += 1
        town, state, zip_code, lat, lon = rng.choice(TOWNS)
        kind = rng.choices(["in_person", "online", "hybrid"], [6, 3, 1])[0]
        base: dict[str, Any] = {
            "name": f"Group {group}", "time": f"{rng.randint(6, 21):02d}:{rng.choice([0, 30]):02d}",
            "end_time": None, "timezone": "America/New_York",
            "types": sorted(rng.sample(TYPES, rng.randint(1, 4))),
            "updated": "2026-05-20 10:00:00", "url": f"https://aa-example.org/meetings/g{group}/",
            "location": f"Hall {group}", "region": town,
        }  # fmt: skip
        if kind != "online":
            base |= {
                "formatted_address": f"{group} Main St, {town}, {state} {zip_code}, USA",
                "latitude": lat + rng.uniform(-0.05, 0.05),
                "longitude": lon + rng.uniform(-0.05, 0.05), "approximate": "no",
            }  # fmt: skip
        else:
            base |= {"formatted_address": f"{town}, {state}, USA", "approximate": "yes"}
        if kind != "in_person":
            base["conference_url"] = f"https://zoom.us/j/{100000 + group}"
        base["attendance_option"] = kind
        for n, day in enumerate(rng.sample(range(7), rng.choice([1, 1, 2, 3]))):
            slug = f"group-{group}" + (f"-{n + 1}" if n else "")
            entries.append({**base, "slug": slug, "day": day})
    return json.dumps(entries[:meetings]).encode()


def child(mode: str, path: str, database: str) -> dict[str, float]:
    """One measured run, in this (fresh) process."""
    from sqlmodel import Session

    from bot.db import make_engine, upgrade
    from directory import meeting_guide
    from directory.geo import geocode
    from directory.meeting_guide import dumps, import_meeting_guide
    from directory.seed import seed

    # the code before this round had no iter_meeting_guide: it built the whole list
    entries = getattr(meeting_guide, "iter_meeting_guide", meeting_guide.export_meeting_guide)

    url = f"sqlite:///{database}"
    upgrade(url)
    engine = make_engine(url)
    geocode("Holyoke, MA")  # the places every run loads, loaded before the clock starts
    with Session(engine) as session:
        seed(session, now=datetime.now(UTC))
        session.commit()
    data = Path(path).read_bytes()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures: dict[str, float] = {}
    started = time.perf_counter()
    if mode == "baseline":
        text = json.dumps(json.loads(data))
        figures["import_s"] = time.perf_counter() - started
        figures["export_s"] = 0.0
        figures["entries"] = float(len(text) > 0)
    else:
        with Session(engine) as session:
            report = import_meeting_guide(session, data, source="bench")
            session.commit()
            assert report.ok and not report.skipped, report.summary()
        figures["import_s"] = time.perf_counter() - started
        started = time.perf_counter()
        with Session(engine) as session:
            figures["entries"] = float(len(dumps(entries(session))) > 0)
        figures["export_s"] = time.perf_counter() - started
    figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures["start_mb"] = before
    return figures


def run(mode: str, path: str, code: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        command = [sys.executable, __file__, "--child", mode, path, f"{folder}/bench.sqlite3"]
        env = {**os.environ, "FIRSTSTEP_BENCH_CODE": str(code)}
        out = subprocess.run(command, capture_output=True, text=True, cwd=code, env=env)
    if out.returncode:
        raise SystemExit(f"a run failed on {code}:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(args: Any) -> None:
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"import: Meeting Guide feeds, medians of {args.rounds} rounds, a fresh process each")
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            path = f"{folder}/feed-{size}.json"
            Path(path).write_bytes(feed(size))
            modes = [("baseline", ROOT), ("firststep", ROOT)]
            if args.code:
                modes.append(("before", Path(args.code)))
            rounds: dict[str, list[dict[str, float]]] = {m: [] for m, _ in modes}
            for _ in range(args.rounds):  # alternated, so a busy moment hits every way alike
                for mode, code in modes:
                    child_mode = "baseline" if mode == "baseline" else "import"
                    rounds[mode].append(run(child_mode, path, code))

            def med(
                mode: str, key: str, rounds: dict[str, list[dict[str, float]]] = rounds
            ) -> float:
                return statistics.median(r[key] for r in rounds[mode])

            extra = med("firststep", "peak_mb") - med("baseline", "peak_mb")
            print(
                f"  {size:>6} meetings ({Path(path).stat().st_size / 1e6:.1f} MB): import "
                f"{med('firststep', 'import_s'):.2f} s, "
                f"export {med('firststep', 'export_s'):.2f} s; "
                f"peak memory {med('firststep', 'peak_mb'):.0f} MB (the baseline, which only "
                f"parses and writes the JSON: {med('baseline', 'import_s'):.2f} s, "
                f"{med('baseline', 'peak_mb'):.0f} MB; {extra:.0f} MB above it, "
                f"{extra * 1000 / size:.1f} KB a meeting)"
            )
            if args.code:
                print(
                    f"         the code in {args.code}: import {med('before', 'import_s'):.2f} s, "
                    f"export {med('before', 'export_s'):.2f} s, peak memory "
                    f"{med('before', 'peak_mb'):.0f} MB"
                )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        import logging

        logging.disable(logging.WARNING)
        print(json.dumps(child(sys.argv[2], sys.argv[3], sys.argv[4])))
        sys.exit(0)
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--sizes", default="2500,5000,10000")
    options.add_argument("--rounds", type=int, default=3)
    options.add_argument("--code", help="also run this copy of the code (e.g. before a change)")
    main(options.parse_args())
