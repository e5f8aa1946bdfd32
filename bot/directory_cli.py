"""`firststep directory ...`: seed, import, export and list the directory.

It lives in bot/ because it composes the settings and the database (bot/) with the directory;
`directory/` itself knows nothing of either.
"""

from __future__ import annotations

import logging
import sys
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from sqlalchemy.engine import Engine

from bot.db import make_engine, session_scope, upgrade
from bot.settings import SettingsError, build_settings

app = typer.Typer(help="The directory of groups.", no_args_is_help=True)


class ExportFormat(StrEnum):
    """Export formats."""

    meeting_guide = "meeting-guide"
    csv = "csv"
    hsds = "hsds"


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
    from directory.seed import seed

    engine = open_database()
    try:
        with session_scope(engine) as session:
            report = seed(session, demo=demo, now=datetime.now(UTC))
    except Exception as exc:
        raise fail(f"seeding failed, nothing was changed: {exc}") from None
    typer.echo(report.summary())


def _print_report(report: Any) -> None:
    """The summary on standard output, skipped rows and dropped fields on standard error."""
    typer.echo(report.summary())
    problems = report.problems(limit=20)
    for line in problems:
        typer.echo(f"  {line}", err=True)
    hidden = len(report.skipped) + len(report.warnings) - len(problems)
    if hidden > 0:
        typer.echo(f"  ... and {hidden} more", err=True)


def _pick_format(fmt: ImportFormat, name: str, data: bytes) -> ImportFormat:
    from directory.bmlt import looks_like_bmlt

    if fmt != ImportFormat.auto:
        return fmt
    if name.lower().endswith(".csv"):
        return ImportFormat.csv
    return ImportFormat.bmlt if looks_like_bmlt(data) else ImportFormat.meeting_guide


@app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(help="A Meeting Guide JSON feed, BMLT results or a CSV.")],
    fellowship: Annotated[
        str | None,
        typer.Option(help="Fellowship of groups whose feed names none (name or short name)."),
    ] = None,
    fmt: Annotated[ImportFormat, typer.Option("--format", help="File format.")] = (
        ImportFormat.auto
    ),
    source: Annotated[
        str | None, typer.Option(help="Name of this feed (default: format and file name).")
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only say what would change.")] = False,
    timezone: Annotated[
        str | None, typer.Option(help="Time zone of meetings that do not name one.")
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Any bad row or field stops the import.")
    ] = False,
) -> None:
    """Import groups: every usable meeting; unusable rows are skipped and listed (--strict: all or
    nothing)."""
    from directory.bmlt import import_bmlt
    from directory.csv_io import import_csv
    from directory.meeting_guide import import_meeting_guide

    try:
        data = file.read_bytes()
    except OSError as exc:
        raise fail(f"cannot read {file}: {exc.strerror or exc}") from None
    fmt = _pick_format(fmt, file.name, data)
    source = source or f"{fmt.value}:{file.name}"
    options: dict[str, Any] = {
        "fellowship": fellowship, "source": source, "dry_run": dry_run, "strict": strict,
    }  # fmt: skip
    if fmt != ImportFormat.csv:
        options["default_timezone"] = timezone
    importer: Any = {
        ImportFormat.csv: import_csv,
        ImportFormat.meeting_guide: import_meeting_guide,
        ImportFormat.bmlt: import_bmlt,
    }[fmt]
    engine = open_database()
    try:
        with session_scope(engine) as session:
            report = importer(session, data, **options)
            if not report.ok:
                session.rollback()
    except Exception as exc:
        raise fail(f"the import failed and nothing was written: {exc}") from None
    if not report.ok:
        typer.echo(f"firststep: {report.summary()}", err=True)
        for error in report.errors[1:20]:
            typer.echo(f"  {error}", err=True)
        raise typer.Exit(1)
    _print_report(report)


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
    """Write the directory as a Meeting Guide feed, a CSV, or Open Referral HSDS 3.0 JSON."""
    import json

    from directory.csv_io import export_csv
    from directory.hsds import export_hsds
    from directory.meeting_guide import dumps, iter_meeting_guide

    engine = open_database()
    with session_scope(engine) as session:
        if fmt == ExportFormat.csv:
            text = export_csv(session, source=source)
        elif fmt == ExportFormat.hsds:
            text = json.dumps(export_hsds(session, source=source), indent=2, ensure_ascii=False)
        else:
            text = dumps(iter_meeting_guide(session, source=source))
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
            sample += "  [not meeting now]" if group.temporarily_closed else ""
            short = fellowships[group.fellowship_id].short_name
            typer.echo(
                f"#{group.id}  {group.name}  ({short}, {group.format.replace('_', ' ')})  "
                f"{when or 'no meetings'}  {where}{distance}{sample}"
            )
    if not groups:
        typer.echo("no groups found", err=True)


# --------------------------------------------------------------------------- sources

source_app = typer.Typer(
    help="Feeds the directory fetches and applies by itself.", no_args_is_help=True
)
app.add_typer(source_app, name="source")


class SourceFormat(StrEnum):
    """Formats a source can publish."""

    meeting_guide = "meeting-guide"
    bmlt = "bmlt"
    csv = "csv"


@source_app.command("add")
def source_add(
    url: Annotated[str, typer.Argument(help="The feed's address (https://...).")],
    fmt: Annotated[SourceFormat, typer.Option("--format", help="What the feed is.")],
    fellowship: Annotated[
        str | None, typer.Option(help="Fellowship of groups whose feed names none.")
    ] = None,
    timezone: Annotated[
        str | None, typer.Option(help="Time zone of meetings that do not name one.")
    ] = None,
    every: Annotated[str, typer.Option(help="How often to fetch it: 24h, 6h, 30m, 2d.")] = "24h",
    name: Annotated[
        str | None, typer.Option(help="The source's name (default: the address's host).")
    ] = None,
) -> None:
    """Add a feed to refresh by itself (the bot fetches it; `source refresh` does it now)."""
    from urllib.parse import urlparse

    from directory.sources import SourceError, add_source, every_text, parse_every

    try:
        minutes = parse_every(every)
    except SourceError as exc:
        raise fail(str(exc)) from None
    label = name or f"{fmt.value}:{urlparse(url).netloc or url}"[:120]
    engine = open_database()
    try:
        with session_scope(engine) as session:
            source = add_source(
                session, name=label, url=url, format=fmt.value, fellowship=fellowship,
                timezone=timezone, every_minutes=minutes, now=datetime.now(UTC),
            )  # fmt: skip
            typer.echo(
                f"added source {source.name} ({source.format}, every {every_text(minutes)}); "
                "`firststep directory source refresh` fetches it now"
            )
    except SourceError as exc:
        raise fail(str(exc)) from None


def _when(moment: datetime | None) -> str:
    return "never" if moment is None else f"{moment:%Y-%m-%d %H:%M}"


@source_app.command("list")
def source_list() -> None:
    """Every source: when it was last fetched and changed, and how it went."""
    from directory.sources import every_text, list_sources

    engine = open_database()
    with session_scope(engine) as session:
        sources = list_sources(session)
        for s in sources:
            state = "off" if not s.enabled else "ok" if not s.failures else f"{s.failures} failed"
            if s.held_body is not None:
                state = f"held: would archive {s.held_archive} of {s.held_total}, needs --confirm"
            typer.echo(
                f"{s.name}  {s.format}  every {every_text(s.every_minutes)}  "
                f"fetched {_when(s.last_fetched_at)}  changed {_when(s.last_changed_at)}  {state}"
                f"\n  {s.url}" + (f"\n  last error: {s.last_error}" if s.last_error else "")
            )
    if not sources:
        typer.echo("no sources; add one with `firststep directory source add URL --format ...`")


@source_app.command("refresh")
def source_refresh(
    name: Annotated[str | None, typer.Argument(help="One source (default: every one).")] = None,
    confirm: Annotated[
        bool,
        typer.Option("--confirm", help="Apply a held refresh that archives many groups."),
    ] = False,
) -> None:
    """Fetch sources now and apply them (a refresh that would archive more than a quarter of a
    source's groups waits for --confirm)."""
    import asyncio

    from directory.sources import (
        SourceError,
        apply_to,
        confirm_held,
        fetch_for,
        get_source,
        list_sources,
        request_for,
    )

    engine = open_database()
    with session_scope(engine) as session:
        names = [name] if name else [s.name for s in list_sources(session)]
    failed = False
    for each in names:
        now = datetime.now(UTC)
        try:
            with session_scope(engine) as session:
                if confirm:
                    outcome = confirm_held(session, get_source(session, name=each), now=now)
                    typer.echo(outcome.summary)
                    failed |= outcome.status == "failed"
                    continue
                request = request_for(session, name=each)
            fetched = asyncio.run(fetch_for(request))
            with session_scope(engine) as session:
                outcome = apply_to(session, name=each, fetched=fetched, now=now)
        except SourceError as exc:
            raise fail(str(exc)) from None
        typer.echo(outcome.summary)
        if outcome.report is not None:
            for line in outcome.report.problems(limit=10):
                typer.echo(f"  {line}", err=True)
        failed |= outcome.status == "failed"
    if failed:
        raise typer.Exit(1)


@source_app.command("remove")
def source_remove(
    name: Annotated[str, typer.Argument(help="The source to stop fetching.")],
) -> None:
    """Stop fetching a source (its groups stay; archive them with /archivegroup if needed)."""
    from directory.sources import SourceError, get_source

    engine = open_database()
    try:
        with session_scope(engine) as session:
            session.delete(get_source(session, name=name))
    except SourceError as exc:
        raise fail(str(exc)) from None
    typer.echo(f"removed source {name}; its groups are kept")
