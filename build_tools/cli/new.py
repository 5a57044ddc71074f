"""``wijkengids new TYPE "Titel"``: scaffold a record; never overwrites a file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ..scaffold import create_record, taken_by
from .options import TYPE_NAMES, root_option


@click.command("new")
@click.argument("type_name", metavar="TYPE", type=click.Choice(sorted(TYPE_NAMES)))
@click.argument("title")
@root_option
def new_command(type_name: str, title: str, root: Path) -> None:
    """Maak een nieuw record met alle velden en uitleg; overschrijft nooit een bestand."""
    rtype = TYPE_NAMES[type_name]
    try:
        path = create_record(root, rtype, title, dt.date.today())
    except FileExistsError as exc:
        raise click.ClickException(
            f"{Path(exc.filename).relative_to(root.resolve()) if Path(exc.filename).is_absolute() else exc.filename} "
            "bestaat al; kies een andere titel of bewerk het bestaande bestand."
        ) from exc
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(path.as_posix())
    other = taken_by(root, rtype, path.stem)
    if other is not None:
        click.echo(
            f"let op: id '{path.stem}' is al in gebruik door {other}; geef het nieuwe record een ander id "
            "en bestandsnaam, anders meldt 'wijkengids check' een dubbel id.",
            err=True,
        )
