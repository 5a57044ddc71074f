"""The code as it was before the scale issue (#16), for "before" figures measured in the same run.

:func:`extract` writes ``build_tools/`` and ``overrides/`` of :data:`BEFORE` into a folder;
run Python with :func:`env` (``PYTHONPATH`` first) and that folder's ``build_tools`` is imported
instead of this working copy's, MkDocs' plugin entry point included.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: ``main`` when the work on issue 16 began (session 3).
BEFORE = "9483e19"


def extract(dest: Path, rev: str = BEFORE) -> Path:
    """``build_tools/`` and ``overrides/`` of ``rev`` under ``dest``; returns ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", rev, "build_tools", "overrides"], capture_output=True, check=True
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
