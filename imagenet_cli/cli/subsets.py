"""``imagenet subsets``: the bundled synset lists, their sizes and sources."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from imagenet_cli.cli.errors import user_errors
from imagenet_cli.cli.options import (
    CsvFlag,
    FormatOption,
    JsonFlag,
    JsonlFlag,
    TsvFlag,
    group_options_unused,
    pick_format,
)
from imagenet_cli.render.output import OutputFormat, emit

app = typer.Typer(help="Named synset lists: ImageNet-21k variants, ImageNet-A/R, Imagenette ...")


@app.callback(invoke_without_command=True)
def subsets(
    ctx: typer.Context,
    fmt: FormatOption = None,
    as_json: JsonFlag = False,
    as_jsonl: JsonlFlag = False,
    as_csv: CsvFlag = False,
    as_tsv: TsvFlag = False,
) -> None:
    """List every bundled synset list with its size, ILSVRC-2012 overlap and source."""
    if ctx.invoked_subcommand is not None:
        group_options_unused(ctx)
        return
    from imagenet_cli import subsets as list_subsets
    from imagenet_cli.render.classes import subsets_table
    from imagenet_cli.render.records import SUBSET_COLUMNS, subset_record

    output = pick_format(fmt, as_json, as_csv, as_jsonl=as_jsonl, as_tsv=as_tsv)
    found = list_subsets()
    emit(output, (subset_record(s) for s in found), SUBSET_COLUMNS, lambda: subsets_table(found))


@app.command("show")
def show(
    name: Annotated[
        str, typer.Argument(help="A list name (see imagenet subsets).", metavar="NAME")
    ],
    fmt: FormatOption = None,
    as_json: JsonFlag = False,
    as_jsonl: JsonlFlag = False,
    as_csv: CsvFlag = False,
    as_tsv: TsvFlag = False,
    limit: Annotated[
        Optional[int],  # noqa: UP045 - Typer reads the annotation at run time
        typer.Option("--limit", "-n", min=0, help="At most N members; 0 or unset: all."),
    ] = None,
) -> None:
    """List a bundled list's members in order (the output index of models that use it)."""
    from imagenet_cli import subset as get_subset
    from imagenet_cli import subset_members
    from imagenet_cli.render.classes import print_members
    from imagenet_cli.render.records import MEMBER_COLUMNS, member_record

    output = pick_format(fmt, as_json, as_csv, as_jsonl=as_jsonl, as_tsv=as_tsv)
    with user_errors():
        members = subset_members(name)
        chosen = get_subset(name)
    if limit:
        members = members[:limit]
    if output is OutputFormat.TABLE:
        print_members(chosen, members)
    else:
        emit(output, (member_record(m) for m in members), MEMBER_COLUMNS)
