"""Acceptance checks on the shipped guide: the first edition written from the source texts.

These tests read the real content of the repository (``lessons/``, ``examples/``,
``guide/``), not a fixture. The originality checks compare the guide with hashed
word shingles of the source texts (``tests/data/source_shingles.txt``), because a
clean clone holds no source texts.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from build_tools import originality
from build_tools.cli import main
from build_tools.link import Catalog
from build_tools.pipeline import CheckResult, check
from build_tools.problems import Code
from build_tools.schema import CONTENT_TYPES, RECORD_TYPES
from build_tools.stats import count_noun

ROOT = Path(__file__).resolve().parent.parent
HASH_FILE = ROOT / "tests" / "data" / "source_shingles.txt"
SOURCES_DIR = ROOT.parent / "shared" / "sources"
PAGES = ("guide/over.md", "guide/bijdragen.md")
#: The five source texts the first edition is written from.
MAIN_SOURCES = (
    "publicresult-wijkenaanpak",
    "debeuk-weerbare-wijken",
    "bmc-slagkracht-perspectief",
    "wijkengids2-vooraf",
    "ruimtevolk-wijkteams",
)


@pytest.fixture(scope="module")
def result() -> CheckResult:
    """The shipped guide checked today, without review reminders (a record reviewed today is not in the future)."""
    return check(ROOT, stale_after_days=None)


@pytest.fixture(scope="module")
def catalog(result: CheckResult) -> Catalog:
    return result.catalog


@pytest.fixture(scope="module")
def known() -> frozenset[str]:
    assert HASH_FILE.is_file(), (
        f"{HASH_FILE.relative_to(ROOT)} ontbreekt: genereer het uit de bronteksten met "
        "build_tools.originality.hashes_of_folder(Path('../shared/sources'))."
    )
    return originality.read_hash_file(HASH_FILE)


# -- wijkengids check ------------------------------------------------------


def test_shipped_guide_has_no_problems(result: CheckResult) -> None:
    assert result.files > 100
    assert [str(p) for p in result.problems] == []


def test_shipped_guide_has_no_problems_today_except_review_reminders() -> None:
    problems = check(ROOT).problems
    assert [str(p) for p in problems if p.code != Code.STALE] == []


def test_check_command_passes_on_shipped_guide() -> None:
    outcome = CliRunner().invoke(main, ["check", str(ROOT), "--stale-after", "100000"])
    assert outcome.exit_code == 0, outcome.output
    assert "geen problemen" in outcome.output


# -- what the first edition contains ---------------------------------------


def test_first_edition_has_the_planned_amount_of_content(catalog: Catalog) -> None:
    counts = {t: len(catalog.of_type(t)) for t in ("lesson", "dilemma", "example", "quote", "theme", "chapter")}
    assert counts["lesson"] >= 25
    assert counts["dilemma"] >= 6
    assert counts["example"] >= 5
    assert counts["quote"] >= 3
    assert counts["theme"] >= 10
    assert counts["chapter"] >= 9


def test_lessons_lead_with_the_lesson_not_with_who_said_it(catalog: Catalog) -> None:
    """A lesson's text opens with the lesson itself; who said it comes after (no "Volgens BMC …")."""
    speakers = {str(o.get("name")) for o in catalog.of_type("organisation")}
    speakers |= {str(q.get("speaker")) for q in catalog.of_type("quote")}
    openings = {lesson.id: " ".join(lesson.body.split())[:80] for lesson in catalog.of_type("lesson")}
    attributed = {
        lesson_id: opening
        for lesson_id, opening in openings.items()
        if opening.startswith("Volgens ") or any(opening.startswith(name + " ") for name in speakers)
    }
    assert attributed == {}


def test_one_spelling_of_wijkaanpak_outside_names_and_quotes(catalog: Catalog) -> None:
    """'wijkaanpak' throughout; 'wijkenaanpak' only in names (Wijkenaanpak Nieuwe Stijl, the
    Visitatiecommissie Wijkenaanpak, Platform31's werkateliers wijkenaanpak, a publication's
    title), in ids and in quotes."""
    names = re.compile(
        r"wijkenaanpak nieuwe stijl|visitatiecommissie wijkenaanpak|werkateliers? wijkenaanpak", re.IGNORECASE
    )
    word = re.compile(r"(?<![\w-])wijkenaanpak(?![\w-])", re.IGNORECASE)

    def texts(value: object) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, (tuple, list)):
            return [t for item in value for t in texts(item)]
        if hasattr(value, "values"):
            return [t for item in value.values() for t in texts(item)]
        return []

    found = []
    for record in catalog.records.values():
        fields = {k: v for k, v in record.fields.items() if not (record.type == "quote" and k == "text")}
        if record.type == "source":
            fields.pop("title", None)  # a publication's own title is a name
        for text in [*texts(fields), record.body]:
            found += [f"{record.path}: {m.group(0)}" for m in word.finditer(names.sub("", " ".join(text.split())))]
    for page in PAGES:
        text = (ROOT / page).read_text(encoding="utf-8")
        found += [f"{page}: {m.group(0)}" for m in word.finditer(names.sub("", " ".join(text.split())))]
    assert found == []


def test_themes_named_in_the_issue_exist(catalog: Catalog) -> None:
    wanted = {
        "leefbaarheid",
        "veiligheid",
        "gezondheid",
        "opvoeden-opgroeien",
        "samenleven",
        "werk-ondernemerschap",
        "duurzaamheid",
        "vertrouwen",
        "participatie",
        "samenwerking",
    }
    assert wanted <= {r.id for r in catalog.of_type("theme")}


def test_main_sources_and_utrecht_krachtwijken_exist(catalog: Catalog) -> None:
    for source_id in MAIN_SOURCES:
        assert source_id in catalog and catalog[source_id].type == "source"
    wijken = {r.id for r in catalog.of_type("place") if r.get("municipality") == "utrecht"}
    assert {"overvecht", "kanaleneiland", "ondiep", "zuilen-oost", "hoograven"} <= wijken


def test_chapters_are_numbered_from_zero_without_gaps(catalog: Catalog) -> None:
    numbers = [int(r.get("number")) for r in catalog.of_type("chapter")]
    assert numbers == list(range(len(numbers)))
    for chapter in catalog.of_type("chapter"):
        assert chapter.get("goals") and chapter.get("questions") and chapter.body.strip(), chapter.path


def test_every_lesson_dilemma_and_example_cites_a_source(catalog: Catalog) -> None:
    for type_name in ("lesson", "dilemma", "example"):
        for record in catalog.of_type(type_name):
            cited = catalog.targets(record.id, "sources")
            assert cited, f"{record.path} noemt geen bron"
            assert all(r.type == "source" for r in cited)


def test_every_example_names_a_lesson(catalog: Catalog) -> None:
    for example in catalog.of_type("example"):
        assert catalog.targets(example.id, "lessons"), f"{example.path} noemt geen les"


def test_every_lesson_links_to_an_example_dilemma_or_quote(catalog: Catalog) -> None:
    for lesson in catalog.of_type("lesson"):
        linked = [r for r in catalog.related(lesson.id) if r.type in ("example", "dilemma", "quote")]
        assert linked, f"{lesson.path} is niet verbonden met een voorbeeld, dilemma of citaat"


def test_every_theme_has_at_least_three_records(catalog: Catalog) -> None:
    for theme in catalog.of_type("theme"):
        named = [r for t in CONTENT_TYPES for r in catalog.mentioned_in(theme.id, t)]
        assert len(named) >= 3, f"thema {theme.id} heeft maar {len(named)} records"


def test_every_content_record_is_in_a_chapter(catalog: Catalog) -> None:
    unplaced = [r.path for t in CONTENT_TYPES for r in catalog.of_type(t) if not catalog.chapters_of(r.id)]
    assert unplaced == []


def test_every_example_has_places_and_results(catalog: Catalog) -> None:
    for example in catalog.of_type("example"):
        assert example.get("places") and example.get("results"), example.path


def test_open_points_between_sources_are_stated(catalog: Catalog) -> None:
    lansingerland = str(catalog["lansingerland-vogelbuurt"].get("source_notes"))
    assert "Vogelwijk" in lansingerland and "Vogelbuurt" in lansingerland
    bmc_note = str(catalog["bmc-slagkracht-perspectief"].get("note"))
    assert "3 mei 2022" in bmc_note and "19 april 2022" in bmc_note
    stob_note = str(catalog["publicresult-wijkenaanpak"].get("note"))
    assert "18 januari" in stob_note and "niet bekend" in stob_note


def test_quotes_are_attributed(catalog: Catalog) -> None:
    for quote in catalog.of_type("quote"):
        assert quote.get("speaker") and quote.get("source"), quote.path
    speakers = {q.get("speaker") for q in catalog.of_type("quote")}
    assert "Jan Jans" in speakers


# -- originality -------------------------------------------------------------


def test_no_eight_word_run_of_a_source_outside_quotes(catalog: Catalog, known: frozenset[str]) -> None:
    overlaps = originality.check_catalog(catalog, known)
    for page in PAGES:
        overlaps += originality.check_page(ROOT, page, known)
    assert not overlaps, (
        "Tekst gelijk aan een bron (schrijf in eigen woorden of maak er een citaat van):\n"
        + "\n".join(map(str, overlaps))
    )


def test_the_check_covers_every_non_quote_record_and_both_pages(catalog: Catalog) -> None:
    checked = originality.checked_records(catalog)
    assert {r.id for r in checked} == {r.id for r in catalog.records.values() if r.type != "quote"}
    assert all(any(originality.record_texts(r)) for r in checked)
    lesson = catalog["lange-adem"]
    fields = {where.split("[")[0] for where, _ in originality.record_texts(lesson)}
    assert {"title", "summary", "apply", "keywords", "tekst"} <= fields
    for page in PAGES:
        assert (ROOT / page).is_file(), page


def test_quotes_are_word_for_word_from_a_source(catalog: Catalog, known: frozenset[str]) -> None:
    for quote in catalog.of_type("quote"):
        tokens = originality.words(str(quote.get("text")))
        assert len(tokens) >= originality.SHINGLE_SIZE, quote.path
        missing = [" ".join(tokens[i : i + 8]) for i, h in originality.shingles(tokens) if h not in known]
        assert missing == [], f"{quote.path}: niet letterlijk uit een bron: {missing[:3]}"


def test_hash_file_matches_the_source_texts() -> None:
    if SOURCES_DIR.is_dir():
        assert len(list(SOURCES_DIR.glob("*.txt"))) == 5, f"verwacht vijf bronteksten in {SOURCES_DIR}"
    problem = originality.hash_file_problem(SOURCES_DIR, HASH_FILE)
    assert problem is None, problem


def test_hash_file_check_fails_clearly_without_sources_or_hashes(tmp_path: Path) -> None:
    sources, hashes = tmp_path / "sources", tmp_path / "source_shingles.txt"
    problem = originality.hash_file_problem(sources, hashes)
    assert problem is not None and "Geen bronteksten" in problem and "source_shingles.txt" in problem

    sources.mkdir()
    (sources / "a.txt").write_text("een twee drie vier vijf zes zeven acht negen", encoding="utf-8")
    assert "ontbreekt" in str(originality.hash_file_problem(sources, hashes))
    originality.write_hash_file(sources, hashes)
    assert originality.hash_file_problem(sources, hashes) is None
    assert len(hashes.read_text(encoding="utf-8").splitlines()) == 2

    (sources / "a.txt").write_text("iets heel anders dan eerst met meer dan acht woorden", encoding="utf-8")
    assert "verouderd" in str(originality.hash_file_problem(sources, hashes))

    (sources / "a.txt").unlink()
    sources.rmdir()
    assert originality.hash_file_problem(sources, hashes) is None  # a clean clone: the hashes suffice
    hashes.write_text("niet-hex\n", encoding="utf-8")
    assert "beschadigd" in str(originality.hash_file_problem(sources, hashes))


SOURCE = "de bewoners van de wijk werken samen aan een schone straat en een veilig plein"


def test_detector_catches_an_eight_word_copy() -> None:
    known = frozenset(originality.source_hashes([SOURCE]))
    text = "Wij zagen dat De bewoners van de wijk werken samen aan het plan."
    overlaps = originality.find_overlaps("les", text, known)
    assert [o.words for o in overlaps] == ["de bewoners van de wijk werken samen aan"]
    assert str(overlaps[0]) == "les: 'de bewoners van de wijk werken samen aan'"


def test_detector_ignores_a_seven_word_run() -> None:
    known = frozenset(originality.source_hashes([SOURCE]))
    text = "Wij zagen dat de bewoners van de wijk werken samen, met een plan."
    assert originality.find_overlaps("les", text, known) == []


def test_detector_merges_a_long_copy_into_one_run_and_ignores_case_and_markup() -> None:
    known = frozenset(originality.source_hashes([SOURCE]))
    text = "**De Bewoners** van de wijk\nwerken samen aan een *schone* straat. Verder niets."
    overlaps = originality.find_overlaps("les", text, known)
    assert [o.words for o in overlaps] == ["de bewoners van de wijk werken samen aan een schone straat"]


def test_words_are_normalised() -> None:
    assert originality.words("Coöperatie\u0301 en CO-PRODUCTIE!") == originality.words("coöperatié en co productie")


# -- wijkengids stats ----------------------------------------------------------


def test_stats_counts_match_the_catalog(catalog: Catalog) -> None:
    outcome = CliRunner().invoke(main, ["stats", "--root", str(ROOT)])
    assert outcome.exit_code == 0, outcome.output
    lines = outcome.output.splitlines()

    per_type = {m[1]: (int(m[2]), int(m[3])) for m in (re.match(r"  (\S+)\s+(\d+) / (\d+)$", x) for x in lines) if m}
    for rtype in RECORD_TYPES:
        records = catalog.of_type(rtype.name, published_only=False)
        assert per_type[rtype.plural] == (sum(r.published for r in records), len(records))

    per_theme = {
        m[1]: (int(m[2]), [int(n) for n in m[3].split(", ")])
        for m in (re.match(r"  ([a-z0-9-]+)\s+(\d+)  \(([\d, ]+)\)$", x) for x in lines)
        if m
    }
    assert set(per_theme) == {t.id for t in catalog.of_type("theme")}
    for theme_id, (total, counts) in per_theme.items():
        expected = [len(catalog.mentioned_in(theme_id, t)) for t in CONTENT_TYPES]
        assert counts == expected and total == sum(expected), theme_id

    for chapter in catalog.of_type("chapter"):
        items = [catalog[i] for i in chapter.refs("items")]
        detail = ", ".join(count_noun(t, n) for t in CONTENT_TYPES if (n := sum(1 for r in items if r.type == t)))
        assert f"  {int(chapter.get('number')):>2}. {chapter.title} — {detail}" in lines

    assert UNLINKED + "0" in lines
    assert "Records in geen enkel hoofdstuk: 0" in lines


UNLINKED = "Records zonder links naar lessen, dilemma's, voorbeelden of citaten: "

LONE_LESSON = """\
---
id: {id}
status: concept
reviewed: 2026-11-23
title: {id}
summary: Een les.
apply:
  - Doe iets.
sources:
  - bron
{extra}---

Tekst.
"""


def test_stats_lists_records_without_links(tmp_path: Path) -> None:
    (tmp_path / "lessons").mkdir()
    (tmp_path / "guide" / "bronnen").mkdir(parents=True)
    (tmp_path / "guide" / "organisaties").mkdir()
    (tmp_path / "guide" / "organisaties" / "org.yml").write_text("id: org\nname: Org\nkind: overig\n")
    (tmp_path / "guide" / "bronnen" / "bron.yml").write_text("id: bron\ntitle: Bron\npublisher: org\nkind: artikel\n")
    (tmp_path / "lessons" / "los.md").write_text(LONE_LESSON.format(id="los", extra=""))
    (tmp_path / "lessons" / "paar-a.md").write_text(LONE_LESSON.format(id="paar-a", extra=""))
    (tmp_path / "lessons" / "paar-b.md").write_text(
        LONE_LESSON.format(id="paar-b", extra="").replace("Tekst.", "Zie [[paar-a]].")
    )
    outcome = CliRunner().invoke(main, ["stats", "--root", str(tmp_path)])
    assert outcome.exit_code == 0, outcome.output
    lines = outcome.output.splitlines()
    at = lines.index(UNLINKED + "1")
    assert lines[at + 1] == "  lessons/los.md"
    assert "  lessen            0 / 3" in lines
    assert count_noun("lesson", 1) == "1 les" and count_noun("dilemma", 2) == "2 dilemma's"


# -- quotes verified against the source they cite -------------------------------

QUOTE_HASHES = ROOT / originality.QUOTE_HASH_FILE


def test_quote_hash_file_matches_the_source_texts() -> None:
    source_ids = originality.read_source_ids(ROOT / originality.SOURCE_IDS_FILE)
    assert set(source_ids.values()) == set(MAIN_SOURCES)
    committed = QUOTE_HASHES.read_text(encoding="utf-8")
    if SOURCES_DIR.is_dir():
        assert committed == originality.format_quote_hash_file(SOURCES_DIR, source_ids), (
            "tests/data/quote_shingles.txt is verouderd: genereer het opnieuw met "
            "python -m build_tools.originality ../shared/sources tests/data/source_shingles.txt"
        )
    assert set(originality.read_quote_hashes(QUOTE_HASHES)) == set(MAIN_SOURCES)


def test_every_shipped_quote_is_checked_and_passes(catalog: Catalog) -> None:
    per_source = originality.read_quote_hashes(QUOTE_HASHES)
    quotes = catalog.of_type("quote", published_only=False)
    assert quotes and all(str(q.get("source")) in per_source for q in quotes)
    assert originality.quote_problems(catalog, per_source) == []


def test_a_doctored_shipped_quote_is_refused_at_its_file_and_line(catalog: Catalog) -> None:
    import dataclasses

    per_source = originality.read_quote_hashes(QUOTE_HASHES)
    quote = catalog["jan-jans-stel-daden"]
    doctored_text = str(quote.get("text")).replace("niet te lang", "niet te kort")
    doctored = dataclasses.replace(quote, fields={**quote.fields, "text": doctored_text})
    moved = dataclasses.replace(quote, fields={**quote.fields, "source": "debeuk-weerbare-wijken"})
    for record in (doctored, moved):
        fake = catalog.with_record(record)
        problems = originality.quote_problems(fake, per_source)
        assert [(p.path, p.line, p.code, p.field) for p in problems] == [
            ("examples/citaten/jan-jans-stel-daden.yml", 4, Code.QUOTE_NOT_IN_SOURCE, "text")
        ]


QUOTE_SOURCE = (
    "De wijk is van iedereen. Bewoners en professionals werken elke dag samen aan een schone en veilige straat."
)
QUOTE_GUIDE = {
    "guide/organisaties/org.yml": "id: org\nname: Org\nkind: overig\n",
    "guide/bronnen/bron.yml": "id: bron\ntitle: Bron\npublisher: org\nkind: artikel\n",
}
QUOTE_RECORD = """\
id: citaat
status: gepubliceerd
reviewed: 2026-11-23
text: "{text}"
speaker: Iemand
source: bron
"""


def quote_guide(tmp_path: Path, text: str) -> Path:
    for rel, content in QUOTE_GUIDE.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(content, encoding="utf-8")
    (tmp_path / "examples" / "citaten").mkdir(parents=True)
    (tmp_path / "examples" / "citaten" / "citaat.yml").write_text(QUOTE_RECORD.format(text=text), encoding="utf-8")
    sources = tmp_path / "bronteksten"
    sources.mkdir()
    (sources / "a.txt").write_text(QUOTE_SOURCE, encoding="utf-8")
    (tmp_path / originality.SOURCE_IDS_FILE).parent.mkdir(parents=True)
    (tmp_path / originality.SOURCE_IDS_FILE).write_text("a.txt bron\n", encoding="utf-8")
    originality.write_quote_hash_file(sources, tmp_path)
    return tmp_path


def test_check_accepts_a_quote_that_is_word_for_word_in_its_source(tmp_path: Path) -> None:
    root = quote_guide(tmp_path, "Bewoners en professionals werken elke dag samen aan een schone en veilige straat.")
    assert [str(p) for p in check(root).problems] == []


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Bewoners en professionals werken elke week samen aan een schone en veilige straat.", "one word changed"),
        ("Bewoners en professionals werken elke dag samen aan een schone, hele en veilige straat.", "a word added"),
        ("De wijk is van iedereen. Een schone en veilige straat.", "two passages glued"),
        ("De wijk is van iedereen.", "too short to verify"),
    ],
)
def test_check_refuses_a_doctored_quote_with_file_and_line(tmp_path: Path, text: str, reason: str) -> None:
    root = quote_guide(tmp_path, text)
    problems = check(root).problems
    assert [(p.path, p.line, p.code) for p in problems] == [
        ("examples/citaten/citaat.yml", 4, Code.QUOTE_NOT_IN_SOURCE)
    ], reason
    outcome = CliRunner().invoke(main, ["check", str(root)])
    assert outcome.exit_code == 1
    assert "examples/citaten/citaat.yml:4" in outcome.output and "bron 'bron'" in outcome.output
