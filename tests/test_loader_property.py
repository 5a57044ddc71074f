"""Arbitrary bytes and arbitrary YAML through the loader (and what loads, through the validator):
records or our own problems with a place, never a crash."""

from __future__ import annotations

import os
import re
import time
import unicodedata
from pathlib import Path

import pytest
from conftest import GuideTree
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_tools import load as load_module
from build_tools.load import RawRecord, load, read_record, split_front_matter
from build_tools.problems import Code, Problem
from build_tools.schema import LESSON, ORGANISATION, RecordType
from build_tools.validate import validate_record
from build_tools.yamlstrict import _BIDI, _CONTROL

#: Problems that concern a file as a whole carry line 0.
WHOLE_FILE = frozenset(
    (Code.TOO_LARGE, Code.UNKNOWN_FOLDER, Code.UNREADABLE, Code.OUTSIDE_GUIDE, Code.NOT_REGULAR_FILE)
)
TYPES = (ORGANISATION, LESSON)
#: The profile's number of examples (tests/conftest.py), no deadline: a loaded machine is no failure.
FAST = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


#: Control and bidi characters, as the loader refuses them in the file's text.
FORBIDDEN = re.compile(f"{_CONTROL.pattern}|{_BIDI.pattern}")


def strings_in(value: object) -> list[str]:
    """Every key and string value in loaded data."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for key, item in value.items() for text in (key, *strings_in(item))]
    if isinstance(value, list):
        return [text for item in value for text in strings_in(item)]
    return []


def assert_loader_contract(rtype: RecordType, raw: bytes) -> None:
    """What ``read_record`` returns for any input: a record or only our problems, each located."""
    path = f"{rtype.folder}/x{rtype.suffix}"
    record, problems = read_record(path, rtype, raw)
    assert record is None or isinstance(record, RawRecord)
    assert record is not None or problems, "no record and no problem"
    lines = len(re.split(rb"\r\n|\r|\n", raw))  # the loader reads CR and CRLF as line ends too
    for problem in problems:
        assert isinstance(problem, Problem)
        assert isinstance(problem.code, Code)
        assert problem.path == path
        assert problem.message
        if problem.code in WHOLE_FILE:
            assert problem.line == 0
        else:
            assert 1 <= problem.line <= lines + 1, problem
            assert problem.column >= 1, problem
    if record is not None:
        assert isinstance(record.data, dict)
        assert all(isinstance(key, str) for key in record.data)
        for text in strings_in(record.data):  # escapes included: no control or bidi character gets in
            assert not FORBIDDEN.search(text), repr(text)
            assert unicodedata.is_normalized("NFC", text), repr(text)
        for line, column in [*record.positions.values(), *record.key_positions.values()]:
            assert 1 <= line <= lines + 1 and column >= 1
        # what loads, the validator takes without crashing, locating every problem
        typed, found = validate_record(record)
        assert (typed is None) == bool(found)
        for problem in found:
            assert isinstance(problem.code, Code) and problem.path == path
            assert 1 <= problem.line <= lines + 1 and problem.column >= 1, problem


@FAST
@given(st.sampled_from(TYPES), st.binary(max_size=600))
def test_arbitrary_bytes(rtype: RecordType, raw: bytes) -> None:
    assert_loader_contract(rtype, raw)


#: Bits of YAML syntax, mixed at random: the loader must survive every mixture.
_TOKENS = "- : ? [ ] { } , &a *a !!str !x | > |- # ' \" \\ @ ` id naam nee no on 0123 1.10 2022-05-03 ~ null é"
_SPACED = ["- ", ": ", "? ", "&a ", "!!str ", "!x ", "%YAML 1.1\n", "---\n", "...\n", "\n", "  ", "\t", "\r\n", "\r"]
_HAZARDS = ["o\u0308", "\u202e", "\x07", "\ufeff", "\x00", "[[", "]]", "<script>", "a: b\n", "  - x\n"]
#: Double-quoted escapes that write control, bidi and decomposed characters.
_ESCAPES = [
    '"\\u202E"',
    '"\\0"',
    '"\\e"',
    '"\\N"',
    '"\\L"',
    '"\\uFEFF"',
    '"\\a"',
    '"\\x07"',
    '"e\\u0301"',
    '"\\0duplicate"',
]
_ESCAPE_BITS = ["\\u202E", "\\0", "\\e", "\\N", "\\P", "\\uFFFE", "\\x1b", "\\u0301", '"', "\\"]
YAML_BITS = st.sampled_from([*_TOKENS.split(), *_SPACED, *_HAZARDS, *_ESCAPES, *_ESCAPE_BITS])
YAML_MIXES = st.lists(st.one_of(YAML_BITS, st.text(max_size=5)), max_size=60).map("".join)


@FAST
@given(st.sampled_from(TYPES), YAML_MIXES)
def test_random_mixes_of_yaml_syntax(rtype: RecordType, text: str) -> None:
    raw = text.encode("utf-8", errors="surrogatepass")
    assert_loader_contract(rtype, raw)
    if rtype.fmt == "md":
        assert_loader_contract(rtype, b"---\n" + raw + b"\n---\n\nTekst.\n")


def scalars() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(["nee", "no", "on", "0123", "1.10", "2022-05-03", "", "~", "'x'", '"y"', "a: b", "- c"]),
        st.sampled_from(_ESCAPES),
        st.lists(st.sampled_from([*_ESCAPE_BITS, "a", " ", "é"]), max_size=6).map(
            lambda bits: '"' + "".join(bits) + '"'
        ),
        st.text(st.characters(codec="utf-8", exclude_characters="\r"), max_size=12),
    )


KEYS = st.one_of(
    st.sampled_from(["id", "name", "kind", "title", "status", "themes"]),
    st.from_regex(r"[a-z_]{1,8}"),
    st.sampled_from(_ESCAPES),
)


def to_yaml(value: object, indent: int = 0) -> str:
    """Block YAML for generated values; scalars written plain, so many are not valid YAML."""
    pad = "  " * indent
    if isinstance(value, dict):
        if not value:
            return pad + "{}\n"
        out = ""
        for key, item in value.items():
            if isinstance(item, dict | list) and item:
                out += f"{pad}{key}:\n{to_yaml(item, indent + 1)}"
            else:
                out += f"{pad}{key}: {to_yaml(item).strip()}\n"
        return out
    if isinstance(value, list):
        if not value:
            return pad + "[]\n"
        return "".join(f"{pad}- {to_yaml(item, indent + 1).strip()}\n" for item in value)
    return pad + str(value) + "\n"


YAML_VALUES = st.recursive(
    scalars(),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=4)),
    max_leaves=12,
)


@FAST
@given(st.sampled_from(TYPES), st.dictionaries(KEYS, YAML_VALUES, max_size=6))
def test_generated_yaml_documents(rtype: RecordType, document: dict[str, object]) -> None:
    text = to_yaml(document)
    if rtype.fmt == "md":
        text = f"---\n{text}---\n\nTekst.\n"
    assert_loader_contract(rtype, text.encode("utf-8", errors="surrogatepass"))


@FAST
@given(st.integers(min_value=1, max_value=3000), st.sampled_from(["[", "{a: ", "- ", "a:\n  "]))
def test_deep_nesting_never_crashes(depth: int, opener: str) -> None:
    assert_loader_contract(ORGANISATION, ("x: " + opener * depth + "\n").encode())


# -- the loader's file handling (deterministic) -------------------------------


def test_unreadable_file_is_a_problem_and_the_rest_still_loads(
    guide_tree: GuideTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = guide_tree(base=True)
    real = load_module._read_regular

    def read_regular(path: Path) -> bytes:
        if path.name == "lange-adem.md":
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(load_module, "_read_regular", read_regular)
    loaded = load(root)
    records, problems, files = loaded.records, loaded.problems, loaded.files
    assert files == 8
    assert len(records) == 7
    assert [(p.path, p.line, p.column, p.code) for p in problems] == [("lessons/lange-adem.md", 0, 0, Code.UNREADABLE)]
    assert problems[0].message == (
        "het bestand kan niet gelezen worden: Permission denied; maak het leesbaar (rechten) of haal het weg."
    )


def test_readme_and_hidden_files_are_not_records(guide_tree: GuideTree) -> None:
    root = guide_tree(
        {
            "lessons/README.md": "# Lessen\n",
            "lessons/.gitkeep": "",
            "guide/themas/.DS_Store": b"\x00\x01",
            "examples/.concept.md": "kladje",
            "guide/index.md": "# Welkom\n",
        },
        base=True,
    )
    loaded = load(root)
    records, problems, files = loaded.records, loaded.problems, loaded.files
    assert (len(records), problems, files) == (8, [], 8)


def test_front_matter_split() -> None:
    assert split_front_matter("---\nid: x\n---\n\nTekst\n") == ("id: x\n", "\nTekst\n", 4)
    assert split_front_matter("---\nid: x\n---") == ("id: x\n", "", 4)
    assert split_front_matter("id: x\n") is None
    assert split_front_matter("---\nid: x\n") is None
    assert split_front_matter(" ---\nid: x\n---\n") is None


def test_markdown_lines_are_counted_from_the_top_of_the_file() -> None:
    raw = b"---\nid: x\ntitle: a\ntitle: b\n---\n\nTekst\n"
    record, problems = read_record("lessons/x.md", LESSON, raw)
    assert record is not None
    assert [(p.line, p.column, p.code) for p in problems] == [(4, 1, Code.DUPLICATE_KEY)]
    assert record.positions[("title",)] == (3, 8)
    assert record.body_line == 6


HOSTILE_UNITS = [
    "{",
    "{=",
    "{: a=",
    "{: a= ",
    "[",
    "[\n",
    " [x\n",
    "<a ",
    "<a:",
    "<!--",
    "](",
    "](((",
    "[[a|",
    "`",
    "```",
    "[[<a ](`~",
]


@pytest.mark.parametrize("unit", HOSTILE_UNITS)
def test_hostile_markdown_is_checked_in_linear_time(unit: str) -> None:
    """A body of one pattern repeated (200 KB) is checked in well under a second, not hours.

    Each of these once made a regular expression scan to the end of the text from
    every position: quadratic, an hour and more at the size limit.
    """
    head = "---\nid: x\nstatus: concept\nreviewed: 2026-01-01\ntitle: T\nsummary: s\napply: [a]\nsources: [b]\n---\n\n"
    raw = (head + unit * (200_000 // len(unit))).encode()
    start = time.perf_counter()
    record, problems = read_record("lessons/x.md", LESSON, raw)
    assert record is not None and problems == []
    validate_record(record)
    assert time.perf_counter() - start < 5


def test_links_out_of_the_guide_and_pipes_are_refused_by_name_and_never_opened(
    guide_tree: GuideTree, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = tmp_path / "geheim.txt"
    secret.write_text("id: geheim\nwachtwoord: hunter2\n", encoding="utf-8")
    root = guide_tree(base=True)
    (root / "lessons" / "geheim.md").symlink_to(secret)
    os.mkfifo(root / "guide" / "themas" / "pijp.yml")
    (root / "guide" / "themas" / "weg.yml").symlink_to(root / "bestaat-niet.yml")
    (root / "guide" / "themas" / "map.yml").mkdir()
    # a link that stays inside the guide, to a regular file: allowed, and read like the file itself
    (root / "guide" / "themas" / "vertrouwen.yml").rename(root / "vertrouwen-bron.txt")
    (root / "guide" / "themas" / "vertrouwen.yml").symlink_to(root / "vertrouwen-bron.txt")

    opened: list[str] = []
    real_open = os.open

    def spy(path: str | os.PathLike[str], flags: int, *args: int, **kwargs: int) -> int:
        opened.append(os.fspath(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", spy)
    loaded = load(root)
    records, problems, files = loaded.records, loaded.problems, loaded.files
    assert sorted((p.path, p.line, p.column, p.code, p.message.split(" (")[0].split(";")[0]) for p in problems) == [
        ("guide/themas/map.yml", 0, 0, Code.NOT_REGULAR_FILE, "is geen gewoon bestand"),
        ("guide/themas/pijp.yml", 0, 0, Code.NOT_REGULAR_FILE, "is geen gewoon bestand"),
        ("guide/themas/weg.yml", 0, 0, Code.NOT_REGULAR_FILE, "is geen gewoon bestand"),
        ("lessons/geheim.md", 0, 0, Code.OUTSIDE_GUIDE, "verwijst naar een bestand buiten de gids"),
    ]
    assert "hunter2" not in "".join(p.message for p in problems)
    assert not any("geheim" in path or "pijp" in path for path in opened), opened
    assert "vertrouwen" in {r.stem for r in records}
    assert files == 8  # the refused ones are not records


def test_the_refusal_reads_as_a_report_line(guide_tree: GuideTree, tmp_path: Path) -> None:
    from build_tools import report

    root = guide_tree(base=True)
    (root / "lessons" / "geheim.md").symlink_to("/etc/passwd")
    problems = load(root).problems
    assert [report.format_text(p) for p in problems] == [
        "lessons/geheim.md: verwijst naar een bestand buiten de gids; het wordt niet gelezen. Zet het record zelf "
        "in de map in plaats van een link. [outside-guide]"
    ]
