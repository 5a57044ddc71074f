"""Builds that cannot be caught half-way: kill -9, Ctrl-C, leftovers, two builds at once.

The slow tests run the real ``wijkengids build`` on the small site fixture in a subprocess,
stop it while it is writing its staging folder, and compare ``site/`` byte for byte.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import site_tree
from test_site_build import assert_fixture_site

from build_tools import staging
from build_tools.staging import (
    INTERRUPTED_EXIT,
    INTERRUPTED_MESSAGE,
    LOCK_NAME,
    BuildLocked,
    build_lock,
    interrupts_as_exit,
    remove_leftovers,
    staged,
    swap_in,
)

BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (relative path → bytes): what "byte-identical" compares."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".site-"))


# -- the parts, in process ---------------------------------------------------------


def test_a_second_holder_of_the_lock_is_refused_in_dutch(tmp_path: Path) -> None:
    told: list[str] = []
    with build_lock(tmp_path) as lock:
        assert lock == tmp_path / LOCK_NAME
        assert lock.read_text(encoding="utf-8") == f"{os.getpid()}\n"
        start = time.monotonic()
        with pytest.raises(BuildLocked) as refused, build_lock(tmp_path, wait=0.5, on_wait=told.append):
            pass  # pragma: no cover - never reached
        assert time.monotonic() - start >= 0.5
    assert str(refused.value).startswith("er loopt al een build van deze gids (")
    assert f"vergrendeld door proces {os.getpid()})" in str(refused.value)
    assert "Wacht tot die klaar is en start de build dan opnieuw" in str(refused.value)
    assert told == ["Er loopt al een build van deze gids; deze wacht hoogstens 0.5 seconden."]
    with build_lock(tmp_path, wait=0):  # released on leaving the block
        pass


def test_leftovers_of_killed_builds_are_removed_and_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "site"
    target.mkdir()
    (target / "index.html").write_text("site", encoding="utf-8")
    for name in (".site-ab12cd_9", ".site-old-zz99yy00"):
        (tmp_path / name / "deep").mkdir(parents=True)
        (tmp_path / name / "deep" / "page.html").write_text("half", encoding="utf-8")
    keep = [".site-backup", ".site-ab12cd_99", "site-ab12cd_9", ".sites-ab12cd_9", ".other-ab12cd_9"]
    for name in keep:
        (tmp_path / name).mkdir()
    (tmp_path / ".site-xx11yy22").write_text("a file, not a build", encoding="utf-8")
    removed = remove_leftovers(target)
    assert sorted(p.name for p in removed) == [".site-ab12cd_9", ".site-old-zz99yy00"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*keep, ".site-xx11yy22", "site"])
    assert (target / "index.html").read_text(encoding="utf-8") == "site"


def test_a_swap_cut_between_its_two_renames_is_repaired(tmp_path: Path) -> None:
    """Without the atomic exchange, a build killed between the renames leaves only ``.site-old-…``."""
    target = tmp_path / "site"
    old = tmp_path / ".site-old-abcd1234"
    old.mkdir()
    (old / "index.html").write_text("vorige", encoding="utf-8")
    (tmp_path / ".site-efgh5678").mkdir()  # the new build, complete or not
    remove_leftovers(target)
    assert snapshot(target) == {"index.html": b"vorige"}
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("atomic", [True, False], ids=["exchange", "two-renames"])
def test_swap_replaces_the_site_and_removes_the_old_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, atomic: bool
) -> None:
    if not atomic:
        monkeypatch.setattr(staging, "_renameat2", None)
    elif staging._renameat2 is None:
        pytest.fail("renameat2 is not available on this system")
    target = tmp_path / "site"
    target.mkdir()
    (target / "oud.html").write_text("oud", encoding="utf-8")
    with staged(target) as folder:
        assert folder.parent == tmp_path and folder.name.startswith(".site-")
        (folder / "nieuw.html").write_text("nieuw", encoding="utf-8")
    assert snapshot(target) == {"nieuw.html": b"nieuw"}
    assert oct(target.stat().st_mode & 0o777) == oct(0o755)
    assert leftovers(tmp_path) == []


def test_a_failed_block_removes_its_staging_folder_and_keeps_the_site(tmp_path: Path) -> None:
    target = tmp_path / "site"
    target.mkdir()
    (target / "oud.html").write_text("oud", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt), staged(target) as folder:
        (folder / "half.html").write_text("half", encoding="utf-8")
        raise KeyboardInterrupt
    assert snapshot(target) == {"oud.html": b"oud"}
    assert leftovers(tmp_path) == []


def test_a_signal_during_the_swap_waits_until_the_swap_is_done(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "site"
    target.mkdir()
    new = tmp_path / ".site-abcd1234"
    new.mkdir()
    (new / "nieuw.html").write_text("nieuw", encoding="utf-8")
    real = staging.exchange

    def exchange_and_interrupt(a: Path, b: Path) -> bool:
        signal.raise_signal(signal.SIGINT)  # Ctrl-C in the middle of the swap
        return real(a, b)

    monkeypatch.setattr(staging, "exchange", exchange_and_interrupt)
    with pytest.raises(KeyboardInterrupt):
        swap_in(new, target)
    assert snapshot(target) == {"nieuw.html": b"nieuw"}


def test_ctrl_c_becomes_one_dutch_line_and_exit_code_130() -> None:
    said: list[str] = []
    with pytest.raises(SystemExit) as stopped, interrupts_as_exit(said.append):
        raise KeyboardInterrupt
    assert stopped.value.code == INTERRUPTED_EXIT == 130
    assert stopped.value.__suppress_context__
    assert said == [INTERRUPTED_MESSAGE]
    with pytest.raises(SystemExit), interrupts_as_exit(said.append):
        signal.raise_signal(signal.SIGTERM)
    assert said == [INTERRUPTED_MESSAGE] * 2
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL  # put back


# -- the real build, stopped ---------------------------------------------------------


@pytest.fixture(scope="module")
def built_guide(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site fixture guide with a site built once (copied for each test)."""
    root = site_tree(tmp_path_factory.mktemp("built"))
    done = subprocess.run(
        [str(BIN / "wijkengids"), "build", "--no-pdf"], cwd=root, env=ENV, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return root


@pytest.fixture
def guide(built_guide: Path, tmp_path: Path) -> Path:
    root = tmp_path / "gids"
    shutil.copytree(built_guide, root, symlinks=True)
    return root


def start_build(root: Path, *args: str) -> subprocess.Popen[str]:
    """``wijkengids build`` in its own process group, as a terminal would run it."""
    return subprocess.Popen(
        [str(BIN / "wijkengids"), "build", "--no-pdf", *args],
        cwd=root,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def wait_until_writing(root: Path, build: subprocess.Popen[str]) -> Path:
    """Wait until the build has written a file into its staging folder; return that folder."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and build.poll() is None:
        for folder in root.glob(".site-*"):
            if any(p.is_file() for p in folder.rglob("*")):
                return folder
        time.sleep(0.005)
    build.kill()
    out, err = build.communicate()
    raise AssertionError(f"the build never wrote into a staging folder:\n{out}\n{err}")


def run_build(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "wijkengids"), "build", "--no-pdf", *args],
        cwd=root,
        env=ENV,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.slow
def test_sigkill_mid_build_leaves_the_site_byte_identical_and_the_next_build_cleans_up(guide: Path) -> None:
    before = snapshot(guide / "site")
    build = start_build(guide)
    half = wait_until_writing(guide, build)
    os.killpg(build.pid, signal.SIGKILL)
    build.communicate()
    assert build.returncode == -signal.SIGKILL
    assert snapshot(guide / "site") == before
    assert half.is_dir() and leftovers(guide) == [half.name]  # what kill -9 leaves

    done = run_build(guide, "--wait", "0")  # the lock died with the process: no waiting
    assert done.returncode == 0, done.stderr
    assert leftovers(guide) == []
    assert_fixture_site(guide / "site")


@pytest.mark.slow
def test_ctrl_c_mid_build_leaves_the_site_byte_identical_with_one_dutch_line(guide: Path) -> None:
    before = snapshot(guide / "site")
    build = start_build(guide)
    wait_until_writing(guide, build)
    os.killpg(build.pid, signal.SIGINT)  # what Ctrl-C in a terminal sends
    out, err = build.communicate(timeout=60)
    assert build.returncode == INTERRUPTED_EXIT
    assert "Traceback" not in err and "Traceback" not in out
    assert "KeyboardInterrupt" not in err
    # what the build said before it was stopped, then exactly one line about the interruption
    assert err.splitlines()[-1] == INTERRUPTED_MESSAGE
    assert [line for line in err.splitlines() if "onderbroken" in line or "Error" in line] == [INTERRUPTED_MESSAGE]
    assert snapshot(guide / "site") == before
    assert leftovers(guide) == []  # the interrupted build cleaned up after itself


@pytest.mark.slow
def test_a_build_while_another_holds_the_lock_refuses_or_waits(guide: Path, tmp_path: Path) -> None:
    """The lock held (here by the test), ``--wait 0`` refuses at once; ``--wait 120`` waits, then builds."""
    before = snapshot(guide / "site")
    log = tmp_path / "waiting.log"
    with build_lock(guide):
        refused = run_build(guide, "--wait", "0")
        with log.open("w", encoding="utf-8") as err:
            waiting = subprocess.Popen(
                [str(BIN / "wijkengids"), "build", "--no-pdf", "--wait", "120"], cwd=guide, env=ENV, stderr=err
            )
        deadline = time.monotonic() + 60
        while "deze wacht hoogstens" not in log.read_text(encoding="utf-8") and time.monotonic() < deadline:
            assert waiting.poll() is None, log.read_text(encoding="utf-8")
            time.sleep(0.05)
        time.sleep(0.5)
        assert leftovers(guide) == []  # nothing written while it waits
        assert snapshot(guide / "site") == before
    assert waiting.wait(timeout=120) == 0, log.read_text(encoding="utf-8")

    assert refused.returncode == 1
    assert refused.stderr.endswith(
        f"De site is niet gebouwd: er loopt al een build van deze gids ({guide / LOCK_NAME} is vergrendeld "
        f"door proces {os.getpid()}). Wacht tot die klaar is en start de build dan opnieuw.\n"
        "De vorige versie blijft staan.\n"
    )
    assert "Er loopt al een build van deze gids; deze wacht hoogstens 120 seconden." in log.read_text(encoding="utf-8")
    assert leftovers(guide) == []
    assert_fixture_site(guide / "site")


@pytest.mark.slow
def test_two_builds_started_at_once_cannot_mix(guide: Path, built_guide: Path) -> None:
    """Two real builds of one guide at once: both succeed, one after the other, and the site is one build's.

    A build is byte-reproducible except for Pagefind's hashed file names; a mixed site would
    hold files of both (two indexes) or lack some.
    """
    first, second = start_build(guide, "--wait", "120"), start_build(guide, "--wait", "120")
    results = [build.communicate(timeout=180) for build in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], results
    assert leftovers(guide) == []
    assert_fixture_site(guide / "site")
    assert without_search_index(snapshot(guide / "site")) == without_search_index(snapshot(built_guide / "site"))
    assert_one_search_index(guide / "site")


def without_search_index(files: dict[str, bytes]) -> dict[str, bytes]:
    return {path: data for path, data in files.items() if not path.startswith("pagefind/")}


def assert_one_search_index(site: Path) -> None:
    """One Pagefind index: the entry file names the only metadata file there is."""
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    (language,) = entry["languages"].values()
    metas = sorted(p.name for p in (site / "pagefind").glob("*.pf_meta"))
    assert metas == [f"pagefind.{language['hash']}.pf_meta"]
