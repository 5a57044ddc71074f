"""Shared fixtures: tiny guides written into a temporary folder."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from casefolders import BASE, CASES, materialise
from hypothesis import settings

#: Property tests: 300 examples each in `make test`; `make test-fast` loads the quick profile
#: (`--hypothesis-profile=quick`), the same properties on fewer examples.
settings.register_profile("full", max_examples=300)
settings.register_profile("quick", max_examples=60)
settings.load_profile("full")

REPO = Path(__file__).resolve().parent.parent
#: A small guide that builds into a site (tests of the plugin and the build).
SITE_FIXTURE = Path(__file__).parent / "fixtures" / "site_guide"
#: The base guide every case under tests/cases/ changes (a small valid guide).
MINIMAL = BASE
#: The day the tests pretend it is: stale warnings do not depend on the calendar.
TODAY = dt.date(2026, 11, 23)
#: ``--stale-after`` for the command that makes the real today behave like :data:`TODAY`
#: with the default limit of 730 days: expected reports stay valid as the calendar moves on.
STALE_AFTER = str((dt.date.today() - TODAY).days + 730)

GuideTree = Callable[..., Path]
CaseGuide = Callable[[Path], Path]
__all__ = [
    "BASE",
    "CASES",
    "MINIMAL",
    "REPO",
    "SITE_FIXTURE",
    "STALE_AFTER",
    "TODAY",
    "CaseGuide",
    "GuideTree",
    "materialise",
]


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


@pytest.fixture
def case_guide(tmp_path: Path) -> CaseGuide:
    """``case_guide(CASES / "invalid" / name)``: the guide that case describes, written into ``tmp_path``."""
    counter = iter(range(1_000_000))

    def make(case: Path) -> Path:
        return materialise(case, tmp_path / f"{case.name}-{next(counter)}")

    return make
