"""``yolo``: YOLO v1's detection idea as its paper describes it (no photographs)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from imagenet_cli._errors import ImagenetError
from imagenet_cli.render.figures._style import (
    INK,
    MUTED,
    OKABE_ITO,
    bare,
    footer,
    new_figure,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

VARIANT = "yolo_v1"


class YoloData(NamedTuple):
    """S, B, C and what the paper prints around them."""

    S: int
    B: int
    C: int
    box_predictions: tuple[str, ...]
    input_size: int
    conv_layers: int
    fc_layers: int
    source: str
    voc2007: Any  # the DetectionResult of YOLO on VOC 2007, or None


def collect() -> YoloData:
    """YOLO v1's grid fields from ``data/architectures/yolo.json``.

    Raises:
        ImagenetError: the data lacks the grid fields.
    """
    from imagenet_cli.facts.architectures import get_architecture

    _, variant = get_architecture(VARIANT)
    grid = variant.extra.get("grid") if variant else None
    if variant is None or not grid:
        raise ImagenetError(f"no grid fields for {VARIANT} in data/architectures/yolo.json")
    voc = next(
        (
            r
            for r in variant.detection_results
            if r.model == "YOLO" and r.dataset == "PASCAL VOC 2007 test"
        ),
        None,
    )
    return YoloData(
        grid["S"],
        grid["B"],
        grid["C"],
        tuple(grid["box_predictions"]),
        variant.input_size or 448,
        grid["conv_layers"],
        grid["fc_layers"],
        grid["source"],
        voc,
    )


def _grid(ax: Axes, x0: float, y0: float, size: float, s: int, cell: tuple[int, int]) -> None:
    from matplotlib.patches import Rectangle

    ax.add_patch(Rectangle((x0, y0), size, size, facecolor="#F4F4F4", edgecolor=INK, linewidth=1.4))
    step = size / s
    for k in range(1, s):
        ax.plot([x0 + k * step] * 2, [y0, y0 + size], color="#9A9A9A", linewidth=0.8)
        ax.plot([x0, x0 + size], [y0 + k * step] * 2, color="#9A9A9A", linewidth=0.8)
    col, row = cell
    yellow = OKABE_ITO["yellow"]
    ax.add_patch(
        Rectangle(
            (x0 + col * step, y0 + row * step),
            step,
            step,
            facecolor=yellow,
            edgecolor=INK,
            linewidth=1.6,
        )
    )


def draw(data: YoloData) -> Figure:
    """Three panels: the S x S grid, B boxes per cell, the per-cell output vector."""
    from matplotlib.patches import Ellipse, Rectangle

    s, b, c = data.S, data.B, data.C
    per_cell = b * len(data.box_predictions) + c
    fig = new_figure(
        "YOLO (2016): detection as one regression, in one network pass",
        f"For PASCAL VOC: S = {s}, B = {b}, C = {c}, so a {s} × {s} × {per_cell} output "
        f"tensor and {s * s * b} boxes per image.",
    )
    ax = bare(fig.add_axes((0.02, 0.12, 0.96, 0.75)))
    ax.set_xlim(0, 34.2)
    ax.set_ylim(-1.2, 15.2)
    ax.set_aspect("equal")
    size, step = 10.0, 10.0 / s
    cell = (2, 3)  # the cell holding the object's centre (an illustration)
    # 1: the grid
    ax.text(
        0.2,
        14.8,
        f"1. An S × S grid, S = {s}",
        fontsize=13.5,
        weight="bold",
        va="top",
        gid="step:1",
    )
    _grid(ax, 0.2, 2.2, size, s, cell)
    cx, cy = 0.2 + (cell[0] + 0.55) * step, 2.2 + (cell[1] + 0.4) * step
    ax.add_patch(
        Ellipse(
            (cx, cy),
            4.6,
            3.0,
            facecolor="none",
            edgecolor=OKABE_ITO["blue"],
            linewidth=2.2,
            linestyle=(0, (4, 2)),
        )
    )
    ax.plot([cx], [cy], marker="o", color=OKABE_ITO["blue"], markersize=7)
    ax.text(
        0.2,
        13.7,
        f"input {data.input_size} × {data.input_size}",
        fontsize=11,
        color=MUTED,
        va="top",
    )
    ax.text(
        0.2,
        1.7,
        "The cell holding an object's centre\n(yellow) is responsible for it.",
        fontsize=11,
        va="top",
        linespacing=1.25,
    )
    # 2: B boxes and confidences
    x0 = 11.4
    ax.text(
        x0, 14.8, f"2. B = {b} boxes per cell", fontsize=13.5, weight="bold", va="top", gid="step:2"
    )
    _grid(ax, x0, 2.2, size, s, cell)
    bx, by = x0 + (cell[0] + 0.5) * step, 2.2 + (cell[1] + 0.5) * step
    shapes = [(5.2, 3.2), (2.4, 5.6), (4.0, 4.0), (3.0, 2.0)]
    colours = [OKABE_ITO["vermillion"], OKABE_ITO["purple"], OKABE_ITO["green"], OKABE_ITO["blue"]]
    for k in range(b):
        w, h = shapes[k % len(shapes)]
        ax.add_patch(
            Rectangle(
                (bx - w / 2, by - h / 2),
                w,
                h,
                facecolor="none",
                edgecolor=colours[k % len(colours)],
                linewidth=2.2,
            )
        )
        ax.text(
            bx - w / 2 + 0.1,
            by + h / 2 + 0.1,
            f"box {k + 1}",
            fontsize=10,
            color=colours[k % len(colours)],
            weight="bold",
            va="bottom",
        )
    fields = ", ".join(data.box_predictions)
    ax.text(
        x0,
        1.7,
        f"each box: {fields}\n(x, y in the cell; w, h of the image;\n"
        "confidence = Pr(Object) · IOU)",
        fontsize=11,
        va="top",
        linespacing=1.25,
        gid="box-fields",
    )
    # 3: the output vector of one cell
    x0 = 22.4
    ax.text(
        x0,
        14.8,
        f"3. C = {c} class probabilities",
        fontsize=13.5,
        weight="bold",
        va="top",
        gid="step:3",
    )
    ax.text(x0, 13.7, f"one cell's {per_cell} outputs", fontsize=11, color=MUTED, va="top")
    slot = 0.42
    top = 12.6
    labels = []
    for k in range(b):
        labels += [(p, colours[k % len(colours)], f"box {k + 1}") for p in data.box_predictions]
    labels += [(f"{i + 1}", OKABE_ITO["yellow"], "classes") for i in range(c)]
    for i, (text, colour, _) in enumerate(labels):
        y = top - i * slot
        ax.add_patch(
            Rectangle((x0, y - slot), 0.8, slot, facecolor=colour, edgecolor="white", linewidth=0.8)
        )
        if i < b * len(data.box_predictions):
            ax.text(x0 + 1.0, y - slot / 2, text, fontsize=9, va="center")
    ax.text(
        x0 + 1.0,
        top - (b * len(data.box_predictions) + c / 2) * slot,
        f"Pr(Class_i | Object),\ni = 1 … {c}:\none set per cell,\nshared by its {b} boxes",
        fontsize=10.5,
        va="center",
        linespacing=1.25,
        gid="class-probs",
    )
    # the tensor and the test-time score
    ax.text(
        x0 + 6.6,
        12.6,
        f"{s} × {s} cells\n× {per_cell} values\n= the output tensor",
        fontsize=12,
        weight="bold",
        va="top",
        linespacing=1.3,
        gid="tensor",
    )
    ax.text(
        x0 + 6.6,
        9.7,
        f"One pass of a network\nof {data.conv_layers} convolutional and\n"
        f"{data.fc_layers} fully connected layers.\n\nAt test time:\n"
        "Pr(Class_i | Object)\n· Pr(Object) · IOU\n= Pr(Class_i) · IOU,\n"
        "a class score for\neach box; then\nnon-max suppression.",
        fontsize=10.5,
        va="top",
        linespacing=1.25,
        color=INK,
        gid="score",
    )
    if data.voc2007 is not None:
        r = data.voc2007
        ax.text(
            x0 + 6.6,
            1.7,
            f"VOC 2007 test:\n{r.value:g} mAP, {r.fps:g} fps",
            fontsize=10.5,
            va="top",
            color=MUTED,
            linespacing=1.25,
            gid="voc",
        )
    footer(
        fig,
        f"Redmon, Divvala, Girshick & Farhadi (arXiv 1506.02640), {data.source.split(', ', 1)[-1]}"
        + (f"; {data.voc2007.source} (mAP, fps on a Titan X)" if data.voc2007 else "")
        + "; read into data/architectures/yolo.json. The object and box shapes are "
        "illustrations, not predictions.",
        "imagenet figures --only yolo",
    )
    return fig
