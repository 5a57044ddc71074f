"""Material's markup made valid and keyboard-usable where no partial can be overridden.

Pure functions over HTML text:

* :func:`focusable_tables` (page content; a Markdown extension, ``build_tools.render.material``
  in mkdocs.yml, so every engine applies it): every table sits in a scrolling region that takes
  keyboard focus and has a name, so a table wider than a phone can be scrolled without a mouse
  (axe ``scrollable-region-focusable``). Material's own wrapper (added by its JavaScript inside
  ours) is told not to scroll by ``a11y.css``.
* :func:`valid_toggles` (whole page): Material's ``base.html`` — not a partial, so not
  overridable without copying all of it — gives its checkbox toggles ``autocomplete="off"``,
  an attribute HTML allows on text-like inputs only (Nu Html Checker error). Applied to the
  built site by ``wijkengids build`` (:func:`fix_built_site`) and by the MkDocs plugin.
"""

from __future__ import annotations

import re
from html import escape, unescape
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.IGNORECASE | re.DOTALL)
_CAPTION = re.compile(r"<caption\b[^>]*>(.*?)</caption>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_CHECKBOX = re.compile(r"<input\b[^>]*\btype=\"checkbox\"[^>]*>", re.IGNORECASE)
_AUTOCOMPLETE = re.compile(r"\s+autocomplete=\"[^\"]*\"", re.IGNORECASE)
#: The same on a page's UTF-8 bytes (a built site is fixed without decoding it): case and
#: white space in the ASCII sense, as HTML reads tag and attribute names.
_CHECKBOX_BYTES = re.compile(_CHECKBOX.pattern.encode(), re.IGNORECASE)
_AUTOCOMPLETE_BYTES = re.compile(_AUTOCOMPLETE.pattern.encode(), re.IGNORECASE)
#: The class of the scrolling region around a table (styled in assets/stylesheets/a11y.css).
TABLE_REGION = "wg-table"


def _text(html: str) -> str:
    return " ".join(unescape(_TAG.sub(" ", html)).split())


def table_label(html: str, at: int) -> str:
    """A name for the table starting at ``at``: its caption, else the heading above it."""
    end = html.find("</table>", at)
    caption = _CAPTION.search(html, at, end if end >= 0 else len(html))
    if caption is not None and _text(caption.group(1)):
        return f"Tabel: {_text(caption.group(1))}"
    headings = list(_HEADING.finditer(html, 0, at))
    if headings:
        title = _text(headings[-1].group(2)).removesuffix("¶").strip()
        if title:
            return f"Tabel bij ‘{title}’"
    return "Tabel"


def focusable_tables(html: str) -> str:
    """Wrap each top-level ``<table>`` in a named, focusable scrolling region (idempotent)."""
    if f'class="{TABLE_REGION}"' in html:
        return html
    out: list[str] = []
    done = 0
    depth = 0
    for match in re.finditer(r"<(/?)table\b[^>]*>", html, re.IGNORECASE):
        closing = match.group(1) == "/"
        if not closing:
            if depth == 0:
                label = escape(table_label(html, match.start()))
                out.append(html[done : match.start()])
                out.append(f'<div class="{TABLE_REGION}" role="region" tabindex="0" aria-label="{label}">')
                done = match.start()
            depth += 1
        else:
            depth = max(depth - 1, 0)
            if depth == 0:
                out.append(html[done : match.end()])
                out.append("</div>")
                done = match.end()
    out.append(html[done:])
    return "".join(out)


def valid_toggles(html: str) -> str:
    """Drop ``autocomplete`` from checkbox inputs (Material's drawer and search toggles)."""
    return _CHECKBOX.sub(lambda m: _AUTOCOMPLETE.sub("", m.group(0)), html)


def fix_built_site(site_dir: Path) -> int:
    """Apply :func:`valid_toggles` to every HTML file of a built site; returns how many changed."""
    changed = 0
    for path in sorted(site_dir.rglob("*.html")):
        html = path.read_bytes()
        fixed = _CHECKBOX_BYTES.sub(lambda m: _AUTOCOMPLETE_BYTES.sub(b"", m.group(0)), html)
        if fixed != html:
            path.write_bytes(fixed)
            changed += 1
    return changed


class _TablesPostprocessor(Postprocessor):
    def run(self, text: str) -> str:
        return focusable_tables(text)


class FocusableTablesExtension(Extension):
    """Markdown extension: tables in named, focusable scrolling regions (after the sanitiser)."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.postprocessors.register(_TablesPostprocessor(md), "wijkengids_tables", -10)


def makeExtension(**kwargs: Any) -> FocusableTablesExtension:
    return FocusableTablesExtension(**kwargs)
