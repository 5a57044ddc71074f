"""``wijkengids check``: validate the whole guide and report every problem, sorted by file and line."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .. import report
from ..pipeline import check
from ..schema import RECORD_TYPES
from .options import project_settings, stale_option

if TYPE_CHECKING:
    from ..language.settings import LanguageSettings


@click.command("check")
@click.argument("path", type=click.Path(exists=True, file_okay=False, path_type=Path), default=Path("."))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "github", "json"]),
    default="text",
    show_default=True,
    help="text: voor mensen; github: meldingen op de regels in een pull request; json: voor programma's.",
)
@stale_option
@click.option(
    "--no-language",
    is_flag=True,
    help="Zonder de taalcontroles (lange zinnen, leesbaarheid, spelling).",
)
def check_command(path: Path, fmt: str, stale_after: int, no_language: bool) -> None:
    """Controleer alle records van de gids en meld elk probleem."""
    folders = sorted({t.folder.split("/")[0] for t in RECORD_TYPES})
    if not any((path / folder).is_dir() for folder in folders):  # a wrong folder must not pass as clean
        raise click.BadParameter(
            f"'{path}' is geen gids: er is geen map {', '.join(folders)}. Geef de map van de gids op.",
            param_hint="PATH",
        )
    language = None if no_language else _language_settings(path)
    result = check(path, stale_after_days=stale_after, language=language, cache=True)
    if fmt == "json":
        click.echo(report.format_json(result.problems, result.files))
    else:
        line = report.format_github if fmt == "github" else report.format_text
        for problem in result.problems:
            click.echo(line(problem))
        click.echo(report.summary(result.problems, result.files), err=fmt == "github")
    sys.exit(0 if result.ok else 1)


def _language_settings(path: Path) -> LanguageSettings | None:
    language = project_settings(path).language
    if language is not None and language.spelling:
        from ..language.spelling import DictionaryMissing, Speller  # not for --no-language

        try:
            Speller(language.dictionary)
        except DictionaryMissing as exc:
            click.echo(f"fout: {exc}", err=True)
            sys.exit(2)
    return language
