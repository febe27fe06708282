"""Plain output: JSON, JSON lines, CSV/TSV and aligned listings, written without Rich.

Everything here writes to ``sys.stdout`` and imports nothing heavy, so ``--json`` and
``--csv`` outputs (and plain listings) never load Rich (tests/test_startup.py checks it).
JSON streams (``json.JSONEncoder.iterencode``), so a large answer is never built as one
string first.
"""

from __future__ import annotations

import csv
import json
import sys
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from enum import Enum
from typing import Any

#: How a figure's source is marked in tables: the team's own paper or an official page
#: bear no mark; another team's paper "*"; a secondary source "†".
KIND_MARK = {"primary": "", "third-party paper": "*", "secondary": "†"}


class OutputFormat(str, Enum):
    """How a command prints its records."""

    TABLE = "table"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    TSV = "tsv"


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
    """Print ``data`` as indented JSON to stdout, streamed: UTF-8 text, or ASCII escapes
    when the output encoding is not Unicode (so it stays valid JSON either way)."""
    encoder = json.JSONEncoder(indent=2, ensure_ascii=not _unicode_stdout())
    write = sys.stdout.write
    for chunk in encoder.iterencode(data):
        write(chunk)
    write("\n")


def write_json_array(records: Iterable[Any]) -> None:
    """Print a JSON array element by element, byte for byte what ``json.dumps(list(records),
    indent=2)`` prints, without holding the list or the text in memory."""
    encoder = json.JSONEncoder(indent=2, ensure_ascii=not _unicode_stdout())
    write = sys.stdout.write
    first = True
    for record in records:
        write("[\n  " if first else ",\n  ")
        first = False
        for chunk in encoder.iterencode(record):
            write(chunk.replace("\n", "\n  "))
    write("[]\n" if first else "\n]\n")


def write_json_object_with_array(head: Mapping[str, Any], key: str, items: Iterable[Any]) -> None:
    """Print ``{**head, key: [items...]}`` as ``json.dumps(..., indent=2)`` would, streaming
    the items (for answers too long to hold: every pair of a thousand synsets)."""
    encoder = json.JSONEncoder(indent=2, ensure_ascii=not _unicode_stdout())
    write = sys.stdout.write
    write("{\n")
    for name, value in head.items():
        text = "".join(encoder.iterencode(value)).replace("\n", "\n  ")
        write(f"  {encoder.encode(name)}: {text},\n")
    write(f"  {encoder.encode(key)}: ")
    first = True
    for item in items:
        write("[\n    " if first else ",\n    ")
        first = False
        for chunk in encoder.iterencode(item):
            write(chunk.replace("\n", "\n    "))
    write("[]\n}\n" if first else "\n  ]\n}\n")


def print_rows(
    headers: Sequence[str], rows: Iterable[Mapping[str, Any]], right: Iterable[int] = ()
) -> None:
    """Stream rows as tab-free plain columns: widths from the header and the first 100
    rows, wider cells later simply push their line (nothing is held in memory)."""
    aligned = set(right)
    rows = iter(rows)
    first = [[_text(row.get(h)) for h in headers] for _, row in zip(range(100), rows, strict=False)]
    widths = [max([len(h), *(len(r[i]) for r in first)]) for i, h in enumerate(headers)]
    unicode = _unicode_stdout()

    def line(cells: Sequence[str]) -> str:
        text = "  ".join(
            (cell.rjust(w) if i in aligned else cell.ljust(w))
            for i, (cell, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()
        return (text if unicode else _ascii(text)) + "\n"

    write = sys.stdout.write
    write(line(list(headers)))
    write(line(["-" * w for w in widths]))
    for cells in first:
        write(line(cells))
    for row in rows:
        write(line([_text(row.get(h)) for h in headers]))


def _text(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4f}"
    return _cell(value)


def emit(
    fmt: OutputFormat,
    records: Iterable[Mapping[str, Any]],
    columns: Sequence[str],
    view: Callable[[], Any] | None = None,
    rows: Iterable[Mapping[str, Any]] | None = None,
) -> None:
    """Write a command's rows in the chosen format: the one output path.

    Args:
        fmt: the format picked from the command's options.
        records: JSON-ready rows (``render.records``), consumed once, as they come.
        columns: the CSV/TSV header: the record keys to write, in order.
        view: builds the table view (Rich, imported only then) for ``table``; None when
            the command prints the rows as a plain listing itself.
        rows: flat rows for CSV/TSV when the records nest (default: the records).
    """
    flat = records if rows is None else rows
    if fmt is OutputFormat.JSON:
        write_json_array(records)
    elif fmt is OutputFormat.JSONL:
        write_jsonl(records)
    elif fmt is OutputFormat.CSV:
        write_csv(flat, columns)
    elif fmt is OutputFormat.TSV:
        write_csv(flat, columns, delimiter="\t")
    elif view is not None:
        from imagenet_cli.render.console import print_view

        print_view(view())


def write_jsonl(records: Iterable[Any]) -> None:
    """Print one compact JSON object a line (JSON Lines), streamed record by record."""
    encoder = json.JSONEncoder(ensure_ascii=not _unicode_stdout())
    write = sys.stdout.write
    for record in records:
        write(encoder.encode(record))
        write("\n")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ";".join(_cell(v) for v in value)
    return str(value)


class _Stdout:
    """A file-like ``write`` to stdout that replaces what a non-Unicode stdout cannot show."""

    def __init__(self) -> None:
        self.unicode = _unicode_stdout()

    def write(self, text: str) -> int:
        return sys.stdout.write(text if self.unicode else _ascii(text))


def write_csv(
    rows: Iterable[Mapping[str, Any]], columns: Sequence[str], *, delimiter: str = ","
) -> None:
    """Print ``rows`` as CSV (or TSV with ``delimiter="\\t"``) with a header of ``columns``,
    row by row; lists are joined with ``;``."""
    writer = csv.writer(_Stdout(), lineterminator="\n", delimiter=delimiter)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
