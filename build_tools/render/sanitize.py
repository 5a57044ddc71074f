"""A second line of defence behind the validator: only the HTML Markdown and Material produce survives.

The validator already refuses raw HTML and unsafe links in records; this sanitiser
runs on the rendered HTML of every page all the same, so a record that slipped past
validation (or a template mistake) still cannot run script.

It runs as a Python-Markdown extension (``build_tools.render.sanitize`` in ``markdown_extensions``
of ``mkdocs.yml``), the last step of turning a page's Markdown into HTML: so every engine that
renders Markdown with Python-Markdown (MkDocs, ProperDocs, Zensical) sanitises, with or without
our plugin.
"""

from __future__ import annotations

from typing import Any

import nh3
from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details", "div", "nav",
        "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins",
        "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "section", "small", "span", "strong", "sub",
        "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
    }
)  # fmt: skip

ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"class", "id", "title", "lang", "dir", "role", "aria-label", "aria-hidden", "aria-describedby"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start"},
    "td": {"colspan", "rowspan", "align", "style"},
    "th": {"colspan", "rowspan", "align", "scope", "style"},
    "time": {"datetime"},
    "details": {"open"},
}

URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    """Images only from the site itself: an image from another host would tell it who reads what."""
    if tag == "img" and attribute == "src":
        address = value.strip().lower()
        if address.startswith("//") or ":" in address.split("/", 1)[0]:
            return None
    return value


def sanitize_html(html: str) -> str:
    """``html`` with every tag, attribute and URL scheme outside the allow-lists removed."""
    return nh3.clean(
        html,
        attribute_filter=_keep_attribute,
        filter_style_properties={"text-align"},  # Markdown tables align columns with style="text-align: …"
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


class _SanitizePostprocessor(Postprocessor):
    def run(self, text: str) -> str:
        return sanitize_html(text)


class SanitizeExtension(Extension):
    """Sanitise a page's HTML after every other step of Python-Markdown (raw HTML put back included)."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.postprocessors.register(_SanitizePostprocessor(md), "wijkengids_sanitize", 0)


def makeExtension(**kwargs: Any) -> SanitizeExtension:
    return SanitizeExtension(**kwargs)
