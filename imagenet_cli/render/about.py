"""The ``imagenet about`` view: releases, ILSVRC-2012 splits, categories and depths."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from imagenet_cli import Category
from imagenet_cli.render.console import KIND_MARK

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text


def _cites(sources: list[dict[str, Any]]) -> Text:
    from rich.text import Text

    return Text("; ".join(f"{s['cite']}{KIND_MARK.get(s['kind'], '')}" for s in sources))


def _bar(value: int, top: int, width: int = 24) -> Text:
    from rich.text import Text

    length = round(width * value / top) if top else 0
    bar = Text("█" * length, style="cyan")
    bar.append(f" {value:,}")
    return bar


def about_view(
    facts: dict[str, Any], categories: tuple[Category, ...], depths: dict[int, int]
) -> RenderableType:
    """Release and split tables, then the category bars and the depth histogram."""
    from rich.console import Group
    from rich.text import Text

    from imagenet_cli.render.tables import WordTable as Table

    releases = Table(title=Text("ImageNet releases"), title_justify="left")
    releases.add_column("release")
    releases.add_column("date")
    releases.add_column("synsets", justify="right")
    releases.add_column("images", justify="right")
    releases.add_column("what changed")
    releases.add_column("source")
    for r in facts["releases"]:
        images = r.get("images_printed") or ("—" if r["images"] is None else f"{r['images']:,}")
        releases.add_row(
            Text(r["name"]),
            r["date"],
            f"{r['synsets']:,}",
            images,
            Text(r.get("removed") or ""),
            _cites(r["sources"]),
        )
    releases.caption = Text("† a secondary source (see imagenet about --json for quotes)")
    releases.caption_justify = "left"

    c = facts["ilsvrc2012"]
    splits = Table(title=Text("ILSVRC-2012 classification"), title_justify="left")
    splits.add_column("split")
    splits.add_column("images", justify="right")
    splits.add_column("per class", justify="right")
    splits.add_row(
        "train", f"{c['train']:,}", f"{c['train_per_class_min']:,}-{c['train_per_class_max']:,}"
    )
    splits.add_row("validation", f"{c['validation']:,}", str(c["validation_per_class"]))
    splits.add_row("test", f"{c['test']:,}", str(c["test_per_class"]))
    splits.caption = Text(
        f"{c['classes']:,} classes (leaves: none is an ancestor of another) and "
        f"{c['high_level_synsets']} ancestor synsets up to entity. Source: the ILSVRC2012 "
        "devkit readme. Numberings: imagenet classes."
    )
    splits.caption_justify = "left"

    top21k = max(x.in21k for x in categories)
    top1k = max(x.ilsvrc2012 for x in categories)
    cats = Table(
        title=Text("Categories, computed from the bundled WordNet 3.0 index"),
        title_justify="left",
    )
    cats.add_column("synset")
    cats.add_column("ImageNet-21k synsets (fall 2011)")
    cats.add_column("ILSVRC-2012 classes")
    for x in categories:
        cats.add_row(Text(x.name), _bar(x.in21k, top21k), _bar(x.ilsvrc2012, top1k))
    cats.caption = Text(
        "Each count includes the synset itself; the categories overlap (the hierarchy is a "
        "DAG), so they do not add up. Classes of one: imagenet classes --under SYNSET."
    )
    cats.caption_justify = "left"

    most = max(depths.values())
    histogram = Table(
        title=Text("Depth of the 1000 classes (edges to entity.n.01, shortest path)"),
        title_justify="left",
    )
    histogram.add_column("depth", justify="right")
    histogram.add_column("classes")
    for depth, count in depths.items():
        histogram.add_row(str(depth), _bar(count, most, 30))
    return Group(releases, splits, cats, histogram)
