"""Options shared by the commands that print records."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any, Optional

import typer

from imagenet_cli.render.console import OutputFormat

FormatOption = Annotated[
    Optional[OutputFormat],  # noqa: UP045 - Typer reads the annotation at run time
    typer.Option(
        "--format",
        "-f",
        help="Output: table (default), json or csv.",
        case_sensitive=False,
        show_default=False,
    ),
]
JsonFlag = Annotated[bool, typer.Option("--json", metavar="", help="Same as --format json.")]
CsvFlag = Annotated[bool, typer.Option("--csv", metavar="", help="Same as --format csv.")]


def pick_format(
    fmt: Enum | None,
    as_json: bool,
    as_csv: bool = False,
    kind: type[Any] = OutputFormat,
) -> Any:
    """The one format asked for by ``--format``, ``--json`` or ``--csv`` (table if none).

    Args:
        kind: the command's format enum; it must have TABLE, JSON and CSV members.

    Raises:
        typer.BadParameter: two of them ask for different formats (exit 2).
    """
    asked = {f for f, on in ((fmt, fmt is not None), (kind.JSON, as_json),
                             (kind.CSV, as_csv)) if on}  # fmt: skip
    if len(asked) > 1:
        names = " and ".join(sorted(f.value for f in asked if f is not None))
        raise typer.BadParameter(f"choose one output format, not {names}")
    (chosen,) = asked or {kind.TABLE}
    return chosen
