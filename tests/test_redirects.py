"""Old addresses keep working: a record's ``aliases`` become redirect pages, and ``[[old-id]]`` still links."""

from __future__ import annotations

from pathlib import Path

from conftest import CASES, TODAY, CaseGuide

from build_tools.export.markup import Resolver
from build_tools.link import Catalog
from build_tools.pipeline import check
from build_tools.render import render_pages
from build_tools.render.docs import generated_pages
from build_tools.render.redirects import redirect_pages


def case_catalog(case_guide: CaseGuide, name: str) -> Catalog:
    result = check(case_guide(CASES / "valid" / name), today=TODAY)
    assert result.ok, result.problems
    return result.catalog


def test_an_alias_becomes_a_redirect_page_at_the_old_address(case_guide: CaseGuide) -> None:
    catalog = case_catalog(case_guide, "alias-ref")
    (page,) = redirect_pages(catalog, site_url="https://gids.example.nl/wijk/")
    assert (page.old_id, page.path, page.target) == ("niet-stoppen", "lessen/niet-stoppen/index.html", "../lange-adem/")
    assert '<meta http-equiv="refresh" content="0; url=../lange-adem/">' in page.html
    assert '<link rel="canonical" href="https://gids.example.nl/wijk/lessen/lange-adem/">' in page.html
    assert '<meta name="robots" content="noindex">' in page.html
    assert '<body data-pagefind-ignore="all">' in page.html and "<script" not in page.html
    assert '<a href="../lange-adem/">Een wijkaanpak vraagt een lange adem</a>' in page.html
    assert '<html lang="nl">' in page.html
    assert "<title>Verhuisd: Een wijkaanpak vraagt een lange adem</title>" in page.html


def test_without_directory_urls_the_redirect_is_a_sibling_file(case_guide: CaseGuide) -> None:
    (page,) = redirect_pages(case_catalog(case_guide, "alias-ref"), directory_urls=False)
    assert (page.path, page.target) == ("lessen/niet-stoppen.html", "lange-adem.html")
    assert '<link rel="canonical" href="lange-adem.html">' in page.html  # no site_url: relative


def test_redirect_pages_are_files_of_the_docs_folder_outside_the_navigation(case_guide: CaseGuide) -> None:
    files = generated_pages(
        case_catalog(case_guide, "alias-ref"), home_intro=None, home_edit_path=None, directory_urls=True
    )
    (moved,) = [f for f in files if f.src_uri == "lessen/niet-stoppen/index.html"]
    assert not moved.in_nav and moved.text is not None and 'http-equiv="refresh"' in moved.text


def test_a_concept_record_gets_no_redirect(case_guide: CaseGuide) -> None:
    root = case_guide(CASES / "valid" / "alias-ref")
    lesson = root / "lessons" / "lange-adem.md"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("status: gepubliceerd", "status: concept", 1))
    catalog = check(root, today=TODAY).catalog
    assert catalog.aliases == {"niet-stoppen": "lange-adem"}
    assert redirect_pages(catalog) == []


def test_a_reference_to_an_old_id_links_to_the_record_that_took_it_over(case_guide: CaseGuide) -> None:
    catalog = case_catalog(case_guide, "alias-ref")
    example = next(p for p in render_pages(catalog) if p.src_uri == "voorbeelden/overvecht-versnelling.md")
    assert "[Een wijkaanpak vraagt een lange adem](../lessen/lange-adem.md)" in example.markdown
    assert "overvecht-versnelling" in [r.id for r in catalog.mentioned_in("lange-adem")]  # "Genoemd in" too
    assert catalog.get("niet-stoppen") is catalog.get("lange-adem")


def test_the_shipped_guide_keeps_every_merged_address(tmp_path: Path) -> None:
    """Every record merged away in the first edition's clean-up still has its address, as a redirect."""
    root = Path(__file__).resolve().parent.parent
    catalog = check(root, stale_after_days=None).catalog
    merged = {
        "praat-vanaf-begin": "begin-in-de-wijk",
        "co-productie": "coproductie",
        "gebiedstafels": "coproductie",
        "kernwerk": "focus",
        "loslaten": "initiatieven-ondersteunen",
        "bewoners-nemen-verantwoordelijkheid": "initiatieven-ondersteunen",
        "meer-dan-een-stem": "inwoner-beslisser",
        "niet-duur": "netwerken-allianties",
        "beloften-waarmaken": "niet-u-vraagt-wij-draaien",
        "ga-aan-de-slag": "schoon-en-heel",
        "niet-stoppen": "lange-adem",
        "bruggen-naar-werk": "investeer-in-infrastructuur",
        "gedeeld-eigenaarschap": "opgavengericht-samenwerken",
        "jongerencultuurhuis-kanaleneiland": "evaluatie-krachtwijken-utrecht",
    }
    assert {old: catalog.aliases.get(old) for old in merged} == merged
    paths = {p.old_id: p.path for p in redirect_pages(catalog)}
    assert paths["jongerencultuurhuis-kanaleneiland"] == "voorbeelden/jongerencultuurhuis-kanaleneiland/index.html"
    assert paths["kernwerk"] == "lessen/kernwerk/index.html"


def test_print_links_an_old_id_to_the_record_that_took_it_over(case_guide: CaseGuide) -> None:
    resolver = Resolver(case_catalog(case_guide, "alias-ref"), "https://gids.test/")
    resolver.place("lange-adem", "h1", "h1__lange-adem")
    assert 'href="#h1__lange-adem">Een wijkaanpak vraagt een lange adem</a>' in resolver.link("niet-stoppen", "h1")
    online = Resolver(resolver.catalog, "https://gids.test/").link("niet-stoppen", "h2")  # in no chapter: online
    assert 'href="https://gids.test/lessen/lange-adem/"' in online and "niet-stoppen" not in online
