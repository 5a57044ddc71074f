"""Print export: chapter, whole guide and pack PDFs, before (``benchmarks/before.py``) and after, in the same run.

Every figure is one fresh process (``python -m build_tools export …`` or a small script for the
whole guide), wall clock best of ``repeat`` and the peak resident memory of that process
(``ru_maxrss`` of ``wait4``). "Before" runs the code of :data:`benchmarks.before.BEFORE` on the
same guide; packs did not exist then. Guides: the shipped one, and the realistic synthetic
guide of 1,000 records (``benchmarks/synthetic.py``) with one chapter of 20 items.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import before  # noqa: E402
from benchmarks.bench_engines import prepare_synthetic  # noqa: E402

#: Lays out the whole guide's PDF with the code on PYTHONPATH (the same calls before and after).
_WHOLE_GUIDE = """
import sys
from pathlib import Path
from build_tools.export.outputs import checked_catalog, guide_html, read_settings
from build_tools.export.pdf import render_pdf
root = Path(sys.argv[1])
result = render_pdf(guide_html(checked_catalog(root), read_settings(root)), Path(sys.argv[2]))
print(result.pages)
"""
#: The same, warm: the first layout prints the anchor pages an earlier export found (as
#: ``export --all`` and ``build`` do from the PDFs' manifest); argv[3] is a JSON file of them,
#: written when it does not exist yet (that run is not the one timed).
_WHOLE_GUIDE_WARM = """
import json, sys
from pathlib import Path
from build_tools.export.outputs import checked_catalog, guide_html, read_settings
from build_tools.export.pdf import render_pdf
root, kept = Path(sys.argv[1]), Path(sys.argv[3])
guess = json.loads(kept.read_text()) if kept.exists() else None
result = render_pdf(guide_html(checked_catalog(root), read_settings(root)), Path(sys.argv[2]), guess=guess)
kept.write_text(json.dumps(dict(result.anchors)))
print(result.pages)
"""
#: Items in the synthetic guide's chapter for the chapter figure (as issue 16 measured it).
CHAPTER_ITEMS = 20
#: The chapter of the synthetic guide that gets them.
SYNTHETIC_CHAPTER = "pdf-bench-hoofdstuk"


def _run(command: list[str], code: Path | None) -> tuple[float, int]:
    """Wall seconds and peak RSS (MiB) of ``command``, run with ``code``'s build_tools; fails loudly."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, env=before.env(code), stdout=subprocess.DEVNULL, stderr=err, cwd=tempfile.gettempdir()
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            err.seek(0)
            raise RuntimeError(f"{' '.join(command)} failed:\n{err.read().decode()[-3000:]}")
    return seconds, usage.ru_maxrss // 1024


def _best(command: list[str], code: Path | None, repeat: int) -> tuple[float, int]:
    return min((_run(command, code) for _ in range(repeat)), key=lambda r: r[0])


def _export(root: Path, args: list[str], target: Path) -> list[str]:
    return [sys.executable, "-m", "build_tools", "export", *args, "-C", str(root), "-o", str(target), "--force"]


def _pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    match = re.search(r"^Pages:\s+(\d+)", out, re.M)
    return int(match.group(1)) if match else 0


def _largest_chapter(root: Path) -> str:
    from build_tools.export.outputs import chapter_html, checked_catalog, read_settings
    from build_tools.schema import CHAPTER

    catalog = checked_catalog(root)
    settings = read_settings(root)
    return max(catalog.of_type(CHAPTER.name), key=lambda c: len(chapter_html(catalog, c.id, settings))).id


def _twenty_records(root: Path) -> list[str]:
    """The first 20 content records of the guide's chapters, in reading order (a pack of 20)."""
    from build_tools.export.outputs import checked_catalog
    from build_tools.schema import CHAPTER

    catalog = checked_catalog(root)
    ids: list[str] = []
    for chapter in catalog.of_type(CHAPTER.name):
        ids.extend(i for i in chapter.refs("items") if i not in ids and catalog.get(i) is not None)
    return ids[:CHAPTER_ITEMS]


#: What the code before issue 16 could not read: the glossary's records and the ``aliases`` field.
_NEWER_FOLDERS = ("guide/begrippen",)
_ALIASES = re.compile(r"^aliases:\n(?:[ ]*- .*\n)+", re.M)


def readable_before(root: Path) -> Path:
    """``root`` without what the code before could not read, so both run on the same guide (in place)."""
    for folder in _NEWER_FOLDERS:
        shutil.rmtree(root / folder, ignore_errors=True)
    for path in [*root.rglob("*.md"), *root.rglob("*.yml")]:
        text = path.read_text(encoding="utf-8")
        if "aliases:" in text:
            path.write_text(_ALIASES.sub("", text), encoding="utf-8")
    return root


def shipped_copy(work: Path) -> Path:
    """The shipped guide's records and mkdocs.yml, readable by the code before (see :func:`readable_before`)."""
    dest = work / "print-shipped"
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    for name in ("guide", "lessons", "examples"):
        shutil.copytree(ROOT / name, dest / name)
    for name in ("mkdocs.yml", "woordenlijst.txt"):
        if (ROOT / name).is_file():
            shutil.copyfile(ROOT / name, dest / name)
    return readable_before(dest)


def synthetic_guide(work: Path, records: int = 1000) -> Path:
    """The realistic synthetic guide with one chapter of :data:`CHAPTER_ITEMS` items."""
    root = prepare_synthetic(work / f"print-{records}", records)
    folder = root / "guide" / "hoofdstukken"
    template = sorted(folder.glob("*.md"))[0].read_text(encoding="utf-8")
    _, front, body = template.split("---\n", 2)
    data = yaml.safe_load(front)
    content = [
        p.stem
        for sub in ("lessons", "lessons/dilemmas", "examples")
        for p in sorted((root / sub).glob("*.md"))
        if "status: gepubliceerd" in p.read_text(encoding="utf-8")
    ]
    data.update(id=SYNTHETIC_CHAPTER, number=99, items=content[:CHAPTER_ITEMS], title="Twintig teksten")
    text = "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + body
    (folder / f"{SYNTHETIC_CHAPTER}.md").write_text(text, encoding="utf-8")
    return readable_before(root)


def report(
    root: Path, work: Path, *, synthetic: bool = True, repeat: int = 2, revisions: tuple[str, ...] = (before.BEFORE,)
) -> None:
    """Print seconds, pages and peak memory, before (each of ``revisions``) and after, for each print figure.

    "÷ before" is the ratio to the first of ``revisions``.
    """
    olds = [(rev[:7], before.extract(work / f"before-code-{rev}", rev)) for rev in revisions]
    out = work / "pdf-bench"
    out.mkdir(parents=True, exist_ok=True)
    shipped = shipped_copy(work) if root == ROOT else root
    guides: list[tuple[str, Path, str]] = [("shipped", shipped, _largest_chapter(shipped))]
    if synthetic:
        guides.append(("synthetic-1000", synthetic_guide(work), SYNTHETIC_CHAPTER))
    print(f"{'guide':>15} {'document':<34} {'code':>7} {'pages':>6} {'best s':>7} {'÷ before':>9} {'peak MiB':>9}")
    for label, guide, chapter in guides:
        figures: list[tuple[str, list[str], bool]] = [
            (f"chapter {chapter}"[:34], _export(guide, [chapter], out / "chapter.pdf"), True),
            ("whole guide", [sys.executable, "-c", _WHOLE_GUIDE, str(guide), str(out / "guide.pdf")], True),
        ]
        kept = work / f"anchors-{label}.json"
        kept.unlink(missing_ok=True)
        warm = [sys.executable, "-c", _WHOLE_GUIDE_WARM, str(guide), str(out / "guide.pdf"), str(kept)]
        figures.append(("whole guide, warm (earlier anchors)", warm, False))
        if label == "shipped":
            ids = ",".join(_twenty_records(guide))
            figures.append(
                ("pack of 20 records (--records)", _export(guide, ["--records", ids], out / "pack.pdf"), False)
            )
        for name, command, compare in figures:
            target = Path(command[-2]) if command[-1] == "--force" or "warm" in name else Path(command[-1])
            if "warm" in name:
                _run(command, None)  # the earlier export whose anchors the timed one starts from
            times = 1 if "guide" in name and label != "shipped" else repeat
            floor = None
            for rev, old in olds if compare else []:
                seconds, memory = _best(command, old, times)
                floor = floor or seconds
                pages = _pages(target)
                print(f"{label:>15} {name:<34} {rev:>7} {pages:>6} {seconds:>7.2f} {seconds / floor:>9.2f} {memory:>9}")
            seconds, memory = _best(command, None, times)
            shown = f"{seconds / floor:>9.2f}" if floor else f"{'':>9}"
            print(f"{label:>15} {name:<34} {'after':>7} {_pages(target):>6} {seconds:>7.2f} {shown} {memory:>9}")


if __name__ == "__main__":  # make bench-print
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shipped-only", action="store_true", help="without the 1,000-record guide")
    parser.add_argument(
        "--before",
        action="append",
        metavar="REV",
        help=f"the code to compare with (a git revision; repeat for more; default {before.BEFORE})",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="wijkengids-bench-print-") as tmp:
        report(ROOT, Path(tmp), synthetic=not args.shipped_only, revisions=tuple(args.before or [before.BEFORE]))
