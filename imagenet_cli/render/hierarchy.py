"""Rich views and records of synset details, hypernym paths, hyponym trees and relatedness."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from imagenet_cli import Comparison, SynsetDetails, TreeNode

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text
    from rich.tree import Tree


def _wnid(offset: int) -> str:
    return f"n{offset:08d}"


def _count(n: int, noun: str, plural: str) -> str:
    return f"{n} {noun}{'' if n == 1 else plural}"


class Named(Protocol):
    """A synset on a path: an index :class:`Synset` or a corpus path step."""

    @property
    def name(self) -> str: ...

    @property
    def wnid(self) -> str: ...


def _chain(path: Sequence[Named], sep: str = " › ") -> Text:
    from rich.text import Text

    return Text(sep.join(s.name for s in path))


def show_view(found: SynsetDetails) -> RenderableType:
    """Name, lemmas, gloss, class index, memberships, hypernyms, hyponyms and every path."""
    from rich.console import Group
    from rich.text import Text

    from imagenet_cli.render.tables import WordTable as Table

    synset, here = found.synset, found.node
    title = Text(synset.name, style="bold")
    title.append(f"  {synset.wnid}", style="cyan")
    if synset.ilsvrc2012_index is not None:
        title.append(
            f"  ILSVRC-2012 class {synset.ilsvrc2012_index} (ILSVRC2012_ID {synset.ilsvrc2012_id})",
            style="green",
        )
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="dim", no_wrap=True)
    facts.add_column()
    facts.add_row("lemmas", Text(", ".join(synset.words)))
    facts.add_row("gloss", Text(synset.gloss))
    facts.add_row("lexname", synset.lexname)
    facts.add_row(
        "beneath",
        f"{_count(here.classes_below, 'ILSVRC-2012 class', 'es')}, "
        f"{_count(here.in21k_below, 'ImageNet-21k (fall 2011) synset', 's')} "
        "(itself included)",
    )
    facts.add_row("in lists", ", ".join(synset.subsets) or "none (an ancestor only)")
    for parent in found.parents:
        kind = "instance of" if parent.wnid in synset.instance_hypernym_wnids else "hypernym"
        facts.add_row(kind, Text(f"{parent.name} ({parent.wnid})"))
    parts: list[RenderableType] = [title, facts]
    below = found.hyponyms
    if below:
        heading = f"Hyponyms in ImageNet's index: {len(below)} of WordNet's {here.wordnet_hyponyms}"
        hypo = Table(title=Text(heading), title_justify="left")
        hypo.add_column("wnid", style="cyan", no_wrap=True)
        hypo.add_column("name")
        hypo.add_column("classes below", justify="right")
        hypo.add_column("21k below", justify="right")
        for child in sorted(below, key=lambda c: (-c.classes_below, c.name)):
            label = Text(child.name)
            if child.class_index is not None:
                label.append(f"  (class {child.class_index})", style="green")
            hypo.add_row(
                _wnid(child.offset), label, str(child.classes_below), str(child.in21k_below)
            )
        parts.append(hypo)
    parts.append(paths_view(found.paths))
    return Group(*parts)


def paths_view(paths: Sequence[Sequence[Named]]) -> RenderableType:
    """Each hypernym path root first, numbered."""
    from rich.console import Group
    from rich.text import Text

    from imagenet_cli.render.tables import WordTable as Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column()
    for i, path in enumerate(paths, start=1):
        grid.add_row(f"{i}.", _chain(path))
    return Group(Text(f"Hypernym paths to entity.n.01 ({len(paths)})", style="bold"), grid)


def _label(node: TreeNode) -> Text:
    from rich.text import Text

    label = Text(node.name, style="bold" if node.class_index is None else "green")
    label.append(f"  {_wnid(node.offset)}", style="cyan")
    if node.class_index is not None:
        label.append(f"  class {node.class_index}", style="green")
    label.append(f"  [1k: {node.classes_below} · 21k: {node.in21k_below}]", style="dim")
    if node.other_parents:
        label.append(f"  ⇄ also under {', '.join(node.other_parents)}", style="yellow")
    if node.truncated:
        label.append("  …", style="dim")
    return label


def tree_view(root: TreeNode) -> Tree:
    """A Rich tree of hyponyms; counts are ILSVRC-2012 classes and 21k synsets beneath."""

    from rich.text import Text
    from rich.tree import Tree

    def grow(branch: Tree, node: TreeNode) -> None:

        for child in node.children:
            grow(branch.add(_label(child)), child)
        if node.hidden_children:
            branch.add(
                Text(f"… {node.hidden_children} more (--max-children 0 shows all)", style="dim")
            )

    tree = Tree(_label(root))
    grow(tree, root)
    return tree


def relate_view(found: Comparison) -> RenderableType:
    """The lowest common hypernyms of all, then one row of measures per pair."""
    from rich.console import Group
    from rich.text import Text

    from imagenet_cli.render.tables import WordTable as Table

    lowest = found.lowest_common_hypernyms
    head = Text("Lowest common hypernym", style="bold")
    head.append("s" if len(lowest) > 1 else "")
    head.append(f" of {', '.join(s.name for s in found.synsets)}: ")
    head.append(", ".join(f"{s.name} ({s.wnid})" for s in lowest), style="green")
    table = Table(title=Text("Pairwise (NLTK's measures on WordNet 3.0)"), title_justify="left")
    table.add_column("pair")
    table.add_column("distance", justify="right")
    table.add_column("path sim", justify="right")
    table.add_column("Wu-Palmer", justify="right")
    table.add_column("Leacock-Chodorow", justify="right")
    paths = Table.grid(padding=(0, 1))
    paths.add_column(style="dim")
    paths.add_column()
    for p in found.pairs:
        table.add_row(
            Text(f"{p.a.name} ~ {p.b.name}"),
            str(p.shortest_path_distance),
            f"{p.path_similarity:.4f}",
            f"{p.wup_similarity:.4f}",
            f"{p.lch_similarity:.4f}",
        )
        paths.add_row(f"{p.a.name} ~ {p.b.name}:", _chain(p.path, " – "))
    return Group(head, table, Text("Shortest paths", style="bold"), paths)
