"""The header search box as a reader uses it: query, open a result, filters, keyboard only, axe clean.

Runs on the real guide, built once by the session fixtures (``wijkengids build``, which indexes
the site with Pagefind). Expected records come from the shipped guide and its catalog.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from build_tools.link import Catalog
from build_tools.pipeline import check
from build_tools.search.indexer import page_filters

from .chromium import format_violations, run_axe
from .conftest import Tab

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
QUERY = "vertrouwen herstellen"
EXPECTED = "/lessen/vertrouwen-herstellen/"
THEME, PLACE = "Vertrouwen", "Utrecht"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    result = check(REPO)
    assert result.ok, "the shipped guide has errors: run `wijkengids check`"
    return result.catalog


def search_box(page: Page) -> Locator:
    return page.locator("[data-wg-search-input]")


def results(page: Page) -> Locator:
    return page.locator("[data-wg-search-results] a")


def open_filters(page: Page) -> None:
    """Open the filter panel (closed at first: its index loads only when a reader wants the filters)."""
    page.locator("[data-wg-search-panel] > summary").click()
    expect(page.locator("[data-wg-search-panel]")).to_have_attribute("open", "")


def open_with_slash(page: Page) -> Locator:
    """Open the search the keyboard way: "/" focuses the header box and opens the panel."""
    page.keyboard.press("/")
    box = search_box(page)
    expect(box).to_be_focused()
    expect(page.locator("#__search")).to_be_checked()
    return box


def path_of(href: str | None) -> str:
    assert href, "a result without a link"
    return "/" + href.split("://", 1)[-1].split("/", 1)[-1] if "://" in href else href


def paths_with(catalog: Catalog, **wanted: str) -> set[str]:
    """URLs of the published records whose filters hold every ``name=value`` in ``wanted``."""
    return {
        f"/{r.rtype.plural}/{r.id}/"
        for r in catalog.records.values()
        if r.published and all(value in page_filters(catalog, r).get(name, []) for name, value in wanted.items())
    }


def all_result_paths(page: Page) -> list[str]:
    expect(results(page).first).to_be_visible()
    more = page.locator("[data-wg-search-more]")
    while more.is_visible():
        count = results(page).count()
        more.click()
        expect(results(page)).not_to_have_count(count)
    return [site_path(page, a.get_attribute("href")) for a in results(page).all()]


_SITE_PATH = """(href) => {
  const box = document.querySelector('[data-wg-search]');
  const root = new URL((box.dataset.wgBase || '.').replace(/\\/?$/, '/'), location.href).pathname;
  return '/' + new URL(href, location.href).pathname.slice(root.length);
}"""


def site_path(page: Page, href: str | None) -> str:
    """A result's path from the site root (``/lessen/x/``), whatever path the site is served under."""
    assert href, "a result without a link"
    return str(page.evaluate(_SITE_PATH, href))


def test_header_query_shows_the_expected_record_first_and_opens_it(desktop: Tab, screenshots: Path) -> None:
    page = desktop.open("")
    downloaded: list[str] = []
    page.on("request", lambda request: downloaded.append(request.url))
    expect(page.locator("[data-md-component=search]")).to_have_count(0)  # Material's lunr box is gone
    box = search_box(page)
    box.click()
    box.press_sequentially(QUERY, delay=15)
    expect(page.locator("[data-wg-search-status]")).to_contain_text(f"voor ‘{QUERY}’")
    first = results(page).first
    expect(first).to_be_visible()
    assert path_of(first.get_attribute("href")).endswith(EXPECTED)
    expect(first.locator(".wg-search__type")).to_have_text("Les")
    expect(first.locator(".wg-search__title")).to_have_text("Herstel van vertrouwen staat voorop")
    expect(first.locator(".wg-search__excerpt mark").first).to_be_visible()
    page.screenshot(path=str(screenshots / "search-query-desktop.png"))
    assert any("/pagefind/" in url for url in downloaded), "the Pagefind index was not loaded"
    assert not [url for url in downloaded if "search_index.json" in url], "Material's lunr index was downloaded"
    first.click()
    page.wait_for_url(f"**{EXPECTED}")
    expect(page.locator("article h1").first).to_contain_text("Herstel van vertrouwen staat voorop")


def test_a_jargon_word_finds_the_lesson_first_and_its_glossary_entry_too(desktop: Tab, screenshots: Path) -> None:
    """The ranking of options.js, as the header box applies it: the lesson about "gebiedstafel" before the entry
    that explains the word (Pagefind's default ranking put the short glossary entry first), the entry still shown."""
    page = desktop.open("")
    box = search_box(page)
    box.click()
    box.press_sequentially("gebiedstafel", delay=15)
    expect(page.locator("[data-wg-search-status]")).to_contain_text("voor ‘gebiedstafel’")
    expect(results(page)).to_have_count(5)
    shown = [site_path(page, a.get_attribute("href")) for a in results(page).all()]
    assert shown[0] == "/lessen/coproductie/", shown
    assert "/begrippen/gebiedstafel/" in shown, shown
    expect(results(page).first.locator(".wg-search__type")).to_have_text("Les")
    page.screenshot(path=str(screenshots / "search-jargon-desktop.png"))


def test_theme_and_place_filters_narrow_the_results_and_clear(desktop: Tab, catalog: Catalog) -> None:
    page = desktop.open("")
    search_box(page).click()
    open_filters(page)
    theme = page.locator("[data-wg-filter=thema]")
    expect(theme.locator("option", has_text=f"{THEME} (")).to_have_count(1)  # counts before any query
    theme.select_option(THEME)
    status = page.locator("[data-wg-search-status]")
    with_theme = paths_with(catalog, thema=THEME)
    expect(status).to_have_text(f"{len(with_theme)} resultaten.")
    assert set(all_result_paths(page)) == with_theme

    place = page.locator("[data-wg-filter=plaats]")
    both = paths_with(catalog, thema=THEME, plaats=PLACE)
    expect(place.locator("option", has_text=f"{PLACE} ({len(both)})")).to_have_count(1)  # counts within the theme
    place.select_option(PLACE)
    expect(status).to_have_text(f"{len(both)} resultaten.")
    assert set(all_result_paths(page)) == both
    assert 0 < len(both) < len(with_theme)

    page.locator("[data-wg-search-clear]").click()
    expect(theme).to_have_value("")
    expect(place).to_have_value("")
    expect(results(page)).to_have_count(0)
    expect(status).to_have_text("Typ een zoekvraag of kies een filter.")
    expect(page.locator("[data-wg-search-clear]")).to_be_hidden()


def test_a_query_and_a_filter_combine(desktop: Tab) -> None:
    page = desktop.open("")
    box = search_box(page)
    box.click()
    box.fill("wijk")
    expect(results(page).first).to_be_visible()
    open_filters(page)
    page.locator("[data-wg-filter=soort]").select_option("Praktijkvoorbeeld")
    expect(page.locator("[data-wg-search-status]")).to_contain_text("voor ‘wijk’")
    paths = all_result_paths(page)
    assert paths and all("/voorbeelden/" in p for p in paths), paths


def test_search_works_with_the_keyboard_only(desktop: Tab) -> None:
    page = desktop.open("")
    box = open_with_slash(page)
    page.keyboard.type("wijkteam", delay=15)
    expect(results(page).nth(1)).to_be_visible()
    first = path_of(results(page).first.get_attribute("href"))
    page.keyboard.press("ArrowDown")
    expect(results(page).first).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(results(page).nth(1)).to_be_focused()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    expect(box).to_be_focused()
    page.keyboard.press("Enter")  # Enter opens the first result
    page.wait_for_url(f"**{first}")

    # On the next page: "/" again, Tab to the filters; a closed select changes with the arrow keys.
    box = open_with_slash(page)
    page.keyboard.press("Tab")  # the reset button is skipped (as in Material: Escape or Backspace clear)
    expect(page.locator("[data-wg-search-panel] > summary")).to_be_focused()
    page.keyboard.press("Enter")  # the filter panel opens
    page.keyboard.press("Tab")
    soort = page.locator("[data-wg-filter=soort]")
    expect(soort).to_be_focused()
    expect(soort.locator("option")).not_to_have_count(1)  # the types and their counts have loaded
    page.keyboard.press("ArrowDown")
    expect(soort).not_to_have_value("")
    expect(results(page).first).to_be_visible()  # a filter alone lists records
    expect(page.locator("[data-wg-search-clear]")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#__search")).not_to_be_checked()
    expect(page.locator("#wg-search-output")).to_be_hidden()
    expect(box).to_be_focused()


#: The labels of the hidden blocks of extra search words (build_tools/search/annotate.py); no page shows them.
HIDDEN_LABELS = ("Zoektermen", "Verwant:", "Ook gezocht als")
_WORD = re.compile(r"\w+")


def words_of(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)}


@pytest.mark.parametrize("start", ["header", "zoeken"])
def test_excerpts_show_only_text_of_the_result_s_page(desktop: Tab, screenshots: Path, start: str) -> None:
    """The query "teams" is a word of the pages' hidden blocks of extra words ("Zoektermen: wijk, teams."), which
    Pagefind made the excerpt of all five first results. Now each excerpt is text its page shows, the query marked."""
    if start == "header":
        page = desktop.open("")
        box = search_box(page)
        box.click()
        box.press_sequentially("teams", delay=15)
    else:
        page = desktop.open("zoeken/?q=teams")
    expect(page.locator("[data-wg-search-status]")).to_contain_text("voor ‘teams’")
    expect(results(page)).to_have_count(5)
    shown = [
        (site_path(page, a.get_attribute("href")), a.locator(".wg-search__excerpt").inner_text())
        for a in results(page).all()
    ]
    folder = screenshots.parent / "search"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"excerpts-{start}.png"))
    marked = results(page).locator(".wg-search__excerpt mark").all_inner_texts()
    assert any("teams" in m.casefold() for m in marked), marked
    assert "/organisaties/associatie-wijkteams/" in [path for path, _ in shown], shown
    for path, excerpt in shown:
        assert excerpt.strip(), f"{path}: an empty excerpt"
        assert not [label for label in HIDDEN_LABELS if label in excerpt], f"{path}: {excerpt}"
        article = desktop.open(path.lstrip("/")).locator("article").first.inner_text()
        foreign = words_of(excerpt) - words_of(article)
        assert not foreign, f"{path}: the excerpt “{excerpt}” has words the page does not show: {sorted(foreign)}"


@pytest.mark.parametrize("tab", ["desktop", "mobile"], indirect=True)
def test_open_search_with_results_and_filters_has_no_axe_violations(
    tab: Tab, axe_script: str, screenshots: Path
) -> None:
    page = tab.open("lessen/vertrouwen-herstellen/")
    box = open_with_slash(page)
    box.press_sequentially("bewoners", delay=15)
    expect(results(page).first).to_be_visible()
    open_filters(page)
    page.locator("[data-wg-filter=soort]").select_option("Les")
    expect(page.locator("[data-wg-search-clear]")).to_be_visible()
    expect(results(page).first).to_be_visible()
    size = page.viewport_size
    viewport = "mobile" if size is not None and size["width"] < 600 else "desktop"
    page.screenshot(path=str(screenshots / f"search-open-{viewport}.png"))
    violations = run_axe(page, axe_script)
    assert not violations, format_violations(f"the open search on {page.url}", violations)
    assert not tab.requests.foreign, tab.requests.foreign
