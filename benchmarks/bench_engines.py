"""Engines: ``wijkengids build --engine E`` for each engine beside the build it replaced, in the same run.

"Before" is the build as it was until the engines issue, reproduced step by step: ``mkdocs
build --strict`` with the wijkengids plugin (the check inside it, Material's lunr index)
and then the Pagefind binary over the built site. "After" is ``wijkengids build --no-pdf
--engine E``: one check, the docs folder, the engine in its own process, Pagefind through its
Python API. Every build runs in a fresh process; wall clock best of ``repeat``, and the peak
resident memory of the largest process of the build (``ru_maxrss`` of ``wait4``). PDFs aside
(the same cached step in both).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from build_tools.engines import ENGINES  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def _run(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall seconds and peak RSS (MiB) of ``command``; fails loudly if it fails."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        error = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{error[-3000:]}")
    return seconds, usage.ru_maxrss // 1024


def before(root: Path, site: Path) -> tuple[float, int]:
    """The previous ``wijkengids build --no-pdf``: MkDocs with the plugin and lunr, then Pagefind's binary."""
    shutil.rmtree(site, ignore_errors=True)
    t_mkdocs, m_mkdocs = _run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", "mkdocs.yml", "-d", str(site)], root
    )
    t_index, m_index = _run([sys.executable, "-c", _INDEX_BEFORE, str(site), str(root)], root)
    return t_mkdocs + t_index, max(m_mkdocs, m_index)


#: The search step of the previous build: annotate the pages, then the binary over the site.
_INDEX_BEFORE = """
import subprocess, sys
from pathlib import Path
from build_tools.pipeline import check
from build_tools.search.indexer import annotate_site, copy_assets, EXCLUDE_SELECTORS
site, root = Path(sys.argv[1]), Path(sys.argv[2])
annotate_site(site, check(root).catalog)
copy_assets(site)
subprocess.run([sys.executable, "-m", "pagefind_bin", "--site", str(site), "--output-subdir", "pagefind",
                "--force-language", "nl", "--exclude-selectors", EXCLUDE_SELECTORS], check=True, capture_output=True)
"""


def after(root: Path, site: Path, engine: str) -> tuple[float, int]:
    shutil.rmtree(site, ignore_errors=True)
    command = [sys.executable, "-m", "build_tools", "build", "--no-pdf", "--engine", engine, "--site-dir", str(site)]
    return _run(command, root)


def prepare_synthetic(guide: Path, records: int) -> Path:
    """A synthetic guide with the project's mkdocs.yml and overrides."""
    from benchmarks.synthetic import write_guide

    write_guide(guide, records)
    (guide / "guide").mkdir(exist_ok=True)
    (guide / "guide" / "index.md").write_text("# Wijkengids\n\nSynthetische gids.\n", encoding="utf-8")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    (guide / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    shutil.copytree(ROOT / "overrides", guide / "overrides", dirs_exist_ok=True)
    link_node_modules(guide)
    return guide


def link_node_modules(guide: Path) -> None:
    """The web editor's npm packages (decap-cms), which ``wijkengids build`` copies into the site."""
    if (ROOT / "node_modules").exists() and not (guide / "node_modules").exists():
        (guide / "node_modules").symlink_to((ROOT / "node_modules").resolve())


def report(guides: list[tuple[str, Path, int]], work: Path) -> None:
    """``guides``: (label, root, how many runs to take the best of)."""
    names = sorted(ENGINES, key=lambda n: n != "mkdocs")
    print(f"{'guide':>16} {'build':>24} {'best s':>8} {'÷ before':>9} {'peak MiB':>9}")
    for label, root, repeat in guides:
        site = work / f"site-{label}"
        runs = {"before": min(before(root, site) for _ in range(repeat))}
        for name in names:
            runs[name] = min(after(root, site, name) for _ in range(repeat))
        floor = runs["before"][0]
        for name, (seconds, memory) in runs.items():
            title = "before (plugin + lunr)" if name == "before" else f"--engine {name}"
            print(f"{label:>16} {title:>24} {seconds:>8.2f} {seconds / floor:>9.2f} {memory:>9}")


def main() -> None:
    quick = "--quick" in sys.argv
    with tempfile.TemporaryDirectory(prefix="wijkengids-engines-") as tmp:
        work = Path(tmp)
        guides = [("shipped", ROOT, 1 if quick else 3)]
        if not quick:
            guides.append(("synthetic-1000", prepare_synthetic(work / "synthetic-1000", 1000), 1))
        report(guides, work)


if __name__ == "__main__":
    main()
