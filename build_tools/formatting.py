"""How the guide writes periods, amounts, places and chapter titles: one wording for site and print.

The site (:mod:`build_tools.render`) and print (:mod:`build_tools.export`) both call these
functions, so a reader sees the same words online and on paper.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .model import Record

#: Between the euro sign and the amount: a no-break space, so the two never part at a line end.
EURO = "€\u00a0"


def euros(amount: int) -> str:
    """``€ 10.000.000``: the euro sign, a no-break space and Dutch thousands separators."""
    return EURO + f"{amount:,}".replace(",", ".")


def period(value: Mapping[str, Any] | None) -> str:
    """``2018–2022``, ``2018`` (start and end alike), ``vanaf 2018``, ``tot 2022`` or ``""``."""
    if not value:
        return ""
    start, end = value.get("start"), value.get("end")
    if start and end:
        return f"{start}–{end}" if start != end else str(start)
    if start:
        return f"vanaf {start}"
    return f"tot {end}" if end else ""


def period_with_note(value: Mapping[str, Any] | None) -> str:
    """The :func:`period` followed by its note in brackets: ``vanaf 2018 (nog lopend)``."""
    text = period(value)
    note = value.get("note") if value else None
    return f"{text} ({note})" if text and note else text


def place_name(place: Record, lookup: Callable[[str], Record | None]) -> str:
    """``Overvecht (Utrecht)`` for a wijk whose gemeente ``lookup`` finds, else the place's own name.

    A wijk whose name already starts with its gemeente's (``Arnhem Oost``) is not named twice;
    one whose name ends in brackets gets its gemeente inside them, never a second pair:
    ``Vogelbuurt (Vogelwijk, Lansingerland)``.
    """
    municipality = place.get("municipality")
    parent = lookup(str(municipality)) if municipality else None
    if parent is None or place.title.casefold().startswith(parent.title.casefold()):
        return place.title
    if place.title.endswith(")") and " (" in place.title:
        return f"{place.title[:-1]}, {parent.title})"
    return f"{place.title} ({parent.title})"


def chapter_title(chapter: Record, *, long: bool = False) -> str:
    """``3. Sleutels tot succes``, ``long``: ``Hoofdstuk 3. Sleutels tot succes``; chapter 0 without a number."""
    number = int(chapter.get("number", 0))
    if number == 0:
        return chapter.title
    return f"{'Hoofdstuk ' if long else ''}{number}. {chapter.title}"


def chapter_label(chapter: Record) -> str:
    """The word above a chapter's title in print: ``Hoofdstuk 3``, or ``Vooraf`` for chapter 0."""
    number = int(chapter.get("number", 0))
    return "Vooraf" if number == 0 else f"Hoofdstuk {number}"


def term_heading(term: str) -> str:
    """A glossary term as a heading: ``Governance``, ``NPLV``, ``DEAL-model`` (only the first letter raised)."""
    return term[:1].upper() + term[1:]
