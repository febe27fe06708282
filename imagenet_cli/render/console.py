"""Consoles and the generic writers (JSON, CSV) shared by every command."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

from imagenet_cli.render.output import (
    ASCII_SYMBOLS,
    KIND_MARK,
    OutputFormat,
    _ascii,
    _unicode_stdout,
    print_listing,
    write_csv,
    write_json,
    write_jsonl,
)

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

__all__ = [
    "ASCII_SYMBOLS", "KIND_MARK", "OutputFormat", "make_console", "print_listing",
    "print_view", "progress_bar", "write_csv", "write_json", "write_jsonl",
]  # fmt: skip


@cache
def _console_class() -> type[Console]:
    """Rich's console, except that a reader closing the pipe early is not a failure (Rich
    is imported here, on the first view printed, never for JSON or CSV output)."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # Rich exits 1 here; ``imagenet ... | head`` got all it wanted, so exit 0.
            self.quiet = True
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise SystemExit(0)

    return _Console


def make_console(stderr: bool = False) -> Console:
    """A console made per command, so NO_COLOR, COLUMNS and test runners are seen.

    Text is never read as Rich markup unless a caller asks for it explicitly.
    """
    return _console_class()(stderr=stderr, markup=False, emoji=False, highlight=False)


def _fold(renderable: RenderableType) -> None:
    """Let every table cell wrap inside words rather than be cut with an ellipsis."""
    from rich.console import Group
    from rich.table import Table

    if isinstance(renderable, Table):
        for column in renderable.columns:
            column.overflow = "fold"
            # a no_wrap column is cropped when space runs out; wrapping loses nothing
            column.no_wrap = False
        for column in renderable.columns:
            for cell in column._cells:
                _fold(cell)
    elif isinstance(renderable, Group):
        for part in renderable.renderables:
            _fold(part)


def print_view(renderable: RenderableType) -> None:
    """Print a view to stdout: narrow terminals fold long cells, nothing is cut off.

    On a terminal Rich prints it as is. Into a pipe or file the text is plain: no colour,
    no trailing padding, and ASCII stand-ins for symbols the output encoding cannot show.
    """
    _fold(renderable)
    console = make_console()
    if console.is_terminal or console.color_system is not None:
        console.print(renderable)
        return
    buffer = io.StringIO()
    plain = _console_class()(
        file=buffer, width=console.width, markup=False, emoji=False, highlight=False,
        color_system=None, force_terminal=False, no_color=True,
    )  # fmt: skip
    plain.print(renderable)
    text = "\n".join(line.rstrip() for line in buffer.getvalue().split("\n"))
    if not _unicode_stdout():
        text = _ascii(text)
    sys.stdout.write(text)


def progress_bar(
    label: str, *, download: bool = False
) -> tuple[Any, Callable[[int, int | None], None]]:
    """A Rich progress bar on stderr (shown only on a terminal) and its update callback.

    Args:
        label: the text before the bar.
        download: show bytes and speed (else ``done/total`` counts).

    Returns:
        ``(progress, update)``: use ``progress`` as a context manager; call
        ``update(done, total)`` from the work.
    """
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TransferSpeedColumn,
    )

    console = make_console(stderr=True)
    columns = (DownloadColumn(), TransferSpeedColumn()) if download else (MofNCompleteColumn(),)
    bar = Progress(
        TextColumn(label),
        BarColumn(),
        *columns,
        console=console,
        transient=True,
        disable=not console.is_terminal,
    )
    task = bar.add_task(label, total=None)

    def update(done: int, total: int | None) -> None:
        bar.update(task, completed=done, total=total)

    return bar, update
