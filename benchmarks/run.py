"""``make bench``: the figures of the README's performance section, before and after, in one run.

Not a test: nothing here asserts a time. Every figure is measured on the realistic synthetic
guide (:mod:`benchmarks.synthetic`) beside its floor in the same run, and "before" is the code
of :data:`benchmarks.before.BEFORE` (main when issue 16 began) run in the same run on the same
records. The machine is shared: wall-clock figures are best of N, and the ratios to the floor
are what to read.

    python benchmarks/run.py [--only guides,check,serve,build,search] [--engines] [--export]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import bench_build, bench_engines, bench_export, bench_serve  # noqa: E402
from benchmarks.before import BEFORE, env, extract, guide_for  # noqa: E402
from benchmarks.synthetic import fitted_exponent, guide_stats  # noqa: E402

SECTIONS = ("guides", "check", "serve", "build", "search")


def section(title: str) -> None:
    print(f"\n== {title}", flush=True)


def guide(work: Path, size: int) -> Path:
    """The synthetic guide of ``size`` records with the project's mkdocs.yml (written once per run)."""
    root = work / f"guide-{size}"
    if not (root / "mkdocs.yml").exists():
        bench_engines.prepare_synthetic(root, size)
    return root


def old_guide(work: Path, size: int, before: Path) -> Path:
    """The same records with the configuration and overrides of the code before."""
    root = work / f"guide-{size}-before"
    if not root.exists():
        guide_for(before, guide(work, size), root)
    return root


def print_guides(work: Path, sizes: list[int]) -> None:
    section("the guides measured: the shipped guide and the synthetic guides modelled on it")
    print(guide_stats(ROOT).line("shipped guide"))
    print(f"synthetic: the shipped records as templates, words from a Zipf law (exponent {fitted_exponent()})")
    for size in sizes:
        print(guide_stats(guide(work, size)).line(f"synthetic {size:,}"))


_CHECK_TIMER = """
import sys, time, tracemalloc, yaml
from pathlib import Path
from build_tools.load import discover, split_front_matter
from build_tools.pipeline import check
root = Path(sys.argv[1])
def bare():
    files, _ = discover(root)
    for rel, rtype in files:
        text = (root / rel).read_bytes().decode("utf-8")
        if rtype.fmt == "md":
            text = split_front_matter(text)[0]
        yaml.load(text, Loader=yaml.CSafeLoader)
    return len(files)
def best(fn):
    out = float("inf")
    for _ in range(5):
        start = time.process_time(); fn(); out = min(out, time.process_time() - start)
    return out
result = check(root)
assert result.ok, result.errors[:3]
files = bare()
times = best(lambda: check(root)), best(bare)
tracemalloc.start()
kept = check(root)  # what a check holds at its peak (the catalog, positions, problems)
peak = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
print(*times, files, peak // 1024)
"""


def _check_times(code: Path | None, root: Path) -> tuple[float, float, int, int]:
    """CPU seconds of check and of the bare parse (best of 5), files, peak Python memory of a check (KiB)."""
    done = subprocess.run(
        [sys.executable, "-c", _CHECK_TIMER, str(root)],
        cwd=ROOT,
        env=env(code),
        capture_output=True,
        text=True,
        check=True,
    )
    check_s, bare_s, files, rss = done.stdout.split()
    return float(check_s), float(bare_s), int(files), int(rss)


#: What the ``wijkengids`` script runs (the "before" code has no ``run``), from a folder without a
#: ``build_tools`` of its own: ``python -m`` and ``-c`` put the working directory first on the path.
_CLI = "import sys; from build_tools.cli import main; sys.argv[0] = 'wijkengids'; main()"


def _cli_wall(
    code: Path | None, root: Path, args: list[str], repeat: int = 7, before_each: Callable[[], None] | None = None
) -> float:
    """``wijkengids check ARGS root`` in a fresh process, wall clock, best of ``repeat``.

    One run first, with bytecode written (this shell may set PYTHONDONTWRITEBYTECODE, and an
    installed copy has its ``.pyc`` files): what a user's second run finds, the caches included.
    ``before_each`` runs before each timed run (outside the time).
    """
    command = [sys.executable, "-c", _CLI, "check", *args, str(root)]
    warm = {k: v for k, v in env(code).items() if k != "PYTHONDONTWRITEBYTECODE"}
    _run_check(command, root, warm)
    best = float("inf")
    for _ in range(repeat):
        if before_each is not None:
            before_each()
        start = time.perf_counter()
        _run_check(command, root, env(code))
        best = min(best, time.perf_counter() - start)
    return best


def _run_check(command: list[str], root: Path, environment: dict[str, str]) -> None:
    """One check; exit 1 (problems found) counts: the code before knows no glossary or aliases."""
    done = subprocess.run(command, cwd=root, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(command[3:])}: exit {done.returncode}: {done.stderr.decode()[-500:]}")


def _shipped_check_walls(work: Path, before: Path) -> None:
    """The shipped guide's ``wijkengids check``, with and without the language warnings: before, and
    after with a warm record cache, without one, and with one record edited since the last check."""
    from build_tools.recordcache import cache_file

    copy = work / "shipped"  # the guide alone (no build_tools/ beside it), edited without touching this copy
    if not copy.exists():
        for name in ("lessons", "examples", "guide", "tests/data"):
            shutil.copytree(ROOT / name, copy / name)
        for name in ("pyproject.toml", "woordenlijst.txt"):
            shutil.copy(ROOT / name, copy / name)
    lesson = sorted((copy / "lessons").glob("*.md"))[0]
    text = lesson.read_text(encoding="utf-8")
    edits = iter(range(1_000_000))

    def edit_one() -> None:
        lesson.write_text(text.replace("\n---\n", f"\n---\n\nRegel {next(edits)}.\n", 1), encoding="utf-8")

    def no_record_cache() -> None:
        cache_file(copy).unlink(missing_ok=True)

    print(f"{'shipped guide, wall ms, best of 7':<34} {'before':>7} {'after':>7} {'no record cache':>16} {'1 edit':>7}")
    for label, args in (("wijkengids check", []), ("wijkengids check --no-language", ["--no-language"])):
        old = _cli_wall(before, copy, args)
        warm = _cli_wall(None, copy, args)
        cold = _cli_wall(None, copy, args, before_each=no_record_cache)
        edited = _cli_wall(None, copy, args, before_each=edit_one)
        lesson.write_text(text, encoding="utf-8")
        times = f"{1000 * old:>7.0f} {1000 * warm:>7.0f} {1000 * cold:>16.0f} {1000 * edited:>7.0f}"
        print(f"{label:<34} {times}", flush=True)


def bench_check(work: Path, sizes: list[int], before: Path) -> None:
    section("wijkengids check vs. a bare yaml.CSafeLoader parse of the same files (CPU time, best of 5)")
    print(f"{'guide':>16} {'code':>7} {'check s':>8} {'bare s':>8} {'ratio':>6} {'peak KiB/record':>16}")
    for size in sizes:
        for label, code, root in (
            ("before", before, old_guide(work, size, before)),
            ("after", None, guide(work, size)),
        ):
            check_s, bare_s, files, rss = _check_times(code, root)
            print(
                f"{f'synthetic {size:,}':>16} {label:>7} {check_s:>8.3f} {bare_s:>8.3f} {check_s / bare_s:>6.2f} "
                f"{rss / files:>16.1f}"
            )
    floor = _python_floor()
    _shipped_check_walls(work, before)
    print(f"  (floor: `python -c 'import yaml, click'` {1000 * floor:.0f} ms)")


def _python_floor(repeat: int = 7) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import yaml, click"], check=True)
        best = min(best, time.perf_counter() - start)
    return best


def bench_serve_1000(work: Path, before: Path, rounds: int) -> None:
    section(f"mkdocs serve, 1,000 records: a record saved → its page updated (median of {rounds} saves)")
    print(f"{'':<34} {'median s':>8} {'range':>15} {'pages rebuilt':>14}")
    for label, code, root, dirty in (
        ("before (every page rebuilt)", before, old_guide(work, 1000, before), False),
        ("after (make serve: --dirty)", None, guide(work, 1000), True),
    ):
        lesson = sorted((root / "lessons").glob("*.md"))[0]
        print(bench_serve.measure(root, lesson, dirty=dirty, code=code, rounds=rounds).line(label), flush=True)


def bench_build_sizes(work: Path, sizes: list[int], before: Path) -> None:
    section("wijkengids build --no-pdf vs. plain MkDocs + Material on the same pages (best of 3, interleaved)")
    print(f"{'guide':>16} {'build':>8} {'wall s':>8} {'no search s':>12} {'÷ floor':>8} {'peak MiB':>9} {'÷ floor':>8}")
    for size in sizes:
        repeat = 3 if size <= 1000 else 1
        root = guide(work, size)
        # Interleaved rounds (floor, before, after, floor, …): a load that comes and goes hits all three.
        rounds: dict[str, list[bench_build.Run]] = {"plain": [], "before": [], "after": []}
        for _ in range(repeat):
            rounds["plain"].append(bench_build.plain(root, work / f"plain-{size}"))
            rounds["before"].append(bench_build.build(old_guide(work, size, before), work / "site-b", before))
            rounds["after"].append(bench_build.build(root, work / "site-a", None))
        runs = {label: bench_build.best(found) for label, found in rounds.items()}
        floor = runs["plain"]
        for label, run in runs.items():
            print(
                f"{f'synthetic {size:,}':>16} {label:>8} {run.seconds:>8.2f} {run.without_search:>12.2f} "
                f"{run.without_search / floor.seconds:>8.2f} {run.peak_mib:>9} {run.peak_mib / floor.peak_mib:>8.2f}",
                flush=True,
            )


def bench_search(work: Path, size: int, before: Path, queries: list[str], built: list[Path] | None = None) -> None:
    from benchmarks.search.payload import measure

    section(
        f"first search in the header box at {size:,} records: bytes fetched from the first keystroke to "
        "five results shown (gzip, headless Chromium)"
    )
    if built:  # sites built already (`wijkengids build --no-pdf` of the guide with each code)
        sites = dict(zip(("before", "after"), built, strict=True))
    else:
        bench_build.build(old_guide(work, size, before), work / "search-b", before)
        bench_build.build(guide(work, size), work / "search-a", None)
        sites = {"before": work / "search-b", "after": work / "search-a"}
    print(f"{'query':<24} {'code':>7} {'KB':>7} {'files':>6}  by kind (KB)")
    for label, site in sites.items():
        for query, got in measure(site, queries).items():
            kinds = ", ".join(f"{k} {v / 1024:.1f}" for k, v in sorted(got.by_kind().items()))
            print(f"{query:<24} {label:>7} {got.total / 1024:>7.1f} {len(got.files):>6}  {kinds}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"sections, of {', '.join(SECTIONS)}")
    parser.add_argument("--engines", action="store_true", help="also each engine's build (issue 15)")
    parser.add_argument("--export", action="store_true", help="also the PDF export of the shipped guide")
    parser.add_argument("--rounds", type=int, default=5, help="saves per serve measurement")
    parser.add_argument(
        "--search-sites", type=Path, nargs=2, metavar=("BEFORE", "AFTER"), help="measure these built sites"
    )
    args = parser.parse_args()
    only = set(args.only.split(","))
    print(
        f"{platform.node()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, load {os.getloadavg()[0]:.1f}; before = {BEFORE}"
    )
    with tempfile.TemporaryDirectory(prefix="wijkengids-bench-") as tmp:
        work = Path(tmp)
        before = extract(work / "before-code")
        if "guides" in only:
            print_guides(work, [1000, 5000])
        if "check" in only:
            bench_check(work, [1000, 5000], before)
        if "serve" in only:
            bench_serve_1000(work, before, args.rounds)
        if "build" in only:
            bench_build_sizes(work, [1000], before)
        if "search" in only:
            queries = ["leefwereld", "wijk", "bewoners vertrouwen", "gemeente samenwerking"]
            bench_search(work, 5000, before, queries, args.search_sites)
        if args.engines:
            section("engines: wijkengids build --engine E beside the previous build (PDFs aside)")
            bench_engines.report([("shipped", ROOT, 3), ("synthetic-1000", guide(work, 1000), 1)], work)
        if args.export:
            section("wijkengids export (PDF, shipped guide)")
            bench_export.report(ROOT, work)


if __name__ == "__main__":
    main()
