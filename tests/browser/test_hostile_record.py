"""A hostile record cannot run script: its page, rendered and sanitised as the build does, runs nothing in Chromium.

The validator refuses raw HTML, so the hostile record is put into the catalog behind its back
(as a record that slipped past validation would be). Its page goes the build's way: templates →
Markdown with the extensions of mkdocs.yml → HTML → the sanitiser. A control loads the same HTML
unsanitised and shows that the payloads do run there, so the watch is real.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from playwright.sync_api import ConsoleMessage, Dialog

from build_tools.link import Catalog
from build_tools.model import Record
from build_tools.pipeline import check
from build_tools.render import render_pages, sanitize_html

from .conftest import Tab
from .site import REPO_ROOT, serve

pytestmark = pytest.mark.browser

#: Each payload reports itself through ``window.__pwned.push`` (a console message, so it survives a
#: navigation) or by making the browser contact another host (recorded and blocked by the request watch).
EVIL = "https://evil.example"
MINIMAL_GUIDE = REPO_ROOT / "tests" / "cases" / "base"
PAYLOADS = f"""
<script>window.__pwned.push('script')</script>

<img src="{EVIL}/leak-img" onerror="window.__pwned.push('img-onerror')">

<svg onload="window.__pwned.push('svg-onload')"><circle r="1"/></svg>

![kaart]({EVIL}/leak-markdown-image.png)

<iframe srcdoc="<script>parent.__pwned.push('iframe-srcdoc')</script>"></iframe>

<details open ontoggle="window.__pwned.push('details-ontoggle')"><summary>Meer</summary>x</details>

<input autofocus onfocus="window.__pwned.push('input-autofocus')">

<a href="javascript:window.__pwned.push('html-link')">klik hier</a>

[klik daar](javascript:window.__pwned.push('md-link'))

<div style="background-image: url({EVIL}/leak-style)">opgemaakt</div>

<object data="{EVIL}/leak-object"></object> <embed src="{EVIL}/leak-embed">

<link rel="stylesheet" href="{EVIL}/leak-link">

<meta http-equiv="refresh" content="0; url={EVIL}/leak-refresh">

<form action="{EVIL}/leak-form"><button>verstuur</button></form>
"""

_PAGE = (
    '<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>{title}</title></head>'
    "<body><main>{body}</main></body></html>"
)


class _ConfigLoader(yaml.SafeLoader):
    """Safe YAML that reads MkDocs' ``!!python/name:`` and ``!ENV`` tags as plain values."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_ConfigLoader.add_constructor("!ENV", lambda loader, node: None)
_ConfigLoader.add_constructor("!relative", lambda loader, node: None)


#: The Markdown extension of mkdocs.yml that sanitises every page, whichever engine builds it.
SANITISER_EXTENSION = "build_tools.render.sanitize"


def _markdown_extensions() -> tuple[list[str], dict[str, Any]]:
    """The Markdown extensions and their settings from the site's mkdocs.yml."""
    config = yaml.load((REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
    names: list[str] = []
    settings: dict[str, Any] = {}
    for entry in config.get("markdown_extensions", []):
        if isinstance(entry, dict):
            ((name, options),) = entry.items()
            names.append(name)
            settings[name] = options or {}
        else:
            names.append(entry)
    return names, settings


def page_html(catalog: Catalog, record: Record, *, sanitise: bool = True) -> str:
    """The content HTML of a record's page, made the build's way."""
    page = next(p for p in render_pages(catalog) if p.src_uri == f"{record.rtype.plural}/{record.id}.md")
    names, settings = _markdown_extensions()
    if not sanitise:  # the control: the site's own sanitiser runs as one of its Markdown extensions
        names = [name for name in names if name != SANITISER_EXTENSION]
        assert len(names) < len(_markdown_extensions()[0]), f"{SANITISER_EXTENSION} is not in mkdocs.yml"
    html = markdown.markdown(page.markdown, extensions=names, extension_configs=settings)
    return sanitize_html(html) if sanitise else html


def hostile_lesson_html(catalog: Catalog, *, sanitise: bool) -> str:
    lesson = catalog.of_type("lesson")[0]
    hostile = replace(lesson, fields={**lesson.fields, "title": "<script>window.__pwned.push('title')</script>"})
    hostile = replace(hostile, body=PAYLOADS)
    evil = catalog.with_record(hostile)
    return page_html(evil, hostile, sanitise=sanitise)


_WATCH = "window.__pwned = {push: (name) => console.log('PWNED ' + name)}"


def load_and_provoke(tab: Tab, folder: Path, html: str) -> tuple[list[str], list[str], list[str]]:
    """Serve ``html``, load it, click its links and buttons; return (payloads run, dialogs, foreign requests)."""
    (folder / "index.html").write_text(_PAGE.format(title="Vijandig record", body=html), encoding="utf-8")
    page = tab.context.new_page()
    pwned: list[str] = []
    dialogs: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.text.startswith("PWNED "):
            pwned.append(message.text.removeprefix("PWNED "))

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("console", on_console)
    page.on("dialog", on_dialog)
    page.add_init_script(_WATCH)
    try:
        with serve(folder) as url:
            tab.requests.clear()
            page.goto(url, wait_until="load")
            page.wait_for_timeout(300)  # a meta refresh or a late onerror would fire by now
            if page.url == url:
                for target in page.locator("main a[href^='javascript:'], main button").all():
                    target.click(no_wait_after=True, timeout=2_000)
                page.wait_for_timeout(300)
            leaks = [u for _, u in tab.requests.foreign]
    finally:
        page.close()
    return pwned, dialogs, leaks


def test_hostile_record_runs_no_script_and_contacts_no_other_host(
    desktop: Tab, tmp_path: Path, guide_catalog: Catalog
) -> None:
    html = hostile_lesson_html(guide_catalog, sanitise=True)
    pwned, dialogs, leaks = load_and_provoke(desktop, tmp_path, html)
    assert pwned == [], f"payloads ran: {pwned}"
    assert dialogs == [], f"dialogs opened: {dialogs}"
    assert leaks == [], f"the page contacted another host: {leaks}"


def test_without_the_sanitiser_the_payloads_do_run(desktop: Tab, tmp_path: Path, guide_catalog: Catalog) -> None:
    """The control: the watch sees script and requests when nothing removes them."""
    pwned, _, leaks = load_and_provoke(desktop, tmp_path, hostile_lesson_html(guide_catalog, sanitise=False))
    assert {"script", "img-onerror", "svg-onload"} <= set(pwned), f"the watch saw only {pwned}"
    assert leaks, "the unsanitised page contacted no other host: the request watch does not work"


def test_a_valid_record_cannot_make_the_page_contact_another_host(desktop: Tab, tmp_path: Path) -> None:
    """A Markdown image from another host passes for a link; its page must still not fetch it (or it is refused)."""
    guide = tmp_path / "gids"
    shutil.copytree(MINIMAL_GUIDE, guide)
    lesson_file = guide / "lessons" / "lange-adem.md"
    image = f"![kaart]({EVIL}/pixel.gif)"
    lesson_file.write_text(lesson_file.read_text(encoding="utf-8") + f"\n\n{image}\n", encoding="utf-8")
    result = check(guide)
    if not result.ok:  # the validator refuses it: the image never reaches a page
        assert [p.path for p in result.errors] == ["lessons/lange-adem.md"], result.errors
        return
    site = tmp_path / "site"
    site.mkdir()
    _, _, leaks = load_and_provoke(desktop, site, page_html(result.catalog, result.catalog["lange-adem"]))
    assert leaks == [], f"a record that passes `wijkengids check` makes every reader's browser contact: {leaks}"
