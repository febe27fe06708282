"""``imagenet eval``: score predictions against the validation, ReaL and hierarchy."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from imagenet_cli.cli.errors import user_errors
from imagenet_cli.cli.options import CsvFlag, FormatOption, JsonFlag, pick_format
from imagenet_cli.render.console import OutputFormat, print_view, write_csv, write_json

app = typer.Typer()


class Numbering(str, Enum):
    """Numberings of the 1000 classes (imagenet_cli.index.classes.Scheme, not imported here
    to keep start-up short)."""

    INDEX = "index"
    ONE_BASED = "one-based"
    TF_SLIM = "tf-slim"
    DEVKIT = "devkit"


class EvalSubset(str, Enum):
    """The 200-class test sets whose classes a 1000-way ranking is restricted to."""

    IMAGENET_A = "imagenet-a"
    IMAGENET_R = "imagenet-r"


@app.command("eval")
def eval_command(
    predictions: Annotated[
        Path,
        typer.Argument(
            help="A CSV (columns image or target, and pred or pred_1..pred_k) or a scores "
            "file (.npy/.npz, one row of 1000 scores per validation image).",
            metavar="PREDICTIONS",
            dir_okay=False,
        ),
    ],
    labels: Annotated[
        str,
        typer.Option(
            "--labels", "-l", help="Label sets to score against: original, real, or both."
        ),
    ] = "original,real",
    scheme: Annotated[
        Numbering,
        typer.Option(
            "--scheme",
            case_sensitive=False,
            help="How integer classes are numbered: index (0-999), one-based, tf-slim "
            "(1001 outputs) or devkit (ILSVRC2012_ID).",
        ),
    ] = Numbering.INDEX,
    subset: Annotated[
        Optional[EvalSubset],  # noqa: UP045 - Typer reads the annotation at run time
        typer.Option(
            "--subset",
            case_sensitive=False,
            help="Rank only the 200 classes of imagenet-a or imagenet-r, and score only "
            "images labelled with one of them.",
        ),
    ] = None,
    fmt: FormatOption = None,
    as_json: JsonFlag = False,
    as_csv: CsvFlag = False,
) -> None:
    """Top-1/top-5 accuracy, ReaL accuracy and how severe the mistakes are (Making Better Mistakes)."""  # noqa: E501
    from imagenet_cli import evaluate
    from imagenet_cli.render.eval import EVAL_COLUMNS, eval_csv_rows, eval_record, eval_view

    output = pick_format(fmt, as_json, as_csv)
    with user_errors():
        result = evaluate(
            predictions,
            labels=labels,
            scheme=scheme.value,
            subset=subset.value if subset is not None else None,
        )
    for warning in result.warnings:
        sys.stderr.write(f"Warning: {warning}\n")
    if output is OutputFormat.JSON:
        write_json(eval_record(result))
    elif output is OutputFormat.CSV:
        write_csv(eval_csv_rows(result), EVAL_COLUMNS)
    else:
        print_view(eval_view(result))
