"""Benchmark: follow-ups at scale (SQLite file, real worker process, local Bot API stand-in).

1. Scheduling: time for `record_plan` to schedule 100,000 follow-ups (50,000 plans, a reminder
   and a "How did it go?" each), in chunks; median chunk time per plan, against a baseline of
   inserting the same rows in bulk with SQLAlchemy Core in the same process.
2. Restart: seconds from starting `python -m bot.followups.worker` until it is ready (first
   dispatch run done, next wake-up armed) with those 100,000 follow-ups pending, against the
   same worker on an empty database (medians of several starts).
3. Dispatch throughput with PTB's AIORateLimiter against the stand-in: messages per second and the
   most messages seen in any sliding one-second window (Telegram allows about 30 a second), for
   "smooth" (bot.limits, 1 per 1/30 s: the limits the bot's Application and the worker share),
   PTB's default bucket "ptb" (30 per 1 s, for comparison), and no limiter (the baseline: what the
   dispatcher could do unthrottled).

    .venv/bin/python bench/followups.py [--plans 50000] [--chunk 5000] [--messages 450]
        [--only scheduling|restart|dispatch] [--rates smooth,ptb,off]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.db import make_engine, session_scope, upgrade  # noqa: E402
from bot.followups.models import FollowUp  # noqa: E402
from bot.followups.plans import record_plan  # noqa: E402
from bot.models import Person  # noqa: E402
from bot.settings import build_settings  # noqa: E402
from tests.followups.standin import TOKEN, BotApiStandIn, max_in_window  # noqa: E402

RATES = ("smooth", "ptb", "off")  # the worker's --rate choices


def quiet_far_from_now() -> str:
    """A quiet window 8-10 hours away (UTC), so the runs never fall inside it."""
    hour = (datetime.now(UTC).hour + 8) % 24
    return f"{hour:02d}:00-{(hour + 2) % 24:02d}:00"


def add_people(engine: sa.Engine, count: int, first_chat: int = 1) -> list[int]:
    """Insert people in bulk; returns their ids."""
    rows = [
        {"telegram_chat_id": first_chat + i, "timezone": "UTC", "status": "active",
         "created_at": datetime.now(UTC), "last_seen_at": datetime.now(UTC)}
        for i in range(count)
    ]  # fmt: skip
    with engine.begin() as conn:
        conn.execute(sa.insert(Person), rows)
        ids = conn.execute(
            sa.select(Person.id).where(Person.telegram_chat_id >= first_chat).order_by(Person.id)
        ).scalars()
        return list(ids)


def bench_scheduling(tmp: Path, plans: int, chunk: int) -> None:
    """record_plan for `plans` plans, in chunks, against a bulk-insert baseline."""
    url = f"sqlite:///{tmp}/schedule.sqlite3"
    upgrade(url)
    engine = make_engine(url)
    settings = build_settings(FIRSTSTEP_DEFAULT_TIMEZONE="UTC")
    people = add_people(engine, plans)
    now = datetime.now(UTC).replace(microsecond=0)
    start = (now + timedelta(days=2)).replace(hour=18, minute=0, second=0)  # all still to come
    per_plan: list[float] = []
    began = time.perf_counter()
    for first in range(0, plans, chunk):
        t0 = time.perf_counter()
        with session_scope(engine) as session:
            for pid in people[first : first + chunk]:
                record_plan(
                    session, person_id=pid, group_id=1, meeting_start=start,
                    meeting_end=start + timedelta(hours=1), timezone="UTC", settings=settings,
                    now=now,
                )  # fmt: skip
        per_plan.append((time.perf_counter() - t0) / len(people[first : first + chunk]))
    total = time.perf_counter() - began
    with engine.connect() as conn:
        rows = conn.execute(sa.select(sa.func.count()).select_from(FollowUp)).scalar_one()
    base_url = f"sqlite:///{tmp}/baseline.sqlite3"
    upgrade(base_url)
    base_engine = make_engine(base_url)
    base_people = add_people(base_engine, plans)
    t0 = time.perf_counter()
    with base_engine.begin() as conn:
        from bot.followups.models import Plan

        conn.execute(sa.insert(Plan), [
            {"person_id": p, "group_id": 1, "meeting_start": start,
             "meeting_end": start + timedelta(hours=1), "timezone": "UTC", "created_at": now}
            for p in base_people
        ])  # fmt: skip
        plan_ids = list(conn.execute(sa.select(Plan.id, Plan.person_id)).all())
        conn.execute(sa.insert(FollowUp), [
            {"person_id": pp, "plan_id": pl, "kind": kind, "due_at": start, "state": "pending",
             "attempts": 0, "created_at": now}
            for pl, pp in plan_ids for kind in ("reminder", "followup")
        ])  # fmt: skip
    baseline = time.perf_counter() - t0
    median = statistics.median(per_plan)
    print(f"scheduling: {rows} follow-ups ({plans} plans) with record_plan in {total:.1f} s")
    print(f"  median per plan {median * 1e3:.3f} ms over {len(per_plan)} chunks of {chunk}")
    print(f"  = {rows / total:,.0f} follow-ups/s; baseline bulk Core insert of the same rows:")
    print(f"  {baseline:.1f} s ({rows / baseline:,.0f} rows/s); record_plan/baseline = "
          f"{total / baseline:.1f}x")  # fmt: skip
    engine.dispose()
    base_engine.dispose()


def worker_env(url: str, base_url: str, quiet: str) -> dict[str, str]:
    """Environment for a worker process."""
    return {
        **os.environ, "PYTHONPATH": str(ROOT), "DATABASE_URL": url, "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": base_url, "FIRSTSTEP_QUIET_HOURS": quiet,
        "FIRSTSTEP_DEFAULT_TIMEZONE": "UTC",
    }  # fmt: skip


def start_worker(env: dict[str, str], cwd: Path, *args: str) -> tuple[subprocess.Popen[str], float]:
    """Start a worker; returns it and the seconds until its ready line."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.followups.worker", *args], env=env, cwd=cwd,
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if not line.startswith("ready"):
        raise RuntimeError(f"worker did not start: {line!r}")
    return proc, time.perf_counter() - t0


def stop_worker(proc: subprocess.Popen[str]) -> None:
    """Stop a worker cleanly."""
    proc.terminate()
    proc.wait(30)


def bench_restart(tmp: Path, starts: int) -> None:
    """Time to ready with the scheduled follow-ups pending, against an empty database."""
    api = BotApiStandIn().start()
    quiet = quiet_far_from_now()
    full = f"sqlite:///{tmp}/schedule.sqlite3"
    empty = f"sqlite:///{tmp}/empty.sqlite3"
    upgrade(empty)
    with make_engine(full).connect() as conn:
        pending = conn.execute(
            sa.select(sa.func.count()).select_from(FollowUp).where(FollowUp.state == "pending")
        ).scalar_one()
    results: dict[str, list[float]] = {"pending": [], "empty": []}
    for _ in range(starts):
        for name, url in (("pending", full), ("empty", empty)):
            proc, ready = start_worker(worker_env(url, api.base_url, quiet), tmp)
            results[name].append(ready)
            stop_worker(proc)
    api.stop()
    assert not api.received, "nothing was due: nothing may be sent"
    med_p, med_e = statistics.median(results["pending"]), statistics.median(results["empty"])
    print(f"restart: ready in median {med_p:.3f} s with {pending} follow-ups pending "
          f"(runs {', '.join(f'{x:.3f}' for x in results['pending'])}); empty database "
          f"{med_e:.3f} s; ratio {med_p / med_e:.2f}")  # fmt: skip


def bench_dispatch(tmp: Path, messages: int, rates: tuple[str, ...] = RATES) -> None:
    """Throughput and the busiest second, with and without the rate limiter."""
    quiet = quiet_far_from_now()
    for rate in rates:
        url = f"sqlite:///{tmp}/dispatch-{rate}.sqlite3"
        upgrade(url)
        engine = make_engine(url)
        people = add_people(engine, messages)
        now = datetime.now(UTC)
        settings = build_settings(FIRSTSTEP_QUIET_HOURS=quiet, FIRSTSTEP_DEFAULT_TIMEZONE="UTC")
        with session_scope(engine) as session:
            for pid in people:
                record_plan(
                    session, person_id=pid, group_id=1, meeting_start=now - timedelta(hours=4),
                    meeting_end=now - timedelta(hours=3), timezone="UTC", settings=settings,
                    now=now - timedelta(hours=5),
                )  # fmt: skip
        api = BotApiStandIn().start()
        proc, _ready = start_worker(
            worker_env(url, api.base_url, quiet), tmp, "--rate", rate, "--concurrency", "16"
        )
        deadline = time.monotonic() + messages / 5 + 60
        while len(api.received) < messages and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(1.0)
        stop_worker(proc)
        api.stop()
        times = [r.at for r in api.received]
        span = max(times) - min(times) if len(times) > 1 else float("nan")
        dupes = len(api.chats()) - len(set(api.chats()))
        print(f"dispatch [{rate:6}]: {len(times)} messages in {span:.2f} s = "
              f"{(len(times) - 1) / span:.1f}/s; busiest 1-s window {max_in_window(times)}; "
              f"duplicates {dupes}")  # fmt: skip
        engine.dispose()


def main() -> None:
    """Run the three benchmarks and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=50_000)
    parser.add_argument("--chunk", type=int, default=5_000)
    parser.add_argument("--starts", type=int, default=3)
    parser.add_argument("--messages", type=int, default=450)
    parser.add_argument("--only", choices=("scheduling", "restart", "dispatch"), default=None)
    parser.add_argument("--rates", default=",".join(RATES), help="dispatch: comma-separated")
    args = parser.parse_args()
    rates = tuple(r for r in args.rates.split(",") if r in RATES)
    with tempfile.TemporaryDirectory(prefix="firststep-bench-") as name:
        tmp = Path(name)
        if args.only in (None, "scheduling"):
            bench_scheduling(tmp, args.plans, args.chunk)
        if args.only in (None, "restart"):
            bench_restart(tmp, args.starts)
        if args.only in (None, "dispatch"):
            bench_dispatch(tmp, args.messages, rates)


if __name__ == "__main__":
    main()
