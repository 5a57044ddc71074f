"""Typed, immutable records: what validation produces and every later stage reads."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import total_ordering
from typing import Any

from .schema import PUBLISHED, TITLE_FIELDS, TYPES_BY_NAME, RecordType, TypeName

#: A path into a record's data: field names and list indexes, ``("examples", 2)``.
DataPath = tuple[str | int, ...]
#: (line, column), both 1-based, in the record file.
Position = tuple[int, int]


def format_path(path: DataPath) -> str:
    """``("examples", 2)`` → ``"examples[2]"``; ``("period", "start")`` → ``"period.start"``."""
    out = ""
    for step in path:
        if isinstance(step, int):
            out += f"[{step}]"
        else:
            out += ("." if out else "") + step
    return out


@total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day: ``2021``, ``2022-05``, ``2022-05-03``.

    Ordered by time, a less precise date before a more precise one in the same year or month.
    """

    year: int
    month: int | None = None
    day: int | None = None

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() < other.sort_key()

    def __str__(self) -> str:
        out = f"{self.year:04d}"
        if self.month is not None:
            out += f"-{self.month:02d}"
        if self.day is not None:
            out += f"-{self.day:02d}"
        return out

    def dutch(self) -> str:
        """``3 mei 2022``, ``mei 2022`` or ``2021``."""
        if self.month is None:
            return str(self.year)
        month = DUTCH_MONTHS[self.month - 1]
        if self.day is None:
            return f"{month} {self.year}"
        return f"{self.day} {month} {self.year}"


DUTCH_MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


#: How many characters of a quote its title shows at most (the speaker not counted).
QUOTE_OPENING_MAX = 60


def quote_title(speaker: str, text: str) -> str:
    """``Jan Jans: ‘Wijkenaanpak is core business’``: the speaker and the quote's opening words.

    The first sentence when it is short enough, else the opening words up to a word boundary
    followed by ``…``; never cut without the speaker in front of it.
    """
    words = " ".join(text.split())
    sentence = re.split(r"(?<=[.!?])\s", words, maxsplit=1)[0]
    if len(sentence) <= QUOTE_OPENING_MAX:
        opening = sentence.removesuffix(".")
    else:
        opening = sentence[: QUOTE_OPENING_MAX + 1].rsplit(" ", 1)[0].rstrip(",;:–-") + " …"
    return f"{speaker}: ‘{opening}’"


def dutch_date(value: dt.date) -> str:
    """``23 november 2026``."""
    return f"{value.day} {DUTCH_MONTHS[value.month - 1]} {value.year}"


@dataclass(frozen=True)
class InlineRef:
    """A ``[[id]]`` or ``[[id|tekst]]`` reference inside Markdown."""

    target: str
    label: str | None
    field: str  # "" for the body
    line: int
    column: int


@dataclass(frozen=True)
class Record:
    """One validated record. ``fields`` hold typed values, keyed by field name.

    Values: ``str`` (text, prose, choice, url, ref), ``int``, ``datetime.date``,
    :class:`PartialDate`, ``tuple`` (lists) and ``Mapping`` (objects). Absent
    optional fields are absent from ``fields``; use :meth:`get`.
    """

    id: str
    type: TypeName  # a RecordType name
    path: str
    fields: Mapping[str, Any]
    body: str = ""
    body_line: int = 0
    inline_refs: tuple[InlineRef, ...] = ()
    positions: Mapping[DataPath, Position] = field(default_factory=dict, compare=False, repr=False)
    #: Editorial status (lists default to published); derived from ``fields``.
    status: str = field(init=False, compare=False)
    #: Whether the record appears on the site and in print (not a concept).
    published: bool = field(init=False, compare=False)

    def __post_init__(self) -> None:
        status = str(self.fields.get("status", PUBLISHED))
        object.__setattr__(self, "status", status)
        object.__setattr__(self, "published", status != "concept")

    @property
    def rtype(self) -> RecordType:
        return TYPES_BY_NAME[self.type]

    @property
    def title(self) -> str:
        """The record's display title: ``title``, ``name`` (lists), ``term`` (glossary), or a quote's text."""
        for key in TITLE_FIELDS:
            value = self.fields.get(key)
            if value:
                return str(value)
        if "text" in self.fields and "speaker" in self.fields:
            return quote_title(str(self.fields["speaker"]), str(self.fields["text"]))
        return str(self.fields.get("text", self.id))

    @property
    def reviewed(self) -> dt.date | None:
        value = self.fields.get("reviewed")
        return value if isinstance(value, dt.date) else None

    def get(self, name: str, default: Any = None) -> Any:
        return self.fields.get(name, default)

    def refs(self, name: str) -> tuple[str, ...]:
        """The ids a reference field names (empty when absent)."""
        value = self.fields.get(name)
        if value is None:
            return ()
        if isinstance(value, str):
            return (value,)
        return tuple(value)

    def position(self, *path: str | int) -> Position:
        """Where a field (or list item) stands in the file; the file start if unknown."""
        return self.positions.get(tuple(path), (1, 1))
