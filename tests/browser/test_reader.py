"""What a reader arriving on one record page sees: what it is, where it sits, each link once, its own
table of contents on a phone, its own title and description; the timeline on the site and in print."""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from build_tools.formatting import chapter_title
from build_tools.link import Catalog
from build_tools.schema import RECORD_TYPES, type_named

from .conftest import Tab
from .site import PageKinds, html_pages

pytestmark = [pytest.mark.browser, pytest.mark.slow]

RECORD_KINDS = [t.name for t in RECORD_TYPES]

#: Links in the record's link lists after the body (everything a template puts in .wg-links).
_LIST_LINKS = """() => [...document.querySelectorAll('article .wg-links a[href]')]
  .filter(a => !a.closest('.headerlink') && !a.classList.contains('headerlink'))
  .map(a => a.href.split('#')[0])"""

_CRUMBS = """() => [...document.querySelectorAll('article nav.wg-crumbs li')].map(li => ({
  text: li.innerText.trim(), href: li.querySelector('a') ? li.querySelector('a').href : null}))"""


def _record_id(path: str) -> str:
    return path.rstrip("/").rsplit("/", 1)[-1]


@pytest.mark.parametrize("kind", RECORD_KINDS)
def test_record_page_says_what_it_is_and_where_it_sits(
    desktop: Tab, page_kinds: PageKinds, guide_catalog: Catalog, kind: str
) -> None:
    path = page_kinds.path(kind)
    record = guide_catalog[_record_id(path)]
    page = desktop.open(path)
    crumbs = page.evaluate(_CRUMBS)
    assert crumbs, f"/{path}: no breadcrumb above the title"
    assert crumbs[0]["text"] == "Wijkengids" and crumbs[0]["href"] == desktop.base_url
    # the breadcrumb comes before the title
    assert page.evaluate("() => !!document.querySelector('article nav.wg-crumbs + h1')"), f"/{path}"
    label = type_named(kind).label
    if kind == "chapter":
        assert crumbs[1]["text"] == "Hoofdstukken"
        assert crumbs[-1]["text"].casefold() == f"hoofdstuk {record.get('number')}".casefold()
        return
    assert crumbs[-1]["text"].casefold() == label.casefold(), crumbs
    chapters = guide_catalog.chapters_of(record.id)
    if chapters:
        assert crumbs[1]["text"] == chapter_title(chapters[0], long=True), crumbs
        assert crumbs[1]["href"].endswith(f"/hoofdstukken/{chapters[0].id}/")
    else:
        assert crumbs[1]["href"].endswith(f"/{type_named(kind).plural}/"), crumbs


@pytest.mark.parametrize("kind", [k for k in RECORD_KINDS if k in ("lesson", "dilemma", "example", "quote")])
def test_record_in_a_chapter_links_to_its_neighbours(desktop: Tab, guide_catalog: Catalog, kind: str) -> None:
    """Previous/next within the chapter, for a record in the middle of one."""
    for chapter in guide_catalog.of_type("chapter"):
        items = guide_catalog.targets(chapter.id, "items")
        middle = [r for r in items[1:-1] if r.type == kind and guide_catalog.chapters_of(r.id)[0].id == chapter.id]
        if middle:
            break
    else:
        pytest.fail(f"no {kind} stands between two items of a chapter")
    record = middle[0]
    index = [r.id for r in items].index(record.id)
    page = desktop.open(f"{type_named(kind).plural}/{record.id}/")
    pager = page.locator("article nav.wg-pager")
    hrefs = pager.locator("a").evaluate_all("as => as.map(a => a.href)")
    assert hrefs == [
        f"{desktop.base_url}{items[index - 1].rtype.plural}/{items[index - 1].id}/",
        f"{desktop.base_url}{items[index + 1].rtype.plural}/{items[index + 1].id}/",
    ]


@pytest.mark.parametrize("kind", RECORD_KINDS)
def test_no_link_target_twice_after_the_body(desktop: Tab, page_kinds: PageKinds, kind: str) -> None:
    path = page_kinds.path(kind)
    page = desktop.open(path)
    links = page.evaluate(_LIST_LINKS)
    assert links or kind == "chapter", f"/{path}: no link lists after the body"
    twice = sorted(url for url, n in Counter(links).items() if n > 1)
    assert not twice, f"/{path}: listed more than once after the body: {twice}"


@pytest.mark.parametrize("kind", RECORD_KINDS)
def test_the_mobile_menu_holds_the_pages_table_of_contents(
    mobile: Tab, page_kinds: PageKinds, screenshots: Path, kind: str
) -> None:
    path = page_kinds.path(kind)
    page = mobile.open(path)
    headings = page.evaluate("() => [...document.querySelectorAll('article h2[id]')].map(h => h.id)")
    assert headings, f"/{path}: no sections"
    page.locator(".md-header label[for=__drawer]").click()
    toc_toggle = page.locator(".md-nav--primary label.md-nav__link[for=__toc]")
    toc_toggle.wait_for(state="visible")
    toc_toggle.click()
    first = page.locator(f'.md-nav--primary .md-nav--secondary a[href="#{headings[0]}"]')
    first.wait_for(state="visible")
    shown = page.evaluate(
        """(ids) => ids.filter(id => { const a = document.querySelector(
             `.md-nav--primary .md-nav--secondary a[href="#${id}"]`);
             return a && a.getBoundingClientRect().height > 0; })""",
        headings,
    )
    page.screenshot(path=screenshots / f"mobile-toc-{kind}.png")
    assert shown == headings, f"/{path}: the menu's table of contents lacks {sorted(set(headings) - set(shown))}"
    first.click()
    page.wait_for_function("(id) => location.hash === '#' + id", arg=headings[0])


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.title = ""
        self.meta: dict[str, str] = {}
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "title":
            self._in_title = True
        elif tag == "meta":
            key = values.get("name") or values.get("property")
            if key:
                self.meta[key] = values.get("content", "")

    def handle_endtag(self, tag: str) -> None:
        self._in_title = self._in_title and tag != "title"

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def _heads(site: Path) -> dict[str, _Head]:
    out: dict[str, _Head] = {}
    for path in html_pages(site):
        file = site / (path + "index.html" if path.endswith("/") or not path else path)
        if not file.is_file() or path.startswith(("beheer/", "assets/")):
            continue
        head = _Head()
        head.feed(file.read_text(encoding="utf-8").split("</head>", 1)[0])
        out[path] = head
    return out


def test_every_page_has_its_own_title_and_every_record_page_its_own_description(
    built_site: Path, guide_catalog: Catalog
) -> None:
    heads = _heads(built_site)
    titles = Counter(h.title.strip() for h in heads.values())
    twice = {t: [p for p, h in heads.items() if h.title.strip() == t] for t, n in titles.items() if n > 1}
    assert not twice, f"<title>s used more than once: {twice}"
    records = {f"{r.rtype.plural}/{r.id}/": r for r in guide_catalog.records.values() if r.published}
    record_heads = {p: h for p, h in heads.items() if p in records}
    assert len(record_heads) == len(records), sorted(set(records) - set(record_heads))[:5]
    descriptions = Counter(h.meta.get("description", "") for h in record_heads.values())
    shared = {d: n for d, n in descriptions.items() if n > 1 or not d}
    assert not shared, f"record pages without a description of their own: {shared}"
    for path, head in record_heads.items():
        assert head.meta.get("og:title") and head.meta.get("og:description") == head.meta["description"], path
        assert "og:image" not in head.meta, path
        assert len(head.meta["description"]) <= 160, path


def test_a_quote_page_leads_with_the_whole_quote(desktop: Tab, page_kinds: PageKinds, guide_catalog: Catalog) -> None:
    path = page_kinds.path("quote")
    quote = guide_catalog[_record_id(path)]
    page = desktop.open(path)
    sizes = page.evaluate(
        """() => { const px = el => parseFloat(getComputedStyle(el).fontSize);
           return {quote: px(document.querySelector('article .wg-quote')),
                   title: px(document.querySelector('article h1')),
                   text: document.querySelector('article .wg-quote').innerText}; }"""
    )
    assert " ".join(sizes["text"].split()) == " ".join(str(quote.get("text")).split())
    assert sizes["quote"] > sizes["title"], sizes
    title = page.locator("article h1").inner_text().removesuffix("¶").strip()
    assert title.startswith(f"{quote.get('speaker')}: ‘")


def test_titles_are_darker_and_heavier_than_headings_and_lines_stay_readable(
    desktop: Tab, page_kinds: PageKinds
) -> None:
    page = desktop.open(page_kinds.path("lesson"))
    style = page.evaluate(
        """() => { const s = sel => getComputedStyle(document.querySelector(sel));
           const lum = c => { const [r, g, b] = c.match(/[\\d.]+/g).map(Number);
             return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
           const p = document.querySelector('article > p:not(.wg-lead), article h2 + p');
           const ch = document.createElement('span'); ch.textContent = 'abcdefghijklmnopqrstuvwxyz';
           p.appendChild(ch); const avg = ch.getBoundingClientRect().width / 26; ch.remove();
           return {h1: [Number(s('article h1').fontWeight), lum(s('article h1').color)],
                   h2: [Number(s('article h2').fontWeight), lum(s('article h2').color)],
                   perLine: p.getBoundingClientRect().width / avg}; }"""
    )
    assert style["h1"][0] > style["h2"][0], style
    assert style["h1"][1] <= style["h2"][1], style  # at least as dark
    assert 55 <= style["perLine"] <= 85, style  # about 70 characters a line


@pytest.mark.parametrize("tab", ["desktop", "mobile"], indirect=True)
def test_the_timeline_is_a_list_on_chapter_one_and_its_own_page(
    tab: Tab, guide_catalog: Catalog, screenshots: Path
) -> None:
    events = [e for e in guide_catalog.of_type("event") if e.get("chapter") == "van-krachtwijken-tot-nplv"]
    assert len(events) >= 5
    for path, expected in (
        ("hoofdstukken/van-krachtwijken-tot-nplv/", events),
        ("tijdlijn/", guide_catalog.of_type("event")),
    ):
        page = tab.open(path)
        items = page.locator("article .wg-timeline ol > li")
        assert items.count() == len(expected), path
        dates = items.locator("time").evaluate_all("ts => ts.map(t => t.getAttribute('datetime'))")
        assert dates == sorted(dates, key=lambda d: [int(x) for x in d.split("-")]), dates
        assert {str(e.get("date")) for e in expected} == set(dates)
        page.locator("article .wg-timeline").screenshot(
            path=screenshots / f"timeline-{path.split('/')[0]}-{tab.name}.png"
        )


def test_the_chapter_pdf_prints_the_timeline(built_site: Path, guide_catalog: Catalog) -> None:
    pdf = built_site / "pdf" / "van-krachtwijken-tot-nplv.pdf"
    assert pdf.is_file(), "the build wrote no PDF of chapter 1"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    assert "Tijdlijn" in flat
    events = sorted(
        (e for e in guide_catalog.of_type("event") if e.get("chapter") == "van-krachtwijken-tot-nplv"),
        key=lambda e: str(e.get("date")),
    )
    positions = [flat.find(" ".join(e.title.split()[:3])) for e in events]
    assert all(p >= 0 for p in positions), [e.title for e, p in zip(events, positions, strict=True) if p < 0]
    assert re.search(r"22 maart 2007", flat) and re.search(r"4 juli 2022", flat)
