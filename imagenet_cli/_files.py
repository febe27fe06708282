"""Files written whole or not at all: the one helper every ``-o FILE`` output uses."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

from imagenet_cli._errors import ImagenetError


class OutputError(ImagenetError):
    """An output file could not be written (no room, no permission, a folder in the way).

    Attributes:
        path: the file that was to be written.
    """

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        super().__init__(f"cannot write {os.fspath(path)}: {reason}")
        self.path = os.fspath(path)


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


@contextmanager
def atomic_write(
    path: str | os.PathLike[str], *, binary: bool = False, encoding: str = "utf-8"
) -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path``; on success it replaces ``path`` in one rename.

    The data is flushed and fsync'd before the rename, so ``path`` holds either its old
    content (or nothing) or the complete new content, never a part. On any failure,
    including an exception raised by the caller's block, the temporary file is removed.

    Args:
        path: the file to write; its folder must exist.
        binary: open in ``wb`` mode instead of text mode.
        encoding: the text encoding (text mode only).

    Raises:
        OutputError: the folder is missing or unwritable, ``path`` is a folder, or a write,
            flush or rename failed (a full disk).
    """
    target = Path(os.path.expanduser(path))  # Path.expanduser raises without a home
    if target.is_dir():
        raise OutputError(target, "it is a folder")
    folder = target.parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as error:
        raise OutputError(target, _reason(error)) from None
    try:
        if binary:
            handle: IO[Any] = os.fdopen(fd, "wb")
        else:
            handle = os.fdopen(fd, "w", encoding=encoding, newline="")
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except OSError as error:
        _remove(tmp)
        raise OutputError(target, _reason(error)) from None
    except BaseException:
        _remove(tmp)
        raise


def _remove(tmp: str) -> None:
    with suppress(FileNotFoundError):
        os.unlink(tmp)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
