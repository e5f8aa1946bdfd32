"""`firststep directory ...`: seed, import, export and list the directory."""

from __future__ import annotations

import logging
import sys
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from sqlalchemy.engine import Engine

app = typer.Typer(help="The directory of groups.", no_args_is_help=True)


class ExportFormat(StrEnum):
    """Export formats."""

    meeting_guide = "meeting-guide"
    csv = "csv"


class ImportFormat(StrEnum):
    """Import formats (default: by the file's extension)."""

    auto = "auto"
    meeting_guide = "meeting-guide"
    csv = "csv"
    bmlt = "bmlt"


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one line to standard error and give the exit to raise."""
    first_line = (message.strip().splitlines() or [""])[0]
    typer.echo(f"firststep: {first_line}", err=True)
    return typer.Exit(code)


def open_database() -> Engine:
    """The configured database, brought up to date; exits with one line on failure."""
    from bot.db import make_engine, upgrade
    from bot.settings import SettingsError, build_settings

    try:
        settings = build_settings()
    except SettingsError as exc:
        raise fail(str(exc), 2) from None
    url = settings.effective_database_url
    logging.getLogger("alembic").setLevel(logging.WARNING)
    try:
        upgrade(url)
    except Exception as exc:
        raise fail(f"the database could not be opened or upgraded: {exc}") from None
    return make_engine(url)


@app.command("seed")
def seed_command(
    demo: Annotated[bool, typer.Option("--demo", help="Also load the sample meetings.")] = False,
) -> None:
    """Load the real fellowships (and, with --demo, sample meetings); safe to run again."""
    from bot.db import session_scope
    from directory.seed import seed

    engine = open_database()
    try:
        with session_scope(engine) as session:
            report = seed(session, demo=demo, now=datetime.now(UTC))
    except Exception as exc:
        raise fail(f"seeding failed, nothing was changed: {exc}") from None
    typer.echo(report.summary())


@app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(help="A Meeting Guide JSON feed or a directory CSV.")],
    fellowship: Annotated[
        str | None, typer.Option(help="Fellowship of every group (name or short name).")
    ] = None,
    fmt: Annotated[ImportFormat, typer.Option("--format", help="File format.")] = (
        ImportFormat.auto
    ),
    source: Annotated[
        str | None, typer.Option(help="Name of this feed (default: format and file name).")
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only say what would change.")] = False,
    timezone: Annotated[
        str | None, typer.Option(help="Time zone of BMLT meetings that do not name one.")
    ] = None,
) -> None:
    """Import groups; a bad row stops the import and nothing is written."""
    from functools import partial

    from bot.db import session_scope
    from directory.bmlt import import_bmlt, looks_like_bmlt
    from directory.csv_io import import_csv
    from directory.meeting_guide import import_meeting_guide

    try:
        data = file.read_bytes()
    except OSError as exc:
        raise fail(f"cannot read {file}: {exc.strerror or exc}") from None
    if fmt == ImportFormat.auto and file.suffix.lower() == ".csv":
        fmt = ImportFormat.csv
    elif fmt == ImportFormat.auto:
        fmt = ImportFormat.bmlt if looks_like_bmlt(data) else ImportFormat.meeting_guide
    source = source or f"{fmt.value}:{file.name}"
    importer: Any = {
        ImportFormat.csv: import_csv,
        ImportFormat.meeting_guide: import_meeting_guide,
        ImportFormat.bmlt: partial(import_bmlt, default_timezone=timezone),
    }[fmt]
    engine = open_database()
    try:
        with session_scope(engine) as session:
            report = importer(session, data, fellowship=fellowship, source=source, dry_run=dry_run)
            if not report.ok:
                session.rollback()
    except Exception as exc:
        raise fail(f"the import failed and nothing was written: {exc}") from None
    if not report.ok:
        typer.echo(f"firststep: {report.summary()}", err=True)
        for error in report.errors[1:20]:
            typer.echo(f"  {error}", err=True)
        raise typer.Exit(1)
    typer.echo(report.summary())


@app.command("export")
def export_command(
    fmt: Annotated[ExportFormat, typer.Option("--format", help="Output format.")] = (
        ExportFormat.meeting_guide
    ),
    output: Annotated[
        Path | None, typer.Option(help="Write to this file (default: standard output).")
    ] = None,
    source: Annotated[str | None, typer.Option(help="Only the groups of this source.")] = None,
) -> None:
    """Write the directory as a Meeting Guide feed or a CSV."""
    from bot.db import session_scope
    from directory.csv_io import export_csv
    from directory.meeting_guide import dumps, export_meeting_guide

    engine = open_database()
    with session_scope(engine) as session:
        if fmt == ExportFormat.csv:
            text = export_csv(session, source=source)
        else:
            text = dumps(export_meeting_guide(session, source=source))
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise fail(f"cannot write {output}: {exc.strerror or exc}") from None


@app.command("list")
def list_command(
    concern: Annotated[str | None, typer.Option(help="A concern code, like alcohol.")] = None,
    near: Annotated[str | None, typer.Option(help="A town or zip code.")] = None,
    radius: Annotated[float, typer.Option(help="Kilometres around --near.")] = 50.0,
    limit: Annotated[int, typer.Option(help="At most this many groups.")] = 50,
) -> None:
    """A quick look at the active groups (sample listings are marked [sample])."""
    from bot.db import session_scope
    from directory import crud
    from directory.geo import distance_km, geocode

    place = None
    if near:
        place = geocode(near)
        if place is None:
            raise fail(f"unknown place {near!r}; try a town name or a US zip code")
    if concern and concern not in crud.CONCERN_CODES:
        codes = ", ".join(sorted(crud.CONCERN_CODES))
        raise fail(f"unknown concern {concern!r}; use one of: {codes}")
    engine = open_database()
    with session_scope(engine) as session:
        groups = crud.list_groups(
            session, concern=concern, near=place, radius_km=radius, limit=limit
        )
        fellowships = {f.id: f for f in crud.list_fellowships(session)}
        for group in groups:
            assert group.id is not None
            meetings = crud.list_meetings(session, group_id=group.id)
            when = ", ".join(
                f"{('Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun')[m.weekday]} "
                f"{m.start.strftime('%H:%M')}"
                for m in meetings[:4]
            )
            where = group.city or ("online" if group.format == "online" else "")
            distance = ""
            if place is not None and group.latitude is not None and group.longitude is not None:
                km = distance_km(place.latitude, place.longitude, group.latitude, group.longitude)
                distance = f"  {km:.1f} km"
            sample = "  [sample]" if group.is_sample else ""
            short = fellowships[group.fellowship_id].short_name
            typer.echo(
                f"#{group.id}  {group.name}  ({short}, {group.format.replace('_', ' ')})  "
                f"{when or 'no meetings'}  {where}{distance}{sample}"
            )
    if not groups:
        typer.echo("no groups found", err=True)
