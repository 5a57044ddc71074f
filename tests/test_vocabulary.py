"""The words about the model are declared once, in build_tools/schema.py."""

from __future__ import annotations

import ast
from pathlib import Path

import jinja2

from build_tools.link import Catalog
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


#: Calls whose string argument is a field name (``record.get("chapter")``), not a record type.
FIELD_CALLS = frozenset({"get", "refs", "pop", "setdefault", "field_named"})
#: Written on a line where a string that reads like a type name means something else.
NOT_A_TYPE = "not a record type"


def _is_type_table(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) and node.id == "TYPES_BY_NAME"


def type_name_literals(path: Path) -> list[tuple[int, str]]:
    """Strings in ``path`` that spell a record type's name, except where they name a field.

    ``record.get("source")``, ``catalog.targets(id, "chapter")`` and ``item["source"]`` read a
    field; everything else (``record.type == "lesson"``, ``of_type("chapter")``, a tuple of
    names) spells the model's type name again instead of using the model's declaration.
    """
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    tree = ast.parse(source)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in TYPE_NAMES):
            continue
        parent = parents.get(node)
        if isinstance(parent, ast.Call) and isinstance(parent.func, ast.Attribute):
            name = parent.func.attr
            if node in parent.args and (name in FIELD_CALLS or (name == "targets" and parent.args.index(node) == 1)):
                continue
        if isinstance(parent, ast.Subscript) and parent.slice is node and not _is_type_table(parent.value):
            continue
        if NOT_A_TYPE in lines[node.lineno - 1]:
            continue
        found.append((node.lineno, node.value))
    return found


def test_no_type_name_spelt_outside_the_model() -> None:
    """Outside schema.py the package names a record type through the model (``CHAPTER.name``)."""
    found = [
        f"{path.relative_to(PACKAGE)}:{line}: {value!r}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "schema.py"
        for line, value in type_name_literals(path)
    ]
    assert found == []


def template_literals(path: Path) -> list[tuple[int, str]]:
    """Strings in a template's expressions that spell a type name or a label (``o.get("source")`` reads a field)."""
    words = labels() | set(TYPE_NAMES)
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    tree = jinja2.Environment().parse(source)
    reads_field = {
        id(arg)
        for call in tree.find_all(jinja2.nodes.Call)
        if isinstance(call.node, jinja2.nodes.Getattr) and call.node.attr == "get"
        for arg in call.args[:1]
    }
    return [
        (node.lineno, node.value)
        for node in tree.find_all(jinja2.nodes.Const)
        if isinstance(node.value, str) and node.value in words and id(node) not in reads_field
        if NOT_A_TYPE not in lines[node.lineno - 1]
    ]


def test_templates_take_their_words_from_the_model() -> None:
    """`types.lesson.name`, `types.lesson.heading` (a template global), never "lesson" or "Lessen"."""
    found = [
        f"{path.relative_to(PACKAGE)}:{line}: {value!r}"
        for path in sorted((PACKAGE / "templates").rglob("*.j2"))
        for line, value in template_literals(path)
    ]
    assert found == []


def test_the_template_check_finds_a_spelt_name(tmp_path: Path) -> None:
    probe = tmp_path / "probe.md.j2"
    probe.write_text(
        '{% if r.type == "lesson" %}{{ p.section("Citaten", x) }}{% endif %}\n'
        '{{ p.get(o.get("source")) }} {{ p.overview(types.quote.name) }} Lessen in de tekst\n',
        encoding="utf-8",
    )
    assert sorted(template_literals(probe)) == [(1, "Citaten"), (1, "lesson")]


def test_the_type_name_check_finds_a_spelt_name(tmp_path: Path) -> None:
    """The check above is not blind: it finds each way of spelling a type name, and only those."""
    probe = tmp_path / "probe.py"
    probe.write_text(
        'a = record.type == "lesson"\n'
        'b = catalog.of_type("chapter")\n'
        'c = ("theme", "place")\n'
        'd = TYPES_BY_NAME["event"]\n'
        'e = record.get("source")\n'
        'f = catalog.targets(record.id, "chapter")\n'
        'g = item["organisation"]\n'
        'h = "quote"  # a toolbar button, not a record type\n',
        encoding="utf-8",
    )
    assert sorted(type_name_literals(probe)) == [
        (1, "lesson"),
        (2, "chapter"),
        (3, "place"),
        (3, "theme"),
        (4, "event"),
    ]


def test_mypy_refuses_a_misspelt_type_name() -> None:
    """``make typecheck`` fails on an unused ignore, so the ignore below proves mypy sees the typo."""
    assert Catalog().of_type("lesons") == []  # type: ignore[arg-type]


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
        "begrip": "dit begrip",
    }
