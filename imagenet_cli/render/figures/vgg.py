"""``vgg``: VGG-11 to VGG-19 side by side, as the paper's Table 1 lays them out."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from imagenet_cli.render.figures._style import (
    INK,
    LIGHT,
    MUTED,
    OKABE_ITO,
    bare,
    footer,
    new_figure,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from imagenet_cli.facts.architectures import Variant
    from imagenet_cli.facts.layers import NetworkCost

VARIANTS = ("vgg11", "vgg13", "vgg16", "vgg19")

#: Fill per channel count: wider layers darker.
WIDTH_COLOURS = {
    64: OKABE_ITO["sky"],
    128: OKABE_ITO["green"],
    256: OKABE_ITO["orange"],
    512: OKABE_ITO["vermillion"],
}


class VggColumn(NamedTuple):
    """One variant: its record, cost, configuration letter and layers per stage."""

    variant: Variant
    cost: NetworkCost
    config: str | None
    blocks: tuple[tuple[str, ...], ...]  # conv labels per convolutional stage
    head: tuple[str, ...]  # fully-connected labels


def collect() -> tuple[VggColumn, ...]:
    """The four VGG depths from their layer specs (costs from our calculator)."""
    from imagenet_cli.facts.architectures import get_architecture
    from imagenet_cli.facts.layers import Conv, Linear, get_spec, spec_costs

    columns = []
    for vid in VARIANTS:
        _, variant = get_architecture(vid)
        assert variant is not None
        spec = get_spec(vid)
        blocks = []
        head = []
        for stage in spec.stages:
            convs = [f"conv{c.kernel}-{c.out}" for c in stage.layers if isinstance(c, Conv)]
            if convs:
                blocks.append(tuple(convs))
            head += [f"FC-{f.out}" for f in stage.layers if isinstance(f, Linear)]
        found = re.search(r'cfgs\["(\w)"\]', spec.source)
        columns.append(
            VggColumn(
                variant,
                spec_costs(spec),
                found.group(1) if found else None,
                tuple(blocks),
                tuple(head),
            )
        )
    return tuple(columns)


def draw(columns: tuple[VggColumn, ...]) -> Figure:
    """Columns of layer boxes aligned by stage, a max-pool bar after each stage."""
    from matplotlib.patches import Rectangle

    fig = new_figure(
        "VGG (2014): depth from stacks of 3×3 convolutions",
        "Configurations A, B, D and E of Simonyan & Zisserman, Table 1: each stage stacks "
        "more 3×3 convolutions; colour: channels.",
    )
    ax = bare(fig.add_axes((0.02, 0.135, 0.96, 0.735)))
    stages = max(len(c.blocks) for c in columns)
    slots = [max(len(c.blocks[s]) for c in columns if s < len(c.blocks)) for s in range(stages)]
    heads = max(len(c.head) for c in columns)
    row, gap = 1.0, 0.55
    total = sum(slots) * row + stages * gap + heads * row + 4.6
    ax.set_ylim(-total, 0.2)
    ax.set_xlim(-0.05, len(columns) + 1.25)
    box_w = 0.78
    for x, column in enumerate(columns):
        centre = x + 0.5
        depth = sum(len(b) for b in column.blocks) + len(column.head)
        name = column.variant.name + (f" ({column.config})" if column.config else "")
        ax.text(
            centre,
            0,
            name,
            ha="center",
            va="top",
            fontsize=14,
            weight="bold",
            gid=f"name:{column.variant.id}",
        )
        ax.text(
            centre,
            -1.05,
            f"{depth} weight layers",
            ha="center",
            va="top",
            fontsize=10.5,
            color=MUTED,
            gid=f"depth:{column.variant.id}",
        )
        y = -2.3
        index = 0
        for s, slot in enumerate(slots):
            block = column.blocks[s] if s < len(column.blocks) else ()
            for k in range(slot):
                top = y - k * row
                if k < len(block):
                    label = block[k]
                    channels = int(label.split("-")[1])
                    ax.add_patch(
                        Rectangle(
                            (centre - box_w / 2, top - row * 0.86),
                            box_w,
                            row * 0.86,
                            facecolor=WIDTH_COLOURS.get(channels, LIGHT),
                            edgecolor="none",
                        )
                    )
                    ax.text(
                        centre,
                        top - row * 0.43,
                        label,
                        ha="center",
                        va="center",
                        fontsize=9.5,
                        color=INK,
                        gid=f"layer:{column.variant.id}:{index}",
                    )
                    index += 1
            y -= slot * row
            ax.add_patch(
                Rectangle(
                    (centre - box_w / 2, y - gap * 0.7),
                    box_w,
                    gap * 0.5,
                    facecolor="#BBBBBB",
                    edgecolor="none",
                )
            )
            ax.text(
                centre,
                y - gap * 0.45,
                "maxpool",
                ha="center",
                va="center",
                fontsize=7,
                color=INK,
                gid=f"pool:{column.variant.id}:{s}",
            )
            y -= gap
        for label in column.head:
            ax.add_patch(
                Rectangle(
                    (centre - box_w / 2, y - row * 0.86),
                    box_w,
                    row * 0.86,
                    facecolor=OKABE_ITO["yellow"],
                    edgecolor="none",
                )
            )
            ax.text(
                centre,
                y - row * 0.43,
                label,
                ha="center",
                va="center",
                fontsize=9.5,
                gid=f"layer:{column.variant.id}:{index}",
            )
            index += 1
            y -= row
        params = column.cost.params / 1e6
        macs = column.cost.macs / 1e9
        head = column.variant.headline
        lines = [f"{params:.1f} M params · {macs:.1f} G MACs"]
        if head is not None:
            lines.append(f"top-1 {head.top1:.1f}% (torchvision)")
        ax.text(
            centre,
            y - 0.3,
            "\n".join(lines),
            ha="center",
            va="top",
            fontsize=9.5,
            linespacing=1.25,
            gid=f"cost:{column.variant.id}",
        )
    # legend of channel colours
    lx = len(columns) + 0.2
    ax.text(lx, -2.3, "channels", fontsize=11, weight="bold", va="top")
    for k, (channels, colour) in enumerate(WIDTH_COLOURS.items()):
        ty = -3.5 - k * 1.2
        ax.add_patch(Rectangle((lx, ty - 0.45), 0.22, 0.8, facecolor=colour, edgecolor="none"))
        ax.text(lx + 0.3, ty - 0.05, str(channels), va="center", fontsize=11)
    fc = OKABE_ITO["yellow"]
    ax.add_patch(Rectangle((lx, -8.75), 0.22, 0.8, facecolor=fc, edgecolor="none"))
    ax.text(lx + 0.3, -8.35, "fully connected", va="center", fontsize=11)
    note = "conv3-64: a 3×3\nconvolution with\n64 output channels\n(the paper's notation)"
    ax.text(lx, -10.0, note, va="top", fontsize=9.5, color=MUTED, linespacing=1.25)
    footer(
        fig,
        "Simonyan & Zisserman (arXiv 1409.1556), Table 1 (configurations A, B, D, E); "
        "layers read into data/architectures/layers/vgg.json from torchvision 0.29.1's "
        "torchvision/models/vgg.py (cfgs); params and multiply-accumulates (MACs, 224×224 "
        "input) from imagenet_cli's layer calculator; top-1 from torchvision's weights "
        "metadata (IMAGENET1K_V1).",
        "imagenet figures --only vgg",
    )
    return fig
