"""The shipped guide: every chapter PDF and the whole guide, read back with pypdf."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
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

from build_tools.export import GUIDE_PDF, export_pdfs
from build_tools.pipeline import check
from build_tools.schema import BEGRIP

#: Lays out the PDFs of the shipped guide.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
#: Level-one headings after the chapters of the whole guide.
BACK_MATTER = frozenset({BEGRIP.heading})


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    out = tmp_path_factory.mktemp("shipped-pdf")
    start = time.perf_counter()
    export_pdfs(ROOT, out, jobs=2)
    return out, time.perf_counter() - start


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
        assert marks[-1][0] == "Gespreksvragen" and marks[-1][1] >= len(reader.pages) - 1
        assert "Aantekeningen" in texts[-1]
        assert_toc_matches_outline(reader, texts, skip_first=1)
        assert reader.metadata is not None and chapter.title in str(reader.metadata.title)


def test_whole_guide_pdf(shipped: tuple[Path, float]) -> None:
    out, _seconds = shipped
    pdf = out / GUIDE_PDF
    reader = PdfReader(pdf)
    texts = page_texts(reader)
    chapters = check(ROOT).catalog.of_type("chapter")
    level_one = [title for title, _page, level in outline(reader) if level == 1 and title not in BACK_MATTER]
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
    for page, name in (
        (1, "book-cover"),
        (2, "book-colophon"),
        (opening, "book-chapter-opening"),
        (notes, "book-notes"),
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
