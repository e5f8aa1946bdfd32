"""`firststep directory ...`: seed, import, export and list the directory."""

from __future__ import annotations

import typer

app = typer.Typer(help="The directory of groups.", no_args_is_help=True)
