"""The benchmarks' synthetic guide: valid, of every type, shaped like the shipped guide, reproducible."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.synthetic import guide_stats, type_counts, write_guide
from build_tools.pipeline import check

pytestmark = pytest.mark.slow  # writes and checks a 300-record guide (about 7 s)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def guide(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("synthetic") / "guide"
    write_guide(root, 300)
    return root


def test_every_reference_is_valid_and_every_type_present(guide: Path) -> None:
    result = check(guide)
    assert result.errors == []
    shipped = {r.rtype.name for r in check(ROOT).catalog.records.values()}
    assert {r.rtype.name for r in result.catalog.records.values()} == shipped
    assert sum(type_counts(300).values()) == result.files


def test_shaped_like_the_shipped_guide(guide: Path) -> None:
    real, synthetic = guide_stats(ROOT), guide_stats(guide)
    assert 0.7 < synthetic.words_per_record / real.words_per_record < 1.3
    assert 0.7 < synthetic.links_per_record / real.links_per_record < 1.3
    # Twice the records: more distinct words than the shipped guide (a vocabulary that grows
    # like text's), but far fewer than words (a Zipf spread, not random strings).
    assert real.distinct < synthetic.distinct < synthetic.words / 3


def test_same_seed_same_guide(guide: Path, tmp_path: Path) -> None:
    write_guide(tmp_path / "again", 300)
    first = sorted(p.relative_to(guide) for p in guide.rglob("*") if p.is_file())
    again = sorted(p.relative_to(tmp_path / "again") for p in (tmp_path / "again").rglob("*") if p.is_file())
    assert first == again
    assert all((guide / p).read_bytes() == (tmp_path / "again" / p).read_bytes() for p in first)
