"""HSDS 3.0 export, validated against the published HSDS JSON schemas kept in data/hsds."""

from __future__ import annotations

import json
from datetime import time
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from sqlmodel import Session

from directory import crud
from directory.hsds import export_hsds, hsds_id
from directory.meeting_guide import import_meeting_guide
from directory.models import MeetingCreate
from tests.directory.conftest import NOW
from tests.directory.test_real_feeds import AL_ANON, INTERGROUP

SCHEMAS = Path(__file__).parent / "data" / "hsds"


def validator(name: str) -> Draft202012Validator:
    """A validator for one HSDS schema, its $refs resolved from the kept files."""
    registry: Registry[Any] = Registry()
    for path in SCHEMAS.glob("*.json"):
        contents = json.loads(path.read_text())
        resource = Resource.from_contents(contents, default_specification=DRAFT202012)
        registry = registry.with_resource(path.name, resource)
    schema = json.loads((SCHEMAS / name).read_text())
    return Draft202012Validator(schema, registry=registry, format_checker=FormatChecker())


def problems(name: str, record: dict[str, Any]) -> list[str]:
    errors = validator(name).iter_errors(record)
    return [f"{'/'.join(map(str, e.path))}: {e.message}" for e in errors]


def test_the_schemas_reject_what_hsds_does_not_allow() -> None:
    assert problems("service.json", {"id": hsds_id("x", 1), "name": "x", "status": "open"})
    assert problems("schedule.json", {"id": "not-a-uuid", "freq": "WEEKLY"})
    assert problems("organization.json", {"id": hsds_id("x", 1), "name": "x"})  # no description


def test_the_directory_exports_as_valid_hsds(session: Session) -> None:
    import_meeting_guide(session, INTERGROUP + AL_ANON, source="feed", now=NOW)
    group = crud.get_group_by_source(session, source="feed", source_id="noon-big-book")
    assert group is not None
    last_friday = MeetingCreate(weekday=4, start=time(18), freq="monthly", byday="-1FR")
    crud.add_meeting(session, group=group, data=last_friday)
    session.commit()
    exported = export_hsds(session)
    assert exported["services"] and exported["organizations"]
    for org in exported["organizations"]:
        assert problems("organization.json", org) == [], org["name"]
    for service in exported["services"]:
        assert problems("service.json", service) == [], service["name"]
    by_name = {s["name"]: s for s in exported["services"]}
    closed = by_name["Holyoke Hope"]
    assert closed["status"] == "temporarily closed"
    noon = by_name["Noon Big Book"]
    schedules = {(s["freq"], s["byday"], s["opens_at"]) for s in noon["schedules"]}
    assert schedules == {
        ("WEEKLY", "SU", "12:00"), ("WEEKLY", "TU", "12:00"), ("MONTHLY", "-1FR", "18:00")
    }  # fmt: skip
    (at,) = noon["service_at_locations"]
    address = at["location"]["addresses"][0]
    assert (address["city"], address["state_province"], address["postal_code"]) == (
        "Agawam", "MA", "01001"
    )  # fmt: skip
    zoom = by_name["Sunrise Zoom"]
    assert [a["location"]["location_type"] for a in zoom["service_at_locations"]] == ["virtual"]
    assert all(s["notes"] == "Times are local time in America/New_York." for s in zoom["schedules"])
    assert export_hsds(session)["services"][0]["id"] == exported["services"][0]["id"]  # stable ids


def test_sample_listings_are_never_exported(session: Session) -> None:
    assert all("sample" not in s["description"].lower() for s in export_hsds(session)["services"])
    group_names = {s["name"] for s in export_hsds(session)["services"]}
    assert "Tuesday Night AA" in group_names  # the test directory's groups are not samples


@pytest.mark.parametrize("name", ["service.json", "organization.json", "schedule.json"])
def test_the_kept_schemas_are_hsds_3(name: str) -> None:
    schema = json.loads((SCHEMAS / name).read_text())
    assert schema["properties"]["id"]["format"] == "uuid"
