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

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .digest import blake2b
from .link import Catalog
from .model import Record
from .problems import Code, Problem
from .schema import QUOTE, SOURCE, Field, Kind

#: Runs of this many consecutive words shared with a source count as copied.
SHINGLE_SIZE = 8
#: Bytes of each blake2b digest (written as hex: twice as many characters).
DIGEST_BYTES = 8
#: Record types whose text may repeat a source word for word.
QUOTE_TYPES = frozenset({QUOTE.name})
#: (record type, field) pairs cited verbatim on purpose: a source's own title is a
#: bibliographic reference, not prose of the guide.
VERBATIM_FIELDS = frozenset({(SOURCE.name, "title")})

_WORD = re.compile(r"\w+")
_HASH_LINE = re.compile(rf"[0-9a-f]{{{DIGEST_BYTES * 2}}}")
_TEXT_KINDS = frozenset({Kind.TEXT, Kind.PROSE})
_TEXT_LIST_KINDS = frozenset({Kind.TEXT_LIST, Kind.PROSE_LIST})


def words(text: str) -> list[str]:
    """The normalised words of ``text``."""
    return _WORD.findall(unicodedata.normalize("NFC", text).casefold())


def shingle_hash(run: Iterable[str]) -> str:
    """Hash of one run of words (joined by single spaces)."""
    return blake2b(" ".join(run).encode("utf-8"), digest_size=DIGEST_BYTES).hexdigest()


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
    """``(field path, text)`` of every piece of prose a record holds, body included.

    Only text kinds count (text, prose and their lists, also inside objects); ids,
    addresses, dates and choices are not prose.
    """
    for spec in record.rtype.all_fields:
        if (record.type, spec.name) in VERBATIM_FIELDS or spec.name not in record.fields:
            continue
        yield from _texts(spec, spec.name, record.fields[spec.name])
    if record.body.strip():
        yield "tekst", record.body


def _texts(spec: Field, where: str, value: Any) -> Iterator[tuple[str, str]]:
    if spec.kind in _TEXT_KINDS and isinstance(value, str):
        yield where, value
    elif spec.kind in _TEXT_LIST_KINDS:
        for index, item in enumerate(value):
            yield where + f"[{index}]", str(item)
    elif spec.kind is Kind.OBJECT:
        yield from _object_texts(spec, where, value)
    elif spec.kind is Kind.OBJECT_LIST:
        for index, item in enumerate(value):
            yield from _object_texts(spec, f"{where}[{index}]", item)


def _object_texts(spec: Field, where: str, value: Any) -> Iterator[tuple[str, str]]:
    for sub in spec.fields:
        if sub.name in value:
            yield from _texts(sub, f"{where}.{sub.name}", value[sub.name])


def checked_records(catalog: Catalog) -> list[Record]:
    """Every record the originality check reads (all but quotes), by path; concepts included."""
    return sorted((r for r in catalog.records.values() if r.type not in QUOTE_TYPES), key=lambda r: r.path)


def check_catalog(catalog: Catalog, known: frozenset[str]) -> list[Overlap]:
    """Overlaps in every record that is not a quote."""
    overlaps: list[Overlap] = []
    for record in checked_records(catalog):
        for where, text in record_texts(record):
            overlaps.extend(find_overlaps(f"{record.path}: {where}", text, known))
    return overlaps


def check_page(root: Path, rel: str, known: frozenset[str]) -> list[Overlap]:
    """Overlaps in a plain Markdown page (such as ``guide/over.md``)."""
    return find_overlaps(rel, (root / rel).read_text(encoding="utf-8"), known)


def hash_file_problem(sources_dir: Path, hash_file: Path) -> str | None:
    """What is wrong with the committed hash file, in Dutch; ``None`` if nothing.

    With the source texts at hand the file must equal what they produce. Without
    them (a clean clone in CI) the file must at least exist and be well formed:
    the originality check then runs on the hashes alone. Regenerate it with
    ``python -m build_tools.originality ../shared/sources tests/data/source_shingles.txt``.
    """
    if not sources_dir.is_dir():
        if not hash_file.is_file():
            return (
                f"Geen bronteksten in {sources_dir} en geen {hash_file.name}: de originaliteitscontrole "
                "heeft minstens een van beide nodig. Genereer het bestand waar de bronteksten staan."
            )
        lines = hash_file.read_text(encoding="utf-8").splitlines()
        if not lines or lines != sorted(set(lines)) or not all(_HASH_LINE.fullmatch(line) for line in lines):
            width = DIGEST_BYTES * 2
            return f"{hash_file.name} is beschadigd: verwacht één hash van {width} hextekens per regel, gesorteerd."
        return None
    if not any(sources_dir.glob("*.txt")):
        return f"{sources_dir} bevat geen bronteksten (*.txt)."
    expected = format_hash_file(hashes_of_folder(sources_dir))
    if not hash_file.is_file():
        return f"{hash_file.name} ontbreekt; genereer het uit {sources_dir}."
    if hash_file.read_text(encoding="utf-8") != expected:
        return f"{hash_file.name} is verouderd; genereer het opnieuw uit {sources_dir}."
    return None


def write_hash_file(sources_dir: Path, hash_file: Path) -> None:
    """(Re)generate the hash file from the source texts."""
    hash_file.parent.mkdir(parents=True, exist_ok=True)
    hash_file.write_text(format_hash_file(hashes_of_folder(sources_dir)), encoding="utf-8")


# -- quotes: word for word from the source they cite --------------------------

#: Per-source shingle hashes (``<source id> <hash>`` per line), relative to the guide root.
QUOTE_HASH_FILE = "tests/data/quote_shingles.txt"
#: Which source text is which source record (``<file name> <source id>`` per line).
SOURCE_IDS_FILE = "tests/data/source_ids.txt"


def read_source_ids(path: Path) -> dict[str, str]:
    """``{file name: source id}`` from the mapping file."""
    pairs = (line.split() for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return {name: source_id for name, source_id in pairs}


def format_quote_hash_file(sources_dir: Path, source_ids: dict[str, str]) -> str:
    """The per-source hash file for the source texts named in ``source_ids``."""
    lines: set[str] = set()
    for name, source_id in source_ids.items():
        text = (sources_dir / name).read_text(encoding="utf-8")
        lines.update(f"{source_id} {h}" for _, h in shingles(words(text)))
    return "".join(f"{line}\n" for line in sorted(lines))


def read_quote_hashes(path: Path) -> dict[str, frozenset[str]]:
    """``{source id: shingle hashes}`` from the per-source hash file."""
    found: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            source_id, digest = line.split()
            found.setdefault(source_id, set()).add(digest)
    return {k: frozenset(v) for k, v in found.items()}


def quote_problems(catalog: Catalog, per_source: dict[str, frozenset[str]]) -> list[Problem]:
    """A problem at ``text`` for every quote whose text is not word for word in the source it cites.

    A quote passes when each run of :data:`SHINGLE_SIZE` consecutive words of its text is a
    run of its cited source: one changed, added or dropped word breaks every run across it,
    and two passages glued together break the runs across the seam. Case and punctuation
    are not compared (see :func:`words`). Quotes citing a source whose text the project
    does not hold are not checked here.
    """
    problems: list[Problem] = []
    for quote in sorted(catalog.of_type(QUOTE.name, published_only=False), key=lambda r: r.path):
        source_id = str(quote.get("source"))
        known = per_source.get(source_id)
        if known is None:
            continue
        tokens = words(str(quote.get("text", "")))
        line, column = quote.position("text")
        if len(tokens) < SHINGLE_SIZE:
            message = (
                f"het citaat is korter dan {SHINGLE_SIZE} woorden en kan daardoor niet tegen de bron "
                f"'{source_id}' worden gecontroleerd. Neem een langer stuk letterlijk over."
            )
            problems.append(Problem(quote.path, line, column, Code.QUOTE_NOT_IN_SOURCE, message, "text"))
            continue
        missing = [start for start, h in shingles(tokens) if h not in known]
        if missing:
            first = " ".join(tokens[missing[0] : missing[0] + SHINGLE_SIZE])
            message = (
                f"de tekst staat niet letterlijk in de bron '{source_id}' (vanaf '{first}'). "
                "Neem de tekst woord voor woord over uit de bron, of noem de bron waar hij wel staat."
            )
            problems.append(Problem(quote.path, line, column, Code.QUOTE_NOT_IN_SOURCE, message, "text"))
    return problems


def check_quotes(root: Path, catalog: Catalog) -> list[Problem]:
    """:func:`quote_problems` for the guide under ``root``, if it holds the per-source hashes."""
    hash_file = root / QUOTE_HASH_FILE
    if not hash_file.is_file():
        return []
    return quote_problems(catalog, read_quote_hashes(hash_file))


def write_quote_hash_file(sources_dir: Path, root: Path) -> None:
    """(Re)generate the per-source hash file from the source texts."""
    source_ids = read_source_ids(root / SOURCE_IDS_FILE)
    (root / QUOTE_HASH_FILE).write_text(format_quote_hash_file(sources_dir, source_ids), encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover - a maintenance entry point
    import sys

    write_hash_file(Path(sys.argv[1]), Path(sys.argv[2]))
    write_quote_hash_file(Path(sys.argv[1]), Path(sys.argv[2]).resolve().parents[2])
