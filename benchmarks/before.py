"""The code as it was before the scale issue (#16), for "before" figures measured in the same run.

:func:`extract` writes ``build_tools/`` and ``overrides/`` of :data:`BEFORE` into a folder;
run Python with :func:`env` (``PYTHONPATH`` first) and that folder's ``build_tools`` is imported
instead of this working copy's, MkDocs' plugin entry point included; :func:`guide_for` gives a
synthetic guide that code's ``mkdocs.yml`` and overrides.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: ``main`` when the work on issue 16 began (session 3).
BEFORE = "9483e19"


def extract(dest: Path, rev: str = BEFORE) -> Path:
    """``build_tools/``, ``overrides/`` and ``mkdocs.yml`` of ``rev`` under ``dest``; returns ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", rev, "build_tools", "overrides", "mkdocs.yml"],
        capture_output=True,
        check=True,
    )
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive.stdout, check=True)
    return dest


def env(code: Path | None) -> dict[str, str]:
    """The environment for a subprocess that runs ``code``'s ``build_tools`` (this copy's if None)."""
    out = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if code is not None:
        out["PYTHONPATH"] = str(code)
    else:
        out.pop("PYTHONPATH", None)
    return out


def guide_for(code: Path, guide: Path, dest: Path) -> Path:
    """A copy of the synthetic ``guide`` with ``code``'s ``mkdocs.yml`` and overrides (the records shared)."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(
        guide, dest, ignore=shutil.ignore_patterns("overrides", "mkdocs.yml", "serve-*.log", "node_modules")
    )
    if (guide / "node_modules").exists():
        (dest / "node_modules").symlink_to((guide / "node_modules").resolve())
    shutil.copytree(code / "overrides", dest / "overrides")
    shutil.copy(code / "mkdocs.yml", dest / "mkdocs.yml")
    return dest
