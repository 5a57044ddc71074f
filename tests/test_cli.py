"""The ``wijkengids`` command at its edge: exit codes, output formats, ``list``, ``python -m``."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from conftest import CASES, MINIMAL, STALE_AFTER, CaseGuide, GuideTree

from build_tools import cli
from build_tools.cli import check as check_command_module
from build_tools.cli import main
from build_tools.problems import Code, Problem, Severity
from build_tools.report import format_github, format_json, format_text, summary

INVALID = CASES / "invalid"


def invoke(*args: str | Path) -> Result:
    """The command, with ``check`` seeing the test day's stale warnings whatever the date."""
    argv = [str(a) for a in args]
    if argv[:1] == ["check"] and "--stale-after" not in argv:
        argv[1:1] = ["--stale-after", STALE_AFTER]
    return CliRunner().invoke(main, argv)


def test_clean_guide_exits_0() -> None:
    result = invoke("check", MINIMAL)
    assert result.exit_code == 0
    assert result.stdout == "8 bestanden nagekeken: geen problemen.\n"


def test_warnings_alone_exit_0(case_guide: CaseGuide) -> None:
    result = invoke("check", case_guide(CASES / "valid" / "unpublished-ref"))
    assert result.exit_code == 0
    assert "waarschuwing: items[1]:" in result.stdout
    assert result.stdout.endswith("8 bestanden nagekeken: 3 waarschuwingen.\n")


def test_content_errors_exit_1(case_guide: CaseGuide) -> None:
    result = invoke("check", case_guide(INVALID / "unknown-id"))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith("lessons/lange-adem.md:12:5: examples[0]: onbekende id")


def test_check_defaults_to_the_current_folder(monkeypatch: pytest.MonkeyPatch, case_guide: CaseGuide) -> None:
    monkeypatch.chdir(case_guide(INVALID / "bad-url"))
    result = invoke("check")
    assert result.exit_code == 1
    assert result.stdout.startswith("guide/organisaties/de-beuk.yml:4:10: website:")


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--kleur"],
        ["check", "--format", "xml", str(MINIMAL)],
        ["check", str(MINIMAL / "bestaat-niet")],
        ["check", str(MINIMAL / "guide" / "plaatsen" / "utrecht.yml")],  # a file, not a folder
        ["check", "--stale-after", "0", str(MINIMAL)],
        ["controleer"],
        ["new", "recept", "Soep"],
        ["new"],
        ["list", "wijken", "-C", str(MINIMAL)],
    ],
    ids=lambda a: " ".join(a[:3]),
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert "Usage:" in result.stderr or "Gebruik:" in result.stderr


def test_internal_error_exits_2_with_a_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("kapot")

    monkeypatch.setattr(check_command_module, "check", broken)
    monkeypatch.setattr(sys, "argv", ["wijkengids", "check", str(MINIMAL)])
    with pytest.raises(SystemExit) as exc:
        cli.run()
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "interne fout: RuntimeError('kapot')" in err
    assert "Meld dit aan de beheerders" in err


def test_format_github_annotates_file_line_and_column(case_guide: CaseGuide) -> None:
    result = invoke("check", "--format", "github", case_guide(INVALID / "several-problems-sorted"))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "::error file=guide/organisaties/de-beuk.yml,line=4,col=10,title=wijkengids bad-url::"
        "website: 'ftp://debeuk.nl' is geen geldig adres; het begint met https:// of http://."
    )
    assert all(line.startswith("::error file=") for line in lines)
    assert len(lines) == 7
    assert result.stderr == "8 bestanden nagekeken: 7 fouten.\n"


def test_format_github_warnings_and_whole_file_problems(case_guide: CaseGuide) -> None:
    result = invoke("check", "--format", "github", case_guide(CASES / "valid" / "unpublished-ref"))
    assert result.stdout.splitlines()[0].startswith(
        "::warning file=guide/hoofdstukken/lange-adem-hoofdstuk.md,line=11,col=5,title=wijkengids unpublished-ref::"
    )
    result = invoke("check", "--format", "github", case_guide(INVALID / "too-large"))
    assert result.stdout.startswith("::error file=lessons/lange-adem.md,title=wijkengids too-large::")


def test_format_json_parses(case_guide: CaseGuide) -> None:
    result = invoke("check", "--format", "json", case_guide(INVALID / "missing-field"))
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["files"] == 8
    assert data["errors"] == 2
    assert data["warnings"] == 0
    assert data["problems"][0] == {
        "path": "lessons/lange-adem.md",
        "line": 2,
        "column": 1,
        "code": "missing-field",
        "severity": "error",
        "field": "title",
        "message": "verplicht veld 'title' ontbreekt; voeg het toe: Titel van het record: kort, als een bewering "
        "waar dat kan.",
    }


def test_format_json_of_a_clean_guide() -> None:
    result = invoke("check", "--format", "json", MINIMAL)
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"files": 8, "errors": 0, "warnings": 0, "problems": []}


def test_list_shows_status_and_review_date_and_flags_stale_records(guide_tree: GuideTree) -> None:
    lesson = (MINIMAL / "lessons/lange-adem.md").read_text(encoding="utf-8")
    root = guide_tree(
        {
            "lessons/lange-adem.md": lesson.replace("reviewed: 2026-11-01", "reviewed: 2023-01-15"),
            "lessons/klein-beginnen.md": lesson.replace("id: lange-adem", "id: klein-beginnen").replace(
                "status: gepubliceerd", "status: concept"
            ),
        },
        base=True,
    )
    # a limit that the 2023 review date exceeds and the 2026 one stays within, whatever day the test runs
    limit = (dt.date.today() - dt.date(2025, 1, 1)).days
    result = invoke("list", "-C", root, "--stale-after", str(limit))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "lessen (2)" in lines
    (stale,) = [line for line in lines if " lange-adem " in line]
    assert stale.split() == ["lange-adem", "gepubliceerd", "2023-01-15", "!", "verouderd", "nakijken"]
    (concept,) = [line for line in lines if " klein-beginnen " in line]
    assert concept.split() == ["klein-beginnen", "concept", "2026-11-01"]
    (chapter,) = [line for line in lines if " lange-adem-hoofdstuk " in line]
    assert chapter.split() == ["lange-adem-hoofdstuk", "gepubliceerd", "2026-11-01"]
    (organisation,) = [line for line in lines if " de-beuk " in line]
    assert organisation.split() == ["de-beuk", "gepubliceerd", "-"]


def test_list_of_one_type() -> None:
    result = invoke("list", "plaats", "-C", MINIMAL)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "plaatsen (2)"
    assert [line.split()[0] for line in result.stdout.splitlines()[1:]] == ["overvecht", "utrecht"]


def test_list_of_a_guide_with_errors_says_to_run_check(case_guide: CaseGuide) -> None:
    result = invoke("list", "-C", case_guide(INVALID / "bad-url"))
    assert "Draai 'wijkengids check'" in result.stderr


@pytest.mark.slow
def test_python_dash_m_runs_the_command(case_guide: CaseGuide) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "build_tools",
            "check",
            "--stale-after",
            STALE_AFTER,
            str(case_guide(INVALID / "duplicate-key")),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout == (INVALID / "duplicate-key" / "expected.txt").read_text(encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "build_tools", "check", "--bestaat-niet"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2


def test_version_and_help() -> None:
    assert invoke("--version").exit_code == 0
    result = invoke("--help")
    assert result.exit_code == 0
    for command in ("check", "new", "schema", "list"):
        assert command in result.stdout


# -- the reporters -----------------------------------------------------------

ERROR = Problem("lessons/a.md", 14, 3, Code.UNKNOWN_ID, "onbekende id 'x'", field="examples[2]")
WARNING = Problem("lessons/a.md", 4, 11, Code.STALE, "laatst nagekeken …", field="reviewed", severity=Severity.WARNING)
WHOLE = Problem("lessons/b.md", 0, 0, Code.TOO_LARGE, "te groot.")


def test_format_text() -> None:
    assert format_text(ERROR) == "lessons/a.md:14:3: examples[2]: onbekende id 'x' [unknown-id]"
    assert format_text(WARNING) == "lessons/a.md:4:11: waarschuwing: reviewed: laatst nagekeken … [stale]"
    assert format_text(WHOLE) == "lessons/b.md: te groot. [too-large]"
    assert format_text(Problem("a.yml", 2, 0, Code.TAB, Code.TAB)) == "a.yml:2: tab [tab]"


def test_format_github_escapes_what_would_break_the_command() -> None:
    """A comma or colon in a file name, a newline or percent sign in a message stay inside the annotation."""
    problem = Problem("lessons/a,b:c.md", 3, 2, Code.RAW_HTML, "100% fout\nregel twee", field="tekst")
    assert format_github(problem) == (
        "::error file=lessons/a%2Cb%3Ac.md,line=3,col=2,title=wijkengids raw-html::tekst: 100%25 fout%0Aregel twee"
    )
    assert format_github(WHOLE) == "::error file=lessons/b.md,title=wijkengids too-large::te groot."


def test_format_json_counts() -> None:
    data = json.loads(format_json([WHOLE, ERROR, WARNING], 3))
    assert (data["files"], data["errors"], data["warnings"]) == (3, 2, 1)
    assert [p["severity"] for p in data["problems"]] == ["error", "error", "warning"]


@pytest.mark.parametrize(
    ("problems", "files", "expected"),
    [
        ([], 1, "1 bestand nagekeken: geen problemen."),
        ([], 0, "0 bestanden nagekeken: geen problemen."),
        ([ERROR], 2, "2 bestanden nagekeken: 1 fout."),
        ([ERROR, WHOLE], 2, "2 bestanden nagekeken: 2 fouten."),
        ([WARNING], 2, "2 bestanden nagekeken: 1 waarschuwing."),
        ([ERROR, WARNING, WARNING], 2, "2 bestanden nagekeken: 1 fout en 2 waarschuwingen."),
    ],
)
def test_summary(problems: list[Problem], files: int, expected: str) -> None:
    assert summary(problems, files) == expected


def test_a_folder_without_a_guide_is_a_usage_error_not_a_clean_pass(tmp_path: Path) -> None:
    result = invoke("check", tmp_path)
    assert result.exit_code == 2
    assert "is geen gids: er is geen map examples, guide, lessons" in result.stderr
    (tmp_path / "guide").mkdir()
    result = invoke("check", tmp_path)
    assert (result.exit_code, result.stdout) == (0, "0 bestanden nagekeken: geen problemen.\n")


# -- the CLI package -----------------------------------------------------------

PACKAGE = Path(__file__).resolve().parent.parent / "build_tools"


def test_every_command_is_in_the_cli_package() -> None:
    """One module per command under build_tools/cli/, and no click command defined anywhere else."""
    for name, where in cli.COMMANDS.items():
        module = where.partition(":")[0]
        assert module.startswith("build_tools.cli."), (name, where)
        assert main.commands[name].name == name
    outside = [
        path.relative_to(PACKAGE).as_posix()
        for path in sorted(PACKAGE.rglob("*.py"))
        if "cli" not in path.relative_to(PACKAGE).parts and "@click.command" in path.read_text(encoding="utf-8")
    ]
    assert outside == []


def test_commands_are_imported_only_when_asked_for() -> None:
    """Listing the commands (for --help or a typo) imports none; running one imports its module."""
    commands = cli._LazyCommands({"probe": "build_tools.geen_module:probe_command"})
    assert list(commands) == ["probe"] and "probe" in commands and len(commands) == 1
    with pytest.raises(ModuleNotFoundError, match=r"build_tools\.geen_module"):
        commands["probe"]
    assert commands.get("geen") is None and "geen" not in commands


@pytest.mark.slow
def test_check_loads_neither_the_site_nor_print() -> None:
    """`wijkengids check` runs without importing MkDocs, Material, Jinja2, Markdown or WeasyPrint.

    Nor what only other commands or a problem need: subprocess (the engines), difflib ("bedoel je").
    """
    code = (
        "import sys\n"
        "from build_tools.cli import main\n"
        f"try:\n    main(['check', {str(MINIMAL)!r}])\n"
        "except SystemExit as exit:\n"
        "    heavy = {'weasyprint', 'jinja2', 'mkdocs', 'material', 'markdown', 'nh3', 'subprocess', 'difflib'}\n"
        "    print(exit.code, sorted(heavy & {m.split('.')[0] for m in sys.modules}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "0 []"


def test_check_reads_the_settings_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """`--stale-after`'s default and the language settings come from one reading of pyproject.toml."""
    from build_tools.cli import options
    from build_tools.config import load_settings as real

    read: list[Path] = []

    def counted(start: Path) -> Any:
        read.append(start)
        return real(start)

    monkeypatch.setattr(options, "load_settings", counted)
    result = CliRunner().invoke(main, ["check", str(MINIMAL)])
    assert result.exit_code == 0 and len(read) == 1
