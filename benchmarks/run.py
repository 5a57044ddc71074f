"""``make bench``: print the figures the README quotes. Not a test: nothing here asserts a time."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import bench_check, bench_engines, bench_export, bench_site  # noqa: E402
from benchmarks.synthetic import fitted_exponent, guide_stats, write_guide  # noqa: E402
from build_tools.pipeline import check  # noqa: E402
from build_tools.site_build import build_site  # noqa: E402


def section(title: str) -> None:
    print(f"\n== {title}")


def print_guides(sizes: list[int], work: Path) -> None:
    section("the guides measured: the shipped guide and the synthetic guides modelled on it")
    print(guide_stats(ROOT).line("shipped guide"))
    print(f"synthetic: the shipped records as templates, words from a Zipf law (exponent {fitted_exponent()})")
    for size in sizes:
        write_guide(work / f"stats-{size}", size)
        print(guide_stats(work / f"stats-{size}").line(f"synthetic {size:,}"))


def bench_check_sizes(sizes: list[int], work: Path) -> None:
    section("wijkengids check vs. bare yaml.CSafeLoader parse (best of 3)")
    print(f"{'records':>8} {'files':>6} {'check s':>9} {'bare s':>9} {'ratio':>6} {'ms/file':>8}")
    for size in sizes:
        root = work / f"check-{size}"
        write_guide(root, size)
        files, t_check, t_bare = bench_check.measure(root)
        print(
            f"{size:>8} {files:>6} {t_check:>9.3f} {t_bare:>9.3f} {t_check / t_bare:>6.2f} "
            f"{1000 * t_check / files:>8.3f}"
        )
    start = time.perf_counter()
    result = check(ROOT)
    print(f"shipped guide: {result.files} files, check {time.perf_counter() - start:.3f} s, ok={result.ok}")


def bench_site_sizes(sizes: list[int], work: Path) -> None:
    section(
        "site build: generator vs. plain MkDocs + Material on the same pages (fresh process, best of 3; 1 above 1,000)"
    )
    print(
        f"{'records':>8} {'pages':>6} {'generator s':>12} {'plain s':>9} {'ratio':>6} {'ms/page':>8} {'pagefind s':>11}"
    )
    for size in sizes:
        root = work / f"site-{size}"
        write_guide(root, size)
        pages, t_gen, t_plain, t_index = bench_site.measure(root, repeat=3 if size <= 1000 else 1)
        print(
            f"{size:>8} {pages:>6} {t_gen:>12.2f} {t_plain:>9.2f} {t_gen / t_plain:>6.2f} "
            f"{1000 * t_gen / pages:>8.1f} {t_index:>11.2f}"
        )
    start = time.perf_counter()
    build_site(ROOT / "mkdocs.yml", site_dir=work / "shipped-site", pdf=False)
    print(f"shipped guide: site and search (PDFs aside) built in {time.perf_counter() - start:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="wijkengids-bench-") as tmp:
        work = Path(tmp)
        print_guides([100, 1000] if args.quick else [1000, 5000], work)
        bench_check_sizes([100, 1000] if args.quick else [1000, 10000], work)
        bench_site_sizes([100, 1000] if args.quick else [100, 1000, 5000], work)
        section("engines: wijkengids build --engine E beside the previous build (PDFs aside)")
        engine_guides = [("shipped", ROOT, 1 if args.quick else 3)]
        if not args.quick:
            engine_guides.append(("synthetic-1000", bench_engines.prepare_synthetic(work / "engines-1000", 1000), 1))
        bench_engines.report(engine_guides, work)
        section("wijkengids export (PDF, shipped guide)")
        bench_export.report(ROOT, work)


if __name__ == "__main__":
    main()
