"""What the checks need from one record's text, computed once per file content and cached.

Splitting a record into sentences, finding every word in the file and counting syllables
is the costly part of the language stage; its result depends only on the file's bytes, so
it is kept per file (path, size, modification time) in ``$XDG_CACHE_HOME/wijkengids/text-v5-<guide>.pickle``,
one file per guide folder holding only the current versions of that guide's records (so
reading it costs milliseconds, however many checkouts share the cache folder). A changed
file is simply analysed again.
"""

from __future__ import annotations

import json
import os
import pickle
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..digest import blake2b
from ..model import Record
from .readability import Readability, measure, save_syllables
from .spelling import cache_dir, write_cache_file

#: 5: a pickle of the same entries (reading the JSON of the shipped guide took 2 ms of a 70 ms check).
VERSION = 5


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


class Analysis:
    """One record's text as the checks read it.

    ``sentences`` and ``words`` (with their positions) are needed only for the warnings a record
    gets, so a cached analysis keeps them as JSON text and decodes them on first use; what every
    run reads (the longest sentence, the distinct words, the readability counts) is plain.
    """

    def __init__(
        self,
        sentences: Sequence[Sequence[Any]] | str,
        readability: Readability,
        first_line: int,
        first_column: int,
        words: Sequence[Sequence[Any]] | str,
        longest: int | None = None,
        distinct: Sequence[str] | None = None,
    ) -> None:
        self._sentences = sentences
        self._words = words
        self.readability = readability
        self.first_line = first_line
        self.first_column = first_column
        if longest is None:
            longest = max((int(s[1]) for s in self.sentences), default=0)
        #: Words in the longest sentence.
        self.longest = longest
        #: The distinct words, in order of first use.
        self.distinct = tuple(distinct) if distinct is not None else tuple(str(w[0]) for w in self.words)

    @property
    def sentences(self) -> Sequence[Sequence[Any]]:
        """[field, words, line, column, preview] per sentence (see :class:`Sentence`)."""
        if isinstance(self._sentences, str):
            self._sentences = json.loads(self._sentences)
        return self._sentences

    @property
    def words(self) -> Sequence[Sequence[Any]]:
        """[word, field, line, column, count] per distinct word (see :class:`Use`)."""
        if isinstance(self._words, str):
            self._words = json.loads(self._words)
        return self._words


def analyse(record: Record, source: str) -> Analysis:
    from .text import segments  # here: a warm run reads every analysis from the cache

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
        json.dumps(a.sentences, ensure_ascii=False),
        [r.words, r.sentences, r.syllables],
        [a.first_line, a.first_column],
        json.dumps(a.words, ensure_ascii=False),
        a.longest,
        " ".join(a.distinct),
    ]


def _from_json(data: list[Any]) -> Analysis:
    """Sentences and word positions stay JSON text until a warning needs them."""
    sentences, readability, first, words, longest, distinct = data
    return Analysis(sentences, Readability(*readability), first[0], first[1], words, int(longest), distinct.split())


#: A file changed less than this long ago is keyed by its content, not its time: file times
#: advance in clock ticks, so two edits in one tick could otherwise share a key ("racy" files, as git says).
RACY_NS = 2_000_000_000


def _file_key(record: Record, root: str) -> tuple[str, str | None] | None:
    """The record's file as it is now, and its text if it had to be read; ``None`` if it cannot be read.

    The key is the path, size and modification time (no read at all), or for a file changed
    in the last two seconds the path and a hash of its text.
    """
    path = os.path.join(root, record.path)  # a plain string: pathlib costs more than the stat itself
    try:
        stat = os.stat(path)
        if time.time_ns() - stat.st_mtime_ns > RACY_NS:
            return f"{record.type}\0{record.path}\0{stat.st_size}\0{stat.st_mtime_ns}", None
        with open(path, encoding="utf-8") as file:
            source = file.read()
    except (OSError, UnicodeDecodeError):
        return None
    digest = blake2b(source.encode(), digest_size=16).hexdigest()
    return f"{record.type}\0{record.path}\0{digest}", source


class AnalysisCache:
    """The analyses of one guide's records (the guide in ``root``), read once and written when changed.

    An entry is found by the file's path, size and modification time, so a warm run reads no
    record file at all; an edited file has a new time and is read and analysed again (a file
    edited in the last seconds by its text, see :data:`RACY_NS`).
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._root = str(root)
        guide = blake2b(str(root.resolve()).encode(), digest_size=8).hexdigest()
        self.file = cache_dir() / f"text-v{VERSION}-{guide}.pickle"
        self.entries: dict[str, Any] = {}
        self.used: set[str] = set()
        self.dirty = False
        try:  # only what this class wrote there: strings and lists (see _to_json)
            self.entries = dict(pickle.loads(self.file.read_bytes()))
        except Exception:  # noqa: BLE001 - an unreadable cache is an empty one
            self.entries = {}

    def get(self, record: Record) -> Analysis | None:
        """The record's analysis; ``None`` if its file cannot be read."""
        found = _file_key(record, self._root)
        if found is None:
            return None
        key, source = found
        self.used.add(key)
        cached = self.entries.get(key)
        if cached is not None:
            try:
                return _from_json(cached)
            except (TypeError, ValueError):
                pass
        if source is None:
            try:
                source = (self.root / record.path).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                return None
        result = analyse(record, source)
        self.entries[key] = _to_json(result)
        self.dirty = True
        return result

    def save(self) -> None:
        """Write the cache (atomically) with this run's entries only: the records as they are now."""
        save_syllables()
        if not self.dirty and len(self.used) == len(self.entries):
            return
        keep = {k: v for k, v in self.entries.items() if k in self.used}
        if write_cache_file(self.file, pickle.dumps(keep, protocol=pickle.HIGHEST_PROTOCOL)):
            self.entries = keep
            self.dirty = False
