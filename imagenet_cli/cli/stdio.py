"""Standard streams whose every byte is accounted for.

CPython's ``sys.stdout`` loses data on a short ``write()`` (a disk that fills up): the
buffered layer takes a partial write as done, and the command ends with exit code 0 and
a truncated file. :func:`checked_stdio` puts the standard streams on :class:`FdWriter`,
which writes until every byte is out or raises the ``OSError`` (ENOSPC, EIO, EBADF,
EPIPE), so a failed write always reaches :func:`imagenet_cli.cli.main.run`.

A standard descriptor that is closed when the process starts (``imagenet ... >&-``) is
first occupied by ``/dev/null`` opened read-only: files the command opens later cannot
take its number (and be written to as "stdout"), and a write to it fails with EBADF.
"""

from __future__ import annotations

import io
import locale
import os
import sys
from typing import Any

#: Set when a write to stdout failed (so an ``OSError`` at the top is the output's).
_FAILED: list[bool] = []


def output_failed() -> bool:
    """True once a write to stdout has failed in this process."""
    return bool(_FAILED)


class FdWriter(io.RawIOBase):
    """A raw writer on a file descriptor that never reports a short write as success."""

    def __init__(self, fd: int) -> None:
        super().__init__()
        self._fd = fd

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._fd

    def isatty(self) -> bool:
        return os.isatty(self._fd)

    def write(self, data: Any) -> int:
        view = memoryview(data).cast("B")
        done = 0
        while done < len(view):
            try:
                done += os.write(self._fd, view[done:])  # a regular file never returns 0
            except OSError:
                if self._fd == 1:
                    _FAILED.append(True)
                raise
        return done

    def close(self) -> None:  # the descriptor belongs to the process, not to us
        if not self.closed:
            super().close()


def _occupy_if_closed(fd: int) -> bool:
    """Open ``/dev/null`` read-only on ``fd`` if it is closed; True when it was."""
    try:
        os.fstat(fd)
    except OSError:
        null = os.open(os.devnull, os.O_RDONLY)
        if null != fd:
            os.dup2(null, fd)
            os.close(null)
        return True
    return False


def _wrap(stream: Any, fd: int) -> io.TextIOWrapper:
    encoding = getattr(stream, "encoding", None) or locale.getpreferredencoding(False)
    interactive = os.isatty(fd)
    return io.TextIOWrapper(
        io.BufferedWriter(FdWriter(fd)),
        encoding=encoding,
        errors="replace",  # characters the terminal's encoding cannot show
        newline=None,
        line_buffering=interactive,
        write_through=fd == 2,
    )


def checked_stdio() -> None:
    """Replace ``sys.stdout`` and ``sys.stderr`` by checked writers on fds 1 and 2.

    A closed stdin gets ``/dev/null``; a closed stderr leaves errors unreported but
    exit codes intact; a closed stdout makes the first write fail with EBADF.
    """
    _occupy_if_closed(0)
    stdout_closed = _occupy_if_closed(1)
    if _occupy_if_closed(2):
        null = os.open(os.devnull, os.O_WRONLY)  # nowhere to report: discard
        os.dup2(null, 2)
        os.close(null)
    if sys.stdin is None:
        sys.stdin = open(0, closefd=False)  # noqa: SIM115 - lives as long as the process
    sys.stdout = _wrap(None if stdout_closed else sys.stdout, 1)
    sys.stderr = _wrap(sys.stderr, 2)
