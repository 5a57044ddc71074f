"""``wijkengids check`` on the shipped guide: this working copy against an earlier commit, in one run.

    .venv/bin/python benchmarks/check_versions.py [REV] [--rounds N] [--synthetic RECORDS]

``REV``'s ``build_tools`` is extracted into a temporary folder; both versions then check the
same guide (this working copy's records, or a synthetic guide of ``RECORDS`` records from
:mod:`benchmarks.synthetic`) in alternating subprocesses, best of ``N`` rounds
each. Measured in CPU time of the process (``time.process_time``; ``check`` is single-threaded):
on a machine shared by several users wall-clock time mostly measures the others.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_TIMER = """
import sys, time
from pathlib import Path
from build_tools.pipeline import check
root = Path(sys.argv[1])
check(root)  # warm: imports, caches
times = []
for _ in range(5):
    start = time.process_time()
    result = check(root)
    times.append(time.process_time() - start)
print(min(times), result.files, result.ok)
"""


def measure(code_root: Path, guide: Path) -> tuple[float, int, bool]:
    done = subprocess.run(
        [sys.executable, "-c", _TIMER, str(guide)],
        cwd=code_root,
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(code_root), "PATH": "/usr/bin:/bin"},
    )
    seconds, files, ok = done.stdout.split()
    return float(seconds), int(files), ok == "True"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("rev", nargs="?", default="HEAD~1")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--synthetic", type=int, default=0, metavar="RECORDS")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        before = Path(work) / "before"
        before.mkdir()
        guide = ROOT
        if args.synthetic:
            sys.path.insert(0, str(ROOT))
            from benchmarks.synthetic import write_guide

            guide = Path(work) / "guide"
            write_guide(guide, args.synthetic)
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", args.rev, "build_tools"], capture_output=True, check=True
        )
        subprocess.run(["tar", "-x", "-C", str(before)], input=archive.stdout, check=True)
        old: list[float] = []
        new: list[float] = []
        for _ in range(args.rounds):
            seconds, files, old_ok = measure(before, guide)
            old.append(seconds)
            seconds, files, new_ok = measure(ROOT, guide)
            new.append(seconds)
        what = f"synthetic guide ({args.synthetic} records)" if args.synthetic else "shipped guide"
        print(f"{what}, {files} files; check, CPU time, best of {args.rounds} rounds × 5 runs")
        print(f"  {args.rev:<12} {1000 * min(old):8.1f} ms  (clean: {old_ok})")
        print(f"  {'this copy':<12} {1000 * min(new):8.1f} ms  (clean: {new_ok})")
        print(f"  ratio        {min(new) / min(old):8.2f}×")


if __name__ == "__main__":
    main()
