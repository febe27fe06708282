"""Figures for the terminal views: ``--plot FILE`` on timeline, about, arch --layers and
arch compare. Each takes the results the command already holds."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from imagenet_cli.render.figures._style import INK, MUTED, OKABE_ITO, footer, new_figure, style

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from imagenet_cli.facts.about import Category
    from imagenet_cli.facts.architectures import Architecture, Variant
    from imagenet_cli.facts.layers import NetworkCost
    from imagenet_cli.facts.timeline import Entry


def timeline_figure(entries: tuple[Entry, ...], task: str) -> Figure:
    """``imagenet timeline --plot``: the ``ilsvrc-timeline`` figure for these entries.

    Raises:
        ImagenetError: no first-placed result with a figure among them.
    """
    from imagenet_cli.render.figures import ilsvrc_timeline

    with style():
        data = ilsvrc_timeline.timeline_data(entries, task)
        return ilsvrc_timeline.draw(data, f"imagenet timeline --task {task} --plot FILE")


def categories_figure(found: tuple[Category, ...]) -> Figure:
    """``imagenet about --plot``: the ``categories`` figure."""
    from imagenet_cli.render.figures import categories

    with style():
        return categories.draw(categories.category_data(found), "imagenet about --plot FILE")


def _short(value: float) -> str:
    for size, unit in ((1e9, "G"), (1e6, "M"), (1e3, "K")):
        if value >= size:
            return f"{value / size:.1f} {unit}"
    return f"{value:g}"


def layers_figure(variant: Variant, cost: NetworkCost) -> Figure:
    """``imagenet arch NAME --layers --plot``: MACs and params per stage, with each stage's
    layers and output shape (from the layer calculator)."""
    with style():
        _, h, w = cost.input_shape
        fig = new_figure(
            f"{variant.name}: where the compute and the parameters are",
            f"Per stage, for one {h}×{w} image: {cost.params:,} params, "
            f"{_short(cost.macs)} multiply-accumulates (MACs) in all.",
        )
        stages = cost.stages
        n = len(stages)
        ys = list(range(n))[::-1]
        grid = fig.add_gridspec(1, 2, left=0.33, right=0.97, top=0.8, bottom=0.12, wspace=0.3)
        for column, (field, heading, colour) in enumerate(
            (
                ("macs", "multiply-accumulates", OKABE_ITO["blue"]),
                ("params", "parameters", OKABE_ITO["orange"]),
            )
        ):
            ax = fig.add_subplot(grid[0, column])
            values = [getattr(s, field) for s in stages]
            ax.barh(ys, values, color=colour, height=0.7)
            top = max(values) or 1
            ax.set_xlim(0, top * 1.3)
            ax.set_ylim(-0.6, n - 0.4)
            ax.set_title(heading, fontsize=13)
            ax.set_yticks([])
            ax.set_xticks([])
            for side in ("left", "bottom"):
                ax.spines[side].set_visible(False)
            total = sum(values) or 1
            for y, value in zip(ys, values, strict=True):
                ax.text(
                    value + top * 0.02,
                    y,
                    f"{_short(value)} ({100 * value / total:.0f}%)",
                    va="center",
                    fontsize=10,
                )
            if column == 0:
                size = 11 if n <= 12 else 9
                for y, stage in zip(ys, stages, strict=True):
                    ch, sh, sw = stage.output_shape
                    shape = f"{sh}×{sw}×{ch}" if (sh, sw) != (1, 1) else f"{ch}"
                    ax.text(
                        -0.02,
                        y,
                        f"{stage.name}  →  {shape}",
                        ha="right",
                        va="bottom",
                        transform=ax.get_yaxis_transform(),
                        fontsize=size,
                        weight="bold",
                        gid=f"stage:{stage.name}",
                    )
                    label = stage.description
                    if len(label) > 60:
                        label = label[:59] + "…"
                    ax.text(
                        -0.02,
                        y,
                        label,
                        ha="right",
                        va="top",
                        fontsize=size - 2,
                        color=MUTED,
                        transform=ax.get_yaxis_transform(),
                    )
        footer(
            fig,
            f"{cost.spec.source}; computed by imagenet_cli's layer calculator (MACs: "
            "convolutions and linear layers only; params as torchvision's num_params).",
            f"imagenet arch {variant.id} --layers --plot FILE",
        )
    return fig


def compare_figure(
    picked: list[tuple[Architecture, Variant]], costs: dict[str, NetworkCost]
) -> Figure:
    """``imagenet arch compare ... --plot``: params, cost and top-1 of each variant side by
    side, each bar marked by where its figure comes from (as the ``impact`` figure)."""
    from imagenet_cli.render.figures.impact import _accuracy, _cost, _params

    with style():
        names = [v.name for _, v in picked]
        fig = new_figure(
            "Side by side: " + ", ".join(names),
            "Hatched: a cost the paper prints in its own unit (not said to be "
            "multiply-accumulates); hollow: top-1 as the paper reports it.",
        )
        grid = fig.add_gridspec(1, 3, left=0.17, right=0.97, top=0.8, bottom=0.14, wspace=0.35)
        ys = list(range(len(picked)))[::-1]
        rows = []
        for _, variant in picked:
            computed = costs.get(variant.id)
            rows.append((_params(variant, computed), _cost(variant, computed), _accuracy(variant)))
        panels = ("parameters", "cost per image", "top-1 accuracy (%)")
        for column, heading in enumerate(panels):
            ax = fig.add_subplot(grid[0, column])
            ax.set_title(heading, fontsize=13)
            ax.set_yticks(ys, names if column == 0 else [""] * len(names), fontsize=11)
            ax.tick_params(axis="x", labelsize=9, colors=MUTED)
            top = 0.0
            for y, (params, cost, acc) in zip(ys, rows, strict=True):
                kw: dict[str, Any]
                if column == 0:
                    value, text, kw = params, None, {"color": OKABE_ITO["orange"]}
                elif column == 1:
                    value = cost[0] if cost else None
                    text = (
                        None
                        if cost is None
                        else (_short(cost[0]) + (" MACs" if cost[1] else " (as printed)"))
                    )
                    kw = (
                        {"color": OKABE_ITO["blue"]}
                        if cost and cost[1]
                        else {"facecolor": "white", "edgecolor": OKABE_ITO["blue"], "hatch": "//"}
                    )
                else:
                    value = acc[0] if acc else None
                    text = None if acc is None else f"{acc[0]:.1f} ({acc[1]})"
                    kw = (
                        {"color": OKABE_ITO["green"]}
                        if acc and acc[1] == "torchvision"
                        else {"facecolor": "white", "edgecolor": OKABE_ITO["green"], "linewidth": 2}
                    )
                if value is None:
                    ax.text(0, y, "  not recorded", va="center", fontsize=10, color=MUTED)
                    continue
                ax.barh([y], [value], height=0.6, **kw)
                top = max(top, value)
                ax.text(
                    value, y, "  " + (text or _short(value)), va="center", fontsize=10, color=INK
                )
            if column == 2:
                ax.set_xlim(0, 125)
                ax.set_xticks([0, 25, 50, 75, 100])
            else:
                ax.set_xlim(0, (top or 1) * 1.6)
                ax.xaxis.set_major_formatter(lambda v, _p: _short(v) if v else "0")
        footer(
            fig,
            "data/architectures/*.json, data/torchvision_weights.json (torchvision 0.29.1's "
            "IMAGENET1K_V1 weights: acc@1, num_params, _ops, which counts multiply-accumulates) "
            "and imagenet_cli's layer calculator; top-1 from the paper where torchvision lacks "
            "the model. Every figure's source: imagenet arch compare ... --json.",
            "imagenet arch compare ... --plot FILE",
        )
    return fig
