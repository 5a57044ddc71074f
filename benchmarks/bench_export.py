"""Print export timings: one chapter, the whole guide, and every PDF on two cores."""

from __future__ import annotations

import time
from pathlib import Path

from build_tools.export.outputs import chapter_html, checked_catalog, export_all, guide_html, read_settings
from build_tools.export.pdf import render_pdf


def report(root: Path, work: Path) -> None:
    """Print seconds and pages for the largest chapter, the whole guide, and ``export --all``."""
    catalog = checked_catalog(root)
    settings = read_settings(root)
    chapters = catalog.of_type("chapter")
    if not chapters:
        print("no published chapters: nothing to export")
        return
    largest = max(chapters, key=lambda c: len(chapter_html(catalog, c.id, settings)))
    print(f"{'document':<40} {'pages':>6} {'s':>7} {'ms/page':>8}")
    for name, html in (
        (f"chapter {largest.id}", chapter_html(catalog, largest.id, settings)),
        ("whole guide", guide_html(catalog, settings)),
    ):
        start = time.perf_counter()
        result = render_pdf(html, work / "bench.pdf")
        seconds = time.perf_counter() - start
        print(f"{name:<40} {result.pages:>6} {seconds:>7.2f} {1000 * seconds / result.pages:>8.0f}")
    start = time.perf_counter()
    results, rendered = export_all(root, work / "all", jobs=2, force=True)
    seconds = time.perf_counter() - start
    pages = sum(r.pages for r in results)
    print(f"{f'export --all ({len(rendered)} PDFs, 2 processes)':<40} {pages:>6} {seconds:>7.2f}")
    start = time.perf_counter()
    _results, rendered = export_all(root, work / "all", jobs=2)
    print(f"{'export --all again (all reused)':<40} {'':>6} {time.perf_counter() - start:>7.2f}")
