"""Build the shipped guide once, serve it on 127.0.0.1, and find one page of every kind.

No Playwright here: these helpers are plain Python, used by the fixtures in ``conftest.py``.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from build_tools.editor.site import EDITOR_DIR
from build_tools.render.redirects import REDIRECT_MARK
from build_tools.schema import RECORD_TYPES

REPO_ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent

#: Set to a folder holding an already built site to test that instead of building one.
PREBUILT_SITE_ENV = "WIJKENGIDS_TEST_SITE"

#: Page kinds a reader meets: the home page, a page per record type, an overview per type, the 404 page.
RECORD_KINDS = tuple(t.name for t in RECORD_TYPES)
OVERVIEW_KINDS = tuple(f"overview-{t.plural}" for t in RECORD_TYPES)
PAGE_KINDS = ("home", *RECORD_KINDS, *OVERVIEW_KINDS, "404")
_PLURAL: dict[str, str] = {t.name: t.plural for t in RECORD_TYPES}


class BuildError(RuntimeError):
    """The guide did not build; the message holds the command and its output."""


def build_site(out_dir: Path) -> Path:
    """Build the shipped guide the way ``make site`` does, into ``out_dir`` when the command allows.

    Prefers ``wijkengids build``; falls back to ``mkdocs build --strict`` while that command does
    not exist. Returns the folder that holds the built site.
    """
    prebuilt = os.environ.get(PREBUILT_SITE_ENV)
    if prebuilt:
        site = Path(prebuilt).resolve()
        if not (site / "index.html").is_file():
            raise BuildError(f"{PREBUILT_SITE_ENV}={prebuilt}: no index.html there")
        return site
    command, site = _build_command(out_dir)
    done = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BuildError(
            f"{' '.join(command)} exited with {done.returncode}:\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
        )
    if not (site / "index.html").is_file():
        raise BuildError(f"{' '.join(command)} succeeded but wrote no {site / 'index.html'}")
    return site


def _build_command(out_dir: Path) -> tuple[list[str], Path]:
    option = _build_dir_option()
    wijkengids = VENV_BIN / "wijkengids"
    if option is not None:
        return [str(wijkengids), "build", option, str(out_dir)], out_dir
    if _has_build_command():
        return [str(wijkengids), "build"], REPO_ROOT / "site"
    mkdocs = shutil.which("mkdocs", path=str(VENV_BIN)) or "mkdocs"
    if not (REPO_ROOT / "mkdocs.yml").is_file():
        raise BuildError("neither `wijkengids build` nor mkdocs.yml exists: nothing builds the site yet")
    return [mkdocs, "build", "--strict", "--quiet", "--site-dir", str(out_dir)], out_dir


def _build_click_command() -> Any:
    from build_tools.cli import main

    return main.commands.get("build")


def _has_build_command() -> bool:
    return _build_click_command() is not None


def _build_dir_option() -> str | None:
    """The long option of ``wijkengids build`` that names the output folder, if it has one."""
    command = _build_click_command()
    if command is None:
        return None
    for param in command.params:
        opts = [o for o in param.opts if o.startswith("--")]
        if opts and any(word in param.name for word in ("site_dir", "out", "dest", "target")):
            return str(opts[0])
    return None


def _sitemap_locs(site: Path) -> list[str]:
    sitemap = site / "sitemap.xml"
    if not sitemap.is_file():
        return []
    found = ET.parse(sitemap).getroot().iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    return [(loc.text or "").strip() for loc in found if (loc.text or "").strip()]


def published_base(site: Path) -> str:
    """The public address of the site (``https://…/``): the shortest address in the sitemap, or ""."""
    locs = _sitemap_locs(site)
    if not locs:
        return ""
    home = min(locs, key=len)
    return home if home.endswith("/") else home.rsplit("/", 1)[0] + "/"


def site_prefix(site: Path) -> str:
    """The path the site is published under (``/`` or ``/gids/``)."""
    base = published_base(site)
    return urlsplit(base).path if base else "/"


class _Handler(SimpleHTTPRequestHandler):
    """Static files under a path prefix; unknown paths get the site's own 404 page, as a host would."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_prefix__")
        return super().translate_path("/" + path[len(self.prefix) :])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(site: Path, prefix: str = "/") -> Iterator[str]:
    """Serve ``site`` under ``prefix`` on 127.0.0.1 at a free port; yields the base URL (ending in /)."""
    handler = type("SiteHandler", (_Handler,), {"prefix": prefix})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@dataclass(frozen=True)
class PageKinds:
    """One page of every kind in a built site: kind → path relative to the site root ("" is home)."""

    paths: dict[str, str]
    missing: tuple[str, ...]

    def path(self, kind: str) -> str:
        if kind in self.missing:
            raise LookupError(f"the built site has no page of kind {kind!r}")
        return self.paths[kind]


def find_page_kinds(site: Path, kinds: Sequence[str] = PAGE_KINDS) -> PageKinds:
    """The richest page (largest HTML file) of every record type, each overview, home and 404."""
    paths: dict[str, str] = {}
    missing: list[str] = []
    for kind in kinds:
        found = _page_of_kind(site, kind)
        if found is None:
            missing.append(kind)
        else:
            paths[kind] = found
    return PageKinds(paths, tuple(missing))


def _page_of_kind(site: Path, kind: str) -> str | None:
    if kind == "home":
        return "" if (site / "index.html").is_file() else None
    if kind == "404":
        return "404.html" if (site / "404.html").is_file() else None
    if kind.startswith("overview-"):
        plural = kind.removeprefix("overview-")
        return f"{plural}/" if (site / plural / "index.html").is_file() else None
    pages = sorted((site / _PLURAL[kind]).glob("*/index.html"), key=lambda p: (-p.stat().st_size, p.parent.name))
    return f"{_PLURAL[kind]}/{pages[0].parent.name}/" if pages else None


def html_pages(site: Path) -> list[str]:
    """Every public HTML page of the built site as a path relative to the site root (``lessen/x/``).

    The web editor (``beheer/``) is for editors, not readers: no page links to it, and its own
    tests (``test_beheer.py``) check that it stays that way. The redirects at the old addresses
    of merged records (:func:`redirect_pages`) are no pages of their own either.
    """
    out: list[str] = []
    for file in sorted(site.rglob("*.html")):
        rel = file.relative_to(site).as_posix()
        if rel.startswith(f"{EDITOR_DIR}/") or _is_redirect(file):
            continue
        out.append(rel.removesuffix("index.html"))
    return out


def redirect_pages(site: Path) -> list[str]:
    """The redirect pages at the old addresses of merged or renamed records (``lessen/oud/``)."""
    return [
        file.relative_to(site).as_posix().removesuffix("index.html")
        for file in sorted(site.rglob("*.html"))
        if _is_redirect(file)
    ]


def _is_redirect(file: Path) -> bool:
    with file.open(encoding="utf-8") as handle:
        head = handle.read(2048)
    return REDIRECT_MARK in head.split("</head>", 1)[0]
