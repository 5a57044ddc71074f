"""Every folder under tests/cases/ is a small guide with its exact expected report.

``valid/<case>/`` must pass ``check`` (exit code 0); ``invalid/<case>/`` must fail it
(exit code 1). ``expected.txt`` holds the exact text output, every line including
the summary; a valid case without one must report no problems at all.

After a deliberate change of wording, regenerate with
``WIJKENGIDS_UPDATE_CASES=1 .venv/bin/pytest tests/test_cases.py`` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CASES, STALE_AFTER, TODAY

from build_tools import report
from build_tools.cli import main
from build_tools.pipeline import check
from build_tools.problems import CODES

UPDATE = os.environ.get("WIJKENGIDS_UPDATE_CASES") == "1"


def case_dirs(kind: str) -> list[Path]:
    return sorted(p for p in (CASES / kind).iterdir() if p.is_dir())


def check_output(root: Path) -> tuple[str, int]:
    """The text report of ``wijkengids check`` on ``root`` (on the fixed test day) and its exit code."""
    result = check(root, today=TODAY)
    lines = [report.format_text(p) for p in result.problems]
    lines.append(report.summary(result.problems, result.files))
    return "\n".join(lines) + "\n", 0 if result.ok else 1


def expect(case: Path, output: str) -> None:
    expected_file = case / "expected.txt"
    if UPDATE:
        expected_file.write_text(output, encoding="utf-8")
    assert expected_file.is_file(), f"{case.name}: expected.txt ontbreekt"
    assert output == expected_file.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", case_dirs("valid"), ids=lambda p: p.name)
def test_valid_case(case: Path) -> None:
    output, code = check_output(case)
    assert code == 0, output
    has_warnings = output.count("\n") > 1
    if (case / "expected.txt").is_file() or (UPDATE and has_warnings):
        expect(case, output)
    else:
        assert not has_warnings and output.endswith(" nagekeken: geen problemen.\n"), output


@pytest.mark.parametrize("case", case_dirs("invalid"), ids=lambda p: p.name)
def test_invalid_case(case: Path) -> None:
    output, code = check_output(case)
    assert code == 1, output
    expect(case, output)


@pytest.mark.parametrize("case", case_dirs("invalid"), ids=lambda p: p.name)
def test_invalid_case_names_its_rule(case: Path) -> None:
    """Each invalid case is named after the problem code it is about, and reports it."""
    codes = {line.rsplit("[", 1)[-1].rstrip("]") for line in (case / "expected.txt").read_text("utf-8").splitlines()}
    named = [code for code in CODES if case.name == code or case.name.startswith(code + "-")]
    if case.name.startswith("several-"):
        assert len(codes - {""}) >= 3
    else:
        assert named, f"{case.name}: a case folder starts with the problem code it shows"
        assert set(named) & codes, f"{case.name} does not report {named}"


def test_command_prints_the_same_report(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command's output is what the cases expect (a case with no stale records)."""
    case = CASES / "invalid" / "several-problems-sorted"
    monkeypatch.chdir(case)
    result = CliRunner().invoke(main, ["check", "--stale-after", STALE_AFTER])
    assert result.exit_code == 1
    assert result.output == (case / "expected.txt").read_text(encoding="utf-8")


#: Problems about a file as a whole, before any field could be read.
WHOLE_FILE = frozenset(("too-large", "unknown-folder", "unreadable"))
NO_FIELD = WHOLE_FILE | {"bom", "front-matter", "multiple-documents", "not-mapping"}


@pytest.mark.parametrize("case", case_dirs("invalid") + case_dirs("valid"), ids=lambda p: p.name)
def test_every_problem_names_place_field_and_code(case: Path) -> None:
    """Line and column from 1 (0 only for whole-file problems), the field unless none can be known."""
    for problem in check(case, today=TODAY).problems:
        assert problem.code in CODES
        if problem.code in WHOLE_FILE:
            assert (problem.line, problem.column) == (0, 0), problem
        else:
            assert problem.line >= 1 and problem.column >= 1, problem
        assert bool(problem.field) != (problem.code in NO_FIELD), problem


def test_yaml_11_words_stay_what_the_editor_typed() -> None:
    """``nee``, ``no``, ``on``, ``0123``, ``1.10`` and a date stay text where text is expected."""
    catalog = check(CASES / "valid" / "yaml11-strings", today=TODAY).catalog
    theme = catalog["nee"]
    assert theme.get("name") == "nee"
    assert theme.get("description") == "no"
    assert theme.get("synonyms") == ("on", "off", "yes", "2022-05-03", "0123", "1.10", "1e3")
    source = catalog["versie"]
    assert source.title == "1.10"
    assert source.get("note") == "2022-05-03"
    assert str(source.get("date")) == "2022-05-03"


def test_text_is_nfc_normalised() -> None:
    """A decomposed ``coo\\u0308peratie`` in the file equals the composed ``coöperatie``."""
    case = CASES / "valid" / "nfc"
    assert "Coo\u0308peratie".encode() in (case / "guide/themas/cooperatie.yml").read_bytes()
    catalog = check(case, today=TODAY).catalog
    assert catalog["cooperatie"].get("name") == "Co\u00f6peratie"
    (ref,) = catalog["samenwerken"].inline_refs
    assert ref.label == "co\u00f6peratie"


def test_crlf_line_ends_read_like_lf() -> None:
    case = CASES / "valid" / "crlf-line-ends"
    assert b"\r\n" in (case / "guide/organisaties/de-beuk.yml").read_bytes()
    assert check(case, today=TODAY).catalog["de-beuk"].get("website") == "https://www.debeuk.nl/"


def test_binary_hazards_are_committed_as_bytes() -> None:
    """The cases about bytes hold the bytes themselves (an editor could not type them)."""
    invalid = CASES / "invalid"
    org = "guide/organisaties/de-beuk.yml"
    assert (invalid / "bom" / org).read_bytes().startswith(b"\xef\xbb\xbf")
    assert b"\xf6" in (invalid / "not-utf8" / org).read_bytes()
    assert b"\x07" in (invalid / "control-char" / org).read_bytes()
    assert "\u202e".encode() in (invalid / "bidi-char" / org).read_bytes()
    assert b"\t" in (invalid / "tab" / org).read_bytes()
    assert (invalid / "too-large" / "lessons/lange-adem.md").stat().st_size > 512 * 1024
    assert b"[" * 1000 in (invalid / "too-deep" / org).read_bytes()
