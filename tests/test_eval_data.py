"""The bundled evaluation data against the sources it was built from, and NLTK.

* the validation labels against TensorFlow Datasets' ``validation_labels.txt`` (in the
  tensorflow-datasets wheel) and the vendored Caffe-style copy, image by image;
* the ReaL labels against timm's ``imagenet_real_labels.json``;
* the lca-height, path and wup distances against NLTK on WordNet 3.0.
"""

from __future__ import annotations

import collections
import gzip
import json
import random
import zipfile
from pathlib import Path
from typing import Any

import pytest

from imagenet_cli.eval import distance_matrix, real_labels, val_labels
from imagenet_cli.eval.distances import class_set, display_names

ROOT = Path(__file__).resolve().parent.parent
WHEELS = ROOT / "build" / "wheels"
CAFFE = ROOT / "scripts" / "sources" / "ilsvrc2012_val_caffe_labels.txt.gz"
TFDS_LABELS = "tensorflow_datasets/datasets/imagenet2012/validation_labels.txt"


@pytest.fixture(scope="session")
def classes(timm_wheel: zipfile.ZipFile) -> list[str]:
    return timm_wheel.read("timm/data/_info/imagenet_synsets.txt").decode().split()


@pytest.fixture(scope="session")
def tfds_labels(tfds_wheel: zipfile.ZipFile) -> list[str]:
    return tfds_wheel.read(TFDS_LABELS).decode("ascii").split()


def test_tfds_copy_has_50_images_per_class(tfds_labels: list[str], classes: list[str]) -> None:
    counts = collections.Counter(tfds_labels)
    assert len(tfds_labels) == 50_000
    assert set(counts) == set(classes)
    assert set(counts.values()) == {50}


def test_caffe_copy_has_50_images_per_class(classes: list[str]) -> None:
    lines = gzip.decompress(CAFFE.read_bytes()).decode("ascii").splitlines()
    assert len(lines) == 50_000
    numbers = [int(line.split()[1]) for line in lines]
    assert set(collections.Counter(numbers).values()) == {50}
    assert sorted(set(numbers)) == list(range(1000))


def test_bundled_labels_equal_both_copies(tfds_labels: list[str], classes: list[str]) -> None:
    bundled = [classes[i] for i in val_labels()]
    assert bundled == tfds_labels
    caffe = []
    for number, line in enumerate(gzip.decompress(CAFFE.read_bytes()).decode().splitlines(), 1):
        name, index = line.split()
        assert name.endswith(f"ILSVRC2012_val_{number:08d}.JPEG")
        caffe.append(classes[int(index)])
    assert bundled == caffe


def test_real_labels_equal_timm(timm_wheel: zipfile.ZipFile) -> None:
    source = json.loads(timm_wheel.read("timm/data/_info/imagenet_real_labels.json"))
    bundled = real_labels()
    assert len(bundled) == len(source) == 50_000
    assert [sorted(set(x)) for x in source] == [list(x) for x in bundled]


# --- distances against NLTK --------------------------------------------------------------


@pytest.fixture(scope="session")
def synsets(wn: Any, classes: list[str]) -> list[Any]:
    return [wn.synset_from_pos_and_offset("n", int(w[1:])) for w in classes]


def _lca_height(a: Any, b: Any, height: int) -> int:
    if a == b:
        return 0
    return height - max(s.max_depth() for s in a.lowest_common_hypernyms(b))


def test_height_is_18_and_retrievers_are_2(synsets: list[Any]) -> None:
    height = max(s.max_depth() for s in synsets)
    assert height == 18  # the H for ILSVRC-2012, from NLTK
    matrix = distance_matrix()
    assert matrix.height == height
    golden, labrador = 207, 208
    assert synsets[golden].name() == "golden_retriever.n.01"
    assert synsets[labrador].name() == "labrador_retriever.n.01"
    assert _lca_height(synsets[golden], synsets[labrador], height) == 2
    assert matrix.distance(golden, labrador) == 2


def test_lca_height_matches_nltk(synsets: list[Any]) -> None:
    height = max(s.max_depth() for s in synsets)
    matrix = distance_matrix()
    rng = random.Random(18)
    for _ in range(1500):
        i, j = rng.randrange(1000), rng.randrange(1000)
        assert matrix.distance(i, j) == _lca_height(synsets[i], synsets[j], height), (i, j)
    for i in range(1000):
        assert matrix.distance(i, i) == 0


def test_path_and_wup_match_nltk_on_2000_pairs(synsets: list[Any], classes: list[str]) -> None:
    rng = random.Random(2000)
    rows = sorted(rng.sample(range(1000), 250))
    path = distance_matrix([classes[i] for i in rows], metric="path")
    wup = distance_matrix([classes[i] for i in rows], metric="wup")
    for _ in range(2000):
        i, j = rng.randrange(250), rng.randrange(250)
        a, b = synsets[rows[i]], synsets[rows[j]]
        assert path.distance(i, j) == a.shortest_path_distance(b)
        if i == j:  # a distance is 0 on the diagonal; NLTK's wup(a, a) can be below 1
            assert wup.distance(i, j) == 0
        else:
            assert wup.distance(i, j) == pytest.approx(1 - a.wup_similarity(b), abs=1e-12)


def test_subset_height_is_the_subsets_own(synsets: list[Any], classes: list[str]) -> None:
    dogs = [i for i, s in enumerate(synsets) if 151 <= i <= 268]
    height = max(synsets[i].max_depth() for i in dogs)
    matrix = distance_matrix([classes[i] for i in dogs])
    assert matrix.height == height
    rng = random.Random(5)
    for _ in range(300):
        i, j = rng.randrange(len(dogs)), rng.randrange(len(dogs))
        a, b = synsets[dogs[i]], synsets[dogs[j]]
        assert matrix.distance(i, j) == _lca_height(a, b, height)


def _mbm_edges() -> list[tuple[str, str, str]]:
    """(child, old parent, new parent) as fiveai/making-better-mistakes writes them in
    data/scripts_asis/compute_imagenet_hierarchy.py (EDGE_REPLACE), commit f0bb7d0."""
    return [
        ("n06794110", "n06793231", "n04217882"),
        ("n06874185", "n06874019", "n04217882"),
        ("n13899404", "n13899200", "n04274530"),
    ]


def test_fix_abstract_matches_a_rewired_nltk_graph(wn: Any, synsets: list[Any]) -> None:
    moved = {child: (old, new) for child, old, new in _mbm_edges()}

    def parents(s: Any) -> list[Any]:
        found = s.hypernyms() + s.instance_hypernyms()
        wnid = f"n{s.offset():08d}"
        if wnid in moved:
            old, new = moved[wnid]
            found = [
                wn.synset_from_pos_and_offset("n", int(new[1:])) if f"n{p.offset():08d}" == old
                else p
                for p in found
            ]  # fmt: skip
        return found

    depth: dict[Any, int] = {}

    def max_depth(s: Any) -> int:
        if s not in depth:
            ps = parents(s)
            depth[s] = 1 + max(max_depth(p) for p in ps) if ps else 0
        return depth[s]

    def closure(s: Any) -> set[Any]:
        out = {s}
        for p in parents(s):
            out |= closure(p)
        return out

    height = max(max_depth(s) for s in synsets)
    matrix = distance_matrix(fix_abstract=True)
    assert matrix.height == height
    assert [(r.child, r.old_parent, r.new_parent) for r in matrix.rewired] == _mbm_edges()
    street_sign, traffic_light, bubble = 919, 920, 971
    assert synsets[bubble].name() == "bubble.n.01"
    rng = random.Random(3)
    for i in (street_sign, traffic_light, bubble):
        for j in [*rng.sample(range(1000), 150), street_sign, traffic_light, bubble]:
            if i == j:
                continue
            common = closure(synsets[i]) & closure(synsets[j])
            assert matrix.distance(i, j) == height - max(max_depth(s) for s in common)
    plain = distance_matrix()
    # street sign and traffic light now meet under signboard, a physical object
    assert matrix.distance(street_sign, traffic_light) < plain.distance(street_sign, traffic_light)


def test_user_tree(tmp_path: Path) -> None:
    edges = [("root", "a"), ("root", "b"), ("a", "x"), ("a", "y"), ("x", "x1"), ("x", "x2"),
             ("b", "z")]  # fmt: skip
    tree = tmp_path / "isa.txt"
    tree.write_text("\n".join(f"{p} {c}" for p, c in edges) + "\n", encoding="utf-8")
    parent = {c: p for p, c in edges}

    def path(n: str) -> list[str]:
        out = [n]
        while out[-1] in parent:
            out.append(parent[out[-1]])
        return out[::-1]

    leaves = ["x1", "x2", "y", "z"]
    height = max(len(path(n)) - 1 for n in leaves)
    matrix = distance_matrix(leaves, hierarchy=tree)
    assert matrix.height == height == 3
    for i, a in enumerate(leaves):
        for j, b in enumerate(leaves):
            pa, pb = path(a), path(b)
            shared = [x for x, y in zip(pa, pb, strict=False) if x == y]
            expected = 0 if a == b else height - (len(shared) - 1)
            assert matrix.distance(i, j) == expected
    assert matrix.names == tuple(leaves)


def test_class_set_choices() -> None:
    assert len(class_set()) == 1000
    woof = class_set(subset="imagewoof")
    assert len(woof) == 10
    assert set(woof) <= set(class_set())
    assert display_names(("n02099601", "not-a-wnid")) == ("golden_retriever.n.01", "not-a-wnid")


def test_matrix_rows_are_timms_class_order(classes: list[str]) -> None:
    assert list(class_set()) == classes
    assert list(distance_matrix().wnids) == classes
