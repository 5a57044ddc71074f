"""``wijkengids build`` and ``wijkengids render``: the site, and the docs folder an engine builds."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..engines import DEFAULT_ENGINE, ENGINES
from ..site_build import BuildFailed, build_guide, echo_stderr, render_docs
from ..staging import DEFAULT_WAIT, interrupts_as_exit
from .options import config_option

# Here, not in .options: only these two commands need the engines (and subprocess) loaded.
engine_option = click.option(
    "--engine",
    type=click.Choice(sorted(ENGINES)),
    default=DEFAULT_ENGINE,
    show_default=True,
    help="Welk programma de HTML maakt: MkDocs 1.6 + Material, ProperDocs + Material of Zensical.",
)


@click.command("build")
@config_option
@click.option(
    "-d",
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Map voor de gebouwde site (standaard: site_dir uit de configuratie).",
)
@engine_option
@click.option("--strict/--no-strict", default=True, show_default=True, help="Elke waarschuwing is een fout.")
@click.option(
    "--pdf/--no-pdf", default=True, show_default=True, help="Maak ook de PDF's van de hoofdstukken en de gids."
)
@click.option(
    "--wait",
    type=click.FloatRange(min=0),
    default=DEFAULT_WAIT,
    show_default=True,
    help="Seconden wachten als er al een build van deze gids loopt.",
)
def build_command(config_file: Path, site_dir: Path | None, engine: str, strict: bool, pdf: bool, wait: float) -> None:
    """Bouw de site; bij een fout of onderbreking blijft de vorige site staan."""
    try:
        with interrupts_as_exit(echo_stderr):
            built = build_guide(config_file, site_dir=site_dir, strict=strict, pdf=pdf, engine=engine, wait=wait)
    except BuildFailed as exc:
        click.echo(f"De site is niet gebouwd: {exc}.\nDe vorige versie blijft staan.", err=True)
        sys.exit(1)
    click.echo(built.search, err=True)
    click.echo(f"Site gebouwd in {built.site_dir} met {ENGINES[engine].label} ({built.timings()}).")


@click.command("render")
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@config_option
@engine_option
def render_command(out_dir: Path, config_file: Path, engine: str) -> None:
    """Schrijf de docs-map die een engine bouwt (pagina's, assets, configuratie) naar OUT_DIR."""
    try:
        folder = render_docs(config_file, out_dir, engine=engine)
    except BuildFailed as exc:
        click.echo(f"Niets geschreven: {exc}.", err=True)
        sys.exit(1)
    site = "site" if ENGINES[engine].site_inside_project else f"{out_dir / 'site'}"
    click.echo(
        f"{folder.pages} pagina's en {folder.files - folder.pages} andere bestanden in {folder.docs_dir}; "
        f"bouw met: python -m {ENGINES[engine].module} build -f {folder.config_file} (site in {site})."
    )
