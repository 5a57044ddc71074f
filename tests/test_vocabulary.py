"""The words about the model are declared once, in build_tools/schema.py."""

from __future__ import annotations

import ast
from pathlib import Path

from build_tools.schema import KIND_WORDS, RECORD_TYPES, TYPE_NAMES, TYPES_BY_NAME, Kind

PACKAGE = Path(__file__).resolve().parent.parent / "build_tools"


def labels() -> set[str]:
    words = set()
    for t in RECORD_TYPES:
        words |= {t.label, t.title, t.heading, t.overview, *t.nouns}
    for w in KIND_WORDS.values():
        words |= {w.label, w.phrase, w.item}
    return words - {""} - set(TYPE_NAMES)


def string_constants(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def test_no_label_or_type_table_outside_the_model() -> None:
    """No string in the package outside schema.py is one of the model's Dutch labels."""
    words = labels()
    found = [
        f"{path.relative_to(PACKAGE)}:{line}: {value!r}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "schema.py"
        for line, value in string_constants(path)
        if value in words
    ]
    assert found == []


def test_every_type_and_kind_has_its_words() -> None:
    assert set(TYPE_NAMES) == set(TYPES_BY_NAME)
    for t in RECORD_TYPES:
        assert t.heading and t.overview and t.title[0].isupper(), t.name
        assert t.count(1).startswith("1 ") and t.count(2) != t.count(1).replace("1", "2", 1), t.name
    assert set(KIND_WORDS) == set(Kind)
    for kind in (Kind.TEXT_LIST, Kind.PROSE_LIST, Kind.REF_LIST):
        assert KIND_WORDS[kind].item, kind


def test_counts_and_overview_titles() -> None:
    assert TYPES_BY_NAME["lesson"].count(1) == "1 les"
    assert TYPES_BY_NAME["dilemma"].count(2) == "2 dilemma's"
    assert TYPES_BY_NAME["example"].count(3) == "3 voorbeelden"
    assert TYPES_BY_NAME["lesson"].overview == "Alle lessen"
    assert TYPES_BY_NAME["place"].overview == "Plaatsen"
    assert TYPES_BY_NAME["example"].title == "Praktijkvoorbeeld"


def test_every_type_takes_its_own_demonstrative() -> None:
    """Dutch "het"-words take "dit", "de"-words "deze": never "deze praktijkvoorbeeld"."""
    this = {t.name: t.this for t in RECORD_TYPES}
    assert this == {
        "lesson": "deze les",
        "dilemma": "dit dilemma",
        "example": "dit praktijkvoorbeeld",
        "quote": "dit citaat",
        "chapter": "dit hoofdstuk",
        "theme": "dit thema",
        "place": "deze plaats",
        "organisation": "deze organisatie",
        "source": "deze bron",
        "event": "deze gebeurtenis",
    }
