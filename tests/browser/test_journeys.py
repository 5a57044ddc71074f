"""A reader's way through the guide, by clicking: home → theme → lesson → example → back via its link lists.

The records are chosen from the guide's own catalog, so the journey follows whatever the content
holds today; the clicks go through the built pages only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page

from build_tools.link import Catalog
from build_tools.model import Record

from .conftest import Tab
from .site import PageKinds

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Journey:
    theme: Record
    lesson: Record
    example: Record


def plan_journey(catalog: Catalog) -> Journey | None:
    """The first lesson (by title) that has a theme and names an example."""
    for lesson in catalog.of_type("lesson"):
        themes = [r for r in catalog.targets(lesson.id, "themes") if r.type == "theme"]
        examples = [r for r in catalog.targets(lesson.id) if r.type == "example"]
        if themes and examples:
            return Journey(themes[0], lesson, examples[0])
    return None


def url_path(record: Record) -> str:
    return f"{record.rtype.plural}/{record.id}/"


def click_link_to(page: Page, path: str, within: str = "main") -> None:
    """Click a visible link to ``path`` (relative to the site root) inside ``within``; wait for the page."""
    links = page.locator(f'{within} a[href$="{path}"], {within} a[href$="{path}index.html"]').filter(visible=True)
    assert links.count() > 0, f"{page.url}: no visible link to /{path} in {within}"
    links.first.click()
    page.wait_for_url(f"**/{path}")


def assert_on_page_of(page: Page, record: Record) -> None:
    heading = page.locator("main h1").first.inner_text().strip().rstrip("¶#").strip()
    assert record.title in heading, f"{page.url}: heading {heading!r}, expected {record.title!r} in it"


def test_home_theme_lesson_example_and_back_through_the_link_lists(
    desktop: Tab, page_kinds: PageKinds, guide_catalog: Catalog
) -> None:
    journey = plan_journey(guide_catalog)
    assert journey is not None, "the guide has no lesson with a theme that names an example: nothing to follow"
    page = desktop.open(page_kinds.path("home"))

    theme = url_path(journey.theme)
    if page.locator(f'main a[href$="{theme}"]').filter(visible=True).count() == 0:
        click_link_to(page, "themas/", within="body")  # home → the theme overview, e.g. through the navigation
    click_link_to(page, theme)
    assert_on_page_of(page, journey.theme)

    click_link_to(page, url_path(journey.lesson))
    assert_on_page_of(page, journey.lesson)

    click_link_to(page, url_path(journey.example))
    assert_on_page_of(page, journey.example)

    # the lesson that names the example is listed once after its body: under its lessons or "Genoemd in"
    click_link_to(page, url_path(journey.lesson), within="main .wg-links")
    assert_on_page_of(page, journey.lesson)


_OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"


@pytest.mark.parametrize(
    ("name", "kind", "viewport"),
    [
        ("home", "home", "desktop"),
        ("chapter", "chapter", "desktop"),
        ("lesson", "lesson", "desktop"),
        ("example", "example", "desktop"),
        ("mobile-home", "home", "mobile"),
        ("mobile-lesson", "lesson", "mobile"),
    ],
)
def test_screenshot_without_sideways_scrolling(
    request: pytest.FixtureRequest, page_kinds: PageKinds, screenshots: Path, name: str, kind: str, viewport: str
) -> None:
    """Screenshots for people to look at (test-artifacts/screenshots/); the page reflows without sideways scroll."""
    tab: Tab = request.getfixturevalue(viewport)
    page = tab.open(page_kinds.path(kind))
    page.evaluate("document.fonts.ready")
    page.screenshot(path=screenshots / f"{name}.png", full_page=True)
    overflow = page.evaluate(_OVERFLOW)
    assert overflow <= 0, f"/{page_kinds.path(kind)} at {viewport} width scrolls sideways by {overflow}px (WCAG 1.4.10)"
