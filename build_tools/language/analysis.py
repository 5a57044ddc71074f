"""What the checks need from one record's text, computed once per file content and cached.

Splitting a record into sentences, finding every word in the file and counting syllables
is the costly part of the language stage; its result depends only on the file's bytes, so
it is kept per (path, content hash) in ``$XDG_CACHE_HOME/wijkengids/text-v1.json``. A
changed file is simply analysed again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..model import Record
from .readability import Readability, measure
from .spelling import cache_dir, write_json_cache
from .text import segments

VERSION = 2


@dataclass(frozen=True)
class Sentence:
    field: str
    words: int
    line: int
    column: int
    preview: str  # the first words, for the report


@dataclass(frozen=True)
class Use:
    """The first use of a word in a record."""

    word: str
    field: str
    line: int
    column: int
    count: int


@dataclass(frozen=True)
class Analysis:
    #: [field, words, line, column, preview] per sentence (see :class:`Sentence`)
    sentences: Sequence[Sequence[Any]]
    readability: Readability
    first_line: int
    first_column: int
    #: [word, field, line, column, count] per distinct word (see :class:`Use`)
    words: Sequence[Sequence[Any]]


def analyse(record: Record, source: str) -> Analysis:
    found = segments(record, source)
    sentences = []
    uses: dict[str, list[Any]] = {}
    for segment in found:
        for sentence in segment.sentences:
            head = " ".join(w.text for w in sentence[:6]) + (" …" if len(sentence) > 6 else "")
            sentences.append(Sentence(segment.field, len(sentence), sentence[0].line, sentence[0].column, head))
            for word in sentence:
                seen = uses.get(word.text)
                if seen:
                    seen[4] += 1
                else:
                    uses[word.text] = [word.text, segment.field, word.line, word.column, 1]
    first = sentences[0] if sentences else Sentence("", 0, 1, 1, "")
    return Analysis(
        [[s.field, s.words, s.line, s.column, s.preview] for s in sentences],
        measure(found),
        first.line,
        first.column,
        list(uses.values()),
    )


def _to_json(a: Analysis) -> list[Any]:
    r = a.readability
    return [
        a.sentences,
        [r.words, r.sentences, r.syllables],
        [a.first_line, a.first_column],
        a.words,
    ]


def _from_json(data: list[Any]) -> Analysis:
    """Lazily typed: items stay the cached lists (field for field like Sentence and Use)."""
    sentences, readability, first, words = data
    return Analysis(sentences, Readability(*readability), first[0], first[1], words)


class AnalysisCache:
    def __init__(self) -> None:
        self.file = cache_dir() / f"text-v{VERSION}.json"
        self.entries: dict[str, Any] = {}
        self.used: set[str] = set()
        self.dirty = False
        try:
            self.entries = dict(json.loads(self.file.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            self.entries = {}

    def get(self, record: Record, source: str) -> Analysis:
        key = hashlib.blake2b(f"{record.type}\0{record.path}\0{source}".encode(), digest_size=16).hexdigest()
        self.used.add(key)
        cached = self.entries.get(key)
        if cached is not None:
            try:
                return _from_json(cached)
            except (TypeError, ValueError):
                pass
        result = analyse(record, source)
        self.entries[key] = _to_json(result)
        self.dirty = True
        return result

    def save(self) -> None:
        """Write the cache: this run's entries first, others kept up to a bound (atomically)."""
        if not self.dirty:
            return
        keep = {k: v for k, v in self.entries.items() if k in self.used}
        for k, v in self.entries.items():
            if len(keep) >= 20000:
                break
            keep.setdefault(k, v)
        if write_json_cache(self.file, keep):
            self.dirty = False
