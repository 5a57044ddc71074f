"""Headless Chromium for the tests: launch it, watch every request, run axe-core in a page."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, Page, Request, Route
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from .site import REPO_ROOT

#: Debian's chromium; no browser download. ``CHROMIUM`` overrides the path.
CHROMIUM_CANDIDATES = ("chromium", "chromium-browser")
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 390, "height": 844}  # a common phone width (issue 12 measures at 390 px)
VIEWPORTS = {"desktop": DESKTOP, "mobile": MOBILE}

AXE_PATH = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
#: WCAG 2.0, 2.1 and 2.2, levels A and AA.
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
LOCAL_HOST = "127.0.0.1"
#: A word every version of the guide uses, so the search shows results.
SEARCH_WORD = "wijk"
#: Schemes that never leave the browser.
INTERNAL_SCHEMES = frozenset({"data", "blob", "about", "chrome-extension", "devtools"})


def find_chromium() -> str:
    """The Chromium executable, or an AssertionError that says how to install it."""
    override = os.environ.get("CHROMIUM")
    if override:
        if Path(override).is_file() and os.access(override, os.X_OK):
            return override
        raise AssertionError(f"CHROMIUM={override} is not an executable file")
    for name in CHROMIUM_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    if Path("/usr/bin/chromium").is_file():
        return "/usr/bin/chromium"
    raise AssertionError(
        "Chromium not found (looked for `chromium` and `chromium-browser` on PATH). The browser tests need "
        "Debian's chromium: run `make browser-deps` (or `sudo apt-get install chromium`). They never download one."
    )


def axe_source() -> str:
    """The pinned axe-core script from node_modules, or an AssertionError that says how to get it."""
    if not AXE_PATH.is_file():
        raise AssertionError(f"{AXE_PATH} is missing: run `npm ci` (or `make browser-deps`) in {REPO_ROOT}")
    return AXE_PATH.read_text(encoding="utf-8")


@dataclass
class RequestLog:
    """Every request a browser context makes; requests to other hosts are recorded and aborted."""

    requests: list[tuple[str, str]] = field(default_factory=list)  # (page URL, request URL)
    foreign: list[tuple[str, str]] = field(default_factory=list)

    def attach(self, context: BrowserContext) -> None:
        context.on("request", self._on_request)
        context.route("**/*", self._on_route)

    def clear(self) -> None:
        self.requests.clear()
        self.foreign.clear()

    def _on_request(self, request: Request) -> None:
        self.requests.append((_page_url(request), request.url))
        if not is_local(request.url) and (_page_url(request), request.url) not in self.foreign:
            self.foreign.append((_page_url(request), request.url))

    def _on_route(self, route: Route) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            route.abort("blockedbyclient")


def _page_url(request: Request) -> str:
    try:
        return request.frame.url
    except Exception:  # noqa: BLE001 - worker and service-worker requests have no frame
        return "(worker)"


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in INTERNAL_SCHEMES or parts.hostname == LOCAL_HOST


_RUN_AXE = """
async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html, summary: n.failureSummary})),
  }));
}
"""


def run_axe(page: Page, source: str) -> list[dict[str, Any]]:
    """axe-core's WCAG A/AA violations on the page as it is now (injected if needed)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=source)
    violations: list[dict[str, Any]] = page.evaluate(_RUN_AXE, list(AXE_TAGS))
    return violations


def format_violations(where: str, violations: list[dict[str, Any]], max_nodes: int = 8) -> str:
    """A readable report: rule, impact, what to fix and the failing elements."""
    lines = [f"{len(violations)} axe-core violation(s) on {where}:"]
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"][:max_nodes]:
            lines.append(f"    at {node['target']}")
            lines.append(f"       {node['html'][:200]}")
            summary = " ".join(str(node["summary"] or "").split())
            lines.append(f"       {summary[:400]}")
        if len(v["nodes"]) > max_nodes:
            lines.append(f"    … and {len(v['nodes']) - max_nodes} more element(s)")
    return "\n".join(lines)


def open_search(page: Page, word: str = SEARCH_WORD) -> None:
    """Open the header search as a reader does (the "/" shortcut), type a word and wait for results."""
    page.keyboard.press("/")
    query = page.locator("input[data-md-component=search-query]")
    query.wait_for(state="visible")
    query.press_sequentially(word, delay=20)
    try:
        page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=5_000)
    except PlaywrightTimeoutError:
        shown = " ".join(page.locator(".md-search__output").first.inner_text(timeout=1_000).split())
        message = f"{page.url}: no search results for {word!r} within 5 s; the search shows: {shown[-300:]!r}"
        raise AssertionError(message) from None
