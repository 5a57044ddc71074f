"""WeasyPrint: print HTML → tagged PDF, written atomically.

The PDF is first written to a temporary file beside the target and moved into place
with :func:`os.replace`, so a failed export never leaves a half-written PDF behind.
The PDF is tagged for accessibility as PDF/UA-1 (WeasyPrint's ``pdf/ua-1`` variant:
structure tags, document language, title shown in the viewer).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

from .print_html import TEMPLATE_DIR, stylesheet_path
from .references import REGISTER, TOC, Reference, estimated_pages, fill_pages, references, wanted

#: The engine's PDF variant; WeasyPrint 70 writes PDF/UA-1 (tags, /Lang, DisplayDocTitle).
PDF_VARIANT = "pdf/ua-1"
#: Bump when the rendering changes in a way the HTML does not show (engine options, code).
RENDER_VERSION = "3"

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


#: The first layout without a guess: "estimate" (see :func:`estimated_pages`) or "target-counter".
FIRST_PASS = "estimate"
#: Layout passes at most: the first with ``target-counter`` (or a guess), then with the pages found.
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
        with os.fdopen(handle, "wb") as out:
            document.write_pdf(out, pdf_variant=PDF_VARIANT)
        add_table_scopes(temp)
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return RenderResult(target, len(document.pages), anchor_pages(document))


def add_table_scopes(path: Path) -> int:
    """Give every table header cell (/TH) a /Scope: Column in a header row, Row elsewhere.

    WeasyPrint 70 tags ``<th scope>`` as /TH but drops the scope (PDF/UA-1 7.5, checked by
    pdfua's UA-15-003). Rewrites the file in place; returns the number of cells scoped.
    """
    import pikepdf

    count = 0
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        root = pdf.Root.get("/StructTreeRoot")
        if root is None:
            return 0
        stack = [root]
        seen: set[tuple[int, int]] = set()
        while stack:
            node = stack.pop()
            kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
            if kids is None:
                continue
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                if not isinstance(kid, pikepdf.Dictionary) or "/S" not in kid:
                    continue
                key = kid.objgen
                if key != (0, 0) and key in seen:
                    continue
                seen.add(key)
                if kid.S == "/TH":
                    row = kid.get("/P")
                    group = row.get("/P") if isinstance(row, pikepdf.Dictionary) else None
                    in_head = isinstance(group, pikepdf.Dictionary) and group.get("/S") == "/THead"
                    kid.A = pikepdf.Dictionary(
                        O=pikepdf.Name.Table, Scope=pikepdf.Name("/Column" if in_head else "/Row")
                    )
                    count += 1
                stack.append(kid)
        pdf.save(path)
    return count


def layout(html: str, *, guess: Mapping[str, int] | None = None) -> Any:
    """The laid-out WeasyPrint document, with every printed page reference right.

    ``html`` is marked print HTML (:func:`~build_tools.export.references.mark_references`).
    The first layout prints pages with ``target-counter``; WeasyPrint 70 sometimes keeps a
    stale one when a heading moves to the next page while pages are re-made (the contents
    then say 21 for a section on page 22), and it cannot know that a reference stands on
    the page it points at ("zie hieronder") or that a register names a page twice. So the
    printed references are checked against the pages where the anchors ended up; on a
    mismatch the document is laid out again with each reference's text written in, until
    they agree.

    With a ``guess`` (the anchor pages of an earlier version of the document) the first
    layout prints those pages instead of asking ``target-counter``: cheaper (no pages are
    re-made), and when the guess holds, one layout is enough.
    """
    import weasyprint

    base_url = str(TEMPLATE_DIR) + os.sep
    refs = references(html)
    if guess:
        first = fill_pages(html, wanted(refs, guess, {}))
    elif FIRST_PASS == "estimate":
        # Pages estimated from the anchors' places in the HTML: no page is re-made for
        # target-counter (which makes every page two or three times: the contents come first);
        # the second layout prints the pages the first found.
        first = fill_pages(html, wanted(refs, estimated_pages(html), {}))
    else:
        first = html
    document = weasyprint.HTML(string=first, base_url=base_url).render()
    for attempt in range(1, MAX_PASSES + 1):
        anchors = anchor_pages(document)
        printed = printed_references(document)
        want = wanted(refs, anchors, {ref: page for ref, (_text, page) in printed.items()})
        wrong = mismatches(refs, printed, want)
        if not wrong:
            break
        if attempt == MAX_PASSES:
            _log.warning("page references still off after %d layouts: %s", MAX_PASSES, wrong[:5])
            break
        del document  # one laid-out document in memory at a time
        document = weasyprint.HTML(string=fill_pages(html, want), base_url=base_url).render()
    return document


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


def printed_references(document: Any) -> dict[str, tuple[str, int]]:
    """ref id → (the text its ``::after`` prints, the page where that text ends).

    Raises :class:`RuntimeError` if WeasyPrint's layout tree cannot be read (a new version).
    """
    texts: dict[str, tuple[list[str], int]] = {}
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
                parts, _page = texts.setdefault(ref, ([], number))
                parts.append(child.text)
                texts[ref] = (parts, number)
    return {ref: ("".join(parts), page) for ref, (parts, page) in texts.items()}
