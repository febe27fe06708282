"""Views and records of ``synsets stats``: the shape of the is-a graph or a part of it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from imagenet_cli.index.export import ExportSummary, HierarchyStats

if TYPE_CHECKING:
    from rich.console import RenderableType


def _bar(count: int, most: int, width: int = 20) -> str:
    return "█" * max(1, round(width * count / most)) if count else ""


def stats_view(found: HierarchyStats) -> RenderableType:
    """Counts, a histogram of leaf depths (fewest and most edges from the root), widest nodes."""
    from rich.console import Group
    from rich.text import Text

    from imagenet_cli.render.tables import WordTable as Table

    title = Text(f"{found.root_name} ({found.root})", style="bold")
    if found.subset:
        title.append(f", closure of {found.subset}", style="bold")
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="dim", no_wrap=True)
    facts.add_column(justify="right")
    facts.add_column(style="dim")
    rows = [
        ("nodes", found.nodes, "synsets"),
        ("edges", found.edges, "hypernym -> hyponym"),
        ("roots", len(found.roots), ", ".join(found.roots)),
        ("leaves", found.leaves, "no hyponym in this part"),
        ("ILSVRC-2012 classes", found.classes, ""),
        ("several parents", found.several_parents, "nodes with more than one hypernym"),
        ("several paths", found.several_paths, "nodes with more than one path from the root"),
        ("  of them classes", found.classes_several_paths, ""),
        ("most paths", found.most_paths[2], found.most_paths[1]),
    ]
    for label, value, note in rows:
        facts.add_row(label, f"{value:,}", Text(note))
    depths = Table(title="Leaves by depth (edges from the root)", title_justify="left")
    depths.add_column("depth", justify="right")
    depths.add_column("fewest", justify="right")
    depths.add_column("")
    depths.add_column("most", justify="right")
    depths.add_column("")
    low, high = dict(found.leaf_min_depth), dict(found.leaf_max_depth)
    most = max([*low.values(), *high.values(), 1])
    for depth in sorted(low.keys() | high.keys()):
        a, b = low.get(depth, 0), high.get(depth, 0)
        depths.add_row(str(depth), f"{a:,}", _bar(a, most), f"{b:,}", _bar(b, most))
    wide = Table(title="Widest nodes", title_justify="left")
    wide.add_column("wnid", style="cyan")
    wide.add_column("name")
    wide.add_column("children", justify="right")
    for wnid, name, count in found.widest:
        wide.add_row(wnid, Text(name), f"{count:,}")
    return Group(title, facts, Text(""), depths, Text(""), wide)


def export_note(summary: ExportSummary) -> str | None:
    """The stderr line of a tree export: the parent policy and what it left out."""
    if summary.parent_policy is None:
        return None
    if not summary.several_parents:
        return f"{summary.format}: no synset here has a second parent; the tree is the graph."
    note = (
        f"{summary.format}: one parent kept per synset (--parent-policy "
        f"{summary.parent_policy}): {summary.second_parents_dropped:,} second parent"
        f"{'s' * (summary.second_parents_dropped != 1)} of {summary.several_parents:,} "
        f"synset{'s' * (summary.several_parents != 1)} dropped"
    )
    if summary.pruned:
        note += (
            f"; {summary.pruned:,} ancestor{'s' * (summary.pruned != 1)} left without "
            "a member below them dropped"
        )
    return note + "."
