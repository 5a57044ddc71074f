"""The language stage: warnings about long sentences, hard records and unknown words.

:func:`check_language` reads the linked records and returns warnings only; an editor
silences them per record (``silence: [long-sentence]`` in its front matter) or per word
(the project word list, ``woordenlijst.txt``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..model import Record
from ..problems import Code, Problem, Severity
from ..schema import RECORD_TYPES
from .analysis import Analysis, AnalysisCache, Use
from .settings import LanguageSettings
from .spelling import Speller, read_word_list

#: Record types whose text editors write (quotes are verbatim: their words are not ours to change).
CHECKED_TYPES = frozenset(t.name for t in RECORD_TYPES if t.plain_language)

#: The language warnings, silenced per record with ``silence: [...]``.
LANGUAGE_CODES = (Code.LONG_SENTENCE, Code.HARD_TO_READ, Code.SPELLING)


@dataclass(frozen=True)
class RecordText:
    record: Record
    analysis: Analysis


def record_texts(records: Iterable[Record], root: Path) -> list[RecordText]:
    """The analysed running text of every record an editor writes (quotes are verbatim: left out)."""
    cache = AnalysisCache(root)
    out = []
    for record in records:
        if record.type not in CHECKED_TYPES:
            continue
        analysis = cache.get(record)
        if analysis is not None:
            out.append(RecordText(record, analysis))
    cache.save()
    return out


def _warning(record: Record, line: int, column: int, code: Code, message: str, field: str) -> Problem:
    return Problem(record.path, line, column, code, message, field=field, severity=Severity.WARNING)


def check_language(records: Iterable[Record], root: Path, settings: LanguageSettings) -> list[Problem]:
    problems: list[Problem] = []
    spell: list[RecordText] = []
    for item in record_texts(records, root):
        record, text = item.record, item.analysis
        silenced = set(record.refs("silence"))
        if Code.LONG_SENTENCE not in silenced and text.longest > settings.max_sentence_words:
            limit = settings.max_sentence_words
            problems.extend(
                _warning(  # s: field, words, line, column, preview
                    record,
                    s[2],
                    s[3],
                    Code.LONG_SENTENCE,
                    f"zin van {s[1]} woorden (meer dan {limit}): '{s[4]}' — maak er twee zinnen van; "
                    "kan dat niet, zet dan 'long-sentence' in het veld silence van dit record.",
                    s[0],
                )
                for s in text.sentences
                if s[1] > limit
            )
        score = text.readability
        if (
            Code.HARD_TO_READ not in silenced
            and score.words >= settings.readability_min_words
            and score.score < settings.min_readability
        ):
            line, column = text.first_line, text.first_column
            problems.append(
                _warning(
                    record,
                    line,
                    column,
                    Code.HARD_TO_READ,
                    f"leesbaarheid {score.score:.0f} (Flesch-Douma, ondergrens {settings.min_readability:g}): "
                    f"gemiddeld {score.words_per_sentence:.1f} woorden per zin en "
                    f"{score.syllables_per_word:.2f} lettergrepen per woord — kortere zinnen en kortere woorden "
                    "helpen; is de tekst zo nodig, zet dan 'hard-to-read' in het veld silence van dit record.",
                    str(text.sentences[0][0]) if text.sentences else "tekst",
                )
            )
        if settings.spelling and Code.SPELLING not in silenced:
            spell.append(item)
    if spell:
        problems += _spelling(spell, root, settings)
    return problems


def _spelling(items: list[RecordText], root: Path, settings: LanguageSettings) -> list[Problem]:
    accepted, list_name = read_word_list(root)
    speller = Speller(settings.dictionary)
    words = set().union(*(item.analysis.distinct for item in items)) - speller.known  # most words: no Python loop
    wrong = speller.misspelt(w for w in words if w.lower() not in accepted)
    speller.save()
    where = list_name or "woordenlijst.txt"
    problems = []
    for item in items:
        if wrong.keys().isdisjoint(item.analysis.distinct):
            continue  # the usual case: no word positions to decode
        for raw in item.analysis.words:
            if raw[0] not in wrong:
                continue
            use = Use(*raw)
            suggestion = f" — bedoel je '{wrong[use.word]}'?" if wrong[use.word] else "."
            times = f" ({use.count} keer in dit record)" if use.count > 1 else ""
            problems.append(
                _warning(
                    item.record,
                    use.line,
                    use.column,
                    Code.SPELLING,
                    f"'{use.word}' staat niet in het Nederlandse woordenboek{times}{suggestion} "
                    f"Is het goed gespeld (een naam of vakterm), zet het dan in {where}.",
                    use.field,
                )
            )
    return problems


def readability_report(
    records: Iterable[Record], root: Path, *, longest: int = 10, min_words: int = LanguageSettings.readability_min_words
) -> str:
    """``wijkengids stats``: readability per record (hardest first) and the longest sentences."""
    texts = [t for t in record_texts(records, root) if t.analysis.readability.words]
    texts.sort(key=lambda t: (t.analysis.readability.score, t.record.path))
    scored = [t for t in texts if t.analysis.readability.words >= min_words]
    lines = [
        "Leesbaarheid per record (Flesch-Douma; hoger is makkelijker, B1 rond 60 en hoger; "
        f"records van minstens {min_words} woorden: {len(scored)}):"
    ]
    for item in scored:
        r = item.analysis.readability
        lines.append(
            f"  {r.score:>6.1f}  {r.words_per_sentence:>5.1f} woorden/zin  {r.words:>5} woorden  {item.record.path}"
        )
    sentences = sorted(
        ((s[1], item.record.path, s[2], s[3], s[4]) for item in texts for s in item.analysis.sentences),
        key=lambda s: (-s[0], s[1], s[2], s[3]),
    )[:longest]
    lines.append("")
    lines.append(f"Langste zinnen ({len(sentences)}):")
    lines.extend(f"  {n:>3} woorden  {path}:{line}:{col}  '{preview}'" for n, path, line, col, preview in sentences)
    return "\n".join(lines)
