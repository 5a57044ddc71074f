"""The old address of a merged record lands a reader on the record that took it over."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_tools.link import Catalog

from .conftest import Tab
from .site import redirect_pages

pytestmark = pytest.mark.browser


def test_every_alias_of_the_shipped_guide_has_a_redirect_page(built_site: Path, guide_catalog: Catalog) -> None:
    expected = sorted(
        f"{guide_catalog.records[new].rtype.plural}/{old}/"
        for old, new in guide_catalog.aliases.items()
        if guide_catalog.records[new].published
    )
    assert expected and redirect_pages(built_site) == expected
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert not [p for p in expected if f"/{p}</loc>" in sitemap], "an old address is listed in the sitemap"
    fragments = b"".join(p.read_bytes() for p in (built_site / "pagefind").rglob("*.pf_fragment"))
    assert fragments, "no Pagefind fragments in the built site"
    for path in expected:
        html = (built_site / path / "index.html").read_text(encoding="utf-8")
        assert "data-pagefind-body" not in html and '<meta name="robots" content="noindex">' in html, path


@pytest.mark.parametrize(
    ("old", "new", "title"),
    [
        ("lessen/kernwerk/", "lessen/focus/", "Maak van de wijkaanpak kernwerk, en breng focus aan"),
        (
            "voorbeelden/jongerencultuurhuis-kanaleneiland/",
            "voorbeelden/evaluatie-krachtwijken-utrecht/",
            "Evaluatie van de vijf Utrechtse krachtwijken",
        ),
    ],
)
def test_the_old_address_lands_on_the_new_page(desktop: Tab, old: str, new: str, title: str) -> None:
    page = desktop.open(old)
    page.wait_for_url(desktop.base_url + new, timeout=5_000)
    assert page.locator("h1").first.inner_text().startswith(title)
    assert not re.search(r"verhuisd", page.title(), re.IGNORECASE)


def test_the_redirect_page_shows_a_dutch_link_without_the_refresh(desktop: Tab) -> None:
    """With the refresh not followed (as some readers and tools do), the page says where to go."""
    page = desktop.context.new_page()
    try:
        # 204 No Content: the browser follows the refresh but keeps showing the redirect page
        page.route("**/lessen/focus/", lambda route: route.fulfill(status=204))
        page.goto(desktop.base_url + "lessen/kernwerk/", wait_until="domcontentloaded")
        assert page.locator("h1").inner_text() == "Deze pagina is verhuisd"
        link = page.get_by_role("link", name="Maak van de wijkaanpak kernwerk, en breng focus aan")
        assert link.get_attribute("href") == "../focus/"
    finally:
        page.close()
