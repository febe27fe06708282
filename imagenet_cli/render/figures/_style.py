"""The house style of every figure: slide size, palette, fonts, footer, deterministic bytes.

matplotlib is imported only inside these functions, never at module level, so that
``import imagenet_cli`` and every lookup command stay free of it.
"""

from __future__ import annotations

import io
import os
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from imagenet_cli._errors import ImagenetError
from imagenet_cli._files import atomic_write

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: The Okabe-Ito palette (Okabe & Ito, "Color Universal Design", 2002/2008): eight
#: colours that stay distinct under the common colour-vision deficiencies.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
}
INK = "#222222"
MUTED = "#666666"
PAPER = "#FFFFFF"
LIGHT = "#EDEDED"

#: 16:9 at 100 dpi: 1280 x 720 pixels as PNG, 12.8 x 7.2 inches as SVG/PDF.
SLIDE = (12.8, 7.2)
DPI = 100

#: The formats written; every one is checked to come out byte-identical across runs.
FORMATS = ("svg", "png", "pdf")

INSTALL_HINT = "install it with: pip install 'imagenet-cli[plot]'"

_RC: dict[str, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 13,
    "text.parse_math": False,  # a "$" in data stays a dollar sign
    "text.color": INK,
    "axes.labelcolor": INK,
    "axes.edgecolor": MUTED,
    "axes.titlesize": 15,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.color": INK,
    "ytick.color": INK,
    "legend.frameon": False,
    "svg.fonttype": "none",  # real <text>, selectable and searchable
    "svg.hashsalt": "imagenet-cli",  # stable ids, so two runs give the same bytes
    "pdf.fonttype": 42,  # TrueType embedded: text stays text in PDF too
    "ps.fonttype": 42,
    "figure.dpi": DPI,
    "savefig.dpi": DPI,
    "path.simplify": False,
}

#: Metadata without dates or library versions, per format.
_METADATA: dict[str, dict[str, Any]] = {
    "svg": {"Creator": "imagenet-cli", "Date": None},
    "pdf": {"Creator": "imagenet-cli", "Producer": "imagenet-cli", "CreationDate": None},
    "png": {"Software": "imagenet-cli"},
}


def require_matplotlib() -> None:
    """Check that matplotlib can be imported.

    Raises:
        ImagenetError: it is not installed (the message says what to install).
    """
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise ImagenetError(
            "drawing figures needs matplotlib, which is not installed", hint=INSTALL_HINT
        ) from None


@contextmanager
def style() -> Iterator[None]:
    """matplotlib's settings for drawing and saving our figures (restored afterwards)."""
    require_matplotlib()
    import matplotlib

    with matplotlib.rc_context(_RC):  # type: ignore[arg-type]
        yield


def new_figure(title: str, subtitle: str | None = None) -> Figure:
    """A blank 16:9 slide with a title (and subtitle) at the top left."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=SLIDE, dpi=DPI, facecolor=PAPER)
    fig.text(0.025, 0.965, title, fontsize=21, weight="bold", va="top", gid="title")
    if subtitle:
        fig.text(0.025, 0.905, subtitle, fontsize=13, color=MUTED, va="top", gid="subtitle")
    return fig


def footer(fig: Figure, source: str, command: str) -> None:
    """The data source at the bottom left (wrapped), and the command that draws it."""
    lines = textwrap.wrap(f"Source: {source}", 150)
    fig.text(
        0.025,
        0.018,
        "\n".join(lines),
        fontsize=8.5,
        color=MUTED,
        va="bottom",
        linespacing=1.3,
        gid="footer",
    )
    fig.text(
        0.975,
        0.018,
        command,
        fontsize=8.5,
        color=MUTED,
        ha="right",
        va="bottom",
        gid="command",
    )


def bare(ax: Axes) -> Axes:
    """An axes used as a drawing board: no ticks, no spines, equal units."""
    ax.set_axis_off()
    return ax


def wrap(text: str, width: int) -> str:
    """``text`` wrapped to ``width`` characters per line."""
    return "\n".join(textwrap.wrap(text, width))


def check_format(fmt: str) -> str:
    """The lower-cased format, if we write it.

    Raises:
        ImagenetError: not svg, png or pdf.
    """
    wanted = fmt.lower().lstrip(".")
    if wanted not in FORMATS:
        raise ImagenetError(f"cannot write figures as {fmt!r}", hint="use svg, png or pdf")
    return wanted


def figure_bytes(fig: Figure, fmt: str) -> bytes:
    """The figure encoded as ``fmt`` (svg, png or pdf), with fixed metadata.

    Two calls give identical bytes: no dates, no versions, a fixed SVG hash salt.

    Raises:
        ImagenetError: ``fmt`` is not one we write.
    """
    fmt = check_format(fmt)
    buffer = io.BytesIO()
    with style():
        fig.savefig(buffer, format=fmt, metadata=_METADATA[fmt], dpi=DPI, facecolor=PAPER)
    return buffer.getvalue()


def format_of(path: str | os.PathLike[str]) -> str:
    """The format named by a file's extension (``fig.svg`` is svg).

    Raises:
        ImagenetError: no extension, or one we do not write.
    """
    suffix = Path(path).suffix
    if not suffix:
        raise ImagenetError(
            f"{os.fspath(path)} has no extension to tell the format",
            hint=f"end it in .{', .'.join(FORMATS)}",
        )
    if suffix.lower().lstrip(".") not in FORMATS:
        raise ImagenetError(
            f"cannot write {os.fspath(path)}: a figure is .svg, .png or .pdf, not {suffix}"
        )
    return check_format(suffix)


def write_figure(fig: Figure, path: str | os.PathLike[str], fmt: str | None = None) -> None:
    """Encode ``fig`` (in memory first) and write it whole to ``path``, or not at all.

    Args:
        fmt: svg, png or pdf; by default from ``path``'s extension.

    Raises:
        ImagenetError: the format is not one we write.
        OutputError: the file cannot be written (no folder, no permission, no room).
    """
    data = figure_bytes(fig, fmt or format_of(path))
    with atomic_write(path, binary=True) as handle:
        handle.write(data)
