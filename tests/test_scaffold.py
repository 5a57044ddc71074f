"""``wijkengids new``: a record with every field, a Dutch comment per field, never overwriting."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from conftest import MINIMAL, TODAY

from build_tools.cli import main
from build_tools.load import split_front_matter
from build_tools.pipeline import check
from build_tools.problems import Code
from build_tools.scaffold import create_record, render_scaffold, slugify
from build_tools.schema import RECORD_TYPES, TYPES_BY_NAME, Kind, RecordType, type_named

#: Fields the scaffold fills in itself.
PREFILLED = frozenset(("id", "status", "reviewed", "title", "name", "term"))

#: What an editor types over each placeholder, per type: (placeholder, value) text replacements.
FILLED: dict[str, list[tuple[str, str]]] = {
    "lesson": [
        ('summary: ""', 'summary: "Begin klein en bouw vertrouwen op."'),
        ("apply: []", 'apply: ["Begin met een buurtgesprek."]'),
        ("sources: []", "sources: [debeuk-weerbare-wijken]"),
    ],
    "dilemma": [
        ('pole_a: ""', "pole_a: Snel resultaat"),
        ('pole_b: ""', "pole_b: Lange adem"),
        ('question: ""', "question: Wat gaat voor?"),
        ("considerations: []", "considerations: [Bewoners willen iets zien.]"),
        ('view: ""', "view: Allebei, in die volgorde."),
        ("sources: []", "sources: [debeuk-weerbare-wijken]"),
    ],
    "example": [
        ("places: []", "places: [overvecht]"),
        ("results: []", "results: [Meer vertrouwen.]"),
        ("sources: []", "sources: [debeuk-weerbare-wijken]"),
    ],
    "quote": [
        ('text: ""', "text: Je moet het samen doen."),
        ('speaker: ""', "speaker: Jan Jansen"),
        ('source: ""', "source: debeuk-weerbare-wijken"),
    ],
    "chapter": [
        ('number: ""', "number: 3"),
        ("goals: []", "goals: [wat een wijkaanpak is.]"),
        ("questions: []", "questions: [Wat herken je?]"),
    ],
    "theme": [],
    "place": [('kind: ""', "kind: gemeente")],
    "organisation": [('kind: ""', "kind: gemeente")],
    "source": [('publisher: ""', "publisher: de-beuk"), ('kind: ""', "kind: rapport")],
    "event": [
        ('date: ""', "date: 2007-03-22"),
        ('description: ""', "description: Veertig wijken worden krachtwijk."),
        ("sources: []", "sources: [debeuk-weerbare-wijken]"),
    ],
    "begrip": [('definition: ""', "definition: Samen iets maken.")],
}


def unfilled(rtype: RecordType) -> set[str]:
    """The fields ``check`` must name in a fresh scaffold: required ones the scaffold leaves empty."""
    names = {f.name for f in rtype.all_fields if f.required and f.name not in PREFILLED}
    if rtype.body is not None and rtype.body.required:
        names.add("tekst")
    return names


def fields_of(text: str, rtype: RecordType) -> dict[str, Any]:
    if rtype.fmt == "md":
        split = split_front_matter(text)
        assert split is not None
        text = split[0]
    data = yaml.safe_load(text)
    assert isinstance(data, dict)
    return data


def problems_in(root: Path, rel: str) -> list[tuple[str, str]]:
    result = check(root, today=TODAY)
    others = [p for p in result.problems if p.path != rel]
    assert others == [], others
    return [(p.field, p.code) for p in result.problems]


def test_new_lesson_from_a_dutch_title(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["new", "les", "Coöperatie en vertrouwen"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "lessons/cooperatie-en-vertrouwen.md\n"
    text = (tmp_path / "lessons/cooperatie-en-vertrouwen.md").read_text(encoding="utf-8")
    data = fields_of(text, TYPE["lesson"])
    assert data["id"] == "cooperatie-en-vertrouwen"
    assert data["title"] == "Coöperatie en vertrouwen"
    assert data["status"] == "concept"
    assert data["reviewed"] == dt.date.today()


def test_new_refuses_to_overwrite(tmp_path: Path) -> None:
    args = ["new", "les", "Coöperatie en vertrouwen", "-C", str(tmp_path)]
    assert CliRunner().invoke(main, args).exit_code == 0
    path = tmp_path / "lessons/cooperatie-en-vertrouwen.md"
    path.write_text("mijn werk", encoding="utf-8")
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert "lessons/cooperatie-en-vertrouwen.md bestaat al" in result.stderr
    assert path.read_text(encoding="utf-8") == "mijn werk"


def test_new_refuses_a_title_without_letters(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["new", "thema", "?!", "-C", str(tmp_path)])
    assert result.exit_code == 1
    assert "valt geen id te maken" in result.stderr
    assert not (tmp_path / "guide").exists()


def test_new_accepts_english_type_names(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["new", "lesson", "Klein beginnen", "-C", str(tmp_path)])
    assert result.exit_code == 0
    assert (tmp_path / "lessons/klein-beginnen.md").is_file()


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Coöperatie en vertrouwen", "cooperatie-en-vertrouwen"),
        ("  Één wijk, één plan!  ", "een-wijk-een-plan"),
        ("Café 't Hoekje — Zuidas", "cafe-t-hoekje-zuidas"),
        ("Overvecht 2.0", "overvecht-2-0"),
        ("x" * 70, "x" * 64),
        ("een " * 30, ("een-" * 16)[:63]),
        ("?!", ""),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug
    assert len(slug) <= 64


TYPE = TYPES_BY_NAME


@pytest.mark.parametrize("rtype", RECORD_TYPES, ids=lambda t: t.name)
def test_scaffold_parses_and_names_every_field_with_a_comment(rtype: RecordType) -> None:
    text = render_scaffold(rtype, 'Samen: de wijk "Zuid"', "samen-de-wijk-zuid", TODAY)
    data = fields_of(text, rtype)
    assert list(data) == [f.name for f in rtype.all_fields]
    lines = text.splitlines()
    for field in rtype.all_fields:
        (index,) = [i for i, line in enumerate(lines) if line.startswith(f"{field.name}:")]
        assert lines[index - 1].startswith("# "), f"{field.name} has no comment"
        for sub in field.fields:
            if field.kind is Kind.OBJECT:
                assert sub.name in data[field.name]
            else:
                assert re.search(rf"^#\s+-?\s*{sub.name}: ", text, re.M), f"{field.name}.{sub.name} not named"
    if "title" in data:
        assert data["title"] == 'Samen: de wijk "Zuid"'


@pytest.mark.parametrize("rtype", RECORD_TYPES, ids=lambda t: t.name)
def test_check_names_exactly_the_unfilled_fields_and_passes_once_filled(rtype: RecordType, tmp_path: Path) -> None:
    root = tmp_path / "gids"
    shutil.copytree(MINIMAL, root)
    path = create_record(root, rtype, "Samen optrekken in de wijk", TODAY)
    rel = path.relative_to(root).as_posix()
    assert rel == f"{rtype.folder}/samen-optrekken-in-de-wijk{rtype.suffix}"
    found = problems_in(root, rel)
    assert {name for name, _ in found} == unfilled(rtype)
    assert len(found) == len(unfilled(rtype)), found
    for name, code in found:
        field = rtype.field_named(name)
        is_list = field is not None and field.min_items > 0
        assert code == (Code.TOO_FEW if is_list else Code.MISSING_FIELD), (name, code)

    text = path.read_text(encoding="utf-8")
    for placeholder, value in FILLED[rtype.name]:
        assert text.count(f"\n{placeholder}\n") == 1, placeholder
        text = text.replace(f"\n{placeholder}\n", f"\n{value}\n")
    if rtype.body is not None:
        text += "Hier staat de tekst, met een verwijzing naar [[lange-adem]].\n"
    path.write_text(text, encoding="utf-8")
    assert problems_in(root, rel) == []


def test_filled_in_types_cover_every_type() -> None:
    assert set(FILLED) == set(TYPE)
    for name, fills in FILLED.items():
        placeholders = {placeholder.split(":")[0] for placeholder, _ in fills}
        assert placeholders == unfilled(type_named(name)) - {"tekst"}, name


def test_new_warns_when_another_type_uses_the_id(tmp_path: Path) -> None:
    root = tmp_path / "gids"
    shutil.copytree(MINIMAL, root)
    result = CliRunner().invoke(main, ["new", "thema", "Lange adem", "-C", str(root)])
    assert result.exit_code == 0
    assert result.stdout == f"{root.as_posix()}/guide/themas/lange-adem.yml\n"
    assert "let op: id 'lange-adem' is al in gebruik door lessons/lange-adem.md" in result.stderr
    assert CliRunner().invoke(main, ["new", "thema", "Samen", "-C", str(root)]).stderr == ""
