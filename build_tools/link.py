"""Stage 3, link: put validated records in a catalog and check what they point at.

References form a graph, so nothing is checked until every record is loaded. The
catalog answers the questions the renderers ask: a record by id, the records of a
type, what a record links to and what links to it ("Genoemd in").
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from .model import Record, format_path
from .problems import Code, Problem, Severity, did_you_mean
from .schema import CHAPTER, PLACE, RECORD_TYPES, TYPES_BY_NAME, Field, Kind, TypeName


@dataclass(frozen=True)
class Link:
    """``source`` names ``target`` in field ``field`` ("" for inline references)."""

    source: str
    target: str
    field: str


class Catalog:
    """Every valid record of a guide, by id, with the links between them; immutable.

    Built once by :func:`link`. Later stages ask it questions — :meth:`of_type`,
    :meth:`targets`, :meth:`mentioned_in`, :meth:`neighbours` — rather than reading its tables.
    """

    __slots__ = ("_aliases", "_incoming", "_outgoing", "_records")

    def __init__(
        self,
        records: Mapping[str, Record] | None = None,
        links: Iterable[Link] = (),
        aliases: Mapping[str, str] | None = None,
    ) -> None:
        self._records: Mapping[str, Record] = MappingProxyType(dict(records or {}))
        self._aliases: Mapping[str, str] = MappingProxyType(dict(aliases or {}))
        outgoing: defaultdict[str, list[Link]] = defaultdict(list)
        incoming: defaultdict[str, list[Link]] = defaultdict(list)
        for link_ in links:
            outgoing[link_.source].append(link_)
            incoming[link_.target].append(link_)
        self._outgoing: Mapping[str, tuple[Link, ...]] = MappingProxyType({k: tuple(v) for k, v in outgoing.items()})
        self._incoming: Mapping[str, tuple[Link, ...]] = MappingProxyType({k: tuple(v) for k, v in incoming.items()})

    @property
    def records(self) -> Mapping[str, Record]:
        """Every record by id (read-only)."""
        return self._records

    @property
    def aliases(self) -> Mapping[str, str]:
        """Old ids of merged or renamed records (their ``aliases``) → the id that took them over."""
        return self._aliases

    def with_record(self, record: Record) -> Catalog:
        """A new catalog with ``record`` in place of the record of its id (the links unchanged)."""
        links = [link_ for found in self._outgoing.values() for link_ in found]
        return Catalog({**self._records, record.id: record}, links, self._aliases)

    def links_from(self, record_id: str) -> tuple[Link, ...]:
        """Every link ``record_id`` makes, in the order its fields and text make them."""
        return self._outgoing.get(record_id, ())

    def links_to(self, record_id: str) -> tuple[Link, ...]:
        """Every link to ``record_id``, concept records' links included."""
        return self._incoming.get(record_id, ())

    def neighbours(self, record_id: str) -> frozenset[str]:
        """Ids of the records linked either way with ``record_id`` (published or not), not itself."""
        out = {link_.target for link_ in self.links_from(record_id)}
        out.update(link_.source for link_ in self.links_to(record_id))
        out.discard(record_id)
        return frozenset(out)

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._records

    def __getitem__(self, record_id: str) -> Record:
        return self._records[record_id]

    def __len__(self) -> int:
        return len(self._records)

    def get(self, record_id: str) -> Record | None:
        """The record with this id, or the record that took over this old id (an alias)."""
        found = self._records.get(record_id)
        if found is None and record_id in self._aliases:
            return self._records.get(self._aliases[record_id])
        return found

    def of_type(self, type_name: TypeName, *, published_only: bool = True) -> list[Record]:
        """Records of one type, chapters by number, others by title."""
        found = [r for r in self._records.values() if r.type == type_name and (r.published or not published_only)]
        if type_name == CHAPTER.name:
            found.sort(key=lambda r: int(r.get("number", 0)))
        else:
            found.sort(key=lambda r: (r.title.casefold(), r.id))
        return found

    def targets(self, record_id: str, field_name: str | None = None) -> list[Record]:
        """Published records that ``record_id`` names, in the order it names them."""
        seen: set[str] = set()
        out: list[Record] = []
        for link in self.links_from(record_id):
            if (field_name is None or link.field == field_name) and link.target not in seen:
                target = self._records.get(link.target)
                if target is not None and target.published:
                    seen.add(link.target)
                    out.append(target)
        return out

    def mentioned_in(self, record_id: str, type_name: TypeName | None = None) -> list[Record]:
        """Published records that name ``record_id`` ("Genoemd in"), by type then title."""
        seen: set[str] = set()
        out: list[Record] = []
        for link in self.links_to(record_id):
            source = self._records.get(link.source)
            if (
                source is not None
                and source.published
                and link.source not in seen
                and (type_name is None or source.type == type_name)
            ):
                seen.add(link.source)
                out.append(source)
        order: dict[str, int] = {t.name: i for i, t in enumerate(RECORD_TYPES)}
        out.sort(key=lambda r: (order[r.type], r.title.casefold()))
        return out

    def related(self, record_id: str, type_name: TypeName | None = None) -> list[Record]:
        """Every published record linked either way with ``record_id``."""
        out = {r.id: r for r in self.targets(record_id)}
        out.update((r.id, r) for r in self.mentioned_in(record_id))
        out.pop(record_id, None)
        found = [r for r in out.values() if type_name is None or r.type == type_name]
        return sorted(found, key=lambda r: r.title.casefold())

    def chapters_of(self, record_id: str) -> list[Record]:
        return [r for r in self.mentioned_in(record_id, CHAPTER.name) if record_id in r.refs("items")]


@dataclass(frozen=True)
class LinkResult:
    """What :func:`link` made: the catalog of the valid records, and the problems of their references."""

    catalog: Catalog
    problems: list[Problem]


def link(
    records: Iterable[Record],
    *,
    broken_ids: Iterable[str] = (),
    partial: Iterable[Record] = (),
    today: dt.date | None = None,
    stale_after_days: int | None = None,
) -> LinkResult:
    """Build the catalog and check every reference; see module docstring.

    ``broken_ids`` are ids of records that exist but failed to load or validate:
    references to them are not reported again (their own problems say what to fix).
    ``partial`` are such records with the fields that passed: what they name is
    checked too, but they join neither the catalog nor its links.
    """
    problems: list[Problem] = []
    by_id: dict[str, Record] = {}
    first_path: dict[str, str] = {}
    for record in sorted(records, key=lambda r: r.path):
        if record.id in by_id:
            line, col = record.position("id")
            problems.append(
                Problem(
                    record.path,
                    line,
                    col,
                    Code.DUPLICATE_ID,
                    f"id '{record.id}' is al in gebruik door {first_path[record.id]}; kies een ander id "
                    "(en hernoem het bestand mee).",
                    field="id",
                )
            )
            continue
        by_id[record.id] = record
        first_path[record.id] = record.path
    broken = frozenset(broken_ids) - by_id.keys()
    aliases, found = _collect_aliases(by_id)
    problems.extend(found)
    unlinked = Catalog(by_id, (), aliases)  # the records, to check references against
    links: list[Link] = []
    for record in by_id.values():
        problems.extend(_check_refs(unlinked, record, broken, links))
    for record in partial:
        problems.extend(_check_refs(unlinked, record, broken, None))
    catalog = Catalog(by_id, links, aliases)
    problems.extend(_check_chapters(catalog))
    problems.extend(_check_places(catalog))
    problems.extend(_check_dates_and_self_references(catalog, today or dt.date.today()))
    if stale_after_days is not None:
        problems.extend(_check_freshness(catalog, today or dt.date.today(), stale_after_days))
    return LinkResult(catalog, problems)


def _ref_fields(
    fields: tuple[Field, ...], value: object, path: tuple[str | int, ...]
) -> Iterator[tuple[Field, tuple[str | int, ...], str]]:
    """Every (field, path, id) of a record's reference fields, nested objects included."""
    if not isinstance(value, dict) and not hasattr(value, "items"):
        return
    for spec in fields:
        item = value.get(spec.name)  # type: ignore[attr-defined]
        if item is None:
            continue
        here = (*path, spec.name)
        if spec.kind is Kind.REF:
            yield spec, here, item
        elif spec.kind is Kind.REF_LIST:
            for index, target in enumerate(item):
                yield spec, (*here, index), target
        elif spec.kind is Kind.OBJECT:
            yield from _ref_fields(spec.fields, item, here)
        elif spec.kind is Kind.OBJECT_LIST:
            for index, obj in enumerate(item):
                yield from _ref_fields(spec.fields, obj, (*here, index))


def _check_refs(catalog: Catalog, record: Record, broken: frozenset[str], links: list[Link] | None) -> list[Problem]:
    """Problems with what ``record`` names; the links it makes are added to ``links`` (unless None)."""
    problems: list[Problem] = []
    records = catalog.records
    for spec, path, target_id in _ref_fields(record.rtype.all_fields, record.fields, ()):
        if target_id in broken:
            continue
        if target_id not in records and target_id in catalog.aliases:
            line, col = record.position(*path)
            problems.append(_alias_ref(catalog, record, target_id, format_path(path), line, col))
            target_id = catalog.aliases[target_id]
        target = records.get(target_id)
        if target is None or target.type not in spec.targets or (record.published and not target.published):
            line, col = record.position(*path)
            problem = _check_target(catalog, record, target_id, spec.targets, spec.name, format_path(path), line, col)
            if problem is not None:
                problems.append(problem)
                if problem.is_error:
                    continue
        if links is not None:
            links.append(Link(record.id, target_id, str(path[0])))
    for ref in record.inline_refs:
        if ref.target in broken:
            continue
        target_id = ref.target
        if target_id not in records and target_id in catalog.aliases:
            problems.append(_alias_ref(catalog, record, target_id, ref.field or "tekst", ref.line, ref.column))
            target_id = catalog.aliases[target_id]
        problem = _check_target(catalog, record, target_id, (), "", ref.field or "tekst", ref.line, ref.column)
        if problem is not None:
            problems.append(problem)
            if problem.is_error:
                continue
        if links is not None:
            links.append(Link(record.id, target_id, ""))
    return problems


def _collect_aliases(by_id: Mapping[str, Record]) -> tuple[dict[str, str], list[Problem]]:
    """Old id → new id for every record's ``aliases``; an error for an alias that is a record's id
    or another record's alias.

    Old ids share the one namespace of ids ([[old-id]] names no type), so each may belong to
    one record only and may not be the id of any record.
    """
    problems: list[Problem] = []
    aliases: dict[str, str] = {}
    owner: dict[str, Record] = {}
    for record in sorted(by_id.values(), key=lambda r: r.path):
        for index, old in enumerate(record.refs("aliases")):
            line, col = record.position("aliases", index)
            where = format_path(("aliases", index))
            other = by_id.get(old)
            if other is not None:
                message = (
                    f"'{old}' is het id van {other.path}, geen oud id. Een alias mag niet het id van een "
                    "bestaand record zijn: verwijder dat record als het hierin is opgegaan, of haal de alias weg."
                    if other is not record
                    else f"'{old}' is het eigen id van dit record; haal de alias weg."
                )
                problems.append(Problem(record.path, line, col, Code.ALIAS_COLLISION, message, field=where))
            elif old in owner:
                message = (
                    f"'{old}' staat al als alias bij {owner[old].path}. Een oud adres kan maar naar één "
                    "record doorverwijzen: haal de alias bij een van beide weg."
                )
                problems.append(Problem(record.path, line, col, Code.ALIAS_COLLISION, message, field=where))
            else:
                owner[old] = record
                aliases[old] = record.id
    return aliases, problems


def _alias_ref(catalog: Catalog, record: Record, old: str, where: str, line: int, col: int) -> Problem:
    """A warning: a reference to an old id still works (it names the record that took it over)."""
    new = catalog.aliases[old]
    return Problem(
        record.path,
        line,
        col,
        Code.ALIAS_REF,
        f"'{old}' is een oud id van {catalog.records[new].path}; de verwijzing werkt nog, maar schrijf '{new}'.",
        field=where,
        severity=Severity.WARNING,
    )


def _check_target(
    catalog: Catalog,
    record: Record,
    target_id: str,
    allowed: tuple[TypeName, ...],
    field_name: str,
    where: str,
    line: int,
    col: int,
) -> Problem | None:
    target = catalog.get(target_id)
    if target is None:
        pool = [r.id for r in catalog.records.values() if not allowed or r.type in allowed]
        hint = did_you_mean(target_id, pool)
        if not hint:
            kinds = _either(["een " + TYPES_BY_NAME[t].label for t in allowed]) if allowed else "een record"
            hint = (
                f" — controleer de spelling, of maak eerst {kinds} met dit id aan ('wijkengids list' toont alle ids)."
            )
        return Problem(record.path, line, col, Code.UNKNOWN_ID, f"onbekende id '{target_id}'{hint}", field=where)
    if allowed and target.type not in allowed:
        kinds = _either([TYPES_BY_NAME[t].plural for t in allowed])
        better = [f.name for f in record.rtype.all_fields if f.kind is Kind.REF_LIST and target.type in f.targets]
        todo = f"zet het onder '{better[0]}'" if better else f"verwijder het of kies een van de {kinds}"
        return Problem(
            record.path,
            line,
            col,
            Code.WRONG_TARGET,
            f"'{target_id}' is een {target.rtype.label}, maar '{field_name}' noemt alleen {kinds}; {todo}.",
            field=where,
        )
    if record.published and not target.published:
        return Problem(
            record.path,
            line,
            col,
            Code.UNPUBLISHED_REF,
            f"'{target_id}' heeft status concept en verschijnt nog niet; de verwijzing wordt pas "
            "zichtbaar als het record gepubliceerd is.",
            field=where,
            severity=Severity.WARNING,
        )
    return None


def _either(words: list[str]) -> str:
    """``a``, ``a of b``, ``a, b of c``."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " of " + words[-1]


def _check_chapters(catalog: Catalog) -> list[Problem]:
    problems: list[Problem] = []
    numbers: dict[int, Record] = {}
    for chapter in sorted(catalog.of_type(CHAPTER.name, published_only=False), key=lambda r: r.path):
        number = int(chapter.get("number"))
        if number in numbers:
            line, col = chapter.position("number")
            problems.append(
                Problem(
                    chapter.path,
                    line,
                    col,
                    Code.DUPLICATE_NUMBER,
                    f"hoofdstuk {number} bestaat al ({numbers[number].path}); geef elk hoofdstuk een eigen nummer.",
                    field="number",
                )
            )
        else:
            numbers[number] = chapter
    return problems


def _check_places(catalog: Catalog) -> list[Problem]:
    problems: list[Problem] = []
    for place in catalog.of_type(PLACE.name, published_only=False):
        parent_id = place.get("municipality")
        if place.get("kind") == "wijk" and parent_id is None:
            line, col = place.position("kind")
            problems.append(
                Problem(
                    place.path,
                    line,
                    col,
                    Code.BAD_HIERARCHY,
                    "een wijk hoort bij een gemeente: voeg 'municipality:' toe met het id van de gemeente.",
                    field="municipality",
                )
            )
        elif parent_id is not None:
            parent = catalog.get(parent_id)
            if parent is not None and (place.get("kind") != "wijk" or parent.get("kind") != "gemeente"):
                line, col = place.position("municipality")
                problems.append(
                    Problem(
                        place.path,
                        line,
                        col,
                        Code.BAD_HIERARCHY,
                        f"'municipality' verwijst van een wijk naar een gemeente; '{place.id}' is een "
                        f"{place.get('kind')} en '{parent_id}' een {parent.get('kind')}. Noem de gemeente "
                        "waar de wijk in ligt, of laat 'municipality' weg bij een gemeente.",
                        field="municipality",
                    )
                )
    return problems


def _check_dates_and_self_references(catalog: Catalog, today: dt.date) -> list[Problem]:
    """A ``reviewed`` date after ``today`` (an error: a typo for a past year), ``[[own-id]]`` (a warning)."""
    problems: list[Problem] = []
    for record in catalog.records.values():
        reviewed = record.reviewed
        if reviewed is not None and reviewed > today:
            line, col = record.position("reviewed")
            problems.append(
                Problem(
                    record.path,
                    line,
                    col,
                    Code.FUTURE_DATE,
                    f"'reviewed' is {reviewed.isoformat()}, later dan vandaag ({today.isoformat()}); "
                    "zet er de datum op waarop het record is nagekeken.",
                    field="reviewed",
                )
            )
        for ref in record.inline_refs:
            if ref.target == record.id:
                problems.append(
                    Problem(
                        record.path,
                        ref.line,
                        ref.column,
                        Code.SELF_REFERENCE,
                        f"[[{ref.target}]] verwijst naar dit record zelf; de lezer staat al op deze pagina. "
                        "Verwijs naar een ander record of schrijf de tekst zonder [[ ]].",
                        field=ref.field or "tekst",
                        severity=Severity.WARNING,
                    )
                )
    return problems


def _check_freshness(catalog: Catalog, today: dt.date, max_days: int) -> list[Problem]:
    problems: list[Problem] = []
    for record in catalog.records.values():
        reviewed = record.reviewed
        if reviewed is None or not record.published:
            continue
        age = (today - reviewed).days
        if age > max_days:
            line, col = record.position("reviewed")
            problems.append(
                Problem(
                    record.path,
                    line,
                    col,
                    Code.STALE,
                    f"laatst nagekeken op {reviewed.isoformat()}, {age} dagen geleden (grens: {max_days}); "
                    "kijk de inhoud na en zet 'reviewed' op de datum van vandaag.",
                    field="reviewed",
                    severity=Severity.WARNING,
                )
            )
    return problems


def is_stale(record: Record, today: dt.date, max_days: int) -> bool:
    reviewed = record.reviewed
    return reviewed is not None and (today - reviewed).days > max_days
