"""Parity across engines: the shipped guide built with ProperDocs and with Zensical, as a reader meets it.

The default engine (MkDocs 1.6 + Material) builds the site every other browser test uses
(``built_site``); here each other engine builds the guide once per session
(``wijkengids build --engine NAME --no-pdf``) and its site must match: the same page
addresses, every internal link and anchor resolving, no request to another host, the header
search finding records, axe-core clean on a page of every kind at 1280 and 390 px, Dutch
interface strings, and the same search index and filters.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from .chromium import format_violations, run_axe
from .conftest import Tab, _open_tab
from .crawl import Crawl, crawl
from .site import (
    PAGE_KINDS,
    REPO_ROOT,
    VENV_BIN,
    PageKinds,
    find_page_kinds,
    html_pages,
    published_base,
    redirect_pages,
    serve,
)
from .site import site_prefix as prefix_of
from .test_links import ENGLISH_INTERFACE

pytestmark = pytest.mark.browser

#: Engines besides the default one; each builds the guide once per session.
OTHER_ENGINES = ("properdocs", "zensical")
#: A phone's width (the issue's 390 px) and the desktop's.
WIDTHS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
QUERY, EXPECTED = "vertrouwen herstellen", "/lessen/vertrouwen-herstellen/"


@pytest.fixture(scope="session", params=OTHER_ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="session")
def engine_site(engine: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp(f"site-{engine}") / "site"
    command = [str(VENV_BIN / "wijkengids"), "build", "--engine", engine, "--no-pdf", "--site-dir", str(site)]
    done = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.fail(f"{' '.join(command)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}", pytrace=False)
    return site


@pytest.fixture(scope="session")
def engine_url(engine_site: Path) -> Iterator[str]:
    with serve(engine_site, prefix_of(engine_site)) as url:
        yield url


@pytest.fixture(scope="session")
def engine_tabs(browser: Browser, engine_url: str) -> Iterator[dict[str, Tab]]:
    tabs = {}
    for name, size in WIDTHS.items():
        tab = _open_tab(browser, engine_url, "desktop")
        tab.page.set_viewport_size(size)  # type: ignore[arg-type]
        tab.name = name
        tabs[name] = tab
    yield tabs
    for tab in tabs.values():
        tab.context.close()


@pytest.fixture(scope="session")
def engine_kinds(engine_site: Path) -> PageKinds:
    return find_page_kinds(engine_site)


@pytest.fixture(scope="session")
def engine_crawl(engine_site: Path, engine_url: str) -> Crawl:
    return crawl(
        engine_url, ["", *html_pages(engine_site)], published_base=published_base(engine_site), deferred=["pdf/"]
    )


def test_same_page_addresses_as_the_default_engine(engine: str, engine_site: Path, built_site: Path) -> None:
    ours, default = set(html_pages(engine_site)), set(html_pages(built_site))
    default = {p for p in default if not p.startswith("beheer/")}  # the web editor is not a page of the guide
    ours = {p for p in ours if not p.startswith("beheer/")}
    assert ours == default, f"{engine}: missing {sorted(default - ours)[:20]}, extra {sorted(ours - default)[:20]}"
    assert (engine_site / "sitemap.xml").is_file()
    moved = redirect_pages(engine_site)  # the old addresses of merged records
    assert moved and moved == redirect_pages(built_site), f"{engine}: redirects {moved[:5]}"


def test_every_internal_link_and_anchor_resolves(engine: str, engine_crawl: Crawl) -> None:
    pages = engine_crawl.html_pages()
    assert len(pages) > 100, f"{engine}: the crawl found only {len(pages)} pages"
    assert not engine_crawl.broken, f"{engine}: {len(engine_crawl.broken)} broken link(s):\n" + "\n".join(
        str(b) for b in engine_crawl.broken[:40]
    )
    assert set(engine_crawl.deferred), f"{engine}: no links to the PDFs at all"


def test_interface_is_dutch(engine: str, engine_crawl: Crawl) -> None:
    not_dutch = [p.url for p in engine_crawl.html_pages() if p.lang.split("-")[0] != "nl"]
    assert not not_dutch, f"{engine}: pages without <html lang=nl>: {not_dutch[:10]}"
    found = sorted(
        {
            f"{phrase!r} on {page.url}"
            for page in engine_crawl.html_pages()
            for text in page.strings
            for phrase in ENGLISH_INTERFACE
            if text == phrase or text.startswith((phrase + " ", phrase + ":"))
        }
    )
    assert not found, f"{engine}: English interface text:\n" + "\n".join(found[:30])


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_page_requests_only_its_own_host(
    engine: str, engine_tabs: dict[str, Tab], engine_kinds: PageKinds, kind: str
) -> None:
    tab = engine_tabs["desktop"]
    tab.open(engine_kinds.path(kind), wait_until="networkidle")
    assert not tab.requests.foreign, f"{engine}: requests to other hosts: {tab.requests.foreign}"


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_page_has_no_axe_violations(
    engine: str, engine_tabs: dict[str, Tab], engine_kinds: PageKinds, axe_script: str, kind: str, width: str
) -> None:
    path = engine_kinds.path(kind)
    page = engine_tabs[width].open(path)
    violations = run_axe(page, axe_script)
    assert not violations, format_violations(f"{engine}: /{path} ({kind}, {width})", violations)


def test_header_search_finds_records(engine: str, engine_tabs: dict[str, Tab], screenshots: Path) -> None:
    tab = engine_tabs["desktop"]
    page = tab.open("")
    box = page.locator("[data-wg-search-input]")
    box.click()
    box.press_sequentially(QUERY, delay=15)
    # Results are drawn after every keystroke; wait until the status line reports the whole
    # query (Pagefind's wasm and index load slowly under load) before reading the first hit.
    status = page.locator("[data-wg-search-status]").first
    expect(status).to_contain_text(f"voor ‘{QUERY}’", timeout=20_000)
    first = page.locator("[data-wg-search-results] a").first
    expect(first).to_have_attribute("href", re.compile(re.escape(EXPECTED) + "$"), timeout=10_000)
    assert (first.get_attribute("href") or "").endswith(EXPECTED)
    expect(first.locator(".wg-search__type")).to_have_text("Les")
    page.screenshot(path=str(screenshots / f"engine-{engine}-search.png"))
    first.click()
    page.wait_for_url(f"**{EXPECTED}")
    expect(page.locator("article h1").first).to_contain_text("Herstel van vertrouwen")
    assert not tab.requests.foreign, f"{engine}: {tab.requests.foreign}"


_FILTERS = re.compile(r'data-pagefind-filter="([^"]+)">([^<]*)<')


def test_search_index_and_filters_match_the_default_engine(engine: str, engine_site: Path, built_site: Path) -> None:
    def entry(site: Path) -> dict[str, int]:
        data = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
        return {lang: int(v["page_count"]) for lang, v in data["languages"].items()}

    def filters(site: Path) -> dict[str, list[tuple[str, str]]]:
        out = {}
        for file in sorted(site.rglob("index.html")):
            found = _FILTERS.findall(file.read_text(encoding="utf-8"))
            if found:
                out[file.relative_to(site).as_posix()] = sorted(found)
        return out

    assert entry(engine_site) == entry(built_site) and entry(built_site)["nl"] > 100
    ours, default = filters(engine_site), filters(built_site)
    assert ours == default, f"{engine}: filters differ on {sorted(set(ours) ^ set(default))[:10]}"
