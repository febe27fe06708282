"""``categories``: ImageNet's top-level WordNet categories with their 21k and 1k counts."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from imagenet_cli.render.figures._style import INK, MUTED, OKABE_ITO, footer, new_figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from imagenet_cli.facts.about import Category

SOURCE = (
    "the bundled index (WordNet 3.0 noun hierarchy via NLTK; the Fall 2011 list of 21,841 "
    "synsets, timm's imagenet22k_synsets.txt; the 1,000 ILSVRC-2012 classes, timm's "
    "imagenet_synsets.txt), counted as imagenet about and imagenet classes --under do. "
    "Each count includes the synset itself and everything below it (hyponyms and instances)."
)


class CategoryRow(NamedTuple):
    """A category, how deep it sits among the shown ones, and its counts."""

    category: Category
    level: int  # 0: not under another shown category


class CategoryData(NamedTuple):
    """Everything the figure shows: rows in display order and the two totals."""

    rows: tuple[CategoryRow, ...]
    total_21k: int
    total_1k: int


def collect() -> CategoryData:
    """The categories of :func:`imagenet_cli.facts.about.categories`, nested as WordNet
    nests them, with the sizes of the Fall 2011 list and of ILSVRC-2012."""
    from imagenet_cli.facts.about import categories

    return category_data(categories())


def category_data(found: tuple[Category, ...]) -> CategoryData:
    """Nest ``found`` (each under its nearest shown hypernym) and add the totals."""
    from imagenet_cli.index.hierarchy import descendants
    from imagenet_cli.index.identifiers import resolve
    from imagenet_cli.index.synsets import class_offsets, subset_members

    offsets = {c.name: resolve(c.name).offset for c in found}
    below = {c.name: descendants(offsets[c.name]) for c in found}
    levels = {}
    for c in found:
        above = [o.name for o in found if o.name != c.name and offsets[c.name] in below[o.name]]
        levels[c.name] = len(above)
    rows = tuple(CategoryRow(c, levels[c.name]) for c in found)
    return CategoryData(rows, len(subset_members("in21k-fall2011")), len(class_offsets()))


def label(name: str) -> str:
    """``natural_object.n.01`` -> ``natural object``."""
    return name.split(".")[0].replace("_", " ")


def draw(data: CategoryData, command: str = "imagenet figures --only categories") -> Figure:
    """Paired horizontal bars: 21k synsets (left) and 1k classes (right) per category."""
    from matplotlib.transforms import blended_transform_factory

    fig = new_figure(
        "ImageNet's categories: WordNet 3.0 noun synsets",
        "Synsets under each category (indented: inside the one above). "
        "Categories overlap, so the counts do not add up.",
    )
    rows = data.rows
    n = len(rows)
    grid = fig.add_gridspec(
        1, 2, left=0.235, right=0.975, top=0.79, bottom=0.13, wspace=0.12, width_ratios=(1.15, 1)
    )
    ys = list(range(n))[::-1]
    panels = (
        ("ImageNet-21k, Fall 2011", "synsets", "in21k", data.total_21k, OKABE_ITO["blue"]),
        ("ILSVRC-2012", "classes", "ilsvrc2012", data.total_1k, OKABE_ITO["orange"]),
    )
    for column, (heading, unit, field, total, colour) in enumerate(panels):
        ax = fig.add_subplot(grid[0, column])
        values = [getattr(r.category, field) for r in rows]
        ax.barh(ys, values, height=0.72, color=colour)
        top = max(values)
        ax.set_xlim(0, top * 1.45)
        ax.set_ylim(-0.6, n - 0.4)
        ax.set_title(f"{heading}: {total:,} {unit}", fontsize=14, pad=8, loc="left")
        ax.set_xticks([])
        ax.set_yticks([])
        for side in ("left", "bottom"):
            ax.spines[side].set_visible(False)
        for y, value, row in zip(ys, values, rows, strict=True):
            ax.text(
                value + top * 0.02,
                y,
                f"{value:,}",
                va="center",
                fontsize=11.5,
                color=INK,
                gid=f"{field}:{row.category.name}",
            )
            ax.text(
                value + top * 0.2,
                y,
                f"{100 * value / total:.1f}%",
                va="center",
                fontsize=9.5,
                color=MUTED,
            )
        if column == 0:
            where = blended_transform_factory(fig.transFigure, ax.transData)
            for y, row in zip(ys, rows, strict=True):
                ax.text(
                    0.03 + 0.018 * row.level,
                    y,
                    label(row.category.name),
                    transform=where,
                    va="center",
                    fontsize=12.5,
                    weight="bold" if row.level == 0 else "normal",
                    gid=f"label:{row.category.name}",
                )
    footer(fig, SOURCE, command)
    return fig
