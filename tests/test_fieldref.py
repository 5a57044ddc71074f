"""The field reference is complete: every record type, every field, every rule, every problem code."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import markdown
import pytest

from build_tools.fieldref import render_field_reference
from build_tools.problems import Code
from build_tools.schema import KIND_WORDS, RECORD_TYPES, TYPES_BY_NAME, Field, Kind, RecordType

PAGE = render_field_reference()


def sections(text: str) -> dict[str, str]:
    """``## Heading`` → the text up to the next such heading."""
    parts = re.split(r"^## (.+)$", text, flags=re.M)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}


def walk(fields: tuple[Field, ...], prefix: str = "") -> Iterator[tuple[str, Field]]:
    for field in fields:
        name = prefix + field.name
        yield name, field
        if field.fields:
            yield from walk(field.fields, f"{name}[]." if field.kind is Kind.OBJECT_LIST else f"{name}.")


def row_of(section: str, name: str) -> list[str]:
    """The cells of the table row for field ``name``."""
    (line,) = [line for line in section.splitlines() if line.startswith(f"| `{name}` |")]
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", line)[2:-1]]


def test_one_section_per_record_type_in_model_order() -> None:
    headings = list(sections(PAGE))
    assert headings == [t.label.capitalize() for t in RECORD_TYPES] + ["Meldingen van de controle"]


@pytest.mark.parametrize("rtype", RECORD_TYPES, ids=lambda t: t.name)
def test_every_field_is_described(rtype: RecordType) -> None:
    section = sections(PAGE)[rtype.label.capitalize()]
    assert f"`{rtype.folder}/`" in section
    assert f"`{rtype.folder}/<id>{rtype.suffix}`" in section
    assert f'`wijkengids new {rtype.label} "Titel"`' in section
    names = [name for name, _ in walk(rtype.all_fields)]
    listed = re.findall(r"^\| `([^`]+)` \|", section, flags=re.M)
    assert listed == names
    for name, field in walk(rtype.all_fields):
        kind, rules, values, doc = row_of(section, name)
        assert kind == KIND_WORDS[field.kind].label
        assert rules.startswith("**verplicht**" if field.required else "mag leeg blijven")
        if field.min_items:
            assert f"minstens {field.min_items}" in rules
        if field.max_length:
            assert f"hoogstens {field.max_length} tekens" in rules
        if field.minimum is not None and field.maximum is not None:
            assert f"van {field.minimum} tot en met {field.maximum}" in rules
        for choice in field.choices:
            assert f"`{choice}`" in values
        for target in field.targets:
            label = TYPES_BY_NAME[target].label
            assert f"[{label}](#{label})" in values
        assert doc == " ".join(field.doc.split())
    if rtype.body is not None:
        assert f"| *(tekst onder de velden)* | tekst (Markdown) | **verplicht** |  | {rtype.body.doc} |" in section


def test_every_problem_code_is_explained() -> None:
    section = sections(PAGE)["Meldingen van de controle"]
    for code in Code:
        assert f"| `{code}` | {code.description} |" in section


def test_tables_render_with_a_cell_per_column() -> None:
    """A stray pipe in a description would shift the columns; the rendered HTML shows it."""
    html = markdown.markdown(PAGE, extensions=["tables"])
    rows = re.findall(r"<tr>(.*?)</tr>", html, flags=re.S)
    assert (
        len(rows) == sum(len(list(walk(t.all_fields))) + 1 + (t.body is not None) for t in RECORD_TYPES) + len(Code) + 1
    )
    for row in rows:
        cells = re.findall(r"<t[hd]>", row)
        assert len(cells) in (5, 2), row


def test_in_page_links_point_at_headings() -> None:
    html = markdown.markdown(PAGE, extensions=["tables", "toc"])
    ids = set(re.findall(r'<h2 id="([^"]+)"', html))
    targets = set(re.findall(r'href="#([^"]+)"', html))
    assert targets
    assert targets <= ids


def test_the_copy_in_the_repository_is_current() -> None:
    """VELDEN.md (linked from CONTRIBUTING.md) is the generated page, byte for byte."""
    copy = Path(__file__).resolve().parent.parent / "VELDEN.md"
    assert copy.read_text(encoding="utf-8") == PAGE, "run: python -m build_tools.fieldref > VELDEN.md"
