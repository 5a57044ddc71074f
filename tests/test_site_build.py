"""Real builds: `mkdocs build --strict` and `properdocs build` of a small guide, `wijkengids build` of the real one."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import site_tree

from build_tools import report
from build_tools.cli import main
from build_tools.pipeline import check

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False, env=ENV)


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def nav_of(html: str) -> str:
    """The navigation sidebars of a page (Material puts them before the content)."""
    start = html.index('<nav class="md-nav md-nav--primary"')
    return html[start : html.index('<div class="md-content"', start)]


def assert_fixture_site(site: Path) -> None:
    """What a reader of the fixture guide gets, whatever generator built it."""
    lesson = read(site, "lessen/lange-adem/index.html")
    assert '<a href="../../voorbeelden/overvecht-versnelling/">De Versnelling in Overvecht</a>' in lesson
    assert '<a href="../../dilemmas/snel-of-duurzaam/">Snel resultaat of duurzame verandering</a>' in lesson
    assert '<a href="../../citaten/springplank/">Anna de Vries</a>' in lesson
    assert "Laatst nagekeken: 1 november 2026" in lesson
    assert 'title="Link naar deze sectie"' in lesson
    assert 'href="https://github.com/wijkengids/wijkengids/edit/main/lessons/lange-adem.md"' in lesson
    # the glossary: the first use of a term in the body marked, explained after the body, on /begrippen/
    assert (
        '<a aria-describedby="wg-uitleg-neerwaartse-spiraal" class="wg-term" '
        'href="../../begrippen/#neerwaartse-spiraal">neerwaartse spiraal</a>'
    ) in lesson
    assert '<dd id="wg-uitleg-neerwaartse-spiraal">Problemen in een wijk' in lesson
    assert 'id="neerwaartse-spiraal"' in read(site, "begrippen/index.html")
    assert "lessen/lange-adem/" not in nav_of(read(site, "plaatsen/index.html"))  # record pages stay out of the nav
    chapter = read(site, "hoofdstukken/inleiding/index.html")
    assert "Na het lezen van dit hoofdstuk weet je:" in chapter
    assert '<a href="../../pdf/inleiding.pdf">Download als PDF</a>' in chapter
    assert '<a href="../lange-adem-hoofdstuk/">Resultaat boeken en volhouden</a>' in chapter
    assert 'href="../lange-adem-hoofdstuk/"' in nav_of(chapter)  # chapters are in the nav
    example = read(site, "voorbeelden/overvecht-versnelling/index.html")
    assert "Genoemd in" in example and '<a href="../../lessen/lange-adem/">' in example
    for page in ("dilemmas", "citaten", "themas", "plaatsen", "organisaties", "bronnen", "hoofdstukken"):
        assert (site / page / "index.html").is_file(), page
    assert (site / "themas/vertrouwen/index.html").is_file()
    assert not (site / "lessen/wachtlijst").exists()  # concept
    assert not (site / "themas/vertrouwen.yml").exists()  # record sources are not published as-is
    assert not (site / "hoofdstukken/inleiding.md").exists()
    assert "Pagina niet gevonden" in read(site, "404.html")
    sitemap = read(site, "sitemap.xml")
    assert "<loc>https://wijkengids.github.io/wijkengids/lessen/lange-adem/</loc>" in sitemap
    moved = read(site, "lessen/niet-stoppen/index.html")  # the old address of a merged record (its alias)
    assert '<meta http-equiv="refresh" content="0; url=../lange-adem/">' in moved
    assert '<link rel="canonical" href="https://wijkengids.github.io/wijkengids/lessen/lange-adem/">' in moved
    assert '<a href="../lange-adem/">Een wijkaanpak vraagt een lange adem</a>' in moved
    assert '<meta name="robots" content="noindex">' in moved and "data-pagefind-body" not in moved
    assert "niet-stoppen" not in sitemap  # an old address is no page of its own
    everything = "\n".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    assert "fonts.googleapis.com" not in everything and "fonts.gstatic.com" not in everything
    assert "Made with" not in everything
    assert not re.search(r"<script[^>]+src=\"https?://", everything)  # no script from another host
    assert '<html lang="nl"' in everything
    dilemma = read(site, "dilemmas/snel-of-duurzaam/index.html")
    assert 'title="Terug naar voetnoot 1 in de tekst"' in dilemma  # Dutch, like every visible string
    assert 'class="admonition warning"' in example and "Verouderd" in example
    assert dilemma.count('<div class="wg-pole">') == 2  # md_in_html output survives the sanitiser


def test_mkdocs_build_strict_of_a_small_guide(tmp_path: Path) -> None:
    root = site_tree(tmp_path)
    done = run([str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(tmp_path / "site")], root)
    assert done.returncode == 0, done.stderr
    assert_fixture_site(tmp_path / "site")
    assert not (root / "guide" / "lessen").exists()  # generated pages are never written into the repo


def test_properdocs_builds_the_same_site(tmp_path: Path) -> None:
    root = site_tree(tmp_path)
    done = run(
        [str(BIN / "properdocs"), "build", "--strict", "-f", "mkdocs.yml", "--site-dir", str(tmp_path / "site")], root
    )
    assert done.returncode == 0, done.stderr
    assert_fixture_site(tmp_path / "site")
    # and it fails on an invalid guide with the messages of `wijkengids check`
    lesson = root / "lessons" / "lange-adem.md"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("  - overvecht-versnelling\n", "  - overvecht\n", 1))
    expected = [report.format_text(p) for p in check(root).errors]
    failed = run([str(BIN / "properdocs"), "build", "--strict", "-f", "mkdocs.yml", "--site-dir", "out"], root)
    assert failed.returncode != 0
    assert expected and all(line in failed.stderr for line in expected)


def test_a_broken_link_or_anchor_fails_the_strict_build(tmp_path: Path) -> None:
    root = site_tree(tmp_path)
    (root / "guide" / "over.md").write_text(
        "# Over\n\nZie [de les](lessen/lange-adem.md#bestaat-niet) en [weg](lessen/weg.md).\n", encoding="utf-8"
    )
    done = run([str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(tmp_path / "site")], root)
    assert done.returncode != 0
    assert "lessen/weg.md" in done.stderr and "bestaat-niet" in done.stderr


def test_a_hostile_record_does_not_build(tmp_path: Path) -> None:
    root = site_tree(tmp_path)
    lesson = root / "lessons" / "lange-adem.md"
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\n<script>alert(1)</script>\n", encoding="utf-8")
    done = run([str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(tmp_path / "site")], root)
    assert done.returncode != 0
    assert "lessons/lange-adem.md:27:1: " in done.stderr and "[raw-html]" in done.stderr


def test_wijkengids_build_swaps_in_a_complete_site_and_keeps_the_old_one_on_failure(tmp_path: Path) -> None:
    root = site_tree(tmp_path)
    site = root / "site"
    site.mkdir()
    (site / "oud.txt").write_text("vorige versie", encoding="utf-8")
    runner = CliRunner()
    lesson = root / "lessons" / "lange-adem.md"
    good = lesson.read_text(encoding="utf-8")
    lesson.write_text(good.replace("  - overvecht-versnelling\n", "  - bestaat-niet\n", 1), encoding="utf-8")

    cwd = Path.cwd()
    os.chdir(root)
    try:
        failed = runner.invoke(main, ["build"])
        assert failed.exit_code == 1, failed.output
        assert "De site is niet gebouwd" in failed.output
        assert (site / "oud.txt").read_text(encoding="utf-8") == "vorige versie"  # untouched
        assert sorted(p.name for p in root.iterdir() if p.name.startswith(".site")) == []  # no half site left

        lesson.write_text(good, encoding="utf-8")
        built = runner.invoke(main, ["build"])
        assert built.exit_code == 0, built.output
    finally:
        os.chdir(cwd)
    assert not (site / "oud.txt").exists()
    assert_fixture_site(site)
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".site")) == []


def test_wijkengids_build_of_the_shipped_guide(tmp_path: Path) -> None:
    site = tmp_path / "site"
    done = run([str(BIN / "wijkengids"), "build", "--site-dir", str(site)], REPO)
    assert done.returncode == 0, done.stderr
    catalog = check(REPO).catalog
    published = [r for r in catalog.records.values() if r.published]
    assert published
    for record in published:
        page = site / record.rtype.plural / record.id / "index.html"
        assert page.is_file(), record.id
    for record in catalog.records.values():
        if not record.published:
            assert not (site / record.rtype.plural / record.id).exists(), record.id
    home = read(site, "index.html")
    for way_in in ("Per hoofdstuk", "Per thema", "Per wijk", "Per vraag", "Onlangs nagekeken"):
        assert way_in in home
    for record in catalog.of_type("lesson"):
        html = read(site, f"lessen/{record.id}/index.html")
        for target in catalog.targets(record.id, "themes"):
            assert f'href="../../themas/{target.id}/"' in html, (record.id, target.id)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(condition: Callable[[], bool], seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


def test_mkdocs_serve_shows_edits_and_keeps_the_last_good_site(tmp_path: Path) -> None:
    root = site_tree(tmp_path)
    port = free_port()
    log = (tmp_path / "serve.log").open("w+", encoding="utf-8")
    server = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=ENV,
    )
    # `mkdocs serve` serves the site under the path of site_url (e.g. /wijkengids/).
    prefix = re.search(r"^site_url: https?://[^/]+(/\S*)$", (root / "mkdocs.yml").read_text("utf-8"), re.M)
    url = f"http://127.0.0.1:{port}{prefix.group(1) if prefix else '/'}lessen/lange-adem/"

    def title() -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                html = response.read().decode("utf-8")
        except OSError:
            return ""
        found = re.search(r"<h1[^>]*>([^<]*)", html)
        return found.group(1) if found else ""

    def log_text() -> str:
        return (tmp_path / "serve.log").read_text(encoding="utf-8")

    lesson = root / "lessons" / "lange-adem.md"
    text = lesson.read_text(encoding="utf-8")
    try:
        assert wait_for(lambda: title() == "Een wijkaanpak vraagt een lange adem"), log_text()
        lesson.write_text(text.replace("title: Een wijkaanpak", "title: Een nieuwe aanpak"), encoding="utf-8")
        assert wait_for(lambda: title() == "Een nieuwe aanpak vraagt een lange adem"), log_text()
        broken = text.replace("  - overvecht-versnelling\n", "  - overvecht\n", 1).replace("Een wijkaanpak", "Kapot")
        lesson.write_text(broken, encoding="utf-8")
        assert wait_for(lambda: "laatste goede versie" in log_text()), log_text()
        assert "lessons/lange-adem.md:13:5: examples[0]:" in log_text()
        assert title() == "Een nieuwe aanpak vraagt een lange adem"  # the last good site
        assert server.poll() is None
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()
