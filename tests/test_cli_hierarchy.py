"""``imagenet synsets show|path|tree|lca`` end to end."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.test_cli import run


def test_show_dog() -> None:
    code, out, _ = run("synsets", "show", "dog.n.01")
    assert code == 0
    expected = [
        "n02084071",
        "canine.n.02 (n02083346)",
        "domestic_animal.n.01 (n01317541)",
        "118 ILSVRC-2012 classes",
        "hunting_dog.n.01",
        "Hypernym paths to entity.n.01 (2)",
    ]
    for text in expected:
        assert text in out


def test_show_json_contract() -> None:
    code, out, _ = run("synsets", "show", "242", "--json")
    assert code == 0
    data = json.loads(out)
    for key in ("wnid", "name", "lemmas", "gloss", "hypernyms", "hyponyms", "paths",
                "ilsvrc2012_index", "ilsvrc2012_id", "subsets"):  # fmt: skip
        assert key in data
    assert (data["wnid"], data["name"], data["ilsvrc2012_index"]) == (
        "n02108089",
        "boxer.n.04",
        242,
    )
    assert all(path[0] == "n00001740" and path[-1] == "n02108089" for path in data["paths"])


def test_path_json_minivan() -> None:
    code, out, _ = run("synsets", "path", "n03770679", "--json")
    assert code == 0
    paths = json.loads(out)
    assert len(paths) == 4
    assert all(p[0] == "n00001740" and p[-1] == "n03770679" for p in paths)


def test_tree_entity() -> None:
    code, out, _ = run("synsets", "tree", "entity.n.01", "--depth", "3", "--max-children", "5")
    assert code == 0
    assert "entity.n.01" in out and "[1k: 1000 · 21k: 21841]" in out
    assert "more (--max-children 0 shows all)" in out


def test_tree_marks_second_parent() -> None:
    code, out, _ = run("synsets", "tree", "domestic_animal.n.01", "--depth", "1", "-m", "0")
    assert code == 0
    assert "dog.n.01" in out and "also under canine.n.02" in out


def test_tree_json_and_subset() -> None:
    code, out, _ = run("synsets", "tree", "dog.n.01", "--subset", "imagenet-a", "--depth", "9",
                       "-m", "0", "--json")  # fmt: skip
    assert code == 0
    data = json.loads(out)
    assert data["name"] == "dog.n.01"
    assert data["ilsvrc2012_classes_below"] == 118


def test_lca_crane(wn: Any) -> None:
    code, out, _ = run("synsets", "lca", "134", "517", "--json")
    assert code == 0
    data = json.loads(out)
    bird, machine = wn.synset("crane.n.05"), wn.synset("crane.n.04")
    expected = [f"n{s.offset():08d}" for s in bird.lowest_common_hypernyms(machine)]
    assert data["lowest_common_hypernyms"] == expected == ["n00003553"]  # whole.n.02
    assert data["shortest_path_distance"] == len(data["path"]) - 1
    assert data["shortest_path_distance"] == bird.shortest_path_distance(machine)
    assert data["path_similarity"] == pytest.approx(bird.path_similarity(machine), abs=1e-12)
    assert data["wup_similarity"] == pytest.approx(bird.wup_similarity(machine), abs=1e-12)
    assert data["lch_similarity"] == pytest.approx(bird.lch_similarity(machine), abs=1e-12)


def test_lca_three_and_table() -> None:
    code, out, _ = run("synsets", "lca", "golden retriever", "tabby cat", "tench")
    assert code == 0
    assert "Lowest common hypernym" in out and "chordate.n.01" in out
    assert out.count(" ~ ") >= 6  # three pairs, in table and path list


def test_hierarchy_errors() -> None:
    code, out, err = run("synsets", "show", "crane")
    assert (code, out) == (1, "")
    assert "crane.n.04" in err and "crane.n.05" in err and err.count("\n") == 1
    code, _, err = run("synsets", "show", "n2084071")
    assert code == 1 and "n02084071" in err
    code, _, err = run("synsets", "show", "n02961779")
    assert code == 1 and "WordNet 3.1" in err
    code, _, err = run("synsets", "path", "1000")
    assert code == 1 and "not an ILSVRC-2012 class index" in err
    assert run("synsets", "tree", "dog.n.01", "--depth", "-1")[0] == 2
    assert run("synsets", "lca", "dog.n.01")[0] == 2
    code, _, err = run("synsets", "tree", "dog.n.01", "--subset", "imagenet-x")
    assert code == 1 and "imagenet-a" in err
    code, _, err = run("synsets", "show", "")
    assert code == 2 and err == "Error: the synset identifier is empty\n"
