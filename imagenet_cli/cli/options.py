"""Options shared by the commands that print records."""

from __future__ import annotations

from typing import Annotated

import typer

from imagenet_cli.render.console import OutputFormat

FormatOption = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", help="Output: table, json or csv.", case_sensitive=False),
]
JsonFlag = Annotated[bool, typer.Option("--json", help="Same as --format json.")]
CsvFlag = Annotated[bool, typer.Option("--csv", help="Same as --format csv.")]


def pick_format(fmt: OutputFormat, as_json: bool, as_csv: bool = False) -> OutputFormat:
    """The format asked for: ``--json`` or ``--csv`` win over ``--format``.

    Raises:
        typer.BadParameter: both ``--json`` and ``--csv`` were given (exit 2).
    """
    if as_json and as_csv:
        raise typer.BadParameter("use only one of --json and --csv")
    if as_json:
        return OutputFormat.JSON
    if as_csv:
        return OutputFormat.CSV
    return fmt
