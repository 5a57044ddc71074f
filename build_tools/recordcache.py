"""Load and validate with a cache: a record file whose bytes did not change is not parsed again.

Loading (:mod:`build_tools.load`) and validating (:mod:`build_tools.validate`) a record depend
on nothing but its path, its type and its bytes (and this code), so ``wijkengids check`` keeps
what they made of each file: the typed record and the problems. The next run reads every file
again, compares its bytes with the ones kept, and parses and validates only the files that
changed; the stages across records (link, quotes, language) always run on the whole guide.
A guide in which nothing changed loads neither libyaml nor the validator.

One file per guide in the cache folder (``$XDG_CACHE_HOME/wijkengids/`` or
``~/.cache/wijkengids/``, like the language check's), a pickle: it holds only what this code
wrote there, and is thrown away whole when any file of ``build_tools``, of PyYAML or the
Python version changed. A cache that cannot be read or written only costs time.

:func:`load_and_validate` without the cache is :func:`~build_tools.load.load` and
:func:`~build_tools.validate.validate` as they are; with it, the same result
(``tests/test_recordcache.py`` compares the two on every test case).
"""

from __future__ import annotations

import copyreg
import io
import os
import pickle
import sys
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from .digest import blake2b
from .language.spelling import cache_dir, write_cache_file
from .load import _read_regular, discover, file_stem, unreadable
from .problems import Problem

if TYPE_CHECKING:
    from .model import Record
    from .schema import RecordType

#: Bump when what an entry holds changes shape.
CACHE_VERSION = 1


@dataclass(frozen=True)
class Checked:
    """What loading and validating the guide found (the fields of ``LoadResult`` and ``ValidationResult``)."""

    load_problems: list[Problem]
    #: File stems of the files the loader could not use: links to them are not reported again.
    load_failed_ids: frozenset[str]
    files: int
    records: list[Record]  # valid records
    problems: list[Problem]  # validation's problems
    partial: list[Record]  # records with problems, with the fields that passed
    failed_ids: frozenset[str]  # ids and stems of the records with problems


# One file's outcome: load problems, whether loading failed, whether a raw record came out,
# the validated record (full or partial, or None), validation problems, the names validation
# adds to the failed ids.
_Outcome = tuple[list[Problem], bool, bool, "Record | None", list[Problem], tuple[str, ...]]


def load_and_validate(root: Path, *, cache: bool = False) -> Checked:
    """Load and validate every record file under ``root``; with ``cache``, through the cache."""
    if not cache:
        from .load import load
        from .validate import validate

        loaded = load(root)
        checked = validate(loaded.records)
        return Checked(
            loaded.problems,
            loaded.failed_ids,
            loaded.files,
            checked.records,
            checked.problems,
            checked.partial,
            checked.failed_ids,
        )
    return _cached(root)


def _cached(root: Path) -> Checked:
    """:func:`~build_tools.load.load`'s loop and then :func:`~build_tools.validate.validate`'s, file by file."""
    store = _Store(root)
    base = str(root)
    files, problems = discover(root)
    failed = {p.path for p in problems if p.is_error}
    records: list[Record] = []
    validation_problems: list[Problem] = []
    partial: list[Record] = []
    failed_names: set[str] = set()
    for rel, rtype in files:
        try:
            raw = _read_regular(os.path.join(base, rel))  # a plain string: pathlib costs more than the read
        except OSError as exc:
            problems.append(unreadable(rel, exc))
            failed.add(rel)
            continue
        load_problems, load_failed, loaded, record, found, names = store.outcome(rel, rtype, raw)
        problems.extend(load_problems)
        if load_failed:
            failed.add(rel)
        if not loaded:
            continue
        validation_problems.extend(found)
        if record is not None and not found:
            records.append(record)
            continue
        failed_names.update(names)
        if record is not None:
            partial.append(record)
    store.save()
    return Checked(
        problems,
        frozenset(file_stem(rel) for rel in failed),
        len(files),
        records,
        validation_problems,
        partial,
        frozenset(failed_names),
    )


def _outcome(rel: str, rtype: RecordType, raw: bytes) -> _Outcome:
    """Load and validate one file's bytes, as ``load`` and ``validate`` do for it."""
    from .load import read_record
    from .validate import validate_record

    raw_record, load_problems = read_record(rel, rtype, raw)
    load_failed = raw_record is None or any(p.is_error for p in load_problems)
    if raw_record is None:
        return load_problems, load_failed, False, None, [], ()
    record, found = validate_record(raw_record, partial=True)
    names: tuple[str, ...] = ()
    if record is None or found:
        names = (str(raw_record.data.get("id") or raw_record.stem),)
        if any(p.is_error for p in found):
            names += (raw_record.stem,)
    return load_problems, load_failed, True, record, found, names


def _proxy(fields: dict[str, Any]) -> MappingProxyType[str, Any]:
    return MappingProxyType(fields)


def _reduce_proxy(proxy: MappingProxyType[str, Any]) -> tuple[Any, tuple[dict[str, Any]]]:
    return _proxy, (dict(proxy),)


def code_fingerprint() -> tuple[object, ...]:
    """What the entries depend on besides the files: this package's and PyYAML's files, Python."""
    import importlib.util

    files: list[tuple[str, int, int]] = []
    folders = [Path(__file__).parent]
    spec = importlib.util.find_spec("yaml")  # finds, does not import
    if spec is not None and spec.submodule_search_locations:
        folders += [Path(p) for p in spec.submodule_search_locations]
    for folder in folders:
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
            for name in sorted(filenames):
                if name.endswith((".py", ".so", ".pyd")):
                    info = os.stat(os.path.join(dirpath, name))
                    files.append((os.path.join(dirpath, name), info.st_size, info.st_mtime_ns))
    return (CACHE_VERSION, sys.version, tuple(files))


def cache_file(root: Path) -> Path:
    """The cache file of the guide in ``root``."""
    guide = blake2b(str(root.resolve()).encode(), digest_size=8).hexdigest()
    return cache_dir() / f"records-v{CACHE_VERSION}-{guide}.pickle"


class _Store:
    """The entries of one guide: ``{path: (type name, bytes, outcome)}``, read once, written when changed."""

    def __init__(self, root: Path) -> None:
        self.file = cache_file(root)
        self.root = str(root.resolve())
        self.fingerprint = code_fingerprint()
        self.entries: dict[str, tuple[str, bytes, _Outcome]] = {}
        self.used: set[str] = set()
        self.dirty = False
        try:
            version, guide, fingerprint, entries = pickle.loads(self.file.read_bytes())
        except Exception:  # noqa: BLE001 - any unreadable cache is an empty one
            return
        if (version, guide, fingerprint) == (CACHE_VERSION, self.root, self.fingerprint) and isinstance(entries, dict):
            self.entries = entries

    def outcome(self, rel: str, rtype: RecordType, raw: bytes) -> _Outcome:
        self.used.add(rel)
        kept = self.entries.get(rel)
        if kept is not None and kept[0] == rtype.name and kept[1] == raw:
            return kept[2]
        result = _outcome(rel, rtype, raw)
        self.entries[rel] = (rtype.name, raw, result)
        self.dirty = True
        return result

    def save(self) -> None:
        """Write the entries of this run's files (atomically), if anything changed."""
        if not self.dirty and len(self.used) == len(self.entries):
            return
        keep = {rel: entry for rel, entry in self.entries.items() if rel in self.used}
        out = io.BytesIO()
        pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.dispatch_table = {**copyreg.dispatch_table, MappingProxyType: _reduce_proxy}
        try:
            pickler.dump((CACHE_VERSION, self.root, self.fingerprint, keep))
        except (pickle.PicklingError, TypeError, AttributeError):  # a value this cache cannot keep
            return
        write_cache_file(self.file, out.getvalue())
