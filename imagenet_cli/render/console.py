"""Consoles and the generic writers (JSON, CSV) shared by every command."""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from enum import Enum
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.table import Table


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


def print_view(renderable: RenderableType) -> None:
    """Print a view to stdout: narrow terminals fold long cells, nothing is cut off."""
    _fold(renderable)
    make_console().print(renderable)


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
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
