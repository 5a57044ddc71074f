"""Valid HTML on every page of the built site (Nu Html Checker), and no placeholder domain a reader sees.

The checker is npm's ``vnu-jar`` (pinned in package-lock.json) on the machine's Java (Debian's,
installed by ``make test``): one JVM for all files. Nothing skips: a missing Java or jar fails.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest

from .conftest import CheckResults
from .site import REPO_ROOT

pytestmark = pytest.mark.slow

VNU_JAR = REPO_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def run_checker(files: list[Path]) -> list[dict[str, object]]:
    """The errors the Nu Html Checker reports for ``files`` (one JVM for all)."""
    java = shutil.which("java")
    assert java, "Java ontbreekt: `make test` installeert het (Debian default-jre-headless)"
    assert VNU_JAR.is_file(), f"{VNU_JAR} ontbreekt: `make node-deps` (npm ci) installeert vnu-jar"
    done = subprocess.run(
        [java, "-Xss8m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stderr.strip().startswith("{"), f"the checker did not answer in JSON:\n{done.stderr[:2000]}"
    messages: list[dict[str, object]] = json.loads(done.stderr)["messages"]
    return [m for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]


def test_every_page_is_valid_html(built_site: Path, check_results: CheckResults) -> None:
    files = sorted(built_site.rglob("*.html"))
    assert len(files) > 100, f"only {len(files)} HTML files in {built_site}"
    errors = run_checker(files)
    check_results.add("html", checked=len(files), problems=len(errors))
    lines = [
        f"{str(m.get('url', '')).removeprefix(built_site.as_uri())}:{m.get('lastLine', '?')}: {m.get('message')}"
        for m in errors
    ]
    assert not errors, f"{len(errors)} HTML errors in {len({m.get('url') for m in errors})} files:\n" + "\n".join(
        lines[:40]
    )


def test_checker_finds_errors(tmp_path: Path) -> None:
    """The check can fail: a label for a control that does not exist is reported."""
    page = tmp_path / "index.html"
    page.write_text(
        '<!doctype html><html lang="nl"><head><title>t</title></head>'
        '<body><label for="__toc">x</label><input type="checkbox" autocomplete="off"></body></html>',
        encoding="utf-8",
    )
    messages = " ".join(str(m["message"]) for m in run_checker([page]))
    assert "“for” attribute" in messages and "autocomplete" in messages


_HIDDEN = re.compile(r"<(script|style|svg|template)\b.*?</\1>", re.IGNORECASE | re.DOTALL)
_SHOWN_ATTRIBUTE = re.compile(r'\b(?:alt|title|aria-label|placeholder|content)="([^"]*)"', re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def shown_text(html: str) -> str:
    """What a reader can see or hear of a page: its text, titles, labels and meta descriptions."""
    html = _HIDDEN.sub(" ", html)
    attributes = " ".join(_SHOWN_ATTRIBUTE.findall(html))
    return unescape(_TAG.sub(" ", html) + " " + attributes)


def test_no_placeholder_domain_is_shown(built_site: Path) -> None:
    found = []
    for file in sorted(built_site.rglob("*.html")):
        text = shown_text(file.read_text(encoding="utf-8"))
        for match in re.finditer(r"\S*example\.\S*", text):
            found.append(f"{file.relative_to(built_site)}: {match.group(0)}")
    assert not found, "placeholder addresses a reader sees:\n" + "\n".join(found[:20])


def test_shown_text_sees_addresses() -> None:
    assert "example.nl" in shown_text('<p>Zie <a href="/x">wijkengids.example.nl</a></p>')
    assert "example.nl" in shown_text('<meta property="og:url" content="https://example.nl/">')
    assert "example.nl" not in shown_text('<script>var u = "https://example.nl/";</script><p>x</p>')
