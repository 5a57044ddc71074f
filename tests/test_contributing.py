"""CONTRIBUTING.md works as written: its commands are run, in order, in a copy of a guide.

The guide is played through from top to bottom, the way an editor reads it:

- a code block preceded by ``<!-- bestand: PATH -->`` (invisible on GitHub) is the
  content of that file: it is written into the guide, as the editor would type it;
- each line of a ``sh`` block is a command and must succeed (exit code 0);
- a ``console`` block shows ``$ command`` lines with their output; the command must
  print exactly that (``…`` stands for any text), and ``$ echo $?`` shows the exit code;
- ``make`` targets are checked with ``make -n`` in the project (they install or
  serve; the real runs are the Makefile's own business), ``git push`` goes to a
  local bare repository standing in for GitHub;
- every ``wijkengids …`` in inline code must parse as a command of the click group.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import click
import pytest

from build_tools.cli import main

#: Plays CONTRIBUTING.md through in a shell and git (subprocesses).
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
CONTRIBUTING = ROOT / "CONTRIBUTING.md"
MINIMAL = ROOT / "tests" / "cases" / "base"
VENV_BIN = ROOT / ".venv" / "bin"

FENCE = re.compile(r"(?:<!-- bestand: (?P<file>\S+) -->\n)?```(?P<lang>\w*)\n(?P<body>.*?)```\n", re.S)


@dataclass(frozen=True)
class Block:
    lang: str
    body: str
    file: str | None


def blocks(text: str) -> list[Block]:
    return [Block(m["lang"], m["body"], m["file"]) for m in FENCE.finditer(text)]


@dataclass
class Shell:
    """Runs the guide's commands the way an editor's terminal would."""

    guide: Path
    env: dict[str, str]
    last_code: int = 0

    def run(self, command: str) -> tuple[int, str]:
        words = shlex.split(command)
        if words[0] == "make":
            args = ["make", "-n", "-C", str(ROOT), *words[1:]]
            done = subprocess.run(args, capture_output=True, text=True, env=self.env, check=False)
        else:
            done = subprocess.run(
                ["bash", "-c", command], cwd=self.guide, capture_output=True, text=True, env=self.env, check=False
            )
        self.last_code = done.returncode
        return done.returncode, done.stdout + done.stderr


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(cwd), *args], check=True, capture_output=True)


@pytest.fixture
def shell(tmp_path: Path) -> Shell:
    guide = tmp_path / "wijkengids"
    shutil.copytree(MINIMAL, guide)
    (guide / ".venv").symlink_to(ROOT / ".venv")
    (guide / ".gitignore").write_text(".venv\n", encoding="utf-8")
    origin = tmp_path / "github.git"
    git(tmp_path, "init", "-q", "--bare", str(origin))
    env = {
        **os.environ,
        "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "GIT_AUTHOR_NAME": "Redacteur",
        "GIT_AUTHOR_EMAIL": "redacteur@example.org",
        "GIT_COMMITTER_NAME": "Redacteur",
        "GIT_COMMITTER_EMAIL": "redacteur@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    git(guide, "init", "-q", "-b", "main")
    git(guide, "remote", "add", "origin", str(origin))
    subprocess.run(["git", "add", "-A"], cwd=guide, check=True, env=env)
    subprocess.run(["git", "commit", "-q", "-m", "gids"], cwd=guide, check=True, env=env)
    return Shell(guide, env)


def matches(shown: list[str], printed: list[str]) -> bool:
    if len(shown) != len(printed):
        return False
    for want, got in zip(shown, printed, strict=True):
        pattern = ".*".join(re.escape(part) for part in want.split("…"))
        if not re.fullmatch(pattern, got):
            return False
    return True


def play_console(shell: Shell, body: str) -> int:
    """Run a ``console`` block; return how many commands it held."""
    steps: list[tuple[str, list[str]]] = []
    for line in body.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        else:
            assert steps, f"output before the first command: {line!r}"
            steps[-1][1].append(line)
    for command, shown in steps:
        if command == "echo $?":
            assert shown == [str(shell.last_code)], f"the text says exit code {shown}, it was {shell.last_code}"
            continue
        _, output = shell.run(command)
        assert matches(shown, output.splitlines()), (
            f"$ {command}\nshown:\n" + "\n".join(shown) + f"\nprinted:\n{output}"
        )
    return len(steps)


def test_contributing_plays_through(shell: Shell) -> None:
    commands = files = 0
    for block in blocks(CONTRIBUTING.read_text(encoding="utf-8")):
        if block.file is not None:
            path = shell.guide / block.file
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(block.body, encoding="utf-8")
            files += 1
        elif block.lang == "sh":
            for line in block.body.splitlines():
                if line.strip() and not line.lstrip().startswith("#"):
                    code, output = shell.run(line)
                    assert code == 0, f"$ {line}\n{output}"
                    commands += 1
        elif block.lang == "console":
            commands += play_console(shell, block.body)
    assert files >= 3 and commands >= 10
    # The lesson the text walks through was committed and pushed to "GitHub".
    pushed = subprocess.run(
        ["git", "log", "--format=%s", "origin/les-begin-bij-bewoners"],
        cwd=shell.guide,
        capture_output=True,
        text=True,
        check=True,
    )
    assert pushed.stdout.splitlines()[0] == "Les: begin bij wat bewoners al doen"


def test_every_file_shown_is_a_valid_record_until_the_mistakes(shell: Shell) -> None:
    """Each example file, written on its own into the guide, passes the check (the last one is the mistake)."""
    examples = [b for b in blocks(CONTRIBUTING.read_text(encoding="utf-8")) if b.file is not None]
    *good, mistake = examples
    for block in good:
        assert block.file is not None
        path = shell.guide / block.file
        path.parent.mkdir(parents=True, exist_ok=True)  # git keeps no empty folders
        path.write_text(block.body, encoding="utf-8")
        code, output = shell.run("wijkengids check")
        assert code == 0, output
        assert output.splitlines()[-1].endswith(" bestanden nagekeken: geen problemen."), output
    assert "sumary:" in mistake.body


def test_inline_commands_exist() -> None:
    text = CONTRIBUTING.read_text(encoding="utf-8")
    inline = re.findall(r"(?<!`)`(wijkengids [^`]+)`", text)
    assert len(inline) >= 8
    for command in inline:
        name, *args = shlex.split(command)[1:]
        assert name in main.commands, command
        if not args:  # the command named in a sentence, not an invocation
            continue
        try:
            main.commands[name].make_context(name, args)
        except click.ClickException as exc:
            raise AssertionError(f"`{command}`: {exc.format_message()}") from exc


def test_in_page_links_lead_to_headings() -> None:
    text = CONTRIBUTING.read_text(encoding="utf-8")
    slugs = {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in re.findall(r"^#+ (.+)$", text, re.M)}
    for anchor in re.findall(r"\]\(#([^)]+)\)", text):
        assert anchor in slugs, anchor
    for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", text):
        assert (ROOT / target).is_file(), target
