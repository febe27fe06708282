"""The exit codes of the ``imagenet`` command (as HTTPie's ``ExitStatus``)."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """What the process tells the shell.

    ``NOT_FOUND`` and ``BAD_VALUE`` share 1 (as grep's "no match"), a failed write of the
    output included; 128 + N is a death by signal N, as shells report it.
    """

    OK = 0
    NOT_FOUND = 1
    BAD_VALUE = 1
    USAGE = 2
    INTERRUPTED = 130  # 128 + SIGINT
    TERMINATED = 143  # 128 + SIGTERM
