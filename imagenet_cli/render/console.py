"""Consoles and the generic writers (JSON, CSV) shared by every command."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from enum import Enum
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.table import Table

#: How a figure's source is marked in tables: the team's own paper or an official page
#: bear no mark; another team's paper "*"; a secondary source "†".
KIND_MARK = {"primary": "", "third-party paper": "*", "secondary": "†"}


class OutputFormat(str, Enum):
    """How a command prints its records."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"


class _Console(Console):
    """Rich's console, except that a reader closing the pipe early is not a failure."""

    def on_broken_pipe(self) -> None:
        # Rich exits 1 here; ``imagenet ... | head`` got all it wanted, so exit 0.
        self.quiet = True
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise SystemExit(0)


def make_console(stderr: bool = False) -> Console:
    """A console made per command, so NO_COLOR, COLUMNS and test runners are seen.

    Text is never read as Rich markup unless a caller asks for it explicitly.
    """
    return _Console(stderr=stderr, markup=False, emoji=False, highlight=False)


def _fold(renderable: RenderableType) -> None:
    """Let every table cell wrap inside words rather than be cut with an ellipsis."""
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


#: Stand-ins for the few non-ASCII symbols of our views, for outputs that cannot show them.
ASCII_SYMBOLS = {
    "·": "|", "⇄": "<->", "…": "...", "›": ">", "–": "-", "—": "-", "█": "#", "┊": ":",
    "†": "^", "‡": "#", "•": "*", "★": "*", "←": "<-", "→": "->", "▼": "v",
}  # fmt: skip


def _ascii(text: str) -> str:
    """Replace box drawing and our symbols with ASCII; anything else left becomes '?'."""
    out = []
    for ch in text:
        if ch.isascii():
            out.append(ch)
        elif ch in ASCII_SYMBOLS:
            out.append(ASCII_SYMBOLS[ch])
        elif "\u2500" <= ch <= "\u257f":  # box drawing
            name = unicodedata.name(ch, "")
            horizontal, vertical = "HORIZONTAL" in name, "VERTICAL" in name
            if horizontal != vertical:
                out.append("-" if horizontal else "|")
            else:
                out.append("+")
        else:
            out.append(ch)
    return "".join(out)


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
    plain = _Console(
        file=buffer, width=console.width, markup=False, emoji=False, highlight=False,
        color_system=None, force_terminal=False, no_color=True,
    )  # fmt: skip
    plain.print(renderable)
    text = "\n".join(line.rstrip() for line in buffer.getvalue().split("\n"))
    if not _unicode_stdout():
        text = _ascii(text)
    sys.stdout.write(text)


def print_listing(
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    caption: str = "",
    right: Iterable[int] = (),
) -> None:
    """Print a long listing as plain aligned columns (no wrapping, no cut cells).

    Rich tables measure every cell and become slow beyond a few hundred rows; a listing
    of 1,000 classes or 21,841 synsets is printed this way instead. Columns in ``right``
    are right-aligned.
    """
    data = [[str(cell) for cell in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in data:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]
    aligned = set(right)

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            (cell.rjust(w) if i in aligned else cell.ljust(w))
            for i, (cell, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    out = [title, line(headers), line(["-" * w for w in widths])]
    out += [line(row) for row in data]
    if caption:
        out.append(caption)
    text = "\n".join(out) + "\n"
    if not _unicode_stdout():
        text = _ascii(text)
    sys.stdout.write(text)


def _unicode_stdout() -> bool:
    return (sys.stdout.encoding or "").lower().replace("-", "").startswith("utf")


def write_json(data: Any) -> None:
    """Print ``data`` as indented JSON to stdout: UTF-8 text, or ASCII escapes when the
    output encoding is not Unicode (so it stays valid JSON either way)."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=not _unicode_stdout()) + "\n")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ";".join(_cell(v) for v in value)
    return str(value)


def write_csv(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> None:
    """Print ``rows`` as CSV with a header of ``columns``; lists are joined with ``;``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
    text = buffer.getvalue()
    sys.stdout.write(text if _unicode_stdout() else _ascii(text))


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
