"""The MkDocs (and ProperDocs) adapter, for ``mkdocs serve`` and a plain ``mkdocs build``.

``wijkengids build`` does not need it: it writes the same pages into a docs folder that any
engine builds (:mod:`build_tools.render.docs`). Here the same files become in-memory files:

- ``on_files``: run :func:`build_tools.pipeline.check` (the same messages as
  ``wijkengids check``; errors stop the build), drop the record source files under
  ``docs_dir`` from the site, and add every generated page and asset of
  :mod:`build_tools.render.docs` as an in-memory file.
- ``on_page_markdown``: the "edit this page" link of a record page opens the record file.
- the HTML sanitiser runs in every engine as a Markdown extension (``mkdocs.yml``), not here.
- ``on_post_page`` / ``on_post_template`` (404.html): Material's checkbox toggles lose an
  attribute HTML does not allow on them (``wijkengids build`` does the same on the built site).
- ``on_serve``: watch ``lessons/``, ``examples/`` and ``guide/``; during ``mkdocs serve`` an
  invalid edit is reported and the last good catalog keeps being served.

Nothing else lives here: rendering never imports MkDocs.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import mkdocs
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from . import report
from .config import ConfigError, load_settings, valid_stale_after_days
from .pipeline import CheckResult, check
from .render import site_nav
from .render.docs import (
    SiteFile,
    asset_files,
    edit_root,
    generated_pages,
    home_source,
    is_record_source,
    pdf_placeholders,
)
from .render.links import HOME
from .render.material import valid_toggles
from .terms import EXTENSION_NAME, extension_config, glossary_terms

#: Under ProperDocs ``mkdocs`` is an alias of ``properdocs``: log where that generator listens.
log = logging.getLogger(f"{mkdocs.__name__}.plugins.wijkengids")

#: Folders under the guide root that ``mkdocs serve`` watches besides ``docs_dir``.
WATCHED = ("lessons", "examples", "guide")


class WijkengidsConfig(base.Config):  # type: ignore[no-untyped-call]
    #: The guide root (with lessons/, examples/, guide/); default: the folder of mkdocs.yml.
    root = c.Optional(c.Dir(exists=True))
    #: Records not reviewed for this many days are reported (a warning); default: as ``wijkengids
    #: check`` does, ``stale_after_days`` of ``[tool.wijkengids]`` in pyproject.toml, else 730.
    stale_after_days = c.Optional(c.Type(int))
    #: Where a record file is edited, e.g. ``https://git.example.nl/gids/edit/main/``; default:
    #: ``repo_url`` + ``edit_uri`` with the ``docs_dir`` part taken off the end.
    edit_root = c.Optional(c.Type(str))


class WijkengidsPlugin(BasePlugin[WijkengidsConfig]):  # type: ignore[no-untyped-call]
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = False
        self.last_good: CheckResult | None = None
        self.pages: dict[str, SiteFile] = {}
        self.edit_root: str | None = None

    # Having on_startup keeps this instance alive across `mkdocs serve` rebuilds (MkDocs caches it
    # per process), so the state of a previous command is reset here and only here.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.last_good = None
        self.pages = {}

    def root(self, config: Any) -> Path:
        if self.config.root:
            return Path(self.config.root).resolve()
        return Path(config.config_file_path or ".").resolve().parent

    def on_config(self, config: Any) -> Any:
        self.edit_root = self.config.edit_root or edit_root(
            config.repo_url, config.edit_uri, Path(config.docs_dir), self.root(config)
        )
        return config

    def on_files(self, files: Files, *, config: Any) -> Files:
        root = self.root(config)
        result = self.checked(root)
        docs_dir = Path(config.docs_dir).resolve()
        for file in [f for f in files if is_record_source(f.src_uri, root, docs_dir)]:
            files.remove(file)
        home = files.get_file_from_path(HOME)
        if home is not None and not home.generated_by:
            files.remove(home)  # the home page is generated, around the editors' text
        intro, home_edit = home_source(docs_dir, root)
        pages = generated_pages(
            result.catalog,
            home_intro=intro,
            home_edit_path=home_edit,
            directory_urls=config.use_directory_urls,
            root=root,
            repo_url=config.repo_url,
            site_url=config.site_url,
        )
        self.pages = {p.src_uri: p for p in pages}
        if EXTENSION_NAME in config.markdown_extensions:  # the glossary's terms, marked in record bodies
            glossary = extension_config(glossary_terms(result.catalog.records.values()))
            config.mdx_configs[EXTENSION_NAME] = {**config.mdx_configs.get(EXTENSION_NAME, {}), **glossary}
        for page in pages:
            existing = files.get_file_from_path(page.src_uri)
            if existing is not None:
                files.remove(existing)
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.src_uri, content=page.text or "", inclusion=inclusion))
        for asset in asset_files():
            if files.get_file_from_path(asset.src_uri) is None:
                files.append(File.generated(config, asset.src_uri, abs_src_path=str(asset.source)))
        for stand_in in pdf_placeholders(result.catalog):  # links to the PDFs resolve; `wijkengids build` adds them
            if files.get_file_from_path(stand_in.src_uri) is None:
                files.append(File.generated(config, stand_in.src_uri, content=b"", inclusion=InclusionLevel.EXCLUDED))
        if config.nav is None:
            extra = sorted(
                f.src_uri for f in files.documentation_pages() if f.src_uri not in self.pages and not f.generated_by
            )
            config.nav = site_nav(result.catalog, extra)
        return files

    def checked(self, root: Path) -> CheckResult:
        """Run the pipeline and report like ``wijkengids check``; fail on errors (except while serving)."""
        days = self.config.stale_after_days
        try:
            if days is None:
                days = load_settings(root).stale_after_days
            else:
                days = valid_stale_after_days(days, "mkdocs.yml: plugins → wijkengids:")
        except ConfigError as exc:
            raise PluginError(str(exc)) from exc
        result = check(root, stale_after_days=days)
        for problem in result.problems:
            # Content warnings (stale, concept reference) must not fail `mkdocs build --strict`.
            (log.error if problem.is_error else log.info)(report.format_text(problem))
        if result.ok:
            self.last_good = result
            return result
        summary = report.summary(result.problems, result.files)
        if self.serving and self.last_good is not None:
            log.error(f"{summary} De site toont de laatste goede versie tot de fouten zijn opgelost.")
            return self.last_good
        raise PluginError(f"{summary} Los de fouten op; 'wijkengids check' toont ze ook.")

    def on_page_markdown(self, markdown: str, *, page: Any, config: Any, files: Files) -> str:
        rendered = self.pages.get(page.file.src_uri)
        if rendered is not None:
            edit = rendered.edit_path
            page.edit_url = urljoin(self.edit_root, edit) if edit and self.edit_root else None
        return markdown

    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        return valid_toggles(output)

    def on_post_template(self, output_content: str, *, template_name: str, config: Any) -> str:
        return valid_toggles(output_content) if template_name.endswith(".html") else output_content  # 404.html

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        root = self.root(config)
        for name in WATCHED:
            if (root / name).is_dir():
                server.watch(str(root / name))
        return server
