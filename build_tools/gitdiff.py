"""``wijkengids diff``: what a git range adds, changes or removes in the guide.

The guide is checked twice — as it stood at ``BASE`` and as it stands at ``HEAD``
(or in the working tree) — and the two catalogs are compared record by record. A
record's page also changes when a record it links to, or that links to it, is
added, removed, renamed or (un)published: those pages are listed too, so a
reviewer of a pull request sees every page that will look different.

The comparison (:func:`compare`) is a pure function of two catalogs; only
:func:`diff_range` touches git, and only :func:`diff_command` prints.
"""

from __future__ import annotations

import io
import json
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .link import Catalog
from .load import CONTENT_ROOTS
from .model import Record
from .pipeline import check
from .schema import RECORD_TYPES, TYPES_BY_NAME, TypeName

#: Folders (relative to the guide root) whose files make up the records.
RECORD_ROOTS = tuple(sorted({*CONTENT_ROOTS, *(t.folder for t in RECORD_TYPES)}))


class GitError(Exception):
    """A git command failed (unknown revision, not a repository, ...)."""


@dataclass(frozen=True)
class RecordChange:
    """One record that was added, changed or removed."""

    type: TypeName
    id: str
    title: str
    status: str
    path: str
    fields: tuple[str, ...] = ()  # changed: the fields that differ ("tekst" for the body)
    previous_title: str = ""  # changed: the title before, when it changed
    previous_status: str = ""  # changed: the status before, when it changed


@dataclass(frozen=True)
class AffectedPage:
    """A record not changed itself whose page changes because of a link."""

    type: TypeName
    id: str
    title: str
    status: str
    because: tuple[str, ...]  # ids of the changed records it links to or is linked from


@dataclass(frozen=True)
class GuideDiff:
    base: str
    head: str
    added: tuple[RecordChange, ...] = ()
    changed: tuple[RecordChange, ...] = ()
    removed: tuple[RecordChange, ...] = ()
    affected: tuple[AffectedPage, ...] = ()
    overviews: tuple[str, ...] = ()  # URL segments of the lists per type that change (e.g. "lessen")
    head_errors: int = 0  # content errors at head (records with errors are left out of the comparison)
    head_error_files: tuple[str, ...] = field(default=())

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.removed)


# --- comparing two catalogs -------------------------------------------------------------------


def _type_order(record_type: str) -> int:
    names: list[str] = [t.name for t in RECORD_TYPES]
    return names.index(record_type)


def _sort_key(item: RecordChange | AffectedPage) -> tuple[int, str]:
    return (_type_order(item.type), item.id)


def _change(record: Record, **extra: Any) -> RecordChange:
    return RecordChange(record.type, record.id, record.title, record.status, record.path, **extra)


def _changed_fields(before: Record, after: Record) -> tuple[str, ...]:
    names = [f.name for f in after.rtype.all_fields if before.fields.get(f.name) != after.fields.get(f.name)]
    if before.body.strip() != after.body.strip():
        names.append("tekst")
    if before.path != after.path:
        names.append("bestand")
    return tuple(names)


def compare(base: Catalog, head: Catalog, *, base_name: str = "BASE", head_name: str = "HEAD") -> GuideDiff:
    """Records added, changed and removed from ``base`` to ``head``, and the pages that change with them."""
    added = [_change(r) for i, r in head.records.items() if i not in base.records]
    removed = [_change(r) for i, r in base.records.items() if i not in head.records]
    changed: list[RecordChange] = []
    # Records whose neighbours' pages change, with the neighbours concerned.
    # Concept records have no page and appear on no other page: only published ones count.
    touched: dict[str, frozenset[str]] = {
        r.id: base.neighbours(r.id) | head.neighbours(r.id)
        for catalog, other in ((head, base), (base, head))
        for r in catalog.records.values()
        if r.id not in other.records and r.published
    }
    for record_id, after in head.records.items():
        before = base.records.get(record_id)
        if before is None:
            continue
        names = _changed_fields(before, after)
        if not names:
            continue
        changed.append(
            _change(
                after,
                fields=names,
                previous_title=before.title if before.title != after.title else "",
                previous_status=before.status if before.status != after.status else "",
            )
        )
        old, new = base.neighbours(record_id), head.neighbours(record_id)
        if not (before.published or after.published):
            continue
        if before.title != after.title or before.published != after.published or before.type != after.type:
            touched[record_id] = old | new  # every page that shows it shows something else now
        else:
            touched[record_id] = old ^ new  # only pages whose link to it came or went
    # A type's overview page lists its published records by title.
    listed = {c.type for c in (*added, *removed) if c.status != "concept"}
    listed |= {c.type for c in changed if c.previous_status or (c.previous_title and c.status != "concept")}
    own = {c.id for c in (*added, *changed, *removed)}
    because: dict[str, set[str]] = {}
    for record_id, neighbours in touched.items():
        for neighbour in neighbours - own:
            because.setdefault(neighbour, set()).add(record_id)
    affected = [
        AffectedPage(page.type, page.id, page.title, page.status, tuple(sorted(because[page.id])))
        for page in (head.records.get(i) for i in because)
        if page is not None and page.published
    ]
    return GuideDiff(
        base=base_name,
        head=head_name,
        added=tuple(sorted(added, key=_sort_key)),
        changed=tuple(sorted(changed, key=_sort_key)),
        removed=tuple(sorted(removed, key=_sort_key)),
        affected=tuple(sorted(affected, key=_sort_key)),
        overviews=tuple(t.plural for t in RECORD_TYPES if t.name in listed),
    )


# --- git ----------------------------------------------------------------------------------------


def _git(root: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    except FileNotFoundError as exc:
        raise GitError("git is niet geïnstalleerd") from exc
    if done.returncode != 0:
        raise GitError(done.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} mislukte")
    return done.stdout


def export_records(root: Path, revision: str, dest: Path) -> None:
    """Write the record files of the guide under ``root`` as they were at ``revision`` into ``dest``.

    ``root`` may be a subfolder of the repository; ``dest`` receives the same layout
    as ``root`` (``dest/lessons/…``, ``dest/guide/…``).
    """
    try:
        commit = _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").decode().strip()
    except GitError as exc:
        raise GitError(f"onbekende revisie '{revision}' (bestaat de branch of commit, en is hij opgehaald?)") from exc
    top = Path(_git(root, "rev-parse", "--show-toplevel").decode().strip())
    prefix = _git(root, "rev-parse", "--show-prefix").decode().strip()
    archive = _git(top, "archive", "--format=tar", f"{commit}:{prefix}" if prefix else commit)
    wanted = tuple(f"{folder}/" for folder in RECORD_ROOTS)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        members = [m for m in tar.getmembers() if m.isfile() and m.name.startswith(wanted)]
        tar.extractall(dest, members=members, filter="data")


def diff_range(root: Path, base: str, head: str | None = None) -> GuideDiff:
    """Compare the guide at ``base`` with the guide at ``head`` (default: the working tree)."""
    with tempfile.TemporaryDirectory(prefix="wijkengids-diff-") as tmp:
        base_dir = Path(tmp) / "base"
        base_dir.mkdir()
        export_records(root, base, base_dir)
        if head is None:
            head_dir = root
        else:
            head_dir = Path(tmp) / "head"
            head_dir.mkdir()
            export_records(root, head, head_dir)
        before = check(base_dir, stale_after_days=None)
        after = check(head_dir, stale_after_days=None)
    result = compare(before.catalog, after.catalog, base_name=base, head_name=head or "werkmap")
    error_files = tuple(sorted({p.path for p in after.errors}))
    return GuideDiff(
        result.base,
        result.head,
        result.added,
        result.changed,
        result.removed,
        result.affected,
        result.overviews,
        head_errors=len(after.errors),
        head_error_files=error_files,
    )


# --- reporting ----------------------------------------------------------------------------------


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(text.split()).replace("\\", "\\\\").replace("|", "\\|")


def _label(type_name: TypeName) -> str:
    return TYPES_BY_NAME[type_name].label


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def format_markdown(diff: GuideDiff) -> str:
    """The summary for a pull request (``$GITHUB_STEP_SUMMARY``), in Dutch Markdown."""
    lines = [f"## Wijzigingen in de gids ({_cell(diff.base)} → {_cell(diff.head)})", ""]
    if diff.empty:
        lines.append("Geen records toegevoegd, gewijzigd of verwijderd.")
    else:
        lines.append(
            f"{_count(len(diff.added), 'record', 'records')} toegevoegd, {len(diff.changed)} gewijzigd, "
            f"{len(diff.removed)} verwijderd; "
            f"{_count(len(diff.affected), 'andere pagina verandert', 'andere pagina’s veranderen')} door links."
        )
    if diff.head_errors:
        lines += [
            "",
            f"**Let op:** de controle vond {_count(diff.head_errors, 'fout', 'fouten')} in "
            + ", ".join(f"`{p}`" for p in diff.head_error_files)
            + "; records met fouten tellen hier niet mee. Zie de stap ‘check’.",
        ]
    sections: list[tuple[str, tuple[RecordChange, ...]]] = [
        ("Toegevoegd", diff.added),
        ("Gewijzigd", diff.changed),
        ("Verwijderd", diff.removed),
    ]
    for heading, items in sections:
        if not items:
            continue
        lines += ["", f"### {heading}", ""]
        if heading == "Gewijzigd":
            lines += ["| soort | id | titel | status | velden |", "| --- | --- | --- | --- | --- |"]
        else:
            lines += ["| soort | id | titel | status |", "| --- | --- | --- | --- |"]
        for c in items:
            title = _cell(c.title)
            status = c.status
            if c.previous_title:
                title = f"{title} (was: {_cell(c.previous_title)})"
            if c.previous_status:
                status = f"{c.previous_status} → {c.status}"
            row = f"| {_label(c.type)} | `{c.id}` | {title} | {status} |"
            if heading == "Gewijzigd":
                row += " " + ", ".join(f"`{name}`" for name in c.fields) + " |"
            lines.append(row)
    if diff.overviews:
        lines += ["", "Overzichtspagina’s die veranderen: " + ", ".join(f"`{p}/`" for p in diff.overviews) + "."]
    if diff.affected:
        lines += ["", "### Andere pagina’s die veranderen door links", ""]
        lines += ["| soort | id | titel | door |", "| --- | --- | --- | --- |"]
        for page in diff.affected:
            by = ", ".join(f"`{i}`" for i in page.because)
            lines.append(f"| {_label(page.type)} | `{page.id}` | {_cell(page.title)} | {by} |")
    return "\n".join(lines) + "\n"


def to_json_data(diff: GuideDiff) -> dict[str, Any]:
    def change(c: RecordChange) -> dict[str, Any]:
        out: dict[str, Any] = {"type": c.type, "id": c.id, "title": c.title, "status": c.status, "path": c.path}
        if c.fields:
            out["fields"] = list(c.fields)
        if c.previous_title:
            out["previous_title"] = c.previous_title
        if c.previous_status:
            out["previous_status"] = c.previous_status
        return out

    return {
        "base": diff.base,
        "head": diff.head,
        "added": [change(c) for c in diff.added],
        "changed": [change(c) for c in diff.changed],
        "removed": [change(c) for c in diff.removed],
        "affected": [
            {"type": p.type, "id": p.id, "title": p.title, "status": p.status, "because": list(p.because)}
            for p in diff.affected
        ],
        "overviews": list(diff.overviews),
        "head_errors": diff.head_errors,
        "head_error_files": list(diff.head_error_files),
    }


def format_json(diff: GuideDiff) -> str:
    return json.dumps(to_json_data(diff), ensure_ascii=False, indent=2)
