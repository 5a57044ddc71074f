"""Site build: the generator (plugin) against plain MkDocs + Material on the same pages.

For each synthetic guide the generator build is ``mkdocs build`` with the wijkengids plugin;
the plain build is ``mkdocs build`` of the very pages the generator renders, written out
as static Markdown, with the same theme, Markdown extensions and navigation and without the
plugin. Both run in a fresh process (as an editor would run them) and are timed on the wall
clock, best of ``repeat``. The Pagefind index is timed on its own: the plain build has none.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import yaml

from build_tools.fieldref import render_field_reference
from build_tools.pipeline import check
from build_tools.render import render_pages, site_nav

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs", "build", "--quiet"]


def _project_config() -> dict[str, Any]:
    config: dict[str, Any] = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    return config


def _timed(cmd: list[str], cwd: Path, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - start)
    return best


def prepare(guide: Path) -> tuple[Path, Path, int]:
    """Write both configurations for the synthetic guide at ``guide``; return them and the page count."""
    (guide / "guide" / "index.md").write_text("# Wijkengids\n\nSynthetische gids.\n", encoding="utf-8")
    config = _project_config()
    generator = guide / "mkdocs.yml"
    generator.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")

    catalog = check(guide).catalog
    pages = render_pages(catalog, home_intro="Synthetische gids.\n")
    plain_docs = guide / "plain-docs"
    for page in pages:
        target = plain_docs / page.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
    (plain_docs / "velden.md").write_text(render_field_reference(), encoding="utf-8")  # the plugin adds it too
    shutil.copytree(ROOT / "build_tools" / "assets", plain_docs / "assets", dirs_exist_ok=True)
    plain = dict(config)
    plain["docs_dir"] = "plain-docs"
    plain["site_dir"] = "plain-site"
    plain["plugins"] = [p for p in config["plugins"] if p != "wijkengids"]
    plain["nav"] = site_nav(catalog)
    plain["not_in_nav"] = "\n".join([f"/{p.src_uri}" for p in pages if p.kind == "record"] + ["/velden.md"])
    plain["validation"] = {"nav": {"omitted_files": "info"}}
    plain_config = guide / "mkdocs-plain.yml"
    plain_config.write_text(yaml.safe_dump(plain, allow_unicode=True), encoding="utf-8")
    return generator, plain_config, len(pages)


def measure(guide: Path, repeat: int = 1) -> tuple[int, float, float, float]:
    """(pages, generator s, plain s, Pagefind index s) for the synthetic guide at ``guide``."""
    generator, plain, pages = prepare(guide)
    t_generator = _timed([*MKDOCS, "-f", str(generator)], guide, repeat)
    t_plain = _timed([*MKDOCS, "-f", str(plain)], guide, repeat)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", _INDEX_SCRIPT, str(generator)],
        cwd=guide,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    t_index = time.perf_counter() - start
    return pages, t_generator, t_plain, t_index


_INDEX_SCRIPT = """
import sys
from pathlib import Path
from mkdocs.config import load_config
from build_tools.pipeline import check
from build_tools.search import index_site
config = load_config(sys.argv[1])
index_site(Path(config.site_dir), check(Path(sys.argv[1]).resolve().parent).catalog)
"""
