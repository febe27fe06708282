"""``mobilenet``: a standard convolution beside a depthwise separable one, and what each
costs, computed by our layer calculator for a layer of MobileNet v1."""

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

    from imagenet_cli.facts.layers import NetworkCost, TracedLayer

VARIANT = "mobilenet_v1"


class MobileNetData(NamedTuple):
    """One depthwise separable layer of MobileNet v1, and a standard 3x3 convolution with
    the same input, output and stride, each costed by the layer calculator."""

    network: NetworkCost
    stage: str
    repeats: int  # how many layers of the network have this shape
    depthwise: TracedLayer
    pointwise: TracedLayer
    standard: TracedLayer

    @property
    def separable_macs(self) -> int:
        """Depthwise plus pointwise multiply-accumulates."""
        return self.depthwise.macs + self.pointwise.macs

    @property
    def ratio(self) -> float:
        """How many times fewer MACs the separable pair needs."""
        return self.standard.macs / self.separable_macs


def collect() -> MobileNetData:
    """The costliest depthwise separable layer of MobileNet v1 (at 224x224)."""
    from imagenet_cli.facts.layers import (
        Conv,
        DepthwiseSeparable,
        get_spec,
        layer_cost,
        layer_trace,
        spec_costs,
    )

    spec = get_spec(VARIANT)
    pairs = [c for c in layer_trace(spec) if isinstance(c.layer, DepthwiseSeparable)]

    def alike(cost: TracedLayer) -> list[TracedLayer]:
        return [c for c in pairs if (c.layer, c.input_shape) == (cost.layer, cost.input_shape)]

    # the layer the network repeats most (MobileNet v1: five 14x14x512 ones), else costliest
    chosen = max(pairs, key=lambda c: (len(alike(c)), c.macs))
    same = alike(chosen)
    layer = chosen.layer
    assert isinstance(layer, DepthwiseSeparable)
    channels = chosen.input_shape[0]
    where = f"{spec.name} (stage {chosen.stage})"
    depthwise = layer_cost(
        Conv(channels, 3, layer.stride, 1, groups=channels, bias=False, bn=True),
        chosen.input_shape,
        where,
    )
    pointwise = layer_cost(Conv(layer.out, 1, bias=False, bn=True), depthwise.output_shape, where)
    standard = layer_cost(
        Conv(layer.out, 3, layer.stride, 1, bias=False, bn=True), chosen.input_shape, where
    )
    assert depthwise.macs + pointwise.macs == chosen.macs
    return MobileNetData(spec_costs(spec), chosen.stage, len(same), depthwise, pointwise, standard)


def _cuboid(
    ax: Axes,
    x: float,
    y: float,
    w: float,
    h: float,
    d: float,
    colour: str,
    label: str | None = None,
    gid: str | None = None,
) -> None:
    """A box seen from the front right: front face w x h at (x, y), depth d up-right."""
    from matplotlib.patches import Polygon

    dx, dy = d * 0.6, d * 0.45
    faces = [
        [(x, y), (x + w, y), (x + w, y + h), (x, y + h)],
        [(x, y + h), (x + w, y + h), (x + w + dx, y + h + dy), (x + dx, y + h + dy)],
        [(x + w, y), (x + w + dx, y + dy), (x + w + dx, y + h + dy), (x + w, y + h)],
    ]
    for k, face in enumerate(faces):
        ax.add_patch(
            Polygon(
                face,
                closed=True,
                facecolor=colour,
                edgecolor=INK,
                linewidth=1.0,
                alpha=(1.0, 0.75, 0.55)[k],
            )
        )
    if label:
        ax.text(
            x + (w + dx) / 2,
            y - 0.25,
            label,
            ha="center",
            va="top",
            fontsize=10.5,
            gid=gid,
            linespacing=1.2,
        )


def _arrow(ax: Axes, x0: float, x1: float, y: float, text: str, gid: str) -> None:
    ax.annotate(
        "",
        xy=(x1, y),
        xytext=(x0, y),
        arrowprops={
            "arrowstyle": "-|>",
            "color": INK,
            "linewidth": 1.4,
            "mutation_scale": 14,
            "shrinkA": 0,
            "shrinkB": 0,
        },
    )
    ax.text(
        (x0 + x1) / 2,
        y + 0.25,
        text,
        ha="center",
        va="bottom",
        fontsize=10.5,
        linespacing=1.2,
        gid=gid,
    )


def _m(value: int) -> str:
    return f"{value / 1e6:.1f} M" if value >= 1e6 else f"{value / 1e3:.0f} K"


def draw(data: MobileNetData) -> Figure:
    """Left: both layer types as feature-map boxes and kernels; right: MACs and params."""
    m, h, w = data.standard.input_shape
    n = data.standard.output_shape[0]
    kernel = data.standard.layer.kernel  # type: ignore[union-attr]
    k = kernel if isinstance(kernel, int) else kernel[0]  # a square kernel here
    fig = new_figure(
        "MobileNet (2017): depthwise separable convolutions",
        f"The same layer both ways: {h}×{w}×{m} in, {n} out, as MobileNet v1 has "
        f"{data.repeats} times (stage {data.stage}).",
    )
    ax = bare(fig.add_axes((0.02, 0.12, 0.62, 0.74)))
    ax.set_xlim(0, 17)
    ax.set_ylim(0, 10.4)
    ax.set_aspect("equal")
    fm = f"{h}×{w}×{m}"
    out = f"{h}×{w}×{n}"
    # standard convolution
    ax.text(
        0.1,
        10.2,
        "Standard convolution",
        fontsize=14,
        weight="bold",
        va="top",
        gid="standard:title",
    )
    _cuboid(ax, 0.4, 6.3, 1.6, 1.6, 2.4, OKABE_ITO["sky"], fm, "standard:in")
    _arrow(ax, 3.8, 10.7, 7.1, f"{n} filters of {k}×{k}×{m}", "standard:kernels")
    _cuboid(ax, 11.2, 6.3, 1.6, 1.6, 2.4, OKABE_ITO["orange"], out, "standard:out")
    # depthwise separable
    ax.text(
        0.1, 4.8, "Depthwise separable", fontsize=14, weight="bold", va="top", gid="separable:title"
    )
    _cuboid(ax, 0.4, 0.9, 1.6, 1.6, 2.4, OKABE_ITO["sky"], fm, "separable:in")
    _arrow(ax, 3.8, 6.2, 1.7, f"depthwise:\n{m} filters\nof {k}×{k}×1", "separable:depthwise")
    _cuboid(ax, 6.5, 0.9, 1.6, 1.6, 2.4, OKABE_ITO["green"], fm, "separable:mid")
    _arrow(ax, 9.9, 12.3, 1.7, f"pointwise:\n{n} filters\nof 1×1×{m}", "separable:pointwise")
    _cuboid(ax, 12.6, 0.9, 1.6, 1.6, 2.4, OKABE_ITO["orange"], out, "separable:out")
    # costs
    bars = fig.add_axes((0.7, 0.2, 0.27, 0.6))
    std, dw, pw = data.standard.macs, data.depthwise.macs, data.pointwise.macs
    bars.bar([0], [std / 1e6], color=OKABE_ITO["vermillion"], width=0.6)
    bars.bar([1], [pw / 1e6], color=OKABE_ITO["blue"], width=0.6, label=f"pointwise 1×1: {_m(pw)}")
    bars.bar(
        [1],
        [dw / 1e6],
        bottom=[pw / 1e6],
        color=OKABE_ITO["green"],
        width=0.6,
        label=f"depthwise {k}×{k}: {_m(dw)}",
    )
    bars.set_xticks([0, 1], ["standard", "depthwise\nseparable"], fontsize=11.5)
    bars.set_ylabel("multiply-accumulates (millions)")
    bars.set_title(
        f"{data.ratio:.1f}× fewer MACs",
        fontsize=15,
        color=OKABE_ITO["vermillion"],
        loc="left",
        gid="ratio",
        pad=22,
    )
    bars.text(
        0,
        std / 1e6,
        f"{_m(std)}\n{_m(data.standard.params)} params",
        ha="center",
        va="bottom",
        fontsize=10.5,
        gid="standard:cost",
    )
    sep_params = data.depthwise.params + data.pointwise.params
    bars.text(
        1,
        (dw + pw) / 1e6,
        f"{_m(dw + pw)}\n{_m(sep_params)} params",
        ha="center",
        va="bottom",
        fontsize=10.5,
        gid="separable:cost",
    )
    bars.set_ylim(0, std / 1e6 * 1.25)
    bars.legend(loc="upper right", fontsize=10.5)
    ratio_formula = 1 / n + 1 / (k * k)
    bars.text(
        0.0,
        1.02,
        f"the paper's ratio: 1/N + 1/D_K² = 1/{n} + 1/{k * k} = {ratio_formula:.3f}",
        transform=bars.transAxes,
        fontsize=9.5,
        color=MUTED,
        va="bottom",
        gid="formula",
    )
    footer(
        fig,
        "Howard et al. (arXiv 1704.04861), Section 3.1 (the cost of each convolution and the "
        "ratio) and Table 1 (MobileNet v1's layers), read into "
        "data/architectures/layers/mobilenet.json; multiply-accumulates (MACs, biases and "
        "BatchNorm not counted) and params (BatchNorm's 2 per channel included) from "
        "imagenet_cli's layer calculator, at 224×224 input "
        f"(the whole network: {data.network.macs / 1e6:.0f} M MACs, "
        f"{data.network.params / 1e6:.1f} M params).",
        "imagenet figures --only mobilenet",
    )
    return fig
