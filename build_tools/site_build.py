"""``wijkengids build`` and ``wijkengids render``: the build is ours, the engine is one step in it.

    check (once) → PDFs → render every page into a docs folder outside the repository →
    engine (MkDocs, ProperDocs or Zensical) → Pagefind index → web editor → swap into ``site/``

The docs folder (:mod:`build_tools.render.docs`) holds every page, the assets, the theme
overrides and an engine configuration; ``wijkengids render OUT_DIR`` writes the same folder
for anyone comparing engines or debugging a page. The site is built into a staging folder
beside ``site/`` and swapped in only when everything succeeded; the lock, the staging folder,
the swap and Ctrl-C are :mod:`build_tools.staging`. A failed, interrupted or killed build
leaves ``site/`` as it was.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import report
from .config import ConfigError, load_settings
from .engines import DEFAULT_ENGINE, ENGINES, EngineFailed, run_engine, write_header
from .pipeline import CheckResult, check
from .render.docs import DocsError, DocsFolder, Project, load_project, write_docs
from .render.material import fix_built_site
from .staging import DEFAULT_WAIT, BuildLocked, build_lock, remove_leftovers, staged

Echo = Callable[[str], None]


class BuildFailed(Exception):
    """The site could not be built; ``site_dir`` is unchanged."""


@dataclass
class BuildReport:
    """What one build did: where the site is, and how long each step took."""

    site_dir: Path
    engine: str
    steps: dict[str, float] = field(default_factory=dict)  # step name → seconds
    search: str = ""  # the search index's summary line

    def timings(self) -> str:
        return ", ".join(f"{name} {seconds:.2f} s" for name, seconds in self.steps.items())


def echo_stderr(line: str) -> None:
    """How the build reports progress: a line on standard error."""
    print(line, file=sys.stderr, flush=True)


def checked(project: Project, echo: Echo = echo_stderr) -> CheckResult:
    """The guide, checked once for the whole build; its problems told as ``wijkengids check`` tells them."""
    try:
        days = load_settings(project.root).stale_after_days
    except ConfigError as exc:
        raise BuildFailed(str(exc)) from exc
    result = check(project.root, stale_after_days=days, cache=True)  # unchanged records are not parsed again
    for problem in result.problems:
        echo(report.format_text(problem))
    if not result.ok:
        raise BuildFailed(f"{report.summary(result.problems, result.files)} Los de fouten op")
    return result


def render_docs(
    config_file: Path,
    out_dir: Path,
    *,
    engine: str = DEFAULT_ENGINE,
    echo: Echo = echo_stderr,
    result: CheckResult | None = None,
) -> DocsFolder:
    """Check the guide and write the docs folder ``engine`` builds into ``out_dir`` (empty or new)."""
    try:
        project = load_project(config_file)
        result = result or checked(project, echo)
        chosen = ENGINES[engine]
        return write_docs(
            result.catalog,
            project,
            out_dir,
            prepare_overrides=lambda overrides: write_header(chosen, overrides),
            theme=dict(chosen.theme),
        )
    except (DocsError, EngineFailed) as exc:
        raise BuildFailed(str(exc)) from exc


def build_site(
    config_file: Path,
    *,
    site_dir: Path | None = None,
    strict: bool = True,
    pdf: bool = True,
    engine: str = DEFAULT_ENGINE,
    wait: float = DEFAULT_WAIT,
) -> Path:
    """:func:`build_guide`, returning only where the site is."""
    return build_guide(config_file, site_dir=site_dir, strict=strict, pdf=pdf, engine=engine, wait=wait).site_dir


def build_guide(
    config_file: Path,
    *,
    site_dir: Path | None = None,
    strict: bool = True,
    pdf: bool = True,
    engine: str = DEFAULT_ENGINE,
    wait: float = DEFAULT_WAIT,
    echo: Echo = echo_stderr,
) -> BuildReport:
    """Build the site of ``config_file`` with ``engine`` and put it at ``site_dir`` (default: the config's).

    With ``pdf``, the chapter and whole-guide PDFs go into ``pdf/`` of the site (unchanged
    ones are reused from the export cache), before the swap like everything else. While
    another build of the same guide runs, this one waits up to ``wait`` seconds.
    """
    if engine not in ENGINES:
        raise BuildFailed(f"onbekende engine '{engine}'; kies uit {', '.join(ENGINES)}")
    try:
        project = load_project(config_file)
    except DocsError as exc:
        raise BuildFailed(str(exc)) from exc
    target = (site_dir or project.config_file.parent / str(project.config.get("site_dir", "site"))).resolve()
    built = BuildReport(target, engine)
    started = time.perf_counter()
    result = checked(project, echo)
    built.steps["check"] = time.perf_counter() - started
    try:
        with build_lock(project.root, wait=wait, on_wait=echo):
            remove_leftovers(target)  # of builds that were killed
            with staged(target) as staging:
                _build_into(project, result, staging, built, strict=strict, pdf=pdf)
    except BuildLocked as exc:
        raise BuildFailed(str(exc)) from exc
    return built


def _build_into(
    project: Project, result: CheckResult, staging: Path, built: BuildReport, *, strict: bool, pdf: bool
) -> None:
    """PDFs, pages, engine and search index, all into ``staging``."""
    engine = ENGINES[built.engine]
    pdfs = None
    if pdf:  # first: the engine then checks every link to them
        step = time.perf_counter()
        from .export import ExportError, export_pdfs
        from .export.outputs import SITE_CACHE

        try:
            # the catalog checked above: no second check; unchanged PDFs are reused
            pdfs = export_pdfs(project.root, project.root / SITE_CACHE, catalog=result.catalog)
        except ExportError as exc:
            raise BuildFailed(f"PDF's: {exc}") from exc
        built.steps["pdf"] = time.perf_counter() - step
    work = Path(tempfile.mkdtemp(prefix="wijkengids-docs-"))  # outside the repository
    try:
        step = time.perf_counter()
        try:
            folder = write_docs(
                result.catalog,
                project,
                work / "docs-folder",
                site_dir=None if engine.site_inside_project else staging,
                prepare_overrides=lambda overrides: write_header(engine, overrides),
                pdfs=pdfs,
                theme=dict(engine.theme),
            )
        except (DocsError, EngineFailed) as exc:
            raise BuildFailed(str(exc)) from exc
        built.steps["render"] = time.perf_counter() - step
        step = time.perf_counter()
        try:
            run_engine(engine, folder.config_file, staging, strict=strict)
        except EngineFailed as exc:
            raise BuildFailed(str(exc)) from exc
        built.steps[engine.name] = time.perf_counter() - step
    finally:
        shutil.rmtree(work, ignore_errors=True)
    fix_built_site(staging)  # valid HTML where Material's templates cannot be overridden
    step = time.perf_counter()
    from .search import SearchIndexError, index_site

    try:
        stats = index_site(staging, result.catalog)
    except SearchIndexError as exc:
        raise BuildFailed(str(exc)) from exc
    if stats.missing:
        raise BuildFailed(f"zoekindex: geen pagina voor {', '.join(stats.missing)}")
    built.search = stats.summary()
    built.steps["pagefind"] = time.perf_counter() - step
    write_editor_into(staging, project.config_file)  # /beheer/: after the index, so it is never searched


def write_editor_into(site_dir: Path, config_file: Path) -> None:
    """The web editor at ``/beheer/`` (:mod:`build_tools.editor`), or :class:`BuildFailed` saying why not."""
    from .editor.site import EditorError, settings_from_mkdocs, write_editor

    try:
        write_editor(site_dir, config_file.resolve().parent, settings_from_mkdocs(config_file))
    except EditorError as exc:
        raise BuildFailed(f"webeditor: {exc}") from exc
