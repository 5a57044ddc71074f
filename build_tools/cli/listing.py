"""``wijkengids list [TYPE]``: the records with their status and review date, stale ones flagged."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from .. import report
from ..link import is_stale
from ..pipeline import check
from ..schema import RECORD_TYPES
from .options import TYPE_NAMES, root_option, stale_option


@click.command("list")
@click.argument("type_name", metavar="[TYPE]", required=False, type=click.Choice(sorted(TYPE_NAMES)))
@root_option
@stale_option
def list_command(type_name: str | None, root: Path, stale_after: int) -> None:
    """Toon de records met status en datum van nakijken (verouderde gemarkeerd)."""
    result = check(root, stale_after_days=None)
    today = dt.date.today()
    types = [TYPE_NAMES[type_name]] if type_name else list(RECORD_TYPES)
    for rtype in types:
        records = result.catalog.of_type(rtype.name, published_only=False)
        if not records:
            continue
        click.echo(f"{rtype.plural} ({len(records)})")
        for record in records:
            reviewed = record.reviewed.isoformat() if record.reviewed else "-"
            flag = "  ! verouderd nakijken" if is_stale(record, today, stale_after) else ""
            click.echo(f"  {record.id:<48} {record.status:<13} {reviewed}{flag}")
    if not result.ok:
        click.echo(report.summary(result.problems, result.files) + " Draai 'wijkengids check'.", err=True)
