"""The directory on PostgreSQL: seed, import, match and export run the same as on SQLite."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from directory.match import MatchRequest, match_groups
from directory.meeting_guide import export_meeting_guide, import_meeting_guide
from directory.seed import seed
from tests.directory.conftest import NOW, build_directory
from tests.directory.test_import_export import FEED, SOURCE


@pytest.mark.postgres
def test_import_and_match_on_postgres(pg_engine: Engine) -> None:
    with Session(pg_engine) as session:
        seed(session, now=NOW)
        report = import_meeting_guide(session, FEED, source=SOURCE, now=NOW)
        session.commit()
        assert report.ok and report.new == 3
        again = import_meeting_guide(session, FEED, source=SOURCE, now=NOW)
        assert (again.new, again.unchanged) == (0, 3)
        request = MatchRequest(
            concerns=(("alcohol", "self", "current"),), place="Ypsilanti", audience=("women",)
        )
        result = match_groups(session, request, now=NOW)
        assert result.fits_well
        assert result.suggestions[0].group_name == "Serenity Women"
        assert "women only" in result.suggestions[0].reasons
        spanish = match_groups(
            session,
            MatchRequest(concerns=(("alcohol", "self", "current"),), language="es"),
            now=NOW,
        )
        assert spanish.suggestions[0].group_name == "Grupo Esperanza"
        assert len(export_meeting_guide(session, source=SOURCE)) == 4


@pytest.mark.postgres
def test_realistic_matching_on_postgres(pg_engine: Engine) -> None:
    with Session(pg_engine) as session:
        ids = build_directory(session)
        session.commit()
        family = match_groups(
            session,
            MatchRequest(concerns=(("alcohol", "family", "current"),), place="Ypsilanti"),
            now=NOW,
        )
        assert [s.group_id for s in family.suggestions] == [ids["alanon"], ids["alanon_online"]]
        dual = match_groups(
            session,
            MatchRequest(
                concerns=(("alcohol", "self", "current"), ("depression", "self", "current")),
                place="Ypsilanti",
            ),
            now=NOW,
        )
        assert dual.suggestions[0].group_id == ids["dra"]
