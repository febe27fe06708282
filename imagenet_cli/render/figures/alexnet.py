"""``alexnet``: the 2012 network as its paper drew it: layers, map sizes, two GPUs."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

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

    from imagenet_cli.facts.layers import NetworkSpec, TracedLayer

#: The variant drawn: the paper's two-GPU network (not torchvision's one-tower version).
VARIANT = "alexnet_paper"
#: Krizhevsky et al. 2012, Section 3.2: "we spread the net across two GPUs ... puts half
#: of the kernels (or neurons) on each GPU".
GPUS = 2


class Column(NamedTuple):
    """A weight layer and the layers after it up to the next one (LRN, pooling)."""

    name: str
    main: TracedLayer
    after: tuple[TracedLayer, ...]


class AlexNetData(NamedTuple):
    """The spec and its layers grouped per weight layer."""

    spec: NetworkSpec
    columns: tuple[Column, ...]
    params: int
    macs: int


def collect() -> AlexNetData:
    """AlexNet's paper spec, traced layer by layer by our cost calculator."""
    from imagenet_cli.facts.layers import get_spec, layer_trace

    spec = get_spec(VARIANT)
    trace = layer_trace(spec)
    columns: list[Column] = []
    for cost in trace:
        kind = type(cost.layer).__name__
        if kind in ("Conv", "Linear"):
            columns.append(Column(cost.stage, cost, ()))
        elif columns:
            last = columns[-1]
            columns[-1] = last._replace(after=(*last.after, cost))
    return AlexNetData(
        spec, tuple(columns), sum(c.params for c in trace), sum(c.macs for c in trace)
    )


def _short(value: int) -> str:
    for size, unit in ((1e9, "G"), (1e6, "M"), (1e3, "K")):
        if value >= size:
            return f"{value / size:.1f} {unit}"
    return str(value)


def _header(column: Column) -> str:
    layer = column.main.layer
    c_in = column.main.input_shape[0]
    if type(layer).__name__ == "Conv":
        k = layer.kernel  # type: ignore[union-attr]
        stride = layer.stride  # type: ignore[union-attr]
        depth = c_in // layer.groups  # type: ignore[union-attr]
        kernel = f"{layer.out} × {k}×{k}×{depth}"  # type: ignore[union-attr]
        return kernel + (f"\nstride {stride}" if stride > 1 else "")
    return f"{column.main.output_shape[0]:,} neurons"


def _after(column: Column) -> str:
    parts = []
    for cost in column.after:
        name = type(cost.layer).__name__
        if name == "LocalResponseNorm":
            parts.append("LRN")
        elif name == "Pool":
            k, s = cost.layer.kernel, cost.layer.stride  # type: ignore[union-attr]
            _, h, w = cost.output_shape
            parts.append(f"max pool {k}×{k}/{s}\n→ {h}×{w}")
    return "\n".join(parts)


def _arrow(ax: Axes, start: tuple[float, float], end: tuple[float, float], cross: bool) -> None:
    ax.annotate(
        "",
        xy=end,
        xytext=start,
        arrowprops={
            "arrowstyle": "-|>",
            "color": OKABE_ITO["vermillion"] if cross else MUTED,
            "linewidth": 1.6 if cross else 1.2,
            "shrinkA": 0,
            "shrinkB": 0,
            "mutation_scale": 12,
        },
    )


def draw(data: AlexNetData) -> Figure:
    """Two rows (one per GPU) of boxes, one column per weight layer, box height by map size;
    red arrows where a layer reads both GPUs' maps."""
    from matplotlib.patches import FancyBboxPatch

    fig = new_figure(
        "AlexNet (2012): eight weight layers split across two GPUs",
        f"Half of each layer on each GPU; red arrows: layers that read both GPUs. "
        f"{data.params:,} params, {_short(data.macs)} MACs.",
    )
    ax = bare(fig.add_axes((0.02, 0.12, 0.96, 0.74)))
    n = len(data.columns)
    ax.set_xlim(-1.25, n - 0.4)
    ax.set_ylim(-1.75, 3.05)
    rows = {1: 1.8, 2: 0.2}  # GPU: y of the row's centre line
    width = 0.56
    biggest = max(c.main.output_shape[1] for c in data.columns)

    def height(side: int) -> float:
        return 0.3 + 0.8 * side / biggest

    # the input image, shared by both GPUs
    side = data.spec.input_size
    in_h = 2.3
    centre = (rows[1] + rows[2]) / 2
    ax.add_patch(
        FancyBboxPatch(
            (-1.02, centre - in_h / 2),
            0.6,
            in_h,
            boxstyle="round,pad=0,rounding_size=0.04",
            facecolor="#F4F4F4",
            edgecolor=INK,
            linewidth=1.2,
        )
    )
    ax.text(
        -0.73,
        centre,
        f"input\n{side}×{side}\n×3",
        ha="center",
        va="center",
        fontsize=11,
        gid="input",
    )
    for gpu, y in rows.items():
        ax.text(
            -1.17,
            y,
            f"GPU {gpu}",
            fontsize=13,
            weight="bold",
            color=OKABE_ITO["blue"],
            rotation=90,
            ha="center",
            va="center",
            gid=f"gpu:{gpu}",
        )
    previous: list[tuple[float, float]] = [(-0.42, centre), (-0.42, centre)]
    for x, column in enumerate(data.columns):
        layer = column.main.layer
        conv = type(layer).__name__ == "Conv"
        groups = layer.groups if conv else 1  # type: ignore[union-attr]
        c_out, h, w = column.main.output_shape
        box_h = height(h) if conv else 0.45
        colour = OKABE_ITO["sky"] if conv else OKABE_ITO["yellow"]
        ax.text(
            x,
            2.95,
            column.name,
            ha="center",
            va="top",
            fontsize=13,
            weight="bold",
            gid=f"layer:{column.name}",
        )
        ax.text(
            x,
            2.67,
            _header(column),
            ha="center",
            va="top",
            fontsize=9,
            color=INK,
            gid=f"kernels:{column.name}",
        )
        entries = []
        for gpu, y in rows.items():
            ax.add_patch(
                FancyBboxPatch(
                    (x - width / 2, y - box_h / 2),
                    width,
                    box_h,
                    boxstyle="round,pad=0,rounding_size=0.04",
                    facecolor=colour,
                    edgecolor=INK,
                    linewidth=1.0,
                )
            )
            inside = f"{c_out // GPUS}\n{h}×{w}" if conv else f"{c_out // GPUS:,}"
            ax.text(
                x,
                y,
                inside,
                ha="center",
                va="center",
                fontsize=10.5,
                gid=f"maps:{column.name}:{gpu}",
            )
            entries.append((x - width / 2, y))
        # arrows from the previous column's two halves
        for gpu_to, (ex, ey) in enumerate(entries):
            for gpu_from, (sx, sy) in enumerate(previous):
                if x == 0 and gpu_from != gpu_to:
                    continue  # one image, fed whole to each GPU
                if x > 0 and groups == GPUS and gpu_from != gpu_to:
                    continue
                cross = x > 0 and groups == 1
                _arrow(ax, (sx, sy), (ex, ey), cross and gpu_from != gpu_to)
        previous = [(x + width / 2, y) for y in rows.values()]
        after = _after(column)
        if after:
            ax.text(
                x,
                -0.62,
                after,
                ha="center",
                va="top",
                fontsize=8.5,
                color=MUTED,
                linespacing=1.2,
                gid=f"after:{column.name}",
            )
        ax.text(
            x,
            -1.25,
            f"{_short(column.main.params)} params\n{_short(column.main.macs)} MACs",
            ha="center",
            va="top",
            fontsize=8.5,
            color=INK,
            linespacing=1.2,
            gid=f"cost:{column.name}",
        )
    footer(
        fig,
        "Krizhevsky, Sutskever & Hinton, NIPS 2012, Section 3.2 (two GPUs), Section 3.5 and "
        f"Figure 2 (layers), read into data/architectures/layers/alexnet.json ({VARIANT}); "
        "map sizes, params and multiply-accumulates (MACs) computed by imagenet_cli's layer "
        "calculator (imagenet arch alexnet_paper --layers). The 227×227 input is what the "
        "paper's 55×55 maps require; its text says 224.",
        "imagenet figures --only alexnet",
    )
    return fig
