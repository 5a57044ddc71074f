"""The site generators ("engines") that turn a written docs folder into HTML: MkDocs, ProperDocs, Zensical.

The guide's pages exist before an engine runs (:mod:`build_tools.render.docs` writes them),
so an engine is one step of ``wijkengids build``: a fresh process that builds the docs
folder, whose messages become the build's error when it fails. What differs between them:

* **MkDocs 1.6 + Material** (the default): ``python -m mkdocs build``.
* **ProperDocs** (the maintained fork of MkDocs 1.x): the same themes and configuration,
  ``python -m properdocs build``.
* **Zensical** (by Material's authors): reads ``mkdocs.yml``, runs no plugins, its own copy of
  the Material templates (MiniJinja); its ``site_dir`` must lie inside the project folder.

All three show the header search box only when their search plugin is on; the guide searches
with Pagefind and wants no lunr index, so the docs folder gets the engine's own header with
that condition taken out (:func:`header_with_search`).
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

#: The default engine, and every engine by its name on the command line.
DEFAULT_ENGINE = "mkdocs"


class EngineFailed(Exception):
    """The engine did not build the site; the message holds what it said."""


@dataclass(frozen=True)
class Engine:
    name: str  # on the command line: --engine NAME
    label: str  # for people
    module: str  # run as ``python -m MODULE build``
    theme_package: str  # the package whose templates/ holds the theme
    site_inside_project: bool = False  # Zensical: site_dir must lie in the folder of the configuration
    unused: tuple[str, ...] = ()  # files it writes that no page loads (removed after the build)
    theme: tuple[tuple[str, object], ...] = ()  # theme settings it needs besides the project's

    def available(self) -> bool:
        return importlib.util.find_spec(self.module) is not None

    def theme_templates(self) -> Path:
        spec = importlib.util.find_spec(self.theme_package)
        if spec is None or not spec.submodule_search_locations:
            raise EngineFailed(f"{self.label}: het pakket '{self.theme_package}' ontbreekt. Draai 'make setup'.")
        return Path(next(iter(spec.submodule_search_locations))) / "templates"

    def command(self, config_file: Path, *, strict: bool) -> list[str]:
        command = [sys.executable, "-m", self.module, "build", "-f", str(config_file)]
        if strict:
            command.append("--strict")
        if self.module != "zensical":
            command.append("--quiet")
        return command


ENGINES: dict[str, Engine] = {
    engine.name: engine
    for engine in (
        Engine("mkdocs", "MkDocs 1.6 + Material", "mkdocs", "material"),
        Engine("properdocs", "ProperDocs + Material", "properdocs", "material"),
        Engine(
            "zensical",
            "Zensical",
            "zensical",
            "zensical",
            site_inside_project=True,
            unused=("search.json",),  # its search index, empty with the search plugin off
            theme=(
                ("variant", "classic"),  # Material's look, which the guide's stylesheets are made for
                # Zensical turns a single palette into a list and then renders the palette switch as
                # hidden but focusable radio buttons (axe: aria-hidden-focus). Material's default
                # colours are the guide's (indigo), so no palette is the same site.
                ("palette", None),
            ),
        ),
    )
}

#: In every engine's header: the search box only when the search plugin is on.
_SEARCH_PLUGIN_TEST = re.compile(r'\{%-?\s*if\s+"(?:material/)?search"\s+in\s+config\.plugins\s*-?%\}')
_SEARCH_PLUGIN_CONFIG = re.compile(r'\{%-?\s*set\s+search\s*=\s*config\.plugins\["(?:material/)?search"\][^%]*-?%\}')


def header_with_search(header: str, *, origin: str) -> str:
    """``header`` (a theme's ``partials/header.html``) showing the search box with the search plugin off."""
    shown, tests = _SEARCH_PLUGIN_TEST.subn("{% if true %}", header)
    shown, configs = _SEARCH_PLUGIN_CONFIG.subn('{% set search = {"enabled": true} %}', shown)
    if tests != 1 or configs != 1:
        raise EngineFailed(
            f"{origin}: de zoekbalk staat niet meer zoals verwacht in de kop van het thema "
            "(de test op de zoek-plugin is niet gevonden). Pas build_tools/engines.py aan op deze versie."
        )
    return shown


def write_header(engine: Engine, overrides: Path) -> Path:
    """Write ``overrides/partials/header.html``: the project's own header if it has one, else the engine's."""
    target = overrides / "partials" / "header.html"
    source = target if target.is_file() else engine.theme_templates() / "partials" / "header.html"
    text = header_with_search(source.read_text(encoding="utf-8"), origin=str(source))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def run_engine(engine: Engine, config_file: Path, site_dir: Path, *, strict: bool = True) -> str:
    """Build the docs folder of ``config_file`` into ``site_dir`` (empty); return what the engine printed.

    The configuration names ``site_dir`` already (or, for Zensical, ``site`` beside it, moved here).
    """
    if not engine.available():
        raise EngineFailed(f"{engine.label} is niet geïnstalleerd (module '{engine.module}'). Draai 'make setup'.")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        engine.command(config_file, strict=strict),
        cwd=config_file.parent,
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    output = (done.stdout + done.stderr).strip()
    if done.returncode != 0:
        raise EngineFailed(f"{engine.label} faalde (code {done.returncode}):\n{output[-6000:]}")
    if engine.site_inside_project:
        _move_into(config_file.parent / "site", site_dir)
    if not (site_dir / "index.html").is_file():
        raise EngineFailed(f"{engine.label} schreef geen index.html in {site_dir}:\n{output[-6000:]}")
    for name in engine.unused:
        (site_dir / name).unlink(missing_ok=True)
    return output


def _move_into(built: Path, site_dir: Path) -> None:
    """Put the folder ``built`` at ``site_dir`` (an empty folder): a rename on one file system."""
    if not built.is_dir():
        raise EngineFailed(f"er is geen site geschreven in {built}")
    if site_dir.exists():
        site_dir.rmdir()  # empty: the staging folder made for the site
    try:
        built.rename(site_dir)
    except OSError:
        shutil.copytree(built, site_dir)
        shutil.rmtree(built, ignore_errors=True)
