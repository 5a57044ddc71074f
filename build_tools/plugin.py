"""The MkDocs (and ProperDocs) adapter: translate between MkDocs events and the pure stages.

- ``on_files``: run :func:`build_tools.pipeline.check` (the same messages as
  ``wijkengids check``; errors stop the build), drop the record source files under
  ``docs_dir`` from the site, and add every page :func:`build_tools.render.render_pages`
  returns as an in-memory file, plus the stylesheets from ``build_tools/assets``, the search
  page and the accessibility statement (:mod:`build_tools.render.site_pages`).
- ``on_page_markdown``: the "edit this page" link of a record page opens the record file.
- ``on_page_content``: generated pages go through the HTML sanitiser; tables of every page
  become focusable scrolling regions (:mod:`build_tools.render.material`).
- ``on_post_page`` / ``on_post_template`` (404.html): Material's checkbox toggles lose an
  attribute HTML does not allow on them.
- ``on_serve``: watch ``lessons/``, ``examples/`` and ``guide/``; during ``mkdocs serve`` an
  invalid edit is reported and the last good catalog keeps being served.

Nothing else lives here: rendering never imports MkDocs.
"""

from __future__ import annotations

import logging
import posixpath
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import mkdocs
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils.meta import get_data

from . import report
from .config import ConfigError, load_settings
from .fieldref import render_field_reference
from .pipeline import CheckResult, check
from .render import RenderedPage, render_pages, sanitize_html, site_nav
from .render.material import focusable_tables, valid_toggles
from .render.site_pages import SEARCH_PAGE, STATEMENT_PAGE, read_facts, search_page, statement_page
from .schema import RECORD_TYPES

#: Under ProperDocs ``mkdocs`` is an alias of ``properdocs``: log where that generator listens.
log = logging.getLogger(f"{mkdocs.__name__}.plugins.wijkengids")

ASSETS_DIR = Path(__file__).resolve().parent / "assets"
#: The editors' field reference, generated from the record model.
FIELD_REFERENCE = "velden.md"
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
        self.pages: dict[str, RenderedPage] = {}
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
        self.edit_root = self.config.edit_root or _edit_root(config, self.root(config))
        return config

    def on_files(self, files: Files, *, config: Any) -> Files:
        root = self.root(config)
        result = self.checked(root)
        docs_dir = Path(config.docs_dir).resolve()
        for file in [f for f in files if _is_record_source(f.src_uri, root, docs_dir)]:
            files.remove(file)
        home = files.get_file_from_path("index.md")
        home_intro = home_edit = None
        if home is not None and not home.generated_by:
            home_intro = get_data(home.content_string)[0]  # the text, without front matter
            home_path = Path(home.abs_src_path or "").resolve()
            home_edit = home_path.relative_to(root).as_posix() if home_path.is_relative_to(root) else None
            files.remove(home)
        pages = render_pages(
            result.catalog,
            home_intro=home_intro,
            home_edit_path=home_edit,
            directory_urls=config.use_directory_urls,
        )
        self.pages = {p.src_uri: p for p in pages}
        for page in pages:
            inclusion = InclusionLevel.NOT_IN_NAV if page.kind == "record" else InclusionLevel.INCLUDED
            existing = files.get_file_from_path(page.src_uri)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, page.src_uri, content=page.markdown, inclusion=inclusion))
        if files.get_file_from_path(FIELD_REFERENCE) is None:  # for editors, linked from bijdragen.md
            reference = File.generated(
                config, FIELD_REFERENCE, content=render_field_reference(), inclusion=InclusionLevel.NOT_IN_NAV
            )
            files.append(reference)
        contact = str(config.repo_url).rstrip("/") + "/issues" if config.repo_url else None
        facts = read_facts(root, contact=contact)
        for uri, content in ((SEARCH_PAGE, search_page()), (STATEMENT_PAGE, statement_page(facts))):
            if files.get_file_from_path(uri) is None:  # the search page and the accessibility statement
                files.append(File.generated(config, uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV))
        for asset in sorted(ASSETS_DIR.rglob("*")):
            uri = "assets/" + asset.relative_to(ASSETS_DIR).as_posix()
            if asset.is_file() and files.get_file_from_path(uri) is None:
                files.append(File.generated(config, uri, abs_src_path=str(asset)))
        if config.nav is None:
            extra = sorted(
                f.src_uri for f in files.documentation_pages() if f.src_uri not in self.pages and not f.generated_by
            )
            config.nav = site_nav(result.catalog, extra)
        return files

    def checked(self, root: Path) -> CheckResult:
        """Run the pipeline and report like ``wijkengids check``; fail on errors (except while serving)."""
        days = self.config.stale_after_days
        if days is None:
            try:
                days = load_settings(root).stale_after_days
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

    def on_page_content(self, html: str, *, page: Any, config: Any, files: Files) -> str:
        if page.file.src_uri in self.pages:
            html = sanitize_html(html)
        return focusable_tables(html)

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


def _is_record_source(src_uri: str, root: Path, docs_dir: Path) -> bool:
    """Whether a file in ``docs_dir`` lies in a record folder (``hoofdstukken/x.md``, ``themas/x.yml`` …)."""
    folder = posixpath.dirname(src_uri)
    if not folder:
        return False
    absolute = (docs_dir / folder).resolve()
    return any(absolute == (root / rtype.folder).resolve() for rtype in RECORD_TYPES)


def _edit_root(config: Any, root: Path) -> str | None:
    """``repo_url`` + ``edit_uri`` pointing at the guide root instead of at ``docs_dir``."""
    if not config.repo_url or not config.edit_uri:
        return None
    docs_edit = urljoin(str(config.repo_url).rstrip("/") + "/", str(config.edit_uri))
    if not docs_edit.endswith("/"):
        docs_edit += "/"
    try:
        docs_rel = Path(config.docs_dir).resolve().relative_to(root).as_posix()
    except ValueError:
        return docs_edit
    suffix = docs_rel.strip("/") + "/"
    if docs_rel not in ("", ".") and docs_edit.endswith("/" + suffix):
        return docs_edit[: -len(suffix)]
    return docs_edit
