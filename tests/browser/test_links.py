"""Every page of the built site answers 200, every internal link and anchor resolves, nothing is orphaned."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from build_tools.export.outputs import GUIDE_PDF, SITE_FOLDER
from build_tools.link import Catalog

from .crawl import Crawl, crawl, fetch
from .site import html_pages, published_base, redirect_pages, serve

pytestmark = pytest.mark.browser


def later_folders(site: Path) -> list[str]:
    """Folders the site links to that a later step fills (``wijkengids export`` writes ``pdf/``), if not built."""
    return [] if (site / SITE_FOLDER).is_dir() else [f"{SITE_FOLDER}/"]


@pytest.fixture(scope="module")
def site_crawl(built_site: Path, base_url: str) -> Crawl:
    """A crawl that starts at home and at every HTML file the build wrote (redirects at old addresses too)."""
    return crawl(
        base_url,
        ["", *html_pages(built_site), *redirect_pages(built_site)],
        published_base=published_base(built_site),
        deferred=later_folders(built_site),
    )


def test_pdf_links_name_the_exported_files(site_crawl: Crawl, base_url: str, guide_catalog: Catalog) -> None:
    """Without the PDFs in the build, their links must still name what ``wijkengids export --all`` writes."""
    exported = {GUIDE_PDF, *(f"{c.id}.pdf" for c in guide_catalog.of_type("chapter"))}
    linked = {url.removeprefix(f"{base_url}{SITE_FOLDER}/"): pages for url, pages in site_crawl.deferred.items()}
    unknown = [f"{name} (linked from {pages[0]})" for name, pages in sorted(linked.items()) if name not in exported]
    assert not unknown, "links to PDFs that the export does not write:\n" + "\n".join(unknown)


def test_every_page_answers_200_in_dutch(site_crawl: Crawl, built_site: Path) -> None:
    files = html_pages(built_site)
    assert len(files) > 1, f"the built site has only {files}"
    bad = [f"{url}: HTTP {page.status}" for url, page in site_crawl.pages.items() if page.status != 200]
    assert not bad, "\n".join(bad)
    not_dutch = [f"{p.url}: lang={p.lang!r}" for p in site_crawl.html_pages() if p.lang.split("-")[0] != "nl"]
    assert not not_dutch, "pages not marked as Dutch (<html lang=nl>):\n" + "\n".join(not_dutch)


#: Interface strings of MkDocs, Material and Markdown extensions that show when a translation is missing.
ENGLISH_INTERFACE = (
    "Made with",
    "Permanent link",
    "Jump back to footnote",
    "Back to top",
    "Skip to content",
    "Table of contents",
    "Last update",
    "Edit this page",
    "View source of this page",
    "Previous",
    "Next",
    "Search",
    "Copy to clipboard",
    "Page not found",
)


def test_interface_is_dutch(site_crawl: Crawl) -> None:
    found: dict[str, set[str]] = {}
    for page in site_crawl.html_pages():
        for text in page.strings:
            for phrase in ENGLISH_INTERFACE:
                if text == phrase or text.startswith(phrase + " ") or text.startswith(phrase + ":"):
                    found.setdefault(f"{phrase!r} (as {text[:60]!r})", set()).add(page.url)
    report = [f"{phrase} on {len(urls)} page(s), e.g. {min(urls)}" for phrase, urls in sorted(found.items())]
    assert not report, "English interface text on the Dutch site:\n" + "\n".join(report)


def test_every_internal_link_and_anchor_resolves(site_crawl: Crawl) -> None:
    pages = site_crawl.html_pages()
    links = sum(len(p.links) for p in pages)
    assert links > len(pages), f"only {links} links on {len(pages)} pages: the crawl found next to nothing"
    assert not site_crawl.broken, f"{len(site_crawl.broken)} broken internal link(s):\n" + "\n".join(
        str(b) for b in site_crawl.broken[:60]
    )


def test_every_page_is_reachable_from_home(built_site: Path, base_url: str) -> None:
    """Readers find every page by following links from the home page (record pages are not in the nav)."""
    from_home = crawl(base_url, [""], published_base=published_base(built_site), deferred=later_folders(built_site))
    reached = {urlsplit(url).path for url in from_home.pages}
    prefix = urlsplit(base_url).path
    orphans = [path for path in html_pages(built_site) if prefix + path not in reached and path != "404.html"]
    assert not orphans, f"{len(orphans)} page(s) no link leads to from the home page:\n" + "\n".join(orphans[:60])


def test_unknown_address_gets_the_dutch_404_page(base_url: str) -> None:
    page = fetch(base_url + "bestaat-niet/")
    assert page.status == 404
    assert page.is_html, "the server answered the missing page without the site's 404 page"
    assert page.lang.split("-")[0] == "nl"


def test_crawl_reports_missing_pages_and_anchors(tmp_path: Path) -> None:
    """The crawl itself finds what it must: a link to a missing page and to a missing anchor."""
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<html lang="nl"><a href="a/#er">a</a> <a href="a/#weg">b</a> <a href="nergens/">c</a>'
        ' <a href="https://example.org/">d</a> <a href="#top" id="top">e</a></html>'
    )
    (tmp_path / "a" / "index.html").write_text('<html lang="nl"><h2 id="er">Er</h2><a href="../">terug</a></html>')
    with serve(tmp_path) as url:
        found = crawl(url)
    assert sorted(str(b).removeprefix(url) for b in found.broken) == [
        f": <a> {url}a/#weg — no element with id 'weg' on the target page",
        f": <a> {url}nergens/ — HTTP 404",
    ]
    assert sorted(found.pages) == [url, url + "a/", url + "nergens/"]
