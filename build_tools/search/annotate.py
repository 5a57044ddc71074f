"""Mark up a built record page for Pagefind: what to index, its filters, metadata and extra words.

A pure function over HTML text (:func:`annotate_page`), so the renderers stay free of search
concerns and tests can check the markup without a build. The main content of a Material page
(``<article class="md-content__inner …">``) gets ``data-pagefind-body``; pages without it are
not indexed. Inside it, at the end, go:

* an invisible block with the filters (``soort``, ``thema``, ``plaats``, ``organisatie``) and the
  metadata (``title``, ``soort``, and the title's words once more under :data:`TITLE_FIELD` or
  :data:`REFERENCE_TITLE_FIELD`, which rank), kept out of the indexed words (no sort key: at 5,000
  records it adds 13 KB to what every first query downloads);
* invisible blocks with the extra words of :class:`~build_tools.search.vocabulary.SearchTerms`,
  weighted: the record's own synonyms and search terms count more than its words, linked names and
  compound parts less.

Reference records (:data:`REFERENCE_TYPES`: the glossary, the timeline) weigh less than the
content that uses them. How much each metadata field counts, and Pagefind's other ranking
settings, are declared once in ``build_tools/assets/search/options.js``, which the header box and
the search benchmark both load.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from html import escape, unescape

from ..schema import BEGRIP, EVENT, ORGANISATION, PLACE, THEME, TypeName
from .vocabulary import SearchTerms

#: Filter names as the index and the search box use them (Dutch: they show in the interface).
FILTER_TYPE = "soort"
FILTER_THEME = THEME.label
FILTER_PLACE = PLACE.label
FILTER_ORGANISATION = ORGANISATION.label
FILTERS = (FILTER_TYPE, FILTER_THEME, FILTER_PLACE, FILTER_ORGANISATION)

#: Pagefind weights (1 is ordinary text, headings weigh more by themselves).
WEIGHT_OWN = 4.0
WEIGHT_LINKED = 0.6
WEIGHT_PARTS = 0.5

#: Record types whose pages are reference, not content: a glossary entry (its explanation also
#: shows on every page that uses the term) and a timeline event. Their words, headings and search
#: terms weigh :data:`REFERENCE_WEIGHT` of another page's, and their title ranks through
#: :data:`REFERENCE_TITLE_FIELD`, so the lesson or chapter about "gebiedstafel" comes before the
#: entry that explains the word; a search for the term still lists the entry.
REFERENCE_TYPES: frozenset[TypeName] = frozenset({BEGRIP.name, EVENT.name})
REFERENCE_WEIGHT = 0.25
#: Metadata fields holding a page's title as plain words, for ranking only (``title`` is what the
#: box shows). Their weights are ``ranking.metaWeights`` in options.js. Plain words, because
#: Pagefind counts a title word with punctuation ("overvechtgezond.nl", "top-down") once per form
#: it indexes, which let such titles outrank an exact match.
TITLE_FIELD = "kop"
REFERENCE_TITLE_FIELD = "bijkop"

#: Headings (their ids) of sections that only list other records: kept out of the index.
LINK_SECTIONS = (
    "in-hoofdstuk",
    "bronnen",
    "genoemd-in",
    "genoemd-in-hoofdstukken",
    "geciteerd-in",
    "verwant",
    "bronnen-van-deze-organisatie",
)
#: Classes of page furniture inside the content (breadcrumb, tags, link lists, pager, download
#: link, review date, the glossary's explanations after a body): marked ``data-pagefind-ignore``, so
#: excerpts come from the record's text only.
FURNITURE_CLASSES = (
    "wg-crumbs",
    "wg-tags",
    "wg-links",
    "wg-pager",
    "wg-download",
    "wg-reviewed",
    "wg-also",
    "wg-terms",
)
_FURNITURE = re.compile(
    r'<([a-z][a-z0-9]*)\b(?![^>]*data-pagefind-ignore)([^>]*\bclass="(?:[^"]*\s)?(?:'
    + "|".join(FURNITURE_CLASSES)
    + r')(?:\s[^"]*)?")',
    re.IGNORECASE,
)
#: A link whose text is a web address (a source's or an organisation's): its words are a URL's, not the record's.
_ADDRESS_LINK = re.compile(r"<a\b(?![^>]*data-pagefind-ignore)(?=[^>]*>\s*(?:https?://|www\.))", re.IGNORECASE)
_LINK_SECTION = re.compile(r'<h2 id="(?:' + "|".join(LINK_SECTIONS) + r')"')
_ARTICLE = re.compile(r"<article\b[^>]*>", re.IGNORECASE)
_MAIN = re.compile(r"<main\b[^>]*>", re.IGNORECASE)
_TAG_TEXT = re.compile(r"<[^>]+>")
_TITLE_WORD = re.compile(r"\w+")
_NAV = re.compile(r"<nav\b.*?</nav>", re.IGNORECASE | re.DOTALL)
_MARKER = "data-pagefind-body"


@dataclass(frozen=True)
class PageInfo:
    """What the index must know about one record page."""

    record_id: str
    type_label: str  # Dutch singular with a capital, e.g. "Les"
    title: str
    filters: Mapping[str, Sequence[str]] = field(default_factory=dict)
    terms: SearchTerms = field(default_factory=lambda: SearchTerms((), (), ()))
    reference: bool = False  # a page of REFERENCE_TYPES


def content_root(html: str) -> tuple[int, int, str] | None:
    """Start and end of the opening tag of the page's main content element, and its closing tag."""
    for pattern, close in ((_ARTICLE, "</article>"), (_MAIN, "</main>")):
        match = pattern.search(html)
        if match is not None:
            return match.start(), match.end(), close
    return None


def annotate_page(html: str, page: PageInfo) -> str | None:
    """``html`` with the Pagefind markup for ``page`` added; ``None`` if it has no main content element.

    Idempotent: a page that already carries ``data-pagefind-body`` is returned unchanged.
    """
    if _MARKER in html:
        return html
    root = content_root(html)
    if root is None:
        return None
    start, end, close = root
    close_at = html.find(close, end)
    if close_at < 0:
        return None
    opening = html[start:end]
    weight = f' data-pagefind-weight="{REFERENCE_WEIGHT:g}"' if page.reference else ""
    opening = opening[:-1].rstrip("/") + f' {_MARKER}{weight} data-wg-record="{escape(page.record_id)}">'
    block = render_block(page)
    inner = ignore_furniture(ignore_link_sections(html[end:close_at]))
    return html[:start] + opening + inner + block + html[close_at:]


def ignore_furniture(inner: str) -> str:
    """Add ``data-pagefind-ignore`` to the elements of :data:`FURNITURE_CLASSES` and to links showing a web address."""
    inner = _FURNITURE.sub(lambda m: f"<{m.group(1)} data-pagefind-ignore{m.group(2)}", inner)
    return _ADDRESS_LINK.sub("<a data-pagefind-ignore", inner)


def ignore_link_sections(inner: str) -> str:
    """Wrap the sections that only list other records (:data:`LINK_SECTIONS`) in ``data-pagefind-ignore``.

    Their words are other records' titles: indexed, they would make every page that links to a
    record compete with the record itself. A section runs from its ``<h2>`` to the next ``<h2>``
    or to the end of the block of link lists it stands in (``</div>``; the lists hold no ``<div>``).
    """
    starts = [m.start() for m in _LINK_SECTION.finditer(inner)]
    if not starts:
        return inner
    out: list[str] = []
    done = 0
    for at in starts:
        if at < done:
            continue
        ends = [i for i in (inner.find("<h2", at + 3), inner.find("</div>", at)) if i >= 0]
        end = min(ends, default=len(inner))
        out.append(inner[done:at])
        out.append(f"<div data-pagefind-ignore>{inner[at:end]}</div>")
        done = end
    out.append(inner[done:])
    return "".join(out)


def render_block(page: PageInfo) -> str:
    """The invisible markup that goes at the end of a record page's main content."""
    data = [
        _span("data-pagefind-meta", "title", page.title),
        _span("data-pagefind-meta", "soort", page.type_label),
        _span("data-pagefind-meta", REFERENCE_TITLE_FIELD if page.reference else TITLE_FIELD, title_words(page.title)),
        _span("data-pagefind-filter", FILTER_TYPE, page.type_label),
    ]
    for name in FILTERS[1:]:
        data.extend(_span("data-pagefind-filter", name, value) for value in page.filters.get(name, ()))
    out = [f'<div class="wg-search-data" hidden data-pagefind-ignore>{"".join(data)}</div>']
    terms = page.terms
    scale = REFERENCE_WEIGHT if page.reference else 1.0
    for weight, label, items in (
        (WEIGHT_OWN, "Zoektermen", terms.own),
        (WEIGHT_LINKED, "Verwant", terms.linked),
        (WEIGHT_PARTS, "Ook gezocht als", terms.parts),
    ):
        if items:
            text = escape(f"{label}: {', '.join(items)}.", quote=False)
            out.append(f'<div class="wg-search-terms" hidden data-pagefind-weight="{weight * scale:g}">{text}</div>')
    return "".join(out)


def title_words(title: str) -> str:
    """A title as plain words: "overvechtgezond.nl" → "overvechtgezond nl", "Top-down?" → "Top down"."""
    return " ".join(_TITLE_WORD.findall(title))


def _span(attribute: str, name: str, value: str) -> str:
    return f'<span {attribute}="{escape(name)}">{escape(value, quote=False)}</span>'


def visible_text(html: str) -> str:
    """The text of a page's main content element (tags dropped), for finding compounds in it.

    Navigation (the breadcrumb "Wijkengids › Lessen") is left out: Pagefind does not index it
    (EXCLUDE_SELECTORS), so its compounds' parts ("wijken", "gids") would describe no page.
    """
    root = content_root(html)
    if root is None:
        return ""
    _, end, close = root
    close_at = html.find(close, end)
    inner = _NAV.sub(" ", html[end : close_at if close_at >= 0 else len(html)])
    return unescape(_TAG_TEXT.sub(" ", inner))
