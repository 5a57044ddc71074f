"""The timeline: dated ``event`` records on their chapter's page, on their own page and in print."""

from __future__ import annotations

import re

import pytest
from conftest import CASES, REPO, SITE_FIXTURE, TODAY, CaseGuide

from build_tools.export.print_html import build_document, render_html
from build_tools.link import Catalog
from build_tools.pipeline import check
from build_tools.problems import Code
from build_tools.render import render_pages


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    result = check(SITE_FIXTURE, today=TODAY)
    assert result.ok, result.problems
    return result.catalog


def test_the_chapter_page_shows_its_events_in_date_order(catalog: Catalog) -> None:
    pages = {p.src_uri: p.markdown for p in render_pages(catalog)}
    chapter = pages["hoofdstukken/lange-adem-hoofdstuk.md"]
    timeline = chapter.split("## Tijdlijn", 1)[1].split("</div>", 1)[0]
    assert timeline.index('<time datetime="2018">2018</time>') < timeline.index(
        '<time datetime="2022-05-03">3 mei 2022</time>'
    )
    # a real ordered list, each event linked to its page, its text with references expanded
    assert re.search(r"^1\. <time .*\*\*\[De Versnelling in Overvecht begint\]\(\.\./tijdlijn/", timeline, re.M)
    assert "[De Versnelling in Overvecht](../voorbeelden/overvecht-versnelling.md)" in timeline
    # the other chapter has no events, so no timeline
    assert "## Tijdlijn" not in pages["hoofdstukken/inleiding.md"]


def test_the_timeline_has_its_own_page_and_each_event_one(catalog: Catalog) -> None:
    pages = {p.src_uri: p for p in render_pages(catalog)}
    overview = pages["tijdlijn/index.md"]
    assert overview.title == "Tijdlijn" and overview.kind == "overview"
    assert overview.markdown.count("1. <time") == 2
    event = pages["tijdlijn/versnelling-begint.md"].markdown
    assert '<time datetime="2018">2018</time>' in event
    assert "[Wijkaanpak voor weerbare wijken](../bronnen/debeuk-weerbare-wijken.md)" in event


def test_the_chapter_pdf_prints_the_timeline_with_its_sources(catalog: Catalog) -> None:
    document = build_document(catalog, ["lange-adem-hoofdstuk"])
    chapter = document.chapters[0]
    assert [e.datetime for e in chapter.timeline] == ["2018", "2022-05-03"]
    assert any(s.title == "Tijdlijn" for s in chapter.sections)
    html = render_html(document)
    section = html.split('<section class="timeline">', 1)[1].split("</section>", 1)[0]
    assert '<time datetime="2018">2018</time> <strong>De Versnelling in Overvecht begint</strong>' in section
    assert 'href="#lange-adem-hoofdstuk__bron__debeuk-weerbare-wijken"' in section  # the source, in this PDF


def test_the_shipped_guide_has_a_timeline_on_chapter_one() -> None:
    result = check(REPO, stale_after_days=None)  # the shipped guide today, without review reminders
    chapter = result.catalog["van-krachtwijken-tot-nplv"]
    events = [e for e in result.catalog.of_type("event") if e.get("chapter") == chapter.id]
    years = {e.get("date").year for e in events}
    assert {2007, 2012, 2013, 2022} <= years
    assert all(result.catalog.targets(e.id, "sources") for e in events)


def test_an_event_with_a_bad_date_is_an_error_at_its_line(case_guide: CaseGuide) -> None:
    case = case_guide(CASES / "invalid" / "bad-date-event")
    result = check(case, today=TODAY)
    assert not result.ok
    (problem,) = [p for p in result.problems if p.is_error]
    assert problem.code == Code.BAD_DATE
    assert (problem.path, problem.line) == ("guide/tijdlijn/krachtwijken-aangewezen.yml", 4)
