"""The plain-language stage (build_tools/language/): text, settings, dictionary, stats."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import CASES, CaseGuide

from build_tools.cli import main
from build_tools.config import ConfigError, load_settings
from build_tools.language.readability import Readability, syllables
from build_tools.language.settings import DEFAULT_DICTIONARY
from build_tools.language.spelling import DictionaryMissing, Speller
from build_tools.language.text import plain, split_sentences


def test_plain_keeps_what_a_reader_reads() -> None:
    text = plain("Zie [[lange-adem]] en [[overvecht-versnelling|de Versnelling]], `code` en [site](https://x.nl/a).")
    assert text.split() == ["Zie", "en", "de", "Versnelling", ",", "en", "[site]."]


def test_sentences_do_not_end_at_abbreviations() -> None:
    assert split_sentences("Partners, bijv. de corporatie, doen mee. Dan volgt de wijk! Klaar?") == [
        "Partners, bijv. de corporatie, doen mee.",
        "Dan volgt de wijk!",
        "Klaar?",
    ]


def test_flesch_douma() -> None:
    assert [syllables(w) for w in ("wijkaanpak", "bewoners", "coöperatie", "wijk")] == [3, 3, 5, 1]
    assert round(Readability(words=10, sentences=1, syllables=15).score, 2) == round(206.835 - 9.3 - 115.5, 2)


def test_syllable_counts_are_kept_for_the_next_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A word counted once is counted from the cache folder next time, without loading Pyphen."""
    from build_tools.language import readability

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(readability, "_TABLE", readability._Syllables())
    assert readability.syllables("wijkaanpak") == 3
    readability.save_syllables()
    assert [p.name.startswith("syllables-v1-") for p in (tmp_path / "wijkengids").iterdir()] == [True]

    def no_pyphen() -> Any:
        raise AssertionError("Pyphen loaded")

    monkeypatch.setattr(readability, "_TABLE", readability._Syllables())  # the next run
    monkeypatch.setattr(readability, "_hyphenator", no_pyphen)
    assert readability.syllables("wijkaanpak") == 3
    with pytest.raises(AssertionError, match="Pyphen loaded"):
        readability.syllables("buurtbewoners")  # a word never counted


def test_settings_are_checked(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.wijkengids]\nlanguage = true\nmax_sentence_words = 0\n")
    with pytest.raises(ConfigError, match="max_sentence_words moet een geheel aantal woorden"):
        load_settings(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.wijkengids]\nmax_sentence_words = 20\n")
    assert load_settings(tmp_path).language is None  # off unless language = true


def test_dictionary_is_installed() -> None:
    """make test installs hunspell-nl (make language-deps); a missing dictionary fails here, in CI too."""
    assert Path(DEFAULT_DICTIONARY + ".dic").is_file(), "run: make language-deps"


@pytest.mark.slow  # reads hunspell-nl from scratch with an empty cache (spylls): about 5 s, half the quick loop
def test_hyphenated_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    wrong = Speller(DEFAULT_DICTIONARY).misspelt(["co-productie", "informatie-uitwisseling", "wijkaanpak"])
    assert wrong == {"co-productie": "coproductie"}


def test_missing_dictionary_is_a_usage_error(case_guide: CaseGuide, tmp_path: Path) -> None:
    with pytest.raises(DictionaryMissing, match="hunspell-nl"):
        Speller(str(tmp_path / "nl"))
    guide = case_guide(CASES / "valid" / "spelling")
    (guide / "pyproject.toml").write_text(f'[tool.wijkengids]\nlanguage = true\ndictionary = "{tmp_path / "nl"}"\n')
    result = CliRunner().invoke(main, ["check", str(guide)])
    assert result.exit_code == 2
    assert "installeer het Debian-pakket hunspell-nl" in result.output


def test_github_annotations_are_warnings(case_guide: CaseGuide) -> None:
    guide = case_guide(CASES / "valid" / "long-sentence")
    result = CliRunner().invoke(main, ["check", "--format", "github", str(guide)])
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "::warning file=lessons/lange-adem.md,line=17,col=1,title=wijkengids long-sentence::"
    )


def test_stats_reports_readability_and_longest_sentences(case_guide: CaseGuide) -> None:
    guide = case_guide(CASES / "valid" / "long-sentence")
    old = Path.cwd()
    os.chdir(guide)
    try:
        result = CliRunner().invoke(main, ["stats"])
    finally:
        os.chdir(old)
    assert result.exit_code == 0, result.output
    assert "Leesbaarheid per record (Flesch-Douma" in result.stdout
    assert "   36 woorden  lessons/lange-adem.md:17:1  'De neerwaartse spiraal is te doorbreken …'" in result.stdout


def test_a_cache_is_written_whole_or_not_at_all(tmp_path: Path) -> None:
    from build_tools.language.spelling import write_json_cache

    target = tmp_path / "cache" / "woorden.json"
    assert write_json_cache(target, {"known": ["wijk"]})
    assert json.loads(target.read_text(encoding="utf-8")) == {"known": ["wijk"]}
    assert [p.name for p in target.parent.iterdir()] == ["woorden.json"], "no temporary file left behind"
    blocked = tmp_path / "bestand"
    blocked.write_text("", encoding="utf-8")
    assert not write_json_cache(blocked / "woorden.json", {})  # its folder cannot be made: only time is lost


@pytest.mark.slow  # reads hunspell-nl from scratch and searches it for suggestions (spylls): about 9 s
def test_names_get_no_suggestion_and_other_words_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A capitalised unknown word is a name: no search through the dictionary for a look-alike."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    wrong = Speller(DEFAULT_DICTIONARY).misspelt(["Hoograven", "gebiedstafl", "Wijkaanpak", "NPLV"])
    assert wrong == {"Hoograven": "", "gebiedstafl": "gebiedstafel", "NPLV": ""}


def test_a_warm_run_reads_no_record_and_an_edit_is_seen(
    case_guide: CaseGuide, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The text cache is keyed by file time and size; a file edited within the clock's tick by its text."""
    from build_tools.language import analysis
    from build_tools.load import load
    from build_tools.validate import validate

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = case_guide(CASES / "valid" / "long-sentence")
    lesson = next(root.glob("lessons/*.md"))
    text = lesson.read_text(encoding="utf-8")
    assert " adem" in text
    analysed: list[str] = []
    real = analysis.analyse

    def counted(record: Any, source: str) -> Any:
        analysed.append(record.path)
        return real(record, source)

    monkeypatch.setattr(analysis, "analyse", counted)

    def words() -> set[str]:
        records = [r for r in validate(load(root).records).records if r.path == lesson.relative_to(root).as_posix()]
        cache = analysis.AnalysisCache(root)
        found = cache.get(records[0])
        cache.save()
        assert found is not None
        return set(found.distinct)

    before = words()
    lesson.write_text(text.replace(" adem", " moed"), encoding="utf-8")  # same size, same clock tick
    after = words()
    assert "adem" in before and "moed" in after and "adem" not in after and len(analysed) == 2
    old = 1_600_000_000
    os.utime(lesson, (old, old))  # no longer "racy": keyed by time and size
    words()
    analysed.clear()
    opened: list[str] = []
    real_open = open

    def spy(*args: Any, **kwargs: Any) -> Any:
        opened.append(str(args[0]))
        return real_open(*args, **kwargs)

    monkeypatch.setattr("builtins.open", spy)
    assert words() == after
    assert analysed == [] and str(lesson) not in opened
