"""The print HTML: a chapter or the whole guide as one HTML document for WeasyPrint.

:func:`build_document` turns the catalog into a plain document model (chapters,
sections, items, sources, questions) with every cross-reference resolved for this
PDF; :func:`render_html` fills the Jinja2 template with it. No WeasyPrint here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from .. import formatting
from ..formatting import chapter_label, term_heading
from ..link import Catalog
from ..model import PartialDate, Record, dutch_date
from ..schema import (
    BEGRIP,
    CHAPTER,
    DILEMMA,
    EDITORIAL_DEFINITION,
    EDITORIAL_HEADINGS,
    EDITORIAL_LEGEND,
    EDITORIAL_NOTE,
    EVENT,
    EXAMPLE,
    LESSON,
    PLACE,
    QUOTE,
    RECORD_TYPES,
    SOURCE,
    TYPES_BY_NAME,
    TypeName,
    field_label,
)
from ..terms import PRINT_ANCHOR, Term, glossary_terms
from .markup import DEFAULT_SITE_URL, REGISTER_TYPES, MarkdownRenderer, Resolver, short_address
from .packs import Pack
from .references import mark_references, order_register_pages

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates" / "print"
TEMPLATE_NAME = "document.html.j2"
STYLESHEET_NAME = "print.css"
DEFAULT_GUIDE_NAME = "Wijkengids"
#: The whole guide's back matter.
GLOSSARY_ANCHOR = BEGRIP.plural
ALL_SOURCES_ANCHOR = "alle-bronnen"
REGISTER_ANCHOR = "register"


@dataclass(frozen=True)
class Section:
    """A heading of the document: in the contents, in the bookmarks, in the tests."""

    anchor: str
    title: str
    level: int  # 1 chapter, 2 section
    in_toc: bool = True  # the whole guide's contents skip goals and introductions


@dataclass(frozen=True)
class Lesson:
    anchor: str
    title: str
    summary: Markup
    body: Markup
    apply: list[Markup]
    examples: list[Markup]
    dilemmas: list[Markup]
    themes: list[Markup]
    kind: TypeName = LESSON.name


@dataclass(frozen=True)
class Dilemma:
    anchor: str
    title: str
    pole_a: str
    pole_b: str
    question: str
    body: Markup
    considerations: list[Markup]
    view: Markup
    lessons: list[Markup]
    kind: TypeName = DILEMMA.name


@dataclass(frozen=True)
class Example:
    anchor: str
    title: str
    body: Markup
    places: list[Markup]
    period: str
    organisations: list[tuple[Markup, str]]  # (name, role)
    budget: list[tuple[str, str, Markup]]  # (amount, description, source reference)
    results: list[Markup]
    source_notes: Markup
    lessons: list[Markup]
    kind: TypeName = EXAMPLE.name


@dataclass(frozen=True)
class Quote:
    anchor: str
    title: str
    text: str
    speaker: str
    role: str
    organisation: Markup
    date: str
    source: Markup
    kind: TypeName = QUOTE.name


Item = Lesson | Dilemma | Example | Quote


@dataclass(frozen=True)
class SourceEntry:
    anchor: str
    title: str
    publisher: str
    date: str
    kind: str
    url: str
    address: str


@dataclass(frozen=True)
class SourceListing:
    """A source in the whole guide's list of all sources, with the chapter lists that name it."""

    entry: SourceEntry
    cited: list[str]  # anchors of its entries in the chapters' source lists


@dataclass(frozen=True)
class RegisterEntry:
    """A theme, place or organisation in the register, with the anchors where its name is printed."""

    id: str
    name: str
    anchors: list[str]


@dataclass(frozen=True)
class RegisterGroup:
    title: str  # "Thema's"
    anchor: str
    entries: list[RegisterEntry]


@dataclass(frozen=True)
class TimelineEntry:
    """An event on the chapter's timeline (the ``event`` records that name the chapter)."""

    date: str  # "22 maart 2007"
    datetime: str  # "2007-03-22"
    title: str
    description: Markup
    sources: list[Markup]


@dataclass(frozen=True)
class GlossaryEntry:
    """A glossary term in print: its anchor (the target of its marks), definition and where it comes from."""

    anchor: str
    term: str
    definition: str
    source: str  # "Bron: …", or the editors' mark when no source gives it

    @property
    def editorial(self) -> bool:
        """The editors' own explanation (no source gives it): its mark is set on one line."""
        return self.source == EDITORIAL_DEFINITION


@dataclass(frozen=True)
class Question:
    text: str
    context: Markup  # "" for the chapter's own questions, else the dilemma it belongs to


#: A chapter's last page holds its terms (a chapter PDF's "Begrippen"), notes ("Noten"), questions and
#: the ruled room for notes below them when notes + 2 × questions + 3 × terms (about the lines each
#: takes) stay within this; with more, they close the chapter and the ruled room fills a page of its own.
LAST_PAGE_LINES = 20


@dataclass(frozen=True)
class Chapter:
    id: str
    anchor: str
    number: int
    label: str  # "Hoofdstuk 7" or "Vooraf"
    title: str
    goals: list[str]
    intro: Markup
    items: list[Item]
    sources: list[SourceEntry]
    questions: list[Question]
    sections: list[Section]  # the chapter heading first, then its sections
    timeline: list[TimelineEntry] = field(default_factory=list)
    #: The chapter's web page, printed beside its QR code.
    url: str = ""
    #: Online-only references of the chapter: (number, short address), printed as "Noten".
    notes: list[tuple[int, str]] = field(default_factory=list)
    #: A chapter PDF: the glossary terms its texts use ("Begrippen in dit hoofdstuk").
    terms: list[GlossaryEntry] = field(default_factory=list)

    @property
    def last_page(self) -> bool:
        """Whether notes and questions share the last page with the ruled room (:data:`LAST_PAGE_LINES`)."""
        return len(self.notes) + 2 * len(self.questions) + 3 * len(self.terms) <= LAST_PAGE_LINES

    @property
    def question_groups(self) -> list[tuple[Markup, int, list[str]]]:
        """The questions in runs of one context (a dilemma), each named once above its run:
        (context, the number of the run's first question, the questions)."""
        groups: list[tuple[Markup, int, list[str]]] = []
        for number, question in enumerate(self.questions, start=1):
            if groups and groups[-1][0] == question.context:
                groups[-1][2].append(question.text)
            else:
                groups.append((question.context, number, [question.text]))
        return groups


@dataclass(frozen=True)
class Document:
    """One PDF: a chapter (``kind == "chapter"``) or the whole guide (``"guide"``)."""

    kind: str
    title: str  # the PDF's title metadata
    guide_name: str
    edition: dt.date
    chapters: list[Chapter]
    site_url: str
    keywords: list[str] = field(default_factory=list)
    publisher: str = ""
    licence: str = ""
    #: The whole guide's back matter: every source, and the register of names.
    all_sources: list[SourceListing] = field(default_factory=list)
    register: list[RegisterGroup] = field(default_factory=list)
    #: What the cover's QR code opens: "dit hoofdstuk", "dit thema", "deze plaats", "de gids".
    online_what: str = "dit hoofdstuk"

    @property
    def address(self) -> str:
        """The site's short address, as printed: ``wijkengids.github.io/wijkengids/``."""
        return short_address(self.site_url)

    @property
    def citation(self) -> Markup:
        """How to cite the guide (APA-like, in Dutch); the address never broken or hyphenated."""
        who = self.publisher or self.guide_name
        return Markup('{} ({}). {} Editie {}. Geraadpleegd via <span class="address">{}</span>').format(
            who, self.edition.year, full_stop(self.title), self.edition_text, self.site_url
        )

    @property
    def edition_text(self) -> str:
        return dutch_date(self.edition)

    #: The whole guide: every published glossary term, A–Z, after the chapters.
    glossary: list[GlossaryEntry] = field(default_factory=list)

    @property
    def sections(self) -> list[Section]:
        found = [section for chapter in self.chapters for section in chapter.sections]
        if self.glossary:
            found.append(Section(GLOSSARY_ANCHOR, BEGRIP.heading, 1))
        if self.all_sources:
            found.append(Section(ALL_SOURCES_ANCHOR, "Alle bronnen", 1))
        if self.register:
            found.append(Section(REGISTER_ANCHOR, "Register", 1))
        return found


def build_document(
    catalog: Catalog,
    chapter_ids: Sequence[str] | None = None,
    *,
    guide_name: str = DEFAULT_GUIDE_NAME,
    site_url: str = DEFAULT_SITE_URL,
    publisher: str = "",
    licence: str = "",
) -> Document:
    """The document model of one chapter (``[id]``) or of the whole guide (``None``)."""
    whole = chapter_ids is None
    records = catalog.of_type(CHAPTER.name) if whole else [catalog[c] for c in chapter_ids or ()]
    resolver = Resolver(catalog, site_url, indexing=whole)
    for chapter in records:
        resolver.place(chapter.id, chapter.id, chapter.id)
        for item in _items_of(catalog, chapter):
            resolver.place(item.id, chapter.id, f"{chapter.id}__{item.id}")
        for source in _sources_of(catalog, chapter):
            resolver.place(source.id, chapter.id, f"{chapter.id}__bron__{source.id}")
    terms = glossary_terms(catalog.records.values())
    md = MarkdownRenderer(resolver, terms=terms)
    chapters = [_chapter(catalog, md, chapter, whole=whole) for chapter in records]
    all_sources = _all_sources(catalog, records) if whole else []
    register = _register(catalog, resolver) if whole else []
    included = [catalog[c.id] for c in chapters]
    for chapter in records:
        included.extend(_items_of(catalog, chapter))
    edition = max((r.reviewed for r in included if r.reviewed is not None), default=dt.date(2000, 1, 1))
    if whole or len(records) != 1:
        title = f"{guide_name} – alle hoofdstukken"  # the house dash (the licence line: "Wijkengids – inhoud …")
        keywords = ["wijkaanpak", "leerkring"]
    else:
        # "Vooraf – wat deze gids wil" alone, never "Vooraf: Vooraf – …"
        title = f"{guide_name} – " + (
            chapters[0].title if chapters[0].number == 0 else f"{chapters[0].label}: {chapters[0].title}"
        )
        keywords = ["wijkaanpak", "leerkring", chapters[0].title]
    return Document(
        kind="guide" if whole else "chapter",  # the document kind, not a record type
        title=title,
        guide_name=guide_name,
        edition=edition,
        chapters=chapters,
        site_url=site_url,
        keywords=keywords,
        publisher=publisher,
        licence=licence,
        glossary=_glossary(catalog, terms) if whole else [],
        all_sources=all_sources,
        register=register,
    )


def _all_sources(catalog: Catalog, chapters: Sequence[Record]) -> list[SourceListing]:
    """Every source the chapters name, once, in the chapters' order (publisher, title), with where each is listed."""
    cited: dict[str, list[str]] = {}
    found: dict[str, Record] = {}
    for chapter in chapters:
        for source in _sources_of(catalog, chapter):
            found.setdefault(source.id, source)
            cited.setdefault(source.id, []).append(f"{chapter.id}__bron__{source.id}")
    ordered = sorted(found.values(), key=lambda s: (_name(catalog, s.get("publisher")).casefold(), s.title.casefold()))
    return [SourceListing(_source(catalog, "alle-bronnen", s), cited[s.id]) for s in ordered]


def _register(catalog: Catalog, resolver: Resolver) -> list[RegisterGroup]:
    """The register: per type (themes, places, organisations) every name printed in the guide, A–Z."""
    groups: list[RegisterGroup] = []
    lookup = _published(catalog)
    for type_name in REGISTER_TYPES:
        entries = [
            RegisterEntry(
                record.id,
                formatting.place_name(record, lookup) if type_name == PLACE.name else record.title,
                resolver.register[record.id],
            )
            for record in catalog.of_type(type_name)
            if resolver.register.get(record.id)
        ]
        if entries:
            entries.sort(key=lambda e: e.name.casefold())
            groups.append(RegisterGroup(TYPES_BY_NAME[type_name].heading, f"{REGISTER_ANCHOR}__{type_name}", entries))
    return groups


def _glossary(catalog: Catalog, terms: Sequence[Term]) -> list[GlossaryEntry]:
    """Glossary entries for print, in the order of ``terms``; each says where its definition comes from."""
    out = []
    for term in terms:
        cited = [s for s in catalog.targets(term.id, "sources") if s.published]
        sources = [f"{_name(catalog, s.get('publisher'))}, {s.title}" for s in cited]
        where = ("Bron: " + "; ".join(sources)) if sources else EDITORIAL_DEFINITION
        out.append(GlossaryEntry(PRINT_ANCHOR.format(term.id), term_heading(term.term), term.definition, where))
    return out


#: The running head holds this many characters on one line beside "pagina 95 van 95" (8.5 pt).
RUNNING_HEAD_CHARS = 60


def running_head(title: str, limit: int = RUNNING_HEAD_CHARS) -> str:
    """``title`` as a running head on one line: a longer one cut after a whole word, with "…"."""
    if len(title) <= limit:
        return title
    cut = title[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:–- ")
    return f"{cut} …"


def address_parts(url: str) -> Markup:
    """``url``'s short address in unbreakable parts, each ending in "/": a line may break only after
    a slash, never inside a name or at a hyphen (beside a QR code, where the whole does not fit)."""
    parts = re.findall(r"[^/]*/|[^/]+$", short_address(url))
    return Markup("").join(Markup('<span class="address">{}</span>').format(part) for part in parts)


def full_stop(text: str) -> str:
    """``text`` closed with a full stop, unless it already ends a sentence (no "bottom-up?.")."""
    return text if text.rstrip().endswith((".", "?", "!", "…")) else f"{text}."


def qr_data_uri(url: str) -> str:
    """A QR code of ``url`` as an SVG data URI (segno, made locally; error correction M)."""
    import segno

    return str(segno.make_qr(url, error="m").svg_data_uri(scale=4, border=2, dark="#111"))


def render_html(document: Document) -> str:
    """The print HTML of a document (the stylesheet is linked, not inlined)."""
    html = (
        _environment()
        .get_template(TEMPLATE_NAME)
        .render(
            doc=document,
            stylesheet=STYLESHEET_NAME,
            labels={t.name: t.title for t in RECORD_TYPES},
            editorial=EDITORIAL_HEADINGS,
            editorial_note=EDITORIAL_NOTE,
            editorial_legend=EDITORIAL_LEGEND,
            glossary_heading=BEGRIP.heading,
            glossary_anchor=GLOSSARY_ANCHOR,
        )
    )
    return mark_references(separate_register_pages(order_register_pages(html)))


_REG_PAGES = re.compile(r'(<span class="reg-pages">)(.*?)(</span>)', re.S)
_REG_LINK = re.compile(r'<a class="reg-page"[^>]*></a>')
#: Between two page numbers of a register entry: real text, so that a line may break after it.
#: (WeasyPrint cannot always break between two links whose comma is generated content: a register
#: entry then left its name alone on a line.) A hidden duplicate page hides the comma before it.
REGISTER_SEPARATOR = '<span class="reg-sep">, </span>'


def separate_register_pages(html: str) -> str:
    """The page links of each register and source-list entry separated by :data:`REGISTER_SEPARATOR`."""

    def separate(match: re.Match[str]) -> str:
        links = _REG_LINK.findall(match.group(2))
        return match.group(1) + REGISTER_SEPARATOR.join(links) + match.group(3)

    return _REG_PAGES.sub(separate, html)


def stylesheet_path() -> Path:
    return TEMPLATE_DIR / STYLESHEET_NAME


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["field_label"] = field_label
    env.globals["types"] = dict(TYPES_BY_NAME)  # `types.quote.name`: the model's type names, as on the site
    env.filters["qr"] = qr_data_uri
    env.filters["full_stop"] = full_stop
    env.filters["running_head"] = running_head
    env.filters["address_parts"] = address_parts
    env.filters["short_address"] = short_address
    return env


def _items_of(catalog: Catalog, chapter: Record) -> list[Record]:
    out: list[Record] = []
    for item_id in chapter.refs("items"):
        item = catalog.get(item_id)
        if item is not None and item.published and item not in out:
            out.append(item)
    return out


def _events_of(catalog: Catalog, chapter: Record) -> list[Record]:
    """The chapter's timeline: published events that name it, by date (as on the site)."""
    found = [e for e in catalog.mentioned_in(chapter.id, EVENT.name) if e.get("chapter") == chapter.id]

    def order(event: Record) -> tuple[int, int, int, str]:
        date = event.get("date")
        if isinstance(date, PartialDate):
            return (date.year, date.month or 0, date.day or 0, event.title.casefold())
        return (0, 0, 0, event.title.casefold())

    return sorted(found, key=order)


def _sources_of(catalog: Catalog, chapter: Record) -> list[Record]:
    """Every published source the chapter, its items or its timeline name, by publisher, date and title."""
    found: dict[str, Record] = {}
    for record in [chapter, *_items_of(catalog, chapter), *_events_of(catalog, chapter)]:
        for target in catalog.targets(record.id):
            if target.type == SOURCE.name:
                found.setdefault(target.id, target)
    return sorted(found.values(), key=lambda s: (_name(catalog, s.get("publisher")).casefold(), s.title.casefold()))


def _name(catalog: Catalog, record_id: str | None) -> str:
    record = catalog.get(record_id) if record_id else None
    return record.title if record is not None else (record_id or "")


def chapter_heading(chapter: Record) -> str:
    """``Hoofdstuk 7. Resultaat boeken en volhouden``; chapter 0 by its title alone."""
    if int(chapter.get("number", 0)) == 0:
        return chapter.title
    return f"{chapter_label(chapter)}. {chapter.title}"


def _chapter(catalog: Catalog, md: MarkdownRenderer, chapter: Record, *, whole: bool) -> Chapter:
    return _assemble(
        catalog,
        md,
        Part(
            id=chapter.id,
            heading=chapter_heading(chapter),
            number=int(chapter.get("number", 0)),
            label=chapter_label(chapter),
            title=chapter.title,
            goals=list(chapter.get("goals", ())),
            intro=chapter.body,
            items=_items_of(catalog, chapter),
            events=_events_of(catalog, chapter),
            questions=list(chapter.get("questions", ())),
            sources=_sources_of(catalog, chapter),
            url=md.resolver.address(chapter.id),
        ),
        whole=whole,
    )


@dataclass(frozen=True)
class Part:
    """What a chapter of print is made of: a chapter record's, or a pack's."""

    id: str
    heading: str  # in the contents and the bookmarks
    number: int
    label: str
    title: str
    goals: list[str]
    intro: str  # Markdown
    items: list[Record]
    events: list[Record]
    questions: list[str]  # its own; the dilemmas' questions are added
    sources: list[Record]
    url: str


def _assemble(catalog: Catalog, md: MarkdownRenderer, part: Part, *, whole: bool) -> Chapter:
    cid = part.id
    # In reading order, so that the notes of online-only references are numbered as read.
    first_term = len(md.used_terms)
    intro = md.body(part.intro, cid)
    timeline = [
        TimelineEntry(
            date=e.get("date").dutch() if isinstance(e.get("date"), PartialDate) else str(e.get("date")),
            datetime=str(e.get("date")),
            title=e.title,
            description=md.inline(str(e.get("description", "")), cid),
            sources=md.resolver.links([r.id for r in catalog.targets(e.id, "sources")], cid),
        )
        for e in part.events
    ]
    items = [_item(catalog, md, cid, item) for item in part.items]
    sources = [_source(catalog, cid, s) for s in part.sources]
    questions = [Question(q, Markup("")) for q in part.questions]
    for item in part.items:
        if item.type == DILEMMA.name:
            context = md.resolver.link(item.id, cid)
            questions.extend(Question(q, context) for q in item.get("questions", ()))
    sections = [Section(cid, part.heading, 1)]
    if part.goals:
        sections.append(Section(f"{cid}__doelen", "Leerdoelen", 2, in_toc=not whole))
    if part.intro.strip():
        sections.append(Section(f"{cid}__inleiding", "Inleiding", 2, in_toc=not whole))
    if timeline:
        sections.append(Section(f"{cid}__tijdlijn", EVENT.heading, 2))
    sections.extend(
        Section(item.anchor, f"{TYPES_BY_NAME[item.kind].title}: {item.title}", 2)
        for item in items
        if item.kind != QUOTE.name
    )
    if sources:
        sections.append(Section(f"{cid}__bronnen", SOURCE.heading, 2))
    notes = list(enumerate(md.resolver.notes.get(cid, []), start=1))
    # A chapter PDF lists the terms its texts use (the whole guide has them all after the chapters).
    used = [] if whole else sorted(md.used_terms[first_term:], key=lambda t: (t.term.casefold(), t.id))
    terms = _glossary(catalog, used)
    if terms:
        sections.append(Section(f"{cid}__begrippen", BEGRIP.heading, 2))
    if notes:
        sections.append(Section(f"{cid}__noten", "Noten", 2))
    sections.append(Section(f"{cid}__vragen", "Gespreksvragen" if questions else "Aantekeningen", 2))
    return Chapter(
        id=cid,
        anchor=cid,
        number=part.number,
        label=part.label,
        title=part.title,
        goals=part.goals,
        intro=intro,
        items=items,
        sources=sources,
        questions=questions,
        sections=sections,
        timeline=timeline,
        notes=notes,
        terms=terms,
        url=part.url,
    )


#: The id (and anchor prefix) of a pack's one part.
PACK_ID = "pakket"


def build_pack_document(
    catalog: Catalog,
    pack: Pack,
    *,
    guide_name: str = DEFAULT_GUIDE_NAME,
    site_url: str = DEFAULT_SITE_URL,
    publisher: str = "",
    licence: str = "",
) -> Document:
    """The document model of a pack: its records as one part, printed like a chapter."""
    resolver = Resolver(catalog, site_url)
    resolver.place(PACK_ID, PACK_ID, PACK_ID)
    for item in pack.items:
        resolver.place(item.id, PACK_ID, f"{PACK_ID}__{item.id}")
    sources: dict[str, Record] = {}
    for record in [*([pack.subject] if pack.subject else []), *pack.items]:
        for target in catalog.targets(record.id):
            if target.type == SOURCE.name:
                sources.setdefault(target.id, target)
    for source in sources.values():
        resolver.place(source.id, PACK_ID, f"{PACK_ID}__bron__{source.id}")
    md = MarkdownRenderer(resolver)
    subject = pack.subject
    url = resolver.address(subject.id) if subject is not None else site_url
    intro = str(subject.get("description", "")) if subject is not None else ""
    part = Part(
        id=PACK_ID,
        heading=f"{pack.label}: {pack.title}",
        number=0,
        label=pack.label,
        title=pack.title,
        goals=[],
        intro=intro,
        items=pack.items,
        events=[],
        questions=[],
        sources=sorted(
            sources.values(), key=lambda s: (_name(catalog, s.get("publisher")).casefold(), s.title.casefold())
        ),
        url=url,
    )
    chapter = _assemble(catalog, md, part, whole=False)
    edition = max((r.reviewed for r in pack.items if r.reviewed is not None), default=dt.date(2000, 1, 1))
    return Document(
        kind="pack",
        title=f"{guide_name} – {pack.label}: {pack.title}",
        guide_name=guide_name,
        edition=edition,
        chapters=[chapter],
        site_url=site_url,
        keywords=["wijkaanpak", "leerkring", pack.title],
        publisher=publisher,
        licence=licence,
        online_what=pack.online,
    )


def _item(catalog: Catalog, md: MarkdownRenderer, cid: str, record: Record) -> Item:
    anchor = f"{cid}__{record.id}"
    links = md.resolver.links
    if record.type == LESSON.name:
        return Lesson(
            anchor=anchor,
            title=record.title,
            summary=md.inline(record.get("summary", ""), cid),
            body=md.body(record.body, cid),
            apply=[md.inline(step, cid) for step in record.get("apply", ())],
            examples=links([r.id for r in catalog.targets(record.id, "examples")], cid),
            dilemmas=links([r.id for r in catalog.targets(record.id, "dilemmas")], cid),
            themes=[md.resolver.term(r.id) for r in catalog.targets(record.id, "themes")],
        )
    if record.type == DILEMMA.name:
        return Dilemma(
            anchor=anchor,
            title=record.title,
            pole_a=record.get("pole_a", ""),
            pole_b=record.get("pole_b", ""),
            question=record.get("question", ""),
            body=md.body(record.body, cid),
            considerations=[md.inline(c, cid) for c in record.get("considerations", ())],
            view=md.block(record.get("view", ""), cid),
            lessons=links([r.id for r in catalog.targets(record.id, "lessons")], cid),
        )
    if record.type == EXAMPLE.name:
        return Example(
            anchor=anchor,
            title=record.title,
            body=md.body(record.body, cid),
            places=[
                md.resolver.term(r.id, formatting.place_name(r, _published(catalog)))
                for r in catalog.targets(record.id, "places")
            ],
            period=formatting.period_with_note(record.get("period")),
            organisations=[
                (
                    md.resolver.term(str(o.get("organisation")), _name(catalog, o.get("organisation"))),
                    str(o.get("role", "")),
                )
                for o in record.get("organisations", ())
            ],
            budget=[
                (
                    formatting.euros(int(b.get("amount", 0))),
                    str(b.get("description", "")),
                    md.resolver.link(b["source"], cid),
                )
                for b in record.get("budget", ())
            ],
            results=[md.inline(r, cid) for r in record.get("results", ())],
            source_notes=md.block(record.get("source_notes", ""), cid),
            lessons=links([r.id for r in catalog.targets(record.id, "lessons")], cid),
        )
    date = record.get("date")
    return Quote(
        anchor=anchor,
        title=record.title,
        text=record.get("text", ""),
        speaker=record.get("speaker", ""),
        role=record.get("role", ""),
        organisation=(
            md.resolver.term(record.get("organisation"), _name(catalog, record.get("organisation")))
            if record.get("organisation")
            else Markup("")
        ),
        date=date.dutch() if isinstance(date, PartialDate) else "",
        source=md.resolver.link(record.get("source", ""), cid),
    )


def _source(catalog: Catalog, cid: str, source: Record) -> SourceEntry:
    date = source.get("date")
    url = str(source.get("url", ""))
    return SourceEntry(
        anchor=f"{cid}__bron__{source.id}",
        title=source.title,
        publisher=_name(catalog, source.get("publisher")),
        date=date.dutch() if isinstance(date, PartialDate) else "",
        kind=str(source.get("kind", "")),
        url=url,
        address=short_address(url) if url else "",
    )


def _published(catalog: Catalog) -> Callable[[str], Record | None]:
    """Look up a published record (what a reader may see named), else ``None``."""

    def lookup(record_id: str) -> Record | None:
        record = catalog.get(record_id)
        return record if record is not None and record.published else None

    return lookup
