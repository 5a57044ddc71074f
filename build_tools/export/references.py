"""Page references on paper: what each one prints, and the pages filled in after a layout.

Every link of the print HTML that prints a page number (a cross-reference, a contents
entry, a register page) gets an id ``ref-N`` and, from its place in the sentence, the
wording it needs:

- ``Houd de partners aan tafel (zie pagina 12)`` — the plain form;
- ``(Bron: Werk aan de wijk, zie pagina 18)`` — inside brackets: no second pair;
- ``Zie ook Breng focus aan (pagina 23)`` — after "zie": no second "zie";
- ``… (zie hieronder)`` / ``(zie hierboven)`` — never "zie pagina N" on page N itself.

WeasyPrint's ``target-counter`` prints the plain forms on a first layout; :func:`fill_pages`
writes the wording of every reference into the HTML (``data-ref``) for the pages a layout
found, and :func:`expected_text` says what each must print, so the layout can be checked.
Pure functions: no WeasyPrint.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

#: The classes of links that print a page: cross-reference, contents entry, register page.
XREF, TOC, REGISTER = "xref", "toc-entry", "reg-page"
#: Marks set by :func:`mark_references`.
IN_PARENS, AFTER_ZIE = "in-parens", "after-zie"
#: What a reference prints before its page is known (about as wide as a real one).
PLACEHOLDER_PAGE = "00"

_TOKEN = re.compile(r"<[^>]*>|[^<]+")
_BLOCK = re.compile(r"</?(?:p|li|dd|dt|td|th|h[1-6]|div|figcaption|blockquote|section|ol|ul|nav|header)\b", re.I)
_LINK = re.compile(r'<a\s[^>]*\bclass="([^"]*)"[^>]*>')
_ZIE = re.compile(r"\bzie(?:\s+ook)?[\s:]*$", re.IGNORECASE)
_REF_TAG = re.compile(r'<a\s[^>]*\bid="(ref-\d+)"[^>]*>')
_ATTRIBUTE = re.compile(r'\b(id|class|href|data-entry)="([^"]*)"')


_REG_PAGES = re.compile(r'(<span class="reg-pages">)(.*?)(</span>)', re.S)
_REG_LINK = re.compile(r'<a class="reg-page"[^>]*href="#([^"]+)"[^>]*></a>')


def order_register_pages(html: str) -> str:
    """Each register entry's page links in the order their targets are printed (the pages then ascend)."""
    positions = {m.group(1): m.start() for m in re.finditer(r'\bid="([^"]+)"', html)}

    def order(match: re.Match[str]) -> str:
        links = sorted(_REG_LINK.finditer(match.group(2)), key=lambda m: positions.get(m.group(1), len(html)))
        return match.group(1) + "".join(m.group() for m in links) + match.group(3)

    return _REG_PAGES.sub(order, html)


def mark_references(html: str) -> str:
    """``html`` with every page-printing link numbered (``id="ref-N"``) and its wording marked.

    A cross-reference inside brackets gets the class ``in-parens``, one right after "zie" or
    "zie ook" the class ``after-zie``. Brackets are counted from the start of the enclosing
    paragraph, list item, caption or cell.
    """
    out: list[str] = []
    depth = 0
    tail = ""
    count = 0
    for match in _TOKEN.finditer(html):
        token = match.group()
        if not token.startswith("<"):
            depth = max(0, depth + token.count("(") - token.count(")"))
            tail = (tail + token)[-24:]
            out.append(token)
            continue
        if _BLOCK.match(token):
            depth, tail = 0, ""
        link = _LINK.match(token)
        if link is not None:
            classes = link.group(1).split()
            if {XREF, TOC, REGISTER} & set(classes):
                count += 1
                extra = []
                if XREF in classes and depth > 0:
                    extra.append(IN_PARENS)
                if XREF in classes and _ZIE.search(tail):
                    extra.append(AFTER_ZIE)
                new_class = " ".join([*classes, *extra])
                token = token.replace(f'class="{link.group(1)}"', f'id="ref-{count}" class="{new_class}"', 1)
        out.append(token)
    return "".join(out)


@dataclass(frozen=True)
class Reference:
    """One page-printing link of the HTML, in document order."""

    id: str  # ref-N
    target: str  # the anchor it points at
    classes: frozenset[str]
    below: bool  # the target comes after the link in the document
    entry: str = ""  # register links: the entry they belong to

    @property
    def kind(self) -> str:
        return TOC if TOC in self.classes else REGISTER if REGISTER in self.classes else XREF


def references(html: str) -> list[Reference]:
    """The page-printing links of marked ``html`` (see :func:`mark_references`)."""
    positions = {m.group(1): m.start() for m in re.finditer(r'\bid="([^"]+)"', html)}
    found: list[Reference] = []
    for match in _REF_TAG.finditer(html):
        attributes = dict(_ATTRIBUTE.findall(match.group()))
        target = attributes.get("href", "").removeprefix("#")
        found.append(
            Reference(
                id=match.group(1),
                target=target,
                classes=frozenset(attributes.get("class", "").split()),
                below=positions.get(target, len(html)) > match.start(),
                entry=attributes.get("data-entry", ""),
            )
        )
    return found


def expected_text(ref: Reference, page: int | None, target: int | None) -> str | None:
    """What ``ref`` prints when it stands on ``page`` and its target on ``target``.

    ``None`` for a register page already named in its entry (it prints nothing). The
    contents print the bare number (after the dotted leader).
    """
    number = str(target) if target is not None else PLACEHOLDER_PAGE
    if ref.kind in (TOC, REGISTER):
        return number
    if "cover-link" in ref.classes:
        return f" (pagina\u00a0{number})"
    same = page is not None and page == target
    where = ("hieronder" if ref.below else "hierboven") if same else f"pagina\u00a0{number}"
    zie = "" if AFTER_ZIE in ref.classes else "zie "
    if IN_PARENS in ref.classes:
        return f", {zie}{where}"
    return f" ({zie}{where})"


#: About this many characters of print HTML (QR images aside) fill a page; for first guesses only.
HTML_PER_PAGE = 2800
_IMAGE = re.compile(r'"data:image/[^"]*"')


def estimated_pages(html: str) -> dict[str, int]:
    """A first guess of each anchor's page, from where it stands in the HTML.

    Only a guess, so that the first layout prints numbers about as wide as the real ones
    (a placeholder's width changing to the real one's moves lines, and with them pages).
    """
    text = _IMAGE.sub('""', html)
    per_page = max(len(text) / HTML_PER_PAGE, 1.0)
    return {m.group(1): 1 + int(m.start() / len(text) * per_page) for m in re.finditer(r'\bid="([^"]+)"', text)}


def wanted(
    refs: list[Reference], anchors: Mapping[str, int], ref_pages: Mapping[str, int], *, once: bool = True
) -> dict[str, str | None]:
    """ref id → the text it must print, for a layout whose anchors and references sit on these pages.

    ``once=False``: a register names a page again rather than hiding the repeat (for a
    first layout from guessed pages, so that every register page has its box).
    """
    out: dict[str, str | None] = {}
    last: dict[str, int | None] = {}
    for ref in refs:
        target = anchors.get(ref.target)
        text = expected_text(ref, ref_pages.get(ref.id, anchors.get(ref.id)), target)
        if ref.kind == REGISTER:
            if once and target is not None and last.get(ref.entry) == target:
                text = None  # the same page twice in one entry: once is enough
            last[ref.entry] = target
        out[ref.id] = text
    return out


def fill_pages(html: str, texts: Mapping[str, str | None]) -> str:
    """``html`` with each reference's text written in (``data-ref``); a ``None`` hides the link."""

    def fill(match: re.Match[str]) -> str:
        text = texts.get(match.group(1), "")
        if text is None:
            return match.group().replace(f'id="{match.group(1)}"', f'id="{match.group(1)}" data-ref="" data-dup=""')
        value = text.replace("&", "&amp;").replace('"', "&quot;")
        return match.group().replace(f'id="{match.group(1)}"', f'id="{match.group(1)}" data-ref="{value}"')

    return _REF_TAG.sub(fill, html)
