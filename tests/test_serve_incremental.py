"""``mkdocs serve --dirty`` (``make serve``): a saved record rebuilds only the pages that show something of it.

Each rebuild is MkDocs' own dirty build, in-process, with the plugin instance kept across
rebuilds as ``mkdocs serve`` keeps it. The pages MkDocs rendered are the HTML files it wrote
(their modification times); the ground truth is two clean builds, before and after the edit.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from conftest import site_tree
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from build_tools.plugin import WijkengidsPlugin

pytestmark = pytest.mark.slow  # builds the fixture site several times

SERVE_URL = "http://127.0.0.1:8000/wijkengids/"
LESSON = "lessons/lange-adem.md"
#: Files every build writes again (not pages), and Material's lunr index (not used while serving).
NOT_PAGES = ("404.html", "sitemap.xml", "sitemap.xml.gz", "search/search_index.json")


class Serve:
    """One ``mkdocs serve --dirty`` session on ``root``, building into ``site``."""

    def __init__(self, root: Path, site: Path) -> None:
        self.root, self.site = root, site
        config = self.config()
        plugin = config.plugins["wijkengids"]
        assert isinstance(plugin, WijkengidsPlugin)
        self.plugin = plugin
        config.plugins.on_startup(command="serve", dirty=True)
        build(config, serve_url=SERVE_URL, dirty=True)

    def config(self) -> MkDocsConfig:
        config = load_config(str(self.root / "mkdocs.yml"), site_dir=str(self.site))
        config.site_url = SERVE_URL
        return config

    def rebuild(self) -> set[str]:
        """Rebuild as ``mkdocs serve`` does after a save; return the pages whose HTML was written."""
        before = written(self.site)
        time.sleep(0.01)  # a later modification time for whatever is written now
        config = self.config()
        assert config.plugins["wijkengids"] is self.plugin
        build(config, serve_url=SERVE_URL, dirty=True)
        after = written(self.site)
        return {page for page, stamp in after.items() if before.get(page) != stamp}


def written(site: Path) -> dict[str, int]:
    """Every page of the built site with its modification time (ns)."""
    return {
        p.relative_to(site).as_posix(): p.stat().st_mtime_ns
        for p in site.rglob("*.html")
        if p.relative_to(site).as_posix() not in NOT_PAGES
    }


def clean_build(root: Path, site: Path) -> dict[str, bytes]:
    shutil.rmtree(site, ignore_errors=True)
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
    config.site_url = SERVE_URL
    config.plugins.on_startup(command="build", dirty=False)
    build(config, serve_url=SERVE_URL)
    return {page: (site / page).read_bytes() for page in written(site)}


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_saved_record_rebuilds_exactly_the_pages_that_show_it(tmp_path: Path) -> None:
    root = site_tree(tmp_path)
    old_site = clean_build(root, tmp_path / "clean-before")
    serve = Serve(root, tmp_path / "served")
    assert set(written(serve.site)) == set(old_site)

    edit(root, LESSON, "summary: Resultaten komen pas na jaren", "summary: Resultaten komen pas na vele jaren")
    rebuilt = serve.rebuild()
    counted = list(serve.plugin.rebuilt)  # before the clean build below resets the (shared) plugin

    new_site = clean_build(root, tmp_path / "clean-after")
    changed = {page for page, html in new_site.items() if old_site.get(page) != html}
    assert rebuilt == changed  # no page more (only what depends on it), no page less (the site is right)
    assert {"lessen/lange-adem/index.html", "lessen/index.html"} <= rebuilt  # its page, its overview
    assert len(rebuilt) < len(new_site) / 2
    assert len(counted) == len(rebuilt)  # the plugin's count ("… opnieuw opgebouwd") is right
    served = {page: (serve.site / page).read_bytes() for page in new_site}
    assert served == new_site  # the served site is the one a clean build makes


def test_an_invalid_edit_rebuilds_nothing_and_keeps_the_last_good_page(tmp_path: Path) -> None:
    root = site_tree(tmp_path)
    serve = Serve(root, tmp_path / "served")
    page = serve.site / "lessen" / "lange-adem" / "index.html"
    good = page.read_bytes()
    edit(root, LESSON, "  - overvecht-versnelling\n", "  - overvecht\n")  # a place where an example belongs
    assert serve.rebuild() == set()
    assert page.read_bytes() == good


def test_a_changed_navigation_rebuilds_every_page(tmp_path: Path) -> None:
    root = site_tree(tmp_path)
    serve = Serve(root, tmp_path / "served")
    edit(root, "guide/hoofdstukken/inleiding.md", "title: Vooraf", "title: Voorwoord")  # a chapter: in the nav
    assert serve.rebuild() == set(written(serve.site))


def test_a_removed_record_loses_its_page(tmp_path: Path) -> None:
    root = site_tree(tmp_path)
    serve = Serve(root, tmp_path / "served")
    edit(root, "examples/citaten/springplank.yml", "status: gepubliceerd", "status: concept")
    edit(root, LESSON, "quotes:\n  - springplank\n", "")
    edit(root, "guide/hoofdstukken/inleiding.md", "  - springplank\n", "")
    serve.rebuild()
    assert not (serve.site / "citaten" / "springplank" / "index.html").exists()
