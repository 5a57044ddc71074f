"""The shipped guide: every chapter PDF and the whole guide, read back with pypdf."""

from __future__ import annotations

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

#: Lays out the PDFs of the shipped guide.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent


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
    level_one = [title for title, _page, level in outline(reader) if level == 1]
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
