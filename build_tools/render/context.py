"""What a template may ask about the catalog, as seen from one page.

Templates only lay out; every question about records (what links here, what is
related, how a place is named) is answered here, in plain Python that tests call.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..link import Catalog
from ..model import PartialDate, Record, dutch_date
from ..schema import RECORD_TYPES, TYPES_BY_NAME
from .links import escape_md, expand_refs, md_link, overview_src, record_src, ref_resolver, relative

#: Dutch plural headings per record type, for lists on a page.
GROUP_LABELS = {
    "chapter": "Hoofdstukken",
    "lesson": "Lessen",
    "dilemma": "Dilemma's",
    "example": "Praktijkvoorbeelden",
    "quote": "Citaten",
    "theme": "Thema's",
    "place": "Plaatsen",
    "organisation": "Organisaties",
    "source": "Bronnen",
}

#: How many related records a page shows.
RELATED_LIMIT = 6


@dataclass(frozen=True)
class Group:
    """A heading and the records under it."""

    label: str
    records: list[Record]


def chapter_title(chapter: Record) -> str:
    """``3. Sleutels tot succes``; chapter 0 ("Vooraf") without a number."""
    number = int(chapter.get("number", 0))
    return chapter.title if number == 0 else f"{number}. {chapter.title}"


class SharedIndex:
    """Records by theme and by place, built once per render: the basis of "Verwant"."""

    def __init__(self, catalog: Catalog) -> None:
        self.by_key: dict[str, list[str]] = {}
        #: Sort keys, computed once (``Record.title`` is computed on every access).
        self.sort_title = {r.id: r.title.casefold() for r in catalog.records.values()}
        #: ``[titel](../lessen/x.md)`` by (folder of the linking page, record id): pages of one
        #: folder link to the same records over and over.
        self.links: dict[tuple[str, str], str] = {}
        for record in catalog.records.values():
            if not record.published:
                continue
            for key in (*record.refs("themes"), *record.refs("places")):
                self.by_key.setdefault(key, []).append(record.id)


class PageContext:
    """The helpers a template calls as ``p.…``, bound to the page at ``src``."""

    def __init__(self, catalog: Catalog, shared: SharedIndex, src: str, *, directory_urls: bool) -> None:
        self.catalog = catalog
        self.shared = shared
        self.src = src
        self.folder = src.rpartition("/")[0]
        self.directory_urls = directory_urls
        self._resolve = ref_resolver(catalog, src)

    # -- links -------------------------------------------------------------------------------

    def href(self, record: Record) -> str:
        return relative(self.src, record_src(record))

    def link(self, record: Record, text: str | None = None) -> str:
        """``[titel](../lessen/x.md)``."""
        if text is not None:
            return md_link(text, self.href(record))
        key = (self.folder, record.id)
        found = self.shared.links.get(key)
        if found is None:
            found = self.shared.links[key] = md_link(record.title, self.href(record))
        return found

    def links(self, records: Iterable[Record], sep: str = ", ") -> str:
        """Links to records, joined: ``[a](a.md), [b](b.md)``."""
        return sep.join(self.link(r) for r in records)

    def place_links(self, places: Iterable[Record]) -> str:
        """Links to places, a wijk with its gemeente: ``[Overvecht (Utrecht)](…)``."""
        return ", ".join(self.link(r, self.place_name(r)) for r in places)

    @staticmethod
    def texts(values: Iterable[object]) -> str:
        return ", ".join(escape_md(str(v)) for v in values)

    def overview(self, type_name: str, anchor: str = "") -> str:
        return relative(self.src, overview_src(TYPES_BY_NAME[type_name]), anchor)

    def site_file(self, path: str) -> str:
        """A Markdown link target for a file the build adds to the docs folder (``pdf/x.pdf``).

        Relative to the page's Markdown file, as every engine reads Markdown links (raw HTML
        links are left alone by MkDocs but rewritten by Zensical, so they cannot be shared).
        """
        return relative(self.src, path)

    def prose(self, text: object) -> str:
        """Markdown written by an editor, with ``[[id]]`` turned into links."""
        return expand_refs(str(text), self._resolve).strip()

    @staticmethod
    def url_link(url: object) -> str:
        """An outside address, shown and linked as written (``<https://…>``)."""
        safe = str(url).replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")
        return f"<{safe}>"

    @staticmethod
    def text(value: object) -> str:
        """Plain text as Markdown that shows exactly that text."""
        return escape_md(str(value))

    # -- dates and numbers -------------------------------------------------------------------

    @staticmethod
    def date(value: object) -> str:
        if isinstance(value, PartialDate):
            return value.dutch()
        if isinstance(value, dt.date):
            return dutch_date(value)
        return str(value)

    @staticmethod
    def euros(amount: int) -> str:
        """``€ 10.000.000``."""
        return "€\u00a0" + f"{amount:,}".replace(",", ".")

    @staticmethod
    def period(period: dict[str, object] | None) -> str:
        if not period:
            return ""
        start, end = period.get("start"), period.get("end")
        if start and end:
            return f"{start}–{end}" if start != end else str(start)
        if start:
            return f"vanaf {start}"
        return f"tot {end}" if end else ""

    # -- records -----------------------------------------------------------------------------

    def get(self, record_id: str) -> Record | None:
        record = self.catalog.get(record_id)
        return record if record is not None and record.published else None

    def targets(self, record: Record, field_name: str) -> list[Record]:
        return self.catalog.targets(record.id, field_name)

    def both(self, record: Record, field_name: str, type_name: str) -> list[Record]:
        """Records of a type linked either way: named in ``field_name``, or naming this record."""
        out = self.catalog.targets(record.id, field_name)
        seen = {r.id for r in out}
        out += [r for r in self.catalog.mentioned_in(record.id, type_name) if r.id not in seen]
        return [r for r in out if r.type == type_name]

    def mentioned_in(self, record: Record) -> list[Group]:
        """ "Genoemd in", grouped by type."""
        return _group(self.catalog.mentioned_in(record.id))

    def chapters_of(self, record: Record) -> list[Record]:
        return self.catalog.chapters_of(record.id)

    def related(self, record: Record) -> list[Record]:
        """Records sharing the most themes and places with this one, not already linked to it."""
        linked = {link.target for link in self.catalog.outgoing.get(record.id, ())}
        linked |= {link.source for link in self.catalog.incoming.get(record.id, ())}
        linked.add(record.id)
        keys = (*record.refs("themes"), *record.refs("places"))
        if record.type in ("theme", "place"):
            keys = (*keys, record.id)
        counts: Counter[str] = Counter()
        for key in keys:
            counts.update(i for i in self.shared.by_key.get(key, ()) if i not in linked)
        titles = self.shared.sort_title
        best = heapq.nsmallest(RELATED_LIMIT, counts.items(), key=lambda item: (-item[1], titles[item[0]]))
        return [self.catalog[i] for i, _ in best]

    def sources_of(self, record: Record) -> list[Record]:
        """Every source a record cites, in its own fields or nested (budget lines, a quote's source)."""
        out = self.catalog.targets(record.id, "sources")
        seen = {r.id for r in out}
        for target in self.catalog.targets(record.id):
            if target.type == "source" and target.id not in seen:
                seen.add(target.id)
                out.append(target)
        return out

    def place_name(self, place: Record) -> str:
        """``Overvecht (Utrecht)`` for a wijk, ``Utrecht`` for a gemeente."""
        parent = self.get(str(place.get("municipality", "")))
        return f"{place.title} ({parent.title})" if parent is not None else place.title

    def place_names(self, places: Iterable[Record]) -> list[str]:
        return [self.place_name(p) for p in places]

    def wijken(self, gemeente: Record) -> list[Record]:
        return [p for p in self.catalog.mentioned_in(gemeente.id, "place") if p.get("municipality") == gemeente.id]

    def gemeenten(self, places: Iterable[Record]) -> list[Record]:
        return [p for p in places if p.get("kind") == "gemeente"]

    def loose_places(self, places: Iterable[Record]) -> list[Record]:
        """Wijken without a published gemeente (shown apart on the places overview)."""
        return [p for p in places if p.get("kind") != "gemeente" and self.get(str(p.get("municipality", ""))) is None]

    def roles(self, example: Record, organisation: Record) -> str:
        """What an organisation did in an example: its roles, joined."""
        found = [
            str(o.get("role", ""))
            for o in example.get("organisations", ())
            if o.get("organisation") == organisation.id and o.get("role")
        ]
        return "; ".join(found)

    def bibliography(self, sources: Iterable[Record]) -> list[Record]:
        """Sources by publisher name, then date, then title."""

        def key(source: Record) -> tuple[str, str, str]:
            publisher = self.get(str(source.get("publisher", "")))
            return (
                (publisher.title if publisher else "").casefold(),
                str(source.get("date", "")),
                source.title.casefold(),
            )

        return sorted(sources, key=key)

    def by_type(self, records: Iterable[Record], type_name: str) -> list[Record]:
        return [r for r in records if r.type == type_name]

    def of_type(self, type_name: str) -> list[Record]:
        return self.catalog.of_type(type_name)

    # -- blocks of Markdown shared by the record templates ----------------------------------
    # Plain methods, not Jinja macros: a macro call costs about ten times as much, on every page.

    def section(self, title: str, records: list[Record], level: str = "##") -> str:
        """``## Titel`` and a list of links; nothing when there are no records."""
        if not records:
            return ""
        return f"{level} {title}\n\n" + "".join(f"- {self.link(r)}\n" for r in records) + "\n"

    def prose_list(self, items: Iterable[object]) -> str:
        return "".join("- " + self.prose(item).replace("\n", "\n  ") + "\n" for item in items)

    def status_note(self, record: Record) -> str:
        if record.status != "verouderd":
            return ""
        return (
            '!!! warning "Verouderd"\n'
            f"    Deze {record.rtype.label} is verouderd: de inhoud klopt mogelijk niet meer "
            "met de huidige praktijk.\n\n"
        )

    def citation(self, source: Record) -> str:
        """``[Titel](…), [Uitgever](…), 3 mei 2022. <https://…>``."""
        out = self.link(source)
        publisher = self.get(str(source.get("publisher", "")))
        if publisher is not None:
            out += ", " + self.link(publisher)
        if source.get("date"):
            out += ", " + self.date(source.get("date"))
        if source.get("url"):
            out += ". " + self.url_link(source.get("url"))
        return out

    def sources(self, record: Record) -> str:
        found = self.sources_of(record)
        if not found:
            return ""
        return "## Bronnen\n\n" + "".join(f"- {self.citation(s)}\n" for s in found) + "\n"

    def tags(self, record: Record) -> str:
        """``**Thema's:** … · **Plaatsen:** …`` under the summary."""
        parts = []
        themes = self.targets(record, "themes")
        if themes:
            parts.append("**Thema's:** " + self.links(themes))
        places = self.targets(record, "places")
        if places:
            parts.append("**Plaatsen:** " + self.place_links(places))
        return " · ".join(parts) + "\n{: .wg-tags }\n\n" if parts else ""

    def quotes(self, quotes: list[Record]) -> str:
        if not quotes:
            return ""
        out = "## Citaten\n\n"
        for q in quotes:
            out += f"> {self.text(q.get('text'))}\n>\n> — {self.link(q, str(q.get('speaker')))}\n\n"
        return out

    def footer(self, record: Record) -> str:
        """ "Genoemd in", "Verwant" and "Laatst nagekeken": the foot of every record page."""
        out = ""
        groups = self.mentioned_in(record)
        if groups:
            out += "## Genoemd in\n\n" + "".join(f"- {g.label}: {self.links(g.records)}\n" for g in groups) + "\n"
        out += self.related_section(record)
        if record.reviewed:
            out += f"Laatst nagekeken: {self.date(record.reviewed)}\n{{: .wg-reviewed }}\n"
        return out

    def related_section(self, record: Record) -> str:
        related = self.related(record)
        if not related:
            return ""
        out = "## Verwant\n\nOver dezelfde thema's of plaatsen:\n\n"
        return out + "".join(f"- {self.label(r)}: {self.link(r)}\n" for r in related) + "\n"

    def chapter_link(self, chapter: Record) -> str:
        """A link to a chapter, named with its number."""
        return self.link(chapter, chapter_title(chapter))

    def label(self, record: Record) -> str:
        """Dutch singular with a capital: ``Les``, ``Praktijkvoorbeeld``."""
        return record.rtype.label.capitalize()

    def group_label(self, type_name: str) -> str:
        return GROUP_LABELS[type_name]


def _group(records: Iterable[Record]) -> list[Group]:
    by_type: dict[str, list[Record]] = {}
    for record in records:
        by_type.setdefault(record.type, []).append(record)
    return [Group(GROUP_LABELS[t.name], by_type[t.name]) for t in RECORD_TYPES if t.name in by_type]
