"""Bytes a browser fetches for a first search in the header box, as a reader makes it.

Headless Chromium opens the home page of a built site (fresh cache) and waits until it has
loaded; from then on every response is logged. The reader clicks into the search box, types
the query (a key per 100 ms), and the count stops when five results are shown (or the status says there are
fewer). Sizes are what a server that compresses text sends (gzip level 6; Pagefind's index
files are gzip already and count as they are).
"""

from __future__ import annotations

import contextlib
import gzip
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.search.harness import CHROMIUM, serve

SHOWN = 5
#: Milliseconds between keystrokes: a quick typist.
TYPING_MS = 100
#: Five results in the list, or fewer and the status line saying so.
_SHOWN_JS = """(n) => document.querySelectorAll('[data-wg-search-results] li').length >= n
  || /Geen resultaten|^[1-4] resulta/.test(document.querySelector('[data-wg-search-status]').textContent)"""


@dataclass
class Fetched:
    files: dict[str, int] = field(default_factory=dict)  # url → gzip bytes

    def add(self, url: str, body: bytes) -> None:
        self.files[url] = len(body) if body[:2] == b"\x1f\x8b" else len(gzip.compress(body, 6))

    @property
    def total(self) -> int:
        return sum(self.files.values())

    def by_kind(self) -> dict[str, int]:
        kinds: dict[str, int] = {}
        for url, size in self.files.items():
            path = url.split("?", 1)[0]
            kind = next(
                (k for k in ("fragment", "index", "filter") if f"/pagefind/{k}/" in path),
                "pf_meta" if path.endswith(".pf_meta") else "wasm" if "wasm." in path else "script/other",
            )
            kinds[kind] = kinds.get(kind, 0) + size
        return kinds


def first_search(browser: Any, base_url: str, query: str) -> Fetched:
    context = browser.new_context()
    page = context.new_page()
    fetched = Fetched()
    try:
        page.goto(base_url)
        page.wait_for_load_state("load")

        def record(response: Any) -> None:
            with contextlib.suppress(Exception):  # a redirect or an aborted response has no body
                fetched.add(response.url, response.body())

        page.on("response", record)
        box = page.locator("[data-wg-search-input]")
        box.click()
        box.press_sequentially(query, delay=TYPING_MS)
        page.wait_for_function(
            _SHOWN_JS,
            arg=SHOWN,
            timeout=60_000,
        )
        page.wait_for_timeout(300)  # responses already under way
    finally:
        context.close()
    return fetched


def measure(site: Path, queries: list[str]) -> dict[str, Fetched]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright, serve(site) as base:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        try:
            return {q: first_search(browser, base, q) for q in queries}
        finally:
            browser.close()


if __name__ == "__main__":
    import sys

    for q, got in measure(Path(sys.argv[1]), sys.argv[2:]).items():
        print(
            f"{q!r}: {got.total / 1024:.1f} KB gzip, {len(got.files)} files, "
            + ", ".join(f"{k} {v / 1024:.1f}" for k, v in sorted(got.by_kind().items()))
        )
