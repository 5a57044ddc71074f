"""Records → Markdown pages, one per published record, one overview per type, and the home.

Pure: takes a catalog, returns :class:`RenderedPage` values. The MkDocs adapter
(:mod:`build_tools.plugin`) turns them into in-memory files; tests call
:func:`render_pages` directly. Templates are compiled once per process.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from ..formatting import chapter_title
from ..link import Catalog
from ..model import Record
from ..schema import (
    CHAPTER,
    EDITORIAL_DEFINITION,
    EDITORIAL_HEADINGS,
    EDITORIAL_LEGEND,
    EDITORIAL_NOTE,
    RECORD_TYPES,
    TYPES_BY_NAME,
    field_label,
)
from .context import (
    PageContext,
    SharedIndex,
    describe,
    first_paragraph,
    page_title,
    plain_text,
    shorten,
)
from .links import HOME, overview_src, record_src

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates" / "site"

#: How many recently reviewed records the home page lists.
RECENT_LIMIT = 8

DEFAULT_HOME_INTRO = """\
De wijkengids bundelt wat onderzoek en praktijk over de wijkaanpak hebben geleerd:
lessen, dilemma's, praktijkvoorbeelden en citaten, steeds met hun bronnen.
Hij is bedoeld voor iedereen die met een wijk bezig is: bewoners, professionals,
beleidsmakers en bestuurders.
"""


@dataclass(frozen=True)
class RenderedPage:
    """One page of the site as Markdown, at ``src_uri`` in MkDocs' (virtual) docs folder."""

    url_path: str  # "lessen/lange-adem/" (with directory URLs) or "lessen/lange-adem.html"
    src_uri: str  # "lessen/lange-adem.md"
    title: str
    markdown: str
    edit_path: str | None  # the record's file relative to the guide root; None for generated overviews
    kind: str  # "record", "chapter", "overview" or "home"
    record_id: str | None = None


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """The compiled templates, kept between runs in the cache folder (Jinja checks each one's source).

    Compiling the page templates took a fifth of a second of every build; ``None`` (compile
    every time) when the folder cannot be made.
    """
    from ..language.spelling import cache_dir

    folder = cache_dir() / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


@functools.cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        bytecode_cache=_bytecode_cache(),
        autoescape=False,  # the output is Markdown; values are escaped with p.text / p.link
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["group_labels"] = {t.name: t.heading for t in RECORD_TYPES}
    env.globals["types"] = dict(TYPES_BY_NAME)  # `types.lesson.name`, `types.lesson.heading`: the model's words
    env.globals["field_label"] = field_label
    env.globals.update(
        editorial=EDITORIAL_HEADINGS,
        editorial_note=EDITORIAL_NOTE,
        editorial_legend=EDITORIAL_LEGEND,
        editorial_definition=EDITORIAL_DEFINITION,
    )
    return env


@functools.cache
def _template(name: str) -> jinja2.Template:
    return _environment().get_template(name)


def front_matter(title: str | None, description: str) -> str:
    """The page's title and description for MkDocs and Material (``<title>``, ``<meta name=description>``).

    Material puts both into the page's HTML as they are, so they are HTML-escaped here;
    JSON strings are valid YAML, so any text is safe in the front matter.
    """
    lines = [] if title is None else [f"title: {json.dumps(html.escape(title), ensure_ascii=False)}"]
    lines.append(f"description: {json.dumps(html.escape(description), ensure_ascii=False)}")
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def url_path(src_uri: str, *, directory_urls: bool = True) -> str:
    """The page's URL relative to the site root: ``lessen/x/``, ``lessen/``, ``""`` for the home."""
    stem = src_uri.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/" if directory_urls else stem + ".html"


def render_pages(
    catalog: Catalog,
    *,
    home_intro: str | None = None,
    home_edit_path: str | None = None,
    directory_urls: bool = True,
    today: dt.date | None = None,
) -> list[RenderedPage]:
    """Every page the guide generates: home, overviews, then one page per published record."""
    shared = SharedIndex(catalog)

    def page(src: str, template: str, kind: str, title: str, edit: str | None, **values: Any) -> RenderedPage:
        p = PageContext(catalog, shared, src, directory_urls=directory_urls)
        markdown = _template(template).render(p=p, title=title, **values)
        record = values.get("record")
        if isinstance(record, Record):
            head_title: str | None = page_title(record)
            description = describe(record, catalog)
        else:
            head_title = None if kind == "home" else title
            description = shorten(plain_text(first_paragraph(markdown.split("\n", 1)[-1]), catalog))
        markdown = front_matter(head_title, description) + markdown
        return RenderedPage(
            url_path(src, directory_urls=directory_urls),
            src,
            title,
            markdown,
            edit,
            kind,
            record.id if isinstance(record, Record) else None,
        )

    pages = [
        page(
            HOME,
            "home.md.j2",
            "home",
            "Wijkengids",
            home_edit_path,
            intro=home_intro if home_intro is not None else DEFAULT_HOME_INTRO,
            recent=recently_reviewed(catalog),
        )
    ]
    for rtype in RECORD_TYPES:
        pages.append(
            page(
                overview_src(rtype),
                f"overview_{rtype.name}.md.j2",
                "overview",
                rtype.overview,
                None,
                records=catalog.of_type(rtype.name),
            )
        )
    chapters = catalog.of_type(CHAPTER.name)
    for rtype in RECORD_TYPES:
        for record in catalog.of_type(rtype.name):
            values: dict[str, Any] = {"record": record}
            if rtype.name == CHAPTER.name:
                index = chapters.index(record)
                values["previous"] = chapters[index - 1] if index > 0 else None
                values["next"] = chapters[index + 1] if index + 1 < len(chapters) else None
            pages.append(
                page(
                    record_src(record),
                    f"{rtype.name}.md.j2",
                    "chapter" if rtype is CHAPTER else "record",  # the page kind, not a record type
                    record.title,
                    record.path,
                    **values,
                )
            )
    return pages


def recently_reviewed(catalog: Catalog, limit: int = RECENT_LIMIT) -> list[Record]:
    """Published guide content (not list records), most recently reviewed first."""
    content = [r for r in catalog.records.values() if r.published and not r.rtype.is_list and r.reviewed is not None]
    content.sort(key=lambda r: (r.reviewed or dt.date.min, r.title.casefold()), reverse=True)
    return content[:limit]


def site_nav(catalog: Catalog, extra_pages: Iterable[str] = ()) -> list[Any]:
    """The navigation in MkDocs' ``nav`` format: home, chapters, overviews, then other pages.

    Record pages are left out on purpose (they are reached from chapters and overviews):
    a nav of thousands of pages makes every page heavier and the build several times slower.
    """
    nav: list[Any] = [{"Startpagina": HOME}]  # not "Start": a link text Lighthouse (SEO) calls undescriptive
    chapters: list[Any] = [overview_src(CHAPTER)]
    chapters += [{chapter_title(c): record_src(c)} for c in catalog.of_type(CHAPTER.name)]
    nav.append({CHAPTER.heading: chapters})
    nav.append({"Alles op een rij": [{t.overview: overview_src(t)} for t in RECORD_TYPES if t.name != CHAPTER.name]})
    nav.extend(extra_pages)
    return nav
