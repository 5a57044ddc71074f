"""``wijkengids check`` on the shipped guide with and without the language checks (warm caches).

Fresh processes, as an editor runs it; best of N, CPU time (user + system) of the child, so
other work on the shared machine counts less. Also the in-process pipeline (``check()``, as the
MkDocs plugin and ``wijkengids build`` call it): CPU time of this process, runs with and without
the language checks taking turns so that a busy moment of the machine hits both alike.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from build_tools.config import load_settings  # noqa: E402
from build_tools.pipeline import check  # noqa: E402

COMMAND = [str(Path(sys.executable).parent / "wijkengids"), "check"]


def _cpu(args: list[str]) -> float:
    before = os.times()
    subprocess.run(args, cwd=ROOT, capture_output=True, check=False)
    after = os.times()
    return (after.children_user - before.children_user) + (after.children_system - before.children_system)


def main(repeat: int = 5) -> None:
    settings = load_settings(ROOT).language
    _cpu(COMMAND)  # warm the spelling and text caches
    with_lang = min(_cpu(COMMAND) for _ in range(repeat))
    without = min(_cpu([*COMMAND, "--no-language"]) for _ in range(repeat))
    ratio = with_lang / without
    print(f"command (CPU s, best of {repeat}): without {without:.3f}, with {with_lang:.3f}, ratio {ratio:.2f}")
    inproc = [float("inf"), float("inf")]
    check(ROOT, language=settings)
    for _ in range(repeat * 4):
        for i, flag in enumerate((None, settings)):
            start = time.process_time()
            check(ROOT, language=flag)
            inproc[i] = min(inproc[i], time.process_time() - start)
    ratio = inproc[1] / inproc[0]
    print(f"in process (CPU s, best of {repeat * 4}): without {inproc[0]:.4f}, with {inproc[1]:.4f}, ratio {ratio:.2f}")


if __name__ == "__main__":
    main()
