"""Export every PDF of the guide: one per published chapter and one of the whole guide.

The print HTML is rendered here (fast, needs the catalog); the layout runs in worker
processes (slow, about 40 ms a page), the largest document first. A PDF whose inputs
did not change is reused: the hash of its inputs is kept in a manifest beside it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..formatting import chapter_label
from ..link import Catalog
from ..pipeline import check
from ..problems import Problem
from ..schema import CHAPTER
from .markup import DEFAULT_SITE_URL, site_settings
from .packs import Pack, PackError, place_pack, records_pack, theme_pack
from .pdf import RenderResult, inputs_hash, render_pdf
from .print_html import DEFAULT_GUIDE_NAME, build_document, build_pack_document, render_html

#: The whole guide's PDF, beside ``<chapter-id>.pdf``.
GUIDE_PDF = "wijkengids.pdf"
#: Input hashes of the PDFs in an output folder (JSON: file name → {"inputs", "size"}).
MANIFEST = ".pdf-inputs.json"


class ExportError(Exception):
    """The guide cannot be exported; ``problems`` say why (content errors)."""

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)


@dataclass(frozen=True)
class Job:
    """One PDF to make: its file name, its print HTML and the hash of its inputs."""

    name: str
    html: str
    inputs: str


@dataclass(frozen=True)
class Settings:
    guide_name: str = DEFAULT_GUIDE_NAME
    site_url: str = DEFAULT_SITE_URL
    publisher: str = ""  # site_author
    licence: str = ""  # copyright, e.g. "Wijkengids – inhoud onder CC BY 4.0"


def read_settings(root: Path) -> Settings:
    """Guide name and site address from ``mkdocs.yml`` (the one place ``site_url`` is set).

    A booklet cannot be corrected once printed: without a real ``site_url`` (missing, or a
    placeholder such as ``example.nl``) the export fails with :class:`ExportError`.
    """
    config = root / "mkdocs.yml"
    found = site_settings(config.read_text("utf-8") if config.is_file() else None)
    url = found.get("site_url", "")
    where = f"{config.as_posix()}"
    if not url:
        raise ExportError(
            f"{where}: geen site_url; zet het webadres van de gids in mkdocs.yml "
            f"(bijvoorbeeld 'site_url: {DEFAULT_SITE_URL}'), want de PDF's drukken het af."
        )
    if is_placeholder(url):
        line = next(
            (n for n, text in enumerate(config.read_text("utf-8").splitlines(), 1) if text.startswith("site_url:")), 1
        )
        raise ExportError(
            f"{where}:{line}: site_url '{url}' is een voorbeeldadres; zet het echte webadres van de gids "
            "in mkdocs.yml, want een gedrukte gids kan niet meer verbeterd worden."
        )
    return Settings(
        found.get("site_name", DEFAULT_GUIDE_NAME), url, found.get("site_author", ""), found.get("copyright", "")
    )


def is_placeholder(url: str) -> bool:
    """``https://wijkengids.example.nl/``, ``http://localhost/``: addresses no reader can open."""
    host = re.sub(r"^[a-z]+://", "", url.lower()).split("/", 1)[0]
    return bool(re.search(r"(^|\.)example\.|^localhost\b", host))


def checked_catalog(root: Path) -> Catalog:
    """The catalog of a guide without errors; :class:`ExportError` with the problems otherwise."""
    result = check(root, stale_after_days=None)
    if not result.ok:
        raise ExportError(
            f"de gids heeft {len(result.errors)} fout(en); los ze eerst op ('wijkengids check').", result.errors
        )
    return result.catalog


def export_chapter(root: Path, chapter_id: str, target: Path, *, force: bool = False) -> RenderResult:
    """Write the PDF of one published chapter to ``target``.

    Raises :class:`ExportError` when the guide has errors, when ``chapter_id`` is not a
    published chapter (the message lists the valid ids) or when ``target`` exists and
    ``force`` is not set (the file is left as it was).
    """
    catalog = checked_catalog(root)
    chapters = catalog.of_type(CHAPTER.name)
    if chapter_id not in {c.id for c in chapters}:
        record = catalog.get(chapter_id)
        why = (
            f"'{chapter_id}' is geen gepubliceerd hoofdstuk"
            if record is not None and record.type == CHAPTER.name
            else f"onbekend hoofdstuk '{chapter_id}'"
        )
        valid = "\n".join(f"  {c.id:<40} {chapter_label(c)}. {c.title}" for c in chapters) or "  (geen)"
        raise ExportError(f"{why}. Kies een van deze hoofdstukken:\n{valid}")
    if target.exists() and not force:
        raise ExportError(f"{target} bestaat al; gebruik --force om het te vervangen.")
    return render_pdf(chapter_html(catalog, chapter_id, read_settings(root)), target)


def chapter_html(catalog: Catalog, chapter_id: str, settings: Settings) -> str:
    return render_html(build_document(catalog, [chapter_id], **_imprint(settings)))


def choose_pack(
    catalog: Catalog, *, theme: str | None = None, place: str | None = None, records: str | None = None
) -> Pack:
    """The pack of one theme, one place or a comma-separated list of record ids; :class:`PackError` if unknown."""
    if theme is not None:
        return theme_pack(catalog, theme)
    if place is not None:
        return place_pack(catalog, place)
    if records is not None:
        return records_pack(catalog, records.split(","))
    raise PackError("geef --theme, --place of --records.")


def export_pack(catalog: Catalog, pack: Pack, settings: Settings, target: Path, *, force: bool = False) -> RenderResult:
    """Write the PDF of ``pack``; :class:`ExportError` if it is empty, or ``target`` exists (no ``force``)."""
    if not pack.items:
        raise ExportError(
            f"bij {pack.label.lower()} '{pack.subject.id if pack.subject else pack.title}' staan geen gepubliceerde "
            "lessen, dilemma's, praktijkvoorbeelden of citaten; kies een ander of geef ze met --records."
        )
    if target.exists() and not force:
        raise ExportError(f"{target} bestaat al; gebruik --force om het te vervangen.")
    return render_pdf(pack_html(catalog, pack, settings), target)


def pack_html(catalog: Catalog, pack: Pack, settings: Settings) -> str:
    return render_html(build_pack_document(catalog, pack, **_imprint(settings)))


def guide_html(catalog: Catalog, settings: Settings) -> str:
    return render_html(build_document(catalog, None, **_imprint(settings)))


def _imprint(settings: Settings) -> dict[str, str]:
    """What every printed document says about the guide: its name, address, publisher, licence."""
    return {
        "guide_name": settings.guide_name,
        "site_url": settings.site_url,
        "publisher": settings.publisher,
        "licence": settings.licence,
    }


def plan(catalog: Catalog, settings: Settings) -> list[Job]:
    """Every PDF of the guide, the whole guide first (it takes longest)."""
    jobs: list[Job] = []
    html = guide_html(catalog, settings)
    jobs.append(Job(GUIDE_PDF, html, inputs_hash(html)))
    for chapter in catalog.of_type(CHAPTER.name):
        html = chapter_html(catalog, chapter.id, settings)
        jobs.append(Job(f"{chapter.id}.pdf", html, inputs_hash(html)))
    return jobs


def export_pdfs(
    root: Path, out_dir: Path, *, jobs: int = 2, force: bool = False, catalog: Catalog | None = None
) -> list[Path]:
    """Write ``<chapter-id>.pdf`` per published chapter and ``wijkengids.pdf`` to ``out_dir``.

    Runs :func:`~build_tools.pipeline.check` first and raises :class:`ExportError` on
    errors, unless the caller passes the ``catalog`` of a guide it has already checked
    (``wijkengids build``). Renders on ``jobs`` processes; reuses a PDF whose inputs did
    not change (unless ``force``). Returns the paths of all PDFs, chapters by number, the guide last.
    """
    return [result.path for result in export_all(root, out_dir, jobs=jobs, force=force, catalog=catalog)[0]]


#: Where ``make site`` keeps the PDFs between builds (ignored by git, removed by ``make clean``).
SITE_CACHE = ".pdf-cache"
#: The PDFs' folder inside the built site; the site links to ``pdf/<chapter-id>.pdf`` and ``pdf/wijkengids.pdf``.
SITE_FOLDER = "pdf"


def export_to_site(
    root: Path, site_dir: Path, *, cache_dir: Path | None = None, jobs: int = 2, catalog: Catalog | None = None
) -> list[Path]:
    """Export every PDF into a cache beside the guide (reusing unchanged ones) and copy them to ``site_dir/pdf/``.

    For a site build that writes into a fresh folder each time: the cache keeps the
    PDFs and their input hashes, so only changed chapters are laid out again.
    """
    cache = cache_dir if cache_dir is not None else root / SITE_CACHE
    target = site_dir / SITE_FOLDER
    target.mkdir(parents=True, exist_ok=True)
    copied: list[Path] = []
    for path in export_pdfs(root, cache, jobs=jobs, catalog=catalog):
        destination = target / path.name
        shutil.copyfile(path, destination)
        copied.append(destination)
    return copied


def export_all(
    root: Path, out_dir: Path, *, jobs: int = 2, force: bool = False, catalog: Catalog | None = None
) -> tuple[list[RenderResult], list[str]]:
    """Like :func:`export_pdfs`; also returns the names of the PDFs laid out (not reused).

    A PDF in ``out_dir`` that this export did not make (it is not in the manifest) is
    replaced only with ``force``; otherwise :class:`ExportError` names it.
    """
    if catalog is None:
        catalog = checked_catalog(root)
    todo = plan(catalog, read_settings(root))
    manifest = _read_manifest(out_dir)
    foreign = [job.name for job in todo if (out_dir / job.name).exists() and job.name not in manifest]
    if foreign and not force:
        raise ExportError(
            f"{', '.join(foreign)} in {out_dir} bestaan al en zijn niet door 'wijkengids export' gemaakt; "
            "gebruik --force om ze te vervangen of kies een andere map."
        )
    stale = [job for job in todo if force or not _is_current(out_dir, job, manifest)]
    guesses = {job.name: _anchors(manifest.get(job.name, {})) for job in stale}
    for name, result in _render_all(stale, out_dir, jobs, guesses):
        manifest[name] = {
            "inputs": _hash_of(stale, name),
            "size": (out_dir / name).stat().st_size,
            "pages": result.pages,
            "anchors": dict(result.anchors),
        }
    known = {job.name for job in todo}
    manifest = {name: entry for name, entry in manifest.items() if name in known}
    _write_manifest(out_dir, manifest)
    ordered = [*todo[1:], todo[0]]
    results = [RenderResult(out_dir / job.name, _pages(manifest[job.name])) for job in ordered]
    return results, [job.name for job in stale]


def _hash_of(jobs: list[Job], name: str) -> str:
    return next(job.inputs for job in jobs if job.name == name)


def _pages(entry: dict[str, object]) -> int:
    pages = entry.get("pages")
    return pages if isinstance(pages, int) else 0


def _anchors(entry: dict[str, object]) -> dict[str, int]:
    """The anchor pages an earlier export of a PDF found (a first guess for the layout)."""
    anchors = entry.get("anchors")
    if not isinstance(anchors, dict):
        return {}
    return {str(k): v for k, v in anchors.items() if isinstance(v, int)}


def _render_all(
    todo: list[Job], out_dir: Path, jobs: int, guesses: dict[str, dict[str, int]]
) -> list[tuple[str, RenderResult]]:
    if not todo:
        return []
    if jobs <= 1 or len(todo) == 1:
        return [(job.name, render_pdf(job.html, out_dir / job.name, guess=guesses.get(job.name))) for job in todo]
    with ProcessPoolExecutor(max_workers=min(jobs, len(todo))) as pool:
        futures = [
            (job.name, pool.submit(_render_job, job.html, str(out_dir / job.name), guesses.get(job.name)))
            for job in todo
        ]
        return [(name, future.result()) for name, future in futures]


def _render_job(html: str, target: str, guess: dict[str, int] | None) -> RenderResult:
    return render_pdf(html, Path(target), guess=guess)


def _is_current(out_dir: Path, job: Job, manifest: dict[str, dict[str, object]]) -> bool:
    entry = manifest.get(job.name)
    path = out_dir / job.name
    return (
        entry is not None
        and entry.get("inputs") == job.inputs
        and path.is_file()
        and path.stat().st_size == entry.get("size")
    )


def _read_manifest(out_dir: Path) -> dict[str, dict[str, object]]:
    try:
        data = json.loads((out_dir / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): v for k, v in data.items() if isinstance(v, dict)} if isinstance(data, dict) else {}


def _write_manifest(out_dir: Path, manifest: dict[str, dict[str, object]]) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    temp = out_dir / f"{MANIFEST}.tmp"
    temp.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", "utf-8")
    os.replace(temp, out_dir / MANIFEST)
