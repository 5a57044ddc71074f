"""Stage 1, load: find the record files of a guide and read them strictly.

Each record type lives in its own folder (:data:`build_tools.schema.RECORD_TYPES`).
Markdown records carry their fields in a YAML front matter block between two
``---`` lines; YAML records are fields only. The result is a list of
:class:`RawRecord` (fields as plain data with positions) and the problems found.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .model import DataPath, Position
from .problems import Code, Problem
from .schema import RECORD_TYPES, RecordType, type_for_folder

#: Top-level folders whose every file must be a record.
CONTENT_ROOTS = ("lessons", "examples")
#: Files that may sit in record folders without being records (and hidden files: editors'
#: backups and locks, macOS' ``._`` files).
IGNORED_NAMES = frozenset(("README.md", ".gitkeep", ".DS_Store"))


@dataclass(frozen=True)
class Limits:
    """What the loader reads at most: a bigger file or a deeper YAML is refused, never parsed."""

    max_file_bytes: int = 512 * 1024
    max_depth: int = 20


LIMITS = Limits()


@dataclass(frozen=True)
class RawRecord:
    """A record file as read: fields as plain data, not yet checked against the schema."""

    path: str  # POSIX, relative to the guide root
    rtype: RecordType
    data: dict[str, Any]
    positions: dict[DataPath, Position]
    key_positions: dict[DataPath, Position]
    body: str  # Markdown below the front matter ("" for YAML records)
    body_line: int  # line of the body's first line in the file

    @property
    def stem(self) -> str:
        return file_stem(self.path)


def discover(root: Path) -> tuple[list[tuple[str, RecordType]], list[Problem]]:
    """Every record file under ``root`` with its type, sorted by path.

    Files under ``lessons/`` and ``examples/`` that are not in a record folder, and
    files in or under any record folder that have the wrong extension, are problems:
    an editor's file is never silently ignored.
    """
    found: list[tuple[str, RecordType]] = []
    problems: list[Problem] = []
    refused: set[str] = set()
    real_root = root.resolve()
    for rtype in RECORD_TYPES:
        folder = root / rtype.folder
        if not folder.is_dir():
            continue
        folder_inside = _inside(real_root, folder)
        for entry in os.scandir(folder):
            name = entry.name
            if not name.endswith(rtype.suffix) or name in IGNORED_NAMES or name[0] == ".":
                continue
            rel = f"{rtype.folder}/{name}"
            if entry.is_file(follow_symlinks=False) and not entry.is_symlink() and folder_inside:
                found.append((rel, rtype))
                continue
            refusal = _refusal(real_root, Path(entry.path), rel)
            if refusal is None:
                found.append((rel, rtype))
            else:
                problems.append(refusal)
                refused.add(rel)
    known = {path for path, _ in found} | refused
    for rel in _content_files(root):
        if rel in known or rel.rsplit("/", 1)[-1] in IGNORED_NAMES:
            continue
        parent = rel.rsplit("/", 1)[0]
        owner = type_for_folder(parent)
        if owner is not None:
            hint = f"bestanden in {parent}/ eindigen op '{owner.suffix}'. Hernoem het bestand."
        else:
            top = rel.split("/", 1)[0]
            places = ", ".join(f"{t.folder}/ ({t.label})" for t in RECORD_TYPES if t.folder.split("/")[0] == top)
            hint = f"records staan in een van deze mappen: {places}. Verplaats het bestand."
        problems.append(Problem(rel, 0, 0, Code.UNKNOWN_FOLDER, f"dit bestand is geen record: {hint}"))
    found.sort(key=lambda item: item[0])
    return found, problems


def _inside(real_root: Path, path: Path) -> bool:
    """Whether ``path``, links resolved, is inside the guide."""
    return path.resolve().is_relative_to(real_root)


def _refusal(real_root: Path, path: Path, rel: str) -> Problem | None:
    """Why the file at ``path`` is not read (``None``: it may be), decided without opening it.

    A link is followed only while it stays inside the guide and ends at a regular file; a link
    out of the guide could make a public CI log quote a secret file.
    """
    try:
        target = path.resolve(strict=True)
        mode = os.stat(target).st_mode
    except (OSError, RuntimeError):  # a dangling link or a loop
        return Problem(
            rel,
            0,
            0,
            Code.NOT_REGULAR_FILE,
            "is geen gewoon bestand (een link naar iets dat niet bestaat). "
            "Verwijder de link of zet het record zelf hier.",
        )
    if not target.is_relative_to(real_root):
        return Problem(
            rel,
            0,
            0,
            Code.OUTSIDE_GUIDE,
            "verwijst naar een bestand buiten de gids; het wordt niet gelezen. Zet het record zelf in de map "
            "in plaats van een link.",
        )
    if not stat.S_ISREG(mode):
        return Problem(
            rel,
            0,
            0,
            Code.NOT_REGULAR_FILE,
            "is geen gewoon bestand (maar een map, pipe of apparaat); het wordt niet gelezen. "
            "Zet hier een tekstbestand met het record.",
        )
    return None


def _content_files(root: Path) -> Iterator[str]:
    """Every file under the content roots and under the record folders elsewhere (``guide/themas/``, …)."""
    others = tuple(t.folder for t in RECORD_TYPES if not t.folder.startswith(CONTENT_ROOTS))
    for top in (*CONTENT_ROOTS, *others):
        base = root / top
        if not base.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            rel_dir = Path(dirpath).relative_to(root).as_posix()
            for name in sorted(filenames):
                if not name.startswith("."):
                    yield f"{rel_dir}/{name}"


def read_record(path: str, rtype: RecordType, raw: bytes) -> tuple[RawRecord | None, list[Problem]]:
    """Read one record file's bytes; ``path`` is only used in problems."""
    from .yamlstrict import decode, parse_yaml  # here: finding the files (discover) needs no YAML

    text, problems = decode(path, raw, max_bytes=LIMITS.max_file_bytes)
    if text is None:
        return None, problems
    body, body_line, yaml_text, line_offset = "", 0, text, 0
    if rtype.fmt == "md":
        split = split_front_matter(text)
        if split is None:
            return None, [
                Problem(
                    path,
                    1,
                    1,
                    Code.FRONT_MATTER,
                    "een Markdown-record begint met een regel '---', dan de velden, dan weer '---' "
                    "en daarna de tekst. Maak een nieuw record met 'wijkengids new' als voorbeeld.",
                )
            ]
        yaml_text, body, body_line = split
        line_offset = 1
    data, problems = parse_yaml(path, yaml_text, line_offset, max_depth=LIMITS.max_depth)
    if data is None:
        return None, problems
    if not isinstance(data.value, dict):
        problems.append(
            Problem(
                path,
                1 + line_offset,
                1,
                Code.NOT_MAPPING,
                "een record is een lijst van velden ('veld: waarde', elk op een eigen regel).",
            )
        )
        return None, problems
    return (
        RawRecord(path, rtype, data.value, data.positions, data.key_positions, body, body_line),
        problems,
    )


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """``(yaml, body, body_line)`` of a Markdown file with front matter, or ``None``."""
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---\n", 3)
    if end < 0:
        if text.endswith("\n---"):
            end = len(text) - 4
        else:
            return None
    yaml_text = text[4 : end + 1]
    body = text[end + 5 :]
    body_line = yaml_text.count("\n") + 3
    return yaml_text, body, body_line


def _read_regular(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a regular file; never blocks on a pipe that took its place after :func:`discover`."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(0, "geen gewoon bestand")
        chunks = [os.read(fd, info.st_size + 1)]  # plain reads: a buffered file object costs more than the read
        while chunks[-1]:
            chunks.append(os.read(fd, 1 << 16))
        return b"".join(chunks)
    finally:
        os.close(fd)


def unreadable(rel: str, exc: OSError) -> Problem:
    """The problem of a record file that could not be read (the loader and the record cache)."""
    return Problem(
        rel,
        0,
        0,
        Code.UNREADABLE,
        f"het bestand kan niet gelezen worden: {exc.strerror}; maak het leesbaar (rechten) of haal het weg.",
    )


@dataclass(frozen=True)
class LoadResult:
    """What :func:`load` read: the records, the problems, how many files it looked at."""

    records: list[RawRecord]
    problems: list[Problem]
    files: int
    #: The names (file stems) of files with errors: links to them are not reported again.
    failed_ids: frozenset[str]


def file_stem(rel: str) -> str:
    """``lange-adem`` for ``lessons/lange-adem.md``: the id a record file's name gives."""
    return rel.rsplit("/", 1)[-1].rsplit(".", 1)[0]


def load(root: Path) -> LoadResult:
    """Read every record file under ``root``; never stops at the first bad file."""
    files, problems = discover(root)
    failed = {p.path for p in problems if p.is_error}
    records: list[RawRecord] = []
    for rel, rtype in files:
        try:
            raw = _read_regular(root / rel)
        except OSError as exc:
            problems.append(unreadable(rel, exc))
            failed.add(rel)
            continue
        record, found = read_record(rel, rtype, raw)
        problems.extend(found)
        if record is not None:
            records.append(record)
        if record is None or any(p.is_error for p in found):
            failed.add(rel)
    return LoadResult(records, problems, len(files), frozenset(file_stem(rel) for rel in failed))
