"""WeasyPrint: print HTML → tagged PDF, written atomically.

The PDF is first written to a temporary file beside the target and moved into place
with :func:`os.replace`, so a failed export never leaves a half-written PDF behind.
The PDF is tagged for accessibility as PDF/UA-1 (WeasyPrint's ``pdf/ua-1`` variant:
structure tags, document language, title shown in the viewer).
"""

from __future__ import annotations

import hashlib
import importlib
import logging
import os
import re
import subprocess
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

from .print_html import TEMPLATE_DIR, stylesheet_path
from .references import REGISTER, TOC, Reference, estimated_pages, fill_pages, references, wanted

#: The engine's PDF variant; WeasyPrint 70 writes PDF/UA-1 (tags, /Lang, DisplayDocTitle).
PDF_VARIANT = "pdf/ua-1"
#: Bump when the rendering changes in a way the HTML does not show (engine options, code).
RENDER_VERSION = "4"

_DIGITS = re.compile(r"\d+")
_log = logging.getLogger("wijkengids.export")


@dataclass(frozen=True)
class RenderResult:
    path: Path
    pages: int
    #: Anchor id → page: where each section and record ended up (a first guess next time).
    anchors: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)


def inputs_hash(html: str) -> str:
    """A hash of everything a PDF is made from: the HTML, the stylesheet, the engine."""
    digest = hashlib.sha256()
    for part in (RENDER_VERSION, PDF_VARIANT, version("weasyprint"), stylesheet_path().read_text("utf-8"), html):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


#: Layouts at most: the first with guessed pages, then with the pages found.
MAX_PASSES = 3


def render_pdf(html: str, target: Path, *, guess: Mapping[str, int] | None = None) -> RenderResult:
    """Lay out ``html`` and write the PDF to ``target`` atomically; returns the page count.

    ``guess``: the anchor pages of an earlier version of the document (see :func:`layout`).
    """
    document = layout(html, guess=guess)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as out, page_references_kept():
            document.write_pdf(out, pdf_variant=PDF_VARIANT, finisher=scope_table_headers)
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return RenderResult(target, len(document.pages), anchor_pages(document))


@contextmanager
def page_references_kept() -> Iterator[None]:
    """While a PDF is written: pydyf's ``PDF.page_references`` made once per page added, not per use.

    pydyf 0.13 builds the tuple of every page's reference each time it is read, and
    WeasyPrint's tagging reads it for every structure element: pages × elements, 8 s of
    the 365-page guide. The list of pages only grows, so a tuple per length is the same.
    """
    pydyf = importlib.import_module("pydyf")
    ordinary = pydyf.PDF.__dict__.get("page_references")
    if not isinstance(ordinary, property) or ordinary.fget is None:
        yield
        return
    compute = ordinary.fget

    def kept(self: Any) -> Any:
        count = len(self.pages["Kids"])
        cached = self.__dict__.get("_page_references_kept")
        if cached is None or cached[0] != count:
            cached = self.__dict__["_page_references_kept"] = (count, compute(self))
        return cached[1]

    pydyf.PDF.page_references = property(kept)
    try:
        yield
    finally:
        pydyf.PDF.page_references = ordinary


def scope_table_headers(_document: Any, pdf: Any) -> int:
    """Give every table header cell (/TH) a /Scope: Column in a header row, Row elsewhere.

    WeasyPrint 70 tags ``<th scope>`` as /TH but drops the scope (PDF/UA-1 7.5, checked by
    pdfua's UA-15-003). A ``finisher`` of ``write_pdf``: it edits the structure elements of
    the PDF before it is written (``pdf``: the pydyf document). Returns the cells scoped.
    """
    elements = {obj.reference: obj for obj in pdf.objects if _is_structure_element(obj)}
    count = 0
    for element in elements.values():
        if element.get("S") != "/TH":
            continue
        row = elements.get(element.get("P"))
        group = elements.get(row.get("P")) if row is not None else None
        in_head = group is not None and group.get("S") == "/THead"
        attributes = element.get("A")
        if not isinstance(attributes, dict):  # WeasyPrint gives each cell one; pydyf's Dictionary is a dict
            attributes = element["A"] = type(element)({"O": "/Table"})
        attributes["Scope"] = "/Column" if in_head else "/Row"
        count += 1
    return count


def import_weasyprint() -> Any:
    """``import weasyprint``, its C libraries found with one ``ldconfig -p``.

    WeasyPrint 70 opens Pango, HarfBuzz and the rest under several names each; through cffi
    every name that is not the library's file name asks :func:`ctypes.util.find_library`,
    which starts ``ldconfig``, ``gcc`` and ``ld`` each time: 54 processes, about 0.15 s of
    every export. While WeasyPrint is imported, names are looked up in ``ldconfig -p``'s
    list, read once; should that import fail, it is tried again the ordinary way.
    """
    import sys

    if "weasyprint" in sys.modules:
        return sys.modules["weasyprint"]
    import ctypes.util

    ordinary = ctypes.util.find_library
    listing: list[str] = []

    def from_ldconfig(name: str) -> str | None:
        if not listing:
            try:
                listing.append(
                    subprocess.run(
                        ["/sbin/ldconfig", "-p"],
                        capture_output=True,
                        text=True,
                        env={"LC_ALL": "C", "LANG": "C"},
                        check=False,
                    ).stdout
                )
            except OSError:
                listing.append("")
        found = re.search(rf"\s+(lib{re.escape(name)}\.[^\s]+)\s+\(", listing[0])
        return found.group(1) if found else None

    ctypes.util.find_library = from_ldconfig
    try:
        import weasyprint
    except OSError:
        for module in [name for name in sys.modules if name.startswith("weasyprint")]:
            del sys.modules[module]
        ctypes.util.find_library = ordinary
        import weasyprint
    finally:
        ctypes.util.find_library = ordinary
    return weasyprint


def _is_structure_element(obj: Any) -> bool:
    return isinstance(obj, dict) and obj.get("Type") == "/StructElem"


def layout(html: str, *, guess: Mapping[str, int] | None = None) -> Any:
    """The laid-out WeasyPrint document, with every printed page reference right.

    ``html`` is marked print HTML (:func:`~build_tools.export.references.mark_references`).
    The first layout prints the pages of ``guess`` (the anchor pages of an earlier version
    of the document), or else pages estimated from where each anchor stands in the HTML
    (:func:`~build_tools.export.references.estimated_pages`). Then every printed reference
    is checked against the page its target landed on, and against the page it stands on
    itself ("zie hieronder", a register that names a page once):

    - a wrong number with as many digits as the right one is written into the laid-out
      page (:func:`correct_in_place`; every digit of the faces is as wide as every other,
      so no line moves);
    - a change of wording or width (9 → 10, "pagina 12" → "hieronder") is written into
      the document's boxes and only the pages that hold one are made again, with the
      pages after them as far as the change moves them (:class:`Pagination`);
    - what neither can do (a register page that must appear again) is laid out anew.

    Until the references agree, at most :data:`MAX_PASSES` times.
    """
    base_url = str(TEMPLATE_DIR) + os.sep
    refs = references(html)
    first = wanted(refs, guess or estimated_pages(html), {}, once=False)
    pagination = Pagination(fill_pages(html, first), base_url)
    document = pagination.document
    for attempt in range(1, MAX_PASSES + 1):
        anchors = anchor_pages(document)
        boxes = reference_boxes(document)
        printed = printed_references(document, boxes)
        want = wanted(refs, anchors, {ref: page for ref, (_text, page) in printed.items()})
        off = mismatches(refs, printed, want)
        wrong = correct_in_place(document, refs, off, boxes)
        del boxes
        if not wrong:
            break
        if attempt == MAX_PASSES:
            _log.warning("page references still off after %d layouts: %s", MAX_PASSES, wrong[:5])
            break
        if pagination.remake({ref: want.get(ref) for ref, _text, _want in off}, {ref for ref, _t, _w in wrong}):
            document = pagination.document
            continue
        del document, pagination  # one laid-out document in memory at a time
        pagination = Pagination(fill_pages(html, want), base_url)
        document = pagination.document
    return document


class Pagination:
    """A WeasyPrint layout of one HTML string that can make some of its pages again.

    WeasyPrint itself re-makes a page when its content changed (it does so for
    ``target-counter``) and then each following page whose starting point moved, keeping
    the rest. :meth:`remake` uses that for references whose wording changed: their boxes
    get the new text and only their pages are marked. This reaches into WeasyPrint 70's
    layout (``layout_document``, ``make_all_pages``, the page maker); when those are not
    there, :meth:`remake` answers ``False`` and the caller lays the document out anew.
    """

    def __init__(self, html: str, base_url: str) -> None:
        weasyprint = import_weasyprint()
        self._state: dict[str, Any] = {}
        self._raw: list[tuple[Any, Any, Any]] = []  # page box, its children, its root's children
        self._hidden: dict[str, tuple[list[Any], list[Any] | None]] = {}  # register repeats emptied: their boxes
        self._margins: dict[int, tuple[Any, list[Any]]] = {}  # page id → (page, its running head and foot)
        self._unchanged: set[int] = set()  # pages the last remake() kept whole, margins and all
        self._strings: dict[str, dict[int, list[Any]]] = {}  # running strings (string-set) per page
        self.remade = 0  # pages made again by remake()
        with self._watching():
            self.document = weasyprint.HTML(string=html, base_url=base_url).render()

    @contextmanager
    def _watching(self, *, keep_pages: bool = False) -> Iterator[None]:
        """While laying out: keep the layout's context and its pages as made (before margins are added)."""
        try:
            import weasyprint.document as wdocument
            import weasyprint.layout as wlayout
        except ImportError:  # pragma: no cover - WeasyPrint is a dependency
            yield
            return
        real: dict[str, Any] = {
            name: getattr(module, name, None)
            for module, name in (
                (wdocument, "layout_document"),
                (wlayout, "make_all_pages"),
                (wlayout, "initialize_page_maker"),
                (wlayout, "make_margin_boxes"),
                (wlayout, "layout_backgrounds"),
            )
        }
        if None in real.values():
            yield
            return
        state, raw, margins = self._state, self._raw, self._margins
        count = len(raw)
        strings = self._strings
        margins_now: dict[int, tuple[Any, list[Any]]] = {}
        unchanged: set[int] = set()
        same_strings_below: list[int] = []  # the first page whose running strings changed

        def layout_document(html: Any, root_box: Any, context: Any, *args: Any, **kwargs: Any) -> Any:
            state.update(html=html, root_box=root_box, context=context)
            return real["layout_document"](html, root_box, context, *args, **kwargs)

        def make_all_pages(context: Any, root_box: Any, html: Any, pages: list[Any]) -> Iterator[Any]:
            if not pages and keep_pages:
                for page, children, root_children in raw:  # as they were before the margins were added
                    page.children = children
                    page.children[0].children = root_children
                pages = [page for page, _children, _root in raw]
            made: list[tuple[Any, Any, Any]] = []
            for page in real["make_all_pages"](context, root_box, html, pages):
                made.append((page, page.children, page.children[0].children))
                yield page
            raw[:] = made

        def initialize_page_maker(context: Any, root_box: Any) -> None:
            if not keep_pages:
                real["initialize_page_maker"](context, root_box)

        def make_margin_boxes(context: Any, page: Any, page_state: Any) -> list[Any]:
            # A page kept as it was, with the same page count and running strings up to it,
            # keeps its running head: made again it would be the same.
            if not same_strings_below:
                same_strings_below.append(_first_difference(strings, context.string_set))
            before = margins.get(id(page))
            if (
                keep_pages
                and before is not None
                and before[0] is page
                and len(raw) == count
                and context.current_page < same_strings_below[0]
            ):
                boxes = before[1]
                unchanged.add(id(page))
            else:
                boxes = list(real["make_margin_boxes"](context, page, page_state))
            margins_now[id(page)] = (page, boxes)
            return boxes

        def layout_backgrounds(page: Any, *args: Any) -> None:
            if id(page) not in unchanged:  # a kept page's boxes have theirs
                real["layout_backgrounds"](page, *args)

        replaced = {
            (wdocument, "layout_document"): layout_document,
            (wlayout, "make_all_pages"): make_all_pages,
            (wlayout, "initialize_page_maker"): initialize_page_maker,
            (wlayout, "make_margin_boxes"): make_margin_boxes,
            (wlayout, "layout_backgrounds"): layout_backgrounds,
        }
        for (module, name), function in replaced.items():
            setattr(module, name, function)
        try:
            yield
        finally:
            for module, name in replaced:
                setattr(module, name, real[name])
        context = state.get("context")
        self._margins = margins_now
        self._unchanged = unchanged
        self._strings = _strings_of(context.string_set) if context is not None else {}

    def remake(self, texts: Mapping[str, str | None], moved: set[str]) -> bool:
        """Print ``texts`` (ref id → text) and make again the pages that hold the references ``moved``.

        The others of ``texts`` were corrected in place (:func:`correct_in_place`); their
        boxes get the text too, for when their page is made again.

        A register page named twice (``None``) is emptied, with the comma before it.
        ``False`` (nothing changed) when it cannot: a reference must appear that is not
        laid out (a register page hidden as a repeat), or WeasyPrint's layout was not kept.
        """
        from weasyprint.document import Page
        from weasyprint.formatting_structure import boxes

        context, root_box, html = (self._state.get(key) for key in ("context", "root_box", "html"))
        if context is None or root_box is None or not self._raw or not hasattr(context, "page_maker"):
            return False
        after: dict[str, Any] = {}
        before: dict[str, Any] = {}
        for box in root_box.descendants():
            element = getattr(box, "element", None)
            ref = element.get("id", "") if element is not None and getattr(element, "tag", None) == "a" else ""
            tag = getattr(box, "element_tag", "") or ""
            if ref in texts and isinstance(box, boxes.InlineBox) and tag.endswith(("::after", "::before")):
                (after if tag.endswith("::after") else before).setdefault(ref, box)
            if tag == "span" and element is not None and "reg-pages" in (element.get("class", "") or "").split():
                # the comma before a register page is text (print_html.REGISTER_SEPARATOR): emptied with it
                for comma, link in zip(box.children, box.children[1:], strict=False):
                    comma_element, link_element = getattr(comma, "element", None), getattr(link, "element", None)
                    if (
                        link_element is not None
                        and comma_element is not None
                        and comma_element.get("class") == "reg-sep"
                    ):
                        before.setdefault(link_element.get("id", ""), comma)
        if set(after) != set(texts):
            return False  # a register page hidden as a repeat (display: none) must appear: lay out anew
        children: dict[str, tuple[list[Any], list[Any] | None]] = {}
        for ref, box in after.items():
            text = texts[ref]
            lead = before[ref].children if ref in before else None
            own, lead = self._hidden.get(ref, (box.children, lead))
            *rest, last = own or [None]
            if not isinstance(last, boxes.TextBox):
                return False  # a box of another shape
            if text is None:  # a register page named twice: no number, no comma before it
                if not self._numbers_only(box):
                    return False
                self._hidden.setdefault(ref, (own, lead))
                children[ref] = ([], [] if lead is not None else None)
                continue
            if ref in self._numbers_only(box):  # contents, register: only the number after the leader
                found, new = _NUMBER.search(last.text), _NUMBER.search(text)
                if found is None or new is None:
                    return False
                text = last.text[: found.start()] + new.group() + last.text[found.end() :]
            self._hidden.pop(ref, None)
            children[ref] = ([*rest, last.copy_with_text(text)], lead)
        for ref, (own, lead) in children.items():
            after[ref].children = own
            if lead is not None and ref in before:
                before[ref].children = lead
        where = anchor_pages(self.document)
        pages = {where[ref] for ref in moved if ref in where}
        for number in pages:
            context.page_maker[number - 1][-1]["content_changed"] = True
        context.string_set.clear()  # gathered again from every page after the layout
        kept = {id(page) for page, _children, _root in self._raw}
        pages_before = {id(page.__dict__.get("_page_box")): page for page in self.document.pages}
        with self._watching(keep_pages=True):
            page_boxes = self._relayout(html, root_box, context)
        self.remade += sum(id(page) not in kept for page, _children, _root in self._raw)
        self.document.pages = [
            pages_before[id(box)] if id(box) in self._unchanged and id(box) in pages_before else Page(box)
            for box in page_boxes
        ]
        return True

    @staticmethod
    def _relayout(html: Any, root_box: Any, context: Any) -> list[Any]:
        import weasyprint.document as wdocument

        return list(wdocument.layout_document(html, root_box, context))

    @staticmethod
    def _numbers_only(box: Any) -> set[str]:
        classes = (box.element.get("class", "") or "").split()
        return {box.element.get("id", "")} if TOC in classes or REGISTER in classes else set()


def _strings_of(string_set: Any) -> dict[str, dict[int, list[Any]]]:
    """A copy of WeasyPrint's running strings: name → page number → the values set on it."""
    return {name: {page: list(values) for page, values in pages.items()} for name, pages in string_set.items()}


def _first_difference(before: Mapping[str, Mapping[int, list[Any]]], now: Any) -> int:
    """The first page number whose running strings differ between ``before`` and ``now`` (or a large number)."""
    first = 1 << 30
    for name in set(before) | set(now):
        old, new = before.get(name, {}), now.get(name, {})
        for page in set(old) | set(new):
            if old.get(page, []) != new.get(page, []):
                first = min(first, page)
    return first


_NUMBER = re.compile(r"\d+(?!.*\d)", re.S)


def correct_in_place(
    document: Any,
    refs: list[Reference],
    wrong: list[tuple[str, str | None, str | None]],
    boxes: Mapping[str, list[tuple[int, Any]]] | None = None,
) -> list[tuple[str, str | None, str | None]]:
    """Write the right number into each wrong reference that differs only in it; returns the others.

    A number is replaced in the laid-out text box only when the new one has as many digits
    and the box's text measures exactly as wide with it (Pango, the box's own style), so no
    line, and no page, can change; the PDF then prints the new text.
    """
    if not wrong:
        return wrong
    if boxes is None:
        boxes = reference_boxes(document)
    numbers_only = {ref.id for ref in refs if ref.kind in (TOC, REGISTER)}  # after the leader or the comma
    left: list[tuple[str, str | None, str | None]] = []
    for item in wrong:
        ref_id, text, expected = item
        found = _NUMBER.search(text or "")
        new = _NUMBER.search(expected or "")
        parts = boxes.get(ref_id, [])
        if (
            text is None
            or expected is None
            or found is None
            or new is None
            or len(found.group()) != len(new.group())
            or (
                ref_id not in numbers_only
                and _squeeze(text[: found.start()] + new.group() + text[found.end() :]) != _squeeze(expected)
            )
            or not _replace_digits(parts, found.start(), new.group())
        ):
            left.append(item)
    return left


def _replace_digits(parts: list[tuple[int, Any]], start: int, digits: str) -> bool:
    """Put ``digits`` at ``start`` of the text the boxes ``parts`` print, if no width changes."""
    from weasyprint.text.line_break import line_size

    offset = 0
    for _page, box in parts:
        end = offset + len(box.text)
        if offset <= start and start + len(digits) <= end:
            local = start - offset
            new = box.text[:local] + digits + box.text[local + len(digits) :]
            widths = []
            pango = box.pango_layout
            for candidate in (box.text, new):  # measured alike: the box's own style, one line
                pango.setup(box.style)
                pango.set_text(candidate)
                widths.append(line_size(pango.get_first_line()[0], box.style)[0])
                pango.deactivate()
            pango.text = box.text
            if abs(widths[0] - widths[1]) > 1e-6:
                return False
            box.text = pango.text = new
            return True
        offset = end
    return False


def mismatches(
    refs: list[Reference], printed: Mapping[str, tuple[str, int]], want: Mapping[str, str | None]
) -> list[tuple[str, str | None, str | None]]:
    """(ref id, printed, wanted) of each reference that prints the wrong text (``None``: nothing)."""
    out: list[tuple[str, str | None, str | None]] = []
    for ref in refs:
        got = printed.get(ref.id)
        text = got[0] if got is not None else None
        expected = want.get(ref.id)
        if ref.kind in (TOC, REGISTER):  # the number after the leader or the comma
            same = (text is None and expected is None) or (
                text is not None and expected is not None and _DIGITS.findall(text)[-1:] == [expected]
            )
        else:
            same = _squeeze(text) == _squeeze(expected)
        if not same:
            out.append((ref.id, text, expected))
    return out


def _squeeze(text: str | None) -> str | None:
    """Whitespace and hyphens out: where a line breaks is not what a reference says."""
    return None if text is None else re.sub(r"[\s\u00ad\u2010]+", "", text)


def wrong_references(document: Any, html: str) -> list[tuple[str, str | None, str | None]]:
    """(ref id, printed, wanted) of each reference of ``document`` (laid out from ``html``) that is wrong."""
    refs = references(html)
    printed = printed_references(document)
    want = wanted(refs, anchor_pages(document), {ref: page for ref, (_text, page) in printed.items()})
    return mismatches(refs, printed, want)


def anchor_pages(document: Any) -> dict[str, int]:
    """Anchor id → the (1-based) page it is on."""
    found: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=1):
        for anchor in page.anchors:
            found.setdefault(anchor, number)
    return found


def reference_boxes(document: Any) -> dict[str, list[tuple[int, Any]]]:
    """ref id → the (page, text box) pairs of the text its ``::after`` prints, in order.

    Raises :class:`RuntimeError` if WeasyPrint's layout tree cannot be read (a new version).
    """
    found: dict[str, list[tuple[int, Any]]] = {}
    for number, page in enumerate(document.pages, start=1):
        box = getattr(page, "_page_box", None)
        if box is None:
            raise RuntimeError("WeasyPrint's page boxes cannot be read; page references cannot be checked")
        for child in box.descendants():
            element = getattr(child, "element", None)
            tag = getattr(child, "element_tag", None) or ""
            if element is None or not tag.endswith("::after") or getattr(element, "tag", None) != "a":
                continue
            ref = element.get("id", "")
            if ref.startswith("ref-") and isinstance(getattr(child, "text", None), str):
                found.setdefault(ref, []).append((number, child))
    return found


def printed_references(
    document: Any, boxes: Mapping[str, list[tuple[int, Any]]] | None = None
) -> dict[str, tuple[str, int]]:
    """ref id → (the text its ``::after`` prints, the page where that text ends); ``boxes``: if already found."""
    found = reference_boxes(document) if boxes is None else boxes
    return {ref: ("".join(box.text for _page, box in parts), parts[-1][0]) for ref, parts in found.items()}
