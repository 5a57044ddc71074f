"""``wijkengids export``: the command-line edge of the print export.

Exit codes: 0 written; 1 content (the guide has errors, unknown or unpublished
chapter id — the valid ids are listed —, an empty pack, or an output that exists
without --force); 2 usage (not exactly one of HOOFDSTUK-ID, --all, --theme, --place,
--records; or a pack's id that names nothing printable).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from .. import report
from ..export.outputs import (
    ExportError,
    checked_catalog,
    choose_pack,
    export_all,
    export_chapter,
    export_pack,
    read_settings,
)
from ..export.packs import PackError
from .options import root_option

DEFAULT_ALL_DIR = Path("pdf")


@click.command("export")
@click.argument("chapter_id", metavar="[HOOFDSTUK-ID]", required=False)
@click.option("--all", "export_every", is_flag=True, help="Alle hoofdstukken en de hele gids (wijkengids.pdf).")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help=f"PDF-bestand of map (standaard HOOFDSTUK-ID.pdf); met --all de map (standaard {DEFAULT_ALL_DIR}/).",
)
@click.option("--theme", "theme_id", metavar="THEMA-ID", help="Een leespakket: de teksten van één thema.")
@click.option(
    "--place", "place_id", metavar="PLAATS-ID", help="Een leespakket: de teksten over één plaats (of gemeente)."
)
@click.option("--records", "records", metavar="ID,ID,…", help="Een leespakket van deze teksten, in deze volgorde.")
@click.option("--force", is_flag=True, help="Vervang een bestaand bestand; met --all: maak alles opnieuw.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=2, show_default=True, help="Processen voor --all.")
@root_option
def export_command(
    chapter_id: str | None,
    export_every: bool,
    output: Path | None,
    theme_id: str | None,
    place_id: str | None,
    records: str | None,
    force: bool,
    jobs: int,
    root: Path,
) -> None:
    """Maak een PDF van een hoofdstuk, met --all van elk hoofdstuk en de hele gids, of een
    leespakket met --theme, --place of --records.

    Controleert eerst de gids en weigert bij fouten. Een bestaand bestand wordt alleen
    met --force vervangen; een mislukte export laat geen half bestand achter.

    \b
    Afsluitcodes: 0 gelukt; 1 fouten in de gids, onbekend hoofdstuk (de geldige
    worden getoond), leeg pakket of bestaand bestand zonder --force; 2 verkeerd
    gebruik (ook: een onbekende id bij --theme, --place of --records).
    """
    chosen = [chapter_id is not None, export_every, theme_id is not None, place_id is not None, records is not None]
    if sum(chosen) != 1:
        raise click.UsageError("geef één HOOFDSTUK-ID, --all, --theme, --place of --records.")
    start = time.perf_counter()
    try:
        if theme_id is not None or place_id is not None or records is not None:
            catalog = checked_catalog(root)
            try:
                pack = choose_pack(catalog, theme=theme_id, place=place_id, records=records)
            except PackError as exc:
                click.echo(f"Fout: {exc}", err=True)
                sys.exit(2)
            target = output or Path(f"{pack.stem}.pdf")
            if target.is_dir():
                target = target / f"{pack.stem}.pdf"
            result = export_pack(catalog, pack, read_settings(root), target, force=force)
            count = len(pack.items)
            state = f"{count} {'tekst' if count == 1 else 'teksten'}, {result.pages} pagina's"
            click.echo(f"{result.path.as_posix()}: {state} ({time.perf_counter() - start:.1f} s)")
            return
        if chapter_id is not None:
            target = output or Path(f"{chapter_id}.pdf")
            if target.is_dir():
                target = target / f"{chapter_id}.pdf"
            result = export_chapter(root, chapter_id, target, force=force)
            click.echo(f"{result.path.as_posix()}: {result.pages} pagina's ({time.perf_counter() - start:.1f} s)")
            return
        out_dir = output or DEFAULT_ALL_DIR
        results, rendered = export_all(root, out_dir, jobs=jobs, force=force)
    except ExportError as exc:
        for problem in exc.problems:
            click.echo(report.format_text(problem), err=True)
        click.echo(f"Fout: {exc}", err=True)
        sys.exit(1)
    for result in results:
        state = f"{result.pages} pagina's" + ("" if result.path.name in rendered else ", ongewijzigd")
        click.echo(f"{result.path.as_posix()}: {state}")
    click.echo(f"{len(rendered)} van {len(results)} PDF's gemaakt in {time.perf_counter() - start:.1f} s")
