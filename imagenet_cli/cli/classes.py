"""``imagenet classes``: the ILSVRC-2012 label space under every numbering."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated, Optional

import typer

from imagenet_cli.cli.errors import printable, user_errors
from imagenet_cli.cli.options import (
    CsvFlag,
    JsonFlag,
    JsonlFlag,
    TsvFlag,
    group_options_unused,
    no_unknown_options,
    pick_format,
)
from imagenet_cli.render.output import OutputFormat, emit, write_json

app = typer.Typer(
    help="The 1000 ILSVRC-2012 classes: numberings, names, duplicates; decode model scores, "
    "convert label files, every label layout."
)


class ClassFormat(str, Enum):
    """Outputs of ``imagenet classes``."""

    TABLE = "table"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    TSV = "tsv"
    KERAS = "keras"
    TXT = "txt"
    TF_SLIM = "tf-slim"
    CAFFE = "caffe"
    TORCHVISION = "torchvision"


class SchemeChoice(str, Enum):
    """How ``classes show`` reads an integer."""

    INDEX = "index"
    ONE_BASED = "one-based"
    TF_SLIM = "tf-slim"
    DEVKIT = "devkit"


@app.callback(invoke_without_command=True)
def classes(
    ctx: typer.Context,
    under: Annotated[
        Optional[str],  # noqa: UP045 - Typer reads the annotation at run time
        typer.Option("--under", help="Only classes beneath this synset (any synset ID)."),
    ] = None,
    subset: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--subset", "-s", help="Only classes in this list (imagenet subsets)."),
    ] = None,
    fmt: Annotated[
        Optional[ClassFormat],  # noqa: UP045
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            show_default=False,
            help="table (default), json, jsonl, csv, tsv, keras (imagenet_class_index.json "
            "layout), txt or torchvision (one name a line, index order), tf-slim (1001-line "
            "labels.txt), caffe (synset_words.txt).",
        ),
    ] = None,
    layout: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--layout", help="Label file of another layout: in22k-ms, in21k, in12k ..."),
    ] = None,
    as_json: JsonFlag = False,
    as_jsonl: JsonlFlag = False,
    as_csv: CsvFlag = False,
    as_tsv: TsvFlag = False,
) -> None:
    """List the 1000 classes: index, wnid, ILSVRC2012_ID, names and lemmas."""
    if ctx.invoked_subcommand is not None:
        group_options_unused(ctx)
        return
    from imagenet_cli import classes, classes_in, classes_under
    from imagenet_cli.render.classes import print_classes, terminal_width
    from imagenet_cli.render.records import CLASS_COLUMNS, class_record, keras_index

    output = pick_format(fmt, as_json, as_csv, ClassFormat, as_jsonl=as_jsonl, as_tsv=as_tsv)
    files = (ClassFormat.TF_SLIM, ClassFormat.CAFFE, ClassFormat.TORCHVISION, ClassFormat.KERAS)
    if output in files and (layout or output is not ClassFormat.KERAS):
        if under or subset:
            raise typer.BadParameter("a label file lists every output: drop --under/--subset")
        from imagenet_cli.cli.classes_bulk import label_file_output

        label_file_output(output.value, layout)
        return
    if layout is not None:
        raise typer.BadParameter("--layout goes with --format tf-slim, caffe, torchvision, keras")
    with user_errors():
        chosen = classes()
        title = "ILSVRC-2012 classes"
        if under is not None:
            below = {c.index for c in classes_under(under)}
            chosen = tuple(c for c in chosen if c.index in below)
            title += f" under {under}"
        if subset is not None:
            inside = {c.index for c in classes_in(subset)}
            chosen = tuple(c for c in chosen if c.index in inside)
            title += f" in {subset}"
    if not chosen:
        where = " and ".join(
            part for part in (under and f"under {under}", subset and f"in {subset}") if part
        )
        sys.stderr.write(printable(f"Error: no ILSVRC-2012 class lies {where}") + "\n")
        raise typer.Exit(code=1)
    if output in (ClassFormat.JSON, ClassFormat.JSONL, ClassFormat.CSV, ClassFormat.TSV):
        emit(OutputFormat(output.value), (class_record(c) for c in chosen), CLASS_COLUMNS)
    elif output is ClassFormat.KERAS:
        write_json(keras_index(chosen))
    elif output is ClassFormat.TXT:
        sys.stdout.write("".join(f"{c.name}\n" for c in chosen))
    else:
        print_classes(chosen, f"{title} ({len(chosen)})", terminal_width())


@app.command("show", context_settings={"ignore_unknown_options": True})
def show(
    ctx: typer.Context,
    values: Annotated[
        list[str],
        typer.Argument(
            help="Numbers, wnids, WordNet names or class names; - reads stdin.", metavar="VALUE..."
        ),
    ],
    scheme: Annotated[
        SchemeChoice,
        typer.Option(
            "--scheme",
            case_sensitive=False,
            help="How to read a number: index (0-999), one-based (1-1000), tf-slim "
            "(1001 outputs, slot 0 background) or devkit (ILSVRC2012_ID).",
        ),
    ] = SchemeChoice.INDEX,
    as_json: JsonFlag = False,
) -> None:
    """Show classes with every numbering side by side (many values, or - for stdin)."""
    from imagenet_cli import get_class
    from imagenet_cli.render.classes import class_view
    from imagenet_cli.render.records import class_show_record

    no_unknown_options(ctx, values)
    if len(values) != 1 or values[0] == "-":
        from imagenet_cli.cli.classes_bulk import show_many

        show_many(values, scheme.value, as_json)
        return
    (value,) = values
    with user_errors():
        found = get_class(value, scheme.value)
    if as_json:
        write_json(class_show_record(found))
    else:
        read_as = None
        if value.strip().lstrip("+-").isdigit():
            read_as = f"{value.strip()} read as {scheme.value} (--scheme)"
        from imagenet_cli.render.console import print_view

        print_view(class_view(found, read_as))


@app.command("duplicates")
def duplicates(
    as_json: JsonFlag = False,
    as_jsonl: JsonlFlag = False,
    as_csv: CsvFlag = False,
    as_tsv: TsvFlag = False,
) -> None:
    """Names that more than one class carries (first lemma, any lemma, torchvision name)."""
    from imagenet_cli import duplicate_names
    from imagenet_cli.render.classes import duplicates_table
    from imagenet_cli.render.records import DUPLICATE_COLUMNS, duplicate_record, duplicate_row

    output = pick_format(None, as_json, as_csv, as_jsonl=as_jsonl, as_tsv=as_tsv)
    found = duplicate_names()
    emit(
        output,
        (duplicate_record(d) for d in found),
        DUPLICATE_COLUMNS,
        lambda: duplicates_table(found),
        rows=(duplicate_row(d) for d in found),
    )


from imagenet_cli.cli import classes_bulk  # noqa: E402 - decode and convert join this app

classes_bulk.register(app)
