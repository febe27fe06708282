"""Output options, declared once and shared by every command that prints records.

A command that prints rows takes ``--format table|json|jsonl|csv|tsv`` and the shorthands
``--json``, ``--jsonl``, ``--csv`` and ``--tsv`` (:data:`FormatOption` and the flags
below); one that prints a single object takes :data:`JsonFlag` alone. :func:`pick_format`
turns what was given into one :class:`OutputFormat`, and ``render.output.emit`` writes it.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any, Optional

import typer

from imagenet_cli.render.output import OutputFormat

FormatOption = Annotated[
    Optional[OutputFormat],  # noqa: UP045 - Typer reads the annotation at run time
    typer.Option(
        "--format",
        "-f",
        help="Output: table (default), json, jsonl (one object a line), csv or tsv.",
        case_sensitive=False,
        show_default=False,
    ),
]
JsonFlag = Annotated[bool, typer.Option("--json", metavar="", help="Print JSON.")]
JsonlFlag = Annotated[
    bool, typer.Option("--jsonl", metavar="", help="Print JSON Lines: one object a line.")
]
CsvFlag = Annotated[bool, typer.Option("--csv", metavar="", help="Print CSV.")]
TsvFlag = Annotated[bool, typer.Option("--tsv", metavar="", help="Print tab-separated values.")]


def pick_format(
    fmt: Enum | None,
    as_json: bool,
    as_csv: bool = False,
    kind: type[Any] = OutputFormat,
    *,
    as_jsonl: bool = False,
    as_tsv: bool = False,
) -> Any:
    """The one format asked for by ``--format``, ``--json``, ``--jsonl``, ``--csv`` or
    ``--tsv`` (table if none).

    Args:
        kind: the command's format enum; it must have TABLE, JSON and CSV members (and
            JSONL, TSV when those flags can be given).

    Raises:
        typer.BadParameter: two of them ask for different formats (exit 2).
    """
    flags: list[tuple[Any, bool]] = [(fmt, fmt is not None), (kind.JSON, as_json)]
    flags.append((kind.CSV, as_csv))
    if as_jsonl:
        flags.append((kind.JSONL, True))
    if as_tsv:
        flags.append((kind.TSV, True))
    asked = {f for f, on in flags if on}
    if len(asked) > 1:
        names = " and ".join(sorted(f.value for f in asked if f is not None))
        raise typer.BadParameter(f"choose one output format, not {names}")
    (chosen,) = asked or {kind.TABLE}
    return chosen
