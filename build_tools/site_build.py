"""``wijkengids build``: build the site next to ``site/`` and swap it in only when the build succeeded.

MkDocs empties ``site_dir`` before it writes, so a build that fails halfway leaves half a
site. Here MkDocs writes into a fresh temporary folder beside ``site_dir`` (same file
system, so the swap is two renames); the old site is replaced only after a complete,
strict build, and a failed build removes its temporary folder and leaves ``site/`` as it was.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

import click


class BuildFailed(Exception):
    """The site could not be built; ``site_dir`` is unchanged."""


def build_site(config_file: Path, *, site_dir: Path | None = None, strict: bool = True, pdf: bool = True) -> Path:
    """Build the site of ``config_file`` and put it at ``site_dir`` (default: the config's); return that path.

    With ``pdf``, the chapter and whole-guide PDFs go into ``pdf/`` of the site (unchanged
    ones are reused from the export cache), before the swap like everything else.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        config = load_config(str(config_file), strict=strict, site_dir=str(site_dir) if site_dir else None)
    except MkDocsException as exc:
        raise BuildFailed(f"{config_file}: {exc}") from exc
    target = Path(config.site_dir).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    config.site_dir = str(staging)
    try:
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
        from .search.build import index_built_site

        index_built_site(staging, config)  # Pagefind search index, before the swap
        write_editor_into(staging, config_file)  # /beheer/: after the index, so it is never searched
        if pdf:
            from .export import ExportError, export_to_site

            try:
                export_to_site(config_file.resolve().parent, staging)
            except ExportError as exc:
                raise BuildFailed(f"PDF's: {exc}") from exc
    except (MkDocsException, SystemExit) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed(str(exc) or "de site kon niet gebouwd worden") from exc
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swap_in(staging, target)
    return target


def write_editor_into(site_dir: Path, config_file: Path) -> None:
    """The web editor at ``/beheer/`` (:mod:`build_tools.editor`), or :class:`BuildFailed` saying why not."""
    from .editor.site import EditorError, settings_from_mkdocs, write_editor

    try:
        write_editor(site_dir, config_file.resolve().parent, settings_from_mkdocs(config_file))
    except EditorError as exc:
        raise BuildFailed(f"webeditor: {exc}") from exc


def swap_in(staging: Path, target: Path) -> None:
    """Put the finished build at ``target``; the previous site is removed only after the swap."""
    staging.chmod(0o755)  # mkdtemp makes it private; a site is meant to be read
    if not target.exists():
        staging.rename(target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
    old.rmdir()
    target.rename(old)
    try:
        staging.rename(target)
    except OSError:
        old.rename(target)
        shutil.rmtree(staging, ignore_errors=True)
        raise
    shutil.rmtree(old, ignore_errors=True)


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
def build_command(config_file: Path, site_dir: Path | None, strict: bool, pdf: bool) -> None:
    """Bouw de site; bij een fout blijft de vorige site staan."""
    _log_to_stderr()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner: see the README
    try:
        target = build_site(config_file, site_dir=site_dir, strict=strict, pdf=pdf)
    except BuildFailed as exc:
        click.echo(f"De site is niet gebouwd ({exc}); de vorige versie blijft staan.", err=True)
        sys.exit(1)
    click.echo(f"Site gebouwd in {target}.")
