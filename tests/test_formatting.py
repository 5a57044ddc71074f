"""Periods, amounts, places and chapter titles: one wording, the same on the site and in print."""

from __future__ import annotations

from html import unescape

import pytest
from conftest import REPO, TODAY

from build_tools import formatting
from build_tools.export.print_html import build_document, render_html
from build_tools.link import Catalog
from build_tools.pipeline import check
from build_tools.render.pages import RenderedPage, render_pages


@pytest.fixture(scope="module")
def shipped() -> Catalog:
    result = check(REPO, stale_after_days=None)  # the shipped guide today, without review reminders
    assert result.ok
    return result.catalog


@pytest.fixture(scope="module")
def site(shipped: Catalog) -> dict[str, RenderedPage]:
    return {p.src_uri: p for p in render_pages(shipped, today=TODAY)}


@pytest.fixture(scope="module")
def printed(shipped: Catalog) -> str:
    """The print HTML of the whole guide, as text (entities decoded)."""
    return unescape(render_html(build_document(shipped)))


def test_every_example_reads_the_same_on_the_site_and_in_print(
    shipped: Catalog, site: dict[str, RenderedPage], printed: str
) -> None:
    examples = shipped.of_type("example")
    assert len(examples) >= 3
    in_print = {e.id for c in shipped.of_type("chapter") for e in shipped.targets(c.id) if e.type == "example"}
    assert in_print and any(formatting.period(e.get("period")).startswith("vanaf ") for e in examples)
    for example in examples:
        page = next(p.markdown for p in site.values() if p.edit_path and p.edit_path.endswith(f"/{example.id}.md"))
        words = []
        period = formatting.period(example.get("period"))
        if period:
            words.append(period)
        places = [p for p in shipped.targets(example.id, "places") if p.published]
        words += [formatting.place_name(p, shipped.get) for p in places]
        words += [formatting.euros(int(b["amount"])) for b in example.get("budget", ())]
        for word in words:
            assert word in page, f"{example.id}: {word!r} not on the site"
            if example.id in in_print:
                assert word in printed, f"{example.id}: {word!r} not in print"


def test_wording() -> None:
    assert formatting.euros(10_000_000) == "€\u00a010.000.000"
    assert formatting.euros(950) == "€\u00a0950"
    assert formatting.period({"start": 2018}) == "vanaf 2018"
    assert formatting.period({"start": 2018, "end": 2022}) == "2018–2022"
    assert formatting.period({"start": 2018, "end": 2018}) == "2018"
    assert formatting.period({"end": 2022}) == "tot 2022"
    assert formatting.period(None) == formatting.period({}) == ""
    assert formatting.period_with_note({"start": 2018, "note": "loopt nog"}) == "vanaf 2018 (loopt nog)"
    assert formatting.period_with_note({"note": "onbekend"}) == ""


def test_a_wijk_is_named_with_its_gemeente_once(shipped: Catalog) -> None:
    assert formatting.place_name(shipped["overvecht"], shipped.get) == "Overvecht (Utrecht)"
    assert formatting.place_name(shipped["arnhem-oost"], shipped.get) == "Arnhem Oost"
    assert formatting.place_name(shipped["rotterdam-zuid"], shipped.get) == "Rotterdam-Zuid"
    assert formatting.place_name(shipped["zaandam-oost"], shipped.get) == "Zaandam Oost (Zaanstad)"
    assert formatting.place_name(shipped["utrecht"], shipped.get) == "Utrecht"
    # a name with brackets of its own gets the gemeente inside them: never "(Vogelwijk) (Lansingerland)"
    assert formatting.place_name(shipped["vogelbuurt"], shipped.get) == "Vogelbuurt (Vogelwijk, Lansingerland)"
    named = [formatting.place_name(p, shipped.get) for p in shipped.of_type("place")]
    assert named and not [n for n in named if ") (" in n or n.count("(") > 1]
