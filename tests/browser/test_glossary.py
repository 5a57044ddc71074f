"""The glossary on the built site: a term's first use is reachable by keyboard, announced, explained.

The page under test is the shipped guide's record page with the most marked terms, so the test
follows the content; the accessible name and description are Chromium's own (its accessibility
tree over the DevTools protocol), what a screen reader is given.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from .chromium import format_violations, run_axe
from .conftest import CheckResults, Tab

pytestmark = pytest.mark.browser

MARK = re.compile(r'<a aria-describedby="wg-uitleg-([a-z0-9-]+)" class="wg-term" href="([^"]+)">')
VIEWPORT_NAMES = ("desktop", "mobile")
#: Tab presses allowed before the first mark must have had focus.
MAX_TABS = 250


@pytest.fixture(scope="module")
def marked_page(built_site: Path) -> str:
    """The record page (site-relative path) with the most marked terms."""
    counted = []
    for html in built_site.rglob("index.html"):
        found = len(MARK.findall(html.read_text(encoding="utf-8")))
        if found:
            counted.append((-found, html.parent.relative_to(built_site).as_posix() + "/"))
    assert counted, "no page of the built guide marks a glossary term"
    return min(counted)[1]


def _ax_node(page: Page, selector: str) -> dict[str, Any]:
    """Chromium's accessibility node of the first element matching ``selector``."""
    session = page.context.new_cdp_session(page)
    try:
        root = session.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        tree = session.send("Accessibility.getPartialAXTree", {"nodeId": node, "fetchRelatives": False})
    finally:
        session.detach()
    nodes: list[dict[str, Any]] = tree["nodes"]
    return next(n for n in nodes if not n.get("ignored"))


def _value(node: dict[str, Any], key: str) -> str:
    return " ".join(str(node.get(key, {}).get("value", "")).split())


_FOCUS = """() => {
  const el = document.activeElement;
  if (!el || !el.classList.contains('wg-term')) return null;
  const style = getComputedStyle(el);
  return {id: el.getAttribute('aria-describedby'), outline: style.outlineStyle,
          width: parseFloat(style.outlineWidth), text: el.textContent};
}"""


@pytest.mark.parametrize("tab", VIEWPORT_NAMES, indirect=True)
def test_the_first_marked_term_is_reached_by_keyboard_with_visible_focus(
    tab: Tab, marked_page: str, screenshots: Path
) -> None:
    page = tab.open(marked_page)
    focused = None
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUS)
        if focused:
            break
    assert focused, f"/{marked_page}: {MAX_TABS} Tab presses never reached a marked term"
    assert focused["outline"] != "none" and focused["width"] >= 2, f"focus not visible: {focused}"
    page.screenshot(path=screenshots / f"begrip-focus-{tab.name}.png")
    explanation = page.locator(f"#{focused['id']}")
    assert explanation.is_visible(), "the explanation a mark points at is not visible on the page"


def test_name_and_description_reach_the_accessibility_tree(desktop: Tab, marked_page: str, built_site: Path) -> None:
    page = desktop.open(marked_page)
    html = (built_site / marked_page / "index.html").read_text(encoding="utf-8")
    for term_id, _ in MARK.findall(html):
        selector = f'a.wg-term[aria-describedby="wg-uitleg-{term_id}"]'
        node = _ax_node(page, selector)
        words = " ".join(page.locator(selector).inner_text().split())
        definition = " ".join(page.locator(f"#wg-uitleg-{term_id}").inner_text().split())
        assert node["role"]["value"] == "link"
        assert _value(node, "name") == words, node
        assert _value(node, "description") == definition, node


def test_following_a_mark_opens_the_term_on_the_glossary_page(desktop: Tab, marked_page: str) -> None:
    page = desktop.open(marked_page)
    first = page.locator("a.wg-term").first
    term_id = str(first.get_attribute("aria-describedby")).removeprefix("wg-uitleg-")
    first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/begrippen/#{re.escape(term_id)}$"))
    heading = page.locator(f"h2#{term_id}")
    assert heading.count() == 1 and heading.is_visible()
    definition = " ".join(page.locator(f"h2#{term_id} + p").inner_text().split())
    assert definition, f"no definition under the heading of {term_id}"


@pytest.mark.parametrize("tab", VIEWPORT_NAMES, indirect=True)
@pytest.mark.parametrize("which", ["marked", "glossary"])
def test_pages_with_marks_and_the_glossary_have_no_axe_violations(
    tab: Tab, marked_page: str, axe_script: str, check_results: CheckResults, screenshots: Path, which: str
) -> None:
    path = marked_page if which == "marked" else "begrippen/"
    page = tab.open(path)
    violations = run_axe(page, axe_script)
    check_results.add("axe", problems=len(violations))
    assert not violations, format_violations(f"/{path}", violations)
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"/{path} scrolls sideways by {overflow} px at {tab.name}"
    page.screenshot(path=screenshots / f"begrip-{which}-{tab.name}.png", full_page=which == "glossary")
