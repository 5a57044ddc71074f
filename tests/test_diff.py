"""``wijkengids diff`` on a temporary git repository with real commits."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from build_tools.cli import main
from build_tools.gitdiff import diff_range, format_markdown

#: Every test drives git in a subprocess.
pytestmark = pytest.mark.slow

MINIMAL = Path(__file__).parent / "cases" / "base"

NEW_LESSON = """\
---
id: samen-optrekken
status: gepubliceerd
reviewed: 2026-11-20
title: Bewoners en professionals trekken samen op
summary: Een aanpak werkt als bewoners meebeslissen.
apply:
  - Nodig bewoners uit aan de tafel waar besloten wordt.
themes:
  - vertrouwen
examples:
  - overvecht-versnelling
sources:
  - debeuk-weerbare-wijken
---

Zie [[lange-adem]].
"""


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def commit(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository holding the minimal guide, one commit."""
    root = tmp_path / "repo"
    shutil.copytree(MINIMAL, root)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "redactie@example.org")
    git(root, "config", "user.name", "Redactie")
    git(root, "config", "commit.gpgsign", "false")
    commit(root, "minimale gids")
    return root


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_added_lesson_and_the_pages_it_links(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD")
    (repo / "lessons" / "samen-optrekken.md").write_text(NEW_LESSON, encoding="utf-8")
    head = commit(repo, "nieuwe les")

    diff = diff_range(repo, base, head)

    assert [(c.type, c.id, c.title, c.status) for c in diff.added] == [
        ("lesson", "samen-optrekken", "Bewoners en professionals trekken samen op", "gepubliceerd")
    ]
    assert diff.changed == () and diff.removed == ()
    # Every record it names gets a "Genoemd in" entry on its page.
    assert [(p.id, p.because) for p in diff.affected] == [
        ("lange-adem", ("samen-optrekken",)),
        ("overvecht-versnelling", ("samen-optrekken",)),
        ("vertrouwen", ("samen-optrekken",)),
        ("debeuk-weerbare-wijken", ("samen-optrekken",)),
    ]
    assert diff.head_errors == 0


def test_markdown_summary_exact(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD")
    (repo / "lessons" / "samen-optrekken.md").write_text(NEW_LESSON, encoding="utf-8")
    head = commit(repo, "nieuwe les")

    code, out, _ = invoke("diff", base, head, "--root", str(repo))

    assert code == 0
    assert out == (
        f"## Wijzigingen in de gids ({base} → {head})\n"
        "\n"
        "1 record toegevoegd, 0 gewijzigd, 0 verwijderd; 4 andere pagina’s veranderen door links.\n"
        "\n"
        "### Toegevoegd\n"
        "\n"
        "| soort | id | titel | status |\n"
        "| --- | --- | --- | --- |\n"
        "| les | `samen-optrekken` | Bewoners en professionals trekken samen op | gepubliceerd |\n"
        "\n"
        "Overzichtspagina’s die veranderen: `lessen/`.\n"
        "\n"
        "### Andere pagina’s die veranderen door links\n"
        "\n"
        "| soort | id | titel | door |\n"
        "| --- | --- | --- | --- |\n"
        "| les | `lange-adem` | Een wijkaanpak vraagt een lange adem | `samen-optrekken` |\n"
        "| praktijkvoorbeeld | `overvecht-versnelling` | De Versnelling in Overvecht | `samen-optrekken` |\n"
        "| thema | `vertrouwen` | Vertrouwen | `samen-optrekken` |\n"
        "| bron | `debeuk-weerbare-wijken` | Wijkaanpak voor weerbare wijken | `samen-optrekken` |\n"
    )


def test_changed_text_only_changes_its_own_page(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD")
    replace_in(repo / "lessons" / "lange-adem.md", "Resultaten komen pas na jaren", "Resultaten komen laat")
    replace_in(repo / "lessons" / "lange-adem.md", "De neerwaartse spiraal", "Een neerwaartse spiraal")
    head = commit(repo, "samenvatting herschreven")

    diff = diff_range(repo, base, head)

    assert [(c.id, c.fields, c.previous_title) for c in diff.changed] == [("lange-adem", ("summary", "tekst"), "")]
    assert diff.added == () and diff.removed == () and diff.affected == () and diff.overviews == ()


def test_changed_title_changes_every_page_that_shows_it(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD")
    replace_in(
        repo / "examples" / "overvecht-versnelling.md",
        "title: De Versnelling in Overvecht",
        "title: Overvecht versnelt | de aanpak",
    )
    head = commit(repo, "titel")

    diff = diff_range(repo, base, head)

    (change,) = diff.changed
    assert (change.id, change.fields, change.previous_title) == (
        "overvecht-versnelling",
        ("title",),
        "De Versnelling in Overvecht",
    )
    assert [p.id for p in diff.affected] == [
        "lange-adem-hoofdstuk",
        "lange-adem",
        "overvecht",
        "de-beuk",
        "debeuk-weerbare-wijken",
    ]
    assert diff.overviews == ("voorbeelden",)
    # A pipe in a title must not break the table.
    assert (
        "| praktijkvoorbeeld | `overvecht-versnelling` | Overvecht versnelt \\| de aanpak "
        "(was: De Versnelling in Overvecht) | gepubliceerd | `title` |" in format_markdown(diff)
    )


def test_new_link_changes_only_the_linked_page(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD")
    replace_in(repo / "lessons" / "lange-adem.md", "De neerwaartse spiraal", "Zie ook [[utrecht]]. De spiraal")
    head = commit(repo, "link naar utrecht")

    diff = diff_range(repo, base, head)

    assert [(c.id, c.fields) for c in diff.changed] == [("lange-adem", ("tekst",))]
    assert [(p.id, p.because) for p in diff.affected] == [("utrecht", ("lange-adem",))]


def test_removed_and_unpublished_records(repo: Path) -> None:
    (repo / "lessons" / "samen-optrekken.md").write_text(NEW_LESSON, encoding="utf-8")
    base = commit(repo, "nieuwe les")
    (repo / "lessons" / "samen-optrekken.md").unlink()
    replace_in(repo / "examples" / "overvecht-versnelling.md", "status: gepubliceerd", "status: concept")
    replace_in(repo / "guide" / "hoofdstukken" / "lange-adem-hoofdstuk.md", "  - overvecht-versnelling\n", "")
    replace_in(repo / "lessons" / "lange-adem.md", "examples:\n  - overvecht-versnelling\n", "")
    replace_in(repo / "lessons" / "lange-adem.md", "zie [[overvecht-versnelling]]", "zie het voorbeeld")
    head = commit(repo, "les weg, voorbeeld terug naar concept")

    diff = diff_range(repo, base, head)

    assert [(c.id, c.status) for c in diff.removed] == [("samen-optrekken", "gepubliceerd")]
    assert [(c.id, c.previous_status, c.status, c.fields) for c in diff.changed] == [
        ("lange-adem-hoofdstuk", "", "gepubliceerd", ("items",)),
        ("lange-adem", "", "gepubliceerd", ("examples", "tekst")),
        ("overvecht-versnelling", "gepubliceerd", "concept", ("status",)),
    ]
    assert [(p.id, p.because) for p in diff.affected] == [
        ("vertrouwen", ("samen-optrekken",)),
        ("overvecht", ("overvecht-versnelling",)),
        ("de-beuk", ("overvecht-versnelling",)),
        ("debeuk-weerbare-wijken", ("overvecht-versnelling", "samen-optrekken")),
    ]
    code, out, _ = invoke("diff", base, head, "--root", str(repo), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["removed"] == [
        {
            "type": "lesson",
            "id": "samen-optrekken",
            "title": "Bewoners en professionals trekken samen op",
            "status": "gepubliceerd",
            "path": "lessons/samen-optrekken.md",
        }
    ]
    assert data["changed"][2] == {
        "type": "example",
        "id": "overvecht-versnelling",
        "title": "De Versnelling in Overvecht",
        "status": "concept",
        "path": "examples/overvecht-versnelling.md",
        "fields": ["status"],
        "previous_status": "gepubliceerd",
    }
    assert [a["id"] for a in data["affected"]] == ["vertrouwen", "overvecht", "de-beuk", "debeuk-weerbare-wijken"]
    assert data["overviews"] == ["lessen", "voorbeelden"]


def test_concept_record_changes_no_other_page(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD")
    text = NEW_LESSON.replace("status: gepubliceerd", "status: concept").replace("Zie [[lange-adem]].", "Tekst.")
    (repo / "lessons" / "samen-optrekken.md").write_text(text, encoding="utf-8")
    head = commit(repo, "concept")

    diff = diff_range(repo, base, head)

    assert [(c.id, c.status) for c in diff.added] == [("samen-optrekken", "concept")]
    assert diff.affected == () and diff.overviews == ()


def test_working_tree_is_the_default_head(repo: Path) -> None:
    (repo / "lessons" / "samen-optrekken.md").write_text(NEW_LESSON, encoding="utf-8")  # not committed

    code, out, _ = invoke("diff", "HEAD", "--root", str(repo), "--format", "json")

    assert code == 0
    data = json.loads(out)
    assert (data["head"], [a["id"] for a in data["added"]]) == ("werkmap", ["samen-optrekken"])


def test_no_changes(repo: Path) -> None:
    code, out, _ = invoke("diff", "HEAD", "HEAD", "--root", str(repo))
    assert code == 0
    assert out.endswith("\n\nGeen records toegevoegd, gewijzigd of verwijderd.\n")


def test_errors_at_head_are_named_not_hidden(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD")
    broken = NEW_LESSON.replace("reviewed: 2026-11-20", "reviewed: 2026-13-01")
    (repo / "lessons" / "samen-optrekken.md").write_text(broken, encoding="utf-8")
    head = commit(repo, "foute datum")

    diff = diff_range(repo, base, head)

    assert diff.added == ()
    assert (diff.head_errors, diff.head_error_files) == (1, ("lessons/samen-optrekken.md",))
    assert (
        "**Let op:** de controle vond 1 fout in `lessons/samen-optrekken.md`; records met fouten tellen hier "
        "niet mee. Zie de stap ‘check’." in format_markdown(diff)
    )


def test_guide_in_a_subfolder_of_the_repository(tmp_path: Path) -> None:
    top = tmp_path / "mono"
    shutil.copytree(MINIMAL, top / "gids")
    (top / "README.md").write_text("andere dingen\n", encoding="utf-8")
    git(top, "init", "-q", "-b", "main")
    git(top, "config", "user.email", "redactie@example.org")
    git(top, "config", "user.name", "Redactie")
    base = commit(top, "begin")
    replace_in(top / "gids" / "guide" / "themas" / "vertrouwen.yml", "name: Vertrouwen", "name: Onderling vertrouwen")
    head = commit(top, "thema hernoemd")

    diff = diff_range(top / "gids", base, head)

    assert [(c.id, c.previous_title, c.title) for c in diff.changed] == [
        ("vertrouwen", "Vertrouwen", "Onderling vertrouwen")
    ]
    assert diff.overviews == ("themas",)
    assert [p.id for p in diff.affected] == ["lange-adem"]


def test_unknown_revision_is_a_usage_error(repo: Path) -> None:
    code, out, err = invoke("diff", "origin/bestaat-niet", "--root", str(repo))
    assert (code, out) == (2, "")
    assert err.startswith("wijkengids diff: git meldt: onbekende revisie 'origin/bestaat-niet'")


def test_outside_a_repository_is_a_usage_error(tmp_path: Path) -> None:
    shutil.copytree(MINIMAL, tmp_path / "los")
    code, _, err = invoke("diff", "HEAD", "--root", str(tmp_path / "los"))
    assert code == 2
    assert "git meldt" in err
