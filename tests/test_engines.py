"""One build, three engines: `wijkengids render` and `wijkengids build --engine` on the small site guide."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from conftest import site_tree
from test_site_build import assert_fixture_site

from build_tools.cli import main
from build_tools.engines import ENGINES, EngineFailed, header_with_search
from build_tools.render.docs import SiteFile, not_in_nav_patterns, split_front_matter

ENGINE_NAMES = sorted(ENGINES)


def invoke(root: Path, *args: str) -> Result:
    cwd = Path.cwd()
    os.chdir(root)
    try:
        return CliRunner().invoke(main, list(args))
    finally:
        os.chdir(cwd)


# -- the docs folder -----------------------------------------------------------------------------------------


@pytest.mark.slow
def test_render_writes_the_docs_folder_an_engine_builds(tmp_path: Path) -> None:
    root = site_tree(tmp_path)
    out = tmp_path / "docs-folder"
    done = invoke(root, "render", str(out))
    assert done.exit_code == 0, done.output
    docs = out / "docs"
    for page in ("index.md", "lessen/lange-adem.md", "lessen/index.md", "hoofdstukken/inleiding.md", "velden.md"):
        assert (docs / page).is_file(), page
    assert (docs / "assets/stylesheets/wijkengids.css").is_file() and (docs / "assets/search/search.js").is_file()
    assert not (docs / "themas/vertrouwen.yml").exists()  # record sources are not pages
    assert not (docs / "lessen/wachtlijst.md").exists()  # concept
    meta, body = split_front_matter((docs / "lessen/lange-adem.md").read_text(encoding="utf-8"))
    assert meta["edit_url"] == "https://github.com/wijkengids/wijkengids/edit/main/lessons/lange-adem.md"
    assert "\n# " in body and not body.startswith("---")
    assert split_front_matter((docs / "lessen/index.md").read_text(encoding="utf-8"))[0]["edit_url"] == ""
    config = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["docs_dir"] == "docs" and config["theme"]["custom_dir"] == "overrides"
    assert "wijkengids" not in config["plugins"]  # the pages exist already
    assert {"search": {"lang": "nl", "enabled": False}} in config["plugins"]  # no lunr index
    assert config["nav"][0] == {"Startpagina": "index.md"}
    header = (out / "overrides/partials/header.html").read_text(encoding="utf-8")
    assert '{% include "partials/search.html" %}' in header and "config.plugins" not in header
    assert not list(root.rglob("lessen"))  # nothing written into the guide

    again = invoke(root, "render", str(out))
    assert again.exit_code == 1 and "de map is niet leeg" in again.output  # never overwrites


def test_the_header_shows_the_search_box_without_the_search_plugin() -> None:
    for name in ("mkdocs", "zensical"):
        templates = ENGINES[name].theme_templates()
        header = header_with_search((templates / "partials/header.html").read_text(encoding="utf-8"), origin=name)
        assert "{% if true %}" in header and '{% set search = {"enabled": true} %}' in header
    with pytest.raises(EngineFailed, match=r"partials/header\.html: de zoekbalk staat niet meer zoals verwacht"):
        header_with_search("<header></header>", origin="partials/header.html")


def test_not_in_nav_is_one_pattern_per_folder_of_record_pages() -> None:
    pages = [
        SiteFile("lessen/index.md", text=""),
        SiteFile("lessen/a.md", text="", in_nav=False),
        SiteFile("lessen/b.md", text="", in_nav=False),
        SiteFile("hoofdstukken/index.md", text=""),
        SiteFile("hoofdstukken/een.md", text=""),
        SiteFile("velden.md", text="", in_nav=False),
    ]
    assert not_in_nav_patterns(pages) == ["/velden.md", "/lessen/*.md", "!/lessen/index.md"]


# -- the engines -------------------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("engine", ENGINE_NAMES)
def test_every_engine_builds_the_same_site(tmp_path: Path, engine: str) -> None:
    root = site_tree(tmp_path)
    site = tmp_path / "site"
    done = invoke(root, "build", "--engine", engine, "--no-pdf", "--site-dir", str(site))
    assert done.exit_code == 0, done.output
    assert ENGINES[engine].label in done.output
    assert_fixture_site(site)
    assert not (site / "search").exists() and not (site / "search.json").exists()  # no index nobody downloads
    assert (site / "pagefind" / "pagefind.js").is_file()
    lesson = (site / "lessen/lange-adem/index.html").read_text(encoding="utf-8")
    assert "data-wg-search" in lesson  # the Pagefind box in the header
    overview = (site / "lessen/index.html").read_text(encoding="utf-8")
    assert 'rel="edit"' not in overview  # a generated overview has no file to edit
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site-")]  # no staging left


@pytest.mark.slow
@pytest.mark.parametrize("engine", ENGINE_NAMES)
def test_a_failing_engine_fails_the_build_with_its_message_and_keeps_the_site(tmp_path: Path, engine: str) -> None:
    root = site_tree(tmp_path)
    site = root / "site"
    site.mkdir()
    (site / "oud.txt").write_text("vorige versie", encoding="utf-8")
    (root / "overrides" / "404.html").write_text("{% extends 'main.html' %}{% block content %}{% endblok %}")
    done = invoke(root, "build", "--engine", engine, "--no-pdf")
    assert done.exit_code == 1, done.output
    assert f"{ENGINES[engine].label} faalde" in done.output
    assert "endblok" in done.output  # the engine's own message names what is wrong
    assert "De vorige versie blijft staan." in done.output
    assert (site / "oud.txt").read_text(encoding="utf-8") == "vorige versie"
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".site")) == []
