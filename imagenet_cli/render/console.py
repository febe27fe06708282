"""Consoles and the generic writers (JSON, CSV) shared by every command."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from enum import Enum
from typing import Any

from rich.console import Console


class OutputFormat(str, Enum):
    """How a command prints its records."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"


def make_console(stderr: bool = False) -> Console:
    """A console made per command, so NO_COLOR, COLUMNS and test runners are seen.

    Text is never read as Rich markup unless a caller asks for it explicitly.
    """
    return Console(stderr=stderr, markup=False, emoji=False, highlight=False)


def write_json(data: Any) -> None:
    """Print ``data`` as indented JSON (UTF-8, not ASCII-escaped) to stdout."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


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
