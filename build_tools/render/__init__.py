"""Records → Markdown pages (Jinja2 templates). Pure: never imports MkDocs."""

from __future__ import annotations

from .links import dest_path, escape_md, expand_refs, overview_src, record_src, relative
from .pages import RenderedPage, render_pages, site_nav, url_path
from .sanitize import sanitize_html

__all__ = [
    "RenderedPage",
    "dest_path",
    "escape_md",
    "expand_refs",
    "overview_src",
    "record_src",
    "relative",
    "render_pages",
    "sanitize_html",
    "site_nav",
    "url_path",
]
