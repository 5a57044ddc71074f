"""``wijkengids beheer``: the web editor's configuration and its local mode."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from ..editor.config import CONFIG_FILE, render_config
from ..editor.local import local_editor
from ..editor.site import EditorError, settings_from_mkdocs
from .options import root_option


@click.group("beheer")
def beheer_command() -> None:
    """De webeditor op /beheer/ (Decap CMS), gemaakt uit het recordmodel."""


@beheer_command.command("config")
@root_option
@click.option("--check", is_flag=True, help="Schrijf niets; faal als het bestand niet bij het recordmodel past.")
def config_command(root: Path, check: bool) -> None:
    """Schrijf (of controleer) schemas/beheer.config.yml."""
    try:
        text = render_config(settings_from_mkdocs(root / "mkdocs.yml"))
    except EditorError as exc:
        raise click.UsageError(str(exc)) from exc
    path = root / CONFIG_FILE
    if check:
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current != text:
            click.echo(
                f"{CONFIG_FILE} past niet bij het recordmodel; voer 'wijkengids beheer config' uit en commit het.",
                err=True,
            )
            sys.exit(1)
        click.echo(f"{CONFIG_FILE} is bij.")
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    click.echo(f"{CONFIG_FILE} geschreven.")


@beheer_command.command("serve")
@root_option
@click.option("--port", type=click.IntRange(1, 65535), default=8080, show_default=True, help="Poort van de editor.")
@click.option(
    "--proxy-port", type=click.IntRange(1, 65535), default=8081, show_default=True, help="Poort van decap-server."
)
def serve_command(root: Path, port: int, proxy_port: int) -> None:
    """Start de webeditor op deze computer; opslaan schrijft in de werkmap van de gids."""
    try:
        settings = settings_from_mkdocs(root / "mkdocs.yml")
        with local_editor(root, settings, port=port, proxy_port=proxy_port) as editor:
            click.echo(f"Webeditor: {editor.url} (stoppen met Ctrl-C). Opslaan schrijft in {root.resolve()}.")
            while True:
                time.sleep(3600)
    except EditorError as exc:
        click.echo(f"De webeditor start niet: {exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        click.echo("Webeditor gestopt.")
