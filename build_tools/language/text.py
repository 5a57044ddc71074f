"""The running text of a record: segments of words, each word with its place in the file.

A *segment* is one field value, one list item or one block of the body: sentences never
cross a segment. Markdown is reduced to the words a reader reads (link texts, the label of
``[[id|label]]``; code, addresses and bare ``[[id]]`` references are dropped). Each word is
then found in the file itself, in order from where its field starts, so a warning points at
the word's own line and column whatever the YAML or Markdown around it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..markup import CODE, INLINE_REF
from ..model import Record
from ..schema import Kind

#: Fields that are search words or names, not running text.
SKIPPED_FIELDS = frozenset({"keywords", "synonyms", "name", "silence", "term"})
_TEXT_KINDS = (Kind.TEXT, Kind.PROSE, Kind.TEXT_LIST, Kind.PROSE_LIST)

WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_LINK = re.compile(r"\]\([^)\s]*\)")
_URL = re.compile(r"<?(?:https?://|mailto:|www\.)[^\s>)]*>?")
_BLOCK_SPLIT = re.compile(r"\n\s*\n|\n(?=\s*(?:[-*+]|\d+[.)]|#+|>)\s)")
#: Sentence ends: . ! ? followed by space or the end, not after a known abbreviation.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'’”)]*(?:\s+|$)")
_ABBREVIATIONS = frozenset(
    {"bijv.", "bv.", "o.a.", "e.d.", "d.w.z.", "m.n.", "ca.", "nr.", "blz.", "enz.", "etc.", "i.p.v.", "t/m."}
)


@dataclass(frozen=True)
class Word:
    text: str
    line: int
    column: int


@dataclass(frozen=True)
class Segment:
    field: str  # e.g. "summary", "apply[2]", "tekst"
    line: int  # where the field (or item) starts
    column: int
    sentences: tuple[tuple[Word, ...], ...]

    @property
    def words(self) -> Iterator[Word]:
        for sentence in self.sentences:
            yield from sentence


def plain(markdown: str) -> str:
    """The words a reader reads in ``markdown``."""
    text = CODE.sub(" ", markdown)
    text = INLINE_REF.sub(lambda m: f" {m.group(2)} " if m.group(2) else " ", text)
    text = _LINK.sub("]", text)
    return _URL.sub(" ", text)


def split_sentences(text: str) -> list[str]:
    """Sentences of one block of plain text."""
    out: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.start()
        if end == len(text) and not text[start:end].strip():
            break
        last = text[start:end].rsplit(None, 1)[-1] if text[start:end].strip() else ""
        if last.lower() in _ABBREVIATIONS:
            continue
        out.append(text[start:end])
        start = match.end()
    if text[start:].strip():
        out.append(text[start:])
    return [s for s in out if s.strip()]


class Locator:
    """Finds words in a file's text, in order, and turns offsets into line and column."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.starts = [0] + [m.end() for m in re.finditer("\n", source)]

    def offset(self, line: int, column: int) -> int:
        if line < 1 or line > len(self.starts):
            return 0
        return self.starts[line - 1] + max(column - 1, 0)

    def position(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index] + 1

    def find(self, word: str, cursor: int) -> int:
        """Offset of ``word`` as a whole word at or after ``cursor``; -1 if it is not there."""
        source = self.source
        while True:
            at = source.find(word, cursor)
            if at < 0:
                return -1
            before = source[at - 1] if at else " "
            after_at = at + len(word)
            after = source[after_at] if after_at < len(source) else " "
            if not before.isalpha() and not after.isalpha():
                return at
            cursor = at + 1


def _segment(field: str, text: str, start: int, locator: Locator) -> Segment:
    cursor = start
    sentences: list[tuple[Word, ...]] = []
    for sentence in split_sentences(text):
        words: list[Word] = []
        for match in WORD.finditer(sentence):
            found = locator.find(match.group(), cursor)
            at = found if found >= 0 else cursor
            if found >= 0:
                cursor = found + len(match.group())
            line, column = locator.position(at)
            words.append(Word(match.group(), line, column))
        if words:
            sentences.append(tuple(words))
    line, column = locator.position(start)
    return Segment(field, line, column, tuple(sentences))


def segments(record: Record, source: str) -> list[Segment]:
    """The record's running text, field by field in schema order, then the body block by block."""
    locator = Locator(source)
    out: list[Segment] = []
    for spec in record.rtype.all_fields:
        if spec.kind not in _TEXT_KINDS or spec.name in SKIPPED_FIELDS or spec.name == "id":
            continue
        value = record.get(spec.name)
        if value is None:
            continue
        items: list[tuple[str, Any, tuple[str | int, ...]]] = []
        if isinstance(value, str):
            items = [(spec.name, value, (spec.name,))]
        if isinstance(value, tuple):
            items = [(f"{spec.name}[{i + 1}]", item, (spec.name, i)) for i, item in enumerate(value)]
        for label, item, path in items:
            line, column = record.position(*path)
            text = plain(str(item)) if spec.kind in (Kind.PROSE, Kind.PROSE_LIST) else str(item)
            out.append(_segment(label, text, locator.offset(line, column), locator))
    if record.body:
        cursor = locator.offset(record.body_line, 1) if record.body_line else 0
        for block in _BLOCK_SPLIT.split(plain(record.body)):
            if block.strip():
                segment = _segment("tekst", block, cursor, locator)
                out.append(segment)
                last = segment.sentences[-1][-1] if segment.sentences else None
                if last is not None:
                    cursor = locator.offset(last.line, last.column)
    return out
