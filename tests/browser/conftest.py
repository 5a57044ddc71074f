"""Fixtures: the shipped guide built once, served on 127.0.0.1, and one headless Chromium per session.

Nothing here skips: a missing browser, axe-core or a failed build makes the tests fail with a
message that says what to do. ``WIJKENGIDS_TEST_SITE=<folder>`` tests an already built site
instead of building one (e.g. the ``site/`` a CI job built and filled with the PDFs).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from build_tools.link import Catalog
from build_tools.pipeline import check

from .chromium import CHROMIUM_ARGS, VIEWPORTS, RequestLog, axe_source, find_chromium
from .site import REPO_ROOT, BuildError, PageKinds, build_site, find_page_kinds, serve, site_prefix

ARTIFACTS = REPO_ROOT / "test-artifacts"
#: What the accessibility checks of the last run found; the statement page (build_tools/render/
#: site_pages.py, RESULTS_FILE) reads it, so its date and figures are never typed by hand.
RESULTS_FILE = ARTIFACTS / "toegankelijkheid.json"

# Assertions wait as long as actions do (10 s): on a busy two-core machine Pagefind's first
# query can take longer than Playwright's 5 s default, and a slow machine is not a failure.
expect.set_options(timeout=10_000)


@dataclass
class CheckResults:
    """Per check ("axe", "html"): how many pages or files it checked and the problems it found."""

    checks: dict[str, list[int]] = field(default_factory=dict)

    def add(self, name: str, *, checked: int = 1, problems: int = 0) -> None:
        counts = self.checks.setdefault(name, [0, 0])
        counts[0] += checked
        counts[1] += problems

    def write(self, path: Path = RESULTS_FILE, today: dt.date | None = None) -> None:
        """Merge into ``path``: checks of this run replace those of earlier runs, the rest stay."""
        if not self.checks:
            return
        try:
            earlier = {c["name"]: c for c in json.loads(path.read_text("utf-8"))["checks"]}
        except (OSError, ValueError, KeyError, TypeError):
            earlier = {}
        day = (today or dt.date.today()).isoformat()
        for name, (checked, problems) in self.checks.items():
            earlier[name] = {"name": name, "checked": checked, "problems": problems, "date": day}
        checks = [earlier[name] for name in sorted(earlier)]
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {"date": max(c["date"] for c in checks), "checks": checks}
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


@pytest.fixture(scope="session")
def check_results() -> Iterator[CheckResults]:
    results = CheckResults()
    yield results
    results.write()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real guide, built once per session (``wijkengids build``, else ``mkdocs build --strict``)."""
    try:
        return build_site(tmp_path_factory.mktemp("site") / "site")
    except BuildError as exc:
        pytest.fail(f"the guide does not build: {exc}", pytrace=False)


@pytest.fixture(scope="session")
def base_url(built_site: Path) -> Iterator[str]:
    """``http://127.0.0.1:<port>/<prefix>/``: the built site over HTTP, from a thread in this process."""
    with serve(built_site, site_prefix(built_site)) as url:
        yield url


@pytest.fixture(scope="session")
def guide_catalog() -> Catalog:
    """The shipped guide's records and links, as the build sees them."""
    result = check(REPO_ROOT)
    assert result.ok, "the shipped guide has errors: run `wijkengids check`"
    return result.catalog


@pytest.fixture(scope="session")
def page_kinds(built_site: Path) -> PageKinds:
    return find_page_kinds(built_site)


@pytest.fixture(scope="session")
def axe_script() -> str:
    try:
        return axe_source()
    except AssertionError as exc:
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    try:
        executable = find_chromium()
    except AssertionError as exc:
        pytest.fail(str(exc), pytrace=False)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=list(CHROMIUM_ARGS))
        yield chromium
        chromium.close()


@dataclass
class Tab:
    """A browser context kept for the session at one viewport, its current page and the log of its requests.

    Each :meth:`open` starts from a fresh page in the same context (a few milliseconds), so a
    navigation a previous test set off cannot land in the next one.
    """

    page: Page
    context: BrowserContext
    requests: RequestLog
    base_url: str
    name: str  # the viewport: "desktop" or "mobile"

    def open(self, path: str, *, wait_until: str = "load") -> Page:
        """Go to ``path`` (relative to the site root); fail unless the server answered 200 (or 404 for 404.html)."""
        if self.page.url != "about:blank":
            self.page.close()
            self.page = self.context.new_page()
        self.requests.clear()
        response = self.page.goto(self.base_url + path, wait_until=wait_until)  # type: ignore[arg-type]
        assert response is not None, f"no response for {path!r}"
        assert response.status == 200 or path.endswith("404.html"), f"{path!r}: HTTP {response.status}"
        return self.page


def _open_tab(browser: Browser, base_url: str, viewport: str) -> Tab:
    context = browser.new_context(
        viewport=VIEWPORTS[viewport],  # type: ignore[arg-type]
        locale="nl-NL",
        service_workers="block",
    )
    context.set_default_timeout(10_000)
    log = RequestLog()
    log.attach(context)
    return Tab(context.new_page(), context, log, base_url, viewport)


@pytest.fixture(scope="session")
def desktop(browser: Browser, base_url: str) -> Iterator[Tab]:
    tab = _open_tab(browser, base_url, "desktop")
    yield tab
    tab.context.close()


@pytest.fixture(scope="session")
def mobile(browser: Browser, base_url: str) -> Iterator[Tab]:
    tab = _open_tab(browser, base_url, "mobile")
    yield tab
    tab.context.close()


@pytest.fixture
def tab(request: pytest.FixtureRequest) -> Tab:
    """``desktop`` or ``mobile``, by the test's ``viewport`` parameter."""
    tab: Tab = request.getfixturevalue(request.param)
    return tab


@pytest.fixture(scope="session")
def screenshots() -> Path:
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
