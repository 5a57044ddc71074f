"""Redirect pages at the old addresses of merged or renamed records (their ``aliases``).

Each is a small static HTML file where the old page was, as Hugo's aliases and
mkdocs-redirects write them: a meta refresh to the new page, a canonical link to it,
``noindex``, and a visible Dutch link for a reader whose browser does not follow the
refresh. No script and nothing from another host. Engines copy an ``.html`` file of the
docs folder as it is, so the pages are in neither the navigation nor the sitemap, and
Pagefind skips them (no ``data-pagefind-body``; the body says ``data-pagefind-ignore``).
Pure: returns paths and HTML, writes nothing.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from ..link import Catalog
from .links import dest_path, record_src, site_relative

#: Marks a redirect page (tests and the link checks tell them from reader pages by it).
REDIRECT_MARK = 'http-equiv="refresh"'


@dataclass(frozen=True)
class RedirectPage:
    """The redirect page at ``path`` (relative to the site root) pointing at ``target``."""

    old_id: str
    path: str  # "lessen/beloften-waarmaken/index.html"
    target: str  # relative URL from that page to the record's page: "../niet-u-vraagt-wij-draaien/"
    html: str


def redirect_pages(catalog: Catalog, *, directory_urls: bool = True, site_url: str = "") -> list[RedirectPage]:
    """One redirect page per alias of a published record, sorted by address."""
    pages: list[RedirectPage] = []
    for old, new in catalog.aliases.items():
        record = catalog.records[new]
        if not record.published:
            continue
        old_src = f"{record.rtype.plural}/{old}.md"
        new_src = record_src(record)
        path = dest_path(old_src, directory_urls=directory_urls)
        target = site_relative(old_src, _address(new_src, directory_urls), directory_urls=directory_urls)
        if directory_urls and not target.endswith("/"):
            target += "/"
        base = site_url.rstrip("/") + "/" if site_url else ""
        canonical = base + _address(new_src, directory_urls) if base else target
        pages.append(RedirectPage(old, path, target, _page(target, canonical, record.title)))
    return sorted(pages, key=lambda p: p.path)


def _address(src: str, directory_urls: bool) -> str:
    """The site path of a page as a link names it: ``lessen/x/`` (or ``lessen/x.html``)."""
    path = dest_path(src, directory_urls=directory_urls)
    return path.removesuffix("index.html") if directory_urls else path


def _page(target: str, canonical: str, title: str) -> str:
    href, canon, text = html.escape(target), html.escape(canonical), html.escape(title)
    return f"""<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Verhuisd: {text}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{canon}">
<meta {REDIRECT_MARK} content="0; url={href}">
<style>body{{font-family:system-ui,sans-serif;line-height:1.5;max-width:40rem;margin:2rem auto;padding:0 1rem}}</style>
</head>
<body data-pagefind-ignore="all">
<main>
<h1>Deze pagina is verhuisd</h1>
<p>Wat hier stond, staat nu op een nieuwe pagina: <a href="{href}">{text}</a>.</p>
</main>
</body>
</html>
"""
