"""Exports of the is-a graph read back by real readers, and its statistics, against NLTK.

Oracles: WordNet 3.0 through NLTK (the ``wn`` fixture), the class and 21k lists of the
timm wheel, networkx (node-link JSON with either edge key, GraphML), the ``newick``
package, and Graphviz's ``dot``.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import zipfile
from collections import Counter
from typing import Any

import pytest

from imagenet_cli._errors import ImagenetError, NotFoundError
from imagenet_cli.index.export import (
    DOT_LAYOUT_LIMIT,
    FORMATS,
    export,
    plan_export,
    stats,
    write_export,
)
from tests.conftest import timm_list

nx = pytest.importorskip("networkx")
newick = pytest.importorskip("newick")


def _wnid(synset: Any) -> str:
    return f"n{synset.offset():08d}"


def _up(synset: Any) -> list[Any]:
    return synset.hypernyms() + synset.instance_hypernyms()


def _text(*args: Any, **kwargs: Any) -> str:
    return "".join(export(*args, **kwargs))


class Oracle:
    """A part of WordNet 3.0 computed by NLTK alone: nodes and hypernym -> hyponym edges."""

    def __init__(self, wn: Any, wnids: set[str]) -> None:
        self.nodes: dict[str, Any] = {}
        for wnid in wnids:
            synset = wn.synset_from_pos_and_offset("n", int(wnid[1:]))
            self.nodes[wnid] = synset
            for above in synset.closure(_up):
                self.nodes[_wnid(above)] = above
        self.edges = {(_wnid(p), w) for w, s in self.nodes.items() for p in _up(s)}
        self.children: dict[str, set[str]] = {}
        for parent, child in self.edges:
            self.children.setdefault(parent, set()).add(child)
        self.leaves = {w for w in self.nodes if w not in self.children}


@pytest.fixture(scope="module")
def class_wnids(timm_wheel: zipfile.ZipFile) -> set[str]:
    return set(timm_list(timm_wheel, "imagenet_synsets.txt"))


@pytest.fixture(scope="module")
def closure(wn: Any, class_wnids: set[str]) -> Oracle:
    """The 1000 classes and every hypernym above them, by NLTK."""
    return Oracle(wn, class_wnids)


@pytest.fixture(scope="module")
def everything(wn: Any, timm_wheel: zipfile.ZipFile) -> Oracle:
    """Every synset of timm's ImageNet lists and every hypernym above them, by NLTK."""
    wnids: set[str] = set()
    for name in timm_wheel.namelist():
        if name.startswith("timm/data/_info/") and name.endswith("_synsets.txt"):
            wnids |= set(timm_list(timm_wheel, name.rsplit("/", 1)[1]))
    return Oracle(wn, wnids)


@pytest.fixture(scope="module")
def whole_json() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(_text("json"))
    return data


# --- node-link JSON and GraphML through networkx --------------------------------------------


def test_node_link_json_reads_with_either_edge_key(whole_json: dict[str, Any]) -> None:
    assert whole_json["edges"] == whole_json["links"]
    default = nx.node_link_graph(whole_json)  # networkx 3.6 reads "edges"
    links = nx.node_link_graph({k: v for k, v in whole_json.items() if k != "edges"}, edges="links")
    for graph in (default, links):
        assert graph.is_directed() and not graph.is_multigraph()
        assert nx.is_directed_acyclic_graph(graph)
        assert [n for n, d in graph.in_degree() if d == 0] == ["n00001740"]
    assert set(default.edges) == set(links.edges)


def test_node_link_json_is_wordnet(whole_json: dict[str, Any], everything: Oracle) -> None:
    graph = nx.node_link_graph(whole_json)
    assert set(graph.nodes) == set(everything.nodes)
    assert set(graph.edges) == everything.edges
    for wnid in ("n02084071", "n02110806", "n09246464"):  # dog, basenji, cliff
        synset, attrs = everything.nodes[wnid], graph.nodes[wnid]
        assert attrs["name"] == synset.name()
        assert attrs["lemmas"] == synset.lemma_names()
        assert attrs["gloss"] == synset.definition()
    instances = {(p, c) for p, c, i in graph.edges(data="instance") if i}
    expected = {(_wnid(p), w) for w, s in everything.nodes.items() for p in s.instance_hypernyms()}
    assert instances == expected


def test_node_link_class_index_is_the_sorted_wnid_order(
    whole_json: dict[str, Any], class_wnids: set[str]
) -> None:
    indexed = {n["id"]: n["ilsvrc2012_index"] for n in whole_json["nodes"]}
    assert {w: i for w, i in indexed.items() if i is not None} == {
        w: i for i, w in enumerate(sorted(class_wnids))
    }


def test_graphml_reads_back_typed(tmp_path: Any, closure: Oracle, class_wnids: set[str]) -> None:
    path = tmp_path / "closure.graphml"
    with open(path, "w", encoding="utf-8") as handle:
        summary = write_export(handle, "graphml", subset="ilsvrc2012")
    graph = nx.read_graphml(path)
    assert (summary.nodes, summary.edges) == (len(closure.nodes), len(closure.edges))
    assert set(graph.nodes) == set(closure.nodes)
    assert set(graph.edges) == closure.edges
    order = sorted(class_wnids)
    for wnid, attrs in graph.nodes(data=True):
        synset = closure.nodes[wnid]
        assert attrs["name"] == attrs["label"] == synset.name()
        assert attrs["lemmas"] == ";".join(synset.lemma_names())
        assert attrs["gloss"] == synset.definition()
        assert isinstance(attrs["classes_below"], int)
        if wnid in class_wnids:
            assert attrs["ilsvrc2012_index"] == order.index(wnid)
        else:
            assert "ilsvrc2012_index" not in attrs
    assert all(isinstance(i, bool) for _, _, i in graph.edges(data="instance"))


def test_graphml_has_no_list_or_null_values() -> None:
    text = _text("graphml", subset="ilsvrc2012")
    assert "None" not in text and "null" not in text and "[" not in text
    assert re.findall(r'attr\.type="(\w+)"', text) == ["string"] * 4 + ["int"] * 3 + ["boolean"]


# --- DAG text formats ------------------------------------------------------------------------


def test_isa_is_every_edge_parent_space_child(everything: Oracle) -> None:
    lines = _text("isa").splitlines()
    assert all(re.fullmatch(r"n\d{8} n\d{8}", line) for line in lines)
    assert len(lines) == len(set(lines))
    assert {tuple(line.split(" ")) for line in lines} == everything.edges


def test_csv_has_names_and_every_edge(closure: Oracle) -> None:
    rows = list(csv.DictReader(io.StringIO(_text("csv", subset="ilsvrc2012"))))
    assert list(rows[0]) == ["parent", "child", "parent_name", "child_name"]
    assert {(r["parent"], r["child"]) for r in rows} == closure.edges
    assert len(rows) == len(closure.edges)
    for row in rows:
        assert row["parent_name"] == closure.nodes[row["parent"]].name()
        assert row["child_name"] == closure.nodes[row["child"]].name()


@pytest.mark.skipif(shutil.which("dot") is None and not os.environ.get("CI"), reason="no dot")
def test_graphviz_draws_the_1000_class_closure(closure: Oracle) -> None:
    text = _text("dot", subset="ilsvrc2012")
    assert "rankdir=LR" in text
    done = subprocess.run(
        ["dot", "-Tsvg"], input=text, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.count('class="node"') == len(closure.nodes)
    assert done.stdout.count('class="edge"') == len(closure.edges)
    titles = set(re.findall(r"<title>(n\d{8})</title>", done.stdout))
    assert titles == set(closure.nodes)


def test_dot_quotes_ids_and_labels() -> None:
    text = _text("dot", root="n02084071", depth=1, labels="wnid")
    assert '"n02084071" -> "n02110806";' in text
    assert '"n02110806" [label="n02110806", style=filled' in text
    named = _text("dot", root="n02084071", depth=1)
    assert '"n02084071" [label="dog.n.01"];' in named


def test_dot_layout_limit_lies_between_the_closure_and_the_index(closure: Oracle) -> None:
    summary, _ = plan_export("dot")
    assert len(closure.nodes) <= DOT_LAYOUT_LIMIT < summary.nodes


# --- tree formats ----------------------------------------------------------------------------


def _newick_tree(text: str) -> Any:
    (tree,) = newick.loads(text)
    return tree


def _tree_edges(tree: Any) -> list[tuple[str, str]]:
    return [
        (node.unquoted_name, child.unquoted_name)
        for node in tree.walk()
        for child in node.descendants
    ]


def _depths(tree: Any) -> dict[str, int]:
    found = {tree.unquoted_name: 0}
    for parent, child in _tree_edges(tree):  # walk() is pre-order: parents come first
        found[child] = found[parent] + 1
    return found


@pytest.mark.parametrize("policy", ["longest", "shortest", "first"])
def test_newick_of_the_closure_has_the_classes_as_leaves(
    policy: str, closure: Oracle, class_wnids: set[str]
) -> None:
    summary, chunks = plan_export("newick", subset="ilsvrc2012", parent_policy=policy)
    tree = _newick_tree("".join(chunks))
    assert set(tree.get_leaf_names()) == class_wnids
    edges = _tree_edges(tree)
    assert set(edges) <= closure.edges
    names = [n.unquoted_name for n in tree.walk()]
    assert len(names) == len(set(names)) == summary.nodes
    kept = set(names)
    dropped = sum(len(_up(closure.nodes[w])) - 1 for w in kept if w != "n00001740")
    assert summary.second_parents_dropped == dropped
    assert summary.pruned == len(closure.nodes) - len(kept)


@pytest.mark.parametrize("policy", ["longest", "shortest", "first"])
def test_newick_of_the_index_keeps_every_synset(policy: str, everything: Oracle) -> None:
    summary, chunks = plan_export("newick", parent_policy=policy)
    tree = _newick_tree("".join(chunks))
    depths = _depths(tree)
    assert set(depths) == set(everything.nodes)
    assert summary.nodes == len(everything.nodes)
    assert set(_tree_edges(tree)) <= everything.edges
    several = [s for s in everything.nodes.values() if len(_up(s)) > 1]
    assert summary.several_parents == len(several)
    assert summary.second_parents_dropped == sum(len(_up(s)) - 1 for s in several)
    assert summary.pruned == 0
    parent_of = {c: p for p, c in _tree_edges(tree)}
    for wnid, synset in everything.nodes.items():
        if policy == "longest":
            assert depths[wnid] == synset.max_depth()
        elif policy == "shortest":
            assert depths[wnid] == synset.min_depth()
        elif _up(synset):  # WordNet's first: class hypernyms, then instance ones, by name
            first = sorted(synset.hypernyms(), key=lambda s: s.name()) or sorted(
                synset.instance_hypernyms(), key=lambda s: s.name()
            )
            assert parent_of[wnid] == _wnid(first[0])


def test_newick_names_are_quoted_and_read_back(closure: Oracle) -> None:
    text = _text("newick", subset="ilsvrc2012", labels="name")
    tree = _newick_tree(text)
    names = {n.unquoted_name for n in tree.walk()}
    assert names <= {s.name() for s in closure.nodes.values()}
    assert "jack-o'-lantern.n.02" in names  # an apostrophe, doubled inside quotes
    assert "'jack-o''-lantern.n.02'" in text


def test_tree_json_is_the_newick_tree(class_wnids: set[str]) -> None:
    data = json.loads(_text("tree-json", subset="ilsvrc2012"))
    tree = _newick_tree(_text("newick", subset="ilsvrc2012"))

    def edges(node: dict[str, Any]) -> list[tuple[str, str]]:
        below = node.get("children", [])
        return [(node["wnid"], c["wnid"]) for c in below] + [e for c in below for e in edges(c)]

    assert (data["wnid"], data["name"]) == ("n00001740", "entity.n.01")
    assert edges(data) == _tree_edges(tree)

    def leaves(node: dict[str, Any]) -> list[dict[str, Any]]:
        below = node.get("children")
        return [node] if not below else [x for c in below for x in leaves(c)]

    found = leaves(data)
    assert {n["wnid"] for n in found} == class_wnids
    order = sorted(class_wnids)
    assert all(n["ilsvrc2012_index"] == order.index(n["wnid"]) for n in found)


# --- selections ------------------------------------------------------------------------------


def test_root_and_depth_match_nltk_hyponyms(wn: Any, everything: Oracle) -> None:
    dog = wn.synset("dog.n.01")
    lines = _text("isa", root="dog.n.01", depth=1).splitlines()
    expected = {
        f"n02084071 {_wnid(s)}"
        for s in dog.hyponyms() + dog.instance_hyponyms()
        if _wnid(s) in everything.nodes
    }
    assert set(lines) == expected
    below = {_wnid(s) for s in dog.closure(lambda s: s.hyponyms() + s.instance_hyponyms())}
    graph = nx.node_link_graph(json.loads(_text("json", root=2084071)))
    assert set(graph.nodes) == ({"n02084071"} | below) & set(everything.nodes)


def test_depth_zero_is_the_root_alone() -> None:
    assert _text("newick", root="n02084071", depth=0) == "n02084071;"
    assert _text("isa", root="n02084071", depth=0) == ""


def test_every_format_writes_a_whole_file() -> None:
    for fmt in FORMATS:
        text = _text(fmt, root="canine.n.02", subset="ilsvrc2012", depth=2)
        assert text.endswith(";" if fmt == "newick" else "\n"), fmt


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"fmt": "xml"}, "no export format 'xml'"),
        ({"fmt": "json", "parent_policy": "first"}, "json keeps every parent"),
        ({"fmt": "newick", "parent_policy": "tallest"}, "no parent policy 'tallest'"),
        ({"fmt": "csv", "labels": "name"}, "csv writes both"),
        ({"fmt": "isa", "depth": -1}, "the depth must be 0 or more"),
        ({"fmt": "isa", "root": "cat.n.01", "subset": [2110806]}, "lies under cat.n.01"),
    ],
)
def test_bad_options_fail_before_any_output(kwargs: dict[str, Any], message: str) -> None:
    handle = io.StringIO()
    with pytest.raises(ImagenetError, match=message):
        write_export(handle, **kwargs)
    assert handle.getvalue() == ""


def test_unknown_root_and_subset() -> None:
    with pytest.raises(NotFoundError):
        plan_export("isa", root="doggo")
    with pytest.raises(NotFoundError):
        plan_export("isa", subset="in1000")


# --- statistics ------------------------------------------------------------------------------


def _check_stats(found: Any, oracle: Oracle, class_wnids: set[str]) -> None:
    nodes = oracle.nodes
    assert found.roots == ("n00001740",)
    assert (found.nodes, found.edges) == (len(nodes), len(oracle.edges))
    assert found.leaves == len(oracle.leaves)
    assert found.classes == len(class_wnids & nodes.keys())
    assert found.several_parents == sum(1 for s in nodes.values() if len(_up(s)) > 1)
    paths = {w: len(s.hypernym_paths()) for w, s in nodes.items()}
    assert found.several_paths == sum(1 for n in paths.values() if n > 1)
    assert found.classes_several_paths == sum(1 for w in class_wnids if paths.get(w, 0) > 1)
    assert found.most_paths[2] == max(paths.values())
    assert paths[found.most_paths[0]] == max(paths.values())
    assert dict(found.leaf_min_depth) == Counter(nodes[w].min_depth() for w in oracle.leaves)
    assert dict(found.leaf_max_depth) == Counter(nodes[w].max_depth() for w in oracle.leaves)
    widths = sorted((len(c) for c in oracle.children.values()), reverse=True)
    assert [c for _, _, c in found.widest] == widths[:10]
    for wnid, name, count in found.widest:
        assert (nodes[wnid].name(), len(oracle.children[wnid])) == (name, count)


def test_stats_of_the_1000_class_closure(closure: Oracle, class_wnids: set[str]) -> None:
    found = stats(subset="ilsvrc2012")
    _check_stats(found, closure, class_wnids)
    assert found.leaves == found.classes == 1000  # no class lies below another


def test_stats_of_the_index(everything: Oracle, class_wnids: set[str]) -> None:
    _check_stats(stats(), everything, class_wnids)


def test_stats_below_a_root_counts_from_it(wn: Any, everything: Oracle) -> None:
    found = stats("canine.n.02")
    canine = wn.synset("canine.n.02")
    below = {
        _wnid(s): s
        for s in canine.closure(lambda s: s.hyponyms() + s.instance_hyponyms())
        if _wnid(s) in everything.nodes
    }
    assert found.nodes == len(below) + 1
    assert found.root_name == "canine.n.02"
    leaves = [w for w in below if not everything.children.get(w)]
    assert found.leaves == len(leaves)
    level = {"n02083346": 0}  # fewest edges down from canine.n.02, breadth first over NLTK
    todo = ["n02083346"]
    for here in todo:
        for child in sorted(everything.children.get(here, ())):
            if child not in level:
                level[child] = level[here] + 1
                todo.append(child)
    assert dict(found.leaf_min_depth) == Counter(level[w] for w in leaves)


def test_subset_of_offsets_is_the_hypernym_paths(wn: Any) -> None:
    basenji = wn.synset("basenji.n.01")
    lines = set(_text("isa", subset=[basenji.offset()]).splitlines())
    expected = {
        f"{_wnid(path[i])} {_wnid(path[i + 1])}"
        for path in basenji.hypernym_paths()
        for i in range(len(path) - 1)
    }
    assert lines == expected


def test_depth_inside_a_subset_counts_edges_inside_it(closure: Oracle) -> None:
    graph = nx.node_link_graph(json.loads(_text("json", subset="ilsvrc2012", depth=3)))
    full = nx.DiGraph(list(closure.edges))
    reach = nx.single_source_shortest_path_length(full, "n00001740", cutoff=3)
    assert set(graph.nodes) == set(reach)
    assert set(graph.edges) == {(p, c) for p, c in closure.edges if p in reach and c in reach}
