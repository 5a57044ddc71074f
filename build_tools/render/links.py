"""Where each page lives and how one page links to another.

Pages are Markdown files in MkDocs' virtual docs folder: a record at
``<plural>/<id>.md``, an overview at ``<plural>/index.md``, the home at ``index.md``.
Links between them are written as relative links to those ``.md`` files, so MkDocs
checks every one of them (``validation: links``) and turns them into relative URLs.
"""

from __future__ import annotations

import posixpath
import re

from ..link import Catalog
from ..markup import Resolve
from ..markup.extension import RefsExtension
from ..model import Record
from ..schema import RecordType

HOME = "index.md"

#: Characters that mean something to Markdown (or HTML) inside running text.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#|!])")


def record_src(record: Record) -> str:
    """``lessen/lange-adem.md``: the page of a record."""
    return f"{record.rtype.plural}/{record.id}.md"


def overview_src(rtype: RecordType) -> str:
    """``lessen/index.md``: the overview of a record type."""
    return f"{rtype.plural}/index.md"


def relative(from_src: str, to_src: str, anchor: str = "") -> str:
    """A relative link from one page's Markdown file to another's (with an optional ``#anchor``).

    Plain string work on POSIX paths inside the docs folder (``posixpath.relpath`` asks the
    operating system for the working directory on every call: a third of the render time).
    """
    from_dir = from_src.rpartition("/")[0]
    to_dir, _, name = to_src.rpartition("/")
    if from_dir == to_dir:
        target = name
    elif not from_dir:
        target = to_src
    else:
        here = from_dir.split("/")
        there = to_dir.split("/") if to_dir else []
        common = 0
        while common < min(len(here), len(there)) and here[common] == there[common]:
            common += 1
        target = "/".join([".."] * (len(here) - common) + there[common:] + [name])
    return target + (f"#{anchor}" if anchor else "")


def dest_path(src_uri: str, *, directory_urls: bool) -> str:
    """Where MkDocs writes a page, relative to the site root: ``lessen/x/index.html``."""
    stem, _ = posixpath.splitext(src_uri)
    if not directory_urls or posixpath.basename(stem) == "index":
        return stem + ".html"
    return stem + "/index.html"


def site_relative(from_src: str, site_path: str, *, directory_urls: bool) -> str:
    """A relative URL from a page to any file of the built site (for raw HTML MkDocs does not rewrite)."""
    here = posixpath.dirname(dest_path(from_src, directory_urls=directory_urls)) or "."
    return posixpath.relpath(site_path, here)


def escape_md(text: str) -> str:
    """Plain text as Markdown that shows exactly that text (no markup, no HTML)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def md_link(text: str, href: str) -> str:
    return f"[{escape_md(text)}]({href})"


def expand_refs(text: str, resolve: Resolve) -> str:
    """Replace every ``[[id]]`` / ``[[id|tekst]]`` outside code by ``resolve(id, tekst)``.

    The step of :class:`RefsExtension` that the site runs itself; the engine renders the rest.
    """
    return RefsExtension(resolve).expand(text)


def ref_resolver(catalog: Catalog, from_src: str) -> Resolve:
    """How ``[[id]]`` reads on the page ``from_src``: a link to a published record, else plain text."""

    def resolve(target_id: str, label: str | None) -> str:
        target = catalog.get(target_id)
        text = label.strip() if label and label.strip() else (target.title if target else target_id)
        if target is None or not target.published:
            return escape_md(text)
        return md_link(text, relative(from_src, record_src(target)))

    return resolve
