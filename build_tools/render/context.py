"""What a template may ask about the catalog, as seen from one page.

Templates only lay out; every question about records (what links here, what is
related, how a place is named) is answered here, in plain Python that tests call.
"""

from __future__ import annotations

import datetime as dt
import heapq
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .. import formatting
from ..formatting import chapter_title
from ..link import Catalog
from ..markup import CITED_REFS
from ..model import PartialDate, Record, dutch_date
from ..schema import (
    BEGRIP,
    CHAPTER,
    DILEMMA,
    EVENT,
    EXAMPLE,
    LESSON,
    PLACE,
    QUOTE,
    RECORD_TYPES,
    SOURCE,
    THEME,
    TYPES_BY_NAME,
    TypeName,
)
from .links import (
    HOME,
    escape_md,
    expand_refs,
    md_link,
    overview_src,
    record_src,
    ref_resolver,
    relative,
)

#: How many related records a page shows.
RELATED_LIMIT = 6


@dataclass(frozen=True)
class Group:
    """A heading and the records under it."""

    label: str
    records: list[Record]


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
        #: Records already linked in the page's link lists (and its header): each is listed once.
        self.listed: set[str] = set()

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

    def overview(self, type_name: TypeName, anchor: str = "") -> str:
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

    def body(self, record: Record) -> str:
        """A record's body (Markdown), in the block whose first uses of glossary terms are marked."""
        text = self.prose(record.body)
        if not text:
            return ""
        glossary = self.overview(BEGRIP.name)
        return f'<div class="wg-body" markdown data-wg-terms="{glossary}">\n\n{text}\n\n</div>'

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
    def term_heading(term: object) -> str:
        return formatting.term_heading(str(term))

    @staticmethod
    def euros(amount: int) -> str:
        return formatting.euros(amount)

    @staticmethod
    def period(period: dict[str, object] | None) -> str:
        return formatting.period(period)

    # -- records -----------------------------------------------------------------------------

    def get(self, record_id: str) -> Record | None:
        record = self.catalog.get(record_id)
        return record if record is not None and record.published else None

    def targets(self, record: Record, field_name: str) -> list[Record]:
        return self.catalog.targets(record.id, field_name)

    def both(self, record: Record, field_name: str, type_name: TypeName) -> list[Record]:
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
        linked = self.catalog.neighbours(record.id) | {record.id}
        keys = (*record.refs("themes"), *record.refs("places"))
        if record.type in (THEME.name, PLACE.name):
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
            if target.type == SOURCE.name and target.id not in seen:
                seen.add(target.id)
                out.append(target)
        return out

    def place_name(self, place: Record) -> str:
        """``Overvecht (Utrecht)`` for a wijk, ``Utrecht`` for a gemeente."""
        return formatting.place_name(place, self.get)

    def place_names(self, places: Iterable[Record]) -> list[str]:
        return [self.place_name(p) for p in places]

    def wijken(self, gemeente: Record) -> list[Record]:
        return [p for p in self.catalog.mentioned_in(gemeente.id, PLACE.name) if p.get("municipality") == gemeente.id]

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

    def by_type(self, records: Iterable[Record], type_name: TypeName) -> list[Record]:
        return [r for r in records if r.type == type_name]

    def of_type(self, type_name: TypeName) -> list[Record]:
        return self.catalog.of_type(type_name)

    # -- blocks of Markdown shared by the record templates ----------------------------------
    # Plain methods, not Jinja macros: a macro call costs about ten times as much, on every page.

    def mark(self, record: Record | None) -> str:
        """Count ``record`` as listed (it is linked above the link lists); renders as nothing."""
        if record is not None:
            self.listed.add(record.id)
        return ""

    def fresh(self, records: Iterable[Record]) -> list[Record]:
        """The records not yet listed on this page, now marked as listed."""
        out = []
        for record in records:
            if record.id not in self.listed:
                self.listed.add(record.id)
                out.append(record)
        return out

    def section(self, title: str, records: list[Record], level: str = "##") -> str:
        """``## Titel`` and a list of links to records not listed before; nothing when none is left."""
        records = self.fresh(records)
        if not records:
            return ""
        return f"{level} {title}\n\n" + "".join(f"- {self.link(r)}\n" for r in records) + "\n"

    @staticmethod
    def links_open() -> str:
        """Start of the link lists after the body (what the record names, where it is mentioned, related)."""
        return '<div class="wg-links" markdown>\n\n'

    @staticmethod
    def links_close() -> str:
        return "</div>\n\n"

    def prose_list(self, items: Iterable[object]) -> str:
        return "".join("- " + self.prose(item).replace("\n", "\n  ") + "\n" for item in items)

    def status_note(self, record: Record) -> str:
        if record.status != "verouderd":
            return ""
        return (
            '!!! warning "Verouderd"\n'
            f"    {record.rtype.this.capitalize()} is verouderd: de inhoud klopt mogelijk niet meer "
            "met de huidige praktijk.\n\n"
        )

    def citation(self, source: Record) -> str:
        """``[Titel](…), [Uitgever](…), 3 mei 2022. <https://…>``."""
        out = self.link(source)
        publisher = self.get(str(source.get("publisher", "")))
        if publisher is not None:
            out += ", " + (self.text(publisher.title) if publisher.id in self.listed else self.link(publisher))
            self.listed.add(publisher.id)
        if source.get("date"):
            out += ", " + self.date(source.get("date"))
        if source.get("url"):
            out += ". " + self.url_link(source.get("url"))
        return out

    def sources(self, record: Record) -> str:
        found = self.fresh(self.sources_of(record))
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
        """The quotes in full, each with its speaker linking to the quote's page."""
        quotes = self.fresh(quotes)
        if not quotes:
            return ""
        return "## Citaten\n\n" + "".join(self.quote_block(q) for q in quotes)

    def quote_block(self, quote: Record) -> str:
        """``> tekst`` and ``— [spreker](…), rol``: the whole quote once, the speaker as link text."""
        role = quote.get("role")
        who = self.link(quote, str(quote.get("speaker"))) + (f", {self.text(role)}" if role else "")
        return f"> {self.text(quote.get('text'))}\n>\n> — {who}\n\n"

    def mentioned(self, record: Record) -> str:
        """ "Genoemd in": records naming this one that no list above showed yet, grouped by type."""
        groups = _group(self.fresh(self.catalog.mentioned_in(record.id)))
        if not groups:
            return ""
        return "## Genoemd in\n\n" + "".join(f"- {g.label}: {self.links(g.records)}\n" for g in groups) + "\n"

    def footer(self, record: Record) -> str:
        """ "Laatst nagekeken" and the way on through the chapter: the foot of every record page."""
        out = ""
        if record.reviewed:
            out += f"Laatst nagekeken: {self.date(record.reviewed)}\n{{: .wg-reviewed }}\n\n"
        return out + self.pager(record)

    def related_section(self, record: Record) -> str:
        _, previous, following = self.neighbours(record)
        pager = {r.id for r in (previous, following) if r is not None}  # linked by the pager already
        related = self.fresh(r for r in self.related(record) if r.id not in pager)
        if not related:
            return ""
        out = "## Verwant\n\nOver dezelfde thema's of plaatsen:\n\n"
        return out + "".join(f"- {self.label(r)}: {self.link(r)}\n" for r in related) + "\n"

    # -- where the page sits: breadcrumb, previous/next, description ------------------------

    def header(self, record: Record) -> str:
        """The breadcrumb above the title: ``Wijkengids › Hoofdstuk 3. Sleutels tot succes › Les``.

        A record in a chapter shows its (first) chapter, one in none the overview of its type; a
        record in more chapters names the others on a line below. The chapters count as listed.
        """
        home = relative(self.src, HOME)
        crumbs = [md_link("Wijkengids", home)]
        chapters = self.chapters_of(record) if record.type != CHAPTER.name else []
        if record.type == CHAPTER.name:
            crumbs.append(md_link(CHAPTER.heading, self.overview(CHAPTER.name)))
            number = int(record.get("number", 0))
            here = f"Hoofdstuk {number}" if number else record.rtype.label.capitalize()
        else:
            if chapters:
                crumbs.append(self.link(chapters[0], chapter_title(chapters[0], long=True)))
            else:
                crumbs.append(md_link(TYPES_BY_NAME[record.type].heading, self.overview(record.type)))
            here = self.label(record)
        self.listed.update(c.id for c in chapters)
        items = "".join(f"- {c}\n" for c in crumbs) + f'- <span class="wg-here">{escape_md(here)}</span>\n'
        out = f'<nav class="wg-crumbs" aria-label="Kruimelpad" markdown="1">\n\n{items}\n</nav>\n\n'
        if len(chapters) > 1:
            also = ", ".join(self.link(c, chapter_title(c, long=True)) for c in chapters[1:])
            out += f"Ook in {also}\n{{: .wg-also }}\n\n"
        return out

    def neighbours(self, record: Record) -> tuple[Record | None, Record | None, Record | None]:
        """(chapter, previous item, next item) of a record in its first chapter."""
        chapters = self.chapters_of(record)
        if not chapters:
            return None, None, None
        items = self.catalog.targets(chapters[0].id, "items")
        index = next(i for i, r in enumerate(items) if r.id == record.id)
        previous = items[index - 1] if index > 0 else None
        following = items[index + 1] if index + 1 < len(items) else None
        return chapters[0], previous, following

    def pager(self, record: Record) -> str:
        """Previous and next within the record's chapter (a navigation, apart from the link lists)."""
        chapter, previous, following = self.neighbours(record)
        if chapter is None or (previous is None and following is None):
            return ""
        number = int(chapter.get("number", 0))
        name = f"hoofdstuk {number}" if number else chapter.title
        out = f'<nav class="wg-pager" aria-label="Verder in {escape_md(name)}" markdown="1">\n\n'
        if previous is not None:
            out += f"- Vorige in {escape_md(name)}: {self.label(previous)} {self.link(previous)}\n"
        if following is not None:
            out += f"- Volgende in {escape_md(name)}: {self.label(following)} {self.link(following)}\n"
        return out + "\n</nav>\n"

    # -- the timeline ------------------------------------------------------------------------

    def events(self, chapter: Record | None = None) -> list[Record]:
        """Events by date (those of ``chapter`` only, if given); undated parts sort first in their year."""
        found = self.catalog.of_type(EVENT.name)
        if chapter is not None:
            found = [e for e in found if e.get("chapter") == chapter.id]
        return sorted(found, key=_event_order)

    def timeline(self, events: list[Record]) -> str:
        """The timeline as an ordered list (drawn as a line with dates by the stylesheet)."""
        if not events:
            return ""
        out = '<div class="wg-timeline" markdown>\n\n'
        for event in events:
            date = event.get("date")
            when = f'<time datetime="{date}">{self.date(date)}</time>'
            text = self.prose(event.get("description")).replace("\n", " ")
            out += f"1. {when} **{self.link(event)}**  \n   {text}\n"
        return out + "\n</div>\n\n"

    def chapter_link(self, chapter: Record) -> str:
        """A link to a chapter, named with its number."""
        return self.link(chapter, chapter_title(chapter))

    def label(self, record: Record) -> str:
        """Dutch singular with a capital: ``Les``, ``Praktijkvoorbeeld``."""
        return record.rtype.label.capitalize()

    def group_label(self, type_name: TypeName) -> str:
        return TYPES_BY_NAME[type_name].heading


def _event_order(event: Record) -> tuple[int, int, int, str]:
    """By date; a date known only to the year or month comes before the days of that year or month."""
    date = event.get("date")
    if isinstance(date, PartialDate):
        return (date.year, date.month or 0, date.day or 0, event.title.casefold())
    if isinstance(date, dt.date):
        return (date.year, date.month, date.day, event.title.casefold())
    return (0, 0, 0, event.title.casefold())


def _group(records: Iterable[Record]) -> list[Group]:
    by_type: dict[str, list[Record]] = {}
    for record in records:
        by_type.setdefault(record.type, []).append(record)
    return [Group(t.heading, by_type[t.name]) for t in RECORD_TYPES if t.name in by_type]


# -- per-page metadata -------------------------------------------------------------------------

#: A description longer than this is cut at a word (search engines show about 155 characters).
DESCRIPTION_MAX = 160

_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARKS = re.compile(r"(\*\*|__|\*|_|`|^#+\s*|^>\s*|^[-*+]\s+|^\d+\.\s+)", re.MULTILINE)


def plain_text(markdown: str, catalog: Catalog | None = None) -> str:
    """Markdown (with ``[[id]]`` references) as one line of plain text, for a description."""

    def ref(target_id: str, label: str | None) -> str:
        if label and label.strip():
            return label.strip()
        target = catalog.get(target_id) if catalog is not None else None
        return target.title if target is not None else target_id

    text = CITED_REFS.sub("", markdown)  # "(…[[bron]])": a citation, not part of the sentence
    text = expand_refs(text, ref)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_MARKS.sub("", text)
    return " ".join(text.replace("\\", "").split())


def shorten(text: str, limit: int = DESCRIPTION_MAX) -> str:
    """``text`` up to ``limit`` characters, cut at a word with ``…``."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:–-") + " …"


def first_paragraph(markdown: str) -> str:
    """The first paragraph of running text in Markdown (not a heading, list, quote or HTML)."""
    for block in markdown.split("\n\n"):
        block = block.strip()
        if block and not block.startswith(("#", "<", "-", "{:", "!!!", ">", "|", "*", "1.")):
            return "\n".join(line for line in block.splitlines() if not line.startswith("{:"))
    return ""


def page_title(record: Record) -> str:
    """The page's ``<title>`` (before `` - Wijkengids``): distinct even where a chapter and a theme share a name."""
    if record.type == CHAPTER.name:
        return chapter_title(record, long=True)
    if record.type == THEME.name:
        return f"Thema: {record.title}"
    if record.type == BEGRIP.name:
        return f"{record.rtype.title}: {formatting.term_heading(record.title)}"
    return record.title


def describe(record: Record, catalog: Catalog) -> str:
    """The page's ``<meta name="description">``: the record's own summary in plain text.

    A lesson's summary, a dilemma's question, a quote with its speaker, the opening of a
    chapter's or an example's text, a list record's description; else one sentence saying
    what the page holds.
    """
    label = record.rtype.label
    if record.type == LESSON.name:
        text = plain_text(str(record.get("summary", "")), catalog)
    elif record.type == DILEMMA.name:
        text = f"{record.get('question')} De twee kanten, de overwegingen en het standpunt van de gids."
    elif record.type == QUOTE.name:
        speaker = f"{record.get('speaker')}: ‘"
        return speaker + shorten(" ".join(str(record.get("text")).split()), DESCRIPTION_MAX - len(speaker) - 1) + "’"
    elif record.type == BEGRIP.name:
        text = f"{formatting.term_heading(record.title)}: {record.get('definition', '')}"
    elif record.type in (CHAPTER.name, EXAMPLE.name):
        text = plain_text(first_paragraph(record.body), catalog)
    elif record.get("description"):
        text = f"{record.title}: {plain_text(str(record.get('description')), catalog)}"
    elif record.type == SOURCE.name:
        publisher = catalog.get(str(record.get("publisher", "")))
        by = f" van {publisher.title}" if publisher is not None else ""
        text = (
            f"{SOURCE.title}{by} waarop de wijkengids steunt: {record.title}, "
            "met de lessen en voorbeelden die haar citeren."
        )
    else:
        text = (
            f"{label.capitalize()} {record.title} in de wijkengids: "
            "de lessen, dilemma's, praktijkvoorbeelden en citaten erover."
        )
    return shorten(" ".join(text.split()) or f"{label.capitalize()}: {record.title}")
