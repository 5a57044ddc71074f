"""``wijkengids schema [--check]``: write (or verify) ``schemas/<type>.schema.json``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import jsonschema
from .options import root_option


@click.command("schema")
@root_option
@click.option("--check", "check_only", is_flag=True, help="Schrijf niets; faal als de schema's verouderd zijn.")
def schema_command(root: Path, check_only: bool) -> None:
    """Schrijf een JSON Schema per soort record naar schemas/."""
    if check_only:
        stale = [
            name
            for name, text in jsonschema.render_schemas().items()
            if not (root / jsonschema.SCHEMA_DIR / name).is_file()
            or (root / jsonschema.SCHEMA_DIR / name).read_text(encoding="utf-8") != text
        ]
        if stale:
            click.echo("Verouderde schema's: " + ", ".join(stale) + ". Draai 'wijkengids schema'.", err=True)
            sys.exit(1)
        click.echo("Schema's zijn actueel.")
        return
    changed = jsonschema.write_schemas(root)
    for path in changed:
        click.echo(f"geschreven: {path.relative_to(root).as_posix()}")
    if not changed:
        click.echo("Schema's waren al actueel.")
