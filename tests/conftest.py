"""Shared fixtures: tiny guides written into a temporary folder."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CASES = Path(__file__).parent / "cases"
#: A small guide that builds into a site (tests of the plugin and the build).
SITE_FIXTURE = Path(__file__).parent / "fixtures" / "site_guide"
MINIMAL = CASES / "valid" / "minimal"
#: The day the tests pretend it is: stale warnings do not depend on the calendar.
TODAY = dt.date(2026, 11, 23)
#: ``--stale-after`` for the command that makes the real today behave like :data:`TODAY`
#: with the default limit of 730 days: expected reports stay valid as the calendar moves on.
STALE_AFTER = str((dt.date.today() - TODAY).days + 730)

GuideTree = Callable[..., Path]


def site_tree(tmp_path: Path) -> Path:
    """The site fixture guide with the real mkdocs.yml and theme overrides, in ``tmp_path/gids``."""
    root = tmp_path / "gids"
    shutil.copytree(SITE_FIXTURE, root)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", root / "overrides")
    return root


def write_tree(root: Path, files: Mapping[str, str | bytes | None]) -> None:
    """Write ``files`` (relative path → text or bytes) under ``root``; ``None`` deletes the file."""
    for rel, content in files.items():
        path = root / rel
        if content is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="\n")


@pytest.fixture
def guide_tree(tmp_path: Path) -> GuideTree:
    """``guide_tree(files={...}, base=True)``: a guide in ``tmp_path``.

    With ``base`` the minimal valid guide is copied first and ``files`` change it
    (``None`` removes a file); without it, the guide holds only ``files``.
    """
    counter = iter(range(1_000_000))

    def make(files: Mapping[str, str | bytes | None] | None = None, *, base: bool = False) -> Path:
        root = tmp_path / f"guide{next(counter)}"
        if base:
            shutil.copytree(MINIMAL, root)
        else:
            root.mkdir()
        write_tree(root, files or {})
        return root

    return make
