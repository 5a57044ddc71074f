"""WCAG 2.0/2.1/2.2 A and AA, checked by axe-core in Chromium, and keyboard use without a mouse."""

from __future__ import annotations

from pathlib import Path

import pytest

from .chromium import SEARCH_WORD, format_violations, open_search, run_axe
from .conftest import CheckResults, Tab
from .site import PAGE_KINDS, PageKinds

pytestmark = pytest.mark.browser

VIEWPORT_NAMES = ("desktop", "mobile")


@pytest.mark.parametrize("tab", VIEWPORT_NAMES, indirect=True)
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_page_has_no_axe_violations(
    tab: Tab, page_kinds: PageKinds, axe_script: str, check_results: CheckResults, kind: str
) -> None:
    path = page_kinds.path(kind)
    page = tab.open(path)
    violations = run_axe(page, axe_script)
    check_results.add("axe", problems=len(violations))
    assert not violations, format_violations(f"/{path} ({kind})", violations)


#: Pages about the site itself, and the field reference with its wide tables.
SITE_PAGES = ("velden/", "zoeken/", "toegankelijkheid/")


@pytest.mark.parametrize("tab", VIEWPORT_NAMES, indirect=True)
@pytest.mark.parametrize("path", SITE_PAGES)
def test_site_page_has_no_axe_violations(tab: Tab, axe_script: str, check_results: CheckResults, path: str) -> None:
    page = tab.open(path)
    violations = run_axe(page, axe_script)
    check_results.add("axe", problems=len(violations))
    assert not violations, format_violations(f"/{path}", violations)


@pytest.mark.parametrize("tab", VIEWPORT_NAMES, indirect=True)
@pytest.mark.parametrize("kind", ["home", "lesson"])
def test_open_search_has_no_axe_violations(
    tab: Tab, page_kinds: PageKinds, axe_script: str, screenshots: Path, kind: str
) -> None:
    path = page_kinds.path(kind)
    page = tab.open(path)
    open_search(page, SEARCH_WORD)
    page.screenshot(path=screenshots / f"search-{kind}-{tab.name}.png")
    violations = run_axe(page, axe_script)
    assert not violations, format_violations(f"/{path} ({kind}) with the search open on {SEARCH_WORD!r}", violations)


_FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  return {tag: el.tagName.toLowerCase(), text: (el.textContent || '').trim().slice(0, 60),
          href: el.getAttribute('href'), inMain: !!el.closest('main, [role=main]'),
          visible: (() => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0
                            && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth; })()};
}"""


_SHOWN = """() => {
  const style = getComputedStyle(document.activeElement);
  return style.opacity === '1' && style.visibility !== 'hidden';
}"""


@pytest.mark.parametrize("kind", ["home", "chapter", "lesson", "example", "overview-lessen"])
def test_keyboard_reaches_main_content_through_skip_link(desktop: Tab, page_kinds: PageKinds, kind: str) -> None:
    page = desktop.open(page_kinds.path(kind))
    page.keyboard.press("Tab")
    first = page.evaluate(_FOCUSED)
    assert first is not None, "Tab from page load focuses nothing"
    assert first["visible"], f"the first Tab stop is not visible on screen: {first}"
    assert first["tag"] == "a" and (first["href"] or "").startswith("#"), (
        f"the first Tab stop is not a skip link to the content: {first}"
    )
    page.wait_for_function(_SHOWN, timeout=2_000)  # Material fades the skip link in on focus
    target_id = str(first["href"])[1:]
    assert page.evaluate("(id) => !!document.getElementById(id)?.closest('main, [role=main]')", target_id), (
        f"the skip link {first['text']!r} points at #{target_id}, which is not inside <main>"
    )
    page.keyboard.press("Enter")
    # Following a fragment link is not finished when the key press returns: wait for the address.
    page.wait_for_function("(id) => location.hash === '#' + id", arg=target_id, timeout=5_000)
    assert page.url.endswith(f"#{target_id}")
    page.keyboard.press("Tab")
    after = page.evaluate(_FOCUSED)
    assert after is not None and after["inMain"], f"after the skip link, Tab goes to {after}, not into the main content"


_IN_VIEW = """(selector) => {
  const r = document.querySelector(selector).getBoundingClientRect();
  return r.width > 0 && r.left >= 0 && r.right <= innerWidth;
}"""


def test_open_navigation_drawer_has_no_axe_violations(mobile: Tab, page_kinds: PageKinds, axe_script: str) -> None:
    """On a phone the navigation is a drawer behind the menu button: open it as a reader does."""
    page = mobile.open(page_kinds.path("lesson"))
    page.locator("label.md-header__button[for=__drawer]").click()
    assert page.locator("#__drawer").is_checked(), "the menu button did not open the navigation drawer"
    page.wait_for_timeout(300)  # the drawer slides in
    assert page.evaluate(_IN_VIEW, ".md-sidebar--primary .md-nav__link"), "the navigation drawer is not on screen"
    violations = run_axe(page, axe_script)
    assert not violations, format_violations(
        f"/{page_kinds.path('lesson')} with the navigation drawer open", violations
    )
