"""``/beheer/`` in a built site: the shell page, the generated configuration and Decap's code.

Decap is self-hosted from the npm package (``node_modules/decap-cms``, pinned in
``package-lock.json``), so the editor never loads code from another host. Nothing else in the
site links to it or loads it: it is not a page of the engine, so it is in neither the
navigation nor the sitemap, and it is written after the search index is made.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from .config import EditorSettings, render_config, repo_from_url

#: Where this page lives in the site.
EDITOR_DIR = "beheer"
SHELL_DIR = Path(__file__).resolve().parent.parent / "templates" / "beheer"
#: Decap's built code inside the npm package.
DECAP_DIST = Path("node_modules") / "decap-cms" / "dist"


class EditorError(Exception):
    """The editor could not be written into the site (the message is Dutch and says what to do)."""


def settings_from_mkdocs(config_file: Path) -> EditorSettings:
    """The repository and publication address from ``mkdocs.yml`` (``repo_url``, ``site_url``)."""
    data = _read_mkdocs(config_file)
    repo_url = str(data.get("repo_url") or "")
    try:
        repo = repo_from_url(repo_url)
    except ValueError as exc:
        raise EditorError(f"{config_file}: {exc}; de webeditor heeft een GitHub-repository nodig.") from exc
    return EditorSettings(repo=repo, site_url=str(data.get("site_url") or ""))


def _read_mkdocs(config_file: Path) -> dict[str, Any]:
    class _Loader(yaml.SafeLoader):
        """Reads mkdocs.yml, leaving MkDocs' own tags (``!ENV``, ``!relative``) as plain values."""

    def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
        return None

    _Loader.add_multi_constructor("!", _any_tag)
    _Loader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)
    data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Loader)
    return data if isinstance(data, dict) else {}


#: The checkout this package runs from: guides built elsewhere (tests, a copy) use its npm packages.
CHECKOUT = Path(__file__).resolve().parents[2]


def decap_dist(root: Path) -> Path:
    """Decap's built code (the guide's own npm packages first, else this checkout's).

    An :class:`EditorError` that says how to install it when neither has it.
    """
    for base in (root, CHECKOUT):
        dist = base / DECAP_DIST
        if (dist / "decap-cms.js").is_file():
            return dist
    raise EditorError(
        f"{DECAP_DIST}/decap-cms.js ontbreekt: de webeditor komt uit het npm-pakket decap-cms. "
        "Voer 'make site' uit (of 'npm ci' in de map van de gids)."
    )


def write_editor(site_dir: Path, root: Path, settings: EditorSettings) -> Path:
    """Write ``/beheer/`` into ``site_dir``; return its folder."""
    dist = decap_dist(root)
    target = site_dir / EDITOR_DIR
    target.mkdir(parents=True, exist_ok=True)
    for name in ("index.html", "beheer.js"):
        shutil.copyfile(SHELL_DIR / name, target / name)
    (target / "config.yml").write_text(render_config(settings), encoding="utf-8")
    # Decap's entry script, the chunks it loads next to itself, its wasm and licence; no source maps.
    for path in dist.iterdir():
        if path.is_file() and _is_decap_runtime(path.name):
            shutil.copyfile(path, target / path.name)
    return target


def _is_decap_runtime(name: str) -> bool:
    if name.endswith(".map"):
        return False
    return name == "decap-cms.js.LICENSE.txt" or name.endswith((".decap-cms.js", ".wasm")) or name == "decap-cms.js"
