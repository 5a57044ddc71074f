"""Search index: compound splits, inflections, synonyms, page markup, filters and a real Pagefind run."""

from __future__ import annotations

import asyncio
import datetime as dt
import gzip
import html
import json
import re
import shutil
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from build_tools.link import Catalog
from build_tools.pipeline import check
from build_tools.search import CompoundSplitter, PageInfo, SearchTerms, Vocabulary, annotate_page, index_site
from build_tools.search.annotate import (
    REFERENCE_TITLE_FIELD,
    REFERENCE_TYPES,
    REFERENCE_WEIGHT,
    TERMS_ANCHOR,
    TITLE_FIELD,
    title_words,
    visible_text,
)
from build_tools.search.indexer import (
    OPTIONS_FILE,
    UNUSED_BUNDLE_FILES,
    SearchIndexError,
    SearchStats,
    page_filters,
    pagefind_options,
    type_label,
)
from build_tools.search.vocabulary import acronyms, equivalents_of, inflections, words

MINIMAL = Path(__file__).parent / "cases" / "base"
TODAY = dt.date(2026, 11, 23)
GuideTree = Callable[..., Path]  # the ``guide_tree`` fixture of conftest.py

PARTS = frozenset({"woning", "corporatie", "wijk", "team", "bewoners", "initiatief", "jongeren", "cultuur", "huis"})


def minimal_catalog() -> Catalog:
    result = check(MINIMAL, today=TODAY)
    assert result.ok, result.problems
    return result.catalog


def material_page(title: str, body: str) -> str:
    """A page shaped like Material's: chrome around one ``<article>`` with the content."""
    return (
        '<!doctype html><html lang="nl"><head><title>x</title></head><body>'
        '<header class="md-header"><nav>Menu wijk</nav></header><main class="md-main">'
        f'<article class="md-content__inner md-typeset"><h1>{html.escape(title)}</h1>{body}</article>'
        "</main></body></html>"
    )


def write_site(site: Path, catalog: Catalog) -> None:
    """A site with one page per published record, as the generator lays them out (``/<plural>/<id>/``)."""
    for record in catalog.records.values():
        if record.published:
            page = site / record.rtype.plural / record.id / "index.html"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(material_page(record.title, f"<p>{html.escape(record.body)}</p>"), encoding="utf-8")
    (site / "index.html").write_text(material_page("Wijkengids", "<p>Welkom</p>"), encoding="utf-8")


# -- compounds and word forms -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("woningcorporaties", ("woning", "corporaties")),
        ("wijkteams", ("wijk", "teams")),
        ("bewonersinitiatief", ("bewoners", "initiatief")),
        ("jongerencultuurhuis", ("jongeren", "cultuurhuis", "cultuur", "huis")),
    ],
)
def test_compounds_split_into_known_parts(word: str, parts: tuple[str, ...]) -> None:
    assert CompoundSplitter(PARTS).split(word) == parts


@pytest.mark.parametrize("word", ["wijk", "bewoners", "gezondheid", "team", "wijkx"])
def test_words_that_are_no_compound_of_known_parts_stay_whole(word: str) -> None:
    assert CompoundSplitter(PARTS).split(word) == ()


def test_splitter_learns_parts_from_the_texts_it_is_given() -> None:
    splitter = CompoundSplitter.from_texts(["De corporatie bouwt een woning.", "Elke wijk een team."])
    assert splitter.split("woningcorporatie") == ("woning", "corporatie")
    assert splitter.split("buurtteam") == ()  # "buurt" never occurs on its own
    assert "voor" not in CompoundSplitter.from_texts(["voor voor voor"]).parts  # function words are no parts


def test_parts_of_a_text_are_listed_once_in_order() -> None:
    splitter = CompoundSplitter(PARTS)
    assert splitter.parts_of("Wijkteams en woningcorporaties, weer wijkteams.") == [
        "wijk",
        "teams",
        "woning",
        "corporaties",
    ]


@pytest.mark.parametrize(
    ("word", "forms"),
    [
        ("initiatief", ["initiatieven"]),
        ("initiatieven", ["initiatief"]),
        ("huis", ["huizen"]),
        ("straat", ["straten"]),
        ("straten", ["straat"]),
        ("wijken", []),
        ("bewoners", []),
    ],
)
def test_inflections_cover_what_the_stemmer_keeps_apart(word: str, forms: list[str]) -> None:
    assert inflections(word) == forms


def test_equivalents_add_the_other_words_of_a_group() -> None:
    found = equivalents_of(["de", "buurt", "en", "inwoners"])  # whole words only
    assert "wijk" in found and "bewoners" in found
    assert "buurt" not in found and "inwoners" not in found
    assert equivalents_of(["niets", "hier"]) == []


def test_words_are_lower_case_letters_only() -> None:
    assert list(words("Coöperatie 2024: buurt's, Wijk-team!")) == ["coöperatie", "buurt's", "wijk", "team"]


# -- terms per record -------------------------------------------------------------------------------------


def test_a_record_gets_the_names_and_synonyms_of_what_it_names(guide_tree: GuideTree) -> None:
    root = guide_tree(
        {
            "guide/themas/vertrouwen.yml": "id: vertrouwen\nname: Vertrouwen\nsynonyms:\n  - geloofwaardigheid\n",
            "guide/plaatsen/overvecht.yml": (
                "id: overvecht\nname: Overvecht\nkind: wijk\nmunicipality: utrecht\nsynonyms:\n  - Noordoost\n"
            ),
        },
        base=True,
    )
    result = check(root, today=TODAY)
    assert result.ok, result.problems
    vocabulary = Vocabulary.from_catalog(result.catalog)
    lesson = vocabulary.terms_for(result.catalog["lange-adem"])
    assert "Vertrouwen" in lesson.linked and "geloofwaardigheid" in lesson.linked
    example = vocabulary.terms_for(result.catalog["overvecht-versnelling"])
    assert {"Noordoost", "Utrecht", "De Beuk"} <= set(example.linked)  # a wijk brings its gemeente along
    place = vocabulary.terms_for(result.catalog["overvecht"])
    assert place.own[0] == "Noordoost"


def _lesson_changed(guide_tree: GuideTree, old: str, new: str) -> Catalog:
    """The minimal guide's catalog with ``old`` replaced by ``new`` in the lesson lange-adem (checked, no problems)."""
    lesson = (MINIMAL / "lessons" / "lange-adem.md").read_text(encoding="utf-8")
    assert old in lesson
    root = guide_tree({"lessons/lange-adem.md": lesson.replace(old, new)}, base=True)
    result = check(root, today=TODAY)
    assert result.ok, result.problems
    return result.catalog


def test_keywords_are_own_terms_with_their_equivalents(guide_tree: GuideTree) -> None:
    catalog = _lesson_changed(guide_tree, "themes:\n", "keywords:\n  - wijkteam\n  - lange termijn\nthemes:\n")
    terms = Vocabulary.from_catalog(catalog).terms_for(catalog["lange-adem"])
    assert terms.own[:2] == ("wijkteam", "lange termijn")
    assert "buurtteam" in terms.own  # from EQUIVALENTS, as strong as the keyword itself


def test_a_merged_record_is_found_by_its_former_ids(guide_tree: GuideTree) -> None:
    """The ids under ``aliases`` came from earlier titles: "beloften-waarmaken" finds the lesson that took it over."""
    catalog = _lesson_changed(guide_tree, "themes:\n", "aliases:\n  - beloften-waarmaken\nthemes:\n")
    terms = Vocabulary.from_catalog(catalog).terms_for(catalog["lange-adem"])
    assert "beloften waarmaken" in terms.own


def test_only_word_forms_the_guide_writes_are_added(guide_tree: GuideTree) -> None:
    """ "initiatieven" gets "initiatief" (the stemmer keeps them apart) because the guide writes it; the same
    spelling rules turn "nagekeken" into "nagekeek", which nobody writes, so that form is left out."""
    catalog = _lesson_changed(guide_tree, "De neerwaartse spiraal", "Elk initiatief telt. De neerwaartse spiraal")
    assert inflections("initiatieven") == ["initiatief"] and inflections("nagekeken") == ["nagekeek"]
    vocabulary = Vocabulary.from_catalog(catalog)
    terms = vocabulary.terms_for(catalog["overvecht-versnelling"], "Bewoners initiatieven, nagekeken.")
    assert "initiatief" in terms.parts
    assert "nagekeek" not in terms.parts


# -- filters -----------------------------------------------------------------------------------------------


def test_filters_of_an_example_name_its_place_its_gemeente_and_its_organisations() -> None:
    catalog = minimal_catalog()
    assert page_filters(catalog, catalog["overvecht-versnelling"]) == {
        "plaats": ["Overvecht", "Utrecht"],
        "organisatie": ["De Beuk"],
    }


def test_a_lesson_takes_the_places_of_its_examples_and_its_themes() -> None:
    catalog = minimal_catalog()
    assert page_filters(catalog, catalog["lange-adem"]) == {"thema": ["Vertrouwen"], "plaats": ["Overvecht", "Utrecht"]}


def test_list_records_filter_on_themselves() -> None:
    catalog = minimal_catalog()
    assert page_filters(catalog, catalog["vertrouwen"]) == {"thema": ["Vertrouwen"]}
    assert page_filters(catalog, catalog["overvecht"]) == {"plaats": ["Overvecht", "Utrecht"]}
    assert type_label(catalog["overvecht-versnelling"]) == "Praktijkvoorbeeld"


# -- page markup -------------------------------------------------------------------------------------------


def info(**changes: object) -> PageInfo:
    base: dict[str, object] = {
        "record_id": "lange-adem",
        "type_label": "Les",
        "title": "Een wijkaanpak vraagt een lange adem",
        "filters": {"thema": ["Vertrouwen"], "plaats": ["Overvecht", "Utrecht"]},
        "terms": SearchTerms(("volhouden",), ("Vertrouwen",), ("wijk", "aanpak")),
    }
    base.update(changes)
    return PageInfo(**base)  # type: ignore[arg-type]


def test_annotation_marks_the_article_and_adds_filters_meta_and_weighted_terms() -> None:
    page = material_page("Een wijkaanpak vraagt een lange adem", "<p>Tekst</p>")
    out = annotate_page(page, info())
    assert out is not None
    assert '<article class="md-content__inner md-typeset" data-pagefind-body data-wg-record="lange-adem">' in out
    assert out.count("data-pagefind-body") == 1
    block = out[out.index('<div class="wg-search-data"') : out.index("</article>")]
    assert '<span data-pagefind-filter="soort">Les</span>' in block
    assert (
        '<span data-pagefind-filter="plaats">Overvecht</span><span data-pagefind-filter="plaats">Utrecht</span>'
        in block
    )
    assert '<span data-pagefind-meta="title">Een wijkaanpak vraagt een lange adem</span>' in block
    assert f'<span data-pagefind-meta="{TITLE_FIELD}">Een wijkaanpak vraagt een lange adem</span>' in block
    assert "data-pagefind-weight" not in out[: out.index("<h1")]  # content keeps its words' full weight
    assert "data-pagefind-sort" not in block  # a sort index would grow every first download
    assert 'hidden data-pagefind-weight="4">Zoektermen: volhouden.</div>' in block
    assert 'hidden data-pagefind-weight="0.5">Ook gezocht als: wijk, aanpak.</div>' in block
    assert out.startswith(page[: page.index("<article")])  # the chrome is untouched
    assert annotate_page(out, info()) == out  # idempotent


def test_the_extra_words_start_after_an_empty_anchor_the_excerpts_stop_at() -> None:
    """The blocks of extra words follow an empty element with the id excerpt.js looks for; a page without extra words
    has none (its excerpts may use all of its text)."""
    out = annotate_page(material_page("Titel", "<p>Tekst</p>"), info())
    assert out is not None
    block = out[out.index('<div class="wg-search-data"') : out.index("</article>")]
    assert block.count(f'id="{TERMS_ANCHOR}"') == 1
    anchor = block.index(f'<div id="{TERMS_ANCHOR}" hidden></div>')
    assert (
        anchor < block.index('<div class="wg-search-terms"') == anchor + len(f'<div id="{TERMS_ANCHOR}" hidden></div>')
    )
    bare = annotate_page(material_page("Titel", "<p>Tekst</p>"), info(terms=SearchTerms((), (), ())))
    assert bare is not None and TERMS_ANCHOR not in bare and "wg-search-terms" not in bare
    script = (OPTIONS_FILE.parent / "excerpt.js").read_text(encoding="utf-8")
    assert f'export const TERMS_ANCHOR = "{TERMS_ANCHOR}";' in script
    box = (OPTIONS_FILE.parent / "search.js").read_text(encoding="utf-8")
    assert 'import { pageExcerpt } from "./excerpt.js";' in box and "safeExcerpt(pageExcerpt(item," in box


def test_annotation_escapes_what_it_writes() -> None:
    hostile = info(title="<script>alert(1)</script>", filters={"thema": ['"><img src=x onerror=alert(1)>']})
    out = annotate_page(material_page("x", ""), hostile)
    assert out is not None
    assert "<script>" not in out and "<img" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out


def test_a_reference_page_weighs_less_and_ranks_its_title_once() -> None:
    """A glossary entry or timeline event: words, headings and terms at REFERENCE_WEIGHT, the title in its own field."""
    assert {"begrip", "event"} == set(REFERENCE_TYPES)
    out = annotate_page(material_page("Gebiedstafel", "<p>Overleg in de wijk.</p>"), info(reference=True))
    assert out is not None
    weight = f"{REFERENCE_WEIGHT:g}"
    assert f'<article class="md-content__inner md-typeset" data-pagefind-body data-pagefind-weight="{weight}"' in out
    block = out[out.index('<div class="wg-search-data"') : out.index("</article>")]
    assert f'<span data-pagefind-meta="{REFERENCE_TITLE_FIELD}">Een wijkaanpak vraagt een lange adem</span>' in block
    assert f'data-pagefind-meta="{TITLE_FIELD}"' not in block
    assert 'hidden data-pagefind-weight="1">Zoektermen: volhouden.</div>' in block  # 4 x 0.25
    assert 'hidden data-pagefind-weight="0.125">Ook gezocht als: wijk, aanpak.</div>' in block


@pytest.mark.parametrize(
    ("title", "ranked"),
    [
        ("overvechtgezond.nl", "overvechtgezond nl"),
        ("Top-down of bottom-up?", "Top down of bottom up"),
        ("Jan Jans: ‘Begin in de wijk’", "Jan Jans Begin in de wijk"),
        ("Coöperatie", "Coöperatie"),
    ],
)
def test_the_ranked_title_is_its_plain_words(title: str, ranked: str) -> None:
    """Pagefind counts a word with punctuation once per form it indexes; the ranked title has none."""
    assert title_words(title) == ranked


def test_links_that_show_a_web_address_are_kept_out_of_the_index() -> None:
    body = (
        '<p class="wg-kicker">Overig · <a href="http://www.overvechtgezond.nl/">http://www.overvechtgezond.nl/</a></p>'
        '<p>Zie <a href="https://example.org/">de website</a> en <a href="../x/">www is geen adres hier</a>.</p>'
    )
    out = annotate_page(material_page("overvechtgezond.nl", body), info())
    assert out is not None
    assert '<a data-pagefind-ignore href="http://www.overvechtgezond.nl/">http://www.overvechtgezond.nl/</a>' in out
    assert '<a href="https://example.org/">de website</a>' in out  # link text in words stays indexed
    assert '<a href="../x/">www is geen adres hier</a>' in out


def test_the_shared_options_rank_titles_through_the_fields_the_pages_carry() -> None:
    """options.js names the metadata fields annotate writes; the title the box shows does not rank."""
    options = pagefind_options()
    weights = options["ranking"]["metaWeights"]
    assert set(weights) == {"title", TITLE_FIELD, REFERENCE_TITLE_FIELD}
    assert weights["title"] == 0 and weights[TITLE_FIELD] > weights[REFERENCE_TITLE_FIELD] > 0
    assert options["ranking"]["pageLength"] == 0
    script = (OPTIONS_FILE.parent / "search.js").read_text(encoding="utf-8")
    assert 'import { PAGEFIND_OPTIONS } from "./options.js";' in script and "...PAGEFIND_OPTIONS" in script


def test_options_that_are_not_json_name_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "options.js"
    path.write_text("// instellingen\nexport const PAGEFIND_OPTIONS = { ranking: {} };\n", encoding="utf-8")
    with pytest.raises(
        SearchIndexError,
        match=rf"^{re.escape(str(path))}:2: de instellingen zijn geen JSON \(Expecting property name enclosed in "
        r"double quotes: line 1 column 3 \(char 2\)\); schrijf ze als JSON-object\.$",
    ):
        pagefind_options(path)
    path.write_text("export const OPTIONS = {};\n", encoding="utf-8")
    with pytest.raises(
        SearchIndexError,
        match=rf"^{re.escape(str(path))}: 'export const PAGEFIND_OPTIONS =' ontbreekt; "
        r"zet de instellingen van Pagefind daarachter\.$",
    ):
        pagefind_options(path)


def test_a_page_without_main_content_is_not_annotated() -> None:
    assert annotate_page("<html><body><p>geen artikel</p></body></html>", info()) is None


def test_visible_text_is_the_article_text_without_tags() -> None:
    page = material_page("Titel", '<nav class="wg-crumbs"><a>Wijkengids</a></nav><p>Wijk&amp;team <b>samen</b></p>')
    assert " ".join(visible_text(page).split()) == "Titel Wijk&team samen"  # navigation is not indexed


# -- the whole step, with the real Pagefind binary ------------------------------------------------------------


@pytest.mark.slow
def test_index_site_annotates_every_record_page_and_builds_the_index(tmp_path: Path) -> None:
    catalog = minimal_catalog()
    site = tmp_path / "site"
    write_site(site, catalog)
    (site / "bronnen" / "debeuk-weerbare-wijken" / "index.html").unlink()  # a page the generator did not write
    stats = index_site(site, catalog)
    published = [r for r in catalog.records.values() if r.published]
    assert stats.pages_annotated == len(published) - 1
    assert stats.pages_indexed == stats.pages_annotated  # the home page is not indexed
    assert stats.missing == ("debeuk-weerbare-wijken",)
    assert stats.filters == 4
    bundle = site / "pagefind"
    assert (bundle / "pagefind.js").is_file() and (bundle / "wasm.nl.pagefind").is_file()
    assert list(bundle.glob("pagefind.nl_*.pf_meta")), "the index is not Dutch"
    assert not [name for name in UNUSED_BUNDLE_FILES if (bundle / name).exists()]
    assert (site / "assets" / "search" / "search.js").is_file()
    assert (site / "assets" / "search" / "search.css").is_file()
    assert stats.bundle_bytes > 0 and re.match(r"zoekindex: \d+ pagina's", stats.summary())
    lesson = (site / "lessen" / "lange-adem" / "index.html").read_text(encoding="utf-8")
    assert 'data-pagefind-filter="thema">Vertrouwen<' in lesson


def fragments(bundle: Path) -> list[dict[str, object]]:
    """Pagefind's page fragments in a bundle, as the browser reads them (gzip, after a signature)."""
    out = []
    for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        out.append(json.loads(data[data.index(b"{") :]))
    return out


#: Runs excerpt.js on fragments (stdin: a JSON list of [fragment, weighted locations, query]); prints the excerpts.
_EXCERPTS_JS = """
import { pageExcerpt } from %s;
let input = "";
for await (const chunk of process.stdin) input += chunk;
const out = JSON.parse(input).map(([fragment, located, query]) => pageExcerpt(
  { ...fragment, raw_content: fragment.content.replace(/</g, "&lt;").replace(/>/g, "&gt;"),
    weighted_locations: located }, 22, query));
process.stdout.write(JSON.stringify(out));
"""


def run_excerpts(cases: list[tuple[dict[str, object], list[dict[str, float]], str]]) -> list[str]:
    node = shutil.which("node")
    assert node, "node is missing: install Node.js (it also runs npm for the guide's packages)"
    script = _EXCERPTS_JS % json.dumps((OPTIONS_FILE.parent / "excerpt.js").as_uri())
    done = subprocess.run(
        [node, "--input-type=module", "-e", script], input=json.dumps(cases), capture_output=True, text=True, check=True
    )
    return list(json.loads(done.stdout))


@pytest.mark.slow
def test_excerpts_come_from_the_page_s_own_text_not_its_extra_words(tmp_path: Path) -> None:
    """On Pagefind's real fragments: the anchor before the extra words sits at their first word, and excerpt.js, given
    hits only in those words, shows the page's own text (marking a word that holds the query); given a hit in the
    page's text, marks it; never a label of the hidden blocks nor the title again."""
    catalog = minimal_catalog()
    site = tmp_path / "site"
    write_site(site, catalog)
    for page in site.rglob("index.html"):  # Material gives the title an id, as every heading
        page.write_text(page.read_text(encoding="utf-8").replace("<h1>", '<h1 id="titel">'), encoding="utf-8")
    index_site(site, catalog)
    cases: list[tuple[dict[str, object], list[dict[str, float]], str]] = []
    expected: list[tuple[list[str], str, str]] = []
    with_terms = 0
    for fragment in fragments(site / "pagefind"):
        words = str(fragment["content"]).split()
        anchors = {a["id"]: a for a in fragment["anchors"]}  # type: ignore[attr-defined]
        with_terms += TERMS_ANCHOR in anchors
        at = anchors[TERMS_ANCHOR]["location"] if TERMS_ANCHOR in anchors else len(words)
        assert words[at : at + 1] in ([], ["Zoektermen:"], ["Verwant:"], ["Ook"]), (fragment["url"], words[at:])
        assert anchors["titel"]["location"] == 0
        assert not any(label in " ".join(words[:at]) for label in ("Zoektermen:", "Verwant:", "Ook gezocht als:"))
        title = len(str(fragment["meta"]["title"]).split())  # type: ignore[index]
        own = words[title:at]
        if not own:
            continue
        in_terms = [{"location": i, "weight": 4, "balanced_score": 100.0} for i in range(at, len(words))]
        cases.append((fragment, in_terms, own[-1]))  # found through the extra words; the query is on the page
        expected.append((own, "last", str(fragment["url"])))
        cases.append((fragment, in_terms, "zzzz"))  # the query is nowhere in the page's text: its start
        expected.append((own, "start", str(fragment["url"])))
        cases.append((fragment, [{"location": title, "weight": 1, "balanced_score": 1.0}, *in_terms], ""))
        expected.append((own, "first", str(fragment["url"])))
    assert with_terms >= 3 and len(cases) >= 9
    for excerpt, (own, marked, url) in zip(run_excerpts(cases), expected, strict=True):
        shown = excerpt.replace("<mark>", "").replace("</mark>", "").split()
        assert shown == own[: len(shown)] or " ".join(shown) in " ".join(own), (url, excerpt)
        assert 0 < len(shown) <= 22, (url, excerpt)
        if marked == "start":
            assert "<mark>" not in excerpt and shown == own[: len(shown)], (url, excerpt)
        elif marked == "first":
            assert excerpt.startswith(f"<mark>{own[0]}</mark>"), (url, excerpt)
        else:
            assert f"<mark>{own[-1]}</mark>" in excerpt, (url, excerpt)


@pytest.mark.slow
def test_the_index_is_cut_into_chunks_of_the_declared_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pagefind's binary reads INDEX_CHUNK_SIZE (a variable, not a documented option): smaller, more chunks."""
    from build_tools.search import indexer

    catalog = minimal_catalog()
    counts = []
    for size in (20_000, 20):
        monkeypatch.setattr(indexer, "INDEX_CHUNK_SIZE", size)
        site = tmp_path / f"site-{size}"
        write_site(site, catalog)
        index_site(site, catalog)
        counts.append(len(list((site / "pagefind" / "index").glob("*.pf_index"))))
    assert counts[0] == 1 and counts[1] > 3, counts


@pytest.mark.slow
def test_index_site_can_check_the_guide_itself(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_site(site, minimal_catalog())
    stats = index_site(site, guide_root=MINIMAL)
    assert stats.pages_indexed == stats.pages_annotated > 0


# -- the edges: Pagefind's API and the header partial --------------------------------------------------------------


def test_a_pagefind_failure_is_a_search_index_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What Pagefind's service says when it fails reaches the build's message."""
    from build_tools.search import SearchIndexError, indexer

    def failing(site_dir: Path, bundle: Path) -> None:
        raise Exception("Pagefind kon de map niet lezen", None)  # as the binary's last lines are raised

    monkeypatch.setattr(indexer, "_write_index", failing)
    site = tmp_path / "site"
    write_site(site, minimal_catalog())
    with pytest.raises(SearchIndexError, match="Pagefind faalde: Pagefind kon de map niet lezen"):
        index_site(site, minimal_catalog())


def test_the_header_partial_replaces_materials_search() -> None:
    partial = (Path(__file__).parents[1] / "overrides" / "partials" / "search.html").read_text(encoding="utf-8")
    assert 'data-md-component="search"' not in partial  # Material's lunr search never mounts
    assert 'name="search"' not in partial  # …and never downloads its index
    assert "assets/search/search.js" in partial and "assets/search/search.css" in partial
    for label in ("Zoek in de gids", "Soort", "Thema", "Plaats", "Organisatie", "Filters wissen"):
        assert label in partial


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Van krachtwijken tot Nationaal Programma Leefbaarheid en Veiligheid", ["NPLV"]),
        ("Sociaal en Cultureel Planbureau", ["SCP"]),
        ("De Beuk", []),
        ("Een wijkaanpak vraagt een lange adem", []),
    ],
)
def test_acronyms_of_long_names(text: str, found: list[str]) -> None:
    assert acronyms(text) == found


def test_sections_that_only_list_other_records_are_kept_out_of_the_index() -> None:
    body = (
        '<h2 id="uitleg">Uitleg</h2><p>Eigen tekst.</p>'
        '<h2 id="genoemd-in">Genoemd in</h2><ul><li>Andere les</li></ul>'
        '<h2 id="verwant">Verwant</h2><ul><li>Nog een les</li></ul>'
    )
    out = annotate_page(material_page("Titel", body), info())
    assert out is not None
    assert '<h2 id="uitleg">Uitleg</h2><p>Eigen tekst.</p><div data-pagefind-ignore><h2 id="genoemd-in">' in out
    assert '<li>Andere les</li></ul></div><div data-pagefind-ignore><h2 id="verwant">' in out
    assert '<li>Nog een les</li></ul></div><div class="wg-search-data"' in out


def test_the_glossarys_explanations_after_a_body_are_kept_out_of_the_index() -> None:
    """A page that marks "governance" is not a search result for the words of its definition."""
    body = (
        '<div class="wg-body"><p>Over <a class="wg-term" href="../../begrippen/#governance">governance</a>.</p>'
        '<div class="wg-terms"><p class="wg-terms-title">Begrippen in deze tekst</p><dl><dt>governance</dt>'
        "<dd>Wie er beslist.</dd></dl></div></div>"
    )
    out = annotate_page(material_page("Titel", body), info())
    assert out is not None
    assert '<a class="wg-term" href="../../begrippen/#governance">governance</a>' in out  # the mark stays indexed
    assert '<div data-pagefind-ignore class="wg-terms"><p class="wg-terms-title">' in out


@pytest.mark.slow
def test_the_index_is_written_also_inside_a_running_event_loop(tmp_path: Path) -> None:
    """A caller's own event loop (Playwright's sync API, a notebook) does not stop the indexing."""
    site = tmp_path / "site"
    write_site(site, minimal_catalog())
    outcome: list[object] = []

    async def caller() -> None:
        outcome.append(index_site(site, minimal_catalog()))

    thread = threading.Thread(target=lambda: asyncio.run(caller()))
    thread.start()
    thread.join()
    assert outcome and isinstance(outcome[0], SearchStats) and outcome[0].pages_indexed > 0


@pytest.mark.slow
def test_pagefind_s_own_failure_reaches_the_message(tmp_path: Path) -> None:
    """A site folder Pagefind cannot index: its last words become the build's message."""
    from build_tools.search import SearchIndexError
    from build_tools.search.indexer import run_pagefind

    with pytest.raises(SearchIndexError, match="Pagefind faalde: Error: Pagefind was not able to build an index"):
        run_pagefind(tmp_path / "bestaat-niet", tmp_path / "bundle")


def test_an_unreadable_entry_file_is_an_error_naming_the_bundle(tmp_path: Path) -> None:
    from build_tools.search.indexer import SearchIndexError, indexed_pages

    (tmp_path / "pagefind-entry.json").write_text("", encoding="utf-8")
    with pytest.raises(SearchIndexError) as raised:
        indexed_pages(tmp_path)
    assert str(raised.value) == (
        f"Pagefind schreef geen leesbare index in {tmp_path}: Expecting value: line 1 column 1 (char 0)"
    )
    (tmp_path / "pagefind-entry.json").write_text('{"languages": {"nl": {"page_count": 3}}}', encoding="utf-8")
    assert indexed_pages(tmp_path) == 3


def _fake_pagefind(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, script: str | None) -> None:
    """Make the build find ``script`` (a shell script) as Pagefind's binary, or no binary at all."""
    import pagefind.service

    binary = None
    if script is not None:
        binary = tmp_path / "pagefind"
        binary.write_text("#!/bin/sh\n" + script + "\n", encoding="utf-8")
        binary.chmod(0o755)
    monkeypatch.setattr(pagefind.service, "get_executable", lambda: binary)


def test_a_missing_pagefind_binary_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from build_tools.search import SearchIndexError
    from build_tools.search.indexer import run_pagefind

    _fake_pagefind(monkeypatch, tmp_path, None)
    with pytest.raises(SearchIndexError) as raised:
        run_pagefind(tmp_path, tmp_path / "bundle")
    assert str(raised.value) == "Pagefind ontbreekt in deze omgeving: voer `make setup` uit."


@pytest.mark.parametrize(
    ("script", "message"),
    [
        ("echo 'Error: kapot' >&2; echo 'Error: kapot' >&2; exit 1", "Pagefind faalde: Error: kapot"),
        ("echo 'Indexed 0 pages'; exit 1", "Pagefind faalde: Indexed 0 pages"),
        ("exit 3", "Pagefind faalde: het programma stopte met code 3"),
    ],
)
def test_pagefind_s_exit_becomes_the_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str, message: str
) -> None:
    """Its error lines (once each), else its last output lines, else its exit code."""
    from build_tools.search import SearchIndexError
    from build_tools.search.indexer import run_pagefind

    _fake_pagefind(monkeypatch, tmp_path, script)
    with pytest.raises(SearchIndexError) as raised:
        run_pagefind(tmp_path, tmp_path / "bundle")
    assert str(raised.value) == message


def test_a_bundle_left_incomplete_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from build_tools.search import SearchIndexError
    from build_tools.search.indexer import run_pagefind

    bundle = tmp_path / "bundle"
    entry = '{"languages": {"nl": {"page_count": 1}}}'
    _fake_pagefind(monkeypatch, tmp_path, f"mkdir -p {bundle}; echo '{entry}' > {bundle}/pagefind-entry.json")
    with pytest.raises(SearchIndexError) as raised:
        run_pagefind(tmp_path, bundle)
    assert str(raised.value) == (
        f"Pagefind schreef een onvolledige index in {bundle} (pagefind.js is afgebroken); bouw de site opnieuw."
    )


def test_a_bundle_cut_short_is_found(tmp_path: Path) -> None:
    import gzip

    from build_tools.search.indexer import bundle_problem

    (tmp_path / "pagefind.js").write_text("const a=1;export{a};\n", encoding="utf-8")
    (tmp_path / "fragment").mkdir()
    whole = gzip.compress(b"pagefind_dcd" + b'{"url": "/lessen/x/"}' * 50)
    (tmp_path / "fragment" / "a.pf_fragment").write_bytes(whole)
    assert bundle_problem(tmp_path) == ""
    (tmp_path / "fragment" / "a.pf_fragment").write_bytes(whole[: len(whole) // 2])
    assert "a.pf_fragment" in bundle_problem(tmp_path)
    (tmp_path / "pagefind.js").write_text("const a=1;export{", encoding="utf-8")
    assert bundle_problem(tmp_path) == "pagefind.js is afgebroken"
