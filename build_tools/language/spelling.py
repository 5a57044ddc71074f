"""Spelling against Debian's hunspell-nl (OpenTaal) through spylls, cached per word.

spylls is Hunspell ported to pure Python: exact Hunspell behaviour (affixes, Dutch
compounds), but loading the Dutch dictionary takes seconds and a suggestion up to a second
(names get none: :func:`is_name`). So every word's verdict (and its first suggestion) is kept in a cache file per
dictionary version (``$XDG_CACHE_HOME/wijkengids/`` or ``~/.cache/wijkengids/``); the
dictionary is loaded only when a word is not in the cache yet, and each unique word is
looked up once. The project word list (:func:`read_word_list`) is applied on top and is
not part of the cache, so editing it never needs a fresh lookup.
"""

from __future__ import annotations

import gc
import json
import os
import warnings
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from ..digest import sha256
from .settings import WORD_LIST_NAMES

CACHE_VERSION = 1


class DictionaryMissing(RuntimeError):
    """The Dutch dictionary is not installed; the message says how to install it (Dutch)."""


def read_word_list(root: Path) -> tuple[frozenset[str], str]:
    """The project's accepted words (lowercased) and the file they came from (``""`` if none)."""
    for name in WORD_LIST_NAMES:
        path = root / name
        if path.is_file():
            lines = path.read_text(encoding="utf-8").splitlines()
            words = {line.split("#", 1)[0].strip().lower() for line in lines}
            return frozenset(w for w in words if w), name
    return frozenset(), ""


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "wijkengids"


def write_json_cache(path: Path, data: Any) -> bool:
    """Write ``data`` as JSON to ``path`` atomically; ``False`` when it cannot (a cache only saves time)."""
    return write_cache_file(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))


def write_cache_file(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` atomically (a reader sees the old file or the new one, whole);
    ``False`` when it cannot, and no temporary file is left behind."""
    # Named after this process (two processes never share an id; a file left by a dead one with
    # the same id is overwritten): no tempfile module to import (1.4 ms of a check after an edit).
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)
        return False
    return True


@cache
def _load_dictionary(base: str) -> Any:
    from spylls.hunspell import Dictionary  # lazy: only when a word is new to the cache

    with warnings.catch_warnings():  # spylls leaves its files to the collector to close
        warnings.simplefilter("ignore", ResourceWarning)
        dictionary = Dictionary.from_files(base)
        gc.collect()
    return dictionary


def is_name(word: str) -> bool:
    """``Hoograven``, ``Reintjes``: a capital and then small letters. Hunspell already knows a word
    written with a capital at the start of a sentence, so an unknown one is nearly always a name,
    and searching the whole dictionary for a suggestion (up to a second a word) would only offer
    a look-alike (``Hoograven`` → ``Hoorgaven``): names get none."""
    return len(word) > 1 and word[0].isupper() and not word[1:].isupper()


class Speller:
    """``check(words)`` → {misspelt word: suggestion or ""}, from the cache where it can."""

    def __init__(self, dictionary: str) -> None:
        aff, dic = Path(dictionary + ".aff"), Path(dictionary + ".dic")
        if not aff.is_file() or not dic.is_file():
            raise DictionaryMissing(
                f"het Nederlandse woordenboek ontbreekt ({dic}); installeer het Debian-pakket hunspell-nl "
                "('make language-deps', dat ook 'make site' en 'make test' doen), of zet spelling = false "
                "in [tool.wijkengids] van pyproject.toml."
            )
        stat = dic.stat(), aff.stat()
        key = f"{dictionary}|{stat[0].st_size}|{stat[0].st_mtime_ns}|{stat[1].st_size}|{stat[1].st_mtime_ns}"
        digest = sha256(f"{CACHE_VERSION}|{key}".encode()).hexdigest()[:16]
        self.dictionary = dictionary
        self.cache_file = cache_dir() / f"spelling-{digest}.json"
        self.known: set[str] = set()
        self.unknown: dict[str, str] = {}
        try:
            data = json.loads(self.cache_file.read_text(encoding="utf-8"))
            self.known = set(data["known"])
            self.unknown = dict(data["unknown"])
        except (OSError, ValueError, KeyError, TypeError):
            pass
        self._dirty = False

    def misspelt(self, words: Iterable[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for word in set(words) - self.known:
            if word not in self.unknown:
                self._look_up(word)
            if word in self.unknown:
                out[word] = self.unknown[word]
        return out

    def _look_up(self, word: str) -> None:
        """One word's verdict. A hyphenated word Hunspell does not know is right when its parts
        are words and the joined form is not (``informatie-uitwisseling``), and wrong with the
        joined form as the suggestion when that is a word (``co-productie`` → ``coproductie``)."""
        dictionary = _load_dictionary(self.dictionary)
        self._dirty = True
        if dictionary.lookup(word):
            self.known.add(word)
            return
        if "-" in word:
            joined = word.replace("-", "")
            if dictionary.lookup(joined) or dictionary.lookup(joined.lower()):
                self.unknown[word] = joined if dictionary.lookup(joined) else joined.lower()
                return
            if all(dictionary.lookup(part) for part in word.split("-") if part):
                self.known.add(word)
                return
        self.unknown[word] = "" if is_name(word) else next(iter(dictionary.suggest(word)), "")

    def save(self) -> None:
        """Write the cache (atomically; a cache that cannot be written only costs time)."""
        if not self._dirty:
            return
        data = {"known": sorted(self.known), "unknown": dict(sorted(self.unknown.items()))}
        if write_json_cache(self.cache_file, data):
            self._dirty = False
