"""Every folder under tests/cases/ is a small change to the base guide, with its exact expected report.

``tests/cases/base/`` is one small valid guide. A case folder holds only what it changes:
the files it replaces or adds, ``expected.txt`` and, to remove base files, ``deleted.txt``
(one path or glob a line; see ``tests/casefolders.py``). ``valid/<case>/`` must pass
``check`` (exit code 0); ``invalid/<case>/`` must fail it (exit code 1). ``expected.txt``
holds the exact text output, every line including the summary; a valid case without one
must report no problems at all.

After a deliberate change of wording, regenerate with
``WIJKENGIDS_UPDATE_CASES=1 .venv/bin/pytest tests/test_cases.py`` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from casefolders import BASE, CASE_FILES, files_under, overlay_files
from click.testing import CliRunner
from conftest import CASES, STALE_AFTER, TODAY, CaseGuide

from build_tools import report
from build_tools.cli import main
from build_tools.config import load_settings
from build_tools.model import PartialDate
from build_tools.pipeline import check
from build_tools.problems import Code, Problem, Severity

UPDATE = os.environ.get("WIJKENGIDS_UPDATE_CASES") == "1"


def case_dirs(kind: str) -> list[Path]:
    return sorted(p for p in (CASES / kind).iterdir() if p.is_dir())


def check_output(root: Path) -> tuple[str, int]:
    """The text report of ``wijkengids check`` on ``root`` (on the fixed test day) and its exit code.

    A case with its own ``pyproject.toml`` is checked with the language warnings too, with its settings.
    """
    language = load_settings(root).language if (root / "pyproject.toml").is_file() else None
    result = check(root, today=TODAY, language=language)
    lines = [report.format_text(p) for p in result.problems]
    lines.append(report.summary(result.problems, result.files))
    return "\n".join(lines) + "\n", 0 if result.ok else 1


def expect(case: Path, output: str) -> None:
    expected_file = case / "expected.txt"
    if UPDATE:
        expected_file.write_text(output, encoding="utf-8")
    assert expected_file.is_file(), f"{case.name}: expected.txt ontbreekt"
    assert output == expected_file.read_text(encoding="utf-8")


def test_base_guide_is_valid_and_clean() -> None:
    output, code = check_output(BASE)
    assert code == 0
    records = [rel for rel in files_under(BASE) if "/" in rel]  # the word list beside them is no record
    assert output == f"{len(records)} bestanden nagekeken: geen problemen.\n"


@pytest.mark.parametrize("case", case_dirs("invalid") + case_dirs("valid"), ids=lambda p: p.name)
def test_case_holds_only_what_it_changes(case: Path) -> None:
    """No file of a case is a byte-identical copy of the base guide's (the base provides it)."""
    copies = [
        rel
        for rel in overlay_files(case)
        if not (case / rel).is_symlink()
        and (BASE / rel).is_file()
        and (BASE / rel).read_bytes() == (case / rel).read_bytes()
    ]
    assert copies == [], f"{case.name}: delete these copies of the base guide (python tests/casefolders.py {case})"
    guide_files = {"pyproject.toml", "woordenlijst.txt"}  # settings and word list of a language case
    unknown = [rel for rel in files_under(case) if "/" not in rel and rel not in CASE_FILES | guide_files]
    assert unknown == [], f"{case.name}: only {sorted(CASE_FILES)} sit beside the guide's folders"


@pytest.mark.parametrize("case", case_dirs("valid"), ids=lambda p: p.name)
def test_valid_case(case: Path, case_guide: CaseGuide) -> None:
    output, code = check_output(case_guide(case))
    assert code == 0, output
    has_warnings = output.count("\n") > 1
    if (case / "expected.txt").is_file() or (UPDATE and has_warnings):
        expect(case, output)
    else:
        assert not has_warnings and output.endswith(" nagekeken: geen problemen.\n"), output


@pytest.mark.parametrize("case", case_dirs("invalid"), ids=lambda p: p.name)
def test_invalid_case(case: Path, case_guide: CaseGuide) -> None:
    output, code = check_output(case_guide(case))
    assert code == 1, output
    expect(case, output)


@pytest.mark.parametrize("case", case_dirs("invalid"), ids=lambda p: p.name)
def test_invalid_case_names_its_rule(case: Path) -> None:
    """Each invalid case is named after the problem code it is about, and reports it."""
    codes = {line.rsplit("[", 1)[-1].rstrip("]") for line in (case / "expected.txt").read_text("utf-8").splitlines()}
    named = [code for code in Code if case.name == code or case.name.startswith(code + "-")]
    if case.name.startswith("several-"):
        assert len(codes - {""}) >= 3
    else:
        assert named, f"{case.name}: a case folder starts with the problem code it shows"
        assert set(named) & codes, f"{case.name} does not report {named}"


def test_command_prints_the_same_report(monkeypatch: pytest.MonkeyPatch, case_guide: CaseGuide) -> None:
    """The command's output is what the cases expect (a case with no stale records)."""
    case = CASES / "invalid" / "several-problems-sorted"
    monkeypatch.chdir(case_guide(case))
    result = CliRunner().invoke(main, ["check", "--no-language", "--stale-after", STALE_AFTER])
    assert result.exit_code == 1
    assert result.output == (case / "expected.txt").read_text(encoding="utf-8")


#: Problems about a file as a whole, before any field could be read.
WHOLE_FILE = frozenset(
    (Code.TOO_LARGE, Code.UNKNOWN_FOLDER, Code.UNREADABLE, Code.OUTSIDE_GUIDE, Code.NOT_REGULAR_FILE)
)
NO_FIELD = WHOLE_FILE | {Code.BOM, Code.FRONT_MATTER, Code.MULTIPLE_DOCUMENTS, Code.NOT_MAPPING}


@pytest.mark.parametrize("case", case_dirs("invalid") + case_dirs("valid"), ids=lambda p: p.name)
def test_every_problem_names_place_field_and_code(case: Path, case_guide: CaseGuide) -> None:
    """Line and column from 1 (0 only for whole-file problems), the field unless none can be known."""
    for problem in check(case_guide(case), today=TODAY).problems:
        assert isinstance(problem.code, Code)
        if problem.code in WHOLE_FILE:
            assert (problem.line, problem.column) == (0, 0), problem
        else:
            assert problem.line >= 1 and problem.column >= 1, problem
        assert bool(problem.field) != (problem.code in NO_FIELD), problem


def test_yaml_11_words_stay_what_the_editor_typed(case_guide: CaseGuide) -> None:
    """``nee``, ``no``, ``on``, ``0123``, ``1.10`` and a date stay text where text is expected."""
    catalog = check(case_guide(CASES / "valid" / "yaml11-strings"), today=TODAY).catalog
    theme = catalog["nee"]
    assert theme.get("name") == "nee"
    assert theme.get("description") == "no"
    assert theme.get("synonyms") == ("on", "off", "yes", "2022-05-03", "0123", "1.10", "1e3")
    source = catalog["versie"]
    assert source.title == "1.10"
    assert source.get("note") == "2022-05-03"
    assert str(source.get("date")) == "2022-05-03"


def test_text_is_nfc_normalised(case_guide: CaseGuide) -> None:
    """A decomposed ``coo\\u0308peratie`` in the file equals the composed ``coöperatie``."""
    case = CASES / "valid" / "nfc"
    assert "Coo\u0308peratie".encode() in (case / "guide/themas/cooperatie.yml").read_bytes()
    catalog = check(case_guide(case), today=TODAY).catalog
    assert catalog["cooperatie"].get("name") == "Co\u00f6peratie"
    (ref,) = catalog["samenwerken"].inline_refs
    assert ref.label == "co\u00f6peratie"


def test_crlf_line_ends_read_like_lf(case_guide: CaseGuide) -> None:
    case = CASES / "valid" / "crlf-line-ends"
    assert b"\r\n" in (case / "guide/organisaties/de-beuk.yml").read_bytes()
    assert check(case_guide(case), today=TODAY).catalog["de-beuk"].get("website") == "https://www.debeuk.nl/"


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


def test_problems_and_partial_dates_compare() -> None:
    """Problems sort like the report; a year sorts before a month of that year, and that before a day."""
    first = Problem("a.yml", 1, 1, Code.BAD_URL, "x")
    warning = Problem("a.yml", 1, 1, Code.BAD_URL, "x", severity=Severity.WARNING)
    assert sorted([warning, first]) == [first, warning]
    assert first < Problem("a.yml", 2, 1, Code.BAD_URL, "x") < Problem("b.yml", 1, 1, Code.BAD_URL, "x")
    dates = [PartialDate(2022, 5, 3), PartialDate(2022), PartialDate(2021, 12), PartialDate(2022, 5)]
    assert sorted(dates) == [PartialDate(2021, 12), PartialDate(2022), PartialDate(2022, 5), PartialDate(2022, 5, 3)]
    assert PartialDate(2022) <= PartialDate(2022) and PartialDate(2023) > PartialDate(2022, 12, 31)
