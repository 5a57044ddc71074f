"""The ``wijkengids`` command: parse arguments, call the pipeline, report, exit.

Exit codes: 0 clean, 1 content errors, 2 usage or internal error.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from . import jsonschema, report
from .config import ConfigError, load_settings, stale_after_default
from .editor.command import beheer_command
from .export.command import export_command
from .gitdiff import diff_command
from .language.settings import LanguageSettings
from .language.spelling import DictionaryMissing, Speller
from .link import is_stale
from .options import root_option
from .pipeline import DEFAULT_STALE_AFTER_DAYS, check
from .scaffold import create_record, taken_by
from .schema import RECORD_TYPES, RecordType
from .site_build import build_command, render_command

_TYPE_NAMES: dict[str, RecordType] = {**{t.name: t for t in RECORD_TYPES}, **{t.label: t for t in RECORD_TYPES}}

stale_option = click.option(
    "--stale-after",
    type=click.IntRange(min=1),
    default=stale_after_default,
    show_default=f"{DEFAULT_STALE_AFTER_DAYS}, of stale_after_days uit [tool.wijkengids] in pyproject.toml",
    help="Waarschuw voor records die langer dan zoveel dagen niet zijn nagekeken.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="wijkengids")
def main() -> None:
    """Wijkengids: controleer, maak en publiceer de records van de gids."""


@main.command("check")
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
    result = check(path, stale_after_days=stale_after, language=None if no_language else _language_settings(path))
    if fmt == "json":
        click.echo(report.format_json(result.problems, result.files))
    else:
        line = report.format_github if fmt == "github" else report.format_text
        for problem in result.problems:
            click.echo(line(problem))
        click.echo(report.summary(result.problems, result.files), err=fmt == "github")
    sys.exit(0 if result.ok else 1)


def _language_settings(path: Path) -> LanguageSettings | None:
    try:
        language = load_settings(path).language
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc
    if language is not None and language.spelling:
        try:
            Speller(language.dictionary)
        except DictionaryMissing as exc:
            click.echo(f"fout: {exc}", err=True)
            sys.exit(2)
    return language


@main.command("new")
@click.argument("type_name", metavar="TYPE", type=click.Choice(sorted(_TYPE_NAMES)))
@click.argument("title")
@root_option
def new_command(type_name: str, title: str, root: Path) -> None:
    """Maak een nieuw record met alle velden en uitleg; overschrijft nooit een bestand."""
    rtype = _TYPE_NAMES[type_name]
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


@main.command("schema")
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


@main.command("list")
@click.argument("type_name", metavar="[TYPE]", required=False, type=click.Choice(sorted(_TYPE_NAMES)))
@root_option
@stale_option
def list_command(type_name: str | None, root: Path, stale_after: int) -> None:
    """Toon de records met status en datum van nakijken (verouderde gemarkeerd)."""
    result = check(root, stale_after_days=None)
    today = dt.date.today()
    types = [_TYPE_NAMES[type_name]] if type_name else list(RECORD_TYPES)
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


@main.command("stats")
@root_option
def stats_command(root: Path) -> None:
    """Inhoudsrapport: aantallen per soort, thema en hoofdstuk, en records zonder links."""
    from .language.check import readability_report
    from .stats import content_report

    result = check(root, stale_after_days=None)
    click.echo(content_report(result.catalog))
    click.echo("")
    records = [r for t in RECORD_TYPES for r in result.catalog.of_type(t.name, published_only=False)]
    click.echo(readability_report(records, root))
    if not result.ok:
        click.echo(report.summary(result.problems, result.files) + " Draai 'wijkengids check'.", err=True)
        sys.exit(1)


main.add_command(diff_command)
main.add_command(build_command)
main.add_command(render_command)
main.add_command(export_command)
main.add_command(beheer_command)


def run() -> None:
    """Console entry point: internal errors exit with 2, not a traceback and 1."""
    try:
        main(standalone_mode=True)
    except SystemExit:
        raise
    except Exception as exc:  # noqa: BLE001 - the edge: report, do not crash
        click.echo(f"interne fout: {exc!r}. Meld dit aan de beheerders van de gids.", err=True)
        sys.exit(2)
