"""``--plot FILE`` and ``--svg FILE``: the options and the one call each command makes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from imagenet_cli.cli.errors import user_errors

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from rich.console import RenderableType

PlotOption = Annotated[
    Optional[Path],  # noqa: UP045 - Typer reads the annotation at run time
    typer.Option(
        "--plot",
        metavar="FILE",
        show_default=False,
        help="Also draw this view as a figure: .svg, .png or .pdf (needs matplotlib).",
    ),
]
SvgOption = Annotated[
    Optional[Path],  # noqa: UP045 - Typer reads the annotation at run time
    typer.Option(
        "--svg",
        metavar="FILE",
        show_default=False,
        help="Also save the terminal view as an SVG file.",
    ),
]


def check_outputs(plot: Path | None, svg: Path | None, table: bool = True) -> None:
    """Fail early (exit 1) on a --plot FILE we cannot write or without matplotlib; --svg
    needs the table view (exit 2 with --json or --csv)."""
    if svg is not None and not table:
        raise typer.BadParameter(
            "--svg saves the terminal view: not with --json or --csv", param_hint="--svg"
        )
    if plot is not None:
        from imagenet_cli.render.figures._style import format_of, require_matplotlib

        with user_errors():
            format_of(plot)
            require_matplotlib()


def save_outputs(
    plot: Path | None,
    figure: Callable[[], Figure] | None = None,
    svg: Path | None = None,
    view: RenderableType | None = None,
    title: str = "imagenet",
) -> None:
    """Write the figure to ``plot`` and the view to ``svg`` (each whole, or not at all)."""
    with user_errors():
        if svg is not None and view is not None:
            from imagenet_cli.render.svg import save_view_svg

            save_view_svg(view, svg, title)
        if plot is not None and figure is not None:
            from imagenet_cli.render.figures._style import write_figure

            write_figure(figure(), plot)
