"""The print HTML of the shipped guide, read as markup: the booklet's finish that can be checked without a layout.

The laid-out PDFs are tested in ``test_export_guide.py`` (slow); these checks hold the HTML
to what those pages showed (issue 13, session 4).
"""

from __future__ import annotations

import re

import pytest
from conftest import REPO
from markupsafe import Markup

from build_tools.export.print_html import (
    LAST_PAGE_LINES,
    REGISTER_SEPARATOR,
    RUNNING_HEAD_CHARS,
    Chapter,
    Question,
    address_parts,
    build_document,
    render_html,
    running_head,
)
from build_tools.link import Catalog
from build_tools.pipeline import check


@pytest.fixture(scope="module")
def shipped() -> Catalog:
    result = check(REPO, stale_after_days=None)
    assert result.ok
    return result.catalog


@pytest.fixture(scope="module")
def guide(shipped: Catalog) -> str:
    return render_html(build_document(shipped))


def test_register_pages_are_separated_by_text_not_generated_commas(guide: str) -> None:
    # A comma made by CSS left WeasyPrint no place to break in a long entry: "Samenwerking" stood
    # alone on its line, its pages on the next. Real text between the links can break.
    lists = re.findall(r'<span class="reg-pages">(.*?)</span>(?!<span class="reg-sep">)', guide, re.S)
    assert len(lists) >= 60
    for pages in lists:
        links = re.findall(r'<a [^>]*class="reg-page"[^>]*></a>', pages)
        assert links, pages
        assert pages.count(REGISTER_SEPARATOR) == len(links) - 1, pages[:200]


def test_a_register_name_and_the_word_pagina_hold_on_to_their_first_page(guide: str) -> None:
    register = guide[guide.index('<section class="back-matter register"') :]
    names = re.findall(r'<span class="reg-name">[^<]*</span>(&nbsp;| )<span class="reg-pages">', register)
    assert len(names) >= 40 and set(names) == {"&nbsp;"}  # no page number alone on a line
    sources = guide[guide.index('<section class="back-matter all-sources"') : guide.index(register[:40])]
    cited = re.findall(
        r'(&nbsp;|\s)<span class="cited">Pagina(?:\'s|&#39;s)?(&nbsp;| )<span class="reg-pages">', sources
    )
    assert len(cited) >= 30 and set(cited) == {("&nbsp;", "&nbsp;")}  # never "Pagina 19" alone on a line


def test_a_wijk_with_brackets_in_its_name_gets_its_gemeente_inside_them(guide: str) -> None:
    assert "Vogelbuurt (Vogelwijk, Lansingerland)" in guide
    assert not re.search(r"\([^()<]*\) \([^()<]*\)", re.sub(r"<[^>]+>", "", guide))  # no "(…) (…)"


def test_running_heads_fit_one_line() -> None:
    long = "Hoofdstuk 1. Van krachtwijken tot Nationaal Programma Leefbaarheid en Veiligheid"
    assert running_head(long) == "Hoofdstuk 1. Van krachtwijken tot Nationaal Programma …"
    assert running_head("Hoofdstuk 5. Samenwerken in netwerken en allianties") == (
        "Hoofdstuk 5. Samenwerken in netwerken en allianties"
    )
    assert running_head("Een, twee drie", limit=6) == "Een …"  # never a comma before the ellipsis


def test_every_running_head_of_the_guide_is_short(guide: str) -> None:
    heads = re.findall(r'<article class="chapter" data-running="([^"]*)"', guide)
    assert len(heads) >= 10
    assert all(len(head) <= RUNNING_HEAD_CHARS for head in heads), heads
    assert any(head.endswith(" …") for head in heads)  # chapter 1's title is longer than a line


def test_the_qr_address_breaks_only_after_a_slash() -> None:
    parts = address_parts("https://wijkengids.github.io/wijkengids/hoofdstukken/van-krachtwijken-tot-nplv/")
    assert re.findall(r'<span class="address">([^<]*)</span>', parts) == [
        "wijkengids.github.io/",
        "wijkengids/",
        "hoofdstukken/",
        "van-krachtwijken-tot-nplv/",
    ]
    assert re.sub(r"<[^>]+>", "", address_parts("https://a.nl/b")) == "a.nl/b"


def test_a_dilemma_is_named_once_above_its_questions(shipped: Catalog, guide: str) -> None:
    document = build_document(shipped, ["dilemmas"])
    chapter = document.chapters[0]
    dilemmas = {str(q.context) for q in chapter.questions if q.context}
    assert len(dilemmas) >= 5
    groups = chapter.question_groups
    contexts = [str(c) for c, _start, _texts in groups if c]
    assert len(contexts) == len(set(contexts)) == len(dilemmas)  # each dilemma one group
    assert sum(len(texts) for _c, _start, texts in groups) == len(chapter.questions)
    starts = [start for _c, start, _texts in groups]
    assert starts[0] == 1 and starts == sorted(starts)  # the numbering runs on through the groups
    html = render_html(document)
    assert html.count("Bij het dilemma") == len(dilemmas)
    for _c, start, _texts in groups:  # WeasyPrint ignores start: the counter is set
        assert f'start="{start}" style="counter-reset: list-item {start - 1}"' in html


def test_notes_questions_and_the_ruled_room_share_the_last_page_when_they_are_few(guide: str) -> None:
    chapters = re.findall(r'<article class="chapter".*?</article>', guide, re.S)
    assert len(chapters) >= 10
    kinds = set()
    for chapter in chapters:
        assert chapter.count('class="notes"') == 1, chapter[:120]  # one ruled room a chapter
        last = re.search(r'<section class="questions( questions-page)?">(.*?)</section>\s*</article>', chapter, re.S)
        assert last is not None, chapter[:120]
        kinds.add(bool(last.group(1)))
        if last.group(1):  # one page: the notes (if any), the questions, the ruled room below them
            assert 'class="endnotes"' not in chapter or 'class="endnotes"' in last.group(2)
        else:  # many: notes and questions close the chapter, the ruled room takes a page of its own
            assert '<div class="notes-room">' in last.group(2) and 'class="endnotes"' not in last.group(2)
    assert kinds == {True, False}  # the shipped guide has both (chapter 4: fifteen questions)


def _chapter(notes: int, questions: int) -> Chapter:
    return Chapter(
        id="h",
        anchor="h",
        number=1,
        label="Hoofdstuk 1",
        title="H",
        goals=[],
        intro=Markup(""),
        items=[],
        sources=[],
        questions=[Question(f"v{n}", Markup("")) for n in range(questions)],
        sections=[],
        notes=[(n, "a/") for n in range(1, notes + 1)],
    )


def test_what_fits_the_last_page() -> None:
    assert _chapter(LAST_PAGE_LINES - 6, 3).last_page
    assert not _chapter(LAST_PAGE_LINES - 5, 3).last_page
    assert not _chapter(0, 15).last_page


def test_the_editors_mark_of_a_glossary_entry_is_kept_on_one_line(guide: str) -> None:
    own = re.findall(r'<span class="glossary-source glossary-own">([^<]*)</span>', guide)
    cited = re.findall(r'<span class="glossary-source">([^<]*)</span>', guide)
    assert own and set(own) == {"Uitleg van de redactie."}  # "Uitleg / van de redactie." no more
    assert cited and all(text.startswith("Bron: ") for text in cited)
