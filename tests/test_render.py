"""Records → Markdown pages, without MkDocs: URLs, typed links both ways, chapters, overviews, home."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import markdown
import pytest
from conftest import TODAY

from build_tools.link import Catalog
from build_tools.pipeline import check
from build_tools.problems import Code
from build_tools.render import RenderedPage, render_pages, sanitize_html, site_nav, url_path
from build_tools.render.links import escape_md, expand_refs, relative
from build_tools.schema import RECORD_TYPES

FIXTURE = Path(__file__).parent / "fixtures" / "site_guide"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    result = check(FIXTURE, today=TODAY)
    assert result.ok, result.problems
    return result.catalog


@pytest.fixture(scope="module")
def pages(catalog: Catalog) -> dict[str, RenderedPage]:
    return {p.src_uri: p for p in render_pages(catalog)}


def md(pages: dict[str, RenderedPage], src: str) -> str:
    """The page's Markdown without its front matter (title and description, tested apart)."""
    return strip_front_matter(pages[src].markdown)


def strip_front_matter(text: str) -> str:
    assert text.startswith("---\n"), text[:80]
    return text.split("\n---\n\n", 1)[1]


def without_header(text: str) -> str:
    """The Markdown from the page title on (the breadcrumb above it left out)."""
    return text[text.index("\n# ") + 1 :] if not text.startswith("# ") else text


def test_every_published_record_has_a_page_at_its_dutch_url(catalog: Catalog, pages: dict[str, RenderedPage]) -> None:
    for record in catalog.records.values():
        src = f"{record.rtype.plural}/{record.id}.md"
        if record.published:
            assert pages[src].url_path == f"{record.rtype.plural}/{record.id}/"
            assert pages[src].edit_path == record.path
            assert pages[src].kind == ("chapter" if record.type == "chapter" else "record")
        else:
            assert src not in pages  # concept records are not published
    for rtype in RECORD_TYPES:
        overview = pages[f"{rtype.plural}/index.md"]
        assert overview.url_path == f"{rtype.plural}/"
        assert overview.edit_path is None
    assert pages["index.md"].url_path == ""


def test_url_path_without_directory_urls() -> None:
    assert url_path("lessen/x.md", directory_urls=False) == "lessen/x.html"
    assert url_path("lessen/index.md", directory_urls=False) == "lessen/"
    assert url_path("index.md") == ""


def test_inline_references_become_relative_links(pages: dict[str, RenderedPage]) -> None:
    lesson = md(pages, "lessen/lange-adem.md")
    assert "zie [De Versnelling in Overvecht](../voorbeelden/overvecht-versnelling.md)." in lesson
    # a concept record is named but not linked; code stays as written
    assert "Wie wacht op de wachtlijst verliest tijd" in lesson
    assert "wachtlijst.md" not in lesson
    assert "`[[geen-link]]`" in lesson
    chapter = md(pages, "hoofdstukken/inleiding.md")
    assert "Deze gids begint bij [de lange adem](../lessen/lange-adem.md)." in chapter
    home = md(pages, "index.md")
    assert "[Vooraf](hoofdstukken/inleiding.md)" in home


def test_relative_links_and_expansion_helpers() -> None:
    assert relative("lessen/a.md", "voorbeelden/b.md") == "../voorbeelden/b.md"
    assert relative("lessen/a.md", "lessen/b.md", "kop") == "b.md#kop"
    assert relative("index.md", "lessen/index.md") == "lessen/index.md"
    assert expand_refs("a [[x]] `[[y]]` b [[z|Zet]]", lambda i, t: f"<{i}:{t}>") == "a <x:None> `[[y]]` b <z:Zet>"
    assert escape_md("*vet* <b>[x](y)</b> & #1") == r"\*vet\* &lt;b&gt;\[x\](y)&lt;/b&gt; &amp; \#1"


def test_lesson_shows_its_examples_dilemmas_quotes_themes_and_sources(pages: dict[str, RenderedPage]) -> None:
    lesson = md(pages, "lessen/lange-adem.md")
    assert without_header(lesson).startswith("# Een wijkaanpak vraagt een lange adem\n")
    assert "**Thema's:** [Vertrouwen](../themas/vertrouwen.md)" in lesson
    assert (
        "## Praktijkvoorbeelden\n\n- [De Versnelling in Overvecht](../voorbeelden/overvecht-versnelling.md)" in lesson
    )
    assert "## Dilemma's\n\n- [Snel resultaat of duurzame verandering](../dilemmas/snel-of-duurzaam.md)" in lesson
    assert "> Van aandachtswijk naar springplankwijk." in lesson
    assert "— [Anna de Vries](../citaten/springplank.md)" in lesson
    assert "- Leg de afspraken vast in *alle* begrotingen." in lesson  # prose keeps its Markdown
    # sources with publisher, date and address
    assert (
        "- [Wijkaanpak voor weerbare wijken](../bronnen/debeuk-weerbare-wijken.md), "
        "[De Beuk](../organisaties/de-beuk.md), 3 mei 2022. <https://www.debeuk.nl/weerbare-wijken>"
    ) in lesson
    assert "Laatst nagekeken: 1 november 2026\n{: .wg-reviewed }" in lesson
    # its chapter in the breadcrumb above the title, not again in a list after the body
    assert "- [Hoofdstuk 7. Resultaat boeken en volhouden](../hoofdstukken/lange-adem-hoofdstuk.md)" in lesson
    assert lesson.count("../hoofdstukken/lange-adem-hoofdstuk.md") == 1


def test_example_shows_place_period_organisations_budget_results_and_lessons(pages: dict[str, RenderedPage]) -> None:
    example = md(pages, "voorbeelden/overvecht-versnelling.md")
    assert "Plaats\n:   [Overvecht (Utrecht)](../plaatsen/overvecht.md)" in example
    assert "Periode\n:   vanaf 2018" in example
    assert "- [De Beuk](../organisaties/de-beuk.md): begeleidde het proces" in example
    assert "| €\u00a010.000.000 | beschikbaar gesteld door de gemeenteraad |" in example
    assert "## Resultaten\n\n- Betere resultaten op gezondheid en veiligheid." in example
    assert "## Lessen uit dit voorbeeld\n\n- [Een wijkaanpak vraagt een lange adem](../lessen/lange-adem.md)" in example


def test_links_go_both_ways_and_genoemd_in_lists_who_names_a_record(pages: dict[str, RenderedPage]) -> None:
    # the dilemma names the lesson; the lesson names the dilemma: each page shows the other
    dilemma = md(pages, "dilemmas/snel-of-duurzaam.md")
    assert "## Lessen\n\n- [Een wijkaanpak vraagt een lange adem](../lessen/lange-adem.md)" in dilemma
    # the quote is named by no one but names the lesson: the lesson still lists it
    assert "[Anna de Vries](../citaten/springplank.md)" in md(pages, "lessen/lange-adem.md")
    example = md(pages, "voorbeelden/overvecht-versnelling.md")
    genoemd = example.split("## Genoemd in", 1)[1].split("</div>", 1)[0]
    assert "[Snel resultaat of duurzame verandering](../dilemmas/snel-of-duurzaam.md)" in genoemd
    # the lesson is listed once, under "Lessen uit dit voorbeeld", not again under "Genoemd in"
    assert "[Een wijkaanpak vraagt een lange adem](../lessen/lange-adem.md)" not in genoemd
    assert "## Lessen uit dit voorbeeld\n\n- [Een wijkaanpak vraagt een lange adem]" in example


def test_record_pages_say_what_they_are_and_where_they_sit(pages: dict[str, RenderedPage]) -> None:
    lesson = md(pages, "lessen/lange-adem.md")
    crumbs = lesson.split("</nav>", 1)[0]
    assert crumbs.startswith('<nav class="wg-crumbs" aria-label="Kruimelpad" markdown="1">')
    assert "- [Wijkengids](../index.md)\n" in crumbs
    assert '- <span class="wg-here">Les</span>' in crumbs
    # a record in no chapter shows the overview of its kind instead
    source = md(pages, "bronnen/debeuk-weerbare-wijken.md")
    assert '- [Bronnen](index.md)\n- <span class="wg-here">Bron</span>' in source
    # previous and next in the chapter, apart from the link lists
    example = md(pages, "voorbeelden/overvecht-versnelling.md")
    pager = example.split('<nav class="wg-pager"', 1)[1]
    assert "- Vorige in hoofdstuk 7: Les [Een wijkaanpak vraagt een lange adem](../lessen/lange-adem.md)" in pager


def test_no_record_is_listed_twice_after_the_body(pages: dict[str, RenderedPage]) -> None:
    for page in pages.values():
        text = md(pages, page.src_uri)
        if '<div class="wg-links"' not in text:
            continue
        lists = text.split('<div class="wg-links" markdown>', 1)[1].split("\n</div>\n", 1)[0]
        targets = re.findall(r"\]\(([^)]+\.md)\)", lists)
        assert len(targets) == len(set(targets)), (page.src_uri, sorted(t for t in targets if targets.count(t) > 1))


def test_every_page_has_its_own_title_and_description(pages: dict[str, RenderedPage]) -> None:
    heads = [p.markdown.split("\n---\n", 1)[0] for p in pages.values()]
    titles = [re.search(r'^title: "(.*)"$', h, re.M) for h in heads]
    descriptions = [re.search(r'^description: "(.*)"$', h, re.M) for h in heads]
    assert all(d is not None and d.group(1) for d in descriptions)
    found_titles = [t.group(1) for t in titles if t is not None]
    assert len(found_titles) == len(pages) - 1  # the home page has the site's name
    assert len(set(found_titles)) == len(found_titles)
    assert len({d.group(1) for d in descriptions if d}) == len(pages)
    lesson = md(pages, "lessen/lange-adem.md")
    assert 'description: "Resultaten komen pas na jaren' in pages["lessen/lange-adem.md"].markdown
    assert lesson  # the description comes from the summary, the title from the record


def test_quote_titles_name_the_speaker_and_the_opening_words() -> None:
    from build_tools.model import quote_title

    assert quote_title("Jan Jans", "Wijkenaanpak is core business. Het is een werkwijze.") == (
        "Jan Jans: ‘Wijkenaanpak is core business’"
    )
    long = "Denk er over na wat het betekent als je burgers meer verantwoordelijkheid geeft in de wijk"
    assert quote_title("Jan Jans", long) == "Jan Jans: ‘Denk er over na wat het betekent als je burgers meer …’"
    assert quote_title("X", "Waar is het 't belangrijkst?") == "X: ‘Waar is het 't belangrijkst?’"


def test_dilemma_shows_both_poles_side_by_side(pages: dict[str, RenderedPage]) -> None:
    dilemma = md(pages, "dilemmas/snel-of-duurzaam.md")
    poles = dilemma.split('<div class="wg-poles" markdown>', 1)[1].split("## Toelichting", 1)[0]
    assert re.findall(r'<div class="wg-pole" markdown>\n\*\*(.+?)\*\*\n\n(.+?)\n</div>', poles) == [
        ("Aan de ene kant", "Snel zichtbare resultaten in de straat"),
        ("Aan de andere kant", "Duurzame verandering over tien jaar"),
    ]
    assert "## Standpunt van de redactie\n\nDoe allebei, zoals in [De Versnelling in Overvecht]" in dilemma


def test_quote_page_names_speaker_role_organisation_date_and_source(pages: dict[str, RenderedPage]) -> None:
    quote = md(pages, "citaten/springplank.md")
    assert "— Anna de Vries, wijkmanager, [De Beuk](../organisaties/de-beuk.md) (mei 2022)" in quote
    assert "Bron: [Wijkaanpak voor weerbare wijken](../bronnen/debeuk-weerbare-wijken.md)" in quote
    assert "**Plaatsen:** [Overvecht (Utrecht)](../plaatsen/overvecht.md)" in quote


def test_chapter_page(pages: dict[str, RenderedPage]) -> None:
    chapter = md(pages, "hoofdstukken/inleiding.md")
    assert "[Download als PDF](../pdf/inleiding.pdf)\n{: .wg-download }" in chapter  # a Markdown link: every engine
    assert "## Na het lezen van dit hoofdstuk weet je:\n\n- waarvoor deze gids bedoeld is." in chapter
    items = chapter.split("## In dit hoofdstuk", 1)[1]
    dilemma = items.index("### [Snel resultaat of duurzame verandering](../dilemmas/snel-of-duurzaam.md)")
    quote = items.index("> Van aandachtswijk naar springplankwijk.\n>\n> — [Anna de Vries](../citaten/springplank.md)")
    assert dilemma < quote  # items in the chapter's order
    assert items.count("Van aandachtswijk naar springplankwijk") == 1  # a quote card shows the quote once
    assert '<div class="wg-card wg-card--dilemma" markdown>\n\nDilemma\n{: .wg-kind }' in items
    assert "Kies je voor snelle zichtbare winst of voor de lange termijn?" in items
    assert "## Gespreksvragen\n\n1. Wat wil jij met deze gids?" in chapter
    assert "- Volgend hoofdstuk: [Resultaat boeken en volhouden](lange-adem-hoofdstuk.md)" in chapter
    assert "Vorig hoofdstuk" not in chapter
    last = md(pages, "hoofdstukken/lange-adem-hoofdstuk.md")
    assert "- Vorig hoofdstuk: [Vooraf](inleiding.md)" in last
    assert '- <span class="wg-here">Hoofdstuk 7</span>' in last


def test_places_overview_groups_wijken_under_their_gemeente(pages: dict[str, RenderedPage]) -> None:
    places = md(pages, "plaatsen/index.md")
    assert "## Utrecht\n\n- [Gemeente Utrecht](utrecht.md)\n- [Overvecht](overvecht.md)" in places
    assert "## Wijken\n\n- [Overvecht](overvecht.md)" in md(pages, "plaatsen/utrecht.md")
    assert "Wijk in de gemeente [Utrecht](utrecht.md)" in md(pages, "plaatsen/overvecht.md")


def test_bibliography_lists_what_cites_each_source(pages: dict[str, RenderedPage]) -> None:
    bib = md(pages, "bronnen/index.md")
    line = next(line for line in bib.splitlines() if line.strip().startswith("Geciteerd in:"))
    for src in ("../lessen/lange-adem.md", "../voorbeelden/overvecht-versnelling.md", "../citaten/springplank.md"):
        assert src in line
    assert "../lessen/wachtlijst.md" not in bib  # concepts cite nothing on the site
    source = md(pages, "bronnen/debeuk-weerbare-wijken.md")
    assert "Datum\n:   3 mei 2022" in source
    assert "## Geciteerd in" in source


def test_theme_and_organisation_pages(pages: dict[str, RenderedPage]) -> None:
    theme = md(pages, "themas/vertrouwen.md")
    assert "Ook bekend als: wantrouwen" in theme
    assert "## Lessen\n\n- [Een wijkaanpak vraagt een lange adem](../lessen/lange-adem.md)" in theme
    assert "## Dilemma's\n\n- [Snel resultaat of duurzame verandering](../dilemmas/snel-of-duurzaam.md)" in theme
    org = md(pages, "organisaties/de-beuk.md")
    assert "- [De Versnelling in Overvecht](../voorbeelden/overvecht-versnelling.md): begeleidde het proces" in org
    assert "Adviesbureau · <https://www.debeuk.nl/>" in org


def test_home_has_ways_in_and_recently_reviewed(pages: dict[str, RenderedPage]) -> None:
    home = md(pages, "index.md")
    for heading in ("### Per hoofdstuk", "### Per thema", "### Per wijk", "### Per vraag", "## Onlangs nagekeken"):
        assert heading in home
    assert "- [Vooraf](hoofdstukken/inleiding.md)\n- [7. Resultaat boeken" in home
    assert "- [Utrecht](plaatsen/utrecht.md): [Overvecht](plaatsen/overvecht.md)" in home
    assert "[Kies je voor snelle zichtbare winst of voor de lange termijn?](dilemmas/snel-of-duurzaam.md)" in home
    recent = home.split("## Onlangs nagekeken", 1)[1]
    assert recent.index("citaten/springplank.md") < recent.index("hoofdstukken/inleiding.md")  # newest first
    assert "(pdf/wijkengids.pdf)" in home


def test_home_intro_comes_from_the_guide(catalog: Catalog) -> None:
    pages = render_pages(catalog, home_intro="Welkom in *deze* gids, zie [[lange-adem]].", home_edit_path="x.md")
    home = pages[0]
    assert home.src_uri == "index.md" and home.edit_path == "x.md"
    assert "Welkom in *deze* gids, zie [Een wijkaanpak vraagt een lange adem](lessen/lange-adem.md)." in home.markdown


def test_nav_lists_chapters_in_order_and_overviews_but_no_record_pages(catalog: Catalog) -> None:
    nav = site_nav(catalog, ["over.md"])
    assert nav[0] == {"Startpagina": "index.md"}
    assert nav[1] == {
        "Hoofdstukken": [
            "hoofdstukken/index.md",
            {"Vooraf": "hoofdstukken/inleiding.md"},
            {"7. Resultaat boeken en volhouden": "hoofdstukken/lange-adem-hoofdstuk.md"},
        ]
    }
    flat = repr(nav)
    assert "lessen/lange-adem.md" not in flat and "lessen/index.md" in flat
    assert nav[-1] == "over.md"


def test_hostile_text_is_escaped_and_sanitised_even_without_the_validator(catalog: Catalog) -> None:
    """Render a record the validator would refuse: neither markup nor script comes through."""
    from dataclasses import replace

    lesson = catalog["lange-adem"]
    hostile = replace(
        lesson,
        fields={**lesson.fields, "title": "<script>alert('titel')</script> *Kop*"},
        body=(
            "<script>alert('body')</script>\n\n<img src=x onerror=alert(1)>\n\n"
            "[klik](javascript:alert(2)) <a href='javascript:alert(3)' onclick='alert(4)'>a</a>"
        ),
    )
    evil = catalog.with_record(hostile)
    page = next(p for p in render_pages(evil) if p.src_uri == "lessen/lange-adem.md")
    assert without_header(strip_front_matter(page.markdown)).startswith(
        r"# &lt;script&gt;alert('titel')&lt;/script&gt; \*Kop\*"
    )
    assert 'title: "&lt;script&gt;alert(&#x27;titel&#x27;)&lt;/script&gt; *Kop*"' in page.markdown
    html = sanitize_html(markdown.markdown(page.markdown, extensions=["attr_list", "def_list", "md_in_html", "tables"]))
    assert "<script" not in html.lower()
    assert "javascript:" not in html.lower()
    assert "onerror" not in html.lower() and "onclick" not in html.lower()
    assert "&lt;script&gt;alert('titel')&lt;/script&gt; *Kop*</h1>" in html  # the title is shown as text


def test_the_validator_refuses_a_hostile_record(tmp_path: Path) -> None:
    root = tmp_path / "gids"
    shutil.copytree(FIXTURE, root)
    lesson = root / "lessons" / "lange-adem.md"
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(text.replace("De neerwaartse", "<script>alert(1)</script> De neerwaartse"), encoding="utf-8")
    result = check(root, today=TODAY)
    assert not result.ok
    assert [p.code for p in result.errors] == [Code.RAW_HTML]


def test_sanitiser_keeps_what_markdown_and_material_produce() -> None:
    html = (
        '<h2 id="uitleg">Uitleg<a class="headerlink" href="#uitleg" title="Link naar deze sectie">¶</a></h2>'
        '<p class="wg-lead">Zie <a href="../x/">x</a><sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a>'
        '</sup></p><div class="admonition warning"><p class="admonition-title">Verouderd</p></div>'
        "<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>b</td></tr></tbody></table>"
    )
    assert sanitize_html(html) == html


def test_sanitiser_keeps_column_alignment_and_nothing_else_of_style() -> None:
    cell = '<td style="text-align: right; background-image: url(https://evil.example/x.gif)">€ 10.000.000</td>'
    cleaned = sanitize_html(f"<table><tbody><tr>{cell}</tr></tbody></table>")
    assert '<td style="text-align:right">€ 10.000.000</td>' in cleaned
    assert "evil" not in cleaned
    assert "style" not in sanitize_html('<p style="text-align: right">x</p>')


def test_sanitiser_keeps_images_of_the_site_only() -> None:
    html = (
        '<p><img src="https://evil.example/a.gif" alt="a"><img src="//evil.example/b" alt="b">'
        '<img src="../c.png" alt="c"></p>'
    )
    assert sanitize_html(html) == '<p><img alt="a"><img alt="b"><img src="../c.png" alt="c"></p>'


@pytest.mark.slow
def test_rendering_does_not_import_mkdocs() -> None:
    code = (
        "import sys; from pathlib import Path; from build_tools.pipeline import check; "
        "from build_tools.render import render_pages; "
        f"render_pages(check(Path({str(FIXTURE)!r})).catalog); "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material', 'properdocs')); "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_generated_markdown_has_no_unrendered_template_syntax(pages: dict[str, RenderedPage]) -> None:
    for page in pages.values():
        assert not re.search(r"\{\{|\{%|\[\[", page.markdown.replace("`[[geen-link]]`", "")), page.src_uri


def test_an_outdated_record_says_so(pages: dict[str, RenderedPage]) -> None:
    example = md(pages, "voorbeelden/overvecht-versnelling.md")
    assert '!!! warning "Verouderd"\n    Dit praktijkvoorbeeld is verouderd' in example
    assert "Verouderd" not in md(pages, "lessen/lange-adem.md")


def test_organisations_overview_is_grouped_by_kind(pages: dict[str, RenderedPage]) -> None:
    assert "## Adviesbureau\n\n- [De Beuk](de-beuk.md)\n" in md(pages, "organisaties/index.md")


def test_templates_are_compiled_once(catalog: Catalog) -> None:
    from build_tools.render import pages as module

    render_pages(catalog)
    compiled = module._template.cache_info().currsize
    render_pages(catalog)
    render_pages(catalog, directory_urls=False)
    assert module._environment.cache_info().misses == 1
    assert module._template.cache_info().currsize == compiled
    assert compiled == len(list(module.TEMPLATE_DIR.glob("*.md.j2")))


def test_compiled_templates_are_kept_between_runs(
    catalog: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second run (a fresh environment) compiles no template: Jinja's bytecode cache in the cache folder."""
    import jinja2

    from build_tools.render import pages as module

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    compiled: list[str | None] = []
    real = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: Any, name: str | None = None, *args: Any, **kwargs: Any) -> Any:
        compiled.append(name)
        return real(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    runs = []
    for _ in range(2):
        module._environment.cache_clear()
        module._template.cache_clear()
        before = len(compiled)
        first = render_pages(catalog)
        runs.append((len(compiled) - before, [p.markdown for p in first]))
    module._environment.cache_clear()
    module._template.cache_clear()
    assert runs[0][0] > 0 and runs[1][0] == 0
    assert runs[0][1] == runs[1][1]
    assert any((tmp_path / "wijkengids" / "jinja").iterdir())


def test_descriptions_are_plain_text_without_citations() -> None:
    from build_tools.render.context import plain_text, shorten

    assert plain_text("Zo ging het ([[bron-a]], [[bron-b]]). Zie **[[x|dit]]** en [link](y.md).") == (
        "Zo ging het. Zie dit en link."
    )
    assert shorten("een twee drie vier", 12) == "een twee …"
