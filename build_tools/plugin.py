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
- ``mkdocs serve --dirty`` (``make serve``) rebuilds only what changed: every save renders the
  guide's pages as Markdown again (cheap, pure Python), and only the pages whose Markdown
  differs from the previous build are handed to MkDocs as modified; the others keep their
  HTML from the previous build (MkDocs' dirty build skips them). A saved record thereby
  rebuilds its own page and exactly the pages that show something of it (backlinks,
  overviews, its chapter, the home page's list). When the navigation, ``mkdocs.yml`` or a
  theme override changes, every page is rebuilt; a page that no longer exists is removed.

Nothing else lives here: rendering never imports MkDocs.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import jinja2
import jinja2.bccache
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


class _DirtyNotice(logging.Filter):
    """Drops MkDocs' English warning on every dirty rebuild ("inaccurate navigation …"): the plugin
    rebuilds every page whenever the navigation changes, and says in Dutch what it rebuilt."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


_DIRTY_NOTICE = _DirtyNotice()


class _Unchanged(File):
    """A generated page whose Markdown is the previous build's: a dirty build keeps its HTML."""

    def is_modified(self) -> bool:
        return False


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled theme templates in memory, across the rebuilds of one ``mkdocs serve``."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


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
        self.dirty = False
        self.last_good: CheckResult | None = None
        self.pages: dict[str, SiteFile] = {}
        self.edit_root: str | None = None
        #: ``mkdocs serve --dirty``: what the previous build rendered (page → Markdown, and the
        #: navigation and settings every page shows), and the pages this build renders again.
        self.built: dict[str, str] = {}
        self.built_shape: object = None
        self.rebuilt: list[str] = []
        self.compiled = _CompiledTemplates()

    # Having on_startup keeps this instance alive across `mkdocs serve` rebuilds (MkDocs caches it
    # per process), so the state of a previous command is reset here and only here.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = dirty
        self.last_good = None
        self.pages = {}
        self.built, self.built_shape, self.rebuilt = {}, None, []
        if self.serving and dirty:
            logging.getLogger(f"{mkdocs.__name__}.commands.build").addFilter(_DIRTY_NOTICE)

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
        if config.nav is None:
            extra = sorted(
                f.src_uri for f in files.documentation_pages() if f.src_uri not in self.pages and not f.generated_by
            )
            config.nav = site_nav(result.catalog, extra)
        unchanged = self.unchanged_pages(config)
        for page in pages:
            existing = files.get_file_from_path(page.src_uri)
            if existing is not None:
                files.remove(existing)
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            kind = _Unchanged if page.src_uri in unchanged else File
            files.append(kind.generated(config, page.src_uri, content=page.text or "", inclusion=inclusion))
        for asset in asset_files():
            if files.get_file_from_path(asset.src_uri) is None:
                files.append(File.generated(config, asset.src_uri, abs_src_path=str(asset.source)))
        for stand_in in pdf_placeholders(result.catalog):  # links to the PDFs resolve; `wijkengids build` adds them
            if files.get_file_from_path(stand_in.src_uri) is None:
                files.append(File.generated(config, stand_in.src_uri, content=b"", inclusion=InclusionLevel.EXCLUDED))
        return files

    def unchanged_pages(self, config: Any) -> set[str]:
        """During ``mkdocs serve --dirty``: the generated pages whose HTML from the previous build still holds.

        A page's HTML follows from its Markdown, the navigation, the configuration (the Markdown
        extensions' settings among it) and the theme; when any of the last three changed, no page
        is unchanged. Pages gone since the previous
        build are removed from the served site.
        """
        if not (self.serving and self.dirty):
            return set()
        # The Markdown extensions' settings too: the glossary's terms are marked on every page.
        shape = (
            repr(config.nav),
            repr(config.mdx_configs),
            _mtime(config.config_file_path),
            _newest(config.theme.dirs),
        )
        texts = {uri: page.text or "" for uri, page in self.pages.items()}
        unchanged = {uri for uri, text in texts.items() if self.built.get(uri) == text}
        if shape != self.built_shape:
            unchanged = set()
        for gone in self.built.keys() - texts.keys():
            _remove_output(config, gone)
        self.built, self.built_shape = texts, shape
        self.rebuilt = sorted(texts.keys() - unchanged)
        log.info(f"{len(self.rebuilt)} van de {len(texts)} pagina's van de gids opnieuw opgebouwd.")
        return unchanged

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

    def on_env(self, env: Any, *, config: Any, files: Files) -> Any:
        """While serving, the theme's templates are compiled once, not on every rebuild (MkDocs makes a new
        environment each time; the cache is keyed by each template's source, so an edited override recompiles)."""
        if self.serving:
            env.bytecode_cache = self.compiled
        return env

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


def _mtime(path: str | None) -> float:
    return os.stat(path).st_mtime if path and os.path.exists(path) else 0.0


def _newest(folders: list[str]) -> float:
    """The latest change of a template under ``folders`` (the theme and its overrides; not its icons)."""
    newest = 0.0
    for folder in folders:
        for directory, subfolders, names in os.walk(folder):
            subfolders[:] = [d for d in subfolders if not d.startswith(".")]
            for name in names:
                newest = max(newest, os.stat(os.path.join(directory, name)).st_mtime)
    return newest


def _remove_output(config: Any, src_uri: str) -> None:
    """The built HTML of a page that is no longer generated (a record deleted or unpublished)."""
    file = File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls)
    if os.path.isfile(file.abs_dest_path):
        os.remove(file.abs_dest_path)
