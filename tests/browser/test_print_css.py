"""The site's print stylesheet in headless Chromium (Debian's): Ctrl+P of a page shows the content only."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

STYLESHEET = Path(__file__).resolve().parents[2] / "build_tools" / "assets" / "stylesheets" / "print.css"

#: The parts of a Material page the stylesheet acts on.
PAGE = """<!DOCTYPE html><html lang="nl"><body>
<header class="md-header"><form class="md-search"><input type="text"></form></header>
<nav class="md-tabs">tabs</nav>
<div class="md-main__inner md-grid">
  <div class="md-sidebar md-sidebar--primary"><nav class="md-nav">menu</nav></div>
  <div class="md-content"><article class="md-content__inner md-typeset">
    <a class="md-content__button" href="edit">bewerk</a>
    <h1 id="t">Een les<a class="headerlink" href="#t">¶</a></h1>
    <p>Zie <a id="ext" href="https://www.debeuk.nl/x/">De Beuk</a> en <a id="int" href="../lessen/y/">les y</a>.</p>
  </article></div>
</div>
<footer class="md-footer">voet</footer>
</body></html>"""


@pytest.mark.browser
def test_print_media_hides_navigation_and_shows_link_addresses(browser: Browser) -> None:
    """Uses the session's browser (one Playwright per test session: a second would clash with its loop)."""
    page = browser.new_page()
    try:
        page.set_content(PAGE)
        page.add_style_tag(content=STYLESHEET.read_text("utf-8"))

        def display(selector: str) -> str:
            return str(page.eval_on_selector(selector, "e => getComputedStyle(e).display"))

        def after(selector: str) -> str:
            return str(page.eval_on_selector(selector, "e => getComputedStyle(e, '::after').content"))

        assert display(".md-header") != "none"  # on screen nothing changes
        assert after("#ext") in ("none", "normal")
        page.emulate_media(media="print")
        for selector in (".md-header", ".md-search", ".md-tabs", ".md-sidebar", ".md-footer", ".headerlink"):
            assert display(selector) == "none", selector
        assert display(".md-content__button") == "none"
        assert display("article") == "block"
        assert after("#ext") == '" (https://www.debeuk.nl/x/)"'
        assert after("#int") in ("none", "normal")
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF-")
    finally:
        page.close()


@pytest.mark.browser
def test_printing_a_page_of_the_built_site_shows_the_content_only(browser: Browser, base_url: str) -> None:
    page = browser.new_page()
    try:
        page.goto(base_url.rstrip("/") + "/lessen/lange-adem/")
        assert page.locator('link[href$="assets/stylesheets/print.css"]').count() == 1
        page.emulate_media(media="print")
        for selector in (".md-header", ".md-sidebar--primary", ".md-footer"):
            assert page.eval_on_selector(selector, "e => getComputedStyle(e).display") == "none", selector
        assert page.locator("article h1").is_visible()
    finally:
        page.close()
