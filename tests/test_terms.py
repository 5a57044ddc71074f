"""The glossary's first-use marks (build_tools/terms.py): where a term is marked, how it is explained."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
import yaml
from conftest import SITE_FIXTURE, TODAY

from build_tools.export.markup import MarkdownRenderer, Resolver
from build_tools.link import Catalog
from build_tools.pipeline import check
from build_tools.render.docs import with_glossary
from build_tools.render.pages import render_pages
from build_tools.render.sanitize import sanitize_html
from build_tools.terms import EXTENSION_NAME, Term, TermIndex, TermsExtension, glossary_terms, is_acronym

TERMS = (
    Term("governance", "governance", "Wie er beslist en hoe.", ()),
    Term("nplv", "NPLV", "Een landelijk programma.", ("Nationaal Programma Leefbaarheid en Veiligheid",)),
    Term("gebiedstafel", "gebiedstafel", "Een overleg over een gebied.", ("gebiedstafels",)),
    Term("quick-wins", "quick wins", "Snelle resultaten.", ("quick win",)),
)


def site_html(body: str, *, scope: bool = True) -> str:
    """``body`` as the site renders a record's body (in its scope block), through the site's extensions."""
    text = (
        f'<div class="wg-body" markdown data-wg-terms="../begrippen/index.md">\n\n{body}\n\n</div>\n' if scope else body
    )
    md = markdown.Markdown(extensions=["attr_list", "md_in_html", "toc", TermsExtension(terms=list(TERMS))])
    return md.convert(text)


def marks(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<a aria-describedby="wg-uitleg-([a-z-]+)" class="wg-term" href="[^"]*">([^<]*)</a>', html)


def test_only_the_first_use_of_a_term_or_its_synonym_is_marked() -> None:
    html = site_html("Aan gebiedstafels praten ze over governance.\n\nDaarna weer governance en een gebiedstafel.")
    assert marks(html) == [("gebiedstafel", "gebiedstafels"), ("governance", "governance")]


def test_marks_link_to_the_glossary_and_are_described_by_a_visible_explanation() -> None:
    html = site_html("Het gaat om governance.")
    assert '<a aria-describedby="wg-uitleg-governance" class="wg-term" href="../begrippen/index.md#governance">' in html
    explanation = re.search(r'<div class="wg-terms">(.*?)</div>', html, re.S)
    assert explanation is not None
    assert '<dt>governance</dt><dd id="wg-uitleg-governance">Wie er beslist en hoe.</dd>' in explanation.group(1)
    assert '<p class="wg-terms-title">Begrippen in deze tekst</p>' in explanation.group(1)
    assert '<a href="../begrippen/index.md">Begrippen</a>' in explanation.group(1)
    assert "data-wg-terms" not in html


@pytest.mark.parametrize(
    "body",
    [
        "[over governance](x.md) en <https://governance.example>",
        "## Governance als kop",
        "`governance` in code",
        "```\ngovernance in een codeblok\n```",
        "> governance in een citaat",
        "Een voetnoot.[^1]\n\n[^1]: Eerst [governance](y.md).",
    ],
)
def test_never_inside_links_headings_code_or_quotes(body: str) -> None:
    html = site_html(body + "\n\nDaarna: governance.")
    assert marks(html) == [("governance", "governance")]
    assert html.index('class="wg-term"') > html.index("Daarna")


def test_outside_a_body_nothing_is_marked() -> None:
    assert marks(site_html("Over governance.", scope=False)) == []
    assert 'class="wg-terms"' not in site_html("Over governance.", scope=False)


def test_whole_words_any_spacing_and_capitals() -> None:
    html = site_html(
        "Govern is geen governancemodel. Het\nNationaal Programma\nLeefbaarheid en Veiligheid, Quick Wins."
    )
    assert marks(html) == [
        ("nplv", "Nationaal Programma\nLeefbaarheid en Veiligheid"),
        ("quick-wins", "Quick Wins"),
    ]


def test_an_acronym_counts_only_in_capitals() -> None:
    assert is_acronym("NPLV") and is_acronym("DEAL") and not is_acronym("governance") and not is_acronym("A")
    index = TermIndex(TERMS)
    assert [(t.id, text[s:e]) for text in ["de nplv en het NPLV"] for s, e, t in index.find(text)] == [("nplv", "NPLV")]


def test_the_longest_form_wins() -> None:
    index = TermIndex(TERMS)
    assert [t.id for _, _, t in index.find("quick wins")] == ["quick-wins"]
    text = "een quick win"
    assert [text[s:e] for s, e, _ in index.find(text)] == ["quick win"]


def test_no_terms_leaves_the_text_as_it_is() -> None:
    md = markdown.Markdown(extensions=["md_in_html", TermsExtension(terms=[])])
    html = md.convert('<div class="wg-body" markdown data-wg-terms="x.md">\n\nOver governance.\n\n</div>')
    assert html == '<div class="wg-body">\n<p>Over governance.</p>\n</div>'


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    result = check(SITE_FIXTURE, today=TODAY)
    assert result.ok, result.problems
    return result.catalog


def site_extensions() -> list[object]:
    """The Markdown extensions of the project's mkdocs.yml, as an engine loads them."""
    config = yaml.safe_load((Path(__file__).parent.parent / "mkdocs.yml").read_text(encoding="utf-8"))
    return list(config["markdown_extensions"])


def test_a_record_page_through_the_sites_extensions_and_sanitiser(catalog: Catalog) -> None:
    """The rendered lesson page, as the engine turns it into HTML: marks survive the sanitiser."""
    extensions = with_glossary(site_extensions(), catalog)
    names = [e if isinstance(e, str) else next(iter(e)) for e in extensions]
    configs = {next(iter(e)): next(iter(e.values())) or {} for e in extensions if isinstance(e, dict)}
    assert EXTENSION_NAME in names and [t["id"] for t in configs[EXTENSION_NAME]["terms"]] == [
        "neerwaartse-spiraal",
        "wachtlijst-begrip",
    ]
    page = next(p for p in render_pages(catalog) if p.src_uri == "lessen/lange-adem.md")
    body = page.markdown.split("---\n", 2)[2]
    html = markdown.Markdown(extensions=names, extension_configs=configs).convert(body)
    assert html == sanitize_html(html)  # the sanitiser runs last and keeps everything the marks need
    mark = (
        '<a aria-describedby="wg-uitleg-neerwaartse-spiraal" class="wg-term" '
        'href="../begrippen/index.md#neerwaartse-spiraal">neerwaartse spiraal</a>'
    )
    assert mark in html
    # "[[wachtlijst|de wachtlijst]]" names a concept: plain text on the page, so a term like any other
    assert 'class="wg-term" href="../begrippen/index.md#wachtlijst-begrip">wachtlijst</a> verliest tijd' in html
    # the reference [[overvecht-versnelling]] stays a plain link
    assert '<a href="../voorbeelden/overvecht-versnelling.md">De Versnelling in Overvecht</a>' in html
    assert '<dd id="wg-uitleg-neerwaartse-spiraal">Problemen in een wijk' in html


def test_the_glossary_page_has_an_anchor_per_term_alphabetically(catalog: Catalog) -> None:
    page = next(p for p in render_pages(catalog) if p.src_uri == "begrippen/index.md")
    html = markdown.Markdown(extensions=["attr_list", "toc"]).convert(page.markdown.split("---\n", 2)[2])
    assert re.findall(r'<h2 id="([a-z-]+)">([^<]+)</h2>', html) == [
        ("neerwaartse-spiraal", "Neerwaartse spiraal"),
        ("wachtlijst-begrip", "Wachtlijst"),
    ]
    assert "Uitleg van de redactie." in html  # the entry without a source is the editors' own


def test_glossary_terms_are_the_published_entries_alphabetically(catalog: Catalog) -> None:
    terms = glossary_terms(catalog.records.values())
    assert [(t.id, t.term, t.synonyms) for t in terms] == [
        ("neerwaartse-spiraal", "neerwaartse spiraal", ("negatieve spiraal",)),
        ("wachtlijst-begrip", "wachtlijst", ()),
    ]


def test_print_marks_the_first_use_per_text_and_links_to_the_pdfs_glossary(catalog: Catalog) -> None:
    renderer = MarkdownRenderer(Resolver(catalog), terms=glossary_terms(catalog.records.values()))
    html = str(renderer.body("De negatieve spiraal, en nog eens de neerwaartse spiraal. `wachtlijst`", "x"))
    assert html == (
        '<p>De <a class="wg-term" href="#begrip-neerwaartse-spiraal">negatieve spiraal</a>, en nog eens de '
        "neerwaartse spiraal. <code>wachtlijst</code></p>"
    )
    assert [t.id for t in renderer.used_terms] == ["neerwaartse-spiraal"]
    assert str(renderer.block("Geen markering van de neerwaartse spiraal hier.", "x")).count("wg-term") == 0
