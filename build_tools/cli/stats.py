"""``wijkengids stats``: the content report (counts per type, theme and chapter; records without links)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import report
from ..language.check import readability_report
from ..pipeline import check
from ..schema import RECORD_TYPES
from ..stats import content_report
from .options import root_option


@click.command("stats")
@root_option
def stats_command(root: Path) -> None:
    """Inhoudsrapport: aantallen per soort, thema en hoofdstuk, en records zonder links."""
    result = check(root, stale_after_days=None)
    click.echo(content_report(result.catalog))
    click.echo("")
    records = [r for t in RECORD_TYPES for r in result.catalog.of_type(t.name, published_only=False)]
    click.echo(readability_report(records, root))
    if not result.ok:
        click.echo(report.summary(result.problems, result.files) + " Draai 'wijkengids check'.", err=True)
        sys.exit(1)
