"""Crawl the served site over HTTP: every page, its links and its anchors (plain Python, no browser)."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

#: Attributes that make the browser fetch or navigate to a URL.
LINK_ATTRIBUTES = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "script": ("src",),
    "img": ("src",),
    "iframe": ("src",),
    "source": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "form": ("action",),
}
#: ``<link rel>`` values that name another document, not something the page loads.
#: Attributes a reader sees or hears (tooltips, screen-reader labels, placeholders, alt text).
TEXT_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
#: Elements whose content is not shown.
_HIDDEN_CONTENT = frozenset({"script", "style", "template"})


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (tag, url)
        self.lang = ""
        self.strings: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        if tag == "html":
            self.lang = values.get("lang", "")
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        for attribute in LINK_ATTRIBUTES.get(tag, ()):
            url = values.get(attribute)
            if url is not None and url.strip():
                self.links.append((tag, url.strip()))
        self.strings.extend(values[a] for a in TEXT_ATTRIBUTES if values.get(a))
        if tag in _HIDDEN_CONTENT:
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN_CONTENT and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden and data.strip():
            self.strings.append(" ".join(data.split()))


@dataclass(frozen=True)
class Page:
    url: str
    status: int
    content_type: str
    ids: frozenset[str] = frozenset()
    links: tuple[tuple[str, str], ...] = ()  # (tag, absolute URL with fragment)
    lang: str = ""
    strings: tuple[str, ...] = ()  # visible text and the text of title, aria-label, placeholder, alt

    @property
    def is_html(self) -> bool:
        return self.content_type.startswith("text/html")


@dataclass(frozen=True)
class BrokenLink:
    page: str
    tag: str
    url: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: <{self.tag}> {self.url} — {self.reason}"


@dataclass
class Crawl:
    """What a crawl from the home page found."""

    base_url: str
    pages: dict[str, Page] = field(default_factory=dict)  # URL without fragment → page
    broken: list[BrokenLink] = field(default_factory=list)
    deferred: dict[str, list[str]] = field(default_factory=dict)  # URL not fetched → pages that link to it

    def html_pages(self) -> list[Page]:
        return [p for p in self.pages.values() if p.is_html and p.status == 200]


def fetch(url: str) -> Page:
    request = urllib.request.Request(url, headers={"User-Agent": "wijkengids-crawl"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            status, content_type, body = response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as exc:
        status, content_type, body = exc.code, exc.headers.get("Content-Type", ""), exc.read()
    if not content_type.startswith("text/html"):
        return Page(url, status, content_type)
    parser = _PageParser()
    parser.feed(body.decode("utf-8", errors="replace"))
    parser.close()
    links = tuple((tag, urljoin(url, link)) for tag, link in parser.links)
    return Page(url, status, content_type, frozenset(parser.ids), links, parser.lang, tuple(parser.strings))


def _split_fragment(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(fragment="")), unquote(parts.fragment)


def crawl(
    base_url: str, start: Iterable[str] = ("",), *, published_base: str = "", deferred: Iterable[str] = ()
) -> Crawl:
    """Follow every internal link from ``start`` (paths relative to ``base_url``); check each link and anchor.

    Links to ``published_base`` (the public address in the sitemap, canonical links) count as internal:
    they are checked against the local copy. Links under a ``deferred`` folder (files a later step
    adds, such as the PDFs) are not fetched but collected in ``Crawl.deferred``.
    """
    later = tuple(base_url + folder for folder in deferred)
    result = Crawl(base_url)
    queue: deque[str] = deque(base_url + path for path in start)
    seen: set[str] = set(queue)
    referrers: dict[str, list[tuple[str, str, str]]] = {}  # target URL → (page, tag, link as written)
    anchors: list[tuple[str, str, str, str, str]] = []  # (page, tag, link, target URL, fragment)
    while queue:
        url = queue.popleft()
        page = fetch(url)
        result.pages[url] = page
        for tag, link in page.links:
            local = _localise(link, base_url, published_base)
            if local is None:
                continue
            target, fragment = _split_fragment(local)
            if later and target.startswith(later):
                result.deferred.setdefault(target, []).append(url)
                continue
            referrers.setdefault(target, []).append((url, tag, link))
            if fragment:
                anchors.append((url, tag, link, target, fragment))
            if target not in seen:
                seen.add(target)
                queue.append(target)
    for url, page in result.pages.items():
        if page.status != 200:
            for source, tag, link in referrers.get(url, [("(start)", "a", url)]):
                result.broken.append(BrokenLink(source, tag, link, f"HTTP {page.status}"))
    for source, tag, link, target, fragment in anchors:
        page = result.pages[target]
        if page.status == 200 and page.is_html and fragment not in page.ids:
            result.broken.append(BrokenLink(source, tag, link, f"no element with id {fragment!r} on the target page"))
    return result


def _localise(link: str, base_url: str, published_base: str) -> str | None:
    """The local URL for an internal link, or None for links elsewhere (and mailto:, tel: …)."""
    if published_base and link.startswith(published_base):
        return base_url + link[len(published_base) :]
    if urlsplit(link).netloc == urlsplit(base_url).netloc:
        return link
    return None
