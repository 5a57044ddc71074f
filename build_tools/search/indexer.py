"""Index a built site with Pagefind: annotate the record pages, copy the search assets, build the index.

``index_site(site_dir, catalog)`` runs after the engine has written the site and before the
built site replaces ``site/``. The annotated pages are written back to the site folder and
Pagefind's binary (shipped by ``pagefind`` on PyPI) indexes that folder; nothing parses what
the binary prints, the written bundle is read instead. It reads the record behind each page from the URL
(``/<plural>/<id>/``) and the catalog, so the renderers need not know about search.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..link import Catalog
from ..model import Record

if TYPE_CHECKING:
    from pagefind.index import IndexConfig
from ..schema import DILEMMA, EXAMPLE, LESSON, ORGANISATION, PLACE, THEME
from .annotate import (
    FILTER_ORGANISATION,
    FILTER_PLACE,
    FILTER_THEME,
    FILTER_TYPE,
    REFERENCE_TYPES,
    PageInfo,
    annotate_page,
    visible_text,
)
from .vocabulary import Vocabulary, linked_records

#: Where the search assets live in the package and in the built site.
ASSETS = Path(__file__).resolve().parent.parent / "assets" / "search"
SITE_ASSETS = Path("assets") / "search"
#: Pagefind's search-time settings (ranking, excerpt length), shared by the header box and the benchmark.
OPTIONS_FILE = ASSETS / "options.js"
_OPTIONS_START = "export const PAGEFIND_OPTIONS ="
#: Pagefind's output folder inside the site.
BUNDLE = "pagefind"
#: Parts of a Material page that are chrome, not content.
EXCLUDE_SELECTORS = ".headerlink, .md-content__button, .md-source-file, .md-feedback, nav"
#: Files Pagefind writes that the guide does not use (its own interfaces, the language-less engine).
UNUSED_BUNDLE_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-highlight.js",
    "wasm.unknown.pagefind",
)


#: Pagefind splits its word index into chunks of about this many word locations; a query word
#: downloads the chunk(s) holding its words. Pagefind's default, 20,000, makes each chunk of a
#: 5,000-record guide about 22 KB gzip, most of it other words'. Set through the variable
#: Pagefind 1.5 reads (``PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE``, not in its documented options).
INDEX_CHUNK_SIZE = 4000


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message holds its output."""


@dataclass(frozen=True)
class SearchStats:
    """What indexing did."""

    pages_annotated: int  # record pages marked up for the index
    pages_indexed: int  # pages Pagefind indexed (should equal pages_annotated)
    filters: int  # filter names in the index
    bundle_bytes: int  # size of the search bundle on disk
    seconds: float
    missing: tuple[str, ...] = field(default=())  # published records without a page in the site

    def summary(self) -> str:
        """One Dutch line for the build output."""
        return (
            f"zoekindex: {self.pages_indexed} pagina's, {self.filters} filters, "
            f"{self.bundle_bytes / 1024:.0f} KB, {self.seconds:.2f} s"
        )


def type_label(record: Record) -> str:
    """The record type as readers see it: "Les", "Praktijkvoorbeeld", …"""
    label = record.rtype.label
    return label[:1].upper() + label[1:]


def page_filters(catalog: Catalog, record: Record) -> dict[str, list[str]]:
    """Theme, place and organisation filter values of a record (display names)."""
    linked = linked_records(catalog, record)
    if record.type in (LESSON.name, DILEMMA.name):
        examples = catalog.targets(record.id, "examples") + catalog.mentioned_in(record.id, EXAMPLE.name)
        for example in examples:
            linked.extend(r for r in linked_records(catalog, example) if r.type == PLACE.name)
    if record.type in (THEME.name, PLACE.name, ORGANISATION.name):
        linked.append(record)
    out: dict[str, list[str]] = {FILTER_THEME: [], FILTER_PLACE: [], FILTER_ORGANISATION: []}
    key = {THEME.name: FILTER_THEME, PLACE.name: FILTER_PLACE, ORGANISATION.name: FILTER_ORGANISATION}
    for target in linked:
        values = out[key[target.type]]
        if target.title not in values:
            values.append(target.title)
    return {name: sorted(values, key=str.casefold) for name, values in out.items() if values}


def page_path(site_dir: Path, record: Record) -> Path:
    return site_dir / record.rtype.plural / record.id / "index.html"


@dataclass(frozen=True)
class AnnotatedPage:
    """A record page marked up for the index."""

    record_id: str
    path: Path  # the file in the site
    filters: frozenset[str]  # the filter names the page carries


def annotate_site(site_dir: Path, catalog: Catalog) -> tuple[list[AnnotatedPage], list[str]]:
    """Annotate every published record's page (written back); the pages, and the ids without a page."""
    vocabulary = Vocabulary.from_catalog(catalog)
    done: list[AnnotatedPage] = []
    missing: list[str] = []
    for record in sorted(catalog.records.values(), key=lambda r: r.id):
        if not record.published:
            continue
        path = page_path(site_dir, record)
        if not path.is_file():
            missing.append(record.id)
            continue
        html = path.read_text(encoding="utf-8")
        filters = page_filters(catalog, record)
        info = PageInfo(
            record_id=record.id,
            type_label=type_label(record),
            title=record.title,
            filters=filters,
            terms=vocabulary.terms_for(record, visible_text(html)),
            reference=record.type in REFERENCE_TYPES,
        )
        annotated = annotate_page(html, info)
        if annotated is None:
            missing.append(record.id)
            continue
        if annotated != html:
            path.write_text(annotated, encoding="utf-8")
        done.append(AnnotatedPage(record.id, path, frozenset({FILTER_TYPE, *filters})))
    return done, missing


def pagefind_options(path: Path = OPTIONS_FILE) -> dict[str, Any]:
    """The settings ``options.js`` passes to ``pagefind.options()``: the JSON after its ``export const``."""
    text = path.read_text(encoding="utf-8")
    at = text.find(_OPTIONS_START)
    if at < 0:
        raise SearchIndexError(f"{path}: '{_OPTIONS_START}' ontbreekt; zet de instellingen van Pagefind daarachter.")
    try:
        options: dict[str, Any] = json.loads(text[at + len(_OPTIONS_START) :].strip().rstrip(";"))
    except ValueError as exc:
        line = text.count("\n", 0, at) + 1
        raise SearchIndexError(
            f"{path}:{line}: de instellingen zijn geen JSON ({exc}); schrijf ze als JSON-object."
        ) from exc
    return options


def copy_assets(site_dir: Path) -> None:
    """Copy the search box's script and style into the site."""
    target = site_dir / SITE_ASSETS
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(ASSETS, target)


def index_config(bundle: Path) -> IndexConfig:
    """Pagefind's settings: Dutch, Material's furniture left out, the bundle at ``bundle``."""
    return {
        "force_language": "nl",
        "exclude_selectors": [s.strip() for s in EXCLUDE_SELECTORS.split(",")],
        "output_path": str(bundle),
    }


def _write_index(site_dir: Path, bundle: Path) -> None:
    """Index the annotated site with the Pagefind binary and write the bundle.

    The binary the ``pagefind`` wheel ships runs once, as its own command, with the settings in a
    ``pagefind.json`` of a temporary working folder; it returns only when every file of the
    bundle is written. (Pagefind's service API answered ``write_files`` on a loaded machine
    before its files were on disk, so a build could read an empty entry file.)
    """
    from pagefind.service import get_executable

    binary = get_executable()
    if binary is None:
        raise SearchIndexError("Pagefind ontbreekt in deze omgeving: voer `make setup` uit.")
    settings = {**index_config(bundle), "site": str(site_dir)}
    with tempfile.TemporaryDirectory(prefix="wijkengids-pagefind-") as folder:
        (Path(folder) / "pagefind.json").write_text(json.dumps(settings), encoding="utf-8")
        environment = {**os.environ, "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": str(INDEX_CHUNK_SIZE)}
        done = subprocess.run([str(binary)], cwd=folder, env=environment, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        said = list(dict.fromkeys(line.strip() for line in done.stderr.splitlines() if line.strip()))
        said = said or [line.strip() for line in done.stdout.splitlines() if line.strip()][-3:]
        raise Exception(" ".join(said[-3:]) or f"het programma stopte met code {done.returncode}")


def indexed_pages(bundle: Path) -> int:
    """How many pages the written bundle holds (its entry file, per language)."""
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SearchIndexError(f"Pagefind schreef geen leesbare index in {bundle}: {exc}") from exc
    return sum(int(language.get("page_count", 0)) for language in entry.get("languages", {}).values())


def run_pagefind(site_dir: Path, bundle: Path) -> int:
    """Build the Pagefind bundle of the pages under ``site_dir`` at ``bundle``; how many pages it holds.

    One run of the binary over the whole folder: Pagefind indexes only the pages marked
    ``data-pagefind-body`` (the record pages). A bundle that is not whole afterwards is an error,
    never published.
    """
    if bundle.exists():
        shutil.rmtree(bundle)
    try:
        _write_index(site_dir, bundle)
    except SearchIndexError:
        raise
    except Exception as exc:  # Pagefind's own message
        message = " ".join(str(a) for a in exc.args if a) or repr(exc)
        raise SearchIndexError(f"Pagefind faalde: {message}") from exc
    pages = indexed_pages(bundle)
    problem = bundle_problem(bundle)
    if problem:
        raise SearchIndexError(f"Pagefind schreef een onvolledige index in {bundle} ({problem}); bouw de site opnieuw.")
    return pages


def bundle_problem(bundle: Path) -> str:
    """What is incomplete in a written bundle ("" when every file is whole).

    Pagefind's index files are gzip streams, which cannot be read to their end when cut short;
    its script ends with its ``export{…};`` statement.
    """
    script = bundle / "pagefind.js"
    if not script.is_file() or not script.read_bytes().rstrip().endswith(b"};"):
        return "pagefind.js is afgebroken"
    for path in sorted(bundle.rglob("*.pf_*")):
        try:
            gzip.decompress(path.read_bytes())
        except (OSError, EOFError) as exc:
            return f"{path.relative_to(bundle)}: {exc}"
    return ""


def remove_unused(bundle: Path, names: Iterable[str] = UNUSED_BUNDLE_FILES) -> None:
    for name in names:
        (bundle / name).unlink(missing_ok=True)


def bundle_size(bundle: Path) -> int:
    return sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file())


def index_site(site_dir: Path, catalog: Catalog | None = None, *, guide_root: Path | None = None) -> SearchStats:
    """Make ``site_dir`` searchable: annotate record pages, copy the search assets, build the index.

    ``catalog`` is the guide the site was built from; without it the guide under
    ``guide_root`` (default: the working directory) is checked again.
    """
    started = time.perf_counter()
    if catalog is None:
        from ..pipeline import check

        catalog = check(guide_root or Path.cwd()).catalog
    pages, missing = annotate_site(site_dir, catalog)
    copy_assets(site_dir)
    bundle = site_dir / BUNDLE
    if bundle.exists():
        shutil.rmtree(bundle)
    indexed = run_pagefind(site_dir, bundle)
    remove_unused(bundle)
    return SearchStats(
        pages_annotated=len(pages),
        pages_indexed=indexed,
        filters=len(frozenset().union(*(p.filters for p in pages))),
        bundle_bytes=bundle_size(bundle),
        seconds=time.perf_counter() - started,
        missing=tuple(missing),
    )
