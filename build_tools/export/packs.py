"""Packs on demand: the records of one theme, one place, or a chosen list, for a learning circle.

A pack is printed like a chapter (cover, contents, the records, their sources, notes,
questions, colophon). :func:`theme_pack`, :func:`place_pack` and :func:`records_pack`
choose its records; an id that names nothing printable is a :class:`PackError` (a usage
error: the command line exits 2) that names the id and what to give instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..link import Catalog
from ..model import Record
from ..problems import did_you_mean
from ..schema import CHAPTER, CONTENT_TYPES, EXAMPLE, PLACE, THEME, TYPES_BY_NAME, TypeName

# What a pack prints: the guide's content records (schema.CONTENT_TYPES), in that order when no
# chapter orders them.


#: "onbekend thema", "onbekende plaats".
_UNKNOWN: dict[TypeName, str] = {THEME.name: "onbekend", PLACE.name: "onbekende"}


class PackError(Exception):
    """A pack was asked for with an id that names nothing it can print (Dutch message)."""


@dataclass(frozen=True)
class Pack:
    """The records of one pack, in reading order, and what the cover calls it."""

    kind: str  # THEME.name, PLACE.name or "records"
    label: str  # above the title on the cover: "Thema", "Plaats", "Leespakket"
    title: str
    items: list[Record]
    subject: Record | None = None  # the theme or place; None for a list of records
    stem: str = "pakket"  # the default file name, without ".pdf"
    online: str = "de gids"  # what the cover's QR code opens: "dit thema", "deze plaats"


def theme_pack(catalog: Catalog, theme_id: str) -> Pack:
    """The published lessons, dilemmas, examples and quotes of a theme."""
    theme = _subject(catalog, theme_id, THEME.name, "--theme")
    items = [r for r in catalog.mentioned_in(theme.id) if r.type in CONTENT_TYPES and theme.id in r.refs("themes")]
    return Pack(
        THEME.name, THEME.title, theme.title, reading_order(catalog, items), theme, f"thema-{theme.id}", "dit thema"
    )


def place_pack(catalog: Catalog, place_id: str) -> Pack:
    """The published records that name a place (for a municipality: also its neighbourhoods),
    and the lessons, dilemmas and quotes that draw on its examples (they name the example, not the place)."""
    place = _subject(catalog, place_id, PLACE.name, "--place")
    places = {place.id} | {p.id for p in catalog.of_type(PLACE.name) if p.get("municipality") == place.id}
    found: dict[str, Record] = {}
    for pid in sorted(places):
        for record in catalog.mentioned_in(pid):
            if record.type in CONTENT_TYPES:
                found.setdefault(record.id, record)
    for example in [r for r in found.values() if r.type == EXAMPLE.name]:
        for record in catalog.mentioned_in(example.id):
            if record.type in CONTENT_TYPES:
                found.setdefault(record.id, record)
    return Pack(
        PLACE.name,
        PLACE.title,
        place.title,
        reading_order(catalog, list(found.values())),
        place,
        f"plaats-{place.id}",
        "deze plaats",
    )


def records_pack(catalog: Catalog, ids: Sequence[str]) -> Pack:
    """The records given, in the order given (the learning circle chose it); each id once."""
    chosen = list(dict.fromkeys(i.strip() for i in ids if i.strip()))
    if not chosen:
        raise PackError("--records is leeg; geef ids gescheiden door komma's, bijvoorbeeld --records a,b,c.")
    printable = [r.id for t in CONTENT_TYPES for r in catalog.of_type(t)]
    items: list[Record] = []
    for record_id in chosen:
        record = catalog.get(record_id)
        if record is None:
            raise PackError(
                f"onbekende id '{record_id}' in --records{did_you_mean(record_id, printable) or '.'} "
                "Geef ids van lessen, dilemma's, praktijkvoorbeelden of citaten ('wijkengids list' toont ze)."
            )
        if record.type not in CONTENT_TYPES:
            raise PackError(
                f"'{record_id}' in --records is een {TYPES_BY_NAME[record.type].label}, geen les, dilemma, "
                f"praktijkvoorbeeld of citaat; gebruik --theme of --place voor een thema of plaats."
            )
        if not record.published:
            raise PackError(
                f"'{record_id}' in --records is nog niet gepubliceerd; alleen gepubliceerde teksten gaan op papier."
            )
        items.append(record)
    return Pack("records", "Leespakket", _records_title(items), items)


def reading_order(catalog: Catalog, records: list[Record]) -> list[Record]:
    """As the chapters print them (chapter by number, then place in it); the rest after, by type and title."""
    position: dict[str, tuple[int, int]] = {}
    for chapter in catalog.of_type(CHAPTER.name):
        for index, item_id in enumerate(chapter.refs("items")):
            position.setdefault(item_id, (int(chapter.get("number", 0)), index))
    rank = {name: i for i, name in enumerate(CONTENT_TYPES)}
    far = (1 << 30, 0)
    return sorted(records, key=lambda r: (position.get(r.id, far), rank.get(r.type, 9), r.title.casefold()))


def _subject(catalog: Catalog, record_id: str, type_name: TypeName, option: str) -> Record:
    rtype = TYPES_BY_NAME[type_name]
    choices = catalog.of_type(type_name)
    record = catalog.get(record_id)
    if record is not None and record.type == type_name and record.published:
        return record
    known = ", ".join(r.id for r in choices) or "(geen)"
    hint = did_you_mean(record_id, [r.id for r in choices])
    raise PackError(
        f"{_UNKNOWN[type_name]} {rtype.label} '{record_id}' bij {option}{hint or '.'} "
        f"Kies een van deze {rtype.heading.lower()}: {known}."
    )


def _records_title(items: list[Record]) -> str:
    count = len(items)
    return f"{count} {'tekst' if count == 1 else 'teksten'} voor de leerkring"
