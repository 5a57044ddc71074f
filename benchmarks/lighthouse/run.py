"""Lighthouse (npm, pinned in package-lock.json) on five kinds of page of the built guide.

Builds the shipped guide (``wijkengids build`` into a temporary folder, or ``--site DIR``),
serves it on 127.0.0.1 under its published path, and runs Lighthouse with Node and Debian's
chromium on home, a chapter, a lesson, an example and a theme: accessibility, SEO and best
practices. Prints a Markdown table for the README; the reports and each page's final screenshot
go to ``test-artifacts/lighthouse/``. A benchmark, not a test: it reports, the floor is 100.

    make bench-lighthouse            # or: .venv/bin/python benchmarks/lighthouse/run.py --site site
"""

from __future__ import annotations

import argparse
import base64
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))  # the browser tests' build and server helpers

from browser.site import build_site, find_page_kinds, serve, site_prefix  # noqa: E402

LIGHTHOUSE = REPO / "node_modules" / "lighthouse" / "cli" / "index.js"
OUT = REPO / "test-artifacts" / "lighthouse"
KINDS = ("home", "chapter", "lesson", "example", "theme")
CATEGORIES = ("accessibility", "seo", "best-practices")
FLOOR = 100


def chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit("chromium ontbreekt: `make browser-deps` installeert het (Debian)")


def run_lighthouse(url: str, report: Path) -> dict[str, object]:
    command = [
        shutil.which("node") or "node",
        str(LIGHTHOUSE),
        url,
        f"--chrome-path={chromium()}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json",
        f"--output-path={report}",
        "--quiet",
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0 or not report.is_file():
        raise SystemExit(f"Lighthouse faalde op {url}:\n{done.stderr[-2000:]}")
    data: dict[str, object] = json.loads(report.read_text(encoding="utf-8"))
    return data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    args = parser.parse_args()
    if not LIGHTHOUSE.is_file():
        raise SystemExit(f"{LIGHTHOUSE} ontbreekt: `make node-deps` installeert lighthouse")
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="wijkengids-lh-") as tmp:
        site = args.site.resolve() if args.site else build_site(Path(tmp) / "site")
        kinds = find_page_kinds(site, KINDS)
        rows = []
        below = []
        with serve(site, site_prefix(site)) as base:
            for kind in KINDS:
                path = kinds.path(kind)
                data = run_lighthouse(base + path, OUT / f"{kind}.json")
                categories = data["categories"]
                assert isinstance(categories, dict)
                scores = {c: round(100 * float(categories[c]["score"] or 0)) for c in CATEGORIES}
                audits = data["audits"]
                assert isinstance(audits, dict)
                shot = audits.get("final-screenshot", {}).get("details", {}).get("data", "")
                if shot.startswith("data:image/"):
                    (OUT / f"{kind}.{shot.split(';')[0].split('/')[1]}").write_bytes(
                        base64.b64decode(shot.split(",", 1)[1])
                    )
                failing = [
                    f"{c}: {a}"
                    for c in CATEGORIES
                    for a in (r["id"] for r in categories[c]["auditRefs"] if r.get("weight"))
                    if audits[a].get("score") not in (None, 1)
                ]
                rows.append((kind, path, scores))
                if any(v < FLOOR for v in scores.values()):
                    below.append(f"{kind} (/{path}): " + ", ".join(failing))
    print(f"Lighthouse {json.loads((LIGHTHOUSE.parents[1] / 'package.json').read_text())['version']}, floor {FLOOR}")
    print("| page | path | accessibility | SEO | best practices |")
    print("| --- | --- | ---: | ---: | ---: |")
    for kind, path, scores in rows:
        print(f"| {kind} | /{path} | {scores['accessibility']} | {scores['seo']} | {scores['best-practices']} |")
    if below:
        print("below the floor:\n" + "\n".join(below))
    return 1 if below else 0


if __name__ == "__main__":
    raise SystemExit(main())
