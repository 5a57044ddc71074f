"""The shipped guide: every chapter PDF and the whole guide, read back with pypdf."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from collections import Counter
from html import unescape
from pathlib import Path

import pytest
from pypdf import PdfReader
from test_export import (
    assert_toc_matches_outline,
    outline,
    page_texts,
    pdffonts,
    save_page_png,
)

from build_tools.export import GUIDE_PDF, export_pack, export_pdfs
from build_tools.export.outputs import read_settings
from build_tools.export.packs import theme_pack
from build_tools.export.print_html import build_document
from build_tools.pipeline import check
from build_tools.schema import BEGRIP

#: Lays out the PDFs of the shipped guide.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
#: The whole guide's back matter: bookmarks of level 1 after the chapters.
BACK_MATTER = (BEGRIP.heading, "Alle bronnen", "Register")
#: The pack made beside the chapters: a theme of the shipped guide, laid out like a chapter.
PACK_PDF = "thema-vertrouwen.pdf"


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    out = tmp_path_factory.mktemp("shipped-pdf")
    start = time.perf_counter()
    export_pdfs(ROOT, out, jobs=2)
    seconds = time.perf_counter() - start
    catalog = check(ROOT).catalog
    export_pack(catalog, theme_pack(catalog, "vertrouwen"), read_settings(ROOT), out / PACK_PDF)
    return out, seconds


def test_the_shipped_guide_has_chapters() -> None:
    assert len(check(ROOT).catalog.of_type("chapter")) >= 5


def test_every_chapter_pdf(shipped: tuple[Path, float]) -> None:
    out, _seconds = shipped
    catalog = check(ROOT).catalog
    for chapter in catalog.of_type("chapter"):
        reader = PdfReader(out / f"{chapter.id}.pdf")
        texts = page_texts(reader)
        assert chapter.title in texts[0], chapter.id
        text = " ".join(texts)
        for item_id in chapter.refs("items"):
            item = catalog[item_id]
            if item.type == "lesson" and item.published:
                assert item.title in text, (chapter.id, item.title)
        marks = outline(reader)
        assert marks[0][1:] == (1, 1)  # the chapter heading, on the cover
        # the closing pages: questions, then ruled room for notes (on the next page if they are many)
        # (many questions close the chapter, and the ruled room takes the page after them)
        assert marks[-1][0] == "Gespreksvragen" and marks[-1][1] >= len(reader.pages) - 2
        assert "Aantekeningen" in texts[-1]
        assert_toc_matches_outline(reader, texts, skip_first=1)
        assert reader.metadata is not None and chapter.title in str(reader.metadata.title)


def test_whole_guide_pdf(shipped: tuple[Path, float]) -> None:
    out, _seconds = shipped
    pdf = out / GUIDE_PDF
    reader = PdfReader(pdf)
    texts = page_texts(reader)
    chapters = check(ROOT).catalog.of_type("chapter")
    level_one = [title for title, _page, level in outline(reader) if level == 1]
    assert level_one[-3:] == list(BACK_MATTER)  # the back matter
    level_one = level_one[:-3]
    assert len(level_one) == len(chapters)
    for chapter in chapters:
        assert any(chapter.title in title for title in level_one)
    assert_toc_matches_outline(reader, texts)
    assert all(row[-5] == "yes" for row in pdffonts(pdf))
    content = next(page for title, page, _level in outline(reader) if title.startswith("Dilemma: "))
    questions = next(page for title, page, _level in outline(reader) if title == "Gespreksvragen")
    save_page_png(pdf, 1, "shipped-cover")
    save_page_png(pdf, content, "shipped-dilemma")
    save_page_png(pdf, questions, "shipped-questions")


# Issue 13: a booklet a learning circle is proud to hand out ---------------------------------


def _pdftotext(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def test_no_placeholder_and_every_online_reference_is_a_whole_note(shipped: tuple[Path, float]) -> None:
    out, _seconds = shipped
    pdfs = sorted(out.glob("*.pdf"))
    assert len(pdfs) >= 6
    for pdf in pdfs:
        text = _pdftotext(pdf)
        assert "example." not in text, pdf.name
        # the notes: one short address a line, never split or hyphenated
        notes = re.findall(r"^\s*\d+\.\s+(\S*wijkengids\.github\.io\S*)\s*$", text, flags=re.MULTILINE)
        calls = " ".join(text.split()).count("wijkengids.github.io/wijkengids/")
        assert calls >= len(notes)
        for address in notes:
            assert address.endswith("/"), (pdf.name, address)  # the address ends on its own line
        assert not re.search(r"wijkengids\.github\.io/\S*[\u2010-]\s*$", text, flags=re.MULTILINE), pdf.name


def test_notes_are_numbered_per_chapter_and_printed(shipped: tuple[Path, float]) -> None:
    out, _seconds = shipped
    reader = PdfReader(out / "dilemmas.pdf")
    texts = page_texts(reader)
    notes = next(page for title, page, _level in outline(reader) if title == "Noten")
    page = subprocess.run(
        ["pdftotext", "-f", str(notes), "-l", str(notes), str(out / "dilemmas.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert re.search(r"^1\. wijkengids\.github\.io/wijkengids/\S+/$", page, flags=re.MULTILINE), page
    assert "(wijkengids.github.io" not in " ".join(texts)  # no bracketed address inside a sentence


def test_whole_guide_chapters_open_on_right_hand_pages(shipped: tuple[Path, float]) -> None:
    out, _seconds = shipped
    reader = PdfReader(out / GUIDE_PDF)
    texts = page_texts(reader)
    firsts = [page for _title, page, level in outline(reader) if level == 1]
    assert firsts and all(page % 2 == 1 for page in firsts), firsts
    for page in firsts:  # a blank verso before a chapter carries no running head
        if page > 1 and len(texts[page - 2]) < 5:
            assert "pagina" not in texts[page - 2]


def test_colophon_licence_edition_and_citation(shipped: tuple[Path, float]) -> None:
    out, _seconds = shipped
    texts = page_texts(PdfReader(out / GUIDE_PDF))
    colophon = texts[1]
    assert colophon.startswith("Colofon") or "Colofon" in colophon[:40]
    for expected in ("CC BY 4.0", "Editie", "Redactie Wijkengids", "wijkengids.github.io/wijkengids/", "citeer"):
        assert expected in colophon, expected
    assert re.search(r"Editie \d{1,2} [a-z]+ 20\d\d", colophon)
    for pdf in out.glob("*.pdf"):  # every chapter PDF carries the licence on its cover
        assert "CC BY 4.0" in page_texts(PdfReader(pdf))[0 if pdf.name != GUIDE_PDF else 1], pdf.name


def test_no_slips(shipped: tuple[Path, float]) -> None:
    out, _seconds = shipped
    for pdf in out.glob("*.pdf"):
        text = " ".join(page_texts(PdfReader(pdf)))
        assert not re.search(r"\?\.(?!\.)", text), pdf.name  # "bottom-up?." (contents leaders aside)
        assert "Vooraf: Vooraf" not in text, pdf.name
        assert "—" not in text, pdf.name  # one dash, the en dash of "Wijkengids – inhoud onder CC BY 4.0"


def test_pdfua_no_errors_no_warnings_on_every_pdf(shipped: tuple[Path, float]) -> None:
    from pdfua import Severity, validate

    out, _seconds = shipped
    for pdf in sorted(out.glob("*.pdf")):
        report = validate(str(pdf))
        bad = [f for f in report.findings if f.severity in (Severity.ERROR, Severity.WARNING)]
        assert not bad, (pdf.name, [(f.rule_id, f.message[:80]) for f in bad[:5]])


def _zbarimg() -> str:
    found = shutil.which("zbarimg")
    if found is None:  # a missing tool is a failure, never a skip (as for the browser)
        pytest.fail("zbarimg (Debian zbar-tools) is missing: 'make test' installs it (make browser-deps)")
    return found


def decode_qr(zbarimg: str, pdf: Path, page: int, image: Path) -> str:
    """What the QR code on ``page`` of ``pdf`` says, read from the page rendered at 100 dpi."""
    render = ["pdftoppm", "-png", "-r", "100", "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(image)]
    subprocess.run(render, check=True)
    done = subprocess.run([zbarimg, "-q", "--raw", f"{image}.png"], capture_output=True, text=True, check=False)
    return done.stdout.strip()


def test_qr_codes_open_the_chapter_online(shipped: tuple[Path, float], tmp_path: Path) -> None:
    zbarimg = _zbarimg()
    out, _seconds = shipped
    reader = PdfReader(out / GUIDE_PDF)
    chapters = check(ROOT).catalog.of_type("chapter")
    firsts = [page for title, page, level in outline(reader) if level == 1 and title not in BACK_MATTER]
    pages = {1: "https://wijkengids.github.io/wijkengids/"}
    for chapter, page in zip(chapters, firsts, strict=True):
        pages[page] = f"https://wijkengids.github.io/wijkengids/hoofdstukken/{chapter.id}/"
    for page, url in pages.items():
        assert decode_qr(zbarimg, out / GUIDE_PDF, page, tmp_path / f"p{page}") == url, page
    chapter = chapters[0]
    assert (
        decode_qr(zbarimg, out / f"{chapter.id}.pdf", 1, tmp_path / "c")
        == f"https://wijkengids.github.io/wijkengids/hoofdstukken/{chapter.id}/"
    )


def test_page_images_of_cover_opening_notes_and_colophon(shipped: tuple[Path, float]) -> None:
    out, _seconds = shipped
    pdf = out / GUIDE_PDF
    reader = PdfReader(pdf)
    marks = outline(reader)
    opening = next(page for _title, page, level in marks if level == 1)
    notes = next(page for title, page, _level in marks if title == "Noten")
    room = next(n for n, text in enumerate(page_texts(reader), start=1) if "Aantekeningen" in text)
    for page, name in (
        (1, "book-cover"),
        (2, "book-colophon"),
        (opening, "book-chapter-opening"),
        (notes, "book-notes"),  # the chapter's notes: the addresses of what is online only
        (room, "book-notes-room"),  # the chapter's last page: questions, ruled room for notes
    ):
        assert save_page_png(pdf, page, name).stat().st_size > 2000


# Issue 13, session 3: register, all sources, layout slips, fullness and measure -------------


def _page_text(pdf: Path, page: int, *, layout: bool = False) -> str:
    command = ["pdftotext", *(["-layout"] if layout else []), "-f", str(page), "-l", str(page), str(pdf), "-"]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def _all_pdfs(out: Path) -> list[Path]:
    pdfs = sorted(out.glob("*.pdf"))
    assert GUIDE_PDF in {p.name for p in pdfs} and PACK_PDF in {p.name for p in pdfs}
    return pdfs


def test_register_page_numbers_point_at_pages_that_name_the_term(shipped: tuple[Path, float]) -> None:
    out, _seconds = shipped
    reader = PdfReader(out / GUIDE_PDF)
    texts = page_texts(reader)
    start = next(page for title, page, _level in outline(reader) if title == "Register")
    register = " ".join(texts[start - 1 :])
    catalog = check(ROOT).catalog
    document = build_document(catalog)
    entries = [entry for group in document.register for entry in group.entries]
    assert {group.title for group in document.register} == {"Thema's", "Plaatsen", "Organisaties"}
    assert len(entries) >= 20
    checked = 0
    for entry in entries:
        match = re.search(re.escape(entry.name) + r" ((?:\d+, )*\d+)", register)
        assert match is not None, f"{entry.name!r} not in the register with pages"
        pages = [int(n) for n in match.group(1).split(", ")]
        assert pages == sorted(set(pages)), (entry.name, pages)  # ascending, each page once
        term = catalog[entry.id].title
        for page in pages:  # its title, or the name as printed: "Vogelbuurt (Vogelwijk, Lansingerland)"
            text = " ".join(texts[page - 1].split())
            assert term in text or entry.name in text, f"register: {term!r} not on page {page}"
            checked += 1
    assert checked >= 60


def test_all_sources_once_with_the_pages_of_the_chapter_lists(shipped: tuple[Path, float]) -> None:
    out, _seconds = shipped
    reader = PdfReader(out / GUIDE_PDF)
    texts = page_texts(reader)
    marks = {title: page for title, page, level in outline(reader) if level == 1}
    back = " ".join(texts[marks["Alle bronnen"] - 1 : marks["Register"] - 1])
    catalog = check(ROOT).catalog
    chapters = [build_document(catalog, [c.id]).chapters[0] for c in catalog.of_type("chapter")]
    cited = {s.anchor.split("__bron__", 1)[1] for c in chapters for s in c.sources}
    assert len(cited) >= 20
    for source_id in cited:
        title = catalog[source_id].title
        assert back.count(f"{title}.") >= 1, title
        match = re.search(re.escape(title) + r"\..*?Pagina(?:'s)? ((?:\d+, )*\d+)", back)
        assert match is not None, title
        for page in (int(n) for n in match.group(1).split(", ")):
            assert title.split(",")[0] in texts[page - 1], (title, page)  # listed in that chapter's sources


def test_no_reference_names_its_own_page_and_no_doubled_brackets(shipped: tuple[Path, float]) -> None:
    out, _seconds = shipped
    seen_here = 0
    titles = [r.title for t in ("lesson", "dilemma", "example") for r in check(ROOT).catalog.of_type(t)]
    for pdf in _all_pdfs(out):
        reader = PdfReader(pdf)
        for number, text in enumerate(page_texts(reader), start=1):
            own = [int(n) for n in re.findall(r"\bpagina (\d+)(?! van)", text)]
            assert number not in own, f"{pdf.name} p. {number} refers to itself"
            assert not re.search(r"\((?:zie )?pagina \d+\)\)", text), (pdf.name, number)  # "(… (zie pagina 9))"
            for title in titles:  # "Zie ook Breng focus aan (pagina 23)", never a second "zie"
                assert not re.search(r"\bzie(?: ook)? " + re.escape(title) + r" \(zie ", text, re.I), (pdf.name, title)
            seen_here += len(re.findall(r"zie (?:hieronder|hierboven)", text))
    assert seen_here >= 1  # references on their own page say so instead


def test_contents_never_wrap_into_a_line_of_dots(shipped: tuple[Path, float]) -> None:
    out, _seconds = shipped
    for pdf in _all_pdfs(out):
        reader = PdfReader(pdf)
        first_section = min(page for _title, page, _level in outline(reader) if page > 2)
        for page in range(2, first_section):
            for line in _page_text(pdf, page, layout=True).splitlines():
                assert not re.fullmatch(r"[\s.…]*\d*\s*", line) or not re.search(r"\.\.", line), (pdf.name, line)


#: A full page of body text holds about 1,800 characters (not counting spaces); a page under a
#: third of that is near-empty. Deliberate exceptions, named: the cover, the colophon, blank
#: versos before a chapter, pages with the ruled room for notes ("Aantekeningen"), and the last
#: page before a new chapter, the end, or the page of questions and ruled room that closes a
#: chapter on a page of its own (a chapter's end).
FULL_PAGE = 1800
NEAR_EMPTY = FULL_PAGE // 3


def test_no_body_page_under_a_third_full(shipped: tuple[Path, float]) -> None:
    out, _seconds = shipped
    for pdf in _all_pdfs(out):
        reader = PdfReader(pdf)
        counts = [len(re.sub(r"\s", "", _page_text(pdf, n))) for n in range(1, len(reader.pages) + 1)]
        openings = {page for _title, page, level in outline(reader) if level == 1}
        for number, count in enumerate(counts, start=1):
            text = _page_text(pdf, number)
            next_text = _page_text(pdf, number + 1) if number < len(counts) else ""
            deliberate = (
                number == 1
                or "Zo citeer je deze uitgave" in text
                or (count == 0 and number + 1 in openings and number % 2 == 0)
                or "Aantekeningen" in text
                or number + 1 in openings  # a chapter's end ...
                or (number + 2 in openings and counts[number] == 0)  # ... before a blank verso
                or "Aantekeningen" in next_text  # ... before the page of its questions and ruled room
                or number == len(counts)
            )
            if not deliberate:
                assert count >= NEAR_EMPTY, f"{pdf.name} p. {number}: {count} characters"


def _body_lines(pdf: Path) -> list[str]:
    """The full lines of body text (the most common line height, nearly the column's width)."""
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], check=True, capture_output=True, text=True)
    found: list[tuple[float, float, str]] = []
    for match in re.finditer(
        r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>', out.stdout, re.S
    ):
        x0, y0, x1, y1 = (float(v) for v in match.groups()[:4])
        words = re.findall(r">([^<]*)</word>", match.group(5))
        found.append((round(y1 - y0, 1), x1 - x0, " ".join(words)))
    body = Counter(height for height, _width, _text in found).most_common(1)[0][0]
    widths = sorted(width for height, width, _text in found if height == body)
    column = widths[95 * len(widths) // 100]
    return [
        text
        for height, width, text in found
        if height == body and width >= 0.9 * column and not re.search(r"(\. ){4}", text)
    ]


def test_a_measure_of_60_to_75_characters(shipped: tuple[Path, float]) -> None:
    out, _seconds = shipped
    for name in (GUIDE_PDF, "dilemmas.pdf", PACK_PDF):
        lengths = sorted(len(line) for line in _body_lines(out / name))
        assert len(lengths) >= 50, name
        median = lengths[len(lengths) // 2]
        assert 60 <= median <= 75, (name, median)
        middle = lengths[len(lengths) // 10 : 9 * len(lengths) // 10]  # the middle 80 %
        assert middle[0] >= 55 and middle[-1] <= 80, (name, middle[0], middle[-1])


def test_no_heading_stranded_at_the_foot_of_a_page(shipped: tuple[Path, float]) -> None:
    out, _seconds = shipped
    for pdf in _all_pdfs(out):
        reader = PdfReader(pdf)
        texts = page_texts(reader)
        for title, page, level in outline(reader):
            if level != 2 or page == 2:
                continue
            heading = title.split(": ", 1)[-1]
            text = texts[page - 1]
            assert heading in text, (pdf.name, title, page)
            after = text[text.index(heading) + len(heading) :]
            after = re.sub(r"\S+ pagina \d+ van \d+$", "", after)  # a running head pypdf reads last
            assert len(after) >= 80, f"{pdf.name} p. {page}: {title!r} with nothing after it"


def test_cover_uses_its_page_and_colophon_has_no_running_head(shipped: tuple[Path, float]) -> None:
    out, _seconds = shipped
    pdf = out / GUIDE_PDF
    cover = _page_text(pdf, 1)
    assert cover.count("wijkengids.github.io/wijkengids/") == 1  # the address once, beside the QR code
    boxes = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', boxes).group(1))  # type: ignore[union-attr]
    lowest = max(float(y) for y in re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)"', boxes))
    words_low = len([y for y in re.findall(r'yMin="([\d.]+)"', boxes) if float(y) > 2 * height / 3])
    assert lowest > 0.75 * height and words_low >= 30  # the lower third carries text
    colophon = _page_text(pdf, 2)
    assert "Colofon" in colophon and "pagina 2 van" not in colophon


def test_page_images_of_contents_register_and_pack(shipped: tuple[Path, float]) -> None:
    out, _seconds = shipped
    reader = PdfReader(out / GUIDE_PDF)
    marks = {title: page for title, page, level in outline(reader) if level == 1}
    for pdf, page, name in (
        (out / GUIDE_PDF, 3, "book-contents"),
        (out / GUIDE_PDF, marks["Alle bronnen"], "book-all-sources"),
        (out / GUIDE_PDF, marks["Register"], "book-register"),
        (out / PACK_PDF, 1, "pack-cover"),
        (out / PACK_PDF, 3, "pack-content"),
    ):
        assert save_page_png(pdf, page, name).stat().st_size > 2000


def _link_targets(reader: PdfReader, page: int) -> list[str]:
    """The named destinations the links on ``page`` (1-based) go to."""
    out = []
    for annotation in reader.pages[page - 1].get("/Annots") or []:
        annotation = annotation.get_object()
        target = annotation.get("/Dest") or (annotation.get("/A") or {}).get("/D")
        if target is not None and not isinstance(target, list):
            out.append(str(target))
    return out


def test_glossary_appendix_in_the_guide_and_the_chapters_terms_in_a_chapter(shipped: tuple[Path, float]) -> None:
    """The whole guide ends with every term; a chapter PDF lists the terms its texts mark, each mark a link."""
    from build_tools.formatting import term_heading
    from build_tools.terms import PRINT_ANCHOR, glossary_terms

    out, _seconds = shipped
    terms = glossary_terms(check(ROOT).catalog.records.values())
    assert len(terms) >= 20
    guide = PdfReader(out / GUIDE_PDF)
    at = next(page for title, page, level in outline(guide) if title == "Begrippen" and level == 1)
    appendix = " ".join(page_texts(guide)[at - 1 :])
    for term in terms:
        assert term_heading(term.term) in " ".join(appendix.split()), term.term
    assert "Uitleg van de redactie" in appendix and "Bron:" in appendix  # the editors' own are marked as such

    chapter = PdfReader(out / "dilemmas.pdf")
    texts = page_texts(chapter)
    at = next(page for title, page, level in outline(chapter) if title == "Begrippen" and level == 2)
    listed = " ".join(" ".join(texts[at - 1 : at + 1]).split())
    assert "Schijntegenstelling" in listed and "Coproductie" in listed
    marked = {t for page in range(1, at) for t in _link_targets(chapter, page) if t.startswith("begrip-")}
    assert PRINT_ANCHOR.format("schijntegenstelling") in marked, marked
    for anchor in marked:  # every mark's entry is in this PDF's list
        term = next(t for t in terms if PRINT_ANCHOR.format(t.id) == anchor)
        assert term_heading(term.term) in listed, term.term


# Issue 13, session 4: the finish seen on the page images ----------------------------------

#: A4 in PostScript points, and the page's margins (24 mm, 26 mm): the running head stands above the top one.
A4_HEIGHT = 841.89
TOP_MARGIN = 24 * 72 / 25.4
BOTTOM_MARGIN = 26 * 72 / 25.4


def _words(pdf: Path, page: int) -> list[tuple[float, float, float, float, str]]:
    """(xMin, yMin, xMax, yMax, text) of every word on ``page``, from ``pdftotext -bbox``."""
    boxes = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', boxes)
    return [(float(a), float(b), float(c), float(d), unescape(w)) for a, b, c, d, w in found]


def test_every_running_head_is_one_line(shipped: tuple[Path, float]) -> None:
    # Chapter 1's title ("Van krachtwijken tot Nationaal Programma Leefbaarheid en Veiligheid")
    # made a running head of two lines that touched the chapter label below it.
    out, _seconds = shipped
    heads = 0
    for pdf in _all_pdfs(out):
        for page in range(2, len(PdfReader(pdf).pages) + 1):
            head = [w for w in _words(pdf, page) if w[3] < TOP_MARGIN]
            if head:
                heads += 1
                assert max(w[1] for w in head) - min(w[1] for w in head) < 1, (pdf.name, page, head)
                assert "pagina" in [w[4] for w in head], (pdf.name, page)
    assert heads >= 80


def test_register_names_and_source_pages_never_stand_alone_on_a_line(shipped: tuple[Path, float]) -> None:
    # Seen: "Samenwerking" alone with its pages on the next line; "Pagina 73" alone on a line.
    out, _seconds = shipped
    pdf = out / GUIDE_PDF
    reader = PdfReader(pdf)
    marks = {title: page for title, page, level in outline(reader) if level == 1}
    register = "\n".join(_page_text(pdf, n) for n in range(marks["Register"], len(reader.pages) + 1))
    entries = [e for group in build_document(check(ROOT).catalog).register for e in group.entries]
    for entry in entries:  # the name's last word and the first page on one line
        words = r"\s+".join(re.escape(word) for word in entry.name.split())
        assert re.search(words + r"[^\S\n]+\d", register), f"register: {entry.name!r} apart from its pages"
    sources = "\n".join(_page_text(pdf, n, layout=True) for n in range(marks["Alle bronnen"], marks["Register"]))
    alone = [line for line in sources.splitlines() if re.match(r"\s*Pagina(?:'s)?\s+\d", line)]
    assert not alone, alone
    assert "Vogelbuurt (Vogelwijk, Lansingerland)" in " ".join(register.split())  # one pair of brackets


def test_the_address_beside_a_qr_code_stays_beside_it(shipped: tuple[Path, float]) -> None:
    # A long chapter address went below the code (the whole address did not fit beside it).
    out, _seconds = shipped
    pdf = out / GUIDE_PDF
    reader = PdfReader(pdf)
    pages = [1, *(page for title, page, level in outline(reader) if level == 1 and title not in BACK_MATTER)]
    checked = 0
    for page in pages:
        words = _words(pdf, page)
        label = next(w for w in words if w[4] == "online:")
        address = [w for w in words if w[4].endswith("/") and label[1] < w[1] < label[1] + 40]
        assert address and "github.io" in address[0][4], (page, address)
        caption_left = min(w[0] for w in words if abs(w[1] - label[1]) < 1)
        assert all(w[0] >= caption_left - 0.5 for w in address), (page, address)  # beside, not under the code
        checked += len(address) > 1
    assert checked >= 1  # at least one address needed two lines beside its code


def _ruled_rows(pdf: Path, page: int, tmp_path: Path) -> list[int]:
    """The pixel rows (of a 72 dpi grey render) that carry a ruled line across most of the column."""
    prefix = tmp_path / f"p{page}"
    subprocess.run(
        ["pdftoppm", "-gray", "-r", "72", "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(prefix)],
        check=True,
    )
    data = prefix.with_suffix(".pgm").read_bytes()
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    assert header is not None
    width, height = int(header.group(1)), int(header.group(2))
    pixels = data[header.end() :]
    rows = []
    for y in range(height):
        row = pixels[y * width : (y + 1) * width]
        if sum(1 for value in row if value < 245) > width // 2:
            rows.append(y)
    return rows


def test_the_ruled_room_for_notes_fills_its_page(shipped: tuple[Path, float], tmp_path: Path) -> None:
    # Seen: a page with "Aantekeningen" and nine ruled lines at the top, the rest of it empty.
    out, _seconds = shipped
    for pdf in (out / GUIDE_PDF, out / "dilemmas.pdf", out / PACK_PDF):
        reader = PdfReader(pdf)
        texts = page_texts(reader)
        rooms = [n for n, text in enumerate(texts, start=1) if "Aantekeningen" in text]
        chapters = len([1 for _t, _p, level in outline(reader) if level == 1 and _t not in BACK_MATTER])
        assert len(rooms) == max(chapters, 1), (pdf.name, rooms)  # one a chapter
        for page in rooms:
            rows = _ruled_rows(pdf, page, tmp_path)
            foot = A4_HEIGHT - BOTTOM_MARGIN  # 72 dpi: a pixel a point
            assert rows and max(rows) > foot - 20 * 72 / 25.4, (pdf.name, page, rows[-3:])  # ruled to the foot
            assert len(rows) >= 4, (pdf.name, page)


def test_a_chapter_entry_never_ends_a_contents_page(shipped: tuple[Path, float]) -> None:
    # Seen: "Hoofdstuk 4. Dilemma's in de wijkaanpak ... 35" last on a contents page, its sections overleaf.
    out, _seconds = shipped
    pdf = out / GUIDE_PDF
    first = min(page for _title, page, level in outline(PdfReader(pdf)) if level == 1)
    contents = [n for n in range(3, first) if "Inhoud" in _page_text(pdf, n)[:80]]
    assert len(contents) >= 2
    for page in contents[:-1]:  # the last contents page ends with the back matter
        body = [w for w in _words(pdf, page) if w[3] > TOP_MARGIN and w[4] != "Inhoud"]
        left = min(w[0] for w in body)  # a chapter's entry; its sections are indented
        last_line = max(w[1] for w in body)
        start = min(w[0] for w in body if abs(w[1] - last_line) < 1)
        assert start > left + 10, f"contents p. {page} ends with a chapter's entry"


def test_the_cover_aligns_vooraf_with_the_numbered_chapters(shipped: tuple[Path, float]) -> None:
    out, _seconds = shipped
    words = _words(out / GUIDE_PDF, 1)
    vooraf = next(w for w in words if w[4] == "Vooraf")
    first = next(w for w in words if w[4] == "Van")  # "1  Van krachtwijken tot …"
    assert abs(vooraf[0] - first[0]) < 0.5, (vooraf, first)
