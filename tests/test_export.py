"""Print export: the PDFs of a small fixture guide, opened with pypdf and poppler."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import weasyprint
from pypdf import PdfReader

from build_tools.export.markup import Resolver, short_address, site_settings
from build_tools.export.outputs import GUIDE_PDF, chapter_html, export_all, export_chapter, guide_html, read_settings
from build_tools.export.pdf import Pagination, anchor_pages, layout, printed_references, wrong_references
from build_tools.export.print_html import TEMPLATE_DIR, build_document
from build_tools.export.references import fill_pages, references, wanted
from build_tools.pipeline import check

#: Every test here lays out PDFs.
pytestmark = pytest.mark.slow

MINIMAL = Path(__file__).parent / "cases" / "base"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "pdf"
CHAPTER = "lange-adem-hoofdstuk"

_PARAGRAPH = (
    "Bewoners, professionals en bestuurders werken in de wijk samen aan wat nodig is. Dat vraagt geduld, "
    "afspraken die jaren standhouden en mensen die blijven. "
)


def _long(text: str, times: int) -> str:
    return "\n\n".join(text * 3 for _ in range(times))


FIXTURE: dict[str, str] = {
    "mkdocs.yml": "site_name: Wijkengids\nsite_url: https://gids.test/wijk/\ntheme:\n  name: material\n",
    "guide/hoofdstukken/lange-adem-hoofdstuk.md": """---
id: lange-adem-hoofdstuk
status: gepubliceerd
reviewed: 2026-11-01
number: 7
title: Resultaat boeken en volhouden
goals:
  - waarom een wijkaanpak een lange adem vraagt;
  - hoe je kiest tussen stad en wijk.
items:
  - lange-adem
  - beuk-adem
  - tweede-les
  - stad-of-wijk
  - overvecht-versnelling
  - concept-les
questions:
  - Hoe lang loopt de aanpak in jouw wijk al?
  - Wie houdt de aanpak vol als het programma stopt?
---

Dit hoofdstuk gaat over volhouden. Lees eerst [[tweede-les]].
""",
    "guide/hoofdstukken/vooraf.md": """---
id: vooraf
status: gepubliceerd
reviewed: 2026-10-01
number: 0
title: Vooraf – wat deze gids wil
goals:
  - wat de gids wil.
items:
  - niet-stoppen
questions:
  - Wat zoek je in deze gids?
---

Deze gids is voor iedereen die met een wijk bezig is.
""",
    "lessons/tweede-les.md": f"""---
id: tweede-les
status: gepubliceerd
reviewed: 2026-11-02
title: Houd de partners aan tafel
summary: Wie samen begint, moet ook samen volhouden.
apply:
  - Leg vast wie na het programma de kar trekt.
  - Bespreek het dilemma tussen stad en wijk met alle partners.
dilemmas:
  - stad-of-wijk
sources:
  - debeuk-weerbare-wijken
---

{_long(_PARAGRAPH, 6)}

Wat er gebeurt als je stopt, staat in [[niet-stoppen]]. Kijk ook naar [[stad-of-wijk|het dilemma]].

## Een kop in de tekst

{_long(_PARAGRAPH, 4)}
""",
    "lessons/niet-stoppen.md": """---
id: niet-stoppen
status: gepubliceerd
reviewed: 2026-11-01
title: Stop niet te vroeg
summary: Wie te vroeg stopt, verliest wat bereikt is.
apply:
  - Stop pas als de resultaten blijven.
sources:
  - debeuk-weerbare-wijken
---

Resultaten zakken weg als de inzet stopt.
""",
    "lessons/concept-les.md": """---
id: concept-les
status: concept
reviewed: 2026-11-01
title: Deze les is nog een concept
summary: Nog niet klaar.
apply:
  - Nog niets.
sources:
  - debeuk-weerbare-wijken
---

Concepttekst.
""",
    "lessons/dilemmas/stad-of-wijk.md": """---
id: stad-of-wijk
status: gepubliceerd
reviewed: 2026-11-01
title: Investeren in de wijk of in de stad?
pole_a: Wijkgericht werken en het geld in de wijk zelf investeren.
pole_b: Investeren op het niveau van de stad of de regio.
question: Waar leveren investeringen de bewoners het meeste op?
considerations:
  - Huidige bewoners hebben nu hulp nodig.
  - Kansen liggen ook buiten de wijk.
view: Het is een schijntegenstelling; verbind de niveaus.
sources:
  - debeuk-weerbare-wijken
questions:
  - Op welk niveau investeert jouw gemeente?
---

Het dilemma komt in elke wijkaanpak terug.
""",
    "examples/citaten/beuk-adem.yml": """id: beuk-adem
status: gepubliceerd
reviewed: 2026-11-01
text: De neerwaartse spiraal is gekeerd, maar we zijn er nog niet.
speaker: Jan de Vries
role: adviseur
organisation: de-beuk
date: 2021-05
source: debeuk-weerbare-wijken
""",
    "guide/bronnen/debeuk-weerbare-wijken.yml": """id: debeuk-weerbare-wijken
title: Wijkaanpak voor weerbare wijken
publisher: de-beuk
date: 2021-03-04
url: https://www.debeuk.nl/weerbare-wijken/
kind: webpagina
""",
}

LESSON_TITLES = ["Een wijkaanpak vraagt een lange adem", "Houd de partners aan tafel"]


def make_guide(root: Path) -> Path:
    shutil.copytree(MINIMAL, root)
    for rel, text in FIXTURE.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


# Reading PDFs -----------------------------------------------------------------


def squash(text: str) -> str:
    """Whitespace as single spaces; words hyphenated at a line end joined again."""
    return re.sub(r"\s+", " ", re.sub("\u2010\\s*\n", "", text)).strip()


def page_texts(reader: PdfReader) -> list[str]:
    return [squash(page.extract_text()) for page in reader.pages]


def outline(reader: PdfReader) -> list[tuple[str, int, int]]:
    """The bookmarks as (title, 1-based page, level)."""
    out: list[tuple[str, int, int]] = []

    def walk(items: list[Any], level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                page = reader.get_destination_page_number(item)
                assert page is not None
                out.append((str(item.title), page + 1, level))

    walk(reader.outline, 1)
    return out


def contents_pages(texts: list[str], first_section_page: int) -> list[str]:
    """The contents pages: from the one that starts with the heading "Inhoud" up to the first section."""
    start = next(i for i, text in enumerate(texts) if text.startswith("Inhoud"))
    pages = texts[start : first_section_page - 1]
    assert pages, "no contents pages"
    return pages


def toc_entries(toc_pages: list[str], titles: list[str]) -> list[tuple[str, int | None]]:
    """The page number printed after each title on the contents pages, read in order
    (titles such as "Bronnen" recur per chapter); ``None`` for a title not listed."""
    toc = " ".join(toc_pages)
    found: list[tuple[str, int | None]] = []
    position = 0
    for title in titles:
        match = re.compile(re.escape(title) + r" ?(?:\. ?)+ ?(\d+)").search(toc, position)
        if match is None:
            found.append((title, None))
            continue
        found.append((title, int(match.group(1))))
        position = match.end()
    return found


def toc_numbers(toc_pages: list[str], titles: list[str]) -> dict[str, int]:
    return {title: number for title, number in toc_entries(toc_pages, titles) if number is not None}


def pdffonts(path: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


def save_page_png(pdf: Path, page: int, name: str) -> Path:
    """``pdftoppm -png -r 60`` of one page into test-artifacts/pdf/."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    prefix = ARTIFACTS / name
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(prefix)],
        check=True,
    )
    return prefix.with_suffix(".png")


def assert_toc_matches_outline(reader: PdfReader, texts: list[str], *, skip_first: int = 0) -> None:
    """Every contents entry's number is the page where its heading (bookmark) starts."""
    marks = outline(reader)[skip_first:]
    toc = contents_pages(texts, min(page for _title, page, _level in marks if page > 1))
    entries = toc_entries(toc, [title for title, _page, _level in marks])
    assert sum(number is not None for _title, number in entries) >= len(marks) // 2, entries
    for (title, page, _level), (_title, number) in zip(marks, entries, strict=True):
        if number is not None:
            assert number == page, f"contents say page {number} for {title!r}, bookmark {page}"
            # a chapter's title under its label ("HOOFDSTUK 1"; the running head may shorten it)
            heading = re.sub(r"^Hoofdstuk \d+\. ", "", title.split(": ", 1)[-1])
            assert heading in texts[page - 1], f"{heading!r} not on page {page}"


# The chapter PDF --------------------------------------------------------------


@pytest.fixture(scope="module")
def guide(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_guide(tmp_path_factory.mktemp("export") / "guide")


@pytest.fixture(scope="module")
def chapter_pdf(guide: Path) -> tuple[Path, int]:
    target = guide.parent / "out" / f"{CHAPTER}.pdf"
    result = export_chapter(guide, CHAPTER, target)
    return target, result.pages


@pytest.fixture(scope="module")
def reader(chapter_pdf: tuple[Path, int]) -> PdfReader:
    return PdfReader(chapter_pdf[0])


def test_page_count_is_reported_and_sensible(chapter_pdf: tuple[Path, int], reader: PdfReader) -> None:
    assert len(reader.pages) == chapter_pdf[1]
    # cover, contents, at least two pages of text, questions
    assert 5 <= len(reader.pages) <= 12


def test_cover_names_guide_chapter_and_edition(reader: PdfReader) -> None:
    cover = page_texts(reader)[0]
    assert "Wijkengids" in cover
    assert "HOOFDSTUK 7" in cover  # set in capitals
    assert "Resultaat boeken en volhouden" in cover
    assert "Editie 2 november 2026" in cover  # the latest 'reviewed' of the chapter and its items
    assert "pagina" not in cover.split("Editie")[0]  # no running header on the cover


def test_every_lesson_and_item_is_printed_but_no_concept(reader: PdfReader) -> None:
    text = " ".join(page_texts(reader))
    for title in [*LESSON_TITLES, "Investeren in de wijk of in de stad?", "De Versnelling in Overvecht"]:
        assert title in text
    assert "De neerwaartse spiraal is gekeerd, maar we zijn er nog niet." in text
    assert "Jan de Vries" in text
    assert "Deze les is nog een concept" not in text


def test_contents_numbers_are_the_pages_where_sections_start(reader: PdfReader) -> None:
    texts = page_texts(reader)
    assert texts[1].startswith("Inhoud") or "Inhoud" in texts[1][:40]
    assert_toc_matches_outline(reader, texts, skip_first=1)
    numbers = toc_numbers(texts[1:2], ["Gespreksvragen"])
    assert numbers["Gespreksvragen"] == len(reader.pages)


def test_bookmarks_follow_the_headings(guide: Path, reader: PdfReader) -> None:
    document = build_document(check(guide).catalog, [CHAPTER])
    expected = [(s.title, s.level) for s in document.sections]
    assert [(title, level) for title, _page, level in outline(reader)] == expected
    assert expected[0] == ("Hoofdstuk 7. Resultaat boeken en volhouden", 1)
    assert ("Les: Houd de partners aan tafel", 2) in expected
    assert ("Dilemma: Investeren in de wijk of in de stad?", 2) in expected
    # headings inside a record's text are not bookmarks
    assert "Een kop in de tekst" not in [title for title, _page, _level in outline(reader)]


def test_metadata_title_language_date(reader: PdfReader) -> None:
    info = reader.metadata
    assert info is not None
    assert info.title == "Wijkengids – Hoofdstuk 7: Resultaat boeken en volhouden"
    assert info.get("/CreationDate", "").startswith("D:20261102")
    root: Any = reader.trailer["/Root"]
    assert root["/Lang"] == "nl"
    assert "/StructTreeRoot" in root  # tagged PDF
    assert bool(root["/MarkInfo"]["/Marked"])
    assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data()


def test_every_font_is_embedded(chapter_pdf: tuple[Path, int]) -> None:
    fonts = pdffonts(chapter_pdf[0])
    assert fonts
    assert all(row[-5] == "yes" for row in fonts), fonts
    assert any("DejaVu" in row[0] for row in fonts)


def test_running_header_has_chapter_title_and_page_of_pages(reader: PdfReader) -> None:
    texts = page_texts(reader)
    total = len(texts)
    for number, text in enumerate(texts[1:], start=2):
        assert f"pagina {number} van {total}" in text
    for text in texts[2:]:
        assert "Hoofdstuk 7. Resultaat boeken en volhouden" in text


def test_cross_references_say_page_or_print_the_address(reader: PdfReader) -> None:
    texts = page_texts(reader)
    pages = {title: page for title, page, _level in outline(reader)}
    text = " ".join(texts)
    dilemma_page = pages["Dilemma: Investeren in de wijk of in de stad?"]
    assert f"het dilemma (zie pagina {dilemma_page})" in text
    lesson_page = pages["Les: Houd de partners aan tafel"]
    assert f"Houd de partners aan tafel (zie pagina {lesson_page})" in texts[2]  # from the introduction
    # a lesson of another chapter is online only: its short address is printed
    assert re.search(r"Stop niet te vroeg ?\d", text)  # a note number ...
    assert "gids.test/wijk/lessen/niet-stoppen/" in text  # ... and the note


def test_dilemma_poles_side_by_side_and_quote_attributed(reader: PdfReader) -> None:
    first = outline_page(reader, "Dilemma: Investeren in de wijk of in de stad?") - 1
    # the heading may end a page and the table open the next (headings keep with what follows)
    lines = [line for page in reader.pages[first : first + 2] for line in page.extract_text().splitlines()]
    both = [line for line in lines if "Enerzijds" in line and "Anderzijds" in line]
    assert both, "the two poles are not side by side"
    text = " ".join(page_texts(reader))
    assert "Jan de Vries, adviseur, De Beuk (mei 2021)" in text


def outline_page(reader: PdfReader, title: str) -> int:
    return next(page for t, page, _level in outline(reader) if t == title)


def test_sources_listed_with_publisher_date_and_address(reader: PdfReader) -> None:
    page = page_texts(reader)[outline_page(reader, "Bronnen") - 1]
    assert "De Beuk (4 maart 2021). Wijkaanpak voor weerbare wijken. Webpagina. debeuk.nl/weerbare-wijken/" in page


def test_last_page_has_questions_and_room_for_notes(reader: PdfReader) -> None:
    last = page_texts(reader)[-1]
    assert "Gespreksvragen" in last
    assert "Hoe lang loopt de aanpak in jouw wijk al?" in last
    assert "Wie houdt de aanpak vol als het programma stopt?" in last
    assert "Op welk niveau investeert jouw gemeente?" in last  # the dilemma's question
    assert "Aantekeningen" in last


def test_page_images_saved(chapter_pdf: tuple[Path, int], reader: PdfReader) -> None:
    pdf = chapter_pdf[0]
    content = outline_page(reader, "Les: Houd de partners aan tafel")
    images = [
        save_page_png(pdf, 1, "chapter-cover"),
        save_page_png(pdf, content, "chapter-content"),
        save_page_png(pdf, len(reader.pages), "chapter-questions"),
    ]
    for image in images:
        assert image.stat().st_size > 2000
        assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# The whole guide --------------------------------------------------------------


@pytest.fixture(scope="module")
def guide_pdfs(guide: Path) -> tuple[Path, list[str]]:
    out = guide.parent / "all"
    _results, rendered = export_all(guide, out, jobs=2)
    return out, rendered


def test_export_all_writes_each_chapter_and_the_guide(guide_pdfs: tuple[Path, list[str]]) -> None:
    out, rendered = guide_pdfs
    assert sorted(p.name for p in out.glob("*.pdf")) == sorted([GUIDE_PDF, f"{CHAPTER}.pdf", "vooraf.pdf"])
    assert sorted(rendered) == sorted([GUIDE_PDF, f"{CHAPTER}.pdf", "vooraf.pdf"])
    assert not list(out.glob("*.tmp"))


def test_whole_guide_contents_bookmarks_and_references(guide_pdfs: tuple[Path, list[str]]) -> None:
    pdf = guide_pdfs[0] / GUIDE_PDF
    reader = PdfReader(pdf)
    texts = page_texts(reader)
    marks = outline(reader)
    chapters = [(title, level) for title, _page, level in marks if level == 1]
    assert chapters == [
        ("Vooraf – wat deze gids wil", 1),
        ("Hoofdstuk 7. Resultaat boeken en volhouden", 1),
        ("Alle bronnen", 1),  # the back matter
        ("Register", 1),
    ]
    assert_toc_matches_outline(reader, texts)
    toc = toc_numbers(texts[2:3], ["Vooraf – wat deze gids wil", "Hoofdstuk 7. Resultaat boeken en volhouden"])
    assert len(toc) == 2
    # in the whole guide the other chapter's lesson is printed: a page, not an address
    stop = outline_page(reader, "Les: Stop niet te vroeg")
    assert f"Stop niet te vroeg (zie pagina {stop})" in " ".join(texts)
    assert "gids.test/wijk/lessen/niet-stoppen/" not in " ".join(texts)
    assert reader.metadata is not None and reader.metadata.title == "Wijkengids – alle hoofdstukken"
    save_page_png(pdf, 1, "guide-cover")
    save_page_png(pdf, 2, "guide-contents")


# Units ------------------------------------------------------------------------


def test_short_address_and_site_settings(tmp_path: Path) -> None:
    assert short_address("https://www.debeuk.nl/a/") == "debeuk.nl/a/"
    assert short_address("http://gids.test/") == "gids.test/"
    assert site_settings("site_name: 'Gids'\nsite_url: https://x.test/\nnav:\n  - site_url: no\n") == {
        "site_name": "Gids",
        "site_url": "https://x.test/",
    }


def test_resolver_prefers_the_same_chapter(guide: Path) -> None:
    resolver = Resolver(check(guide).catalog, "https://gids.test/")
    resolver.place("niet-stoppen", "a", "a__niet-stoppen")
    resolver.place("niet-stoppen", "b", "b__niet-stoppen")
    assert resolver.anchor_of("niet-stoppen", "b") == "b__niet-stoppen"
    assert resolver.anchor_of("niet-stoppen", "c") == "a__niet-stoppen"
    assert 'href="#b__niet-stoppen"' in resolver.link("niet-stoppen", "b")
    online = resolver.link("lange-adem", "b", "de <les>")
    assert "de &lt;les&gt;" in online
    assert '<sup class="note-call">1</sup>' in online and resolver.notes["b"] == ["gids.test/lessen/lange-adem/"]
    assert "concept" in resolver.link("concept-les", "b", "concept") and "href" not in resolver.link("concept-les", "b")


def test_wrong_page_numbers_are_detected_and_laid_out_again(guide: Path) -> None:
    html = chapter_html(check(guide).catalog, CHAPTER, read_settings(guide))
    correct = layout(html)
    anchors = anchor_pages(correct)
    assert not wrong_references(correct, html)
    printed = printed_references(correct)
    assert len(printed) >= 8  # contents entries and "zie pagina" references
    # a document whose numbers are all wrong (as a stale target-counter would leave them) ...
    refs = references(html)
    stale = fill_pages(html, {ref.id: "99" if ref.kind != "xref" else " (zie pagina 99)" for ref in refs})
    wrong = weasyprint.HTML(string=stale, base_url=str(TEMPLATE_DIR) + "/").render()
    found = wrong_references(wrong, html)
    assert len(found) >= len(printed) - 1  # every one (the cover's own form aside)
    assert all(text is not None and "99" in text for _ref, text, _wanted in found)
    # ... is laid out again with the pages where the anchors are
    fixed = layout(html, guess=dict.fromkeys(anchors, 99))
    assert not wrong_references(fixed, html)
    assert anchor_pages(fixed) == anchors


def test_a_right_guess_needs_one_layout_a_wrong_one_is_corrected(guide: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    html = chapter_html(check(guide).catalog, CHAPTER, read_settings(guide))
    anchors = anchor_pages(layout(html))
    calls: list[int] = []
    render = weasyprint.HTML.render

    def counted(self: weasyprint.HTML, *args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return render(self, *args, **kwargs)

    monkeypatch.setattr(weasyprint.HTML, "render", counted)
    right = layout(html, guess=anchors)
    assert len(calls) == 1
    assert anchor_pages(right) == anchors and not wrong_references(right, html)
    # every number a digit too wide: the pages holding them are made again, not the whole document
    calls.clear()
    corrected = layout(html, guess=dict.fromkeys(anchors, 99))
    assert len(calls) == 1
    assert anchor_pages(corrected) == anchors and not wrong_references(corrected, html)
    # where pages cannot be made again (WeasyPrint's layout not kept), the document is laid out anew
    calls.clear()
    monkeypatch.setattr(Pagination, "remake", lambda self, texts, moved: False)
    anew = layout(html, guess=dict.fromkeys(anchors, 99))
    assert len(calls) == 2
    assert anchor_pages(anew) == anchors and not wrong_references(anew, html)


def test_a_wrong_number_of_as_many_digits_is_written_into_the_laid_out_page(
    guide: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    html = chapter_html(check(guide).catalog, CHAPTER, read_settings(guide))
    anchors = anchor_pages(layout(html))
    assert max(anchors.values()) <= 9
    refs = references(html)
    # each target guessed a page off, never on the page of a reference to it: same wording, same width
    # (a target on the page of a reference to it, "zie hieronder", keeps its page)
    stands = {r.target: {anchors.get(r.id)} for r in refs}
    for r in refs:
        stands[r.target].add(anchors.get(r.id))
    off = dict(anchors)
    for target, where in stands.items():
        if target in anchors and anchors[target] not in where:
            near = sorted(range(1, 10), key=lambda p: abs(p - anchors[target]))[1:]
            off[target] = next(p for p in near if p not in where)
    assert len([r for r in refs if off.get(r.target) != anchors.get(r.target)]) >= 5  # printed wrong at first

    def no_remake(self: Pagination, texts: Any, moved: Any) -> bool:
        raise AssertionError(f"pages made again for {sorted(moved)}")

    monkeypatch.setattr(Pagination, "remake", no_remake)
    document = layout(html, guess=off)
    assert anchor_pages(document) == anchors and not wrong_references(document, html)
    pdf_path = tmp_path / "in-place.pdf"
    document.write_pdf(pdf_path)
    text = " ".join(page.extract_text() for page in PdfReader(pdf_path).pages).replace("\xa0", " ")
    xref = next(r for r in refs if r.kind == "xref" and "cover-link" not in r.classes and r.target in anchors)
    assert f"pagina {anchors[xref.target]}" in text


def test_only_the_pages_whose_references_change_wording_are_made_again(guide: Path, tmp_path: Path) -> None:
    html = chapter_html(check(guide).catalog, CHAPTER, read_settings(guide))
    refs = references(html)
    right = layout(html)
    texts = wanted(refs, anchor_pages(right), {ref: page for ref, (_text, page) in printed_references(right).items()})
    pagination = Pagination(fill_pages(html, texts), str(TEMPLATE_DIR) + "/")
    total = len(pagination.document.pages)
    printed = printed_references(pagination.document)
    xref = next(r for r in refs if r.kind == "xref" and not {"cover-link", "in-parens"} & r.classes)
    assert pagination.remake({xref.id: " (zie hieronder)"}, {xref.id})
    assert 1 <= pagination.remade < total  # its page, and those after it as far as the new width moves them
    new = printed_references(pagination.document)
    assert new[xref.id] == (" (zie hieronder)", printed[xref.id][1])
    assert len(pagination.document.pages) == total
    assert {r: t for r, (t, _p) in new.items() if r != xref.id} == {
        r: t for r, (t, _p) in printed.items() if r != xref.id
    }
    # page for page (running heads and page numbers too) what a layout from scratch prints
    fresh = Pagination(fill_pages(html, {**texts, xref.id: " (zie hieronder)"}), str(TEMPLATE_DIR) + "/").document
    for name, document in (("remade", pagination.document), ("fresh", fresh)):
        document.write_pdf(tmp_path / f"{name}.pdf")
    pages = [
        [page.extract_text() for page in PdfReader(tmp_path / f"{name}.pdf").pages] for name in ("remade", "fresh")
    ]
    assert pages[0] == pages[1]
    assert all(f"pagina {n} van {total}" in text for n, text in enumerate(pages[0], 1) if n > 1 and text.strip())


def test_weasyprint_is_imported_with_one_look_at_the_library_list() -> None:
    script = (
        "import subprocess\n"
        "calls = []\n"
        "real = subprocess.Popen.__init__\n"
        "def counted(self, *args, **kwargs):\n"
        "    calls.append(args[0] if args else kwargs.get('args'))\n"
        "    real(self, *args, **kwargs)\n"
        "subprocess.Popen.__init__ = counted\n"
        "from build_tools.export.pdf import import_weasyprint\n"
        "weasyprint = import_weasyprint()\n"
        "assert weasyprint.HTML(string='<p>x</p>').render().pages\n"
        "print(len(calls))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "1", out.stdout + out.stderr  # ldconfig -p, once (without: 54 processes)


def test_a_register_page_named_twice_is_emptied_with_its_comma_and_can_come_back(guide: Path) -> None:
    html = guide_html(check(guide).catalog, read_settings(guide))
    refs = references(html)
    right = layout(html)
    texts = wanted(refs, anchor_pages(right), {}, once=False)  # every register page printed
    pagination = Pagination(fill_pages(html, texts), str(TEMPLATE_DIR) + "/")
    entries: dict[str, list[str]] = {}
    for ref in refs:
        if ref.kind == "reg-page":
            entries.setdefault(ref.entry, []).append(ref.id)
    entry, ids = next((e, ids) for e, ids in entries.items() if len(ids) >= 2)
    printed = printed_references(pagination.document)
    second = ids[1]
    assert pagination.remake({second: None}, {second})
    gone = printed_references(pagination.document)
    assert second not in gone and all(ref in gone for ref in ids if ref != second)
    line = entry_text(pagination.document, entry)
    assert re.search(r"\w+ \d", line) and ", ," not in line and not line.rstrip().endswith(","), line
    assert pagination.remake({second: printed[second][0]}, {second})
    assert printed_references(pagination.document)[second] == printed[second]


def entry_text(document: Any, entry: str) -> str:
    """What the register prints for ``entry`` (its name and its pages), read from the laid-out boxes."""
    parts: dict[int, str] = {}
    for page in document.pages:
        for box in page._page_box.descendants():
            element: Any = getattr(box, "element", None)
            if box.element_tag == "li" and any(a.get("data-entry") == entry for a in element.iter("a")):
                parts.update({id(d): d.text for d in box.descendants() if isinstance(getattr(d, "text", None), str)})
    return "".join(parts.values())
