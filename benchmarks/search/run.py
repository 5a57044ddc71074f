"""Search-quality and download benchmark: our Pagefind search against Material's default lunr search.

``python benchmarks/search/run.py`` builds the shipped guide with ``wijkengids build`` (which
writes both Pagefind's index and, through Material's search plugin, lunr's index of the very same
pages) and, in headless Chromium:

* runs the Dutch queries of :mod:`benchmarks.search.queries` on both engines and prints recall@5
  and MRR side by side, overall and per kind of query;
* prints the bytes a browser downloads to answer a first query (fresh cache), for the shipped
  guide and for a synthetic guide of 5,000 records (``--synthetic 0`` skips it), built as plain
  MkDocs + Material pages (one per record, at ``/<plural>/<id>/``) and indexed with
  :func:`build_tools.search.index_site`.

``--site DIR`` measures an already built site instead (``wijkengids build``), if it holds both
``pagefind/`` and Material's ``search/search_index.json``. Not a test: nothing asserts a figure.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.search.harness import Downloads, SearchBrowser, serve  # noqa: E402
from benchmarks.search.queries import QUERIES, Query  # noqa: E402
from benchmarks.synthetic import write_guide  # noqa: E402
from build_tools.link import Catalog  # noqa: E402
from build_tools.model import Record  # noqa: E402
from build_tools.pipeline import check  # noqa: E402
from build_tools.search import index_site  # noqa: E402
from build_tools.search.indexer import SITE_ASSETS, pagefind_options  # noqa: E402
from build_tools.search.vocabulary import record_text  # noqa: E402

K = 5
#: First queries: two words on the shipped guide; one and two words on the synthetic guide, whose
#: 30-word vocabulary puts every word on nearly every page (the worst case for Pagefind's chunks).
FIRST_QUERIES = {"real": ("vertrouwen herstellen",), "synthetic": ("leefwereld", "bewoners vertrouwen")}

MKDOCS_YML = """\
site_name: Wijkengids
site_url: https://example.org/
docs_dir: docs
site_dir: site
use_directory_urls: true
theme:
  name: material
  language: nl
  font: false
  custom_dir: {overrides}
plugins:
  - search
# Record pages stay out of the navigation, as in the guide: a nav of thousands of pages makes
# Material embed it in every page (five times slower builds).
nav:
  - index.md
not_in_nav: |
  */
"""


def record_markdown(record: Record) -> str:
    """A record as a plain Markdown page: title, then everything it shows as text."""
    text = record_text(record).split("\n", 1)[1] if "\n" in record_text(record) else ""
    return f"# {record.title}\n\n{text}\n"


def write_plain_docs(catalog: Catalog, project: Path) -> None:
    """A MkDocs project with one Markdown page per published record, at ``<plural>/<id>.md``."""
    docs = project / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Wijkengids\n\nKennisgids over de wijkaanpak.\n", encoding="utf-8")
    for record in catalog.records.values():
        if record.published:
            page = docs / record.rtype.plural / f"{record.id}.md"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(record_markdown(record), encoding="utf-8")
    (project / "mkdocs.yml").write_text(MKDOCS_YML.format(overrides=ROOT / "overrides"), encoding="utf-8")


def build_plain_site(guide_root: Path, project: Path) -> tuple[Path, Catalog, float]:
    """Build ``guide_root`` as a plain MkDocs + Material site and index it; returns site, catalog, seconds."""
    result = check(guide_root)
    if not result.ok:
        raise SystemExit(f"{guide_root}: the guide has errors; run `wijkengids check`")
    write_plain_docs(result.catalog, project)
    started = time.perf_counter()
    mkdocs = Path(sys.executable).with_name("mkdocs")
    subprocess.run([str(mkdocs), "build", "--quiet"], cwd=project, check=True)
    site = project / "site"
    index_site(site, result.catalog)
    return site, result.catalog, time.perf_counter() - started


def build_guide_site(site_dir: Path) -> tuple[Path, Catalog, float]:
    """The shipped guide as ``wijkengids build`` makes it (Pagefind index; PDFs aside)."""
    from build_tools.site_build import build_site

    started = time.perf_counter()
    site = build_site(ROOT / "mkdocs.yml", site_dir=site_dir, pdf=False)
    return site, check(ROOT).catalog, time.perf_counter() - started


def url_of(catalog: Catalog, record_id: str) -> str:
    record = catalog[record_id]
    return f"/{record.rtype.plural}/{record.id}/"


def current_id(catalog: Catalog, record_id: str) -> str:
    """The id of the record now: a merged or renamed record keeps its old id under ``aliases``."""
    if record_id in catalog:
        return record_id
    for record in catalog.records.values():
        if record_id in (record.get("aliases") or ()):
            return record.id
    return record_id


def score(query: Query, found: list[str], catalog: Catalog) -> tuple[float, float, int | None]:
    """recall@5 (share of expected records in the top five), reciprocal rank, rank of the first expected."""
    expected = list(dict.fromkeys(url_of(catalog, current_id(catalog, rid)) for rid in query.expected))
    top = found[:K]
    recall = sum(url in top for url in expected) / len(expected)
    ranks = [found.index(url) + 1 for url in expected if url in found]
    first = min(ranks) if ranks else None
    return recall, (1 / first if first and first <= K else 0.0), first


def quality(browser: SearchBrowser, catalog: Catalog) -> None:
    options = browser.site / SITE_ASSETS / "options.js"
    if not options.is_file():
        raise SystemExit(
            f"{browser.site}: {SITE_ASSETS / 'options.js'} is missing (built before 2 December?); rebuild it"
        )
    missing = [rid for q in QUERIES for rid in q.expected if current_id(catalog, rid) not in catalog]
    if missing:
        raise SystemExit(f"queries expect records the guide does not have: {sorted(set(missing))}")
    texts = [q.text for q in QUERIES]
    ours = browser.pagefind(texts, k=10)
    # Material's lunr index: only in a site built with its search plugin (`wijkengids build` leaves it out).
    with_lunr = (browser.site / "search" / "search_index.json").is_file()
    lunr = browser.lunr(texts, k=10) if with_lunr else {t: [] for t in texts}
    if not with_lunr:
        print("(no lunr index in this site: the lunr column is empty)")
    print(f"\n== Search quality: {len(QUERIES)} Dutch queries, expected records in the first {K}")
    print(f"Pagefind's settings (the site's {options.relative_to(browser.site)}): {pagefind_options(options)}")
    print(f"{'query':<38} {'kind':<14} {'ours':>5} {'lunr':>5}")
    totals: dict[str, list[tuple[float, float]]] = defaultdict(list)
    by_kind: dict[tuple[str, str], list[float]] = defaultdict(list)
    for query in QUERIES:
        row = []
        for name, found in (("ours", ours[query.text]), ("lunr", lunr[query.text])):
            recall, rr, first = score(query, found, catalog)
            totals[name].append((recall, rr))
            by_kind[(name, query.kind)].append(recall)
            row.append("-" if first is None else str(first))
        print(f"{query.text[:38]:<38} {query.kind:<14} {row[0]:>5} {row[1]:>5}")
    print("(rank of the first expected record; '-' = not in the first 10)")
    print(f"\n{'':<22} {'ours (Pagefind)':>16} {'Material (lunr)':>16}")
    for label, index in (("recall@5", 0), ("MRR", 1)):
        values = [statistics.fmean(v[index] for v in totals[name]) for name in ("ours", "lunr")]
        print(f"{label:<22} {values[0]:>16.3f} {values[1]:>16.3f}")
    for kind in sorted({q.kind for q in QUERIES}):
        values = [statistics.fmean(by_kind[(name, kind)]) for name in ("ours", "lunr")]
        count = len(by_kind[("ours", kind)])
        print(f"  recall@5 {kind + f' ({count})':<20} {values[0]:>10.3f} {values[1]:>16.3f}")


#: Records a reader looks up by name: each is searched by its own title (``--site`` and the build alike).
NAMED_TYPES = ("begrip", "place", "organisation", "theme")


def own_names(browser: SearchBrowser, catalog: Catalog) -> None:
    """How often a glossary entry, place, organisation or theme is first, and in the first five, for its own name."""
    named: dict[str, list[Record]] = defaultdict(list)
    for record in catalog.records.values():
        if record.published and record.type in NAMED_TYPES:
            named[record.title].append(record)
    found = browser.pagefind(list(named), k=10)
    ranks: dict[str, list[int]] = defaultdict(list)
    for title, records in named.items():
        for record in records:
            url = url_of(catalog, record.id)
            ranks[record.type].append(found[title].index(url) + 1 if url in found[title] else K + 99)
    print(f"\n== Records searched by their own name ({sum(len(v) for v in ranks.values())})")
    print(f"{'type':<22} {'first':>8} {'first five':>11} {'all':>5}")
    for rtype in NAMED_TYPES:
        got = ranks[rtype]
        print(f"{rtype:<22} {sum(r == 1 for r in got):>8} {sum(r <= K for r in got):>11} {len(got):>5}")


def typed_partly(browser: SearchBrowser, catalog: Catalog) -> None:
    """The queries with their last word cut short by 2–4 letters (at least 4 left), as while typing.

    Pagefind finds longer words from a prefix only in the index chunks it loads for the prefix, so
    this shows what the chunk size (``INDEX_CHUNK_SIZE``) costs the as-you-type search.
    """
    partial: list[tuple[str, Query]] = []
    for query in QUERIES:
        *head, last = query.text.split()
        partial += [(" ".join([*head, last[:-cut]]), query) for cut in (2, 3, 4) if len(last) - cut >= 4]
    found = browser.pagefind([text for text, _ in partial], k=K)
    hits = sum(
        any(url_of(catalog, current_id(catalog, rid)) in found[text] for rid in q.expected) for text, q in partial
    )
    empty = sum(not found[text] for text, _ in partial)
    print(
        f"\n== The same queries typed partly ({len(partial)}): an expected record in the first {K} for {hits}, ", end=""
    )
    print(f"no result for {empty}")


def kb(n: int) -> str:
    return f"{n / 1024:,.1f} KB"


def downloads(label: str, browser: SearchBrowser, query: str) -> None:
    """One line per engine: files and bytes fetched for ``query`` with an empty cache."""
    results: dict[str, Downloads] = {"ours (Pagefind)": browser.first_query_downloads("pagefind", query)}
    if (browser.site / "search" / "search_index.json").is_file():
        results["Material (lunr)"] = browser.first_query_downloads("lunr", query)
    for name, got in results.items():
        print(f"{label:<44} {name:<16} {len(got.sizes):>5} {kb(got.total()):>12} {kb(got.total(compressed=True)):>12}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="measure this built site instead of building one")
    parser.add_argument("--synthetic", type=int, default=5000, help="records in the synthetic guide (0: skip)")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="wijkengids-search-bench-") as tmp:
        work = Path(tmp)
        if args.site:
            site, catalog = args.site.resolve(), check(ROOT).catalog
            print(f"site: {site}")
        else:
            site, catalog, seconds = build_guide_site(work / "real")
            print(f"shipped guide: {len(catalog)} records, `wijkengids build` (site and search) in {seconds:.1f} s")
        synthetic_site = None
        if args.synthetic:
            guide = work / "synthetic-guide"
            write_guide(guide, args.synthetic)
            synthetic_site, synthetic, seconds = build_plain_site(guide, work / "synthetic")
            print(f"synthetic guide: {len(synthetic)} records, built and indexed in {seconds:.1f} s")
        with sync_playwright() as playwright:
            with serve(site) as base:
                browser = SearchBrowser(site, base, playwright)
                try:
                    quality(browser, catalog)
                    own_names(browser, catalog)
                    typed_partly(browser, catalog)
                    print("\n== Bytes downloaded for a first query (fresh cache, after the page has loaded)")
                    print(f"{'guide and query':<44} {'engine':<16} {'files':>5} {'as served':>12} {'gzip':>12}")
                    for query in FIRST_QUERIES["real"]:
                        downloads(f"shipped ({len(catalog)}) ‘{query}’", browser, query)
                finally:
                    browser.close()
            if synthetic_site is not None:
                with serve(synthetic_site) as base:
                    browser = SearchBrowser(synthetic_site, base, playwright)
                    try:
                        for query in FIRST_QUERIES["synthetic"]:
                            downloads(f"synthetic ({args.synthetic}) ‘{query}’", browser, query)
                    finally:
                        browser.close()
    print(
        "\n'as served': bytes from a plain static server; 'gzip': the same files as a server that compresses "
        "text sends them (Pagefind's index files are compressed already)."
    )


if __name__ == "__main__":
    main()
