"""The ``wijkengids`` command: a module per command in this package, each one thin.

Every command parses its arguments, calls a stage, reports and exits: 0 clean, 1 content
errors, 2 usage or internal error. The options several commands share are in
:mod:`build_tools.cli.options`, where the project settings are also read (once per run).

A command's module is imported when the command runs, not before: ``wijkengids check`` loads
neither the site's libraries (MkDocs, Jinja2) nor print's (WeasyPrint).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator, MutableMapping

import click

#: Each command and the module that defines it (as ``<module>:<function>``).
COMMANDS = {
    "beheer": "build_tools.cli.beheer:beheer_command",
    "build": "build_tools.cli.build:build_command",
    "check": "build_tools.cli.check:check_command",
    "diff": "build_tools.cli.diff:diff_command",
    "export": "build_tools.cli.export:export_command",
    "list": "build_tools.cli.listing:list_command",
    "new": "build_tools.cli.new:new_command",
    "render": "build_tools.cli.build:render_command",
    "schema": "build_tools.cli.schema:schema_command",
    "stats": "build_tools.cli.stats:stats_command",
}


class _LazyCommands(MutableMapping[str, click.Command]):
    """The group's commands by name; a command's module is imported when it is first asked for."""

    def __init__(self, where: dict[str, str]) -> None:
        self._where = dict(where)
        self._loaded: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        if name not in self._loaded:
            module, _, attribute = self._where[name].partition(":")
            self._loaded[name] = getattr(importlib.import_module(module), attribute)
        return self._loaded[name]

    def __contains__(self, name: object) -> bool:
        return name in self._where or name in self._loaded

    def __iter__(self) -> Iterator[str]:
        return iter(sorted({*self._where, *self._loaded}))

    def __len__(self) -> int:
        return len({*self._where, *self._loaded})

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        self._where.pop(name, None)
        self._loaded.pop(name, None)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="wijkengids")
def main() -> None:
    """Wijkengids: controleer, maak en publiceer de records van de gids."""


main.commands = _LazyCommands(COMMANDS)


def run() -> None:
    """Console entry point: internal errors exit with 2, not a traceback and 1."""
    try:
        main(standalone_mode=True)
    except SystemExit:
        raise
    except Exception as exc:  # noqa: BLE001 - the edge: report, do not crash
        click.echo(f"interne fout: {exc!r}. Meld dit aan de beheerders van de gids.", err=True)
        sys.exit(2)
