"""Markdown and cross-references for paper.

A reference names a record. On paper it becomes "zie pagina N" when the record is
printed in the same PDF (WeasyPrint fills in N with ``target-counter``), or a short
printed address of its web page when it is online only. Pure functions: no WeasyPrint.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import markdown
from markupsafe import Markup, escape

from ..link import Catalog
from ..markup.extension import RefsExtension
from ..schema import ORGANISATION, PLACE, THEME
from ..terms import Term, TermsExtension

DEFAULT_SITE_URL = "https://wijkengids.github.io/wijkengids/"  # the GitHub Pages address of repo_url in mkdocs.yml

#: The record types whose names the whole guide's register lists, in its order.
REGISTER_TYPES = (THEME.name, PLACE.name, ORGANISATION.name)

_HEADING = re.compile(r"<(/?)h([1-6])\b")
#: Headings inside a record's text sit below the record's own heading (h2) and its parts (h3).
_HEADING_SHIFT = 3


@dataclass(frozen=True)
class Placement:
    """Where a record is printed: its chapter and the anchor of its heading or entry."""

    chapter: str
    anchor: str


@dataclass
class Resolver:
    """Turns record ids into printed cross-references for one PDF."""

    catalog: Catalog
    site_url: str = DEFAULT_SITE_URL
    placements: dict[str, list[Placement]] = field(default_factory=dict)
    #: Per chapter: the short addresses of its online-only references, in note order.
    notes: dict[str, list[str]] = field(default_factory=dict)
    #: Whether names of themes, places and organisations are marked for the register.
    indexing: bool = False
    #: Record id → the anchors where its name is printed (for the register), in reading order.
    register: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._terms = 0

    def place(self, record_id: str, chapter: str, anchor: str) -> None:
        self.placements.setdefault(record_id, []).append(Placement(chapter, anchor))

    def anchor_of(self, record_id: str, chapter: str) -> str | None:
        """The anchor of ``record_id`` in this PDF, preferring its place in ``chapter``."""
        found = self.placements.get(record_id)
        if not found:
            return None
        for placement in found:
            if placement.chapter == chapter:
                return placement.anchor
        return found[0].anchor

    def address(self, record_id: str) -> str:
        """The web address of a record's page, e.g. ``https://wijkengids.example.nl/lessen/x/``."""
        record = self.catalog[record_id]
        return f"{self.site_url.rstrip('/')}/{record.rtype.plural}/{record_id}/"

    def term(self, record_id: str, text: str | None = None) -> Markup:
        """The name of a theme, place or organisation as printed, marked for the register."""
        record = self.catalog.get(record_id)
        shown = text if text is not None else (record.title if record is not None else record_id)
        anchor = self._register_anchor(record_id)
        if anchor is None:
            return escape(shown)
        return Markup('<span id="{}">{}</span>').format(anchor, shown)

    def _register_anchor(self, record_id: str, label: str | None = None) -> str | None:
        """A new anchor where ``record_id``'s name is printed, if the register lists it."""
        record = self.catalog.get(record_id)
        if not self.indexing or record is None or not record.published or record.type not in REGISTER_TYPES:
            return None
        if label is not None and record.title.casefold() not in label.casefold():
            return None  # "[[overvecht|de wijk]]": the name itself is not on the page
        self._terms += 1
        anchor = f"reg-{self._terms}"
        self.register.setdefault(record_id, []).append(anchor)
        return anchor

    def link(self, record_id: str, chapter: str, label: str | None = None) -> Markup:
        """The printed reference: the label plus "zie pagina N" or a short address."""
        record = self.catalog.get(record_id)
        text = label if label else (record.title if record is not None else record_id)
        if record is None or not record.published:
            return Markup('<span class="xref-missing">{}</span>').format(text)
        record_id = record.id  # an old id (alias) names the record that took it over
        anchor = self.anchor_of(record_id, chapter)
        if anchor is not None:
            return Markup('<a class="xref" href="#{}">{}</a>').format(anchor, text)
        url = self.address(record_id)
        # Online only: a numbered note at the chapter's end ("Noten"), in the body face, the
        # address unbroken; never a bracketed address inside the sentence.
        number = self.note(chapter, short_address(url))
        anchor = self._register_anchor(record_id, text)
        marked = Markup(' id="{}"').format(anchor) if anchor else Markup("")
        return Markup('<a class="xref-online"{} href="{}">{}</a><sup class="note-call">{}</sup>').format(
            marked, url, text, number
        )

    def note(self, chapter: str, address: str) -> int:
        """The number of the note that prints ``address`` in ``chapter`` (one note per address)."""
        found = self.notes.setdefault(chapter, [])
        if address not in found:
            found.append(address)
        return found.index(address) + 1

    def links(self, record_ids: Iterable[str], chapter: str) -> list[Markup]:
        return [self.link(record_id, chapter) for record_id in record_ids]


def short_address(url: str) -> str:
    """``https://www.example.nl/a/`` → ``example.nl/a/``: what a reader types from paper."""
    out = re.sub(r"^[a-z]+://", "", url, flags=re.IGNORECASE)
    return out.removeprefix("www.")


def site_settings(root_text: str | None) -> Mapping[str, str]:
    """``site_name``, ``site_url``, ``site_author`` and ``copyright`` from the text of ``mkdocs.yml``
    (read line by line: the file may hold Python tags that a safe YAML loader refuses)."""
    found: dict[str, str] = {}
    for line in (root_text or "").splitlines():
        match = re.match(r"^(site_name|site_url|site_author|copyright):\s*(.+?)\s*$", line)
        if match:
            found[match.group(1)] = match.group(2).strip("'\"")
    return found


class MarkdownRenderer:
    """Markdown → HTML with ``[[id]]`` references resolved for paper; one per PDF."""

    def __init__(self, resolver: Resolver, terms: Sequence[Term] = ()) -> None:
        self.resolver = resolver
        self._chapter = ""  # the chapter being printed: where a reference says "zie pagina N"
        refs = RefsExtension(lambda target, label: str(resolver.link(target, self._chapter, label)), html=True)
        self._md = markdown.Markdown(extensions=[refs, "sane_lists", "fenced_code"], output_format="html")
        # A record's body: the first use of each glossary term marked (build_tools.terms, as on the site).
        self._terms = TermsExtension(terms=list(terms), mode="print")
        self._md_terms = markdown.Markdown(
            extensions=[refs, "sane_lists", "fenced_code", self._terms], output_format="html"
        )
        #: The glossary terms the bodies converted so far use, in order of first use.
        self.used_terms: list[Term] = []

    def block(self, text: str, chapter: str) -> Markup:
        """Paragraphs, lists, headings (shifted below the record's own heading)."""
        return self._convert(self._md, text, chapter)

    def body(self, text: str, chapter: str) -> Markup:
        """A record's body: as :meth:`block`, with the first use of each glossary term marked."""
        html = self._convert(self._md_terms, text, chapter)
        processor = self._terms.processor
        if processor is not None:
            known = {t.id for t in self.used_terms}
            self.used_terms.extend(t for t in processor.used if t.id not in known)
        return html

    def _convert(self, md: markdown.Markdown, text: str, chapter: str) -> Markup:
        if not text.strip():
            return Markup("")
        md.reset()
        self._chapter = chapter
        html = md.convert(text)
        return Markup(_HEADING.sub(_shift_heading, html))

    def inline(self, text: str, chapter: str) -> Markup:
        """One paragraph's worth of Markdown without the ``<p>`` around it."""
        html = str(self.block(text, chapter)).strip()
        if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            html = html[3:-4]
        return Markup(html)


def _shift_heading(match: re.Match[str]) -> str:
    level = min(int(match.group(2)) + _HEADING_SHIFT, 6)
    return f"<{match.group(1)}h{level}"


def plain(text: str) -> Markup:
    """Escaped one-line text."""
    return escape(text)
