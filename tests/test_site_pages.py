"""The search page, the accessibility statement and the fix-ups of Material's markup (pure functions)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from build_tools.render.material import fix_built_site, focusable_tables, valid_toggles
from build_tools.render.site_pages import RESULTS_FILE, read_facts, search_page, statement_page
from build_tools.search.annotate import ignore_furniture


def test_tables_become_named_focusable_regions() -> None:
    html = (
        '<h2 id="les">Les<a class="headerlink" href="#les">¶</a></h2><table><tr><td><table></table></td></tr></table>'
    )
    out = focusable_tables(html)
    assert out.count('<div class="wg-table" role="region" tabindex="0" aria-label="Tabel bij ‘Les’">') == 1
    assert out.endswith("</table></div>")
    assert focusable_tables(out) == out


def test_checkbox_toggles_lose_autocomplete_only() -> None:
    search = '<input type="search" autocomplete="off">'
    html = '<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">' + search
    assert valid_toggles(html) == '<input class="md-toggle" type="checkbox" id="__drawer">' + search


def test_a_built_site_is_fixed_as_each_page_would_be(tmp_path: Path) -> None:
    """fix_built_site works on the bytes (no decoding); the pages come out as valid_toggles makes them."""
    toggles = (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">\n'
        '<INPUT Type="checkbox" id="__search" AutoComplete="off"><input type="search" autocomplete="off">'
    )
    pages = {"index.html": f"<body>{toggles}<p>Één café, ’s avonds</p>", "a/b/index.html": "<p>Geen knoppen</p>"}
    for rel, html in pages.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(html, encoding="utf-8")
    assert fix_built_site(tmp_path) == 1
    for rel, html in pages.items():
        assert (tmp_path / rel).read_text(encoding="utf-8") == valid_toggles(html)
    assert "autocomplete" not in valid_toggles(toggles).split("<input type=")[0].lower()


def test_furniture_is_kept_out_of_excerpts() -> None:
    lead = '<p class="wg-lead">Tekst</p>'
    out = ignore_furniture('<p class="wg-download"><a href="x.pdf">PDF</a></p>' + lead)
    assert out == '<p data-pagefind-ignore class="wg-download"><a href="x.pdf">PDF</a></p>' + lead


def test_search_page_links_the_overviews() -> None:
    page = search_page()
    for link in ("](themas/index.md)", "](plaatsen/index.md)", "](lessen/index.md)"):
        assert link in page, link


def test_statement_takes_its_facts_from_the_build(tmp_path: Path) -> None:
    lock = {
        "packages": {"node_modules/axe-core": {"version": "4.14.1"}, "node_modules/vnu-jar": {"version": "26.9.27"}}
    }
    (tmp_path / "package-lock.json").write_text(json.dumps(lock), encoding="utf-8")
    facts = read_facts(tmp_path, contact="https://github.com/o/r/issues", today=dt.date(2026, 12, 1))
    text = statement_page(facts)
    assert "axe-core 4.14.1" in text and "Nu Html Checker 26.9.27" in text
    assert "gebouwd op **1 december 2026**" in text
    assert "WCAG) 2.1" in text and "EN 301 549" in text and "https://github.com/o/r/issues" in text

    results = tmp_path / RESULTS_FILE
    results.parent.mkdir()
    checks = [{"name": "axe", "checked": 56, "problems": 0, "date": "2026-11-30"}]
    results.write_text(json.dumps({"date": "2026-11-30", "checks": checks}), encoding="utf-8")
    text = statement_page(read_facts(tmp_path, contact=None))
    assert "**30 november 2026**" in text and "| 56 | 0 |" in text
