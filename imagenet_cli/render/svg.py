"""``--svg FILE``: a Rich view as the terminal shows it, saved as an SVG document."""

from __future__ import annotations

import io
import os

from rich.console import Console, RenderableType

from imagenet_cli._files import atomic_write
from imagenet_cli.render.console import _fold, make_console


def view_svg(renderable: RenderableType, title: str = "imagenet", width: int | None = None) -> str:
    """The SVG text of ``renderable`` rendered at ``width`` columns (the terminal's by
    default, so ``COLUMNS`` applies), in Rich's default terminal theme."""
    _fold(renderable)
    console = Console(
        file=io.StringIO(),
        record=True,
        width=width or make_console().width,
        markup=False,
        emoji=False,
        highlight=False,
        force_terminal=True,
        color_system="truecolor",
    )
    console.print(renderable)
    return console.export_svg(title=title)


def save_view_svg(renderable: RenderableType, path: str | os.PathLike[str], title: str) -> None:
    """Write :func:`view_svg` to ``path`` whole, or not at all.

    Raises:
        OutputError: the file cannot be written.
    """
    text = view_svg(renderable, title)
    with atomic_write(path) as handle:
        handle.write(text)
