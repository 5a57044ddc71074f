"""Command-line options shared by the ``wijkengids`` commands, and the settings they read."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..config import ConfigError, Settings, load_settings
from ..pipeline import DEFAULT_STALE_AFTER_DAYS
from ..schema import RECORD_TYPES, RecordType

F = TypeVar("F", bound=Callable[..., Any])

#: A record type by its English name or its Dutch label (``lesson`` or ``les``).
TYPE_NAMES: dict[str, RecordType] = {**{t.name: t for t in RECORD_TYPES}, **{t.label: t for t in RECORD_TYPES}}

ROOT_HELP = "Map van de gids (met lessons/, examples/ en guide/)."


def guide_root(*, exists: bool = False, help: str = ROOT_HELP) -> Callable[[F], F]:
    """``-C/--root``: the guide's folder (``exists``: it must be there, as for ``diff``)."""
    return click.option(
        "-C",
        "--root",
        type=click.Path(exists=exists, file_okay=False, path_type=Path),
        default=Path("."),
        show_default=True,
        help=help,
    )


root_option = guide_root()


def project_settings(start: Path) -> Settings:
    """The settings of the guide at ``start``, read and validated once per command run.

    Kept on the click context, so the options and the command that both need them
    (``--stale-after`` and the language settings of ``check``) read ``pyproject.toml`` once.
    """
    ctx = click.get_current_context(silent=True)
    cache: dict[Path, Settings] = ctx.meta.setdefault("wijkengids.settings", {}) if ctx is not None else {}
    key = start.resolve()
    if key not in cache:
        try:
            cache[key] = load_settings(start)
        except ConfigError as exc:
            raise click.UsageError(str(exc)) from exc
    return cache[key]


def stale_after_default() -> int:
    """Default of the ``--stale-after`` option: the project setting for the guide being checked.

    Read from the guide's folder (the ``PATH`` argument or ``--root`` when click has
    already parsed it), else from the working directory.
    """
    ctx = click.get_current_context(silent=True)
    params = ctx.params if ctx is not None else {}
    start = params.get("path") or params.get("root") or Path(".")
    return project_settings(Path(start)).stale_after_days


stale_option = click.option(
    "--stale-after",
    type=click.IntRange(min=1),
    default=stale_after_default,
    show_default=f"{DEFAULT_STALE_AFTER_DAYS}, of stale_after_days uit [tool.wijkengids] in pyproject.toml",
    help="Waarschuw voor records die langer dan zoveel dagen niet zijn nagekeken.",
)

config_option = click.option(
    "-f",
    "--config-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=Path("mkdocs.yml"),
    show_default=True,
    help="MkDocs-configuratie van de site (ook gelezen voor ProperDocs en Zensical).",
)
