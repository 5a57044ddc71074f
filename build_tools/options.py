"""Command-line options shared by the ``wijkengids`` commands."""

from __future__ import annotations

from pathlib import Path

import click

root_option = click.option(
    "-C",
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Map van de gids (met lessons/, examples/ en guide/).",
)
