"""The link stage: the catalog, references between records, backlinks and editorial warnings."""

from __future__ import annotations

import dataclasses
import datetime as dt
from types import MappingProxyType
from typing import Any

import pytest

from build_tools.link import Catalog, is_stale, link
from build_tools.model import InlineRef, Record
from build_tools.problems import Code, Problem, Severity, did_you_mean, sort_problems
from build_tools.schema import TYPES_BY_NAME, TypeName

TODAY = dt.date(2026, 11, 23)


def rec(type_name: TypeName, record_id: str, *, inline: tuple[str, ...] = (), **fields: Any) -> Record:
    """A validated record as the validate stage would make it (lists as tuples)."""
    rtype = TYPES_BY_NAME[type_name]
    values = {"id": record_id, **{k: tuple(v) if isinstance(v, list) else v for k, v in fields.items()}}
    if not rtype.is_list:
        values.setdefault("status", "gepubliceerd")
        values.setdefault("reviewed", dt.date(2026, 11, 1))
    refs = tuple(InlineRef(target, None, "", 20 + i, 3) for i, target in enumerate(inline))
    return Record(
        id=record_id,
        type=type_name,
        path=f"{rtype.folder}/{record_id}{rtype.suffix}",
        fields=MappingProxyType(values),
        inline_refs=refs,
        positions={("id",): (2, 5), ("examples", 0): (12, 5), ("examples", 1): (13, 5)},
    )


def build(*records: Record, **kwargs: Any) -> tuple[Catalog, list[tuple[str, str, str, str]]]:
    linked = link(records, **kwargs)
    catalog, problems = linked.catalog, linked.problems
    return catalog, [(p.path, p.field, p.code, p.severity.value) for p in sort_problems(problems)]


GUIDE = (
    rec("lesson", "lange-adem", title="Lange adem", examples=["overvecht"], themes=["vertrouwen"]),
    rec("lesson", "klein-beginnen", title="Begin klein", examples=["overvecht"], inline=("lange-adem",)),
    rec("lesson", "concept-les", title="Aan het begin", status="concept", examples=["overvecht"]),
    rec("example", "overvecht", title="Overvecht", lessons=["lange-adem"], places=["utrecht"]),
    rec("chapter", "h2", number=2, title="Twee", items=["klein-beginnen", "lange-adem"]),
    rec("chapter", "h1", number=1, title="Een", items=["overvecht"], inline=("lange-adem",)),
    rec("theme", "vertrouwen", name="Vertrouwen"),
    rec("place", "utrecht", name="Utrecht", kind="gemeente"),
)


def test_a_clean_guide_links_without_problems() -> None:
    catalog, problems = build(*GUIDE)
    assert problems == []
    assert len(catalog) == len(GUIDE)
    assert "lange-adem" in catalog and "bestaat-niet" not in catalog
    assert catalog["overvecht"].title == "Overvecht"
    assert catalog.get("bestaat-niet") is None


def test_of_type_sorts_chapters_by_number_and_others_by_title() -> None:
    catalog, _ = build(*GUIDE)
    assert [r.id for r in catalog.of_type("chapter")] == ["h1", "h2"]
    assert [r.id for r in catalog.of_type("lesson")] == ["klein-beginnen", "lange-adem"]
    assert [r.id for r in catalog.of_type("lesson", published_only=False)] == [
        "concept-les",
        "klein-beginnen",
        "lange-adem",
    ]


def test_targets_in_the_order_named_published_only() -> None:
    catalog, _ = build(*GUIDE)
    assert [r.id for r in catalog.targets("h2")] == ["klein-beginnen", "lange-adem"]
    assert [r.id for r in catalog.targets("lange-adem", "themes")] == ["vertrouwen"]
    assert [r.id for r in catalog.targets("klein-beginnen")] == ["overvecht", "lange-adem"]  # inline too
    assert [r.id for r in catalog.targets("klein-beginnen", "")] == ["lange-adem"]


def test_mentioned_in_are_the_backlinks_by_type_then_title() -> None:
    catalog, _ = build(*GUIDE)
    # the concept lesson names overvecht too, but is not published: it is no backlink
    assert [r.id for r in catalog.mentioned_in("overvecht")] == ["h1", "klein-beginnen", "lange-adem"]
    assert [r.id for r in catalog.mentioned_in("overvecht", "lesson")] == ["klein-beginnen", "lange-adem"]
    # h1 names lange-adem only inline; h2 in its items; each counts once
    assert [r.id for r in catalog.mentioned_in("lange-adem")] == ["h1", "h2", "klein-beginnen", "overvecht"]
    assert catalog.mentioned_in("utrecht", "lesson") == []


def test_related_is_both_directions_by_title_without_itself() -> None:
    catalog, _ = build(*GUIDE)
    assert [r.id for r in catalog.related("overvecht", "lesson")] == ["klein-beginnen", "lange-adem"]
    assert [r.id for r in catalog.related("lange-adem")] == ["klein-beginnen", "h1", "overvecht", "h2", "vertrouwen"]


def test_neighbours_are_both_directions_concepts_included_without_itself() -> None:
    """What render (related records), diff (affected pages) and stats (unlinked records) ask."""
    catalog, _ = build(*GUIDE)
    related = {r.id for r in catalog.related("overvecht")}
    assert catalog.neighbours("overvecht") > related  # the concept lesson is a neighbour, not related
    assert catalog.neighbours("overvecht") - related == {r.id for r in GUIDE if not r.published}
    assert "overvecht" not in catalog.neighbours("overvecht")
    assert catalog.neighbours("onbekend") == frozenset()


def test_the_catalog_is_immutable() -> None:
    """Later stages cannot change what they were handed; a changed record makes a new catalog."""
    catalog, _ = build(*GUIDE)
    with pytest.raises(TypeError):
        catalog.records["x"] = GUIDE[0]  # type: ignore[index]
    with pytest.raises(AttributeError):
        catalog.records = {}  # type: ignore[misc]
    renamed = dataclasses.replace(catalog["lange-adem"], fields={**catalog["lange-adem"].fields, "title": "Anders"})
    changed = catalog.with_record(renamed)
    assert changed["lange-adem"].title == "Anders" and catalog["lange-adem"].title != "Anders"
    assert changed.neighbours("lange-adem") == catalog.neighbours("lange-adem")


def test_chapters_of_counts_items_not_inline_mentions() -> None:
    catalog, _ = build(*GUIDE)
    assert [r.id for r in catalog.chapters_of("lange-adem")] == ["h2"]
    assert [r.id for r in catalog.chapters_of("overvecht")] == ["h1"]


def test_unknown_ids_with_a_suggestion_of_the_right_type() -> None:
    example = rec("example", "overvecht-versnellingen", title="O", places=["utrecht"])
    place = rec("place", "overvecht-versnelingx", name="O", kind="wijk", municipality="utrecht")
    lesson = rec("lesson", "les", title="Les", examples=["overvecht-versneling", "utrecht", "rotterdam-zuid"])
    linked = link([GUIDE[-1], example, place, lesson])
    catalog, problems = linked.catalog, linked.problems
    found = {p.field: p for p in problems}
    assert [(p.field, p.code, p.line, p.column) for p in problems] == [
        ("examples[0]", Code.UNKNOWN_ID, 12, 5),
        ("examples[1]", Code.WRONG_TARGET, 13, 5),
        ("examples[2]", Code.UNKNOWN_ID, 1, 1),
    ]
    # the place id is closer, but 'examples' names examples only: the suggestion is the example
    assert found["examples[0]"].message == "onbekende id 'overvecht-versneling' — bedoel je 'overvecht-versnellingen'?"
    assert found["examples[1]"].message == (
        "'utrecht' is een plaats, maar 'examples' noemt alleen voorbeelden; "
        "verwijder het of kies een van de voorbeelden."
    )
    assert found["examples[2]"].message == (
        "onbekende id 'rotterdam-zuid' — controleer de spelling, of maak eerst een praktijkvoorbeeld met dit id aan "
        "('wijkengids list' toont alle ids)."
    )
    assert [link_.source for link_ in catalog.links_to("utrecht")] == [
        "overvecht-versnellingen",
        "overvecht-versnelingx",
    ]


def test_wrong_target_suggests_the_field_that_takes_it() -> None:
    example = rec("example", "voorbeeld", title="V", places=["utrecht"], themes=["lange-adem"])
    problems = link([*GUIDE, example]).problems
    (problem,) = problems
    assert problem.code == Code.WRONG_TARGET
    assert problem.message.endswith("zet het onder 'lessons'.")


def test_nested_reference_fields_are_checked_with_their_path() -> None:
    example = rec(
        "example",
        "voorbeeld",
        title="V",
        places=["utrecht"],
        budget=[MappingProxyType({"amount": 10, "description": "x", "source": "bron-x"})],
        organisations=[MappingProxyType({"organisation": "vertrouwen", "role": "x"})],
    )
    _, problems = build(*GUIDE, example)
    assert problems == [
        ("examples/voorbeeld.md", "budget[0].source", Code.UNKNOWN_ID, "error"),
        ("examples/voorbeeld.md", "organisations[0].organisation", Code.WRONG_TARGET, "error"),
    ]


def test_inline_references_to_any_type_but_they_must_exist() -> None:
    lesson = rec("lesson", "les", title="Les", inline=("utrecht", "vertrouwe", "nergens"))
    linked = link([*GUIDE, lesson])
    catalog, problems = linked.catalog, linked.problems
    assert [(p.line, p.column, p.field, p.code) for p in problems] == [
        (21, 3, "tekst", Code.UNKNOWN_ID),
        (22, 3, "tekst", Code.UNKNOWN_ID),
    ]
    assert problems[0].message == "onbekende id 'vertrouwe' — bedoel je 'vertrouwen'?"
    assert "maak eerst een record met dit id aan" in problems[1].message
    assert [r.id for r in catalog.targets("les")] == ["utrecht"]


def test_references_to_broken_records_are_not_reported_twice() -> None:
    lesson = rec("lesson", "les", title="Les", examples=["kapot"], inline=("kapot",))
    problems = link([lesson], broken_ids={"kapot"}).problems
    assert problems == []


def test_published_record_naming_a_concept_gets_a_warning_and_no_visible_link() -> None:
    concept = rec("example", "nog-niet", title="Nog niet", status="concept")
    lesson = rec("lesson", "les", title="Les", examples=["nog-niet"], inline=("nog-niet",))
    catalog, problems = build(concept, lesson)
    assert problems == [
        ("lessons/les.md", "examples[0]", Code.UNPUBLISHED_REF, "warning"),
        ("lessons/les.md", "tekst", Code.UNPUBLISHED_REF, "warning"),
    ]
    assert catalog.targets("les") == []
    assert [link_.target for link_ in catalog.links_from("les")] == ["nog-niet", "nog-niet"]


def test_concept_naming_a_concept_is_fine() -> None:
    concept = rec("example", "nog-niet", title="Nog niet", status="concept")
    lesson = rec("lesson", "les", title="Les", status="concept", examples=["nog-niet"])
    assert build(concept, lesson)[1] == []


def test_duplicate_ids_across_types_keep_the_first_by_path() -> None:
    theme = rec("theme", "utrecht", name="Utrecht als thema")
    place = rec("place", "utrecht", name="Utrecht", kind="gemeente")
    linked = link([theme, place])
    catalog, problems = linked.catalog, linked.problems
    (problem,) = problems
    assert (problem.path, problem.code, problem.field, problem.line) == (
        "guide/themas/utrecht.yml",
        Code.DUPLICATE_ID,
        "id",
        2,
    )
    assert "guide/plaatsen/utrecht.yml" in problem.message
    assert catalog["utrecht"].type == "place"


def test_duplicate_chapter_numbers() -> None:
    _, problems = build(*GUIDE, rec("chapter", "h0", number=1, title="Nul"))
    assert problems == [("guide/hoofdstukken/h1.md", "number", Code.DUPLICATE_NUMBER, "error")]


@pytest.mark.parametrize(
    ("places", "expected"),
    [
        (
            [rec("place", "wijk", name="W", kind="wijk")],
            [("guide/plaatsen/wijk.yml", "municipality", Code.BAD_HIERARCHY, "error")],
        ),
        (
            [
                rec("place", "w1", name="W", kind="wijk", municipality="w2"),
                rec("place", "w2", name="W", kind="wijk", municipality="utrecht"),
            ],
            [("guide/plaatsen/w1.yml", "municipality", Code.BAD_HIERARCHY, "error")],
        ),
        (
            [rec("place", "g", name="G", kind="gemeente", municipality="utrecht")],
            [("guide/plaatsen/g.yml", "municipality", Code.BAD_HIERARCHY, "error")],
        ),
        ([rec("place", "w", name="W", kind="wijk", municipality="utrecht")], []),
    ],
)
def test_places_hierarchy(places: list[Record], expected: list[tuple[str, str, str, str]]) -> None:
    assert build(GUIDE[-1], *places)[1] == expected


def test_stale_records_are_warned_about_with_a_fixed_today() -> None:
    old = rec("lesson", "oud", title="Oud", reviewed=dt.date(2024, 11, 22))
    edge = rec("lesson", "net", title="Net", reviewed=dt.date(2024, 11, 23))
    concept = rec("lesson", "concept", title="C", status="concept", reviewed=dt.date(2000, 1, 1))
    theme = rec("theme", "thema", name="Thema")
    records = (old, edge, concept, theme)
    linked = link(records, today=TODAY, stale_after_days=730)
    catalog, problems = linked.catalog, linked.problems
    (problem,) = problems
    assert (problem.path, problem.code, problem.severity, problem.field) == (
        "lessons/oud.md",
        Code.STALE,
        Severity.WARNING,
        "reviewed",
    )
    assert problem.message.startswith("laatst nagekeken op 2024-11-22, 731 dagen geleden (grens: 730)")
    assert link(records, today=TODAY, stale_after_days=None).problems == []
    assert is_stale(catalog["oud"], TODAY, 730)
    assert not is_stale(catalog["net"], TODAY, 730)
    assert not is_stale(catalog["thema"], TODAY, 1)


# -- problems ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "candidates", "expected"),
    [
        ("overvecht-versneling", ["overvecht-versnelling", "lange-adem"], " — bedoel je 'overvecht-versnelling'?"),
        ("nmae", ["name", "kind"], " — bedoel je 'name'?"),
        ("synonym", ["synonyms", "name"], " — bedoel je 'synonyms'?"),
        ("gepubliseerd", ("concept", "gepubliceerd", "verouderd"), " — bedoel je 'gepubliceerd'?"),
        ("auteur", ["title", "summary", "sources"], ""),
        ("x", [], ""),
    ],
)
def test_did_you_mean(word: str, candidates: list[str], expected: str) -> None:
    assert did_you_mean(word, candidates) == expected


def test_problems_sort_by_file_line_and_column() -> None:
    problems = [
        Problem("b.yml", 1, 1, Code.TAB, "x"),
        Problem("a.yml", 10, 1, Code.TAB, "x"),
        Problem("a.yml", 2, 9, Code.TAB, "x"),
        Problem("a.yml", 2, 3, Code.TAB, "x"),
        Problem("a.yml", 0, 0, Code.TOO_LARGE, "x"),
    ]
    assert [(p.path, p.line, p.column) for p in sort_problems(problems)] == [
        ("a.yml", 0, 0),
        ("a.yml", 2, 3),
        ("a.yml", 2, 9),
        ("a.yml", 10, 1),
        ("b.yml", 1, 1),
    ]


def test_problem_codes_are_registered() -> None:
    """A code is a member of :class:`Code`: mypy refuses a bare string, and so does the constructor."""
    with pytest.raises(ValueError, match="unregistered problem code 'geen-code'"):
        Problem("a.yml", 1, 1, "geen-code", "x")  # type: ignore[arg-type]
    assert Problem("a.yml", 1, 1, "tab", "x").code is Code.TAB  # type: ignore[arg-type]


def test_records_with_errors_still_have_their_references_checked() -> None:
    """A partial record (one that failed validation) is checked but joins neither the catalog nor its links."""
    partial = rec("lesson", "kapot", title="Kapot", examples=["overvecht-versneling", "overvecht"], inline=("nergens",))
    catalog, problems = build(*GUIDE, partial=[partial])
    assert problems == [
        ("lessons/kapot.md", "examples[0]", Code.UNKNOWN_ID, "error"),
        ("lessons/kapot.md", "tekst", Code.UNKNOWN_ID, "error"),
    ]
    assert "kapot" not in catalog
    assert "kapot" not in {r.id for r in catalog.mentioned_in("overvecht")}
    assert all(link_.source != "kapot" for link_ in catalog.links_to("overvecht"))
