"""The strict YAML reader: plain values with positions, and every hazard refused with a place."""

from __future__ import annotations

from typing import Any

import pytest

from build_tools.load import LIMITS
from build_tools.model import format_path
from build_tools.problems import Code, Problem
from build_tools.yamlstrict import YamlData, decode, field_at, line_col, parse_yaml


def parsed(text: str, line_offset: int = 0) -> YamlData:
    data, problems = parse_yaml("x.yml", text, line_offset, max_depth=LIMITS.max_depth)
    assert problems == []
    assert data is not None
    return data


def refused(text: str) -> list[tuple[int, int, str, str]]:
    _, problems = parse_yaml("x.yml", text, max_depth=LIMITS.max_depth)
    assert problems
    return [(p.line, p.column, p.code, p.field) for p in problems]


def test_scalars_stay_the_text_the_editor_typed() -> None:
    text = "a: nee\nb: no\nc: on\nd: 2022-05-03\ne: 0123\nf: 1.10\ng: yes\nh: 0x1F\ni: .inf\nj: 12:30\n"
    assert parsed(text).value == {
        "a": "nee",
        "b": "no",
        "c": "on",
        "d": "2022-05-03",
        "e": "0123",
        "f": "1.10",
        "g": "yes",
        "h": "0x1F",
        "i": ".inf",
        "j": "12:30",
    }


@pytest.mark.parametrize("empty", ["", "~", "null", "Null", "NULL"])
def test_plain_empty_values_are_none(empty: str) -> None:
    assert parsed(f"a: {empty}\n").value == {"a": None}


@pytest.mark.parametrize("quoted", ['""', "''", '"null"', "'~'"])
def test_quoted_values_stay_text(quoted: str) -> None:
    assert parsed(f"a: {quoted}\n").value == {"a": quoted[1:-1]}


def test_nested_values_and_their_positions() -> None:
    text = "id: x\nlist:\n  - een\n  - twee\nblock:\n  start: 2008\n  items: [a, {b: c}]\n"
    data = parsed(text, line_offset=1)
    assert data.value == {"id": "x", "list": ["een", "twee"], "block": {"start": "2008", "items": ["a", {"b": "c"}]}}
    assert data.positions[("id",)] == (2, 5)
    assert data.positions[("list", 1)] == (5, 5)
    assert data.positions[("block", "start")] == (7, 10)
    assert data.positions[("block", "items", 1, "b")] == (8, 18)
    assert data.key_positions[("block", "start")] == (7, 3)


def test_block_scalars_keep_their_lines() -> None:
    assert parsed("a: |\n  een\n  twee\nb: >\n  een\n  twee\n").value == {"a": "een\ntwee\n", "b": "een twee\n"}


def test_every_duplicate_key_is_reported_and_the_first_value_kept() -> None:
    data, problems = parse_yaml("x.yml", "a: 1\nb:\n  c: 2\n  c: 3\na: 4\n", max_depth=LIMITS.max_depth)
    assert data is not None and data.value == {"a": "1", "b": {"c": "2"}}
    assert [(p.line, p.column, p.code, p.field) for p in problems] == [
        (4, 3, Code.DUPLICATE_KEY, "b.c"),
        (5, 1, Code.DUPLICATE_KEY, "a"),
    ]
    assert "eerst op regel 3" in problems[0].message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: &x 1\n", (1, 4, Code.YAML_ANCHOR, "a")),
        ("a: [1, *x]\n", (1, 8, Code.YAML_ANCHOR, "a[1]")),
        ("a: &x\n  b: 1\n", (1, 4, Code.YAML_ANCHOR, "a")),
        ("a: !!str 1\n", (1, 4, Code.YAML_TAG, "a")),
        ("a: !eigen 1\n", (1, 4, Code.YAML_TAG, "a")),
        ("a: !!map {b: 1}\n", (1, 4, Code.YAML_TAG, "a")),
        ("a: 1\n---\nb: 2\n", (2, 1, Code.MULTIPLE_DOCUMENTS, "")),
        ("a: 1\n\tb: 2\n", (2, 1, Code.TAB, "a")),
        ("[a]: 1\n", (1, 1, Code.WRONG_TYPE, "")),
        ("a: 'open\n", (1, 4, Code.YAML_SYNTAX, "a")),
        ("a: b: c\n", (1, 5, Code.YAML_SYNTAX, "a")),
    ],
)
def test_hazards_are_refused_with_their_place(text: str, expected: tuple[int, int, str, str]) -> None:
    assert refused(text) == [expected]


def test_tag_is_shown_as_typed() -> None:
    _, problems = parse_yaml("x.yml", "a: !!str 1\n", max_depth=LIMITS.max_depth)
    assert "'!!str'" in problems[0].message


@pytest.mark.parametrize("depth", [LIMITS.max_depth, 1000, 100_000])
def test_deep_flow_nesting_is_refused_without_a_crash(depth: int) -> None:
    text = "a: " + "[" * depth + "]" * depth + "\n"
    data, problems = parse_yaml("x.yml", text, max_depth=LIMITS.max_depth)
    assert data is None
    assert [(p.line, p.code) for p in problems] == [(1, Code.TOO_DEEP)]


def test_deep_block_nesting_is_refused() -> None:
    text = "".join("  " * i + f"k{i}:\n" for i in range(LIMITS.max_depth + 5))
    assert refused(text)[0][2] == Code.TOO_DEEP


def test_nesting_up_to_the_limit_is_read() -> None:
    depth = LIMITS.max_depth - 1  # the record's own mapping is the first level
    value: Any = parsed("a: " + "[" * depth + "]" * depth + "\n").value["a"]
    for _ in range(depth - 1):
        (value,) = value
    assert value == []


def test_line_offset_shifts_problems() -> None:
    _, problems = parse_yaml("x.md", "a: 1\na: 2\n", line_offset=1, max_depth=LIMITS.max_depth)
    assert (problems[0].line, problems[0].column) == (3, 1)


# -- decode ----------------------------------------------------------------


def decoded(raw: bytes) -> tuple[str | None, list[Problem]]:
    return decode("x.yml", raw, max_bytes=LIMITS.max_file_bytes)


def test_decode_normalises_line_ends_and_leaves_the_letters_as_typed() -> None:
    """NFC is applied to parsed keys and values, not to the text: parsing it as typed keeps the columns."""
    text, problems = decoded("a: coo\u0308peratie\r\nb: x\rc: y\n".encode())
    assert problems == []
    assert text == "a: coo\u0308peratie\nb: x\nc: y\n"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"\xef\xbb\xbfa: 1\n", [(1, 1, Code.BOM)]),
        (b"a: 1\nb: caf\xe9\n", [(2, 7, Code.NOT_UTF8)]),
        (b"a: 1\nb: \xc3\n", [(2, 4, Code.NOT_UTF8)]),
        ("a: é\x00\n".encode(), [(1, 5, Code.CONTROL_CHAR)]),
        (b"a: x\x1b[31m\n", [(1, 5, Code.CONTROL_CHAR)]),
        ("a: \u2028\n".encode(), [(1, 4, Code.CONTROL_CHAR)]),
        ("a: \u202e\nb: \u2066\n".encode(), [(1, 4, Code.BIDI_CHAR), (2, 4, Code.BIDI_CHAR)]),
    ],
)
def test_decode_refuses_hazards_with_line_and_column(raw: bytes, expected: list[tuple[int, int, str]]) -> None:
    text, problems = decoded(raw)
    assert text is None
    assert [(p.line, p.column, p.code) for p in problems] == expected


def test_decode_reports_at_most_five_character_problems() -> None:
    text, problems = decoded(("a: " + "\x07" * 50 + "\n").encode())
    assert text is None and len(problems) == 5


def test_decode_refuses_a_huge_file_before_reading_it() -> None:
    raw = b"a: " + b"x" * LIMITS.max_file_bytes + b"\n"
    text, problems = decoded(raw)
    assert text is None
    assert [(p.line, p.column, p.code) for p in problems] == [(0, 0, Code.TOO_LARGE)]
    assert "512 KB" in problems[0].message


def test_decode_accepts_a_file_at_the_limit() -> None:
    raw = b"a: " + b"x" * (LIMITS.max_file_bytes - 4) + b"\n"
    assert decoded(raw)[0] is not None


# -- helpers ---------------------------------------------------------------


def test_format_path() -> None:
    assert format_path(()) == ""
    assert format_path(("examples", 2)) == "examples[2]"
    assert format_path(("period", "start")) == "period.start"
    assert format_path(("budget", 0, "source")) == "budget[0].source"


def test_line_col() -> None:
    text = "ab\ncd\n"
    assert line_col(text, 0) == (1, 1)
    assert line_col(text, 4) == (2, 2)
    assert line_col(text, len(text)) == (3, 1)


@pytest.mark.parametrize("parser", ["libyaml", "python"])
def test_libyaml_and_the_python_parser_read_the_same(parser: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fallback parser (PyYAML without libyaml) gives the same values and positions."""
    import yaml

    from build_tools import yamlstrict

    if parser == "python":
        monkeypatch.setattr(yamlstrict, "_Parser", yaml.BaseLoader)
    else:
        assert yamlstrict._Parser is yaml.cyaml.CParser  # type: ignore[attr-defined]
    text = "a: null\nb:\nc: ''\nd: ~\ne: [x, {f: nee}]\ng: |\n  tekst\n"
    data = parsed(text)
    assert data.value == {"a": None, "b": None, "c": "", "d": None, "e": ["x", {"f": "nee"}], "g": "tekst\n"}
    assert data.positions[("e", 1, "f")] == (5, 12)
    assert refused("a: 1\na: 2\n") == [(2, 1, Code.DUPLICATE_KEY, "a")]
    assert refused("a: &x 1\n") == [(1, 4, Code.YAML_ANCHOR, "a")]


@pytest.mark.parametrize(
    ("text", "at", "field"),
    [
        ("id: x\nname: De\x07Beuk\n", "\x07", "name"),
        ("id: x\nsynonyms:\n  - a\x07\n", "\x07", "synonyms"),
        ("id: x\nsynonyms:\n  - a\nkind: b\x07\n", "\x07", "kind"),
        ("\x07id: x\n", "\x07", ""),
        ("---\nid: x\ntitle: T\x07\n---\n\nTekst\n", "\x07", "title"),
        ("---\nid: x\n---\n\nLet op: tekst\x07\n", "\x07", "tekst"),
    ],
)
def test_field_at_names_the_field_of_a_problem_found_before_parsing(text: str, at: str, field: str) -> None:
    assert field_at(text, text.index(at)) == field


def test_character_problems_name_their_field() -> None:
    _, problems = decoded("---\nid: x\ntitle: T\u202e\n---\n\nTekst\u202e\n".encode())
    assert [(p.line, p.column, p.field) for p in problems] == [(3, 9, "title"), (6, 6, "tekst")]
    _, problems = decoded(b"id: x\nname: caf\xe9\n")
    assert [(p.line, p.column, p.field) for p in problems] == [(2, 10, "name")]
