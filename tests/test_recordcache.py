"""The record cache of ``wijkengids check``: the same result as loading and validating, and re-reads what changed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import CASES, MINIMAL, REPO, TODAY, CaseGuide

from build_tools import load as load_module
from build_tools import recordcache
from build_tools.pipeline import check
from build_tools.problems import Code
from build_tools.recordcache import Checked, cache_file, load_and_validate

ALL_CASES = sorted(p for kind in ("valid", "invalid") for p in (CASES / kind).iterdir() if p.is_dir())


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "xdg-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder


def parsed_files(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the cache hands to the loader and the validator from now on (appended as it does)."""
    seen: list[str] = []
    real = recordcache._outcome

    def counting(rel: str, *args: Any) -> Any:
        seen.append(rel)
        return real(rel, *args)

    monkeypatch.setattr(recordcache, "_outcome", counting)
    return seen


def everything(checked: Checked) -> tuple[Any, ...]:
    """All a check sees of the two stages, positions included (records compare without them)."""

    def records(found: list[Any]) -> list[Any]:
        return [(r, dict(r.positions), r.status, r.published) for r in found]

    return (
        checked.load_problems,
        checked.load_failed_ids,
        checked.files,
        records(checked.records),
        checked.problems,
        records(checked.partial),
        checked.failed_ids,
    )


@pytest.mark.parametrize("case", ALL_CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_cold_and_warm_cache_give_what_load_and_validate_give(
    case: Path, case_guide: CaseGuide, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = case_guide(case)
    plain = everything(load_and_validate(root))
    seen = parsed_files(monkeypatch)
    cold = everything(load_and_validate(root, cache=True))
    parsed_cold = len(seen)
    warm = everything(load_and_validate(root, cache=True))
    assert cold == plain
    assert warm == plain
    assert parsed_cold == len(seen) and cache_file(root).is_file()  # the warm run parsed nothing


def test_the_whole_check_is_the_same_with_the_cache(case_guide: CaseGuide) -> None:
    root = case_guide(CASES / "invalid" / "unknown-id")
    plain = check(root, today=TODAY)
    for _ in range(2):
        cached = check(root, today=TODAY, cache=True)
        assert cached.problems == plain.problems and cached.files == plain.files
        assert dict(cached.catalog.records) == dict(plain.catalog.records)


def test_only_a_changed_file_is_parsed_again(case_guide: CaseGuide, monkeypatch: pytest.MonkeyPatch) -> None:
    root = case_guide(MINIMAL)
    load_and_validate(root, cache=True)
    seen = parsed_files(monkeypatch)
    lesson = root / "lessons" / "lange-adem.md"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("themes:", "thema's:", 1), encoding="utf-8")
    checked = load_and_validate(root, cache=True)
    assert seen == ["lessons/lange-adem.md"]
    assert [(p.path, p.code) for p in checked.problems] == [("lessons/lange-adem.md", Code.UNKNOWN_FIELD)]
    assert checked.problems == load_and_validate(root).problems
    lesson.unlink()  # a removed file leaves the cache, and the rest is still read from it
    seen.clear()
    assert load_and_validate(root, cache=True).files == load_and_validate(root).files
    assert seen == []


def test_a_file_moved_to_another_folder_is_read_as_its_new_type(case_guide: CaseGuide) -> None:
    root = case_guide(MINIMAL)
    load_and_validate(root, cache=True)
    theme = next((root / "guide" / "themas").glob("*.yml"))
    moved = root / "guide" / "plaatsen" / theme.name
    moved.parent.mkdir(parents=True, exist_ok=True)
    theme.rename(moved)
    assert everything(load_and_validate(root, cache=True)) == everything(load_and_validate(root))


def test_changed_code_empties_the_cache(case_guide: CaseGuide, monkeypatch: pytest.MonkeyPatch) -> None:
    root = case_guide(MINIMAL)
    files = load_and_validate(root, cache=True).files
    fingerprint = recordcache.code_fingerprint()
    monkeypatch.setattr(recordcache, "code_fingerprint", lambda: (*fingerprint, "another version"))
    seen = parsed_files(monkeypatch)
    load_and_validate(root, cache=True)
    assert len(seen) == files


def test_code_fingerprint_follows_this_package_and_pyyaml() -> None:
    names = {Path(str(entry[0])).name for entry in recordcache.code_fingerprint()[2]}  # type: ignore[attr-defined]
    assert {"load.py", "validate.py", "yamlstrict.py", "schema.py", "recordcache.py"} <= names
    assert any(name.startswith("_yaml") for name in names)  # libyaml's binding


@pytest.mark.parametrize("content", [b"", b"not a pickle", b"\x80\x05N."])
def test_a_broken_cache_file_is_an_empty_cache(case_guide: CaseGuide, content: bytes) -> None:
    root = case_guide(MINIMAL)
    target = cache_file(root)
    target.parent.mkdir(parents=True)
    target.write_bytes(content)
    assert everything(load_and_validate(root, cache=True)) == everything(load_and_validate(root))
    assert target.read_bytes() != content  # written anew


def test_a_cache_folder_that_cannot_be_written_only_costs_time(
    case_guide: CaseGuide, own_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    own_cache.write_text("a file where the folder should be", encoding="utf-8")
    root = case_guide(MINIMAL)
    assert everything(load_and_validate(root, cache=True)) == everything(load_and_validate(root))


def test_an_unreadable_file_is_reported_as_without_the_cache(
    case_guide: CaseGuide, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = case_guide(MINIMAL)
    load_and_validate(root, cache=True)
    real = load_module._read_regular

    def read_regular(path: str) -> bytes:
        if Path(path).name == "lange-adem.md":
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(recordcache, "_read_regular", read_regular)
    checked = load_and_validate(root, cache=True)
    assert [(p.path, p.code) for p in checked.load_problems] == [("lessons/lange-adem.md", Code.UNREADABLE)]
    assert checked.load_problems[0].message == (
        "het bestand kan niet gelezen worden: Permission denied; maak het leesbaar (rechten) of haal het weg."
    )
    assert "lange-adem" in checked.load_failed_ids


@pytest.mark.slow
def test_a_warm_check_loads_no_yaml(own_cache: Path, tmp_path: Path) -> None:
    """The second `wijkengids check` of an unchanged guide parses nothing: libyaml is not even imported."""
    code = (
        "import sys\n"
        "from build_tools.cli import main\n"
        f"try:\n    main(['check', '--no-language', {str(MINIMAL)!r}])\n"
        "except SystemExit as exit:\n"
        "    print(exit.code, 'yaml' in sys.modules, 'build_tools.validate' in sys.modules)\n"
    )
    env = {"XDG_CACHE_HOME": str(own_cache), "PATH": "/usr/bin:/bin"}
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO, env=env)
        for _ in range(2)
    ]
    assert [run.stdout.splitlines()[-1] for run in runs] == ["0 True True", "0 False False"]


def test_the_builtin_digests_are_hashlibs() -> None:
    """build_tools.digest gives the digests hashlib gives (the quote hashes and cache names depend on it)."""
    import hashlib

    from build_tools import digest

    data = b"Wijkaanpak vraagt een lange adem"
    assert digest.blake2b(data, digest_size=8).hexdigest() == hashlib.blake2b(data, digest_size=8).hexdigest()
    assert digest.sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()
