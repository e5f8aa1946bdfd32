"""The starter directory: real fellowships with what to expect, demo groups marked as samples."""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from directory.match import MatchRequest, match_groups
from directory.models import Fellowship, Group, Meeting
from directory.seed import load_data, seed
from tests.directory.conftest import NOW


def counts(session: Session) -> tuple[int, int, int]:
    return tuple(  # type: ignore[return-value]
        session.exec(select(func.count()).select_from(t)).one()
        for t in (Fellowship, Group, Meeting)
    )


def test_seed_loads_the_fellowships_and_is_idempotent(engine: Engine) -> None:
    with Session(engine) as session:
        first = seed(session, now=NOW)
        session.commit()
        assert first.fellowships_added == len(load_data("fellowships.json")) >= 25
        assert counts(session)[1] == 0  # no groups without --demo
        second = seed(session, now=NOW)
        session.commit()
        assert (second.fellowships_added, second.fellowships_updated) == (0, 0)


def test_every_fellowship_says_what_to_expect_and_uses_known_codes(engine: Engine) -> None:
    with Session(engine) as session:
        seed(session, now=NOW)
        fellowships = session.exec(select(Fellowship)).all()
    names = {f.short_name for f in fellowships}
    assert {"AA", "NA", "SMART", "Al-Anon", "Nar-Anon", "DBSA", "DRA", "GA", "MARA"} <= names
    for fel in fellowships:
        assert len(fel.what_to_expect) > 60, fel.name
        assert fel.concern_codes, fel.name
        assert fel.website is None or fel.website.startswith("https://")
    by_short = {f.short_name: f for f in fellowships}
    assert by_short["Al-Anon"].for_family and not by_short["AA"].for_family
    assert by_short["DRA"].dual_diagnosis and by_short["SMART"].approach == "secular"
    assert by_short["MARA"].medication_friendly


def test_demo_groups_are_all_samples_and_seeding_twice_changes_nothing(engine: Engine) -> None:
    with Session(engine) as session:
        report = seed(session, demo=True, now=NOW)
        session.commit()
        assert report.groups_added == len(load_data("demo.json"))
        before = counts(session)
        again = seed(session, demo=True, now=NOW)
        session.commit()
        assert (again.groups_added, again.groups_updated) == (0, 0)
        assert counts(session) == before
        groups = session.exec(select(Group)).all()
        assert groups and all(g.is_sample and g.source == "demo" for g in groups)
        cities = {g.city for g in groups}
        assert {"Ann Arbor", "Ypsilanti", "New York", "London", "Sydney", "Toronto"} <= cities
        online = [g for g in groups if g.format == "online"]
        weekdays = {
            m.weekday
            for m in session.exec(
                select(Meeting).where(Meeting.group_id.in_([g.id for g in online]))
            )
        }
        assert weekdays == set(range(7))
        assert all((g.conference_url or "").startswith("https://example.org/") for g in online)


def test_a_changed_demo_group_is_put_back_by_seeding(engine: Engine) -> None:
    with Session(engine) as session:
        seed(session, demo=True, now=NOW)
        group = session.exec(select(Group).where(Group.source_id == "demo-ypsi-early-risers")).one()
        group.name = "Renamed"
        group.active = False
        session.commit()
        report = seed(session, demo=True, now=NOW)
        session.commit()
        assert report.groups_updated == 1
        session.refresh(group)
        assert group.name == "Ypsi Early Risers" and group.active


def test_sample_suggestions_say_they_are_samples(engine: Engine) -> None:
    with Session(engine) as session:
        seed(session, demo=True, now=NOW)
        session.commit()
        for place in ("Ypsilanti", "London", "Sydney", "Toronto", "New York"):
            request = MatchRequest(concerns=(("alcohol", "self", "current"),), place=place)
            result = match_groups(session, request, now=NOW)
            assert result.fits_well and result.suggestions, place
            assert all(s.is_sample for s in result.suggestions)
            assert any(s.distance_km is not None for s in result.suggestions), place


def test_the_starter_fellowships_say_what_their_own_pages_say() -> None:
    from directory.seed import load_data

    rows = {r["short_name"]: r for r in load_data("fellowships.json")}
    aca = rows["ACA"]  # adults who grew up in alcoholic or dysfunctional homes, not family groups
    assert not aca["for_family"] and "alcohol" not in aca["concern_codes"]
    assert "grew up" in aca["description"]
    assert rows["MARA"]["approach"] == "twelve-step" and rows["MARA"]["website"]
    assert rows["DRA"]["website"] == "https://www.draonline.org"
    assert "contribution" in rows["RI"]["what_to_expect"]
    assert "free" not in rows["RI"]["what_to_expect"].lower().split("contribution")[0]
    assert "alcohol" in rows["NA"]["concern_codes"]  # any drug, alcohol included
    for name, row in rows.items():
        sources = row["sources"]
        fields = {"description", "approach", "concern_codes", "for_family", "what_to_expect"}
        assert fields <= set(sources), name
        assert all(url.startswith("https://") for url in sources.values()), name
        assert ("website" in sources) == bool(row["website"]), name


def test_a_partner_who_drinks_is_never_sent_to_aca(session: Session) -> None:
    from datetime import time

    from tests.directory.conftest import YPSILANTI, add_group

    seed(session, now=NOW)
    add_group(session, "ACA", "Ypsi Adult Children", [(2, time(19), None)], where=YPSILANTI)
    request = MatchRequest(concerns=(("alcohol", "family", "current"),), place="Ypsilanti")
    found = match_groups(session, request, now=NOW, limit=20).suggestions
    assert found and all(s.fellowship_short_name != "ACA" for s in found)
    grown_up = MatchRequest(concerns=(("trauma", "self", "current"),), place="Ypsilanti")
    names = [s.group_name for s in match_groups(session, grown_up, now=NOW).suggestions]
    assert "Ypsi Adult Children" in names
