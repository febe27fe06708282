"""The WordNet 3.0 is-a graph of the ImageNet index: paths, subtrees, common hypernyms.

The graph is a DAG, not a tree: a synset can have several hypernyms (dog.n.01 is a
canine.n.02 and a domestic_animal.n.01), and instance hypernyms count as hypernyms, as in
NLTK. The index is closed under hypernyms, so every ancestor of an indexed synset is
indexed and the functions here give exactly what NLTK gives on the whole of WordNet 3.0:
``lowest_common_hypernyms``, ``shortest_path_distance``, ``path_similarity``,
``lch_similarity`` and ``wup_similarity`` follow NLTK 3.10's algorithms step by step.

Data source: ``data/imagenet.sqlite`` (tables ``synsets`` and ``hypernyms``).
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

from imagenet_cli._errors import NotFoundError, OutOfRange
from imagenet_cli.index import _queries as q
from imagenet_cli.index.synsets import Synset, load_synsets

ENTITY = 1740  # entity.n.01, the root of WordNet 3.0's noun hierarchy


@dataclass(frozen=True, slots=True)
class Node:
    """What the hierarchy functions need of one synset, read from the index on demand."""

    offset: int
    name: str
    min_depth: int
    max_depth: int
    class_index: int | None
    classes_below: int  # ILSVRC-2012 classes in the subtree, itself included
    in21k_below: int  # fall 2011 21k synsets in the subtree, itself included
    wordnet_hyponyms: int  # direct hyponyms in all of WordNet 3.0, instances included


_NODES: dict[int, Node] = {}


def nodes(offsets: Iterable[int]) -> dict[int, Node]:
    """The :class:`Node` of each indexed offset given (read in bulk, then kept).

    Raises:
        NotFound: an offset is not in the index.
    """
    wanted = set(offsets)
    missing = sorted(wanted - _NODES.keys())
    for start in range(0, len(missing), 500):
        for row in q.node_rows(missing[start : start + 500]):
            _NODES[row[0]] = Node(*row)
    absent = wanted - _NODES.keys()
    if absent:
        raise NotFoundError("synset", f"n{min(absent):08d}", suggestions=())
    return {o: _NODES[o] for o in wanted}


def node(offset: int) -> Node:
    """The :class:`Node` of one indexed synset.

    Raises:
        NotFound: the offset is not in the index.
    """
    found = _NODES.get(offset)
    return found if found is not None else nodes([offset])[offset]


def name(offset: int) -> str:
    """The WordNet name of an indexed synset (``dog.n.01``)."""
    return node(offset).name


@cache
def parents(offset: int) -> tuple[int, ...]:
    """Direct hypernyms, class hypernyms first then instance hypernyms, each by name."""
    return tuple(q.parents_of(offset))


@cache
def children(offset: int, instance: bool | None = None) -> tuple[int, ...]:
    """Direct hyponyms in the index, by name: all (``instance=None``), class hyponyms only
    (``False``) or instance hyponyms only (``True``)."""
    rows = q.children_of(offset)
    return tuple(c for c, inst in rows if instance is None or bool(inst) is instance)


def roots_above(offset: int) -> tuple[int, ...]:
    """The synsets without hypernyms above (or equal to) ``offset``, by offset."""
    return tuple(sorted(o for o in _ancestors(offset) if not parents(o)))


@cache
def noun_max_depth() -> int:
    """Depth of WordNet 3.0's noun taxonomy as NLTK computes it for ``lch_similarity``."""
    return int(q.meta("noun_max_depth") or 0)


def _ancestors(offset: int) -> set[int]:
    """The synset and every hypernym above it (NLTK's ``_iter_hypernym_lists``)."""
    return set(_distances_up(offset))


def hypernym_paths(offset: int) -> tuple[tuple[int, ...], ...]:
    """Every path from ``entity.n.01`` down to the synset, root first (NLTK's order).

    Raises:
        NotFound: the offset is not in the index.
    """
    node(offset)
    above = parents(offset)
    if not above:
        return ((offset,),)
    return tuple((*path, offset) for parent in above for path in hypernym_paths(parent))


@lru_cache(maxsize=8192)  # bounded: many-synset comparisons reuse each one's distances
def _distances_up(offset: int) -> dict[int, int]:
    """Fewest edges from the synset up to each ancestor (NLTK's ``_shortest_hypernym_paths``)."""
    found: dict[int, int] = {}
    queue = deque([(offset, 0)])
    while queue:
        here, depth = queue.popleft()
        if here in found:
            continue
        found[here] = depth
        queue.extend((parent, depth + 1) for parent in parents(here))
    return found


def common_hypernyms(offsets: Sequence[int]) -> set[int]:
    """Synsets that are the synsets themselves or hypernyms of every one of them."""
    common = _ancestors(offsets[0])
    for offset in offsets[1:]:
        common &= _ancestors(offset)
    return common


def lowest_common_hypernyms(
    offsets: Sequence[int], *, use_min_depth: bool = False
) -> tuple[int, ...]:
    """The deepest common hypernyms, sorted by WordNet name (NLTK's rule and order).

    Depth is each candidate's longest path to the root (``max_depth``), or its shortest
    (``min_depth``) with ``use_min_depth``, as NLTK's Wu-Palmer similarity uses.
    """
    common = nodes(common_hypernyms(offsets))

    def depth(n: Node) -> int:
        return n.min_depth if use_min_depth else n.max_depth

    deepest = max(depth(n) for n in common.values())
    return tuple(sorted((o for o, n in common.items() if depth(n) == deepest), key=name))


def shortest_path_distance(a: int, b: int) -> int:
    """Edges on the shortest path between two synsets through a common hypernym."""
    if a == b:
        return 0
    up_a, up_b = _distances_up(a), _distances_up(b)
    return min(d + up_b[o] for o, d in up_a.items() if o in up_b)


def shortest_path(a: int, b: int) -> tuple[int, ...]:
    """One shortest path from ``a`` up to a common hypernym and down to ``b``."""
    up_a, up_b = _distances_up(a), _distances_up(b)
    total = shortest_path_distance(a, b)
    nodes([*up_a, *up_b])
    top = min(
        (o for o in up_a if o in up_b and up_a[o] + up_b[o] == total),
        key=lambda o: (up_a[o], name(o)),
    )

    def climb(start: int, distances: dict[int, int]) -> list[int]:
        path = [top]
        while path[-1] != start:  # step down from top towards start along shortest edges
            here = path[-1]
            below = [c for c in children(here) if distances.get(c) == distances[here] - 1]
            path.append(min(below, key=name))
        return path

    down_a = climb(a, up_a)
    down_b = climb(b, up_b)
    return tuple(reversed(down_a)) + tuple(down_b[1:])


def path_similarity(a: int, b: int) -> float:
    """``1 / (distance + 1)``, as NLTK's ``path_similarity`` for nouns."""
    return 1.0 / (shortest_path_distance(a, b) + 1)


def lch_similarity(a: int, b: int) -> float:
    """Leacock-Chodorow: ``-log((distance + 1) / (2 * D))``, D the noun taxonomy depth (19)."""
    return -math.log((shortest_path_distance(a, b) + 1) / (2.0 * noun_max_depth()))


def wup_similarity(a: int, b: int) -> float:
    """Wu-Palmer similarity exactly as NLTK 3.10 computes it for nouns.

    NLTK picks the subsumer among the lowest common hypernyms by *minimum* depth
    (``use_min_depth=True``, kept from NLTK 2), takes the first by name (or ``a`` itself
    when it is one), and uses that subsumer's *maximum* depth + 1; textbook Wu-Palmer uses
    the deepest common subsumer on a tree.
    """
    subsumers = lowest_common_hypernyms([a, b], use_min_depth=True)
    subsumer = a if a in subsumers else subsumers[0]
    depth = node(subsumer).max_depth + 1
    len1 = shortest_path_distance(a, subsumer) + depth
    len2 = shortest_path_distance(b, subsumer) + depth
    return (2.0 * depth) / (len1 + len2)


@dataclass(frozen=True, slots=True)
class Relatedness:
    """How two synsets relate: shortest path, its length and NLTK's three similarities."""

    a: int
    b: int
    lowest_common_hypernyms: tuple[int, ...]
    shortest_path_distance: int
    path: tuple[int, ...]
    path_similarity: float
    wup_similarity: float
    lch_similarity: float


def relate(a: int, b: int, *, with_path: bool = True) -> Relatedness:
    """Every measure of :class:`Relatedness` for two indexed synsets (``path`` empty
    without ``with_path``)."""
    return Relatedness(
        a=a,
        b=b,
        lowest_common_hypernyms=lowest_common_hypernyms([a, b]),
        shortest_path_distance=shortest_path_distance(a, b),
        path=shortest_path(a, b) if with_path else (),
        path_similarity=path_similarity(a, b),
        wup_similarity=wup_similarity(a, b),
        lch_similarity=lch_similarity(a, b),
    )


def descendants(offset: int) -> set[int]:
    """The synset and every synset of the index below it (hyponyms, instances included)."""
    return q.below([offset])


def members_with_ancestors(members: Iterable[int]) -> set[int]:
    """The given synsets and all their hypernyms: the nodes a subset's tree passes through."""
    found: set[int] = set()
    for offset in members:
        if offset not in found:
            found |= _ancestors(offset)
    return found


@dataclass(frozen=True, slots=True)
class TreeNode:
    """A node of a hyponym tree, with counts and the children shown and hidden."""

    offset: int
    name: str
    classes_below: int
    in21k_below: int
    class_index: int | None
    other_parents: tuple[str, ...]  # WordNet names of its hypernyms besides the one shown
    children: tuple[TreeNode, ...]
    hidden_children: int
    truncated: bool  # below the depth limit, children exist but are not expanded
    other_parent_wnids: tuple[str, ...] = ()


#: A depth limit past the bottom of any WordNet 3.0 noun tree (its deepest path is 19 edges).
_NO_DEEPER = 64


def _subtree(root: int, depth: int) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    """Children and parents of every synset within ``depth`` levels below ``root``, in one
    query (a large tree would otherwise cost a query per node)."""
    kids: dict[int, list[int]] = {}
    for parent, child in q.edges_below(root, depth + 1):
        kids.setdefault(parent, []).append(child)
    above: dict[int, list[int]] = {}
    members = {root, *(c for cs in kids.values() for c in cs)}
    for child, parent in q.parent_pairs(sorted(members)):
        above.setdefault(child, []).append(parent)
    return kids, above


def hyponym_tree(
    root: int,
    *,
    depth: int = 2,
    max_children: int = 25,
    within: set[int] | None = None,
) -> TreeNode:
    """The hyponyms of ``root`` down to ``depth`` levels.

    Children are ordered by ILSVRC-2012 classes beneath them, then 21k synsets, then name;
    beyond ``max_children`` (0: no limit) the rest are counted in ``hidden_children``.
    ``within`` keeps only nodes in that set (see :func:`members_with_ancestors`).

    Raises:
        ImagenetError: ``depth`` or ``max_children`` is negative.
    """
    if depth < 0:
        raise OutOfRange("depth", depth, 0, None)
    if max_children < 0:
        raise OutOfRange("max_children", max_children, 0, None)
    # No noun lies more than 19 edges below entity.n.01 in WordNet 3.0, so any deeper
    # limit draws the same tree; SQLite's integers stop at 2**63 - 1.
    kids_of, parents_of = _subtree(root, min(depth, _NO_DEEPER))
    info = nodes({root, *(c for cs in kids_of.values() for c in cs), *(
        p for ps in parents_of.values() for p in ps)})  # fmt: skip

    def grow(offset: int, levels: int, parent: int | None) -> TreeNode:
        kids = [c for c in kids_of.get(offset, ()) if within is None or c in within]
        kids.sort(key=lambda c: (-info[c].classes_below, -info[c].in21k_below, info[c].name))
        shown = kids if levels > 0 else []
        hidden = 0
        if max_children and len(shown) > max_children:
            hidden = len(shown) - max_children
            shown = shown[:max_children]
        here = info[offset]
        others = [p for p in parents_of.get(offset, ()) if parent is not None and p != parent]
        return TreeNode(
            offset=offset,
            name=here.name,
            classes_below=here.classes_below,
            in21k_below=here.in21k_below,
            class_index=here.class_index,
            other_parents=tuple(info[p].name for p in others),
            other_parent_wnids=tuple(f"n{p:08d}" for p in others),
            children=tuple(grow(c, levels - 1, offset) for c in shown),
            hidden_children=hidden,
            truncated=levels == 0 and bool(kids),
        )

    return grow(root, depth, None)


class SynsetDetails(NamedTuple):
    """Everything ``synsets show`` prints of one synset, complete (renderers query nothing).

    Attributes:
        synset: the synset.
        node: its counts (``classes_below``, ``in21k_below``, ``wordnet_hyponyms``).
        parents: every direct hypernym, class hypernyms first, then instance hypernyms.
        hyponyms: its direct hyponyms in the index (instances included), by name, with counts.
        paths: every hypernym path, root first (as ``Synset.hypernym_paths()``).
    """

    synset: Synset
    node: Node
    parents: tuple[Synset, ...]
    hyponyms: tuple[Node, ...]
    paths: tuple[tuple[Synset, ...], ...]


def details(synset: Synset) -> SynsetDetails:
    """The :class:`SynsetDetails` of an indexed synset."""
    below = children(synset.offset)
    found = nodes([synset.offset, *below])
    known = load_synsets([int(w[1:]) for w in synset.parents])
    return SynsetDetails(
        synset=synset,
        node=found[synset.offset],
        parents=tuple(known[int(w[1:])] for w in synset.parents),
        hyponyms=tuple(found[c] for c in below),
        paths=tuple(tuple(p) for p in synset.hypernym_paths()),
    )


class Pair(NamedTuple):
    """How two synsets relate, with NLTK's measures on WordNet 3.0 (see :func:`relate`)."""

    a: Synset
    b: Synset
    lowest_common_hypernyms: tuple[Synset, ...]
    shortest_path_distance: int
    path: tuple[Synset, ...]
    path_similarity: float
    wup_similarity: float
    lch_similarity: float


class Comparison(NamedTuple):
    """The lowest common hypernyms of all the synsets, and every pair's measures."""

    synsets: tuple[Synset, ...]
    lowest_common_hypernyms: tuple[Synset, ...]
    pairs: tuple[Pair, ...]


def pair(a: Synset, b: Synset, *, with_path: bool = True) -> Pair:
    """The :class:`Pair` of two indexed synsets (NLTK's measures, and one shortest path
    unless ``with_path`` is False: ``path`` is then empty)."""
    found = relate(a.offset, b.offset, with_path=with_path)
    known = load_synsets([*found.lowest_common_hypernyms, *found.path])
    return Pair(
        a=a,
        b=b,
        lowest_common_hypernyms=tuple(known[o] for o in found.lowest_common_hypernyms),
        shortest_path_distance=found.shortest_path_distance,
        path=tuple(known[o] for o in found.path),
        path_similarity=found.path_similarity,
        wup_similarity=found.wup_similarity,
        lch_similarity=found.lch_similarity,
    )


def compare(synsets: Sequence[Synset]) -> Comparison:
    """The lowest common hypernyms of two or more synsets and each pair's measures.

    Raises:
        OutOfRange: fewer than two synsets.
    """
    from itertools import combinations

    if len(synsets) < 2:
        raise OutOfRange("synsets", len(synsets), 2, None, message="compare needs two synsets")
    lowest = lowest_common_hypernyms([s.offset for s in synsets])
    known = load_synsets(lowest)
    return Comparison(
        synsets=tuple(synsets),
        lowest_common_hypernyms=tuple(known[o] for o in lowest),
        pairs=tuple(pair(a, b) for a, b in combinations(synsets, 2)),
    )


def pairs(synsets: Sequence[Synset], *, with_path: bool = False) -> Iterator[Pair]:
    """Every pair's :class:`Pair`, one at a time (memory stays bounded however many
    synsets): ``n * (n - 1) / 2`` of them, in input order."""
    for i, a in enumerate(synsets):
        for b in synsets[i + 1 :]:
            yield pair(a, b, with_path=with_path)


def lowest_common_of(synsets: Sequence[Synset]) -> tuple[Synset, ...]:
    """The lowest common hypernyms of all the synsets (NLTK's rule), by name."""
    lowest = lowest_common_hypernyms([s.offset for s in synsets])
    known = load_synsets(lowest)
    return tuple(known[o] for o in lowest)
