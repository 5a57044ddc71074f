"""``wijkengids build``: build the site next to ``site/`` and swap it in only when the build succeeded.

MkDocs empties ``site_dir`` before it writes, so a build that fails halfway leaves half a
site. Here MkDocs writes into a staging folder beside ``site_dir``; the old site is replaced
only after a complete, strict build. The lock, the staging folder, the swap and Ctrl-C are
:mod:`build_tools.staging`: a failed, interrupted or killed build leaves ``site/`` as it was.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any

import click

from .staging import DEFAULT_WAIT, BuildLocked, build_lock, interrupts_as_exit, remove_leftovers, staged


class BuildFailed(Exception):
    """The site could not be built; ``site_dir`` is unchanged."""


def build_site(
    config_file: Path,
    *,
    site_dir: Path | None = None,
    strict: bool = True,
    pdf: bool = True,
    wait: float = DEFAULT_WAIT,
) -> Path:
    """Build the site of ``config_file`` and put it at ``site_dir`` (default: the config's); return that path.

    With ``pdf``, the chapter and whole-guide PDFs go into ``pdf/`` of the site (unchanged
    ones are reused from the export cache), before the swap like everything else. While
    another build of the same guide runs, this one waits up to ``wait`` seconds.
    """
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        config = load_config(str(config_file), strict=strict, site_dir=str(site_dir) if site_dir else None)
    except MkDocsException as exc:
        raise BuildFailed(f"{config_file}: {exc}") from exc
    target = Path(config.site_dir).resolve()
    root = config_file.resolve().parent
    try:
        with build_lock(root, wait=wait, on_wait=lambda line: click.echo(line, err=True)):
            remove_leftovers(target)  # of builds that were killed
            with staged(target) as staging:
                config.site_dir = str(staging)
                _build_into(config, staging, root, pdf=pdf)
    except BuildLocked as exc:
        raise BuildFailed(str(exc)) from exc
    return target


def _build_into(config: Any, staging: Path, root: Path, *, pdf: bool) -> None:
    """MkDocs, the search index and the PDFs, all into ``staging``."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    try:
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
        from .search.build import index_built_site

        index_built_site(staging, config)  # Pagefind search index, before the swap
        if pdf:
            from .export import ExportError, export_to_site

            try:
                export_to_site(root, staging)
            except ExportError as exc:
                raise BuildFailed(f"PDF's: {exc}") from exc
    except (MkDocsException, SystemExit) as exc:
        raise BuildFailed(str(exc) or "de site kon niet gebouwd worden") from exc


def _log_to_stderr() -> None:
    """Show MkDocs' messages (and the plugin's report lines) as ``mkdocs build`` does."""
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


@click.command("build")
@click.option(
    "-f",
    "--config-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=Path("mkdocs.yml"),
    show_default=True,
    help="MkDocs-configuratie van de site.",
)
@click.option(
    "-d",
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Map voor de gebouwde site (standaard: site_dir uit de configuratie).",
)
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
def build_command(config_file: Path, site_dir: Path | None, strict: bool, pdf: bool, wait: float) -> None:
    """Bouw de site; bij een fout of onderbreking blijft de vorige site staan."""
    _log_to_stderr()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner: see the README
    try:
        with interrupts_as_exit(lambda line: click.echo(line, err=True)):
            target = build_site(config_file, site_dir=site_dir, strict=strict, pdf=pdf, wait=wait)
    except BuildFailed as exc:
        click.echo(f"De site is niet gebouwd ({exc}); de vorige versie blijft staan.", err=True)
        sys.exit(1)
    click.echo(f"Site gebouwd in {target}.")
