"""``wijkengids check`` against a bare ``yaml.CSafeLoader`` parse of the same files."""

from __future__ import annotations

import time
from pathlib import Path

import yaml

from build_tools.load import discover, split_front_matter
from build_tools.pipeline import check


def bare_parse(root: Path) -> int:
    """Read, decode and ``yaml.load(CSafeLoader)`` every record file: the floor for ``check``."""
    files, _ = discover(root)
    for rel, rtype in files:
        text = (root / rel).read_bytes().decode("utf-8")
        if rtype.fmt == "md":
            split = split_front_matter(text)
            assert split is not None
            text = split[0]
        yaml.load(text, Loader=yaml.CSafeLoader)
    return len(files)


def best_of(fn: object, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        best = min(best, time.perf_counter() - start)
    return best


def measure(root: Path, repeat: int = 3) -> tuple[int, float, float]:
    """(files, seconds for check, seconds for the bare parse), best of ``repeat``."""
    result = check(root)
    if not result.ok:
        raise SystemExit(f"synthetic guide does not pass check: {result.errors[:3]}")
    files = bare_parse(root)
    t_check = best_of(lambda: check(root), repeat)
    t_bare = best_of(lambda: bare_parse(root), repeat)
    return files, t_check, t_bare
