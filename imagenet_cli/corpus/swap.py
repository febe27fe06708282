"""Replacing ``corpora/wordnet`` so that no signal or crash loses the old corpus.

The new corpus is built in a staging folder (``corpora/.wordnet-staging-*``) beside the
target, carrying the marker file :data:`NEW_MARKER`, so that what a crash leaves behind can
be read without guessing: a folder with the marker is an unfinished new corpus, one
without it is an old corpus that was moved aside.

The swap itself:

* on Linux, when the file system supports it, one ``renameat2(RENAME_EXCHANGE)`` system
  call (via ctypes) exchanges the new corpus with the old one: ``corpora/wordnet`` exists
  at every instant, even across SIGKILL;
* elsewhere, two renames (old corpus to ``staging/previous``, new corpus into place),
  with SIGINT, SIGTERM and SIGHUP deferred across them; a SIGKILL between them leaves
  the old corpus in ``staging/previous``, which the next install or import restores
  (:func:`recover`).

A signal that arrives during the swap is held until the swap can be undone cleanly, then
the old corpus is put back and :class:`SwapInterrupted` is raised. Installs into one
folder are serialised by an ``flock`` on the ``corpora`` folder, so any staging folder
found while holding the lock belongs to a process that died.

Test hooks (environment): ``IMAGENET_TEST_SWAP_LOG`` names a file each step's name is
appended to; ``IMAGENET_TEST_SWAP_PAUSE`` names a step to pause at (up to 30 s, ended
early by a signal), so tests can signal or kill the process at that step.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

from imagenet_cli._errors import ImagenetError

STAGING_PREFIX = ".wordnet-staging-"
#: The file that marks a new, not yet installed corpus.
NEW_MARKER = ".imagenet-incoming"
PREVIOUS = "previous"
DISCARD = "discard"

_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
_RENAME_EXCHANGE = 2  # linux/fs.h
_AT_FDCWD = -100


class SwapInterrupted(ImagenetError):
    """A signal arrived during the swap; ``installed`` tells whether the new corpus is in.

    Attributes:
        signum: the signal number (``128 + signum`` is the conventional exit code).
        installed: True only when the swap had already been committed.
    """

    def __init__(self, signum: int, *, installed: bool, final: Path) -> None:
        if installed:
            message = f"interrupted, after the new corpus was installed in {final}"
        else:
            message = "interrupted; nothing was installed and any old corpus is intact"
        super().__init__(message)
        self.signum = signum
        self.installed = installed


# --- atomic exchange ----------------------------------------------------------------------


def _renameat2() -> Any:
    if not sys.platform.startswith("linux") or os.environ.get("IMAGENET_NO_RENAME_EXCHANGE"):
        return None
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        function = libc.renameat2
    except (OSError, AttributeError):  # glibc before 2.28, or another libc
        return None
    function.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p)
    function.argtypes += (ctypes.c_uint,)
    function.restype = ctypes.c_int
    return function


def exchange(first: Path, second: Path) -> bool:
    """Exchange two existing paths in one step (Linux ``renameat2(RENAME_EXCHANGE)``).

    Returns:
        True when done; False when this system or file system cannot (then nothing
        changed).

    Raises:
        OSError: the exchange failed for another reason.
    """
    function = _renameat2()
    if function is None:
        return False
    import ctypes

    if function(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE):
        code = ctypes.get_errno()
        if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
            return False
        raise OSError(code, os.strerror(code), str(first), None, str(second))
    return True


# --- signals and test hooks ---------------------------------------------------------------


class _Deferred:
    """Records SIGINT/SIGTERM/SIGHUP instead of acting on them (main thread only)."""

    def __init__(self) -> None:
        self.signum: int | None = None
        self._previous: dict[int, Any] = {}

    def _record(self, signum: int, _frame: FrameType | None) -> None:
        if self.signum is None:
            self.signum = signum

    def __enter__(self) -> _Deferred:
        try:
            for sig in _SIGNALS:
                self._previous[sig] = signal.signal(sig, self._record)
        except ValueError:  # not the main thread: signals go to the main thread anyway
            pass
        return self

    def __exit__(self, *_: object) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)


def _step(name: str, deferred: _Deferred) -> None:
    log = os.environ.get("IMAGENET_TEST_SWAP_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(name + "\n")
    if os.environ.get("IMAGENET_TEST_SWAP_PAUSE") == name:
        deadline = time.monotonic() + 30
        while deferred.signum is None and time.monotonic() < deadline:
            time.sleep(0.02)


# --- the swap -----------------------------------------------------------------------------


def mark_new(built: Path) -> None:
    """Mark ``built`` as a new corpus not yet installed."""
    (built / NEW_MARKER).write_bytes(b"")


def swap_in(built: Path, final: Path, staging: Path) -> None:
    """Move the corpus folder ``built`` (inside ``staging``) to ``final``, keeping any old one
    until the new one is in; on any failure or signal the old corpus is back at ``final``.

    ``built`` must carry :data:`NEW_MARKER` (:func:`mark_new`). Afterwards the old corpus,
    if any, is in ``staging/discard``, for the caller to delete with ``staging``.

    Raises:
        SwapInterrupted: SIGINT, SIGTERM or SIGHUP arrived; see its ``installed``.
        OSError: a rename failed (the old corpus is back in place).
    """
    previous = staging / PREVIOUS
    had_old = final.exists() or final.is_symlink()
    with _Deferred() as deferred:
        _step("validated", deferred)
        if deferred.signum is not None:
            raise SwapInterrupted(deferred.signum, installed=False, final=final)
        exchanged = False
        if had_old:
            if _renameat2() is not None:
                os.rename(built, previous)  # still the new corpus, marked
                _step("staged", deferred)
                if deferred.signum is not None:
                    raise SwapInterrupted(deferred.signum, installed=False, final=final)
                exchanged = exchange(previous, final)
                if not exchanged:  # this file system cannot: two renames then
                    os.rename(previous, built)
            else:
                _step("staged", deferred)
            if not exchanged:
                os.rename(final, previous)  # from here, a SIGKILL is undone by recover()
                _step("moved-aside", deferred)
                if deferred.signum is not None:
                    os.rename(previous, final)
                    raise SwapInterrupted(deferred.signum, installed=False, final=final)
                try:
                    os.rename(built, final)
                except BaseException:
                    os.rename(previous, final)
                    raise
        else:
            os.rename(built, final)
        _step("swapped", deferred)
        if deferred.signum is not None:  # undo: the old corpus goes back
            if exchanged:
                exchange(previous, final)
            elif had_old:
                os.rename(final, built)
                os.rename(previous, final)
            else:
                os.rename(final, built)
            raise SwapInterrupted(deferred.signum, installed=False, final=final)
        (final / NEW_MARKER).unlink()
        _step("unmarked", deferred)
        if had_old:
            os.rename(previous, staging / DISCARD)
            _step("discarded", deferred)
    if deferred.signum is not None:
        raise SwapInterrupted(deferred.signum, installed=True, final=final)


# --- locking and recovery -----------------------------------------------------------------


@contextmanager
def locked(corpora: Path) -> Iterator[None]:
    """Hold an exclusive ``flock`` on the folder ``corpora`` (one install at a time).

    Raises:
        ImagenetError: another install or import into the same folder is running.
    """
    import fcntl

    fd = os.open(corpora, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ImagenetError(
                f"another install or import into {corpora} is running; try again when it ends"
            ) from None
        yield
    finally:
        os.close(fd)


@dataclass(frozen=True, slots=True)
class Leftover:
    """A staging folder a killed install left.

    Attributes:
        path: the staging folder.
        previous: the old corpus it holds (``path/previous``), or None when it holds
            only a new corpus that was never installed, or nothing of value.
    """

    path: Path
    previous: Path | None


def leftovers(corpora: Path) -> list[Leftover]:
    """The staging folders in ``corpora`` (read only; for ``wordnet status``)."""
    found = []
    try:
        folders = sorted(corpora.glob(STAGING_PREFIX + "*"))
    except OSError:
        return []
    for folder in folders:
        previous = folder / PREVIOUS
        old = previous.is_dir() and not (previous / NEW_MARKER).exists()
        found.append(Leftover(folder, previous if old else None))
    return found


def recover(corpora: Path) -> list[Path]:
    """Repair what killed installs left in ``corpora``; call it holding :func:`locked`.

    An old corpus in ``staging/previous`` goes back to ``corpora/wordnet`` when that is
    missing, and is kept (and reported by ``wordnet status``) when a newer corpus took
    its place; it is never deleted. Staging folders holding only an unfinished new
    corpus or a discarded one are removed, as is a leftover :data:`NEW_MARKER` in
    ``corpora/wordnet``.

    Returns:
        The staging folders kept because they hold an old corpus.
    """
    final = corpora / "wordnet"
    kept = []
    for leftover in leftovers(corpora):
        if leftover.previous is not None:
            if not (final.exists() or final.is_symlink()):
                os.rename(leftover.previous, final)
            else:
                kept.append(leftover.path)
                continue
        shutil.rmtree(leftover.path, ignore_errors=True)
    with suppress(FileNotFoundError, NotADirectoryError):
        (final / NEW_MARKER).unlink()
    return kept
