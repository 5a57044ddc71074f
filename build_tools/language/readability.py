"""Flesch-Douma, the Dutch adaptation of Flesch reading ease (Douma 1960).

    score = 206.835 − 0.93 × (words / sentences) − 77 × (syllables / words)

Syllables come from Pyphen's Dutch hyphenation patterns (the LibreOffice ``nl_NL``
patterns it ships): a word has one syllable more than it has hyphenation points (or as
many as it has vowel groups, where the patterns skip a break). This
is the computation ``textstat`` makes with ``set_lang("nl")``; we do it ourselves on our
own sentences (fields and body blocks never run into one another) and cache syllables
per word. Rough guide: 60 and up is easy (B1), 30–60 is harder, below 30 is hard.
"""

from __future__ import annotations

import pickle
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .text import Segment, Word


@lru_cache(maxsize=1)
def _hyphenator() -> Any:
    import pyphen  # lazy: importing it costs a quarter second, and warm runs need no syllables

    return pyphen.Pyphen(lang="nl_NL", left=1, right=1)


#: Bump with any change to how :func:`syllables` counts: the counts kept in the cache folder are then not read.
SYLLABLES_VERSION = 1
#: Vowel groups: a Dutch syllable has one (ij, oe, aa … count once; a diaeresis starts a new one).
_VOWELS = re.compile(r"[ëïöüä][aeiouy]*|[aeiouyáéíóúè]+")


def syllables(word: str) -> int:
    """Syllables of one word (at least 1): Pyphen's hyphenation points plus one, or the vowel
    groups where there are more (hyphenation patterns skip some breaks in compounds: wijk-aanpak).

    Counted once per word and kept in the cache folder (:class:`_Syllables`): a record edited
    in words the guide already uses is measured without loading Pyphen (0.13 s).
    """
    found = _TABLE.counts.get(word)
    if found is None:
        _TABLE.load()
        found = _TABLE.counts.get(word)
    if found is None:
        lower = word.lower()
        found = max(1, len(_hyphenator().positions(lower)) + 1, len(_VOWELS.findall(lower)))
        _TABLE.counts[word] = found
        _TABLE.added = True
    return found


class _Syllables:
    """Every word's syllable count seen so far, read from the cache folder on the first word not
    yet counted in this run and written back by :func:`save_syllables` when words were added.

    The file is named after Pyphen's Dutch patterns (size and time of the file): other patterns,
    other counts, another file.
    """

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}
        self.loaded = False
        self.added = False

    def file(self) -> Path | None:
        import importlib.util

        from .spelling import cache_dir

        spec = importlib.util.find_spec("pyphen")  # finds, does not import
        if spec is None or not spec.submodule_search_locations:
            return None
        patterns = Path(next(iter(spec.submodule_search_locations))) / "dictionaries" / "hyph_nl_NL.dic"
        try:
            info = patterns.stat()
        except OSError:
            return None
        return cache_dir() / f"syllables-v{SYLLABLES_VERSION}-{info.st_size}-{info.st_mtime_ns}.pickle"

    def load(self) -> None:
        if self.loaded:
            return
        self.loaded = True
        file = self.file()
        try:
            kept = pickle.loads(file.read_bytes()) if file is not None else {}
        except Exception:  # noqa: BLE001 - an unreadable cache is an empty one
            return
        if isinstance(kept, dict):
            self.counts = {**kept, **self.counts}

    def save(self) -> None:
        if not self.added:
            return
        from .spelling import write_cache_file

        self.load()
        file = self.file()
        if file is not None and write_cache_file(file, pickle.dumps(self.counts, protocol=pickle.HIGHEST_PROTOCOL)):
            self.added = False


_TABLE = _Syllables()


def save_syllables() -> None:
    """Keep the words counted in this run for the next (a cache: failing to write only costs time)."""
    _TABLE.save()


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    syllables: int

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def syllables_per_word(self) -> float:
        return self.syllables / self.words if self.words else 0.0

    @property
    def score(self) -> float:
        """Flesch-Douma reading ease (higher is easier)."""
        return 206.835 - 0.93 * self.words_per_sentence - 77 * self.syllables_per_word


def measure(segments: Iterable[Segment]) -> Readability:
    words = sentences = syll = 0
    for segment in segments:
        for sentence in segment.sentences:
            sentences += 1
            words += len(sentence)
            syll += sum(syllables(w.text) for w in sentence)
    return Readability(words, sentences, syll)


def sentences_of(segments: Iterable[Segment]) -> list[tuple[str, tuple[Word, ...]]]:
    """Every sentence with the field it stands in."""
    return [(segment.field, sentence) for segment in segments for sentence in segment.sentences]
