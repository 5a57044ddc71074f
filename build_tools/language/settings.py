"""The language settings, read from ``[tool.wijkengids]`` by :mod:`build_tools.config`."""

from __future__ import annotations

from dataclasses import dataclass

#: Debian's hunspell-nl (OpenTaal), without the .aff/.dic suffix.
DEFAULT_DICTIONARY = "/usr/share/hunspell/nl"
#: The project word list: names and accepted jargon, one word a line, in the guide root or guide/.
WORD_LIST_NAMES = ("woordenlijst.txt", "guide/woordenlijst.txt")


@dataclass(frozen=True)
class LanguageSettings:
    #: A sentence with more words than this is reported (``long-sentence``).
    max_sentence_words: int = 25
    #: A record whose Flesch-Douma score is below this is reported (``hard-to-read``).
    min_readability: float = 30.0
    #: Records with fewer words than this get no readability score (too short to measure).
    readability_min_words: int = 80
    #: Check spelling against the dictionary (``spelling``).
    spelling: bool = True
    dictionary: str = DEFAULT_DICTIONARY
