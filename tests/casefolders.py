"""Test cases as overlays on one base guide (``tests/cases/base/``).

A case folder (``tests/cases/valid/<case>/`` or ``tests/cases/invalid/<case>/``) holds only
what it changes: files that replace or add to the base guide, ``expected.txt`` (the exact
report) and, where the case needs a base file gone, ``deleted.txt`` — one path or glob
pattern (relative to the guide, ``*`` crosses folders) a line; ``#`` starts a comment.

``python tests/casefolders.py tests/cases/invalid/<case>`` turns a folder that holds a whole
guide into an overlay: it removes the files that are byte-identical to the base and lists the
base files the folder lacks in ``deleted.txt``.
"""

from __future__ import annotations

import fnmatch
import os
import shutil
import sys
from pathlib import Path

CASES = Path(__file__).parent / "cases"
#: The one guide every case changes.
BASE = CASES / "base"
#: Files of a case folder that describe the case, not the guide.
CASE_FILES = frozenset({"expected.txt", "deleted.txt"})


def files_under(root: Path) -> list[str]:
    """The files under ``root`` as sorted relative POSIX paths."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() or p.is_symlink())


def overlay_files(case: Path) -> list[str]:
    """The guide files a case folder holds (its overlay), without the case's own files."""
    return [rel for rel in files_under(case) if rel not in CASE_FILES]


def deleted_patterns(case: Path) -> list[str]:
    listing = case / "deleted.txt"
    if not listing.is_file():
        return []
    lines = (line.split("#", 1)[0].strip() for line in listing.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


def materialise(case: Path, dest: Path) -> Path:
    """Write the guide ``case`` describes into ``dest`` (the base, minus deletions, plus the overlay)."""
    shutil.copytree(BASE, dest)
    patterns = deleted_patterns(case)
    for rel in files_under(dest):
        if any(fnmatch.fnmatchcase(rel, pattern) for pattern in patterns):
            (dest / rel).unlink()
    for rel in overlay_files(case):
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if (case / rel).is_symlink():  # a case about links holds the link itself, never what it points at
            target.symlink_to(os.readlink(case / rel))
        else:
            shutil.copyfile(case / rel, target)
    return dest


def slim(case: Path) -> None:
    """Turn a folder holding a whole guide into an overlay on the base (see the module docstring)."""
    base_files = set(files_under(BASE))
    present = set(overlay_files(case))
    kept_from_base = False
    for rel in sorted(present & base_files):
        if (BASE / rel).read_bytes() == (case / rel).read_bytes():
            (case / rel).unlink()
            kept_from_base = True
    for folder in sorted((p for p in case.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    missing = sorted(base_files - present)
    if not missing or (case / "deleted.txt").exists():
        return
    if kept_from_base:
        text = "".join(f"{rel}\n" for rel in missing)
    else:
        text = "# the case is only its own files: nothing of the base guide\n*\n"
    (case / "deleted.txt").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        slim(Path(arg))
