"""The guide as an engine's docs folder: every page, the assets and a configuration, on disk.

One implementation of "which files make the site", shared by the MkDocs plugin (which
adds them as in-memory files) and by ``wijkengids build`` / ``wijkengids render`` (which
write them into a docs folder that any engine builds: MkDocs, ProperDocs, Zensical):

* :func:`site_files` — the pages :func:`~build_tools.render.render_pages` returns (records,
  overviews, home, and whatever else the render layer adds), the field reference, the
  editors' own pages from ``docs_dir`` (``over.md``, ``bijdragen.md``) and the stylesheets
  and scripts from ``build_tools/assets``; each with the address of the file to edit.
* :func:`write_docs` — those files into ``OUT_DIR/docs``, the theme overrides into
  ``OUT_DIR/overrides`` and ``OUT_DIR/mkdocs.yml``: the project's configuration without
  the wijkengids plugin (the pages exist already), with the navigation written out and
  without Material's lunr index (the site searches with Pagefind).

Pure Python: never imports MkDocs.
"""

from __future__ import annotations

import functools
import posixpath
import shutil
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import yaml

from ..fieldref import render_field_reference
from ..link import Catalog
from ..schema import CHAPTER, RECORD_TYPES
from ..terms import EXTENSION_NAME, extension_config, glossary_terms
from .links import HOME
from .pages import RenderedPage, render_pages, site_nav
from .redirects import redirect_pages
from .site_pages import SEARCH_PAGE, STATEMENT_PAGE, read_facts, search_page, statement_page

ASSETS_DIR = Path(__file__).resolve().parent.parent / "assets"
#: The editors' field reference, generated from the record model.
FIELD_REFERENCE = "velden.md"
#: The folder names inside a written docs folder.
DOCS = "docs"
OVERRIDES = "overrides"
CONFIG = "mkdocs.yml"
#: The plugin that makes the pages during ``mkdocs serve`` (not needed in a written docs folder).
PLUGIN = "wijkengids"
#: The PDFs the pages link to: ``pdf/<chapter-id>.pdf`` and the whole guide (as ``build_tools.export`` names them).
PDF_FOLDER = "pdf"
GUIDE_PDF = "wijkengids.pdf"


class DocsError(Exception):
    """The project's configuration cannot be turned into a docs folder; the message says why (Dutch)."""


@dataclass(frozen=True)
class SiteFile:
    """One file of the docs folder: Markdown text, or a file copied as it is."""

    src_uri: str  # "lessen/lange-adem.md", "assets/stylesheets/a11y.css"
    text: str | None = None  # the page's Markdown (without front matter)
    source: Path | None = None  # a file to copy (assets, hand-written pages' images …)
    edit_path: str | None = None  # the file an editor changes, relative to the guide root
    in_nav: bool = True  # False: left out of the navigation on purpose (record pages, the field reference)
    placeholder: bool = False  # an empty stand-in for a file a later step adds (a PDF): not published


@dataclass(frozen=True)
class Project:
    """What the docs folder needs from ``mkdocs.yml``: the parsed configuration and the paths in it."""

    config_file: Path
    config: Mapping[str, Any]
    root: Path  # the guide root: lessons/, examples/, guide/

    @property
    def docs_dir(self) -> Path:
        return (self.config_file.parent / str(self.config.get("docs_dir", "docs"))).resolve()

    @property
    def directory_urls(self) -> bool:
        return bool(self.config.get("use_directory_urls", True))

    @property
    def edit_root(self) -> str | None:
        return edit_root(self.config.get("repo_url"), self.config.get("edit_uri"), self.docs_dir, self.root)


def load_project(config_file: Path, root: Path | None = None) -> Project:
    """Read ``mkdocs.yml`` (plain YAML; MkDocs' ``!ENV`` tags are read as their default)."""
    try:
        text = config_file.read_text(encoding="utf-8")
    except OSError as exc:
        raise DocsError(f"{config_file}: kan het bestand niet lezen ({exc.strerror}).") from exc
    try:
        config = yaml.load(text, Loader=_ConfigLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{config_file}:{mark.line + 1}" if mark is not None else str(config_file)
        raise DocsError(f"{where}: geen geldige YAML ({exc}). Herstel de configuratie.") from exc
    if not isinstance(config, dict):
        raise DocsError(f"{config_file}:1: de configuratie is geen blok met instellingen.")
    return Project(config_file.resolve(), config, (root or config_file.parent).resolve())


class _ConfigLoader(yaml.SafeLoader):
    pass


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    import os

    values = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]  # type: ignore[arg-type]
    *names, default = values if len(values) > 1 else [*values, None]
    for name in names:
        if isinstance(name, str) and name in os.environ:
            return os.environ[name]
    return default


_ConfigLoader.add_constructor("!ENV", _env_tag)


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """A Markdown page's YAML front matter (``---`` … ``---``) and the text after it."""
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---\n", 3)
    if end < 0:
        return {}, text
    meta = yaml.load(text[4:end], Loader=yaml.CSafeLoader) or {}  # libyaml: once per page of the guide
    return (meta if isinstance(meta, dict) else {}), text[end + 5 :]


def is_record_source(src_uri: str, root: Path, docs_dir: Path) -> bool:
    """Whether a file in ``docs_dir`` lies in a record folder (``hoofdstukken/x.md``, ``themas/x.yml`` …)."""
    folder = posixpath.dirname(src_uri)
    return bool(folder) and _is_record_folder(docs_dir, folder, root)


@functools.lru_cache(maxsize=256)
def _is_record_folder(docs_dir: Path, folder: str, root: Path) -> bool:
    """Cached: a guide has thousands of record files in a dozen folders (and ``resolve`` asks the disk)."""
    absolute = (docs_dir / folder).resolve()
    return any(absolute == (root / rtype.folder).resolve() for rtype in RECORD_TYPES)


def edit_root(repo_url: Any, edit_uri: Any, docs_dir: Path, root: Path) -> str | None:
    """``repo_url`` + ``edit_uri`` pointing at the guide root instead of at ``docs_dir``."""
    if not repo_url or not edit_uri:
        return None
    docs_edit = urljoin(str(repo_url).rstrip("/") + "/", str(edit_uri))
    if not docs_edit.endswith("/"):
        docs_edit += "/"
    try:
        docs_rel = docs_dir.resolve().relative_to(root).as_posix()
    except ValueError:
        return docs_edit
    suffix = docs_rel.strip("/") + "/"
    if docs_rel not in ("", ".") and docs_edit.endswith("/" + suffix):
        return docs_edit[: -len(suffix)]
    return docs_edit


def hand_written(docs_dir: Path, root: Path) -> list[tuple[str, Path]]:
    """The files of ``docs_dir`` that are not records: ``(src_uri, path)``, sorted."""
    if not docs_dir.is_dir():
        return []
    out: list[tuple[str, Path]] = []
    for path in sorted(docs_dir.rglob("*")):
        if not path.is_file() or any(part.startswith(".") for part in path.relative_to(docs_dir).parts):
            continue
        src_uri = path.relative_to(docs_dir).as_posix()
        if not is_record_source(src_uri, root, docs_dir):
            out.append((src_uri, path))
    return out


def home_source(docs_dir: Path, root: Path) -> tuple[str | None, str | None]:
    """The editors' home text (``docs_dir/index.md`` without front matter) and its path from the root."""
    home = docs_dir / HOME
    if not home.is_file():
        return None, None
    intro = split_front_matter(home.read_text(encoding="utf-8"))[1]
    resolved = home.resolve()
    return intro, resolved.relative_to(root).as_posix() if resolved.is_relative_to(root) else None


def generated_pages(
    catalog: Catalog,
    *,
    home_intro: str | None,
    home_edit_path: str | None,
    directory_urls: bool,
    root: Path | None = None,
    repo_url: Any = None,
    site_url: Any = None,
) -> list[SiteFile]:
    """The pages the guide generates (render layer, field reference, search page, accessibility
    statement with the facts of the guide in ``root``, redirects from old addresses) as site files."""
    pages: list[RenderedPage] = render_pages(
        catalog, home_intro=home_intro, home_edit_path=home_edit_path, directory_urls=directory_urls
    )
    out = [SiteFile(p.src_uri, text=p.markdown, edit_path=p.edit_path, in_nav=p.kind != "record") for p in pages]
    out.append(SiteFile(FIELD_REFERENCE, text=render_field_reference(), in_nav=False))
    contact = str(repo_url).rstrip("/") + "/issues" if repo_url else None
    facts = read_facts(root or Path.cwd(), contact=contact)
    out.append(SiteFile(SEARCH_PAGE, text=search_page(), in_nav=False))
    out.append(SiteFile(STATEMENT_PAGE, text=statement_page(facts), in_nav=False))
    redirects = redirect_pages(catalog, directory_urls=directory_urls, site_url=str(site_url or ""))
    out += [SiteFile(r.path, text=r.html, in_nav=False) for r in redirects]
    return out


def pdf_placeholders(catalog: Catalog) -> list[SiteFile]:
    """Empty stand-ins for the PDFs the pages link to, so every engine resolves and checks those links.

    Excluded from the built site (``exclude_docs``); ``wijkengids build`` puts the real PDFs there instead.
    """
    names = [f"{c.id}.pdf" for c in catalog.of_type(CHAPTER.name)] + [GUIDE_PDF]
    return [SiteFile(f"{PDF_FOLDER}/{name}", text="", placeholder=True) for name in names]


def asset_files() -> list[SiteFile]:
    """The guide's stylesheets and search scripts, under ``assets/``."""
    return [
        SiteFile("assets/" + path.relative_to(ASSETS_DIR).as_posix(), source=path)
        for path in sorted(ASSETS_DIR.rglob("*"))
        if path.is_file()
    ]


def site_files(catalog: Catalog, project: Project) -> list[SiteFile]:
    """Every file of the docs folder, generated first: a hand-written file of the same name is dropped."""
    docs_dir, root = project.docs_dir, project.root
    intro, home_edit = home_source(docs_dir, root)
    files = generated_pages(
        catalog,
        home_intro=intro,
        home_edit_path=home_edit,
        directory_urls=project.directory_urls,
        root=root,
        repo_url=project.config.get("repo_url"),
        site_url=project.config.get("site_url"),
    )
    files += asset_files()
    files += pdf_placeholders(catalog)
    taken = {f.src_uri for f in files}
    for src_uri, path in hand_written(docs_dir, root):
        if src_uri in taken:
            continue
        rel = path.resolve().relative_to(root).as_posix() if path.resolve().is_relative_to(root) else None
        files.append(SiteFile(src_uri, source=path, edit_path=rel if src_uri.endswith(".md") else None))
    return files


@dataclass(frozen=True)
class DocsFolder:
    """A written docs folder: where its configuration is, and what is in it."""

    out_dir: Path
    config_file: Path
    docs_dir: Path
    pages: int  # Markdown pages
    files: int  # everything written or copied into docs/


def engine_config(project: Project, catalog: Catalog, files: Iterable[SiteFile], *, site_dir: Path) -> dict[str, Any]:
    """The project's configuration for an engine building the written docs folder."""
    config = dict(project.config)
    config["docs_dir"] = DOCS
    config["site_dir"] = str(site_dir)
    theme = dict(config.get("theme") or {})
    theme["custom_dir"] = OVERRIDES
    config["theme"] = theme
    config["plugins"] = [_without_lunr_index(p) for p in _plugins(config.get("plugins")) if _plugin_name(p) != PLUGIN]
    config.pop("hooks", None)
    # Edit links come from each page's front matter (the record file, not the generated page).
    config["edit_uri"] = ""
    pages = [f for f in files if f.src_uri.endswith(".md")]
    generated = {f.src_uri for f in pages if f.text is not None}
    if config.get("nav") is None:
        extra = sorted(f.src_uri for f in pages if f.src_uri not in generated)
        config["nav"] = site_nav(catalog, extra)
    config["not_in_nav"] = "\n".join(not_in_nav_patterns(pages))
    config["markdown_extensions"] = with_glossary(config.get("markdown_extensions"), catalog)
    placeholders = [f"/{f.src_uri}" for f in files if f.placeholder]
    if placeholders:
        excluded = str(config.get("exclude_docs") or "").splitlines()
        config["exclude_docs"] = "\n".join([*excluded, *placeholders])
    return config


def with_glossary(extensions: Any, catalog: Catalog) -> Any:
    """``markdown_extensions`` with the glossary's terms given to ``build_tools.terms`` (when it is listed)."""
    if not isinstance(extensions, list):
        return extensions
    out: list[Any] = []
    for entry in extensions:
        name = entry if isinstance(entry, str) else next(iter(entry), None) if isinstance(entry, dict) else None
        if name == EXTENSION_NAME:
            options = {} if isinstance(entry, str) else dict(entry[name] or {})
            entry = {name: {**options, **extension_config(glossary_terms(catalog.records.values()))}}
        out.append(entry)
    return out


def not_in_nav_patterns(pages: Iterable[SiteFile]) -> list[str]:
    """``not_in_nav`` patterns: ``/lessen/*.md`` for a folder whose pages are all outside the nav.

    One pattern per folder rather than per page: MkDocs matches every file against every
    pattern, which with a pattern per record page grows with the square of the guide.
    """
    by_folder: dict[str, list[SiteFile]] = {}
    for page in pages:
        by_folder.setdefault(posixpath.dirname(page.src_uri), []).append(page)
    patterns: list[str] = []
    for folder, inside in sorted(by_folder.items()):
        hidden = [p for p in inside if not p.in_nav]
        shown = [p for p in inside if p.in_nav]
        if folder and len(hidden) > 1 and all(posixpath.basename(p.src_uri) == "index.md" for p in shown):
            patterns.append(f"/{folder}/*.md")
            patterns.extend(f"!/{p.src_uri}" for p in shown)
        else:
            patterns.extend(f"/{p.src_uri}" for p in hidden)
    return patterns


def _plugins(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, dict):
        return [{name: options} for name, options in value.items()]
    return list(value)


def _plugin_name(entry: Any) -> str:
    return str(entry if isinstance(entry, str) else next(iter(entry)))


def _without_lunr_index(entry: Any) -> Any:
    """Material's search plugin stays (its header shows our Pagefind box), but writes no lunr index."""
    if _plugin_name(entry) not in ("search", "material/search"):
        return entry
    options = {} if isinstance(entry, str) else dict(entry[_plugin_name(entry)] or {})
    options["enabled"] = False
    return {_plugin_name(entry): options}


def page_text(file: SiteFile, edit_root_url: str | None) -> str:
    """A page as the docs folder holds it: front matter with the edit link, then its Markdown."""
    text = file.text if file.text is not None else (file.source.read_text(encoding="utf-8") if file.source else "")
    meta, body = split_front_matter(text)
    # Always set: an engine's own edit link would point at the docs folder (overviews have none).
    meta["edit_url"] = urljoin(edit_root_url, file.edit_path) if file.edit_path and edit_root_url else ""
    if not meta:
        return body
    return "---\n" + yaml.dump(meta, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=True) + "---\n" + body


def write_docs(
    catalog: Catalog,
    project: Project,
    out_dir: Path,
    *,
    site_dir: Path | None = None,
    prepare_overrides: Callable[[Path], object] | None = None,
    pdfs: Sequence[Path] | None = None,
    theme: Mapping[str, Any] | None = None,
) -> DocsFolder:
    """Write the docs folder an engine builds into ``out_dir`` (``docs/``, ``overrides/``, ``mkdocs.yml``).

    ``out_dir`` must be empty or missing: nothing there is overwritten. ``prepare_overrides``
    adds engine-specific templates to the copied ``overrides/`` (see :mod:`build_tools.engines`).
    ``theme``: settings of the engine's theme over the project's (``None``: left out).
    ``pdfs``: the exported PDFs, copied into ``docs/pdf/`` instead of the stand-ins.
    """
    if out_dir.exists() and any(out_dir.iterdir()):
        raise DocsError(f"{out_dir}: de map is niet leeg. Kies een lege of nieuwe map; er wordt niets overschreven.")
    docs = out_dir / DOCS
    docs.mkdir(parents=True)
    files = site_files(catalog, project)
    if pdfs is not None:
        files = [f for f in files if not f.placeholder]
        files += [SiteFile(f"{PDF_FOLDER}/{p.name}", source=p) for p in pdfs]
    edit_root_url = project.edit_root
    folders: set[Path] = set()
    pages = 0
    for file in files:
        target = docs / file.src_uri
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        if file.src_uri.endswith(".md"):
            target.write_text(page_text(file, edit_root_url), encoding="utf-8")
            pages += 1
        elif file.text is not None:
            target.write_text(file.text, encoding="utf-8")
        elif file.source is not None:
            shutil.copyfile(file.source, target)
    project_theme = project.config.get("theme") or {}
    if isinstance(project_theme, dict) and project_theme.get("custom_dir"):
        custom_dir = project_theme["custom_dir"]
        overrides = (project.config_file.parent / str(custom_dir)).resolve()
        if not overrides.is_dir():
            raise DocsError(f"{project.config_file}: theme.custom_dir '{custom_dir}' bestaat niet.")
        shutil.copytree(overrides, out_dir / OVERRIDES)
    (out_dir / OVERRIDES).mkdir(exist_ok=True)
    if prepare_overrides is not None:
        prepare_overrides(out_dir / OVERRIDES)
    config = engine_config(project, catalog, files, site_dir=site_dir or out_dir / "site")
    for key, value in (theme or {}).items():  # None: the setting is left out
        if value is None:
            config["theme"].pop(key, None)
        else:
            config["theme"][key] = value
    config_file = out_dir / CONFIG
    header = (
        "# Written by `wijkengids render` from "
        f"{project.config_file.name}: the pages exist already, so no wijkengids plugin and no lunr index.\n"
    )
    config_file.write_text(header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return DocsFolder(out_dir, config_file, docs, pages, len(files))
