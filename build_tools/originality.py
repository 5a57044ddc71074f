"""Originality: find runs of words that the guide shares with its source texts.

The guide is written in its own words; only quote records may repeat a source
word for word. To check that without shipping the (third-party) source texts,
the sources are reduced to hashed word shingles: every run of :data:`SHINGLE_SIZE`
consecutive words, normalised and hashed. The hashes are committed; the texts
stay outside the repository.

Normalisation: Unicode NFC, then casefold; words are ``\\w+`` tokens, so
punctuation, line breaks and Markdown markup do not hide a copied run.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .link import Catalog
from .model import Record

#: Runs of this many consecutive words shared with a source count as copied.
SHINGLE_SIZE = 8
#: Bytes of each blake2b digest (written as hex: twice as many characters).
DIGEST_BYTES = 8
#: Record types whose text may repeat a source word for word.
QUOTE_TYPES = frozenset({"quote"})
#: (record type, field) pairs cited verbatim on purpose: a source's own title is a
#: bibliographic reference, not prose of the guide.
VERBATIM_FIELDS = frozenset({("source", "title")})

_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """The normalised words of ``text``."""
    return _WORD.findall(unicodedata.normalize("NFC", text).casefold())


def shingle_hash(run: Iterable[str]) -> str:
    """Hash of one run of words (joined by single spaces)."""
    return hashlib.blake2b(" ".join(run).encode("utf-8"), digest_size=DIGEST_BYTES).hexdigest()


def shingles(tokens: list[str], size: int = SHINGLE_SIZE) -> Iterator[tuple[int, str]]:
    """``(start index, hash)`` of every run of ``size`` consecutive tokens."""
    for start in range(len(tokens) - size + 1):
        yield start, shingle_hash(tokens[start : start + size])


def source_hashes(texts: Iterable[str], size: int = SHINGLE_SIZE) -> list[str]:
    """Sorted, distinct shingle hashes of the given source texts."""
    found: set[str] = set()
    for text in texts:
        found.update(h for _, h in shingles(words(text), size))
    return sorted(found)


def hashes_of_folder(folder: Path) -> list[str]:
    """Shingle hashes of every ``*.txt`` file in ``folder``."""
    return source_hashes(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt")))


def read_hash_file(path: Path) -> frozenset[str]:
    return frozenset(line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


def format_hash_file(hashes: Iterable[str]) -> str:
    return "".join(f"{h}\n" for h in sorted(set(hashes)))


@dataclass(frozen=True)
class Overlap:
    """A run of words in ``where`` (a record path and field) that a source also holds."""

    where: str
    words: str

    def __str__(self) -> str:
        return f"{self.where}: '{self.words}'"


def find_overlaps(where: str, text: str, known: frozenset[str], size: int = SHINGLE_SIZE) -> list[Overlap]:
    """Maximal runs of ``size`` or more words of ``text`` whose shingles are all in ``known``."""
    tokens = words(text)
    hits = [start for start, h in shingles(tokens, size) if h in known]
    overlaps: list[Overlap] = []
    run_start: int | None = None
    run_end = -1
    for start in hits:
        if run_start is not None and start <= run_end - size + 1:
            run_end = start + size
            continue
        if run_start is not None:
            overlaps.append(Overlap(where, " ".join(tokens[run_start:run_end])))
        run_start, run_end = start, start + size
    if run_start is not None:
        overlaps.append(Overlap(where, " ".join(tokens[run_start:run_end])))
    return overlaps


def record_texts(record: Record) -> Iterator[tuple[str, str]]:
    """``(field path, text)`` of every piece of text a record holds, body included."""
    for name, value in record.fields.items():
        if (record.type, name) in VERBATIM_FIELDS:
            continue
        yield from _texts(name, value)
    if record.body.strip():
        yield "tekst", record.body


def _texts(where: str, value: object) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, tuple | list):
        for index, item in enumerate(value):
            yield from _texts(f"{where}[{index}]", item)
    elif hasattr(value, "items"):
        for key, item in value.items():
            yield from _texts(f"{where}.{key}", item)


def check_catalog(catalog: Catalog, known: frozenset[str]) -> list[Overlap]:
    """Overlaps in every record that is not a quote."""
    overlaps: list[Overlap] = []
    for record in sorted(catalog.records.values(), key=lambda r: r.path):
        if record.type in QUOTE_TYPES:
            continue
        for where, text in record_texts(record):
            overlaps.extend(find_overlaps(f"{record.path}: {where}", text, known))
    return overlaps


def check_page(root: Path, rel: str, known: frozenset[str]) -> list[Overlap]:
    """Overlaps in a plain Markdown page (such as ``guide/over.md``)."""
    return find_overlaps(rel, (root / rel).read_text(encoding="utf-8"), known)
