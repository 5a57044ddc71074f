"""Golden files: one rendered page of every kind, and one chapter's print HTML, compared byte for byte.

They show in review what a change does to what readers get. After a deliberate change of a
page, regenerate them and read the diff before committing::

    WIJKENGIDS_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py

The guide is the small site fixture (``tests/fixtures/site_guide``), so content edits of the
shipped guide do not touch them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import SITE_FIXTURE, TODAY

from build_tools.export.print_html import build_document, render_html
from build_tools.link import Catalog
from build_tools.pipeline import check
from build_tools.render.pages import RenderedPage, render_pages
from build_tools.schema import RECORD_TYPES

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("WIJKENGIDS_UPDATE_GOLDEN") == "1"
#: The chapter whose print HTML is kept.
PRINT_CHAPTER = "lange-adem-hoofdstuk"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    result = check(SITE_FIXTURE, today=TODAY)
    assert result.ok, result.problems
    return result.catalog


def golden_pages(catalog: Catalog) -> dict[str, RenderedPage]:
    """Home, and per record type its overview and its first published record's page, by golden file name."""
    pages = {p.src_uri: p for p in render_pages(catalog, today=TODAY)}
    chosen = {"home.md": pages["index.md"]}
    for rtype in RECORD_TYPES:
        overview = f"{rtype.plural}/index.md"
        if overview in pages:
            chosen[f"overview-{rtype.name}.md"] = pages[overview]
        records = catalog.of_type(rtype.name)
        if records:
            chosen[f"{rtype.name}.md"] = pages[f"{rtype.plural}/{records[0].id}.md"]
    return chosen


def compare(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
    assert path.is_file(), f"{name} ontbreekt: WIJKENGIDS_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py"
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs: regenerate (see the module docstring) if meant"


def test_a_page_of_every_kind(catalog: Catalog) -> None:
    chosen = golden_pages(catalog)
    kinds = {p.kind for p in chosen.values()}
    assert {"home", "overview", "record", "chapter"} <= kinds
    assert {t.name for t in RECORD_TYPES if catalog.of_type(t.name)} <= {n.removesuffix(".md") for n in chosen}
    for name, page in chosen.items():
        compare(f"site/{name}", page.markdown)
    if not UPDATE:
        kept = {p.name for p in (GOLDEN / "site").iterdir()}
        assert kept == set(chosen), "golden files of pages that no longer exist: delete them"


def test_one_chapters_print_html(catalog: Catalog) -> None:
    compare(f"print/{PRINT_CHAPTER}.html", render_html(build_document(catalog, [PRINT_CHAPTER])))
