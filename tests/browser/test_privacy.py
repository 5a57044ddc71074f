"""The built site sends no visitor data elsewhere: every request a page makes goes to the site itself."""

from __future__ import annotations

import pytest

from .chromium import open_search
from .conftest import Tab
from .site import PAGE_KINDS, PageKinds

pytestmark = pytest.mark.browser


def _foreign_report(tab: Tab) -> str:
    return "requests to other hosts:\n" + "\n".join(f"  {url}  (from {page})" for page, url in tab.requests.foreign)


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_page_requests_only_its_own_host(desktop: Tab, page_kinds: PageKinds, kind: str) -> None:
    desktop.open(page_kinds.path(kind), wait_until="networkidle")
    assert not desktop.requests.foreign, _foreign_report(desktop)
    requested = [url for _, url in desktop.requests.requests]
    assert any(url.endswith(".css") for url in requested), f"no stylesheet requested at all: {requested}"


def test_search_requests_only_its_own_host(mobile: Tab, page_kinds: PageKinds) -> None:
    page = mobile.open(page_kinds.path("home"), wait_until="networkidle")
    open_search(page)
    page.wait_for_load_state("networkidle")
    assert not mobile.requests.foreign, _foreign_report(mobile)


def test_foreign_requests_are_caught(desktop: Tab, page_kinds: PageKinds) -> None:
    """The watch itself works: a script that calls out to a font host is seen (and blocked)."""
    page = desktop.open(page_kinds.path("home"))
    page.evaluate("fetch('https://fonts.googleapis.com/css?family=Roboto').catch(() => null)")
    page.wait_for_load_state("networkidle")
    assert [url for _, url in desktop.requests.foreign] == ["https://fonts.googleapis.com/css?family=Roboto"]
