"""``imagenet synsets distance-matrix``: distances between every two classes of a set.

Registered onto the ``synsets`` app by cli/synsets.py.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Optional

import typer

from imagenet_cli.cli.errors import user_errors
from imagenet_cli.cli.synsets import app

if TYPE_CHECKING:
    from imagenet_cli import DistanceMatrix


class RowOrder(str, Enum):
    """Numberings of the 1000 classes (imagenet_cli.index.classes.Scheme, not imported here
    to keep start-up short)."""

    INDEX = "index"
    ONE_BASED = "one-based"
    TF_SLIM = "tf-slim"
    DEVKIT = "devkit"


class MatrixFormat(str, Enum):
    """How a distance matrix is written."""

    CSV = "csv"
    TSV = "tsv"
    JSON = "json"
    NPY = "npy"
    PAIRS = "pairs"


class MetricChoice(str, Enum):
    """Distance measures (see imagenet_cli.eval.distances)."""

    LCA_HEIGHT = "lca-height"
    PATH = "path"
    WUP = "wup"


@app.command("distance-matrix")
def distance_matrix_command(
    set_name: Annotated[
        Optional[str],  # noqa: UP045 - Typer reads the annotation at run time
        typer.Option("--set", help="ilsvrc2012: the 1000 classes (the default)."),
    ] = None,
    subset: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--subset", "-s", help="A bundled list (imagenet-a, imagewoof, ...)."),
    ] = None,
    wnids_file: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--wnids",
            help="A file of synset IDs, one a line ('-' for stdin).",
            allow_dash=True,
            dir_okay=False,
        ),
    ] = None,
    metric: Annotated[
        MetricChoice,
        typer.Option(
            "--metric",
            "-m",
            case_sensitive=False,
            help="lca-height (H - max_depth of the LCA), path or wup (1 - Wu-Palmer).",
        ),
    ] = MetricChoice.LCA_HEIGHT,
    fmt: Annotated[
        MatrixFormat,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="csv, tsv, json, npy (NumPy array) or pairs (one line per pair).",
        ),
    ] = MatrixFormat.CSV,
    scheme: Annotated[
        RowOrder,
        typer.Option(
            "--scheme",
            case_sensitive=False,
            help="Row order of the 1000 classes: index order, or devkit (ILSVRC2012_ID) order.",
        ),
    ] = RowOrder.INDEX,
    stats: Annotated[
        bool,
        typer.Option(
            "--stats",
            metavar="",
            help="Print a histogram, the mean, extreme pairs and the definition "
            "instead of the matrix (JSON with --format json; with -o the matrix "
            "is written too).",
        ),
    ] = False,
    fix_abstract: Annotated[
        bool,
        typer.Option(
            "--fix-abstract",
            metavar="",
            help="Move Making Better Mistakes' three edges: street sign and traffic "
            "light under signboard, ball.n.03 (bubble's parent) under the artifact "
            "sphere.",
        ),
    ] = False,
    hierarchy: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--hierarchy",
            dir_okay=False,
            help="Use this tree instead of WordNet: 'parent child' per line "
            "(Making Better Mistakes' imagenet_isa.txt, ImageNet's wordnet.is_a.txt).",
        ),
    ] = None,
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--output", "-o", dir_okay=False, help="Write to FILE (whole or not at all)."),
    ] = None,
) -> None:
    """Distances between every two classes: lca-height (Making Better Mistakes), path or wup."""
    from imagenet_cli import class_set, distance_matrix, matrix_stats

    with user_errors():
        wnids = None
        if wnids_file is not None:
            from imagenet_cli import read_wnid_lines

            wnids = read_wnid_lines(wnids_file)
        rows = class_set(set_name=set_name, subset=subset, wnids=wnids)
        ids = None
        if scheme is not RowOrder.INDEX:
            rows, ids = _ordered(rows, scheme)
        matrix = distance_matrix(
            rows, metric=metric.value, hierarchy=hierarchy, fix_abstract=fix_abstract
        )
        summary = matrix_stats(matrix) if stats else None
        if output is not None:
            _write(matrix, fmt, output, ids)
    if summary is not None:
        from imagenet_cli.render.console import print_view, write_json
        from imagenet_cli.render.eval import stats_record, stats_view

        if fmt is MatrixFormat.JSON and output is None:
            write_json(stats_record(summary, matrix))
        else:
            print_view(stats_view(summary, matrix))
    elif output is None:
        if fmt is MatrixFormat.NPY and sys.stdout.isatty():
            raise typer.BadParameter("npy is binary: write it with -o FILE", param_hint="--format")
        _emit(matrix, fmt, ids)
    for r in matrix.rewired if summary is None else ():  # the statistics list them
        sys.stderr.write(
            f"Rewired: {r.child_name} from {r.old_parent_name} to {r.new_parent_name}\n"
        )


def _ordered(rows: tuple[str, ...], scheme: RowOrder) -> tuple[tuple[str, ...], list[int]]:
    """Rows in the scheme's order, with each row's number in that scheme."""
    from imagenet_cli import ImagenetError
    from imagenet_cli import classes as all_classes

    by_wnid = {c.wnid: c for c in all_classes()}
    if any(w not in by_wnid for w in rows):
        raise ImagenetError("--scheme numbers ILSVRC-2012 classes only; the set has others")
    classes = [by_wnid[w] for w in rows]
    if scheme is RowOrder.DEVKIT:
        classes.sort(key=lambda c: c.ilsvrc2012_id)
        return tuple(c.wnid for c in classes), [c.ilsvrc2012_id for c in classes]
    return tuple(c.wnid for c in classes), [c.index + 1 for c in classes]


def _write(matrix: DistanceMatrix, fmt: MatrixFormat, path: Path, ids: list[int] | None) -> None:
    from imagenet_cli import atomic_write
    from imagenet_cli.render.eval import npy_bytes

    if fmt is MatrixFormat.NPY:
        with atomic_write(path, binary=True) as handle:
            handle.write(npy_bytes(matrix))
        return
    with atomic_write(path) as handle:
        _text(matrix, fmt, handle, ids)


def _text(matrix: DistanceMatrix, fmt: MatrixFormat, out: IO[str], ids: list[int] | None) -> None:
    from imagenet_cli.render.eval import write_delimited, write_matrix_json, write_pairs

    if fmt is MatrixFormat.JSON:
        write_matrix_json(matrix, out, ids)
    elif fmt is MatrixFormat.PAIRS:
        write_pairs(matrix, out)
    else:
        write_delimited(matrix, out, "\t" if fmt is MatrixFormat.TSV else ",")


def _emit(matrix: DistanceMatrix, fmt: MatrixFormat, ids: list[int] | None) -> None:
    if fmt is MatrixFormat.NPY:
        from imagenet_cli.render.eval import npy_bytes

        sys.stdout.flush()
        sys.stdout.buffer.write(npy_bytes(matrix))
        sys.stdout.buffer.flush()
        return
    _text(matrix, fmt, sys.stdout, ids)
