"""Distances between classes in the WordNet 3.0 hierarchy (or a user's tree).

Metrics, for two synsets ``a != b`` (0 when ``a == b``):

* ``lca-height``: ``H - max_depth(LCA(a, b))``, the LCA being NLTK's
  ``lowest_common_hypernyms`` (the common hypernyms of largest ``max_depth``) and ``H`` the
  largest ``max_depth`` in the chosen set (18 for the ILSVRC-2012 classes). This is the
  "height of the lowest common ancestor" that Bertinetto et al., *Making Better Mistakes*
  (CVPR 2020, arXiv 1912.09393) use as mistake severity; on a user's tree (MBM's
  ``imagenet_isa.txt``) ``H - depth(LCA)`` reproduces their released distances.
* ``path``: NLTK's ``shortest_path_distance`` (edges through a common hypernym).
* ``wup``: ``1 - wup_similarity`` as NLTK 3.10 computes it (0 on the diagonal).

Data sources: ``data/imagenet.sqlite`` (the hierarchy), ``data/ilsvrc2012_lca_height.bin``
(the 1000-class lca-height matrix, precomputed from NLTK by scripts/eval_data.py) and
``data/eval.json`` (Making Better Mistakes' three rewired edges, ``--fix-abstract``).
"""

from __future__ import annotations

import os
from array import array
from collections import Counter, deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import Any

from imagenet_cli._errors import ImagenetError
from imagenet_cli._resources import load_json

#: Largest set a distance matrix is computed for (a 2,500-class matrix has 3 million pairs).
MAX_CLASSES = 2500


class Metric(str, Enum):
    """How the distance of two classes is measured."""

    LCA_HEIGHT = "lca-height"
    PATH = "path"
    WUP = "wup"


DEFINITIONS = {
    Metric.LCA_HEIGHT: (
        "lca-height: D(a, b) = H - max_depth(LCA(a, b)) for a != b, 0 on the diagonal; LCA is "
        "NLTK's lowest_common_hypernyms (deepest common hypernym by max_depth) and H the "
        "largest max_depth in the set: the height of the lowest common ancestor used as "
        "mistake severity by Bertinetto et al., Making Better Mistakes (CVPR 2020)."
    ),
    Metric.PATH: "path: NLTK's shortest_path_distance, the fewest is-a edges from a up to a "
    "common hypernym and down to b.",
    Metric.WUP: "wup: 1 - NLTK's wup_similarity (Wu-Palmer: 2 * depth(subsumer) / "
    "(len(a) + len(b)), with NLTK 3.10's choice of subsumer), 0 on the diagonal (where NLTK "
    "can give a synset with two hypernyms a similarity to itself below 1).",
}
TREE_DEFINITION = (
    "lca-height on the tree of {source}: D(a, b) = H - depth(LCA(a, b)) for a != b, depth "
    "counted from the tree's root and H the largest depth in the set."
)


@dataclass(frozen=True, slots=True)
class Rewire:
    """One is-a edge moved by ``--fix-abstract`` (Making Better Mistakes' EDGE_REPLACE)."""

    child: str
    child_name: str
    old_parent: str
    old_parent_name: str
    new_parent: str
    new_parent_name: str


@dataclass(frozen=True, slots=True)
class DistanceMatrix:
    """A square matrix of distances between classes.

    Attributes:
        wnids: the row (= column) labels, in row order (wnids, or a user tree's labels).
        metric: how distances were measured.
        values: ``n * n`` distances, row-major (``array`` of type ``B``/``H`` for whole
            numbers, ``d`` for wup). Treat as read-only.
        height: ``H`` of ``lca-height``, else ``None``.
        hierarchy: ``"WordNet 3.0"`` or the path of the user's tree.
        rewired: the edges moved by ``--fix-abstract`` (empty without it).
        definition: the metric's definition in words.
    """

    wnids: tuple[str, ...]
    metric: Metric
    values: Any
    height: int | None
    hierarchy: str
    rewired: tuple[Rewire, ...]
    definition: str

    @property
    def names(self) -> tuple[str, ...]:
        """WordNet names of the rows (the label itself where it is no indexed synset)."""
        return display_names(self.wnids)

    @property
    def size(self) -> int:
        """Rows (= columns)."""
        return len(self.wnids)

    def distance(self, i: int, j: int) -> float:
        """The distance of rows ``i`` and ``j``."""
        value: float = self.values[i * len(self.wnids) + j]
        return value

    def rows(self) -> list[list[float]]:
        """The matrix as a list of rows."""
        n = len(self.wnids)
        return [list(self.values[i * n : (i + 1) * n]) for i in range(n)]


@cache
def display_names(labels: tuple[str, ...]) -> tuple[str, ...]:
    """The WordNet name of each wnid in the index; any other label as it is."""
    from imagenet_cli.index import _queries as q

    found = q.names_of_wnids(sorted(set(labels)))
    return tuple(found.get(label, label) for label in labels)


# --- the graph -------------------------------------------------------------------------


class _Graph:
    """An is-a graph given by a parents function, with NLTK's depths and distances."""

    def __init__(self, parents: Callable[[str], tuple[str, ...]], name: Callable[[str], str]):
        self._parents = parents
        self.name = name
        self._max: dict[str, int] = {}
        self._min: dict[str, int] = {}
        self._up: dict[str, dict[str, int]] = {}

    def parents(self, node: str) -> tuple[str, ...]:
        return self._parents(node)

    def up(self, node: str) -> dict[str, int]:
        """Fewest edges from ``node`` to each of its hypernyms and itself (breadth first)."""
        found = self._up.get(node)
        if found is None:
            found = {}
            queue = deque([(node, 0)])
            while queue:
                here, depth = queue.popleft()
                if here in found:
                    continue
                found[here] = depth
                queue.extend((p, depth + 1) for p in self._parents(here))
            self._up[node] = found
        return found

    def max_depth(self, node: str) -> int:
        """The longest path from ``node`` up to a root (NLTK's ``max_depth``)."""
        if node not in self._max:
            order = [node]
            seen = {node}
            stack = [node]
            while stack:  # iterative: user trees may be deep
                for p in self._parents(stack.pop()):
                    if p not in seen:
                        seen.add(p)
                        order.append(p)
                        stack.append(p)
            for here in self._topological(order):
                ps = self._parents(here)
                self._max[here] = 1 + max(self._max[p] for p in ps) if ps else 0
                self._min[here] = 1 + min(self._min[p] for p in ps) if ps else 0
        return self._max[node]

    def min_depth(self, node: str) -> int:
        """The shortest path from ``node`` up to a root (NLTK's ``min_depth``)."""
        self.max_depth(node)
        return self._min[node]

    def _topological(self, nodes: list[str]) -> list[str]:
        """``nodes`` with every parent before its children (roots first); cycles raise."""
        todo = [n for n in nodes if n not in self._max]
        state: dict[str, int] = {}
        out: list[str] = []
        for start in todo:
            if start in state:
                continue
            stack: list[tuple[str, int]] = [(start, 0)]
            while stack:
                here, i = stack.pop()
                if i == 0:
                    if state.get(here) == 2 or here in self._max:
                        continue
                    state[here] = 1
                ps = self._parents(here)
                if i < len(ps):
                    stack.append((here, i + 1))
                    p = ps[i]
                    if state.get(p) == 1:
                        raise ImagenetError(f"the hierarchy has a cycle through {p}")
                    if state.get(p) != 2 and p not in self._max:
                        stack.append((p, 0))
                else:
                    state[here] = 2
                    out.append(here)
        return out

    def path(self, a: str, b: str) -> int:
        if a == b:
            return 0
        up_a, up_b = self.up(a), self.up(b)
        if len(up_b) < len(up_a):
            up_a, up_b = up_b, up_a
        best = min((d + up_b[o] for o, d in up_a.items() if o in up_b), default=None)
        if best is None:
            raise ImagenetError(f"{self.name(a)} and {self.name(b)} have no common ancestor")
        return best


@cache
def _mbm_edges() -> tuple[tuple[Rewire, tuple[str, ...]], ...]:
    """MBM's edges with the hypernyms of each new parent (from data/eval.json)."""
    return tuple(
        (
            Rewire(e["child"], e["child_name"], e["old_parent"], e["old_parent_name"],
                   e["new_parent"], e["new_parent_name"]),
            tuple(e["new_parent_hypernyms"]),
        )
        for e in load_json("eval.json")["mbm_rewired"]
    )  # fmt: skip


def _wordnet_graph(fix_abstract: bool) -> tuple[_Graph, tuple[Rewire, ...]]:
    from imagenet_cli.index import hierarchy

    moved: dict[str, tuple[str, str]] = {}  # child -> (old parent, new parent)
    extra: dict[str, tuple[str, ...]] = {}  # new parents outside the index -> hypernyms
    extra_names: dict[str, str] = {}
    rewired: list[Rewire] = []
    if fix_abstract:
        for rewire, above in _mbm_edges():
            moved[rewire.child] = (rewire.old_parent, rewire.new_parent)
            extra[rewire.new_parent] = above
            extra_names[rewire.new_parent] = rewire.new_parent_name
            rewired.append(rewire)

    @cache
    def parents(wnid: str) -> tuple[str, ...]:
        offset = int(wnid[1:])
        try:
            found = tuple(f"n{p:08d}" for p in hierarchy.parents(offset))
            hierarchy.node(offset)
        except LookupError:  # NotFound: not in the index
            if wnid in extra:
                return extra[wnid]
            raise ImagenetError(f"{wnid} is not in the synset index") from None
        if wnid in moved:
            old, new = moved[wnid]
            found = tuple(new if p == old else p for p in found)
        return found

    def name(wnid: str) -> str:
        if wnid in extra_names:
            try:
                return hierarchy.name(int(wnid[1:]))
            except LookupError:  # NotFound: not in the index
                return extra_names[wnid]
        return hierarchy.name(int(wnid[1:]))

    graph = _Graph(parents, name)
    if not fix_abstract:
        graph._max.update(_index_depths()[0])
        graph._min.update(_index_depths()[1])
    return graph, tuple(rewired)


@cache
def _index_depths() -> tuple[dict[str, int], dict[str, int]]:
    """NLTK's ``max_depth`` and ``min_depth`` of every indexed synset, by wnid."""
    from imagenet_cli.index import _queries as q

    most: dict[str, int] = {}
    least: dict[str, int] = {}
    for offset, high, low in q.depth_rows():
        most[f"n{offset:08d}"] = high
        least[f"n{offset:08d}"] = low
    return most, least


def read_hierarchy(path: str | os.PathLike[str]) -> dict[str, tuple[str, ...]]:
    """A user's is-a file: one ``parent child`` pair per line (MBM's ``*_isa.txt``,
    ImageNet's ``wordnet.is_a.txt``); blank lines and ``#`` comments are skipped.

    Returns:
        ``{child: (parent, ...)}`` in file order.

    Raises:
        ImagenetError: the file cannot be read, a line does not hold two fields, or it
            holds no edge.
    """
    try:
        with open(path, encoding="utf-8-sig") as handle:
            lines = handle.read().splitlines()
    except OSError as error:
        raise ImagenetError(f"cannot read {os.fspath(path)}: {error.strerror}") from None
    except UnicodeDecodeError:
        raise ImagenetError(f"{os.fspath(path)} is not UTF-8 text") from None
    parents: dict[str, list[str]] = {}
    for number, line in enumerate(lines, 1):
        text = line.split("#", 1)[0].strip()
        if not text:
            continue
        fields = text.split()
        if len(fields) != 2:
            raise ImagenetError(
                f"{os.fspath(path)} line {number}: expected 'parent child', got {line.strip()!r}"
            )
        parent, child = fields
        if parent == child:
            raise ImagenetError(f"{os.fspath(path)} line {number}: {child} is its own parent")
        known = parents.setdefault(child, [])
        if parent not in known:
            known.append(parent)
    if not parents:
        raise ImagenetError(f"{os.fspath(path)} holds no 'parent child' line")
    return {child: tuple(ps) for child, ps in parents.items()}


def _tree_graph(
    edges: dict[str, tuple[str, ...]], fix_abstract: bool
) -> tuple[_Graph, tuple[Rewire, ...], set[str]]:
    nodes = set(edges) | {p for ps in edges.values() for p in ps}
    rewired = []
    if fix_abstract:
        edges = dict(edges)
        for rewire, _above in _mbm_edges():
            ps = edges.get(rewire.child, ())
            if rewire.old_parent in ps and rewire.new_parent in nodes:
                edges[rewire.child] = tuple(
                    rewire.new_parent if p == rewire.old_parent else p for p in ps
                )
                rewired.append(rewire)

    def name(label: str) -> str:
        from imagenet_cli.index import hierarchy

        if len(label) == 9 and label[0] == "n" and label[1:].isdigit():
            try:
                return hierarchy.name(int(label[1:]))
            except LookupError:  # NotFound: not in the index
                pass
        return label

    return _Graph(lambda label: edges.get(label, ()), name), tuple(rewired), nodes


def read_wnid_lines(path: str | os.PathLike[str]) -> tuple[str, ...]:
    """Synset IDs from a file, one a line (``-`` reads stdin); blank and ``#`` lines skipped.

    Raises:
        ImagenetError: the file cannot be read or is not UTF-8 text.
    """
    import sys

    try:
        if os.fspath(path) == "-":
            text = sys.stdin.read()
        else:
            with open(path, encoding="utf-8-sig") as handle:
                text = handle.read()
    except OSError as error:
        raise ImagenetError(f"cannot read {os.fspath(path)}: {error.strerror}") from None
    except UnicodeDecodeError:
        raise ImagenetError(f"{os.fspath(path)} is not UTF-8 text") from None
    lines = (line.strip() for line in text.splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


# --- the sets ----------------------------------------------------------------------------


def class_set(
    *, set_name: str | None = None, subset: str | None = None, wnids: Sequence[str] | None = None
) -> tuple[str, ...]:
    """The wnids a matrix is made for: the ILSVRC-2012 classes (``set_name='ilsvrc2012'``,
    the default, index order), a bundled list (``subset``, list order) or given wnids.

    Raises:
        ImagenetError: more than one choice, an empty or duplicated set, a list beyond
            ``MAX_CLASSES``.
        NotFoundError: no bundled list has that name, or an identifier matches nothing.
    """
    chosen = [c for c in (set_name, subset, wnids) if c is not None]
    if len(chosen) > 1:
        raise ImagenetError("give one set: a set name, a bundled list or a list of wnids")
    if wnids is not None:
        from imagenet_cli.index.identifiers import resolve

        found = []
        for text in wnids:
            value = text.strip()
            if len(value) == 9 and value[0] == "n" and value[1:].isdigit():
                found.append(value)
            else:
                found.append(resolve(value).wnid)
        result = tuple(found)
    elif subset is not None:
        from imagenet_cli.index.synsets import subset_members

        result = tuple(f"n{o:08d}" for o in subset_members(subset))
    else:
        if set_name not in (None, "ilsvrc2012"):
            from imagenet_cli._errors import NotFoundError

            raise NotFoundError("set", str(set_name), ["ilsvrc2012"])
        result = _ilsvrc_wnids()
    if not result:
        raise ImagenetError("the set of classes is empty")
    duplicated = [w for w, n in Counter(result).items() if n > 1]
    if duplicated:
        raise ImagenetError(f"the set lists {duplicated[0]} more than once")
    if len(result) > MAX_CLASSES:
        raise ImagenetError(
            f"the set has {len(result):,} synsets; distance matrices are limited to "
            f"{MAX_CLASSES:,} (a matrix grows with the square)"
        )
    return result


# --- the matrix --------------------------------------------------------------------------


@cache
def _bundled_lca_height() -> bytes:
    from imagenet_cli.eval.labels import _read

    return _read("ilsvrc2012_lca_height.bin")


@cache
def _bundled_height() -> int:
    height: int = load_json("eval.json")["lca_height"]["H"]
    return height


def distance_matrix(
    wnids: Sequence[str] | None = None,
    *,
    metric: Metric | str = Metric.LCA_HEIGHT,
    hierarchy: str | os.PathLike[str] | None = None,
    fix_abstract: bool = False,
) -> DistanceMatrix:
    """The distances between every two classes of a set.

    Args:
        wnids: the rows, in order (default: the 1000 ILSVRC-2012 classes in index order);
            see :func:`class_set`.
        metric: ``lca-height`` (default), ``path`` or ``wup``.
        hierarchy: a user's ``parent child`` file (:func:`read_hierarchy`) to use instead
            of WordNet 3.0.
        fix_abstract: move Making Better Mistakes' three edges (street sign and traffic
            light under signboard.n.01, ball.n.03 under sphere.n.02); the moved edges are
            listed in ``rewired``.

    Returns:
        A :class:`DistanceMatrix` (``n * n`` values). The default (1000 classes,
        ``lca-height``, WordNet) is read from the bundled matrix; others take seconds.

    Raises:
        ImagenetError: an unknown metric, a wnid missing from the hierarchy, two classes
            without a common ancestor, a cycle, or a set beyond ``MAX_CLASSES``.
    """
    try:
        metric = Metric(metric)
    except ValueError:
        raise ImagenetError(f"no metric {metric!r}: choose lca-height, path or wup") from None
    rows = tuple(wnids) if wnids is not None else class_set()
    plain = hierarchy is None and not fix_abstract and metric is Metric.LCA_HEIGHT
    if plain and rows == _ilsvrc_wnids():  # the bundled matrix as it is
        values = array("B", _bundled_lca_height())
        return DistanceMatrix(rows, metric, values, _bundled_height(), "WordNet 3.0", (),
                              DEFINITIONS[metric])  # fmt: skip
    if hierarchy is not None:
        graph, rewired, nodes = _tree_graph(read_hierarchy(hierarchy), fix_abstract)
        source = os.fspath(hierarchy)
        missing = [w for w in rows if w not in nodes]
        if missing:
            raise ImagenetError(
                f"{len(missing)} of the {len(rows)} classes are not in {source}, "
                f"such as {missing[0]}"
            )
    else:
        graph, rewired = _wordnet_graph(fix_abstract)
        source = "WordNet 3.0"
    n = len(rows)
    if metric is Metric.LCA_HEIGHT:
        depth = {w: graph.max_depth(w) for w in rows}
        height = max(depth.values())
        default = hierarchy is None and not fix_abstract
        values = _lca_values(graph, rows, height, default)
        definition = (
            DEFINITIONS[metric] if hierarchy is None else TREE_DEFINITION.format(source=source)
        )
        return DistanceMatrix(rows, metric, values, height, source, rewired, definition)
    out: Any
    if metric is Metric.PATH:
        out = array("H", bytes(2 * n * n))
        for i in range(n):
            for j in range(i + 1, n):
                out[i * n + j] = out[j * n + i] = graph.path(rows[i], rows[j])
    else:
        out = _wup_values(graph, rows)
    return DistanceMatrix(rows, metric, out, None, source, rewired, DEFINITIONS[metric])


def _wup_values(graph: _Graph, rows: tuple[str, ...]) -> Any:
    """``1 - wup`` for every ordered pair, as NLTK 3.10's ``wup_similarity`` for nouns (see
    ``imagenet_cli.index.hierarchy.wup_similarity``): the subsumer is the common hypernym of
    greatest ``min_depth`` (the first by name, or the synset itself when it is one), its
    depth its ``max_depth`` + 1. Each row's hypernyms and each (row, subsumer) path length
    are computed once."""
    n = len(rows)
    out = array("d", bytes(8 * n * n))
    above = [{o: graph.min_depth(o) for o in graph.up(w)} for w in rows]
    paths: dict[tuple[str, str], int] = {}

    def path(a: str, s: str) -> int:
        found = paths.get((a, s))
        if found is None:
            found = paths[(a, s)] = graph.path(a, s)
        return found

    for i in range(n):
        a, up_a = rows[i], above[i]
        for j in range(i + 1, n):
            b, up_b = rows[j], above[j]
            common = [(d, o) for o, d in up_a.items() if o in up_b]
            if not common:
                raise ImagenetError(f"{graph.name(a)} and {graph.name(b)} have no common ancestor")
            deepest = max(common)[0]
            subsumers = [o for d, o in common if d == deepest]
            first = min(subsumers, key=graph.name) if len(subsumers) > 1 else subsumers[0]
            # NLTK prefers the first synset itself as subsumer, so a -> b and b -> a differ
            # only when one of them is a subsumer
            for x, y, k in ((a, b, i * n + j), (b, a, j * n + i)):
                s = x if x in subsumers else first
                depth = graph.max_depth(s) + 1
                out[k] = 1.0 - (2.0 * depth) / (path(x, s) + path(y, s) + 2 * depth)
    return out


def _lca_values(graph: _Graph, rows: tuple[str, ...], height: int, default: bool) -> Any:
    n = len(rows)
    if default:
        index = _ilsvrc_positions()
        if all(w in index for w in rows):
            bundled = _bundled_lca_height()
            out = array("B", bytes(n * n))
            where = [index[w] for w in rows]
            for i, a in enumerate(where):
                base = a * 1000
                for j, b in enumerate(where):
                    if i != j:
                        out[i * n + j] = bundled[base + b] - (_bundled_height() - height)
            return out
    out = array("B" if height < 256 else "H", bytes(n * n * (1 if height < 256 else 2)))
    # each row's hypernyms with their max_depth, once; then per pair the deepest common one
    above = [{o: graph.max_depth(o) for o in graph.up(w)} for w in rows]
    for i in range(n):
        up_i = above[i]
        for j in range(i + 1, n):
            up_j = above[j]
            deepest = max((d for o, d in up_i.items() if o in up_j), default=None)
            if deepest is None:
                raise ImagenetError(
                    f"{graph.name(rows[i])} and {graph.name(rows[j])} have no common ancestor"
                )
            out[i * n + j] = out[j * n + i] = height - deepest
    return out


@cache
def _ilsvrc_wnids() -> tuple[str, ...]:
    """The 1000 class wnids in index order: the rows of the bundled matrix, kept in
    eval.json so that the default matrix needs no query of the index."""
    return tuple(load_json("eval.json")["ilsvrc2012_wnids"])


@cache
def _ilsvrc_positions() -> dict[str, int]:
    return {w: i for i, w in enumerate(_ilsvrc_wnids())}


# --- statistics --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Pair:
    """Two rows of a matrix and their distance."""

    a: str
    a_name: str
    b: str
    b_name: str
    distance: float


@dataclass(frozen=True, slots=True)
class MatrixStats:
    """Summary of the off-diagonal distances (each unordered pair once)."""

    pairs: int
    mean: float
    minimum: float
    maximum: float
    histogram: tuple[tuple[float, int], ...]  # (value, pairs); wup binned to 0.1
    closest: tuple[Pair, ...]
    farthest: tuple[Pair, ...]
    closest_count: int
    farthest_count: int
    definition: str


def matrix_stats(matrix: DistanceMatrix, examples: int = 5) -> MatrixStats:
    """Histogram, mean and extreme pairs of a matrix's off-diagonal distances.

    Raises:
        ImagenetError: the matrix has fewer than two rows.
    """
    n = matrix.size
    if n < 2:
        raise ImagenetError("a matrix of one class has no pairs")
    values = matrix.values
    counts: Counter[float] = Counter()
    total = 0.0
    for i in range(n):
        row = values[i * n + i + 1 : (i + 1) * n]
        total += sum(row)
        if matrix.metric is Metric.WUP:
            counts.update(round(int(v * 10) / 10, 1) for v in row)
        else:
            counts.update(row)
    pairs = n * (n - 1) // 2
    low = min(min(values[i * n + i + 1 : (i + 1) * n]) for i in range(n - 1))
    high = max(max(values[i * n + i + 1 : (i + 1) * n]) for i in range(n - 1))

    names = matrix.names

    def find(target: float) -> tuple[tuple[Pair, ...], int]:
        found: list[Pair] = []
        count = 0
        for i in range(n):
            for j in range(i + 1, n):
                if values[i * n + j] == target:
                    count += 1
                    if len(found) < examples:
                        found.append(Pair(matrix.wnids[i], names[i], matrix.wnids[j],
                                          names[j], values[i * n + j]))  # fmt: skip
        return tuple(found), count

    closest, closest_count = find(low)
    farthest, farthest_count = find(high)
    return MatrixStats(
        pairs=pairs,
        mean=total / pairs,
        minimum=low,
        maximum=high,
        histogram=tuple(sorted(counts.items())),
        closest=closest,
        farthest=farthest,
        closest_count=closest_count,
        farthest_count=farthest_count,
        definition=matrix.definition,
    )
