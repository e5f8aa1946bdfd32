"""The starter directory: real fellowships, and an optional demo set of sample meetings.

Both are data files in ``directory/data`` (``fellowships.json``, ``demo.json``). Seeding is
idempotent: fellowships are matched by name, demo groups by their source id, and updated in place.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime, time
from importlib import resources
from typing import Any

from sqlmodel import Session

from directory import crud
from directory.models import (
    FellowshipCreate,
    FellowshipUpdate,
    GroupCreate,
    GroupUpdate,
    MeetingCreate,
)
from nlp.result import DAYS

log = logging.getLogger(__name__)

DEMO_SOURCE = "demo"
SAMPLE_NOTE = "Sample listing for trying the bot: not a real meeting."


@dataclass(slots=True)
class SeedReport:
    """What seeding changed."""

    fellowships_added: int = 0
    fellowships_updated: int = 0
    groups_added: int = 0
    groups_updated: int = 0

    def summary(self) -> str:
        """One line for the command line."""
        return (
            f"fellowships: {self.fellowships_added} added, {self.fellowships_updated} updated; "
            f"sample groups: {self.groups_added} added, {self.groups_updated} updated"
        )


def load_data(name: str) -> Any:
    """A JSON data file shipped in directory/data."""
    text = resources.files("directory").joinpath("data", name).read_text(encoding="utf-8")
    return json.loads(text)


def seed_fellowships(session: Session, report: SeedReport) -> None:
    """Add or update the real fellowships."""
    for row in load_data("fellowships.json"):
        row = {k: v for k, v in row.items() if k != "sources"}  # the page each field came from
        data = FellowshipCreate.model_validate(row)
        data.concern_codes = sorted(set(data.concern_codes))
        existing = crud.get_fellowship(session, name=data.name)
        if existing is None:
            crud.create_fellowship(session, data=data)
            report.fellowships_added += 1
            continue
        current = FellowshipCreate.model_validate(existing.model_dump())
        if current != data:
            update = FellowshipUpdate.model_validate(data.model_dump())
            crud.update_fellowship(session, fellowship=existing, data=update)
            report.fellowships_updated += 1


def _meetings(rows: list[dict[str, Any]]) -> list[MeetingCreate]:
    return [
        MeetingCreate(
            weekday=DAYS.index(r["weekday"]),
            start=time.fromisoformat(r["start"]),
            end=time.fromisoformat(r["end"]) if r.get("end") else None,
            freq=r.get("freq", "weekly"),
            byday=r.get("byday"),
        )
        for r in rows
    ]


def seed_demo(session: Session, report: SeedReport, now: datetime) -> None:
    """Add or update the sample groups (every one marked is_sample)."""
    for row in load_data("demo.json"):
        row = dict(row)
        fellowship = crud.get_fellowship(session, name=row.pop("fellowship"))
        if fellowship is None or fellowship.id is None:
            raise crud.DirectoryError("fellowship", f"demo group {row['name']!r} has none")
        meetings = _meetings(row.pop("meetings"))
        fields = {**row, "is_sample": True, "source": DEMO_SOURCE, "notes": SAMPLE_NOTE}
        existing = crud.get_group_by_source(session, source=DEMO_SOURCE, source_id=row["source_id"])
        if existing is None:
            data = GroupCreate(fellowship_id=fellowship.id, **fields)
            crud.create_group(session, data=data, meetings=meetings)
            report.groups_added += 1
            continue
        assert existing.id is not None
        stored = [
            MeetingCreate.model_validate(m.model_dump())
            for m in crud.list_meetings(session, group_id=existing.id)
        ]
        update = GroupUpdate(fellowship_id=fellowship.id, **fields)
        changed = {
            k: v for k, v in update.model_dump(exclude_unset=True).items()
            if getattr(existing, k, None) != v
        }  # fmt: skip
        updated = bool(changed) or not existing.active or _key(stored) != _key(meetings)
        if not existing.active:
            crud.restore_group(session, group=existing, now=now)
        if changed:
            crud.update_group(session, group=existing, data=GroupUpdate(**changed), now=now)
        if _key(stored) != _key(meetings):
            crud.set_meetings(session, group=existing, meetings=meetings)
        report.groups_updated += updated


def _key(meetings: list[MeetingCreate]) -> list[tuple[Any, ...]]:
    return sorted(
        (m.weekday, m.start, m.end, str(m.freq), m.interval, m.byday, m.anchor) for m in meetings
    )


def seed(session: Session, *, demo: bool = False, now: datetime) -> SeedReport:
    """Load the fellowships (and the sample groups with ``demo``); safe to run again."""
    report = SeedReport()
    seed_fellowships(session, report)
    if demo:
        seed_demo(session, report, now)
    log.info("directory seeded", extra={"demo": demo})
    return report
