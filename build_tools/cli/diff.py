"""``wijkengids diff BASE [HEAD]``: which records a git range adds, changes or removes, and which pages change."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..gitdiff import GitError, diff_range, format_json, format_markdown
from .options import guide_root


@click.command("diff")
@click.argument("base")
@click.argument("head", required=False)
@guide_root(exists=True, help="Map van de gids (met lessons/, examples/ en guide/), in een git-repository.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "json"]),
    default="markdown",
    show_default=True,
    help="markdown: samenvatting voor een pull request; json: voor programma's.",
)
def diff_command(base: str, head: str | None, root: Path, fmt: str) -> None:
    """Welke records BASE..HEAD toevoegt, wijzigt of verwijdert, en welke pagina's daardoor veranderen.

    Zonder HEAD wordt BASE vergeleken met de werkmap (ook wat nog niet gecommit is).
    """
    try:
        result = diff_range(root, base, head)
    except GitError as exc:
        click.echo(f"wijkengids diff: git meldt: {exc}", err=True)
        sys.exit(2)
    click.echo(format_json(result) if fmt == "json" else format_markdown(result), nl=fmt == "json")
