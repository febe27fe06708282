"""The is-a graph of the index, or a part of it, written for other tools; and its statistics.

Select a part (:func:`select`: everything below a root, the members of a list with all their
hypernyms, a depth limit), then write it in one of :data:`FORMATS`:

* ``json``: node-link JSON as ``networkx.node_link_data`` writes it, with the edges under
  both ``"edges"`` (networkx 3.6's default) and ``"links"`` (older networkx, d3-force).
* ``graphml``: GraphML with typed keys and no list or null values (Gephi, yEd, Cytoscape,
  ``networkx.read_graphml``).
* ``dot``: Graphviz, ids and labels quoted, ``rankdir=LR``.
* ``csv``: ``parent,child,parent_name,child_name``, one row per edge.
* ``isa``: ``parent child`` wnids, one edge a line, no header: the form of ImageNet's
  ``wordnet.is_a.txt``.
* ``tree-json``: nested ``{"name", "wnid", "children"}`` (d3.hierarchy's "flare" form).
* ``newick``: a Newick tree (ete, Bio.Phylo, scikit-bio, R's ape).

WordNet's is-a graph is a DAG (dog.n.01 is a canine.n.02 and a domestic_animal.n.01), so
the DAG formats write every edge, and the two tree formats keep one parent per synset by a
:data:`PARENT_POLICIES` rule, counting the second parents they drop. Edges point from
hypernym to hyponym; instance hypernyms count as hypernyms, as in NLTK.

Data source: ``data/imagenet.sqlite`` (tables ``synsets``, ``hypernyms``, ``lemmas``),
built from WordNet 3.0 by ``scripts/build_data.py``.

Example:
    >>> from imagenet_cli.index.export import export, stats
    >>> text = "".join(export("isa", root="dog.n.01", depth=1))
    >>> stats(subset="ilsvrc2012").leaves
    1000
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import IO, Any, Literal, NamedTuple

from imagenet_cli._errors import ImagenetError
from imagenet_cli.index import _queries as q
from imagenet_cli.index.hierarchy import ENTITY

#: Every format :func:`export` writes.
FORMATS = ("json", "tree-json", "graphml", "dot", "newick", "csv", "isa")
#: The formats that write a tree and so keep one parent per synset.
TREE_FORMATS = ("newick", "tree-json")
#: How a tree format picks the one parent it keeps of a synset with several:
#: ``longest``: the parent on the longest path from the root (the synset keeps its
#: ``max_depth``); ``shortest``: the parent on the shortest path (keeps its ``min_depth``);
#: ``first``: WordNet's first hypernym (class hypernyms before instance hypernyms, by name).
#: Depths are counted inside the selection, from its root. Ties go to the first hypernym.
PARENT_POLICIES = ("longest", "shortest", "first")
#: The formats whose node labels can be wnids or WordNet names.
LABELLED_FORMATS = ("newick", "dot")
#: Above this many nodes Graphviz's ``dot`` layout takes minutes or fails.
DOT_LAYOUT_LIMIT = 2000

Format = Literal["json", "tree-json", "graphml", "dot", "newick", "csv", "isa"]
ParentPolicy = Literal["longest", "shortest", "first"]
Labels = Literal["wnid", "name"]


def _wnid(offset: int) -> str:
    return f"n{offset:08d}"


class _Graph(NamedTuple):
    """The whole is-a graph: parents in WordNet's order, children, instance edges."""

    parents: dict[int, list[int]]
    children: dict[int, list[int]]
    instance: frozenset[tuple[int, int]]  # (parent, child) of every instance hypernym edge


@cache
def _graph() -> _Graph:
    return _read_graph(q.all_edges())


@cache
def _list_graph(name: str) -> _Graph:
    """The graph of a bundled list's closure: a 1000-class closure without reading 24k edges."""
    return _read_graph(q.list_closure_edges(name))


@cache
def _synset_count() -> int:
    return q.synset_count()


def _read_graph(edges: list[tuple[int, int, int]]) -> _Graph:
    parents: dict[int, list[int]] = {}
    children: dict[int, list[int]] = {}
    instance = []
    for child, parent, is_instance in edges:
        if child in parents:
            parents[child].append(parent)
        else:
            parents[child] = [parent]
        if parent in children:
            children[parent].append(child)
        else:
            children[parent] = [child]
        if is_instance:
            instance.append((parent, child))
    return _Graph(parents, children, frozenset(instance))


def _rows(shape: str, offsets: Collection[int], everything: bool) -> list[Any]:
    """Rows of one :data:`imagenet_cli.index._queries.ROW_SHAPES` shape for these offsets."""
    return q.rows_of(shape, None if everything else sorted(offsets))


class NodeInfo(NamedTuple):
    """What the exports write of one synset (a NamedTuple: 23,548 are made at a time).

    Attributes:
        wnid: ``n`` + the 8-digit WordNet 3.0 offset.
        name: WordNet name (``dog.n.01``).
        ilsvrc2012_index: ILSVRC-2012 class index 0-999, or None.
        classes_below: ILSVRC-2012 classes in its whole subtree, itself included.
        in21k_below: ImageNet-21k (fall 2011) synsets in its whole subtree, itself included.
        lemmas: lemma names as WordNet spells them (empty unless asked for).
        gloss: WordNet's definition (empty unless asked for).
    """

    wnid: str
    name: str
    ilsvrc2012_index: int | None
    classes_below: int
    in21k_below: int
    lemmas: tuple[str, ...] = ()
    gloss: str = ""


@dataclass(frozen=True, slots=True)
class Selection:
    """A part of the is-a graph: nodes, and the edges among them.

    Attributes:
        root: WordNet offset of the top node (every node lies below it).
        nodes: offsets of the nodes in depth-first order from the root, children by name.
        parents: each node's parents inside the selection, WordNet's order (first hypernym
            first); the root has none.
        children: each node's children inside the selection, by name.
        members: the list members a ``subset`` selection was made for (None: all nodes).
        info: each node's :class:`NodeInfo`.
        instance: ``(parent, child)`` of the edges that are instance hypernyms.
        subset: the list's name, or None.
        depth: the depth limit, or None.
    """

    root: int
    nodes: tuple[int, ...]
    parents: Mapping[int, list[int]]
    children: Mapping[int, list[int]]
    members: frozenset[int] | None
    info: Mapping[int, NodeInfo]
    instance: frozenset[tuple[int, int]]
    subset: str | None
    depth: int | None

    @property
    def edges(self) -> int:
        """Number of parent -> child edges inside the selection."""
        return sum(len(ps) for ps in self.parents.values())

    def edge_list(self) -> Iterator[tuple[int, int, bool]]:
        """``(parent, child, instance)`` of every edge, parents in node order."""
        instance = self.instance
        children = self.children
        for parent in self.nodes:
            for child in children.get(parent, ()):
                yield parent, child, (parent, child) in instance


def _root_offset(root: str | int) -> int:
    if isinstance(root, int):
        if root not in _graph().parents and root != ENTITY:
            raise ImagenetError(f"no synset of the index has the offset {root}")
        return root
    from imagenet_cli.index.identifiers import resolve

    return int(resolve(root).wnid[1:])


def _subset_offsets(subset: str | Iterable[int]) -> tuple[str | None, set[int]]:
    if isinstance(subset, str):
        from imagenet_cli.index.synsets import subset_members

        return subset.strip().lower(), set(subset_members(subset))
    offsets = set(subset)
    graph = _graph()
    unknown = sorted(o for o in offsets if o not in graph.parents and o != ENTITY)
    if unknown:
        raise ImagenetError(f"no synset of the index has the offset {unknown[0]}")
    return None, offsets


def _closure(members: Iterable[int], graph: _Graph) -> set[int]:
    """The members and every hypernym above them."""
    parents = graph.parents
    seen: set[int] = set()
    todo = list(members)
    while todo:
        here = todo.pop()
        if here in seen:
            continue
        seen.add(here)
        todo.extend(parents.get(here, ()))
    return seen


def select(
    root: str | int | None = None,
    subset: str | Iterable[int] | None = None,
    depth: int | None = None,
    *,
    details: bool = False,
) -> Selection:
    """The part of the is-a graph below ``root``, on the way to ``subset``, within ``depth``.

    Args:
        root: the top synset: any identifier (``"dog.n.01"``, ``"n02084071"``, ``"207"``)
            or a WordNet offset (int). Default: ``entity.n.01``, the whole index.
        subset: keep only the members of this bundled list (``"ilsvrc2012"``) or these
            offsets, and every hypernym above them (the nodes their paths pass through).
        depth: keep only nodes at most this many edges below the root (fewest edges,
            counted inside the selection); 0 keeps the root alone.
        details: also read each node's lemmas and gloss (``NodeInfo.lemmas``/``gloss``).

    Returns:
        The :class:`Selection`; every node lies below its root.

    Raises:
        ImagenetError: ``depth`` is negative, an offset is not in the index, or no member
            of ``subset`` lies below ``root``.
        NotFoundError: ``root`` or ``subset`` names nothing.
    """
    if depth is not None and depth < 0:
        raise ImagenetError(f"the depth must be 0 or more, not {depth}")
    top = ENTITY if root is None else _root_offset(root)
    subset_name, members = (None, None) if subset is None else _subset_offsets(subset)
    graph = _graph() if subset_name is None else _list_graph(subset_name)
    allowed = None if members is None else _closure(members, graph)
    if allowed is not None and top not in allowed:
        raise ImagenetError(
            f"no synset of {subset_name or 'the given offsets'} lies under {_names([top])[top]}"
        )
    # Breadth first from the root, inside the allowed nodes: fewest edges down to each.
    level = {top: 0}
    queue = deque([top])
    while queue:
        here = queue.popleft()
        if depth is not None and level[here] >= depth:
            continue
        for child in graph.children.get(here, ()):
            if child not in level and (allowed is None or child in allowed):
                level[child] = level[here] + 1
                queue.append(child)
    everything = len(level) == _synset_count()
    info = _node_info(level.keys(), details, everything)
    if len(level) == len(graph.parents) + 1:  # all of the graph read
        parents: dict[int, list[int]] = graph.parents
    else:
        parents = {}
        for n in level:
            above = [p for p in graph.parents.get(n, ()) if p in level]
            if above:
                parents[n] = above
    children: dict[int, list[int]] = {}
    for child, above in parents.items():
        for p in above:
            if p in children:
                children[p].append(child)
            else:
                children[p] = [child]
    names = {o: n.name for o, n in info.items()}
    for below in children.values():
        below.sort(key=names.__getitem__)
    return Selection(
        root=top,
        nodes=_preorder(top, children),
        parents=parents,
        children=children,
        members=None if members is None else frozenset(members & level.keys()),
        info=info,
        instance=graph.instance,
        subset=subset_name,
        depth=depth,
    )


def _preorder(root: int, children: Mapping[int, list[int]]) -> tuple[int, ...]:
    order: list[int] = []
    seen: set[int] = set()
    todo = [root]
    while todo:
        here = todo.pop()
        if here in seen:
            continue
        seen.add(here)
        order.append(here)
        todo.extend(reversed(children.get(here, ())))
    return tuple(order)


def _names(offsets: Collection[int]) -> dict[int, str]:
    return dict(_rows("names", offsets, False))


def _node_info(offsets: Collection[int], details: bool, everything: bool) -> dict[int, NodeInfo]:
    if not details:
        rows = _rows("nodes", offsets, everything)
        return {row[0]: NodeInfo(row[1], row[2], row[3], row[4], row[5]) for row in rows}
    lemmas: dict[int, list[str]] = {}
    for offset, lemma in _rows("lemmas", offsets, everything):
        if offset in lemmas:
            lemmas[offset].append(lemma)
        else:
            lemmas[offset] = [lemma]
    rows = _rows("nodes+gloss", offsets, everything)
    return {
        row[0]: NodeInfo(
            row[1], row[2], row[3], row[4], row[5], tuple(lemmas.get(row[0], ())), row[6]
        )
        for row in rows
    }


@dataclass(frozen=True, slots=True)
class Tree:
    """A selection cut down to a tree: one parent kept per synset.

    Attributes:
        root: WordNet offset of the root.
        children: each node's children in the tree, by name.
        policy: the :data:`PARENT_POLICIES` rule that picked the parent kept.
        nodes: number of nodes in the tree.
        several_parents: nodes of the tree that had more than one parent in the selection.
        second_parents_dropped: edges of the selection into the tree's nodes that the tree
            leaves out (a synset with 3 parents drops 2).
        pruned: nodes left out because, once their second parents were dropped, no member
            of the subset lies below them (always 0 without a subset).
    """

    root: int
    children: Mapping[int, tuple[int, ...]]
    policy: ParentPolicy
    nodes: int
    several_parents: int
    second_parents_dropped: int
    pruned: int


def _topological(selection: Selection) -> list[int]:
    """Nodes with every parent before its children (Kahn's algorithm)."""
    waiting = {n: len(ps) for n, ps in selection.parents.items()}
    order = [selection.root]
    for here in order:
        for child in selection.children.get(here, ()):
            waiting[child] -= 1
            if not waiting[child]:
                order.append(child)
    return order


def _depths(
    selection: Selection, order: list[int] | None = None
) -> tuple[dict[int, int], dict[int, int]]:
    """Fewest and most edges from the root down to each node, inside the selection."""
    low = {selection.root: 0}
    high = {selection.root: 0}
    parents = selection.parents
    for here in (order or _topological(selection))[1:]:
        above = parents[here]
        if len(above) == 1:
            low[here] = low[above[0]] + 1
            high[here] = high[above[0]] + 1
        else:
            low[here] = 1 + min([low[p] for p in above])
            high[here] = 1 + max([high[p] for p in above])
    return low, high


def tree(selection: Selection, policy: ParentPolicy = "longest") -> Tree:
    """Keep one parent of each synset of ``selection`` (see :data:`PARENT_POLICIES`).

    With a subset, nodes that no longer lead to a member are left out (``Tree.pruned``),
    so the tree's leaves are members.

    Raises:
        ImagenetError: ``policy`` is not one of :data:`PARENT_POLICIES`.
    """
    if policy not in PARENT_POLICIES:
        raise ImagenetError(
            f"no parent policy {policy!r}; choose {', '.join(PARENT_POLICIES)}",
            suggestions=_closest(policy, PARENT_POLICIES),
        )
    low, high = _depths(selection) if policy != "first" else ({}, {})
    chosen: dict[int, int] = {}
    for child, above in selection.parents.items():
        if len(above) == 1 or policy == "first":
            chosen[child] = above[0]
        elif policy == "longest":
            chosen[child] = max(above, key=high.__getitem__)  # max keeps the first of ties
        else:
            chosen[child] = min(above, key=low.__getitem__)
    children: dict[int, tuple[int, ...]] = {
        p: tuple(c for c in cs if chosen[c] == p) for p, cs in selection.children.items()
    }
    alive = set(selection.nodes)
    if selection.members is not None:
        members = selection.members
        alive = set()
        todo: list[tuple[int, bool]] = [(selection.root, False)]
        while todo:  # post-order: a node lives if it is a member or a child of it lives
            here, done = todo.pop()
            if done:
                if here in members or any(c in alive for c in children.get(here, ())):
                    alive.add(here)
                continue
            todo.append((here, True))
            todo.extend((c, False) for c in children.get(here, ()))
        alive.add(selection.root)
        children = {
            p: tuple(c for c in cs if c in alive) for p, cs in children.items() if p in alive
        }
    several = [n for n in alive if len(selection.parents.get(n, ())) > 1]
    return Tree(
        root=selection.root,
        children={p: cs for p, cs in children.items() if cs},
        policy=policy,
        nodes=len(alive),
        several_parents=len(several),
        second_parents_dropped=sum(len(selection.parents[n]) - 1 for n in several),
        pruned=len(selection.nodes) - len(alive),
    )


def _closest(name: str, known: Iterable[str]) -> list[str]:
    from imagenet_cli._errors import closest

    return closest(name, known, n=3)


@dataclass(frozen=True, slots=True)
class ExportSummary:
    """What an export wrote.

    Attributes:
        format: one of :data:`FORMATS`.
        root: wnid of the root.
        nodes: synsets written.
        edges: parent -> child edges written.
        parent_policy: the rule of a tree format, None for a DAG format.
        second_parents_dropped: edges a tree format left out (0 for DAG formats).
        several_parents: synsets written that have more than one parent in the selection.
        pruned: synsets a tree format left out because no subset member lies below them.
    """

    format: str
    root: str
    nodes: int
    edges: int
    parent_policy: str | None
    second_parents_dropped: int
    several_parents: int
    pruned: int


def check_options(
    fmt: str | None,
    parent_policy: str | None = None,
    labels: str | None = None,
    depth: int | None = None,
) -> None:
    """Raise when the options of an export cannot go together, before any work is done.

    Raises:
        ImagenetError: no or an unknown format (suggests the closest), an unknown parent
            policy, a parent policy with a DAG format, labels with a format that writes
            both wnids and names, a negative depth.
    """
    if fmt is None:
        raise ImagenetError(f"choose an export format: {', '.join(FORMATS)}")
    if fmt not in FORMATS:
        raise ImagenetError(
            f"no export format {fmt!r}; choose {', '.join(FORMATS)}",
            suggestions=_closest(fmt, FORMATS),
        )
    if parent_policy is not None and fmt not in TREE_FORMATS:
        raise ImagenetError(
            f"{fmt} keeps every parent of a synset (the graph is a DAG); a parent policy "
            f"applies only to the tree formats {' and '.join(TREE_FORMATS)}"
        )
    if parent_policy is not None and parent_policy not in PARENT_POLICIES:
        raise ImagenetError(
            f"no parent policy {parent_policy!r}; choose {', '.join(PARENT_POLICIES)}",
            suggestions=_closest(parent_policy, PARENT_POLICIES),
        )
    if labels is not None and fmt not in LABELLED_FORMATS:
        raise ImagenetError(
            f"{fmt} writes both wnids and names; the label choice applies only to "
            f"{' and '.join(LABELLED_FORMATS)}"
        )
    if labels is not None and labels not in ("wnid", "name"):
        raise ImagenetError(f"labels are 'wnid' or 'name', not {labels!r}")
    if depth is not None and depth < 0:
        raise ImagenetError(f"the depth must be 0 or more, not {depth}")


def plan_export(
    fmt: str,
    root: str | int | None = None,
    subset: str | Iterable[int] | None = None,
    depth: int | None = None,
    *,
    parent_policy: str | None = None,
    labels: str | None = None,
) -> tuple[ExportSummary, Iterator[str]]:
    """Select, check and count an export; its text comes from the returned iterator.

    Everything that can fail fails here, before the first chunk; the summary's counts are
    final. Arguments as for :func:`export`.
    """
    check_options(fmt, parent_policy, labels, depth)
    selection = select(root, subset, depth, details=fmt in ("json", "graphml"))
    root_wnid = _wnid(selection.root)
    if fmt in TREE_FORMATS:
        policy: ParentPolicy = parent_policy or "longest"  # type: ignore[assignment]
        cut = tree(selection, policy)
        summary = ExportSummary(
            fmt, root_wnid, cut.nodes, cut.nodes - 1, policy,
            cut.second_parents_dropped, cut.several_parents, cut.pruned,
        )  # fmt: skip
        if fmt == "newick":
            return summary, _newick(selection, cut, labels or "wnid")
        return summary, _tree_json(selection, cut)
    several = sum(1 for ps in selection.parents.values() if len(ps) > 1)
    summary = ExportSummary(
        fmt, root_wnid, len(selection.nodes), selection.edges, None, 0, several, 0
    )
    writers = {"json": _node_link, "graphml": _graphml, "csv": _csv, "isa": _isa}
    if fmt == "dot":
        return summary, _dot(selection, labels or "name")
    return summary, writers[fmt](selection)


def export(
    fmt: str,
    root: str | int | None = None,
    subset: str | Iterable[int] | None = None,
    depth: int | None = None,
    *,
    parent_policy: str | None = None,
    labels: str | None = None,
) -> Iterator[str]:
    """The text of the is-a graph (or a part) in format ``fmt``, in chunks to write in turn.

    Args:
        fmt: one of :data:`FORMATS`.
        root: the top synset, any identifier or a WordNet offset (default: entity.n.01).
        subset: a bundled list's name or WordNet offsets: keep them and their hypernyms.
        depth: keep nodes at most this many edges below the root.
        parent_policy: for ``newick`` and ``tree-json`` only: one of
            :data:`PARENT_POLICIES` (default ``longest``).
        labels: for ``newick`` (default ``wnid``) and ``dot`` (default ``name``):
            ``"wnid"`` or ``"name"``; Newick names are single-quoted.

    Returns:
        An iterator of ``str`` chunks; joined, the whole file: ending in a newline, except
        Newick, which ends in ``;`` as ``newick.dumps`` writes it (the ``newick`` package
        reads a trailing newline as a second, empty tree).

    Raises:
        ImagenetError: an unknown format or policy, a policy with a DAG format, labels with
            a format that has both, a negative depth, a subset with nothing below the root.
        NotFoundError: ``root`` or ``subset`` names nothing.

    Example:
        >>> "".join(export("isa", root="n02084071", depth=1)).splitlines()[0]
        'n02084071 n02110806'
    """
    return plan_export(fmt, root, subset, depth, parent_policy=parent_policy, labels=labels)[1]


def write_export(
    handle: IO[str],
    fmt: str,
    root: str | int | None = None,
    subset: str | Iterable[int] | None = None,
    depth: int | None = None,
    *,
    parent_policy: str | None = None,
    labels: str | None = None,
) -> ExportSummary:
    """Write :func:`export`'s text to an open text ``handle``; return what was written.

    Nothing is written when the arguments are bad (the same errors as :func:`export`).
    Errors of ``handle.write`` (``OSError``) propagate.
    """
    summary, chunks = plan_export(
        fmt, root, subset, depth, parent_policy=parent_policy, labels=labels
    )
    for chunk in chunks:
        handle.write(chunk)
    return summary


# --- writers -------------------------------------------------------------------------------


_dumps = json.JSONEncoder(ensure_ascii=False).encode  # one encoder: json.dumps with options
# builds a new one on every call

_TRUE = {True: "true", False: "false"}


def _node_link(selection: Selection) -> Iterator[str]:
    graph = {
        "root": _wnid(selection.root),
        "root_name": selection.info[selection.root].name,
        "subset": selection.subset,
        "depth": selection.depth,
        "source": "WordNet 3.0 is-a graph (hypernyms and instance hypernyms), imagenet-cli index",
    }
    yield f'{{"directed": true, "multigraph": false, "graph": {_dumps(graph)},\n"nodes": [\n'
    info = selection.info
    nodes = selection.nodes
    for start in range(0, len(nodes), 2000):
        records = [
            _dumps({
                "id": n.wnid, "name": n.name, "lemmas": list(n.lemmas), "gloss": n.gloss,
                "ilsvrc2012_index": n.ilsvrc2012_index, "classes_below": n.classes_below,
                "in21k_below": n.in21k_below,
            })
            for n in map(info.__getitem__, nodes[start : start + 2000])
        ]  # fmt: skip
        yield ",\n".join(records) + (",\n" if start + 2000 < len(nodes) else "\n")
    edges = ",\n".join(
        f'{{"source": "{info[p].wnid}", "target": "{info[c].wnid}", "instance": {_TRUE[i]}}}'
        for p, c, i in selection.edge_list()
    )
    yield f'],\n"edges": [\n{edges}\n],\n"links": [\n{edges}\n]}}\n'


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_GRAPHML_KEYS = (
    ("label", "node", "string"), ("name", "node", "string"), ("lemmas", "node", "string"),
    ("gloss", "node", "string"), ("ilsvrc2012_index", "node", "int"),
    ("classes_below", "node", "int"), ("in21k_below", "node", "int"),
    ("instance", "edge", "boolean"),
)  # fmt: skip


def _graphml(selection: Selection) -> Iterator[str]:
    yield (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
        'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
    )
    for key, kind, typ in _GRAPHML_KEYS:
        yield f'  <key id="{key}" for="{kind}" attr.name="{key}" attr.type="{typ}"/>\n'
    yield '  <graph id="imagenet" edgedefault="directed">\n'
    for offset in selection.nodes:
        n = selection.info[offset]
        name = _xml(n.name)
        index = (
            "" if n.ilsvrc2012_index is None
            else f'<data key="ilsvrc2012_index">{n.ilsvrc2012_index}</data>'
        )  # fmt: skip
        yield (
            f'    <node id="{n.wnid}"><data key="label">{name}</data>'
            f'<data key="name">{name}</data>'
            f'<data key="lemmas">{_xml(";".join(n.lemmas))}</data>'
            f'<data key="gloss">{_xml(n.gloss)}</data>{index}'
            f'<data key="classes_below">{n.classes_below}</data>'
            f'<data key="in21k_below">{n.in21k_below}</data></node>\n'
        )
    info = selection.info
    for p, c, instance in selection.edge_list():
        yield (
            f'    <edge source="{info[p].wnid}" target="{info[c].wnid}">'
            f'<data key="instance">{_TRUE[instance]}</data></edge>\n'
        )
    yield "  </graph>\n</graphml>\n"


def _dot_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _dot(selection: Selection, labels: str) -> Iterator[str]:
    root = selection.info[selection.root]
    yield (
        f"digraph {_dot_quote('imagenet ' + root.name)} {{\n"
        "  graph [rankdir=LR];\n"
        '  node [shape=box, fontname="Helvetica", fontsize=10];\n'
    )
    for offset in selection.nodes:
        n = selection.info[offset]
        label = n.name if labels == "name" else n.wnid
        style = "" if n.ilsvrc2012_index is None else ", style=filled, fillcolor=palegreen"
        yield f"  {_dot_quote(n.wnid)} [label={_dot_quote(label)}{style}];\n"
    info = selection.info
    for p, c, instance in selection.edge_list():
        dashed = " [style=dashed]" if instance else ""
        yield f'  "{info[p].wnid}" -> "{info[c].wnid}"{dashed};\n'  # wnids need no escapes
    yield "}\n"


def _csv(selection: Selection) -> Iterator[str]:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["parent", "child", "parent_name", "child_name"])
    info = selection.info
    for i, (p, c, _instance) in enumerate(selection.edge_list()):
        writer.writerow([info[p].wnid, info[c].wnid, info[p].name, info[c].name])
        if i % 2000 == 1999:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _isa(selection: Selection) -> Iterator[str]:
    info = selection.info
    lines = [f"{info[p].wnid} {info[c].wnid}\n" for p, c, _ in selection.edge_list()]
    for start in range(0, len(lines), 2000):
        yield "".join(lines[start : start + 2000])


def _newick_name(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def _newick(selection: Selection, cut: Tree, labels: str) -> Iterator[str]:
    info = selection.info

    def label(offset: int) -> str:
        n = info[offset]
        return n.wnid if labels == "wnid" else _newick_name(n.name)

    parts: list[str] = []

    def emit(offset: int) -> None:  # recursion depth is the tree's height (at most 19)
        below = cut.children.get(offset, ())
        if below:
            parts.append("(")
            for i, child in enumerate(below):
                if i:
                    parts.append(",")
                emit(child)
            parts.append(")")
        parts.append(label(offset))

    emit(cut.root)
    parts.append(";")  # no newline: the newick package reads one as a second, empty tree
    yield "".join(parts)


def _tree_json(selection: Selection, cut: Tree) -> Iterator[str]:
    info = selection.info
    parts: list[str] = []

    def emit(offset: int) -> None:
        n = info[offset]
        parts.append(f'{{"name": {_dumps(n.name)}, "wnid": "{n.wnid}"')
        if n.ilsvrc2012_index is not None:
            parts.append(f', "ilsvrc2012_index": {n.ilsvrc2012_index}')
        below = cut.children.get(offset, ())
        if below:
            parts.append(', "children": [')
            for i, child in enumerate(below):
                if i:
                    parts.append(", ")
                emit(child)
            parts.append("]")
        parts.append("}")

    emit(cut.root)
    parts.append("\n")
    yield "".join(parts)


# --- statistics ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HierarchyStats:
    """Shape of the is-a graph (or a part): counts, multiple inheritance, leaf depths.

    Paths and depths are counted inside the selection, from its root; for the whole index
    or a subset's closure (which hold every hypernym) they equal NLTK's ``hypernym_paths``,
    ``min_depth`` and ``max_depth``.

    Attributes:
        root: wnid of the root; ``root_name`` its WordNet name.
        subset: the list the selection was made for, or None.
        roots: wnids of the nodes without a parent in the selection (the root alone).
        nodes, edges: synsets, and parent -> child edges between them.
        leaves: nodes without a child in the selection.
        classes: ILSVRC-2012 classes in the selection.
        several_parents: nodes with more than one parent in the selection.
        several_paths: nodes with more than one path from the root.
        classes_several_paths: ILSVRC-2012 classes with more than one path from the root.
        most_paths: ``(wnid, name, paths)`` of the node with the most paths from the root.
        leaf_min_depth: ``(depth, leaves)`` pairs, depth ascending: the leaves by their
            fewest edges from the root.
        leaf_max_depth: the same by their most edges from the root.
        widest: ``(wnid, name, children)`` of the ten nodes with most children, most first.
    """

    root: str
    root_name: str
    subset: str | None
    roots: tuple[str, ...]
    nodes: int
    edges: int
    leaves: int
    classes: int
    several_parents: int
    several_paths: int
    classes_several_paths: int
    most_paths: tuple[str, str, int]
    leaf_min_depth: tuple[tuple[int, int], ...]
    leaf_max_depth: tuple[tuple[int, int], ...]
    widest: tuple[tuple[str, str, int], ...]


def _histogram(values: Iterable[int]) -> tuple[tuple[int, int], ...]:
    counts: dict[int, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return tuple(sorted(counts.items()))


def stats(
    root: str | int | None = None, subset: str | Iterable[int] | None = None
) -> HierarchyStats:
    """Count the nodes, edges, leaves, multiple parents and paths of a part of the graph.

    Args:
        root: the top synset (any identifier or a WordNet offset); default entity.n.01.
        subset: a bundled list's name or WordNet offsets: their closure under hypernyms.

    Raises:
        ImagenetError, NotFoundError: as for :func:`select`.

    Example:
        >>> stats(subset="ilsvrc2012").leaves
        1000
    """
    selection = select(root, subset)
    info = selection.info
    order = _topological(selection)
    paths = {selection.root: 1}
    parents = selection.parents
    for here in order[1:]:
        paths[here] = sum([paths[p] for p in parents[here]])
    low, high = _depths(selection, order)
    leaves = [n for n in selection.nodes if n not in selection.children]
    several_paths = [n for n, count in paths.items() if count > 1]
    most = max(selection.nodes, key=paths.__getitem__)  # the first in node order of ties
    widest = sorted(
        selection.children.items(), key=lambda item: (-len(item[1]), info[item[0]].name)
    )
    top = info[selection.root]
    return HierarchyStats(
        root=top.wnid,
        root_name=top.name,
        subset=selection.subset,
        roots=tuple(info[n].wnid for n in selection.nodes if n not in selection.parents),
        nodes=len(selection.nodes),
        edges=selection.edges,
        leaves=len(leaves),
        classes=sum(1 for n in selection.nodes if info[n].ilsvrc2012_index is not None),
        several_parents=sum(1 for ps in selection.parents.values() if len(ps) > 1),
        several_paths=len(several_paths),
        classes_several_paths=sum(1 for n in several_paths if info[n].ilsvrc2012_index is not None),
        most_paths=(info[most].wnid, info[most].name, paths[most]),
        leaf_min_depth=_histogram(low[n] for n in leaves),
        leaf_max_depth=_histogram(high[n] for n in leaves),
        widest=tuple((info[p].wnid, info[p].name, len(cs)) for p, cs in widest[:10]),
    )
