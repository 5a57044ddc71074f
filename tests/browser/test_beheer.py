"""The web editor at /beheer/ end to end: Decap on its local backend, a lesson made through the form.

decap-server writes into a copy of the shipped guide; the file it writes must be a record that
``wijkengids check`` accepts, with the fields in the scaffold's order, and a build must give its page.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from build_tools.editor.local import LocalEditor, local_editor
from build_tools.editor.site import settings_from_mkdocs
from build_tools.pipeline import check
from build_tools.scaffold import slugify
from build_tools.schema import TYPES_BY_NAME

from .site import REPO_ROOT, VENV_BIN

ARTIFACTS = REPO_ROOT / "test-artifacts" / "beheer"
TITLE = "Coöperatie in de wijk: samen koken verbindt"
LESSON_ID = "cooperatie-in-de-wijk-samen-koken-verbindt"


@pytest.fixture
def guide_copy(tmp_path: Path) -> Path:
    root = tmp_path / "gids"
    root.mkdir()
    for name in ("lessons", "examples", "guide", "overrides"):
        shutil.copytree(REPO_ROOT / name, root / name)
    for name in ("mkdocs.yml", "pyproject.toml"):
        shutil.copy(REPO_ROOT / name, root / name)
    return root


@pytest.fixture
def editor(guide_copy: Path) -> Iterator[LocalEditor]:
    with local_editor(guide_copy, settings_from_mkdocs(guide_copy / "mkdocs.yml")) as running:
        yield running


def open_new(browser: Browser, editor: LocalEditor, collection: str) -> Page:
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page.goto(editor.url)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("link", name=re.compile("Lessen")).first.wait_for()
    page.goto(f"{editor.url}#/collections/{collection}/new")
    page.locator('label[for^="title-field"]').wait_for()
    return page


def control(page: Page, name: str):  # type: ignore[no-untyped-def]
    """The block of the form that holds field ``name`` (its label, its input, its hint)."""
    label = page.locator(f'label[for^="{name}-field"]')
    return label.locator("xpath=ancestor::div[contains(@class, 'ControlContainer')][1]")


def type_markdown(page: Page, name: str, text: str) -> None:
    editable = control(page, name).locator('[contenteditable="true"]').first
    editable.click()
    page.keyboard.type(text)


def pick(page: Page, name: str, search: str, option: str) -> None:
    """Choose ``option`` in the relation widget of ``name`` by typing part of its title."""
    box = page.locator(f'input[id^="{name}-field"]')
    box.click()
    box.fill(search)
    page.get_by_role("option", name=option, exact=True).click()


def choose(page: Page, name: str, option: str) -> None:
    """Choose ``option`` in the select widget of ``name``."""
    control(page, name).locator('input[role="combobox"], [class*="control"]').first.click()
    page.get_by_role("option", name=option, exact=True).click()


def save(page: Page) -> None:
    page.get_by_role("button", name="Publiceer").click()
    page.get_by_text("Publiceer nu").click()


def test_a_lesson_made_in_the_form_is_a_valid_record(
    browser: Browser, editor: LocalEditor, guide_copy: Path, tmp_path: Path
) -> None:
    page = open_new(browser, editor, "lesson")
    try:
        page.locator('label[for^="title-field"]').wait_for()
        page.locator('input[id^="title-field"]').fill(TITLE)
        page.locator('input[id^="reviewed-field"]').fill("2026-11-30")
        choose(page, "status", "gepubliceerd")
        type_markdown(page, "summary", "Samen koken brengt bewoners met elkaar in gesprek.")
        control(page, "apply").get_by_role("button", name=re.compile("Voeg regel toe")).click()
        control(page, "apply").locator("textarea").first.fill("Begin klein, met een vaste avond per maand.")
        themes = titles(guide_copy, "theme", ["vertrouwen", "veiligheid"])
        for title in themes:
            pick(page, "themes", title[:6], title)
        (source,) = titles(guide_copy, "source", ["nieuwland-de-wijkengids"])
        pick(page, "sources", source[:12], source)
        type_markdown(page, "body", "Een vaste plek om samen te eten maakt de drempel laag.")
        for title in (TITLE, "Één  wijk – twee werelden!", "x" * 70, "Naïef ‘optimisme’ en co-productie in 2026"):
            assert page.evaluate("t => window.wijkengidsSlugify(t)", title) == slugify(title), title
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "nieuwe-les.png"), full_page=True)
        save(page)
        written = guide_copy / "lessons" / f"{LESSON_ID}.md"
        for _ in range(100):
            if written.is_file():
                break
            page.wait_for_timeout(100)
        assert written.is_file(), sorted(p.name for p in (guide_copy / "lessons").iterdir())
        page.screenshot(path=str(ARTIFACTS / "opgeslagen.png"), full_page=True)
    finally:
        page.close()
    text = written.read_text(encoding="utf-8")
    keys = re.findall(r"^([a-z_]+):", text.split("---")[1], flags=re.M)
    order = [f.name for f in TYPES_BY_NAME["lesson"].all_fields]
    assert keys == [name for name in order if name in keys], text
    assert keys[:3] == ["id", "status", "reviewed"], text
    assert f"id: {LESSON_ID}" in text and "status: gepubliceerd" in text
    result = check(guide_copy)
    assert result.ok, "\n".join(p.message for p in result.errors)
    record = result.catalog.records[LESSON_ID]
    assert list(record.get("themes")) == ["vertrouwen", "veiligheid"]
    assert list(record.get("sources")) == ["nieuwland-de-wijkengids"]
    # The real command, in its own process (Playwright's event loop runs in this one).
    site = tmp_path / "site"
    build = [str(VENV_BIN / "wijkengids"), "build", "-f", str(guide_copy / "mkdocs.yml"), "-d", str(site), "--no-pdf"]
    done = subprocess.run(build, cwd=guide_copy, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    page_html = (site / "lessen" / LESSON_ID / "index.html").read_text(encoding="utf-8")
    assert "samen koken verbindt" in page_html


def titles(root: Path, type_name: str, ids: list[str]) -> list[str]:
    """What the relation widget shows for these records: their title (or name)."""
    records = check(root).catalog.records
    assert all(records[i].type == type_name for i in ids)
    return [records[i].title for i in ids]


def test_the_form_refuses_to_save_without_a_required_field(
    browser: Browser, editor: LocalEditor, guide_copy: Path
) -> None:
    page = open_new(browser, editor, "lesson")
    try:
        page.locator('input[id^="title-field"]').fill("Een les zonder samenvatting")
        save(page)
        # Decap's own message for an empty required field, under the field itself.
        expect(control(page, "summary").get_by_text("Samenvatting is vereist.")).to_be_visible()
        expect(control(page, "sources").get_by_text("Bronnen is vereist.")).to_be_visible()
        page.screenshot(path=str(ARTIFACTS / "verplicht-veld.png"), full_page=True)
    finally:
        page.close()
    assert not any(p.name.startswith("een-les-zonder") for p in (guide_copy / "lessons").iterdir())


def test_decap_accepts_the_configuration_and_refuses_a_broken_one(browser: Browser, editor: LocalEditor) -> None:
    """Decap validates its configuration on load against its own schema and shows what is wrong."""
    page = browser.new_page(locale="nl-NL")
    try:
        page.goto(editor.url)
        expect(page.get_by_role("button", name="Inloggen")).to_be_visible()
        assert "Config Errors" not in page.inner_text("body")
        broken = page.context.request.get(editor.url + "config.yml").text().replace("widget: relation", "widget: 7")
        page.route("**/config.yml", lambda route: route.fulfill(body=broken, content_type="text/yaml"))
        page.goto(editor.url)
        # Decap reports configuration errors before it loads its Dutch strings.
        expect(page.get_by_role("heading", name="Error loading the CMS configuration")).to_be_visible()
        assert "must be string" in page.inner_text("body")
    finally:
        page.close()


def test_the_built_site_has_the_editor_but_no_public_page_points_at_it(built_site: Path) -> None:
    editor_dir = built_site / "beheer"
    for name in ("index.html", "beheer.js", "config.yml", "decap-cms.js"):
        assert (editor_dir / name).is_file(), name
    assert not list(editor_dir.glob("*.map")), "no source maps in the site"
    assert "noindex" in (editor_dir / "index.html").read_text(encoding="utf-8")
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "beheer" not in sitemap
    for page in built_site.rglob("*.html"):
        if editor_dir in page.parents:
            continue
        text = page.read_text(encoding="utf-8")
        assert "beheer/" not in text and "decap-cms" not in text, page
    fragments = sorted((built_site / "pagefind" / "fragment").glob("*.pf_fragment"))
    assert fragments, "the search index has pages"
    for fragment in fragments:
        data = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        assert "/beheer/" not in data["url"], fragment.name
