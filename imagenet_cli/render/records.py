"""The JSON and CSV records of every command: the documented contract, in one place.

Each function turns one of the library's typed results into a JSON-ready dict; CSV columns
(``*_COLUMNS``) name the same fields. Nothing here imports Rich, so ``--json``, ``--jsonl``
and ``--csv`` outputs stay light; ``tests/golden/`` holds each command's whole JSON output.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # annotations only: importing them would load every module of the library
    from imagenet_cli import (
        Category,
        Comparison,
        Duplicate,
        ImagenetClass,
        Member,
        Pair,
        SearchHit,
        Subset,
        Synset,
        SynsetDetails,
        TreeNode,
    )
    from imagenet_cli import TimelineEntry as Entry
    from imagenet_cli.index.export import HierarchyStats


def _wnid(offset: int) -> str:
    return f"n{offset:08d}"


# synsets -------------------------------------------------------------------------------


SEARCH_COLUMNS = (
    "wnid", "name", "lemmas", "gloss", "ilsvrc2012_index", "ilsvrc2012_id", "hypernyms",
    "instance_hypernyms",
    "subsets", "match",
)  # fmt: skip


def synset_record(synset: Synset) -> dict[str, Any]:
    """A synset as a JSON-ready dict (keys are the documented JSON contract)."""
    return {
        "wnid": synset.wnid,
        "name": synset.name,
        "lemmas": list(synset.lemmas),
        "gloss": synset.gloss,
        "ilsvrc2012_index": synset.ilsvrc2012_index,
        "ilsvrc2012_id": synset.ilsvrc2012_id,
        "hypernyms": list(synset.hypernym_wnids),
        "instance_hypernyms": list(synset.instance_hypernym_wnids),
        "subsets": list(synset.subsets),
    }


def hit_record(hit: SearchHit) -> dict[str, Any]:
    """A search hit as a JSON-ready dict: the synset's record plus ``match``."""
    return {**synset_record(hit.synset), "match": hit.match.name.lower()}


# hierarchy -----------------------------------------------------------------------------


def show_record(found: SynsetDetails) -> dict[str, Any]:
    """``synsets show --json``: the documented keys."""
    synset, here = found.synset, found.node
    return {
        "wnid": synset.wnid,
        "name": synset.name,
        "lemmas": list(synset.lemmas),
        "gloss": synset.gloss,
        "hypernyms": list(synset.hypernym_wnids),
        "instance_hypernyms": list(synset.instance_hypernym_wnids),
        "hyponyms": [
            {
                "wnid": _wnid(c.offset),
                "name": c.name,
                "ilsvrc2012_classes_below": c.classes_below,
                "in21k_below": c.in21k_below,
            }
            for c in found.hyponyms
        ],
        "paths": [[s.wnid for s in path] for path in found.paths],
        "ilsvrc2012_index": synset.ilsvrc2012_index,
        "ilsvrc2012_id": synset.ilsvrc2012_id,
        "wordnet_hyponyms": here.wordnet_hyponyms,
        "ilsvrc2012_classes_below": here.classes_below,
        "in21k_below": here.in21k_below,
        "lexname": synset.lexname,
        "subsets": list(synset.subsets),
        "in_imagenet": True,
    }


def tree_record(node: TreeNode) -> dict[str, Any]:
    """``synsets tree --json``: nested objects."""
    return {
        "wnid": _wnid(node.offset),
        "name": node.name,
        "ilsvrc2012_index": node.class_index,
        "ilsvrc2012_classes_below": node.classes_below,
        "in21k_below": node.in21k_below,
        "other_parents": list(node.other_parent_wnids),
        "hidden_children": node.hidden_children,
        "truncated": node.truncated,
        "children": [tree_record(c) for c in node.children],
    }


def relate_record(found: Comparison) -> dict[str, Any]:
    """``synsets lca --json``: the documented keys (pairwise values for two synsets)."""
    pairs = found.pairs
    record: dict[str, Any] = {
        "lowest_common_hypernyms": [s.wnid for s in found.lowest_common_hypernyms]
    }
    if len(pairs) == 1:
        (only,) = pairs
        record.update(_pair_record(only))
        del record["a"], record["b"]
    record["pairs"] = [_pair_record(p) for p in pairs]
    return record


#: Columns of ``synsets lca`` with many synsets: one row a pair.
PAIR_COLUMNS = (
    "a", "b", "shortest_path_distance", "path_similarity", "wup_similarity", "lch_similarity",
    "lowest_common_hypernyms",
)  # fmt: skip


def pair_row(p: Pair) -> dict[str, Any]:
    """One pair of ``synsets lca`` with many synsets (no path)."""
    return {
        "a": p.a.wnid,
        "b": p.b.wnid,
        "shortest_path_distance": p.shortest_path_distance,
        "path_similarity": p.path_similarity,
        "wup_similarity": p.wup_similarity,
        "lch_similarity": p.lch_similarity,
        "lowest_common_hypernyms": [s.wnid for s in p.lowest_common_hypernyms],
    }


def _pair_record(p: Pair) -> dict[str, Any]:
    return {
        "a": p.a.wnid,
        "b": p.b.wnid,
        "lowest_common_hypernyms": [s.wnid for s in p.lowest_common_hypernyms],
        "shortest_path_distance": p.shortest_path_distance,
        "path": [s.wnid for s in p.path],
        "path_similarity": p.path_similarity,
        "wup_similarity": p.wup_similarity,
        "lch_similarity": p.lch_similarity,
    }


# classes -------------------------------------------------------------------------------


CLASS_COLUMNS = ("index", "wnid", "ilsvrc2012_id", "name", "lemmas", "simple_name")


MEMBER_COLUMNS = ("position", "wnid", "name", "ilsvrc2012_index")


SUBSET_COLUMNS = ("name", "title", "size", "ilsvrc2012_overlap", "description", "source")


def class_record(c: ImagenetClass) -> dict[str, Any]:
    """``classes --json``: index, wnid, ilsvrc2012_id, name, lemmas, simple_name."""
    return {
        "index": c.index,
        "wnid": c.wnid,
        "ilsvrc2012_id": c.ilsvrc2012_id,
        "name": c.name,
        "lemmas": list(c.lemmas),
        "simple_name": c.simple_name,
    }


def class_show_record(c: ImagenetClass) -> dict[str, Any]:
    """``classes show --json``: the class record plus one_based, tf_slim_slot, synset."""
    return {
        **class_record(c),
        "one_based": c.one_based,
        "tf_slim_slot": c.tf_slim_slot,
        "synset": c.synset,
    }


def keras_index(classes: tuple[ImagenetClass, ...]) -> dict[str, list[str]]:
    """Keras's imagenet_class_index.json layout: ``{"0": ["n01440764", "tench"], ...}``
    with each class's first WordNet lemma as its name."""
    return {str(c.index): [c.wnid, c.lemmas[0]] for c in classes}


#: CSV columns of ``classes duplicates``: the classes as indices, joined with ``;``.
DUPLICATE_COLUMNS = ("name", "kind", "classes", "wnids")


def duplicate_row(d: Duplicate) -> dict[str, Any]:
    """A flat row of ``classes duplicates --csv``."""
    return {
        "name": d.name,
        "kind": d.kind,
        "classes": [c.index for c in d.classes],
        "wnids": [c.wnid for c in d.classes],
    }


def duplicate_record(d: Duplicate) -> dict[str, Any]:
    """``classes duplicates --json``: name, kind and the classes' records."""
    return {"name": d.name, "kind": d.kind, "classes": [class_record(c) for c in d.classes]}


def subset_record(s: Subset) -> dict[str, Any]:
    """``subsets --json``: name, title, size, ilsvrc2012_overlap, description, source."""
    return {
        "name": s.name,
        "title": s.title,
        "size": s.size,
        "ilsvrc2012_overlap": s.ilsvrc2012_overlap,
        "description": s.description,
        "source": s.source,
    }


def member_record(m: Member) -> dict[str, Any]:
    """``subsets show --json``: position, wnid, name, ilsvrc2012_index."""
    return {
        "position": m.position,
        "wnid": m.wnid,
        "name": m.name,
        "ilsvrc2012_index": m.ilsvrc2012_index,
    }


# timeline ------------------------------------------------------------------------------


TIMELINE_COLUMNS = (
    "year", "kind", "task", "rank", "placement", "team", "method", "top5_error", "mean_ap",
    "outside_data", "architecture", "date", "event", "note", "sources",
)  # fmt: skip


def entry_record(entry: Entry) -> dict[str, Any]:
    """An entry as a JSON-ready dict (the documented keys, plus date, event and note)."""
    return {
        "year": entry.year,
        "kind": entry.kind,
        "task": entry.task,
        "rank": entry.rank,
        "placement": entry.placement,
        "team": entry.team,
        "method": entry.method,
        "top5_error": entry.top5_error,
        "mean_ap": entry.mean_ap,
        "outside_data": entry.outside_data,
        "architecture": entry.architecture,
        "date": entry.date,
        "event": entry.event,
        "note": entry.note,
        "alternatives": [
            {
                "top5_error": a.top5_error,
                "sources": [
                    {
                        "title": s.title,
                        "where": s.where,
                        "quote": s.quote,
                        "kind": s.kind,
                        "cite": s.cite,
                    }
                    for s in a.sources
                ],
            }
            for a in entry.alternatives
        ],
        "sources": [
            {"title": s.title, "where": s.where, "quote": s.quote, "kind": s.kind, "cite": s.cite}
            for s in entry.sources
        ],
    }


def csv_record(entry: Entry) -> dict[str, Any]:
    """An entry for CSV: sources reduced to ``title (where)`` joined by ``;``."""
    record = entry_record(entry)
    record["sources"] = [s.cite for s in entry.sources]
    return record


# about ---------------------------------------------------------------------------------


def about_record(
    facts: dict[str, Any], categories: tuple[Category, ...], depths: dict[int, int]
) -> dict[str, Any]:
    """``about --json``: releases, ilsvrc2012, categories and class_depths."""
    return {
        "releases": facts["releases"],
        "ilsvrc2012": facts["ilsvrc2012"],
        "categories": [
            {
                "name": c.name,
                "wnid": c.wnid,
                "gloss": c.gloss,
                "in21k": c.in21k,
                "ilsvrc2012": c.ilsvrc2012,
            }
            for c in categories
        ],
        "class_depths": {str(depth): count for depth, count in depths.items()},
    }


# export --------------------------------------------------------------------------------


def stats_record(found: HierarchyStats) -> dict[str, Any]:
    """``synsets stats --json``: every field; histograms and widest nodes as objects."""
    return {
        "root": found.root,
        "root_name": found.root_name,
        "subset": found.subset,
        "roots": list(found.roots),
        "nodes": found.nodes,
        "edges": found.edges,
        "leaves": found.leaves,
        "ilsvrc2012_classes": found.classes,
        "nodes_with_several_parents": found.several_parents,
        "nodes_with_several_paths": found.several_paths,
        "classes_with_several_paths": found.classes_several_paths,
        "most_paths": dict(zip(("wnid", "name", "paths"), found.most_paths, strict=True)),
        "leaf_min_depth": [{"depth": d, "leaves": n} for d, n in found.leaf_min_depth],
        "leaf_max_depth": [{"depth": d, "leaves": n} for d, n in found.leaf_max_depth],
        "widest": [{"wnid": w, "name": n, "children": c} for w, n, c in found.widest],
    }
