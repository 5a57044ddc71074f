"""The edge to the MkDocs build: index the freshly built site before ``wijkengids build`` swaps it in."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from .indexer import SearchIndexError, SearchStats, index_site

log = logging.getLogger("mkdocs.plugins.wijkengids.search")


def index_built_site(site_dir: Path, config: Any) -> SearchStats:
    """Index ``site_dir`` built from the MkDocs ``config``; reuse the wijkengids plugin's catalog.

    A failure of Pagefind becomes MkDocs' ``BuildError``, so ``wijkengids build`` reports it and
    keeps the previous site.
    """
    from mkdocs.exceptions import BuildError

    plugin = config.plugins.get("wijkengids")
    result = getattr(plugin, "last_good", None)
    catalog = getattr(result, "catalog", None)
    if plugin is not None and hasattr(plugin, "root"):
        root = Path(plugin.root(config))
    else:
        root = Path(config.config_file_path or ".").resolve().parent
    try:
        stats = index_site(Path(site_dir), catalog, guide_root=root)
    except SearchIndexError as exc:
        raise BuildError(str(exc)) from exc
    log.info(stats.summary())
    if stats.missing:
        log.warning(f"zoekindex: geen pagina voor {', '.join(stats.missing)}")
    return stats
