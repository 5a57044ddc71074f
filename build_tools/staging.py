"""Builds that cannot be caught half-way: a lock, a staging folder, one atomic swap.

``wijkengids build`` writes the new site into a staging folder beside ``site/`` (same
file system) and swaps it in only when everything is done. Whatever stops a build — an
error, Ctrl-C, ``kill -9``, a power cut — ``site/`` stays the complete previous version:

* :func:`build_lock` — one build per guide at a time: ``fcntl.flock`` on
  :data:`LOCK_NAME` in the guide root. The operating system releases the lock when the
  process dies, however it dies, so a killed build never blocks the next one. A second
  build waits a short while, then refuses with a Dutch message.
* :func:`remove_leftovers` — what a killed build left (staging folders, a previous site
  that was being removed) is cleared by the next build, under the lock.
* :func:`staged` — the staging folder: removed on any failure, swapped in on success.
* :func:`swap_in` — the swap: one ``renameat2(RENAME_EXCHANGE)`` on Linux (there is no
  moment without ``site/``), two renames elsewhere (repaired by :func:`remove_leftovers`
  if a build dies between them).
* :func:`interrupts_as_exit` — Ctrl-C (and SIGTERM) end the command with exit code 130 and
  one Dutch line, no traceback.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import fcntl
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import IO

#: The lock file in the guide root (kept, never deleted: deleting a lock file races).
LOCK_NAME = ".wijkengids-build.lock"
#: How long a second build waits for the first one by default, in seconds.
DEFAULT_WAIT = 30.0
#: Exit code of an interrupted command (128 + SIGINT, as shells report it).
INTERRUPTED_EXIT = 130
#: What an interrupted build says: one line.
INTERRUPTED_MESSAGE = "De build is onderbroken; de vorige versie van de site blijft staan."

_RANDOM = "[a-z0-9_]{8}"  # what tempfile.mkdtemp puts after the prefix


class BuildLocked(Exception):
    """Another build of the same guide holds the lock."""


class Interrupted(BaseException):
    """SIGTERM, raised like Ctrl-C's ``KeyboardInterrupt`` so that every ``finally`` runs."""


# -- the lock ------------------------------------------------------------------


@contextlib.contextmanager
def build_lock(
    root: Path, *, wait: float = DEFAULT_WAIT, on_wait: Callable[[str], None] | None = None
) -> Iterator[Path]:
    """Hold the build lock of the guide at ``root`` for the ``with`` block; yield the lock file.

    When another build holds it, ``on_wait`` is told once (a Dutch line) and the lock is
    tried again until ``wait`` seconds have passed; then :class:`BuildLocked` is raised.
    """
    lock_path = root / LOCK_NAME
    handle: IO[str] = lock_path.open("a+", encoding="utf-8")
    try:
        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise BuildLocked(
                        f"er loopt al een build van deze gids ({lock_path} is vergrendeld door {_holder(handle)}). "
                        "Wacht tot die klaar is en start de build dan opnieuw"
                    ) from None
                if on_wait is not None and not told:
                    on_wait(f"Er loopt al een build van deze gids; deze wacht hoogstens {wait:g} seconden.")
                    told = True
                time.sleep(min(0.2, max(0.0, deadline - time.monotonic())))
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")  # for the message of a build that has to wait
        handle.flush()
        yield lock_path
    finally:
        handle.close()  # closing releases the lock; so does the process' death


def _holder(handle: IO[str]) -> str:
    handle.seek(0)
    pid = handle.read().strip()
    return f"proces {pid}" if pid.isdigit() else "een ander proces"


# -- leftovers and the staging folder ------------------------------------------


def _leftover_pattern(target: Path) -> re.Pattern[str]:
    return re.compile(rf"^\.{re.escape(target.name)}-(?:old-)?{_RANDOM}$")


def remove_leftovers(target: Path) -> list[Path]:
    """Remove what killed builds left beside ``target``; return what was removed. Call under the lock.

    If a build died between the two renames of a swap (only where the atomic exchange is not
    available), ``target`` is missing and the previous site is its ``-old-`` folder: that is put back.
    """
    parent = target.parent
    if not parent.is_dir():
        return []
    pattern = _leftover_pattern(target)
    found = sorted(p for p in parent.iterdir() if pattern.match(p.name) and p.is_dir() and not p.is_symlink())
    if not target.exists():
        old = [p for p in found if p.name.startswith(f".{target.name}-old-")]
        if old:
            newest = max(old, key=lambda p: p.stat().st_mtime)
            newest.rename(target)
            found.remove(newest)
    for path in found:
        shutil.rmtree(path, ignore_errors=True)
    return found


@contextlib.contextmanager
def staged(target: Path) -> Iterator[Path]:
    """A fresh staging folder beside ``target``; swapped in if the block succeeds, removed if not."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swap_in(staging, target)


# -- the swap ------------------------------------------------------------------

_RENAME_EXCHANGE = 2  # from <linux/fs.h>
_AT_FDCWD = -100


def _load_renameat2() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        function = libc.renameat2
    except (OSError, AttributeError):  # glibc before 2.28, or another libc
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    renameat2: Callable[..., int] = function
    return renameat2


_renameat2 = _load_renameat2()


def exchange(a: Path, b: Path) -> bool:
    """Atomically swap the names of ``a`` and ``b`` (both exist); ``False`` if this system cannot."""
    if _renameat2 is None:
        return False
    if _renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):  # the kernel or file system cannot
        return False
    raise OSError(code, os.strerror(code), str(a))


def swap_in(staging: Path, target: Path) -> None:
    """Put the finished build at ``target``; the previous site is removed only after the swap."""
    staging.chmod(0o755)  # mkdtemp makes it private; a site is meant to be read
    with _interrupts_deferred():
        if not target.exists():
            staging.rename(target)
            return
        if exchange(staging, target):
            old = staging  # now holds the previous site
        else:
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
            old.rmdir()
            target.rename(old)
            try:
                staging.rename(target)
            except OSError:
                old.rename(target)
                shutil.rmtree(staging, ignore_errors=True)
                raise
    shutil.rmtree(old, ignore_errors=True)  # interrupted here, the next build removes the rest


@contextlib.contextmanager
def _interrupts_deferred() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM back for the few system calls of the swap, then deliver them."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pending: list[int] = []
    signals = (signal.SIGINT, signal.SIGTERM)
    previous = {sig: signal.getsignal(sig) for sig in signals}

    def hold(signum: int, frame: FrameType | None) -> None:
        pending.append(signum)

    for sig in signals:
        signal.signal(sig, hold)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if pending:
            signal.raise_signal(pending[0])


# -- Ctrl-C --------------------------------------------------------------------


@contextlib.contextmanager
def interrupts_as_exit(echo: Callable[[str], None]) -> Iterator[None]:
    """Turn Ctrl-C and SIGTERM inside the block into ``echo(INTERRUPTED_MESSAGE)`` and exit code 130.

    Cleanup (``finally`` blocks, :func:`staged`) runs first; no traceback is shown.
    """
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _raise_interrupted)
    try:
        yield
    except (KeyboardInterrupt, Interrupted):
        echo(INTERRUPTED_MESSAGE)
        raise SystemExit(INTERRUPTED_EXIT) from None
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _raise_interrupted(signum: int, frame: FrameType | None) -> None:
    raise Interrupted()
