"""``wijkengids build --no-pdf`` against its floor: plain MkDocs + Material on the very same pages.

The floor is ``mkdocs build`` of the docs folder ``wijkengids render`` writes (every page as
static Markdown, the assets, the overrides, the engine configuration without the plugin): the
same theme, extensions and navigation, nothing of ours but the pages. Fresh processes, wall
clock, best of ``repeat``; peak resident memory of the largest process (``wait4``). The build's
own step times (it prints them) give its time without the Pagefind step, which the floor lacks.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.before import env

_STEP = re.compile(r"(\w+) ([\d.]+) s")


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mib: int
    steps: dict[str, float]

    @property
    def without_search(self) -> float:
        return self.seconds - self.steps.get("pagefind", 0.0)


def _run(command: list[str], cwd: Path, code: Path | None) -> Run:
    import os

    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env(code), stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert process.stdout is not None
    output = process.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{output[-3000:]}")
    last = [line for line in output.splitlines() if "Site gebouwd" in line]
    steps = {name: float(s) for name, s in _STEP.findall(last[-1].split("(", 1)[-1])} if last else {}
    return Run(seconds, usage.ru_maxrss // 1024, steps)


def build(guide: Path, site: Path, code: Path | None) -> Run:
    shutil.rmtree(site, ignore_errors=True)
    return _run([sys.executable, "-m", "build_tools", "build", "--no-pdf", "--site-dir", str(site)], guide, code)


def plain(guide: Path, work: Path) -> Run:
    """The floor: ``mkdocs build`` of the rendered docs folder (written once, outside the timing)."""
    out = work / "rendered"
    if not (out / "mkdocs.yml").exists():
        subprocess.run(
            [sys.executable, "-m", "build_tools", "render", str(out)],
            cwd=guide,
            env=env(None),
            check=True,
            stdout=subprocess.DEVNULL,
        )
    shutil.rmtree(out / "plain-site", ignore_errors=True)
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", "mkdocs.yml", "-d", "plain-site"]
    return _run(command, out, None)


def best(runs: list[Run]) -> Run:
    return min(runs, key=lambda r: r.seconds)
