"""What ``imagenet browse`` shows, read from the index without Textual.

A :class:`HierarchyView` is the WordNet 3.0 hierarchy of the index, whole or cut down to
the synsets of one bundled list and their ancestors (``--subset``). It answers what the
browser asks: the children of a node in display order with what their labels need, the
path down to a synset, and the facts of the detail pane.

Data source: ``data/imagenet.sqlite`` (tables ``synsets``, ``hypernyms``, ``members``),
through :mod:`imagenet_cli.index`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from imagenet_cli._errors import ImagenetError
from imagenet_cli.index import _queries as q
from imagenet_cli.index.hierarchy import ENTITY, children, hypernym_paths, nodes, parents
from imagenet_cli.index.synsets import Synset, load_synsets, subset_key, subset_members

#: The largest number of index synsets under one node (herb.n.01 has 309).
_BATCH = 500


class Entry(NamedTuple):
    """One node of the tree pane: what its label needs.

    ``classes_below`` and ``in21k_below`` count the ILSVRC-2012 classes and the fall 2011
    ImageNet-21k synsets in the subtree, itself included; ``parent_count`` is its number of
    direct hypernyms (more than one: the node also hangs elsewhere); ``has_children`` is
    whether it has children in the view; ``member`` is whether it belongs to the view's
    list (always True without ``--subset``).
    """

    offset: int
    name: str
    classes_below: int
    in21k_below: int
    class_index: int | None
    parent_count: int
    has_children: bool
    member: bool

    @property
    def wnid(self) -> str:
        """``n`` + the 8-digit WordNet 3.0 offset."""
        return f"n{self.offset:08d}"


@dataclass(frozen=True, slots=True)
class Parent:
    """A direct hypernym in the detail pane; ``instance`` for an instance hypernym."""

    wnid: str
    name: str
    instance: bool


@dataclass(frozen=True, slots=True)
class Detail:
    """Everything the detail pane shows of one synset.

    ``paths`` are WordNet names root first, every hypernym path in NLTK's order;
    ``children`` counts direct hyponyms in the index (in the view), ``wordnet_hyponyms``
    in all of WordNet 3.0.
    """

    synset: Synset
    parents: tuple[Parent, ...]
    paths: tuple[tuple[str, ...], ...]
    classes_below: int
    in21k_below: int
    children: int
    wordnet_hyponyms: int


def _marks(values: list[int]) -> str:
    return ",".join("?" * len(values))


def subset_view(subset: str) -> tuple[frozenset[int], frozenset[int]]:
    """The synsets of a bundled list, and those with all their hypernyms (one query).

    Raises:
        NotFoundError: no bundled list has that name (did you mean).
    """
    members = frozenset(subset_members(subset))
    name = subset_key(subset)  # aliases resolved, as subset_members resolves them
    return members, frozenset(q.list_closure(name))


class HierarchyView:
    """The hierarchy of the index, or the part of it leading to one list's synsets.

    Args:
        subset: a bundled list's name (``ilsvrc2012``, ``in21k-fall2011``, ...), or None for
            all 23,548 synsets of the index.

    Raises:
        NotFoundError: ``subset`` is not a bundled list.
    """

    def __init__(self, subset: str | None = None) -> None:
        self.subset = subset
        self.members: frozenset[int] | None = None
        self.within: frozenset[int] | None = None
        if subset is not None:
            self.members, self.within = subset_view(subset)

    def __contains__(self, offset: object) -> bool:
        if self.within is None:
            return isinstance(offset, int) and bool(nodes_in_index([offset]))
        return offset in self.within

    def entries(self, offsets: list[int]) -> list[Entry]:
        """The :class:`Entry` of each offset, in the order given (all must be indexed)."""
        info = nodes(offsets)
        kids: dict[int, bool] = {}
        counts: dict[int, int] = {}
        for parent, child in q.child_edges(offsets):
            if self.within is None or child in self.within:
                kids[parent] = True
        for child, count in q.parent_counts(offsets):
            counts[child] = count
        return [
            Entry(
                offset=o,
                name=info[o].name,
                classes_below=info[o].classes_below,
                in21k_below=info[o].in21k_below,
                class_index=info[o].class_index,
                parent_count=counts.get(o, 0),
                has_children=kids.get(o, False),
                member=self.members is None or o in self.members,
            )
            for o in offsets
        ]

    def entry(self, offset: int) -> Entry:
        """The :class:`Entry` of one indexed synset."""
        return self.entries([offset])[0]

    def children(self, offset: int) -> list[Entry]:
        """Direct hyponyms in the view, most ILSVRC-2012 classes below first, then most 21k
        synsets, then by name (the order of ``imagenet synsets tree``)."""
        kids = [c for c in children(offset) if self.within is None or c in self.within]
        found = self.entries(kids)
        found.sort(key=lambda e: (-e.classes_below, -e.in21k_below, e.name))
        return found

    def parents(self, offset: int) -> tuple[int, ...]:
        """Direct hypernyms in the view, in WordNet's order."""
        return tuple(p for p in parents(offset) if self.within is None or p in self.within)

    def path(self, target: int, root: int = ENTITY) -> tuple[int, ...] | None:
        """Offsets from ``root`` down to ``target`` along the first hypernym path (NLTK's
        order) through ``root``, or None when ``target`` is not in the view below ``root``."""
        if target not in self:
            return None
        for path in hypernym_paths(target):
            if root in path:
                return path[path.index(root) :]
        return None

    def detail(self, offset: int) -> Detail:
        """The facts of the detail pane for one indexed synset.

        Raises:
            ImagenetError: the offset is not in the index.
        """
        found = load_synsets([offset])
        if offset not in found:
            raise ImagenetError(f"n{offset:08d} is not in the index")
        synset = found[offset]
        paths = hypernym_paths(offset)
        above = q.parents_with_kind(offset)
        info = nodes({*(p for p, _ in above), *(o for path in paths for o in path)})
        here = info[offset]
        return Detail(
            synset=synset,
            parents=tuple(Parent(f"n{p:08d}", info[p].name, bool(i)) for p, i in above),
            paths=tuple(tuple(info[o].name for o in path) for path in paths),
            classes_below=here.classes_below,
            in21k_below=here.in21k_below,
            children=sum(1 for c in children(offset) if self.within is None or c in self.within),
            wordnet_hyponyms=here.wordnet_hyponyms,
        )


def nodes_in_index(offsets: list[int]) -> list[int]:
    """The offsets given that are synsets of the index."""
    return q.present(offsets)
