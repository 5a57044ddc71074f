"""``mkdocs serve``: a record saved → its page updated, as an editor waits for it.

A synthetic guide is served by ``mkdocs serve`` in its own process, the way ``make serve``
runs it (``--dirty``: only what changed is rebuilt) and the way it ran before (every save
rebuilt the whole guide). Each round appends a word to a lesson's summary, saves the file and
polls the served page until the word is there: the time from the save to the updated page.
Median and range of ``rounds`` saves, and how many pages each rebuild rendered (from the log).
"""

from __future__ import annotations

import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from benchmarks.before import env

#: The plugin's line per rebuild: "12 van de 1012 pagina's van de gids opnieuw opgebouwd."
_REBUILT = re.compile(r"(\d+) van de (\d+) pagina's van de gids opnieuw opgebouwd")


@dataclass(frozen=True)
class ServeTimes:
    seconds: list[float]  # per save
    rebuilt: list[int]  # pages rendered per rebuild ([] before: it rebuilt everything)
    pages: int

    def line(self, label: str) -> str:
        rebuilt = f"{statistics.median(self.rebuilt):.0f} of {self.pages}" if self.rebuilt else "all"
        return (
            f"{label:<34} {statistics.median(self.seconds):>8.2f} {min(self.seconds):>7.2f}–{max(self.seconds):<7.2f} "
            f"{rebuilt:>14}"
        )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return str(answer.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def _wait_for(url: str, needle: str, timeout: float) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if needle in _get(url):
            return time.perf_counter()
        time.sleep(0.02)
    raise TimeoutError(f"{url} did not show {needle!r} within {timeout:.0f} s")


def _serving(log: Path, timeout: float) -> str:
    """The address ``mkdocs serve`` prints once the first build is done (with the site_url's path)."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        found = re.search(r"Serving on (http://\S+/)", log.read_text(encoding="utf-8"))
        if found:
            return found.group(1)
        time.sleep(0.2)
    raise TimeoutError(f"mkdocs serve did not start within {timeout:.0f} s; see {log}")


def measure(guide: Path, lesson: Path, *, dirty: bool, code: Path | None, rounds: int = 5) -> ServeTimes:
    """Serve ``guide`` (with ``code``'s build_tools; this copy's if None) and time ``rounds`` saves of ``lesson``."""
    port = _free_port()
    dirty_flag = ["--dirty"] if dirty else []
    command = [sys.executable, "-m", "mkdocs", "serve", *dirty_flag, "--dev-addr", f"127.0.0.1:{port}"]
    log = guide / f"serve-{port}.log"
    original = lesson.read_text(encoding="utf-8")
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(command, cwd=guide, env=env(code), stdout=out, stderr=subprocess.STDOUT)
        try:
            url = _serving(log, timeout=600) + f"lessen/{lesson.stem}/"
            _wait_for(url, "<html", timeout=60)
            time.sleep(1.0)  # the watcher starts after the first build
            seconds = []
            for n in range(rounds):
                marker = f"meetwoord{n}x{port}"
                text = re.sub(r"^summary: (.*)$", rf"summary: \1 {marker}", original, count=1, flags=re.M)
                saved = time.perf_counter()
                lesson.write_text(text, encoding="utf-8")
                seconds.append(_wait_for(url, marker, timeout=300) - saved)
                time.sleep(0.5)
        finally:
            server.terminate()
            server.wait(timeout=30)
            lesson.write_text(original, encoding="utf-8")
    found = [(int(a), int(b)) for a, b in _REBUILT.findall(log.read_text(encoding="utf-8"))]
    rebuilt = [a for a, _ in found[1:]]  # the first line is the first, full build
    pages = found[0][1] if found else 0
    return ServeTimes(seconds, rebuilt, pages)
