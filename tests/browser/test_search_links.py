"""Search you can link to and that degrades well: ``?q=`` and filters in the address, no-JS fallback."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from build_tools.link import Catalog

from .conftest import Tab
from .test_search import all_result_paths, open_filters, paths_with, results, search_box

pytestmark = pytest.mark.browser

#: Links to the overviews the no-JS box and the search page must offer (paths under the site root).
OVERVIEWS = ("themas/", "plaatsen/", "lessen/")


def test_query_in_the_address_opens_the_box_with_results(desktop: Tab, screenshots: Path) -> None:
    page = desktop.open("?q=vertrouwen")
    expect(page.locator("#__search")).to_be_checked()
    expect(search_box(page)).to_have_value("vertrouwen")
    expect(page.locator("[data-wg-search-status]")).to_contain_text("voor ‘vertrouwen’")
    expect(results(page).first).to_be_visible()
    excerpt = results(page).first.locator(".wg-search__excerpt")
    expect(excerpt.locator("mark").first).to_be_visible()
    page.screenshot(path=str(screenshots / "search-deeplink-desktop.png"))


def test_query_and_theme_in_the_address_filter(desktop: Tab, guide_catalog: Catalog) -> None:
    page = desktop.open("?thema=Vertrouwen")
    expect(page.locator("[data-wg-filter=thema]")).to_have_value("Vertrouwen")
    expect(page.locator("[data-wg-search-status]")).to_have_text(re.compile(r"^\d+ resultaten\.$"))
    assert set(all_result_paths(page)) == paths_with(guide_catalog, thema="Vertrouwen")


def test_the_address_follows_what_is_typed(desktop: Tab) -> None:
    page = desktop.open("")
    box = search_box(page)
    box.click()
    box.press_sequentially("wijkteam", delay=15)
    expect(results(page).first).to_be_visible()
    open_filters(page)
    page.locator("[data-wg-filter=soort]").select_option("Les")
    expect(page).to_have_url(re.compile(r"\?q=wijkteam&soort=Les$"))
    box.fill("")
    page.locator("[data-wg-filter=soort]").select_option("")
    expect(page).to_have_url(re.compile(r"/$"))


def test_excerpts_leave_out_page_furniture(desktop: Tab) -> None:
    """Breadcrumbs, tag lists, link lists and the PDF link are no part of any excerpt."""
    page = desktop.open("?q=pdf")
    expect(page.locator("[data-wg-search-status]")).to_be_visible()
    page.wait_for_function("() => !!document.querySelector('[data-wg-search-status]').textContent.match(/resulta/)")
    texts = [t.lower() for t in results(page).locator(".wg-search__excerpt").all_inner_texts()]
    assert not [t for t in texts if "download als pdf" in t], texts
    page = desktop.open("?q=vertrouwen")
    expect(results(page).first).to_be_visible()
    texts = results(page).locator(".wg-search__excerpt").all_inner_texts()
    assert not [t for t in texts if "Thema's:" in t or "Kruimelpad" in t], texts


@pytest.fixture(scope="module")
def no_js(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    yield page
    context.close()


def test_without_javascript_the_box_offers_the_overviews(no_js: Page, base_url: str, screenshots: Path) -> None:
    no_js.goto(base_url + "?q=vertrouwen")
    box = search_box(no_js)
    box.click()
    panel = no_js.locator(".wg-search__nojs")
    expect(panel).to_be_visible()
    for path in OVERVIEWS:
        link = panel.locator(f'a[href$="{path}"]')
        expect(link).to_be_visible()
    no_js.screenshot(path=str(screenshots / "search-nojs-desktop.png"))
    box.fill("vertrouwen")
    box.press("Enter")
    no_js.wait_for_url(re.compile(r"/zoeken/\?q=vertrouwen$"))
    article = no_js.locator("article")
    for path in OVERVIEWS:
        expect(article.locator(f'a[href$="{path}"]').first).to_be_visible()
    article.locator('a[href$="themas/"]').first.click()
    no_js.wait_for_url("**/themas/")


def test_search_page_with_javascript_shows_the_results(desktop: Tab) -> None:
    page = desktop.open("zoeken/?q=vertrouwen")
    expect(results(page).first).to_be_visible()
