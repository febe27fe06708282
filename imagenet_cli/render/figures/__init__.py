"""Publication figures (matplotlib, an optional extra): the overview article's eight.

Each figure module has ``collect()``, which reads our sourced data through the library
(index/, facts/), and ``draw(data)``, which returns a matplotlib ``Figure``. matplotlib is
imported only while drawing.
"""

from __future__ import annotations

import os
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from imagenet_cli._errors import ImagenetError, NotFoundError
from imagenet_cli.render.figures._style import (
    check_format,
    figure_bytes,
    require_matplotlib,
    style,
    write_figure,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Every figure: its name (the file's stem) and what it shows.
FIGURES = {
    "categories": "ImageNet's top-level WordNet categories with their 21k and 1k counts",
    "ilsvrc-timeline": "winning ILSVRC top-5 error by year 2010-2017 against the human 5.1%",
    "alexnet": "AlexNet (2012): its layers, map sizes and the split across two GPUs",
    "vgg": "VGG-11 to VGG-19 side by side: stacks of 3x3 convolutions",
    "residual": "the residual block, the bottleneck block and ResNet-50's stages",
    "yolo": "YOLO v1's detection idea: an S x S grid, B boxes per cell, C class probabilities",
    "mobilenet": "a standard convolution beside a depthwise separable one, with the cost ratio",
    "impact": "ImageNet top-1 accuracy against multiply-accumulates, bubble size params",
}


def _module(name: str) -> str:
    return "imagenet_cli.render.figures." + name.replace("-", "_")


def check_names(names: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """``names`` in :data:`FIGURES` order, duplicates dropped (all figures when empty).

    Raises:
        NotFoundError: an unknown name (suggests the closest).
    """
    for name in names:
        if name not in FIGURES:
            raise NotFoundError("figure", name, FIGURES, hint=f"the figures: {', '.join(FIGURES)}")
    return tuple(n for n in FIGURES if n in names or not names)


def build(name: str) -> Figure:
    """Collect one figure's data and draw it.

    Raises:
        NotFoundError: unknown figure name.
        ImagenetError: matplotlib is not installed.
    """
    (name,) = check_names([name])
    module = import_module(_module(name))
    with style():
        fig: Figure = module.draw(module.collect())
    return fig


def render(name: str, fmt: str = "svg") -> bytes:
    """One figure encoded as ``fmt`` (svg, png or pdf); the same bytes on every run."""
    check_format(fmt)
    return figure_bytes(build(name), fmt)


def check_folder(folder: str | os.PathLike[str]) -> Path:
    """The output folder, made if it is missing and its parent exists; a folder that can
    be written.

    Raises:
        ImagenetError: its parent is missing, it is a file, or it is not writable.
    """
    path = Path(folder).expanduser()
    if not path.exists():
        if not path.parent.is_dir():
            raise ImagenetError(
                f"no folder {os.fspath(path.parent)}", hint=f"create it to write {path.name} in it"
            )
        try:
            path.mkdir()
        except OSError as error:
            raise ImagenetError(f"cannot make {os.fspath(folder)}: {error.strerror}") from None
    if not path.is_dir():
        raise ImagenetError(f"{os.fspath(folder)} is a file, not a folder")
    if not os.access(path, os.W_OK | os.X_OK):
        raise ImagenetError(
            f"cannot write in {os.fspath(folder)}", hint="it is read-only or not yours"
        )
    return path


def write_figures(
    folder: str | os.PathLike[str], fmt: str = "svg", only: tuple[str, ...] = ()
) -> list[Path]:
    """Write each figure to ``folder/<name>.<fmt>``, each file whole or not at all.

    Every argument is checked before anything is drawn.

    Returns:
        The paths written, in :data:`FIGURES` order.

    Raises:
        NotFoundError: an unknown name in ``only``.
        ImagenetError: bad format or folder, or matplotlib is missing.
        OutputError: a file could not be written.
    """
    names = check_names(only)
    fmt = check_format(fmt)
    require_matplotlib()  # before the folder is made: a failed run leaves nothing behind
    path = check_folder(folder)
    written = []
    for name in names:
        target = path / f"{name}.{fmt}"
        write_figure(build(name), target, fmt)
        written.append(target)
    return written


__all__ = ["FIGURES", "build", "check_names", "render", "write_figure", "write_figures"]
