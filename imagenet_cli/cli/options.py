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
from typer._click.exceptions import NoSuchOption, UsageError

from imagenet_cli.render.output import OutputFormat


def _typed(ctx: typer.Context, name: str) -> bool:
    """Whether option ``name`` came from the command line (Typer bundles its own Click)."""
    source = ctx.get_parameter_source(name)
    return source is not None and source.name == "COMMANDLINE"


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


def group_options_unused(ctx: typer.Context) -> None:
    """Refuse a group's own options given before one of its subcommands (exit 2).

    ``imagenet classes --under dog.n.01 show 5`` would otherwise run ``show`` without the
    filter; a usage error says where the option belongs instead.

    Raises:
        UsageError: an option of the group was typed and a subcommand follows it.
    """
    if ctx.invoked_subcommand is None:
        return
    typed = [
        param.opts[0] for param in ctx.command.params if param.name and _typed(ctx, param.name)
    ]
    if typed:
        group = ctx.command_path
        raise UsageError(
            f"{', '.join(typed)} {'is an option' if len(typed) == 1 else 'are options'} of "
            f"'{group}' itself, not of '{ctx.invoked_subcommand}': put "
            f"{'it' if len(typed) == 1 else 'them'} after the subcommand if it takes "
            f"{'it' if len(typed) == 1 else 'them'} ({group} {ctx.invoked_subcommand} -h)",
            ctx=ctx,
        )


def no_unknown_options(ctx: typer.Context, values: list[str]) -> None:
    """Refuse an unknown option among a command's values (exit 2).

    Commands that read negative numbers (``classes show -1``) let Click pass unknown
    options through as values; anything else that starts with ``-`` (other than ``-``
    for stdin) is a mistyped or misplaced option, not a value to look up.

    Raises:
        NoSuchOption: a value looks like an option.
    """
    known = [opt for param in ctx.command.params for opt in getattr(param, "opts", ())]
    for value in values:
        body = value[1:].strip()
        if value.startswith("-") and value != "-" and not body.lstrip("+-").isdigit():
            name = value.split("=", 1)[0]
            close = [k for k in known if k.startswith(name[:3])] if name.startswith("--") else []
            raise NoSuchOption(name, possibilities=close or None, ctx=ctx)
