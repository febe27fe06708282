"""``impact``: ImageNet top-1 accuracy against multiply-accumulates, for every architecture
we know with both figures (bubble area: parameters; colour: year)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from imagenet_cli.render.figures._style import INK, MUTED, OKABE_ITO, footer, new_figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from imagenet_cli.facts.architectures import Architecture, Variant
    from imagenet_cli.facts.layers import NetworkCost

#: Two-year eras, each its own Okabe-Ito colour (eleven years are too many colours to tell
#: apart; a continuous map made neighbouring years look alike).
ERA_COLOURS = (
    OKABE_ITO["black"], OKABE_ITO["blue"], OKABE_ITO["sky"], OKABE_ITO["green"],
    OKABE_ITO["orange"], OKABE_ITO["vermillion"], OKABE_ITO["purple"],
)  # fmt: skip


def _era(year: int, first: int) -> tuple[int, int]:
    start = first + 2 * ((year - first) // 2)
    return start, start + 1


#: Paper results we do not plot: other test sets, outside pre-training, ensembles.
_NOT_COMPARABLE = ("2010", "JFT", "21k", "ensemble", "pre-trained on ImageNet", "320x320")


class Point(NamedTuple):
    """One architecture: top-1 accuracy (%), cost, params and where each comes from."""

    family: str
    name: str
    year: int
    top1: float
    top1_source: str  # "torchvision" or "paper"
    top1_detail: str
    cost: float  # multiply-accumulates, or the printed figure when cost_is_macs is False
    cost_is_macs: bool
    cost_detail: str
    params: float | None
    input_size: int | None


def _accuracy(variant: Variant) -> tuple[float, str, str, int | None] | None:
    original = [w for w in variant.weights if w.name.endswith("IMAGENET1K_V1")]
    if original:  # the first recipe, trained on ImageNet-1k only (not V2 recipes, not SWAG)
        w = original[0]
        return w.top1, "torchvision", w.source, w.crop_size
    for r in variant.paper_results:
        if r.top1_error is not None and not any(s in r.protocol for s in _NOT_COMPARABLE):
            return 100 - r.top1_error, "paper", f"{r.source}: {r.protocol}", variant.input_size
    return None


def _cost(variant: Variant, computed: NetworkCost | None) -> tuple[float, bool, str] | None:
    original = [w for w in variant.weights if w.name.endswith("IMAGENET1K_V1")]
    if original and original[0].gflops is not None:
        return original[0].gflops * 1e9, True, "torchvision _ops (multiply-accumulates)"
    if computed is not None:
        return float(computed.macs), True, "imagenet_cli's layer calculator"
    if variant.macs is not None:
        return variant.macs, True, variant.macs_source or "paper"
    if variant.cost_printed is not None:
        c = variant.cost_printed
        return c.value, False, f"{c.source} ({c.unit or 'as printed'})"
    return None


def _params(variant: Variant, computed: NetworkCost | None) -> float | None:
    if variant.params is not None:
        return float(variant.params)
    if computed is not None:
        return float(computed.params)
    return variant.paper_params.value if variant.paper_params else None


def collect() -> tuple[Point, ...]:
    """Every variant with an ImageNet-1k top-1 and a cost (see the module docstring)."""
    from imagenet_cli.facts.architectures import computed_costs, list_architectures

    families = list_architectures()
    costs = computed_costs((f.id, v) for f in families for v in f.variants)
    return points(families, costs)


def points(families: tuple[Architecture, ...], costs: dict[str, NetworkCost]) -> tuple[Point, ...]:
    """The plotted points of ``families`` (``costs``: computed costs by variant id)."""
    found = []
    for family in families:
        for variant in family.variants:
            acc = _accuracy(variant)
            cost = _cost(variant, costs.get(variant.id))
            if acc is None or cost is None:
                continue
            year = variant.paper.year if variant.paper else family.year
            found.append(
                Point(
                    family.name,
                    variant.name,
                    year,
                    acc[0],
                    acc[1],
                    acc[2],
                    cost[0],
                    cost[1],
                    cost[2],
                    _params(variant, costs.get(variant.id)),
                    acc[3],
                )
            )
    return tuple(found)


def _short(name: str) -> str:
    return name.replace("SE-ResNeXt-", "SE-RX-").replace("EfficientNet-", "Eff-")


def draw(points: tuple[Point, ...]) -> Figure:
    """A scatter on a log cost axis: bubble area by params, colour by year, filled for
    torchvision's accuracy and hollow for the paper's, squares where the cost is not
    stated to be multiply-accumulates."""
    from matplotlib.lines import Line2D

    first, last = min(p.year for p in points), max(p.year for p in points)
    fig = new_figure(
        f"ImageNet top-1 accuracy against compute, {first}-{last}",
        "Each bubble is one architecture; its area is the parameter count. Single model, "
        "single crop, ImageNet-1k training only.",
    )
    ax = fig.add_axes((0.065, 0.21, 0.91, 0.65))
    ax.set_xscale("log")
    years = sorted({p.year for p in points})
    eras = sorted({_era(y, first) for y in years})
    era_colour = {era: ERA_COLOURS[k % len(ERA_COLOURS)] for k, era in enumerate(eras)}
    colour = {y: era_colour[_era(y, first)] for y in years}
    biggest = max((p.params for p in points if p.params), default=1.0)
    by_family: dict[str, list[Point]] = {}
    for p in points:
        by_family.setdefault(p.family, []).append(p)
    for family_points in by_family.values():
        line = sorted(family_points, key=lambda p: p.cost)
        ax.plot(
            [p.cost for p in line], [p.top1 for p in line], color="#BBBBBB", linewidth=0.9, zorder=1
        )
    for p in sorted(points, key=lambda p: -(p.params or 0)):
        size = _size(p, biggest)
        filled = p.top1_source == "torchvision"
        ax.scatter(
            [p.cost],
            [p.top1],
            s=size,
            marker="o" if p.cost_is_macs else "s",
            facecolor=colour[p.year] if filled else "white",
            edgecolor=INK if filled else colour[p.year],
            linewidth=0.8 if filled else 2.0,
            alpha=0.85 if filled else 1.0,
            zorder=3,
            linestyle="-" if p.params else ":",
        )
    ax.set_xlabel("multiply-accumulates per image (log scale)")
    ax.set_ylabel("ImageNet top-1 accuracy (%)")
    ax.grid(color="#E4E4E4", linewidth=0.8, which="major")
    ax.set_axisbelow(True)
    ax.xaxis.set_major_formatter(_macs_label)
    low = min(p.top1 for p in points)
    high = max(p.top1 for p in points)
    ax.set_ylim(low - 2, high + 5)  # room above the top bubbles for their labels
    ax.set_xlim(min(p.cost for p in points) / 1.6, max(p.cost for p in points) * 2.2)
    _label(ax, points, {p.name: _size(p, biggest) for p in points})
    year_handles = [
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markersize=10,
            markerfacecolor=era_colour[era],
            markeredgecolor=INK,
            label=f"{era[0]}-{min(era[1], last)}" if min(era[1], last) > era[0] else str(era[0]),
        )
        for era in eras
    ]
    legend = ax.legend(
        handles=year_handles,
        title="year of the paper",
        loc="upper left",
        ncols=3,
        fontsize=10.5,
        title_fontsize=11,
        alignment="left",
    )
    ax.add_artist(legend)
    kinds = [
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markersize=10,
            markerfacecolor=MUTED,
            markeredgecolor=INK,
            label="top-1 reproduced by\ntorchvision (V1 weights)",
        ),
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markersize=10,
            markerfacecolor="white",
            markeredgecolor=MUTED,
            markeredgewidth=2,
            label="top-1 as the paper\nreports it",
        ),
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markersize=10,
            markerfacecolor="white",
            markeredgecolor=INK,
            label="cost in multiply-\naccumulates (MACs)",
        ),
        Line2D(
            [],
            [],
            marker="s",
            linestyle="",
            markersize=10,
            markerfacecolor="white",
            markeredgecolor=INK,
            label="cost as printed (GFLOPs),\nnot said to be MACs",
        ),
    ]
    shown = {("torchvision", True)} | {(p.top1_source, p.cost_is_macs) for p in points}
    if not any(not p.cost_is_macs for p in points):
        kinds = kinds[:3]
    if not any(p.top1_source == "paper" for p in points):
        kinds = [kinds[0], *kinds[2:]]
    del shown
    ax.legend(handles=kinds, loc="lower right", fontsize=10, ncols=2, labelspacing=0.9)
    footer(
        fig,
        "data/architectures/*.json and data/torchvision_weights.json. Accuracy: torchvision "
        "0.29.1's IMAGENET1K_V1 weights metadata (acc@1, single crop at the weights' size) "
        "where torchvision has the model, else the paper's single-model single-crop top-1 on "
        "ImageNet val. Cost: torchvision's _ops, which counts multiply-accumulates (see "
        "imagenet_cli/facts/layers.py), else imagenet_cli's layer calculator, else the "
        "paper's multiply-adds; squares: the paper's own unit. Params: torchvision's "
        "num_params, the calculator, or the paper (dotted edge: not printed).",
        "imagenet figures --only impact",
    )
    return fig


def _size(point: Point, biggest: float) -> float:
    """Marker area in points squared: proportional to params (70 when not printed)."""
    return 30 + 900 * (point.params / biggest) if point.params else 70


def _label(ax: Any, points: tuple[Point, ...], sizes: dict[str, float]) -> None:
    """Name every point, each label at the first of eight spots around its bubble that
    overlaps no bubble and no label placed before (greedy, in a fixed order)."""
    fontsize = 7.5
    scale = ax.figure.dpi / 72
    taken: list[tuple[float, float, float, float]] = []
    for p in points:
        x, y = ax.transData.transform((p.cost, p.top1))
        r = (sizes[p.name] ** 0.5) / 2 * scale
        taken.append((x - r, y - r, x + r, y + r))
    order = sorted(points, key=lambda p: (p.cost, p.top1))
    for p in order:
        x, y = ax.transData.transform((p.cost, p.top1))
        r = (sizes[p.name] ** 0.5) / 2 * scale + 2 * scale
        text = _short(p.name)
        w = len(text) * fontsize * 0.58 * scale
        h = fontsize * 1.25 * scale
        spots = []
        for ring, extra in enumerate((0.0, 10.0, 22.0, 36.0)):
            d = r + extra * scale
            spots += [
                (ring, d * 0.7, d * 0.7),
                (ring, d, -h / 2),
                (ring, d * 0.7, -d * 0.7 - h),
                (ring, -d * 0.7 - w, d * 0.7),
                (ring, -d - w, -h / 2),
                (ring, -d * 0.7 - w, -d * 0.7 - h),
                (ring, -w / 2, d),
                (ring, -w / 2, -d - h),
            ]

        def clash(box: tuple[float, float, float, float]) -> float:
            return sum(
                max(0.0, min(box[2], o[2]) - max(box[0], o[0]))
                * max(0.0, min(box[3], o[3]) - max(box[1], o[1]))
                for o in taken
            )

        boxes = [(x + dx, y + dy, x + dx + w, y + dy + h) for _, dx, dy in spots]
        # least overlap first; among equals, the nearest ring, then the spot order
        best = min(range(len(boxes)), key=lambda k: (round(clash(boxes[k])), spots[k][0], k))
        box = boxes[best]
        taken.append(box)
        leader = {"arrowstyle": "-", "color": MUTED, "linewidth": 0.6, "shrinkA": 0,
                  "shrinkB": 2} if spots[best][0] else None  # fmt: skip
        ax.annotate(
            text, (p.cost, p.top1), xytext=((box[0] - x) / scale, (box[1] - y) / scale),
            textcoords="offset points", fontsize=fontsize, color=INK, ha="left", va="bottom",
            zorder=4, gid=f"point:{p.name}", arrowprops=leader,
        )  # fmt: skip


def _macs_label(value: float, _position: float) -> str:
    for size, unit in ((1e12, "T"), (1e9, "G"), (1e6, "M")):
        if value >= size:
            return f"{value / size:g} {unit}"
    return f"{value:g}"
