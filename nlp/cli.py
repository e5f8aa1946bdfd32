"""`firststep parse ...`: the parser on the command line."""

from __future__ import annotations

import typer


def parse_command(
    text: str = typer.Argument(None, help="The message to parse."),
    json_output: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Parse a message into concerns, crisis and preferences."""
    typer.echo("firststep: the parser is not built yet.", err=True)
    raise typer.Exit(1)
