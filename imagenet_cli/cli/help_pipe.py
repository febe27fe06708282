"""``imagenet --help | head -1``: a reader that closes the pipe early is not an error.

Typer prints help through a Rich console of its own, and Rich exits 1 when the pipe is
closed. Help that was read as far as the reader wanted ends with exit 0 instead, as every
other output does (see ``render.console``). Installed only when help is asked for, so no
other run imports Rich for it.
"""

from __future__ import annotations

import os
import sys
from typing import Any


def _pipe_closed() -> None:
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    raise SystemExit(0)


def quiet_help_pipe() -> None:
    """Make Typer's help console end with exit 0 when stdout's reader has gone."""
    from typer import rich_utils

    made_by = rich_utils._get_rich_console
    if getattr(made_by, "quiet_pipe", False):
        return

    def console(stderr: bool = False) -> Any:
        made = made_by(stderr=stderr)
        if not stderr:
            made.on_broken_pipe = _pipe_closed  # type: ignore[method-assign]
        return made

    console.quiet_pipe = True  # type: ignore[attr-defined]
    rich_utils._get_rich_console = console
