"""``imagenet figures``: the overview article's figures as SVG, PNG or PDF files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from imagenet_cli.cli.errors import user_errors

app = typer.Typer()

_NAMES = ", ".join(
    ("categories", "ilsvrc-timeline", "alexnet", "vgg", "residual", "yolo", "mobilenet", "impact")
)


@app.command("figures")
def figures(
    folder: Annotated[
        Path,
        typer.Argument(
            help="An existing folder to write the files into.", show_default=False, metavar="DIR"
        ),
    ],
    fmt: Annotated[
        str,
        typer.Option(
            "--format", "-f", metavar="FORMAT", help="svg, png or pdf (16:9, 1280x720 as PNG)."
        ),
    ] = "svg",
    only: Annotated[
        Optional[list[str]],  # noqa: UP045 - Typer reads the annotation at run time
        typer.Option(
            "--only",
            help=f"Write only this figure (repeatable): {_NAMES}.",
            show_default=False,
            metavar="NAME",
        ),
    ] = None,
) -> None:
    """Draw the figures of ImageNet's story from the bundled data, one file each (needs matplotlib)."""  # noqa: E501
    from imagenet_cli.render.figures import FIGURES, write_figures

    assert set(_NAMES.split(", ")) == set(FIGURES)
    with user_errors():
        written = write_figures(folder, fmt, tuple(only or ()))
    for path in written:
        typer.echo(str(path))
