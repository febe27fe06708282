"""``residual``: the residual block, the bottleneck block, and ResNet-50's stages."""

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

    from imagenet_cli.facts.layers import NetworkCost, ResidualBlocks

VARIANT = "resnet50"


class ResidualData(NamedTuple):
    """ResNet-50's spec and cost per stage, and its first row of bottleneck blocks."""

    cost: NetworkCost
    first: ResidualBlocks
    top1: float | None


def collect() -> ResidualData:
    """ResNet-50 from its layer spec (shapes, params, MACs from our calculator)."""
    from imagenet_cli.facts.architectures import get_architecture
    from imagenet_cli.facts.layers import ResidualBlocks, compute_costs

    cost = compute_costs(VARIANT)
    first = next(
        layer
        for stage in cost.spec.stages
        for layer in stage.layers
        if isinstance(layer, ResidualBlocks)
    )
    _, variant = get_architecture(VARIANT)
    # the first recipe's weights, as the impact figure uses (V2 is a 2021 recipe)
    v1 = [w for w in (variant.weights if variant else ()) if w.name.endswith("IMAGENET1K_V1")]
    return ResidualData(cost, first, v1[0].top1 if v1 else None)


def _box(
    ax: Axes,
    x: float,
    y: float,
    text: str,
    colour: str,
    w: float = 2.2,
    h: float = 0.62,
    gid: str | None = None,
) -> None:
    from matplotlib.patches import FancyBboxPatch

    ax.add_patch(
        FancyBboxPatch(
            (x - w / 2, y - h / 2),
            w,
            h,
            boxstyle="round,pad=0,rounding_size=0.12",
            facecolor=colour,
            edgecolor=INK,
            linewidth=1.1,
        )
    )
    ax.text(x, y, text, ha="center", va="center", fontsize=12, gid=gid)


def _down(ax: Axes, x: float, y0: float, y1: float, label: str | None = None) -> None:
    ax.annotate(
        "",
        xy=(x, y1),
        xytext=(x, y0),
        arrowprops={
            "arrowstyle": "-|>",
            "color": INK,
            "linewidth": 1.3,
            "shrinkA": 0,
            "shrinkB": 0,
            "mutation_scale": 13,
        },
    )
    if label:
        ax.text(x + 0.15, (y0 + y1) / 2, label, va="center", fontsize=10.5, color=MUTED)


def _plus(ax: Axes, x: float, y: float) -> None:
    from matplotlib.patches import Circle

    ax.add_patch(Circle((x, y), 0.26, facecolor="white", edgecolor=INK, linewidth=1.3))
    ax.text(x, y - 0.02, "+", ha="center", va="center", fontsize=16, weight="bold", gid="plus")


def _shortcut(ax: Axes, x: float, y_from: float, y_to: float, label: str) -> None:
    right = x + 1.75
    ax.plot(
        [x, right, right],
        [y_from, y_from, y_to],
        color=OKABE_ITO["vermillion"],
        linewidth=2.0,
        solid_capstyle="round",
    )
    ax.annotate(
        "",
        xy=(x + 0.27, y_to),
        xytext=(right, y_to),
        arrowprops={
            "arrowstyle": "-|>",
            "color": OKABE_ITO["vermillion"],
            "linewidth": 2.0,
            "shrinkA": 0,
            "shrinkB": 0,
            "mutation_scale": 14,
        },
    )
    ax.text(
        right + 0.12,
        (y_from + y_to) / 2,
        label,
        rotation=90,
        va="center",
        ha="left",
        fontsize=11.5,
        color=OKABE_ITO["vermillion"],
        weight="bold",
    )


def _block(
    ax: Axes, title: str, steps: list[tuple[str, str]], top_label: str, shortcut: str, gid: str
) -> None:
    """A vertical block: input, the weight layers with ReLUs between, +, ReLU, output."""
    x = 0.0
    ax.set_xlim(-2.0, 3.0)
    ax.set_ylim(-0.9, 8.3)
    ax.text(-1.9, 8.2, title, fontsize=14, weight="bold", va="top", gid=f"{gid}:title")
    ax.text(x, 7.25, top_label, ha="center", va="center", fontsize=12, weight="bold")
    y = 6.3
    _down(ax, x, 7.0, y + 0.31)
    split = 6.85
    for k, (label, colour) in enumerate(steps):
        _box(ax, x, y, label, colour, gid=f"{gid}:layer:{k}")
        nxt = y - 1.3 if k < len(steps) - 1 else 1.6
        _down(
            ax,
            x,
            y - 0.31,
            nxt + (0.31 if k < len(steps) - 1 else 0.26),
            "ReLU" if k < len(steps) - 1 else None,
        )
        y = nxt
    _plus(ax, x, 1.6)
    _shortcut(ax, x, split, 1.6, shortcut)
    _down(ax, x, 1.34, 0.45, "ReLU")
    ax.text(x, 0.2, "F(x) + x", ha="center", va="center", fontsize=12, weight="bold")


def draw(data: ResidualData) -> Figure:
    """Three panels: the residual block, the bottleneck block, ResNet-50's stage table."""
    fig = new_figure(
        "ResNet (2015): residual learning",
        "The stacked layers learn a residual F(x); an identity shortcut adds the input "
        "back, so very deep networks still train.",
    )
    first = data.first
    width, out = first.width or first.out // 4, first.out
    a = bare(fig.add_axes((0.015, 0.11, 0.25, 0.76)))
    _block(
        a,
        "Residual block",
        [("weight layer", OKABE_ITO["sky"]), ("weight layer", OKABE_ITO["sky"])],
        "x",
        "identity x",
        "basic",
    )
    a.text(-1.9, 4.95, "F(x)", fontsize=13, style="italic", color=OKABE_ITO["blue"], va="center")
    b = bare(fig.add_axes((0.275, 0.11, 0.25, 0.76)))
    _block(
        b,
        "Bottleneck block",
        [
            (f"1×1, {width}", OKABE_ITO["sky"]),
            (f"3×3, {width}", OKABE_ITO["orange"]),
            (f"1×1, {out}", OKABE_ITO["sky"]),
        ],
        f"{out}-d",
        "identity",
        "bottleneck",
    )
    c = bare(fig.add_axes((0.56, 0.11, 0.425, 0.76)))
    _stages(c, data)
    footer(
        fig,
        "He, Zhang, Ren & Sun (arXiv 1512.03385), Figure 2 (residual block), Figure 5 "
        "(bottleneck), Table 1 (50-layer column); ResNet-50 read into "
        "data/architectures/layers/resnet.json from torchvision 0.29.1's "
        "torchvision/models/resnet.py; output sizes, params and multiply-accumulates (MACs) "
        "from imagenet_cli's layer calculator (224×224 input); top-1 from torchvision's "
        "weights metadata (IMAGENET1K_V1).",
        "imagenet figures --only residual",
    )
    return fig


def _stages(ax: Axes, data: ResidualData) -> None:
    from matplotlib.patches import Rectangle

    from imagenet_cli.facts.layers import Conv, Linear, Pool, ResidualBlocks

    stages = data.cost.stages
    n = len(stages)
    ax.set_xlim(0, 10)
    ax.set_ylim(-0.6, n + 1.6)
    summary = f"{data.cost.params / 1e6:.1f} M params, {data.cost.macs / 1e9:.1f} G MACs"
    if data.top1 is not None:
        summary += f", top-1 {data.top1:.1f}% (torchvision V1 weights)"
    ax.text(
        0.05,
        n + 1.5,
        "ResNet-50 stages",
        fontsize=14,
        weight="bold",
        va="top",
        gid="resnet50:title",
    )
    ax.text(0.05, n + 1.02, summary, fontsize=10.5, color=MUTED, va="top", gid="resnet50:summary")
    ax.text(0.05, n + 0.55, "stage", fontsize=10.5, color=MUTED, va="center")
    ax.text(1.75, n + 0.55, "layers", fontsize=10.5, color=MUTED, va="center")
    ax.text(7.55, n + 0.55, "output", fontsize=10.5, color=MUTED, va="center", ha="center")
    ax.text(9.95, n + 0.55, "MACs", fontsize=10.5, color=MUTED, va="center", ha="right")
    spec_stages = data.cost.spec.stages
    for k, (stage, cost) in enumerate(zip(spec_stages, stages, strict=True)):
        y = n - 1 - k + 0.5
        parts = []
        blocks = 0
        for layer in stage.layers:
            if isinstance(layer, ResidualBlocks):
                blocks = layer.blocks
                parts.append(f"1×1, {layer.width} → 3×3, {layer.width} → 1×1, {layer.out}")
            elif isinstance(layer, Conv):
                parts.append(f"{layer.kernel}×{layer.kernel}, {layer.out}, stride {layer.stride}")
            elif isinstance(layer, Pool):
                k = layer.kernel
                parts.append(f"{k}×{k} {layer.kind} pool, stride {layer.stride}")
            elif isinstance(layer, Linear):
                parts.append(f"{layer.out}-d fc")
            else:
                parts.append("average pool")
        ax.add_patch(
            Rectangle(
                (0, y - 0.42), 10, 0.84, facecolor="#F4F4F4" if k % 2 else "white", edgecolor="none"
            )
        )
        ax.text(
            0.05, y, stage.name, va="center", fontsize=12, weight="bold", gid=f"stage:{stage.name}"
        )
        ax.text(
            1.75,
            y + (0.1 if blocks else 0),
            "\n".join(parts),
            va="center",
            fontsize=10,
            linespacing=1.3,
            gid=f"layers:{stage.name}",
        )
        for b in range(blocks):  # one square per block: depth at a glance
            ax.add_patch(
                Rectangle(
                    (1.75 + b * 0.24, y - 0.36),
                    0.18,
                    0.14,
                    facecolor=OKABE_ITO["orange"],
                    edgecolor="none",
                )
            )
        if blocks:
            ax.text(
                1.75 + blocks * 0.24 + 0.05,
                y - 0.29,
                f"× {blocks} blocks",
                va="center",
                fontsize=9.5,
                color=MUTED,
                gid=f"blocks:{stage.name}",
            )
        c, h, w = cost.output_shape
        shape = f"{h}×{w}×{c}" if (h, w) != (1, 1) else f"{c}"
        ax.text(7.55, y, shape, va="center", ha="center", fontsize=10.5, gid=f"shape:{stage.name}")
        macs = f"{cost.macs / 1e9:.2f} G" if cost.macs >= 1e8 else f"{cost.macs / 1e6:.1f} M"
        ax.text(9.95, y, macs, va="center", ha="right", fontsize=11, color=INK)
