"""``wijkengids export``: errors, --force, atomic writes and reuse of unchanged PDFs."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
import weasyprint
from click.testing import CliRunner

from build_tools.cli import main
from build_tools.export import ExportError, export_pdfs, export_to_site
from build_tools.export.outputs import GUIDE_PDF, MANIFEST, export_all
from build_tools.problems import Code

#: The export command writes PDFs.
pytestmark = pytest.mark.slow

MINIMAL = Path(__file__).parent / "cases" / "base"
CHAPTER = "lange-adem-hoofdstuk"

SECOND_CHAPTER = """---
id: tweede
status: gepubliceerd
reviewed: 2026-11-01
number: 2
title: Een tweede hoofdstuk
goals:
  - iets anders.
questions:
  - Wat valt je op?
---

Een ander hoofdstuk.
"""


@pytest.fixture
def guide(tmp_path: Path) -> Path:
    root = tmp_path / "guide"
    shutil.copytree(MINIMAL, root)
    (root / "mkdocs.yml").write_text("site_name: Wijkengids\nsite_url: https://gids.test/\n", encoding="utf-8")
    (root / "guide/hoofdstukken/tweede.md").write_text(SECOND_CHAPTER, encoding="utf-8")
    return root


def run(*args: str) -> Any:
    return CliRunner().invoke(main, ["export", *args])


def test_unknown_chapter_lists_the_valid_ones(guide: Path, tmp_path: Path) -> None:
    target = tmp_path / "x.pdf"
    result = run("lange-adme", "-C", str(guide), "-o", str(target))
    assert result.exit_code == 1
    assert "onbekend hoofdstuk 'lange-adme'" in result.output
    assert "lange-adem-hoofdstuk" in result.output and "Hoofdstuk 7. Resultaat boeken en volhouden" in result.output
    assert "tweede" in result.output
    assert not target.exists()


def test_a_lesson_id_is_not_a_chapter(guide: Path, tmp_path: Path) -> None:
    result = run("lange-adem", "-C", str(guide), "-o", str(tmp_path / "x.pdf"))
    assert result.exit_code == 1
    assert "Kies een van deze hoofdstukken" in result.output


def test_usage_needs_a_chapter_or_all(guide: Path) -> None:
    assert run("-C", str(guide)).exit_code == 2
    assert run(CHAPTER, "--all", "-C", str(guide)).exit_code == 2


def test_existing_output_only_replaced_with_force(guide: Path, tmp_path: Path) -> None:
    target = tmp_path / "hoofdstuk.pdf"
    target.write_bytes(b"not a pdf, keep me")
    result = run(CHAPTER, "-C", str(guide), "-o", str(target))
    assert result.exit_code == 1
    assert "bestaat al; gebruik --force" in result.output
    assert target.read_bytes() == b"not a pdf, keep me"
    result = run(CHAPTER, "-C", str(guide), "-o", str(target), "--force")
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"%PDF-")
    assert "pagina's" in result.output


def test_guide_with_errors_is_refused_with_its_problems(guide: Path, tmp_path: Path) -> None:
    lesson = guide / "lessons/lange-adem.md"
    lesson.write_text(lesson.read_text("utf-8").replace("  - overvecht-versnelling", "  - overvecht-versneling"))
    target = tmp_path / "x.pdf"
    result = run(CHAPTER, "-C", str(guide), "-o", str(target))
    assert result.exit_code == 1
    assert "lessons/lange-adem.md:" in result.output and "[unknown-id]" in result.output
    assert "los ze eerst op" in result.output
    assert not target.exists()
    with pytest.raises(ExportError) as info:
        export_pdfs(guide, tmp_path / "all")
    assert [p.code for p in info.value.problems] == [Code.UNKNOWN_ID]
    assert not (tmp_path / "all").exists()


def _failing_write_pdf(self: Any, target: Any = None, **options: Any) -> None:
    target.write(b"%PDF-1.7\n% half a document")
    raise OSError("disk full")


def test_failed_export_leaves_no_file(guide: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(weasyprint.Document, "write_pdf", _failing_write_pdf)
    out = tmp_path / "out"
    out.mkdir()
    result = run(CHAPTER, "-C", str(guide), "-o", str(out / "h.pdf"))
    assert result.exit_code != 0
    assert isinstance(result.exception, OSError)
    assert list(out.iterdir()) == []
    # replacing an existing PDF: the old one stays whole
    (out / "h.pdf").write_bytes(b"%PDF old")
    result = run(CHAPTER, "-C", str(guide), "-o", str(out / "h.pdf"), "--force")
    assert result.exit_code != 0
    assert [p.name for p in out.iterdir()] == ["h.pdf"]
    assert (out / "h.pdf").read_bytes() == b"%PDF old"


def test_export_all_reuses_unchanged_pdfs(guide: Path, tmp_path: Path) -> None:
    out = tmp_path / "pdf"
    paths = export_pdfs(guide, out, jobs=2)
    assert [p.name for p in paths] == ["tweede.pdf", f"{CHAPTER}.pdf", GUIDE_PDF]  # chapters by number
    assert all(p.read_bytes().startswith(b"%PDF-") for p in paths)
    assert (out / MANIFEST).is_file()
    stamps = {p.name: p.stat().st_mtime_ns for p in paths}

    _results, rendered = export_all(guide, out, jobs=2)
    assert rendered == []
    assert {p.name: p.stat().st_mtime_ns for p in paths} == stamps

    # a change in chapter 7's lesson: chapter 7 and the whole guide are made again, chapter 2 is not
    lesson = guide / "lessons/lange-adem.md"
    lesson.write_text(lesson.read_text("utf-8").replace("lange adem\n", "heel lange adem\n", 1))
    _results, rendered = export_all(guide, out, jobs=2)
    assert sorted(rendered) == sorted([GUIDE_PDF, f"{CHAPTER}.pdf"])
    assert (out / "tweede.pdf").stat().st_mtime_ns == stamps["tweede.pdf"]

    # a PDF changed or removed by hand is made again
    os.remove(out / "tweede.pdf")
    _results, rendered = export_all(guide, out, jobs=1)
    assert rendered == ["tweede.pdf"]


def test_cli_export_all(guide: Path, tmp_path: Path) -> None:
    out = tmp_path / "pdf"
    result = run("--all", "-C", str(guide), "-o", str(out), "-j", "1")
    assert result.exit_code == 0, result.output
    assert "3 van 3 PDF's gemaakt" in result.output
    result = run("--all", "-C", str(guide), "-o", str(out), "-j", "1")
    assert "0 van 3 PDF's gemaakt" in result.output
    assert result.output.count("ongewijzigd") == 3
    assert f"{(out / GUIDE_PDF).as_posix()}: " in result.output
    assert "0 pagina's" not in result.output  # page counts of reused PDFs come from the manifest


def test_export_to_site_copies_from_a_cache(guide: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = export_to_site(guide, tmp_path / "site1", cache_dir=cache, jobs=1)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in first) == [
        "site1/pdf/lange-adem-hoofdstuk.pdf",
        "site1/pdf/tweede.pdf",
        "site1/pdf/wijkengids.pdf",
    ]
    stamps = {p.name: p.stat().st_mtime_ns for p in cache.glob("*.pdf")}
    second = export_to_site(guide, tmp_path / "site2", cache_dir=cache, jobs=1)
    assert [p.read_bytes() for p in second] == [p.read_bytes() for p in first]
    assert {p.name: p.stat().st_mtime_ns for p in cache.glob("*.pdf")} == stamps  # reused, not laid out again
    assert not list((tmp_path / "site2" / "pdf").glob(".*"))  # no manifest in the site


def test_export_all_does_not_replace_pdfs_it_did_not_make(guide: Path, tmp_path: Path) -> None:
    out = tmp_path / "pdf"
    out.mkdir()
    (out / "tweede.pdf").write_bytes(b"someone else's")
    result = run("--all", "-C", str(guide), "-o", str(out), "-j", "1")
    assert result.exit_code == 1
    assert "tweede.pdf" in result.output and "--force" in result.output
    assert (out / "tweede.pdf").read_bytes() == b"someone else's"
    assert sorted(p.name for p in out.iterdir()) == ["tweede.pdf"]
    result = run("--all", "-C", str(guide), "-o", str(out), "-j", "1", "--force")
    assert result.exit_code == 0, result.output
    assert (out / "tweede.pdf").read_bytes().startswith(b"%PDF-")


def test_unpublished_chapter_is_not_exported(guide: Path, tmp_path: Path) -> None:
    chapter = guide / "guide/hoofdstukken/tweede.md"
    chapter.write_text(chapter.read_text("utf-8").replace("status: gepubliceerd", "status: concept"))
    result = run("tweede", "-C", str(guide), "-o", str(tmp_path / "t.pdf"))
    assert result.exit_code == 1
    assert "'tweede' is geen gepubliceerd hoofdstuk" in result.output
    assert "tweede " not in result.output.split("Kies een van deze hoofdstukken:")[1]


def test_output_folder_gets_the_chapter_file_name(guide: Path, tmp_path: Path) -> None:
    result = run(CHAPTER, "-C", str(guide), "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert (tmp_path / f"{CHAPTER}.pdf").read_bytes().startswith(b"%PDF-")


def test_placeholder_or_missing_site_url_fails_the_export(tmp_path: Path) -> None:
    from build_tools.export.outputs import read_settings

    with pytest.raises(ExportError, match="geen site_url"):
        read_settings(tmp_path)
    (tmp_path / "mkdocs.yml").write_text("site_name: Gids\nsite_url: https://wijkengids.example.nl/\n", "utf-8")
    with pytest.raises(ExportError, match=r"mkdocs\.yml:2: site_url .* voorbeeldadres"):
        read_settings(tmp_path)
    (tmp_path / "mkdocs.yml").write_text("site_url: https://wijkengids.github.io/wijkengids/\n", "utf-8")
    assert read_settings(tmp_path).site_url == "https://wijkengids.github.io/wijkengids/"


# Packs on demand (issue 13): --theme, --place, --records ------------------------------------


def _texts(pdf: Path) -> list[str]:
    from pypdf import PdfReader

    return [" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages]


def test_theme_pack_prints_its_records_sources_and_colophon(guide: Path, tmp_path: Path) -> None:
    target = tmp_path / "pakket.pdf"
    result = run("--theme", "vertrouwen", "-C", str(guide), "-o", str(target))
    assert result.exit_code == 0, result.output
    assert ": 1 tekst, " in result.output and "pagina's" in result.output
    texts = _texts(target)
    cover, contents = texts[0], texts[1]
    assert "THEMA" in cover and "Vertrouwen" in cover and "Zo citeer je deze uitgave" in cover  # colophon
    assert "Dit thema online" in cover and "gids.test/themas/vertrouwen/" in cover
    assert contents.startswith("Inhoud") and "Les: Een wijkaanpak vraagt een lange adem" in contents
    text = " ".join(texts)
    assert "Een wijkaanpak vraagt een lange adem" in text  # the lesson of the theme ...
    assert "Vertrouwen tussen bewoners, overheid en instellingen." in text  # ... the theme's description
    assert "De Beuk. Wijkaanpak voor weerbare wijken. Webpagina." in text  # ... its sources
    assert "Aantekeningen" in texts[-1]
    assert "Resultaat boeken en volhouden" not in text  # a pack, not the chapter


def test_place_and_records_packs(guide: Path, tmp_path: Path) -> None:
    result = run("--place", "utrecht", "-C", str(guide), "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    place = _texts(tmp_path / "plaats-utrecht.pdf")  # the default name; Overvecht lies in Utrecht
    assert "PLAATS" in place[0] and "De Versnelling in Overvecht" in " ".join(place)
    # the lesson that draws on that example names the example, not the place: it belongs in the pack
    assert "Les: Een wijkaanpak vraagt een lange adem" in place[1]
    result = run("--records", "overvecht-versnelling,lange-adem", "-C", str(guide), "-o", str(tmp_path / "r.pdf"))
    assert result.exit_code == 0, result.output
    text = " ".join(_texts(tmp_path / "r.pdf"))
    assert "2 teksten voor de leerkring" in text
    # in the order given: the example first
    assert text.index("Praktijkvoorbeeld: De Versnelling in Overvecht") < text.index("Les: Een wijkaanpak")


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["--theme", "vertrouwn"], ["onbekend thema 'vertrouwn'", "bedoel je 'vertrouwen'?", "--theme"]),
        (["--place", "overvech"], ["onbekende plaats 'overvech'", "bedoel je 'overvecht'?", "utrecht"]),
        (["--records", "lange-adem,lange-adme"], ["onbekende id 'lange-adme' in --records", "bedoel je 'lange-adem'?"]),
        (["--records", "vertrouwen"], ["'vertrouwen' in --records is een thema", "gebruik --theme"]),
    ],
)
def test_an_unknown_pack_id_is_a_usage_error_naming_it(
    guide: Path, tmp_path: Path, args: list[str], names: list[str]
) -> None:
    target = tmp_path / "x.pdf"
    result = run(*args, "-C", str(guide), "-o", str(target))
    assert result.exit_code == 2, result.output
    for name in names:
        assert name in result.output
    assert not target.exists()


def test_a_pack_and_a_chapter_at_once_is_a_usage_error(guide: Path) -> None:
    assert run(CHAPTER, "--theme", "vertrouwen", "-C", str(guide)).exit_code == 2
    assert run("--theme", "vertrouwen", "--place", "utrecht", "-C", str(guide)).exit_code == 2


def test_an_empty_pack_is_refused(guide: Path, tmp_path: Path) -> None:
    (guide / "guide/themas/wonen.yml").write_text("id: wonen\nname: Wonen\ndescription: Wonen.\n", "utf-8")
    result = run("--theme", "wonen", "-C", str(guide), "-o", str(tmp_path / "w.pdf"))
    assert result.exit_code == 1
    assert "geen gepubliceerde lessen" in result.output
    assert not (tmp_path / "w.pdf").exists()


def test_export_with_a_checked_catalog_does_not_check_again(
    guide: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``wijkengids build`` hands its checked catalog to the export: no second check of the guide."""
    from build_tools.export import outputs
    from build_tools.pipeline import check

    catalog = check(guide).catalog

    def no_second_check(root: Path) -> None:
        raise AssertionError("the guide was checked a second time")

    monkeypatch.setattr(outputs, "checked_catalog", no_second_check)
    paths = export_pdfs(guide, tmp_path / "pdf", jobs=1, catalog=catalog)
    assert sorted(p.name for p in paths) == sorted([GUIDE_PDF, f"{CHAPTER}.pdf", "tweede.pdf"])
    with pytest.raises(AssertionError, match="second time"):
        export_pdfs(guide, tmp_path / "pdf2", jobs=1)  # without one, the export checks first
