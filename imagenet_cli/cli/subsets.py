"""``imagenet subsets``: the bundled synset lists, their sizes and sources."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from imagenet_cli.cli.errors import user_errors
from imagenet_cli.cli.options import (
    CsvFlag,
    FormatOption,
    JsonFlag,
    group_options_unused,
    pick_format,
)
from imagenet_cli.render.console import OutputFormat, print_view, write_csv, write_json

app = typer.Typer(help="Named synset lists: ImageNet-21k variants, ImageNet-A/R, Imagenette ...")


@app.callback(invoke_without_command=True)
def subsets(
    ctx: typer.Context,
    fmt: FormatOption = None,
    as_json: JsonFlag = False,
    as_csv: CsvFlag = False,
) -> None:
    """List every bundled synset list with its size, ILSVRC-2012 overlap and source."""
    if ctx.invoked_subcommand is not None:
        group_options_unused(ctx)
        return
    from imagenet_cli import subsets as list_subsets
    from imagenet_cli.render.classes import SUBSET_COLUMNS, subset_record, subsets_table

    output = pick_format(fmt, as_json, as_csv)
    found = list_subsets()
    if output is OutputFormat.JSON:
        write_json([subset_record(s) for s in found])
    elif output is OutputFormat.CSV:
        write_csv((subset_record(s) for s in found), SUBSET_COLUMNS)
    else:
        print_view(subsets_table(found))


@app.command("show")
def show(
    name: Annotated[
        str, typer.Argument(help="A list name (see imagenet subsets).", metavar="NAME")
    ],
    fmt: FormatOption = None,
    as_json: JsonFlag = False,
    as_csv: CsvFlag = False,
    limit: Annotated[
        Optional[int],  # noqa: UP045 - Typer reads the annotation at run time
        typer.Option("--limit", "-n", min=0, help="At most N members; 0 or unset: all."),
    ] = None,
) -> None:
    """List a bundled list's members in order (the output index of models that use it)."""
    from imagenet_cli import subset as get_subset
    from imagenet_cli import subset_members
    from imagenet_cli.render.classes import MEMBER_COLUMNS, member_record, print_members

    output = pick_format(fmt, as_json, as_csv)
    with user_errors():
        members = subset_members(name)
        chosen = get_subset(name)
    if limit:
        members = members[:limit]
    if output is OutputFormat.JSON:
        write_json([member_record(m) for m in members])
    elif output is OutputFormat.CSV:
        write_csv((member_record(m) for m in members), MEMBER_COLUMNS)
    else:
        print_members(chosen, members)
