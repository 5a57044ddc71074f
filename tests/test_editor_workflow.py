"""An editor adds a lesson, the way CONTRIBUTING.md tells them to, and makes the usual mistakes.

Everything runs the real ``wijkengids`` command in a copy of a small valid guide, and
edits the record file as text, the way an editor does in the web editor.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from build_tools.model import dutch_date

#: The editor's commands run as subprocesses (and build a site).
pytestmark = pytest.mark.slow

MINIMAL = Path(__file__).parent / "cases" / "base"
WIJKENGIDS = Path(sys.executable).with_name("wijkengids")

TITLE = "Buurtbewoners houden het langst vol"
LESSON_ID = "buurtbewoners-houden-het-langst-vol"
LESSON = f"lessons/{LESSON_ID}.md"
CHAPTER = "guide/hoofdstukken/lange-adem-hoofdstuk.md"

#: What the editor types over the scaffold's empty fields.
FILL_IN = {
    "status: concept": "status: gepubliceerd",
    'summary: ""': "summary: Bewoners blijven als professionals vertrekken; bouw op hen.",
    "apply: []": "apply:\n  - Vraag bewoners wat zij al doen voordat je een plan maakt.",
    "themes: []": "themes:\n  - vertrouwen",
    "examples: []": "examples:\n  - overvecht-versnelling",
    "sources: []": "sources:\n  - debeuk-weerbare-wijken",
}
BODY = "Professionals wisselen vaak van baan; bewoners blijven. Zie [[lange-adem]].\n"


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


def wijkengids(guide: Path, *args: str) -> Run:
    done = subprocess.run([str(WIJKENGIDS), *args], cwd=guide, capture_output=True, text=True, check=False)
    return Run(done.returncode, done.stdout, done.stderr)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, start: str) -> int:
    """1-based number of the (only) line that starts with ``start``."""
    (number,) = [i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(start)]
    return number


def add_lesson(guide: Path) -> Path:
    """The editor's steps: scaffold, fill in, put the lesson in a chapter."""
    run = wijkengids(guide, "new", "les", TITLE)
    assert (run.code, run.out, run.err) == (0, f"{LESSON}\n", "")
    path = guide / LESSON
    for old, new in FILL_IN.items():
        edit(path, old, new)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(BODY)
    edit(guide / CHAPTER, "  - overvecht-versnelling\n", f"  - overvecht-versnelling\n  - {LESSON_ID}\n")
    return path


@pytest.fixture
def guide(tmp_path: Path) -> Path:
    root = tmp_path / "gids"
    shutil.copytree(MINIMAL, root)
    return root


def test_the_scaffold_says_what_is_still_missing(guide: Path) -> None:
    run = wijkengids(guide, "new", "lesson", TITLE)
    assert run.code == 0
    path = guide / LESSON
    result = wijkengids(guide, "check")
    assert result.code == 1
    *problems, summary = result.out.splitlines()
    assert summary == "9 bestanden nagekeken: 4 fouten."
    body_line = path.read_text(encoding="utf-8").splitlines().index("---", 1) + 2  # below the closing ---
    assert problems == [
        f"{LESSON}:{line_of(path, 'summary:')}:10: summary: veld 'summary' is leeg; vul een tekst in: "
        "De les in één zin. [missing-field]",
        f"{LESSON}:{line_of(path, 'apply:')}:8: apply: 'apply' heeft minstens 1 element(en) nodig; zet elk element "
        "op een eigen regel met '- ' ervoor. [too-few]",
        f"{LESSON}:{line_of(path, 'sources:')}:10: sources: 'sources' heeft minstens 1 element(en) nodig; zet elk "
        "element op een eigen regel met '- ' ervoor. [too-few]",
        f"{LESSON}:{body_line}:1: tekst: de tekst onder de velden ontbreekt; schrijf hier de uitleg: "
        "Uitleg van de les: waarom ze geldt en wat ze vraagt. [missing-field]",
    ]


def test_a_filled_in_lesson_is_clean(guide: Path) -> None:
    add_lesson(guide)
    run = wijkengids(guide, "check")
    assert (run.code, run.out) == (0, "9 bestanden nagekeken: geen problemen.\n")
    listed = wijkengids(guide, "list", "les")
    assert f"  {LESSON_ID:<48} gepubliceerd" in listed.out


def test_the_new_lesson_is_in_the_catalog_linked_from_its_theme_and_chapter(guide: Path) -> None:
    from build_tools.pipeline import check

    add_lesson(guide)
    catalog = check(guide).catalog
    assert LESSON_ID in [r.id for r in catalog.mentioned_in("vertrouwen")]
    assert [r.id for r in catalog.chapters_of(LESSON_ID)] == ["lange-adem-hoofdstuk"]
    assert LESSON_ID in [r.id for r in catalog.mentioned_in("overvecht-versnelling")]


REPO = Path(__file__).resolve().parent.parent


def build_site(guide: Path, site: Path) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` with the project's configuration and plugin."""
    shutil.copy(REPO / "mkdocs.yml", guide / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", guide / "overrides")
    return subprocess.run(
        [str(WIJKENGIDS.with_name("mkdocs")), "build", "--strict", "--site-dir", str(site)],
        cwd=guide,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def test_the_lesson_page_exists_and_is_linked_from_its_theme_and_chapter(guide: Path, tmp_path: Path) -> None:
    add_lesson(guide)
    site = tmp_path / "site"

    done = build_site(guide, site)

    assert done.returncode == 0, done.stderr
    page = (site / "lessen" / LESSON_ID / "index.html").read_text(encoding="utf-8")
    assert "<h1" in page and TITLE in page
    assert f"Laatst nagekeken: {dutch_date(dt.date.today())}" in page
    link = f'<a href="../../lessen/{LESSON_ID}/">{TITLE}</a>'
    assert link in (site / "themas" / "vertrouwen" / "index.html").read_text(encoding="utf-8")
    assert link in (site / "hoofdstukken" / "lange-adem-hoofdstuk" / "index.html").read_text(encoding="utf-8")
    assert link in (site / "voorbeelden" / "overvecht-versnelling" / "index.html").read_text(encoding="utf-8")


def test_a_mistake_stops_the_site_build_with_the_same_message(guide: Path, tmp_path: Path) -> None:
    add_lesson(guide)
    (expected,) = unknown_example_id(guide)

    done = build_site(guide, tmp_path / "site")

    assert done.returncode == 1
    assert f"ERROR   -  {expected}" in done.stderr.splitlines()
    assert not (tmp_path / "site" / "lessen" / LESSON_ID).exists()


# --- the usual mistakes -------------------------------------------------------------------------


def typo_in_field_name(guide: Path) -> list[str]:
    path = guide / LESSON
    edit(path, "summary:", "sumary:")
    return [
        f"{LESSON}:{line_of(path, 'id:')}:1: summary: verplicht veld 'summary' ontbreekt; voeg het toe: "
        "De les in één zin. [missing-field]",
        f"{LESSON}:{line_of(path, 'sumary:')}:1: sumary: onbekend veld 'sumary' — bedoel je 'summary'? [unknown-field]",
    ]


def unknown_example_id(guide: Path) -> list[str]:
    path = guide / LESSON
    edit(path, "  - overvecht-versnelling", "  - overvecht-versneling")
    return [
        f"{LESSON}:{line_of(path, '  - overvecht-versneling')}:5: examples[0]: onbekende id 'overvecht-versneling' "
        "— bedoel je 'overvecht-versnelling'? [unknown-id]"
    ]


def missing_source(guide: Path) -> list[str]:
    path = guide / LESSON
    edit(path, "  - debeuk-weerbare-wijken", "  - rapport-lange-adem-2030")
    return [
        f"{LESSON}:{line_of(path, '  - rapport-lange-adem-2030')}:5: sources[0]: onbekende id "
        "'rapport-lange-adem-2030' — controleer de spelling, of maak eerst een bron met dit id aan "
        "('wijkengids list' toont alle ids). [unknown-id]"
    ]


def no_source_at_all(guide: Path) -> list[str]:
    path = guide / LESSON
    edit(path, "sources:\n  - debeuk-weerbare-wijken\n", "")
    return [
        f"{LESSON}:{line_of(path, 'id:')}:1: sources: verplicht veld 'sources' ontbreekt; voeg het toe: "
        "Bronnen waarop dit record steunt (ids uit guide/bronnen/). [missing-field]"
    ]


def duplicate_id(guide: Path) -> list[str]:
    """A second lesson whose title gives it the id of an existing example."""
    assert wijkengids(guide, "new", "les", "Overvecht versnelling").code == 0
    path = guide / "lessons" / "overvecht-versnelling.md"
    for old, new in FILL_IN.items():
        if old != "examples: []":
            edit(path, old, new)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(BODY)
    return [
        f"lessons/overvecht-versnelling.md:{line_of(path, 'id:')}:5: id: id 'overvecht-versnelling' is al in "
        "gebruik door examples/overvecht-versnelling.md; kies een ander id (en hernoem het bestand mee). "
        "[duplicate-id]"
    ]


def copied_file_keeps_its_id(guide: Path) -> list[str]:
    """Copying a lesson to start a new one, and forgetting to change the id."""
    shutil.copy(guide / LESSON, guide / "lessons" / "bewoners-blijven.md")
    return [
        f"lessons/bewoners-blijven.md:{line_of(guide / LESSON, 'id:')}:5: id: id '{LESSON_ID}' is niet gelijk aan "
        "de bestandsnaam 'bewoners-blijven'; maak ze gelijk (hernoem het bestand of verander het id). [id-mismatch]"
    ]


def impossible_date(guide: Path) -> list[str]:
    path = guide / LESSON
    edit(path, "reviewed: ", "reviewed: 2026-02-30\n# was: ")
    return [
        f"{LESSON}:{line_of(path, 'reviewed:')}:11: reviewed: '2026-02-30' is geen geldige datum voor 'reviewed'; "
        "schrijf jaar-maand-dag, bijvoorbeeld 2026-03-31. [bad-date]"
    ]


def dutch_date_order(guide: Path) -> list[str]:
    path = guide / LESSON
    edit(path, "reviewed: ", "reviewed: 23-11-2026\n# was: ")
    return [
        f"{LESSON}:{line_of(path, 'reviewed:')}:11: reviewed: '23-11-2026' is geen geldige datum voor 'reviewed'; "
        "schrijf jaar-maand-dag, bijvoorbeeld 2026-03-31. [bad-date]"
    ]


MISTAKES: dict[str, Callable[[Path], list[str]]] = {
    "typo in a field name": typo_in_field_name,
    "unknown example id": unknown_example_id,
    "missing source": missing_source,
    "no source at all": no_source_at_all,
    "duplicate id": duplicate_id,
    "copied file keeps its id": copied_file_keeps_its_id,
    "impossible date": impossible_date,
    "date in Dutch order": dutch_date_order,
}


@pytest.mark.parametrize("mistake", MISTAKES)
def test_a_common_mistake_is_reported_exactly(guide: Path, mistake: str) -> None:
    add_lesson(guide)
    expected = MISTAKES[mistake](guide)

    run = wijkengids(guide, "check")

    assert run.code == 1
    *problems, summary = run.out.splitlines()
    assert problems == expected
    errors = len(expected)
    assert summary.endswith(f": {errors} {'fout' if errors == 1 else 'fouten'}.")


@pytest.mark.parametrize("mistake", ["typo in a field name", "unknown example id"])
def test_mistakes_appear_on_the_line_in_a_pull_request(guide: Path, mistake: str) -> None:
    """``--format github``: the same problems as annotations on the file's line."""
    add_lesson(guide)
    expected = MISTAKES[mistake](guide)

    run = wijkengids(guide, "check", "--format", "github")

    assert run.code == 1
    annotations = run.out.splitlines()
    assert len(annotations) == len(expected)
    for annotation, line in zip(annotations, expected, strict=True):
        path, number, column, _ = line.split(":", 3)
        assert annotation.startswith(f"::error file={path},line={number},col={column},title=wijkengids ")


# --- editorial freshness ------------------------------------------------------------------------


def reviewed_days_ago(guide: Path, days: int) -> None:
    """Every record of the guide was last reviewed ``days`` ago."""
    day = (dt.date.today() - dt.timedelta(days=days)).isoformat()
    for path in guide.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"^reviewed: .*$", f"reviewed: {day}", text, flags=re.M), encoding="utf-8")


def stale_lines(run: Run) -> list[str]:
    return [line for line in run.out.splitlines() if line.endswith("[stale]")]


def test_freshness_age_comes_from_the_project_config(guide: Path) -> None:
    reviewed_days_ago(guide, 40)
    (guide / "pyproject.toml").write_text("[tool.wijkengids]\nstale_after_days = 30\n", encoding="utf-8")

    run = wijkengids(guide, "check")

    assert run.code == 0  # a warning, not an error
    assert stale_lines(run) == [
        f"{path}:4:11: waarschuwing: reviewed: laatst nagekeken op "
        f"{(dt.date.today() - dt.timedelta(days=40)).isoformat()}, 40 dagen geleden (grens: 30); kijk de inhoud "
        "na en zet 'reviewed' op de datum van vandaag. [stale]"
        for path in ("examples/overvecht-versnelling.md", CHAPTER, "lessons/lange-adem.md")
    ]
    assert run.out.endswith("8 bestanden nagekeken: 3 waarschuwingen.\n")
    # The command line wins over the file; without the file the default (730 days) holds.
    assert stale_lines(wijkengids(guide, "check", "--stale-after", "50")) == []
    (guide / "pyproject.toml").write_text("[tool.andere]\nx = 1\n", encoding="utf-8")
    assert stale_lines(wijkengids(guide, "check")) == []


def test_freshness_config_is_read_from_the_checked_guide(guide: Path, tmp_path: Path) -> None:
    reviewed_days_ago(guide, 40)
    (guide / "pyproject.toml").write_text("[tool.wijkengids]\nstale_after_days = 30\n", encoding="utf-8")
    elsewhere = tmp_path / "ergens"
    elsewhere.mkdir()

    assert len(stale_lines(wijkengids(elsewhere, "check", str(guide)))) == 3
    listed = wijkengids(elsewhere, "list", "les", "--root", str(guide))
    assert "lange-adem" in listed.out and listed.out.rstrip().endswith("! verouderd nakijken")


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("stale_after_days = 0", "niet 0."),
        ('stale_after_days = "twee jaar"', "niet 'twee jaar'."),
        ("stale_after = 30", "kent geen instelling 'stale_after'."),
    ],
)
def test_a_bad_freshness_setting_is_a_usage_error(guide: Path, setting: str, message: str) -> None:
    (guide / "pyproject.toml").write_text(f"[tool.wijkengids]\n{setting}\n", encoding="utf-8")

    run = wijkengids(guide, "check")

    assert (run.code, run.out) == (2, "")
    assert run.err.splitlines()[-1].startswith("Error: pyproject.toml: [tool.wijkengids] ")
    assert run.err.splitlines()[-1].endswith(message)
