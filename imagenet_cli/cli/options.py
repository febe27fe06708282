"""Options shared by the commands that print records."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any, Optional

import typer
from typer._click.exceptions import NoSuchOption, UsageError

from imagenet_cli.render.console import OutputFormat


def _typed(ctx: typer.Context, name: str) -> bool:
    """Whether option ``name`` came from the command line (Typer bundles its own Click)."""
    source = ctx.get_parameter_source(name)
    return source is not None and source.name == "COMMANDLINE"


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
