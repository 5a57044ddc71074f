"""The glossary in running text: the first use of a term marked and explained, on the site and in print.

A ``begrip`` record (``guide/begrippen/``) names a term, its synonyms and a short definition.
In a record's body the first use of each term (or of one of its synonyms) is marked:

* on the site: a link to the term on ``/begrippen/`` whose accessible description
  (``aria-describedby``) is the definition, and the definition stands visibly in a short
  list "Begrippen in deze tekst" at the end of the body — reachable by keyboard, read out by a
  screen reader, never a tooltip that only a mouse can open;
* in print: a link to the term in the PDF's glossary, and the term is counted for the
  chapter's list of terms.

One Python-Markdown treeprocessor does both, on the element tree after the inline patterns (so
a link made from ``[[id]]`` or Markdown is a whole element by then): never inside links,
headings, code, quotes or abbreviations. On the site only elements that carry ``data-wg-terms``
are scanned (the render layer wraps a record's body in one; the attribute holds the address
of the glossary page as seen from the page); in print the whole converted text is.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from .schema import BEGRIP

#: The attribute of an element whose text is a record's body (site); its value: the glossary's address.
SCOPE_ATTRIBUTE = "data-wg-terms"
#: Elements whose text is never marked: links, headings, code, quotes, abbreviations and the marks' list.
SKIPPED_TAGS = frozenset(  # (records hold no raw HTML: validation refuses it)
    {"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "kbd", "samp", "blockquote", "q", "abbr", "dfn"}
)
#: Class of a mark and of the list of explanations after a body (site); the stylesheet draws them.
MARK_CLASS = "wg-term"
LIST_CLASS = "wg-terms"
#: The id of the explanation of term ``x`` on a page (site) and of its glossary entry in a PDF (print).
EXPLANATION_ID = "wg-uitleg-{}"
PRINT_ANCHOR = "begrip-{}"
#: After the treeprocessor's priority: inline (20), attr_list (8), abbr (7) come first; toc (5) and
#: MkDocs' link rewriting (0) after, so a mark's link to ``begrippen/index.md#x`` is checked like any other.
PRIORITY = 6


@dataclass(frozen=True)
class Term:
    """One glossary entry as the marking needs it."""

    id: str
    term: str
    definition: str
    synonyms: tuple[str, ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        """The term and its synonyms, each once."""
        return tuple(dict.fromkeys((self.term, *self.synonyms)))

    def as_config(self) -> dict[str, Any]:
        return {"id": self.id, "term": self.term, "definition": self.definition, "synonyms": list(self.synonyms)}


def glossary_terms(records: Iterable[Any]) -> tuple[Term, ...]:
    """The published ``begrip`` records as terms, alphabetically (``records``: a catalog's records)."""
    out = [
        Term(r.id, str(r.get("term")), " ".join(str(r.get("definition", "")).split()), tuple(r.get("synonyms", ())))
        for r in records
        if r.type == BEGRIP.name and r.published
    ]
    return tuple(sorted(out, key=lambda t: (t.term.casefold(), t.id)))


def is_acronym(form: str) -> bool:
    """``NPLV``, ``DEAL``: written in capitals, so only counted in capitals (not the English word 'deal')."""
    letters = [c for c in form if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _normal(text: str) -> str:
    return " ".join(text.split())


class TermIndex:
    """Finds the terms and synonyms in plain text: whole words, any spacing, longest form first."""

    def __init__(self, terms: Sequence[Term]) -> None:
        self.terms = tuple(terms)
        self._exact: dict[str, Term] = {}
        self._folded: dict[str, Term] = {}
        parts: list[tuple[int, str]] = []
        for term in self.terms:
            for form in term.forms:
                form = _normal(form)
                if not form:
                    continue
                pattern = r"\s+".join(re.escape(word) for word in form.split(" "))
                if is_acronym(form):
                    self._exact.setdefault(form, term)
                else:
                    self._folded.setdefault(form.casefold(), term)
                    pattern = f"(?i:{pattern})"
                parts.append((len(form), pattern))
        parts.sort(key=lambda p: -p[0])
        body = "|".join(p for _, p in parts)
        self._pattern = re.compile(rf"(?<!\w)(?:{body})(?!\w)") if parts else None

    def __bool__(self) -> bool:
        return self._pattern is not None

    def find(self, text: str) -> Iterator[tuple[int, int, Term]]:
        """``(start, end, term)`` of every use of a term in ``text``, left to right."""
        if self._pattern is None:
            return
        for match in self._pattern.finditer(text):
            form = _normal(match.group())
            term = self._exact.get(form) or self._folded.get(form.casefold())
            if term is not None:
                yield match.start(), match.end(), term


class TermsTreeprocessor(Treeprocessor):
    """Marks the first use of every term on a page (site) or in one converted text (print)."""

    def __init__(self, md: Markdown, index: TermIndex, *, mode: str) -> None:
        super().__init__(md)
        self.index = index
        self.mode = mode
        #: The terms marked by the last conversion, in order of first use (print lists them per chapter).
        self.used: list[Term] = []

    def run(self, root: etree.Element) -> None:
        self.used = []
        if not self.index:
            for element in root.iter():
                element.attrib.pop(SCOPE_ATTRIBUTE, None)
            return
        if self.mode == "print":
            self._mark(root, "")
            return
        scopes = [element for element in root.iter() if SCOPE_ATTRIBUTE in element.attrib]
        for scope in scopes:
            glossary = scope.attrib.pop(SCOPE_ATTRIBUTE)
            first = len(self.used)
            self._mark(scope, glossary)
            if len(self.used) > first:
                scope.append(explanations(self.used[first:], glossary))

    def _mark(self, element: etree.Element, glossary: str) -> None:
        marks = self._split(element.text, glossary)
        if marks is not None:
            element.text, new = marks
            for i, mark in enumerate(new):
                element.insert(i, mark)
        for child in list(element):
            if isinstance(child.tag, str) and child.tag not in SKIPPED_TAGS and child.get("class") != MARK_CLASS:
                self._mark(child, glossary)
            marks = self._split(child.tail, glossary)
            if marks is not None:
                child.tail, new = marks
                at = list(element).index(child) + 1
                for i, mark in enumerate(new):
                    element.insert(at + i, mark)

    def _split(self, text: str | None, glossary: str) -> tuple[str, list[etree.Element]] | None:
        """``text`` cut at the first uses it holds: the text before them and one mark per use (with its tail)."""
        if not text:
            return None
        seen = {t.id for t in self.used}
        marks: list[etree.Element] = []
        lead = text
        last = 0
        for start, end, term in self.index.find(text):
            if term.id in seen:
                continue
            seen.add(term.id)
            self.used.append(term)
            if marks:
                marks[-1].tail = text[last:start]
            else:
                lead = text[:start]
            marks.append(self._mark_element(term, text[start:end], glossary))
            last = end
        if not marks:
            return None
        marks[-1].tail = text[last:]
        return lead, marks

    def _mark_element(self, term: Term, words: str, glossary: str) -> etree.Element:
        if self.mode == "print":
            mark = etree.Element("a", {"class": MARK_CLASS, "href": "#" + PRINT_ANCHOR.format(term.id)})
        else:
            mark = etree.Element(
                "a",
                {
                    "class": MARK_CLASS,
                    "href": f"{glossary}#{term.id}",
                    "aria-describedby": EXPLANATION_ID.format(term.id),
                },
            )
        mark.text = words
        return mark


def explanations(terms: Sequence[Term], glossary: str) -> etree.Element:
    """The visible explanations after a body: each marked term with its definition (the marks' description)."""
    heading = BEGRIP.heading
    box = etree.Element("div", {"class": LIST_CLASS})
    title = etree.SubElement(box, "p", {"class": f"{LIST_CLASS}-title"})
    title.text = f"{heading} in deze tekst"
    listing = etree.SubElement(box, "dl")
    for term in terms:
        etree.SubElement(listing, "dt").text = term.term
        etree.SubElement(listing, "dd", {"id": EXPLANATION_ID.format(term.id)}).text = term.definition
    more = etree.SubElement(box, "p", {"class": f"{LIST_CLASS}-more"})
    more.text = "Alle begrippen, met hun bronnen: "
    link = etree.SubElement(more, "a", {"href": glossary})
    link.text = heading
    link.tail = "."
    return box


class TermsExtension(Extension):
    """``build_tools.terms`` in ``markdown_extensions``: ``terms`` (a list of entries), ``mode`` site or print."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "terms": [[], "The glossary: a list of {id, term, definition, synonyms}."],
            "mode": ["site", "'site' (only inside data-wg-terms, with explanations) or 'print' (the whole text)."],
        }
        super().__init__(**kwargs)
        self.processor: TermsTreeprocessor | None = None

    def extendMarkdown(self, md: Markdown) -> None:
        terms = [entry if isinstance(entry, Term) else _term(entry) for entry in self.getConfig("terms") or ()]
        self.processor = TermsTreeprocessor(md, TermIndex(terms), mode=str(self.getConfig("mode")))
        md.treeprocessors.register(self.processor, "wijkengids_terms", PRIORITY)


def _term(entry: Mapping[str, Any]) -> Term:
    return Term(
        str(entry["id"]),
        str(entry["term"]),
        str(entry.get("definition", "")),
        tuple(str(s) for s in entry.get("synonyms") or ()),
    )


def extension_config(terms: Sequence[Term]) -> dict[str, Any]:
    """The extension's configuration for an engine's ``mkdocs.yml`` (``mdx_configs``)."""
    return {"terms": [t.as_config() for t in terms]}


#: The extension's name in ``markdown_extensions``.
EXTENSION_NAME = "build_tools.terms"


def makeExtension(**kwargs: Any) -> TermsExtension:
    return TermsExtension(**kwargs)
