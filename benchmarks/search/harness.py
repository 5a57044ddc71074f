"""Run the two search engines of a built site in headless Chromium: Pagefind (ours) and Material's lunr.

Both run their real index, as a browser gets it from a static server:

* Pagefind: ``pagefind/pagefind.js`` imported in the page, the way the header box uses it;
* lunr: Material's own search worker (``assets/javascripts/workers/search.*.js``) fed
  ``search/search_index.json``, the way Material's search box uses it.

Used by the benchmark (``benchmarks/search/run.py``) and the browser tests.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
#: What a search downloads: Pagefind's bundle; Material's index, worker and lunr language scripts.
SEARCH_PATHS = ("/pagefind/", "/search/search_index.json", "/assets/javascripts/workers/", "/assets/javascripts/lunr/")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` over HTTP on a free local port; yields the base URL (ending in ``/``)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


#: The site's own Pagefind settings (ranking, excerpt length): the benchmark ranks as the header box does.
OPTIONS_URL = "/assets/search/options.js"
#: The header box's excerpts (from the page's own text); a site built before it had them shows Pagefind's own.
EXCERPT_URL = "/assets/search/excerpt.js"

_PAGEFIND_JS = """
async ([query, k, withExcerpts]) => {
  if (!window.__pf) {
    window.__pf = Promise.all([
      import('/pagefind/pagefind.js'),
      import(__OPTIONS_URL__),
      import(__EXCERPT_URL__).catch(() => null),
    ]).then(async ([pf, shared, excerpts]) => {
      await pf.options({ ...shared.PAGEFIND_OPTIONS, noWorker: true });
      await pf.init();
      window.__excerpt = excerpts
        ? (d, q) => excerpts.pageExcerpt(d, shared.PAGEFIND_OPTIONS.excerptLength, q)
        : (d) => d.excerpt;
      return pf;
    });
  }
  const pf = await window.__pf;
  const search = await pf.search(query);
  const data = await Promise.all(search.results.slice(0, k).map((r) => r.data()));
  return data.map((d) => (withExcerpts ? [d.url, window.__excerpt(d, query)] : d.url));
}
""".replace("__OPTIONS_URL__", repr(OPTIONS_URL)).replace("__EXCERPT_URL__", repr(EXCERPT_URL))

_LUNR_JS = r"""
async ([query, k, workerUrl]) => {
  if (!window.__lunr) {
    window.__lunr = (async () => {
      const index = await (await fetch('/search/search_index.json')).json();
      index.options = { suggest: false };
      const worker = new Worker(workerUrl);
      const waiters = [];
      worker.onmessage = (event) => waiters.shift()(event.data);
      const ask = (message) => new Promise((resolve) => { waiters.push(resolve); worker.postMessage(message); });
      await ask({ type: 0, data: index });
      return ask;
    })();
  }
  const ask = await window.__lunr;
  // Material's defaultTransform: quoted phrases become required terms, lone operators go.
  const transformed = query
    .split(/"([^"]+)"/g)
    .map((terms, index) => (index & 1 ? terms.replace(/^\b|^(?![^\x00-\x7F]|$)|\s+/g, " +") : terms))
    .join("")
    .replace(/"|(?:^|\s+)[*+\-:^~]+(?=\s+|$)/g, "")
    .trim();
  const answer = await ask({ type: 2, data: transformed });
  return answer.data.items.slice(0, k).map((group) => '/' + group[0].location.split('#')[0]);
}
"""


def worker_url(site: Path) -> str:
    """Material's search worker in a built site, as a root-relative URL."""
    found = sorted((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    if not found:
        raise FileNotFoundError(f"{site}: Material's search worker is missing (is the search plugin on?)")
    return "/" + found[0].relative_to(site).as_posix()


def normalise(url: str) -> str:
    """``/lessen/focus/`` from any of ``/lessen/focus/``, ``lessen/focus/index.html``, a full URL."""
    path = url.split("://", 1)[-1]
    if "://" in url:
        path = "/" + path.split("/", 1)[1] if "/" in path else "/"
    path = path.split("#", 1)[0].split("?", 1)[0]
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    if not path.startswith("/"):
        path = "/" + path
    return path


@dataclass
class Downloads:
    """What a browser fetched, by URL: bytes on the wire as served (and as gzip would serve them)."""

    sizes: dict[str, int] = field(default_factory=dict)
    gzipped: dict[str, int] = field(default_factory=dict)

    def add(self, url: str, body: bytes) -> None:
        if not any(part in url for part in SEARCH_PATHS):
            return
        self.sizes[url] = len(body)
        already = body[:2] == b"\x1f\x8b"  # Pagefind's index files are gzip already
        self.gzipped[url] = len(body) if already else len(gzip.compress(body, 6))

    def total(self, *, compressed: bool = False) -> int:
        return sum((self.gzipped if compressed else self.sizes).values())


class SearchBrowser:
    """A headless Chromium on a served site, answering queries with either engine."""

    def __init__(self, site: Path, base_url: str, playwright: Any) -> None:
        self.site = site
        self.base_url = base_url
        self.browser = playwright.chromium.launch(executable_path=CHROMIUM)
        self._worker = ""

    def close(self) -> None:
        self.browser.close()

    def _page(self, start: str) -> Any:
        page = self.browser.new_page()
        page.goto(self.base_url + start.lstrip("/"))
        return page

    def pagefind(self, queries: list[str], k: int = 5, start: str = "/") -> dict[str, list[str]]:
        page = self._page(start)
        try:
            return {q: [normalise(u) for u in page.evaluate(_PAGEFIND_JS, [q, k, False])] for q in queries}
        finally:
            page.close()

    def pagefind_excerpts(self, queries: list[str], k: int = 5, start: str = "/") -> dict[str, list[tuple[str, str]]]:
        """Per query its first ``k`` results as (path, excerpt), the excerpt as the header box makes it."""
        page = self._page(start)
        try:
            return {q: [(normalise(u), e) for u, e in page.evaluate(_PAGEFIND_JS, [q, k, True])] for q in queries}
        finally:
            page.close()

    def lunr(self, queries: list[str], k: int = 5, start: str = "/") -> dict[str, list[str]]:
        self._worker = self._worker or worker_url(self.site)
        page = self._page(start)
        try:
            return {q: [normalise(u) for u in page.evaluate(_LUNR_JS, [q, k, self._worker])] for q in queries}
        finally:
            page.close()

    def first_query_downloads(self, engine: str, query: str, start: str = "/") -> Downloads:
        """Bytes fetched from opening ``start`` with an empty cache to the first query's top results."""
        context = self.browser.new_context()
        page = context.new_page()
        page.goto(self.base_url + start.lstrip("/"))
        page.wait_for_load_state("load")
        downloads = Downloads()

        def record(response: Any) -> None:
            # A redirect or an aborted response has no body.
            with contextlib.suppress(Exception):
                downloads.add(response.url, response.body())

        page.on("response", record)
        try:
            if engine == "pagefind":
                page.evaluate(_PAGEFIND_JS, [query, 5, False])
            else:
                page.evaluate(_LUNR_JS, [query, 5, self._worker or worker_url(self.site)])
            page.wait_for_timeout(200)
        finally:
            context.close()
        return downloads
