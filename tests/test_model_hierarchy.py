"""The is-a graph of the index against NLTK's functions on the whole of WordNet 3.0."""

from __future__ import annotations

import random
from typing import Any

import pytest

from imagenet_cli._errors import ImagenetError, NotFoundError
from imagenet_cli._resources import index_db
from imagenet_cli.index.classes import classes_under
from imagenet_cli.index.hierarchy import (
    ENTITY,
    descendants,
    hypernym_paths,
    hyponym_tree,
    lowest_common_hypernyms,
    members_with_ancestors,
    name,
    node,
    noun_max_depth,
    parents,
    relate,
)
from imagenet_cli.index.identifiers import resolve
from imagenet_cli.index.synsets import class_offsets, subset_members


def nltk_synset(wn: Any, offset: int) -> Any:
    return wn.synset_from_pos_and_offset("n", offset)


def random_pairs(n: int, seed: int) -> list[tuple[int, int]]:
    offsets = [o for (o,) in index_db().execute("SELECT offset FROM synsets ORDER BY offset")]
    rng = random.Random(seed)
    classes = sorted(class_offsets())
    pairs = [tuple(rng.sample(offsets, 2)) for _ in range(n)]
    pairs += [tuple(rng.sample(classes, 2)) for _ in range(n)]
    return pairs  # type: ignore[return-value]


@pytest.mark.parametrize(("a", "b"), random_pairs(60, seed=2026))
def test_measures_equal_nltk(wn: Any, a: int, b: int) -> None:
    sa, sb = nltk_synset(wn, a), nltk_synset(wn, b)
    ours = relate(a, b)
    assert ours.lowest_common_hypernyms == tuple(s.offset() for s in sa.lowest_common_hypernyms(sb))
    assert ours.shortest_path_distance == sa.shortest_path_distance(sb)
    assert ours.path_similarity == sa.path_similarity(sb)
    assert ours.wup_similarity == sa.wup_similarity(sb)
    assert ours.lch_similarity == sa.lch_similarity(sb)
    assert len(ours.path) == ours.shortest_path_distance + 1
    assert (ours.path[0], ours.path[-1]) == (a, b)


def test_taxonomy_depth_is_nltks(wn: Any) -> None:
    assert noun_max_depth() == wn._compute_max_depth("n", False) == 19


def test_dog_and_cat(wn: Any) -> None:
    dog, cat = wn.synset("dog.n.01"), wn.synset("cat.n.01")
    ours = relate(dog.offset(), cat.offset())
    assert ours.wup_similarity == dog.wup_similarity(cat)
    assert ours.lch_similarity == dog.lch_similarity(cat)


def test_crane_bird_and_machine_meet_at_whole() -> None:
    assert [name(o) for o in lowest_common_hypernyms([2012849, 3126707])] == ["whole.n.02"]


def test_paths_equal_nltks(wn: Any) -> None:
    for offset in [3770679, 2084071, 2108089, 4399382]:  # minivan, dog, boxer, teddy
        ours = set(hypernym_paths(offset))
        theirs = {tuple(s.offset() for s in p) for p in nltk_synset(wn, offset).hypernym_paths()}
        assert ours == theirs
    assert len(hypernym_paths(3770679)) == 4  # minivan


def test_every_path_starts_at_entity() -> None:
    for offset in sorted(class_offsets())[:200]:
        for path in hypernym_paths(offset):
            assert path[0] == ENTITY
            assert path[-1] == offset


def test_dogs_are_118_classes() -> None:
    dogs = classes_under("dog.n.01")
    assert len(dogs) == 118
    assert tuple(c.index for c in dogs) == tuple(range(151, 269))
    assert {c.index for c in dogs} == {
        node(o).class_index for o in descendants(2084071) & class_offsets()
    }


def test_no_class_is_an_ancestor_of_another() -> None:
    classes = class_offsets()
    for offset in classes:
        assert descendants(offset) & classes == {offset}


def test_stored_counts_equal_descendant_sets() -> None:
    in21k = set(subset_members("in21k-fall2011"))
    for offset in [ENTITY, 2084071, 15388, 21939, 1503061, 2958343, 4399382]:
        below = descendants(offset)
        assert node(offset).classes_below == len(below & class_offsets())
        assert node(offset).in21k_below == len(below & in21k)


def test_multi_parent_classes(wn: Any) -> None:
    """Classes with more than one hypernym: the DAG is kept whole (NLTK counts them)."""
    several = {o for o in class_offsets() if len(parents(o)) > 1}
    nltk = {
        o
        for o in class_offsets()
        if len((s := wn.synset_from_pos_and_offset("n", o)).hypernyms() + s.instance_hypernyms())
        > 1
    }
    assert several == nltk
    assert len(several) == 38
    assert len(parents(2084071)) == 2  # dog.n.01


def test_tree_marks_other_parents_and_limits() -> None:
    node = hyponym_tree(1317541, depth=1, max_children=0)  # domestic_animal.n.01
    dog = next(c for c in node.children if c.name == "dog.n.01")
    assert dog.other_parents == ("canine.n.02",)
    assert dog.truncated
    capped = hyponym_tree(ENTITY, depth=3, max_children=2)
    assert len(capped.children) == 2
    assert all(len(c.children) <= 2 for c in capped.children)
    with pytest.raises(ImagenetError):
        hyponym_tree(ENTITY, depth=-1)


def test_tree_within_subset() -> None:
    within = members_with_ancestors(subset_members("imagenet-a"))
    node = hyponym_tree(ENTITY, depth=30, max_children=0, within=within)

    def leaves(n: Any) -> set[int]:
        found = {n.offset} if n.offset in set(subset_members("imagenet-a")) else set()
        for child in n.children:
            found |= leaves(child)
        return found

    assert leaves(node) == set(subset_members("imagenet-a"))


def test_resolve_forms() -> None:
    assert resolve("207").wnid == "n02099601"
    assert resolve("02084071").name == "dog.n.01"
    assert resolve("242").name == "boxer.n.04"
    with pytest.raises(ImagenetError, match="not an ILSVRC-2012 class index"):
        resolve("1000")
    with pytest.raises(NotFoundError) as caught:
        resolve("n02961779")  # car.n.01's WordNet 3.1 offset
    assert caught.value.hint is not None and "WordNet 3.1" in caught.value.hint
    with pytest.raises(NotFoundError) as caught:
        resolve("n00003993")  # congener.n.03: a WordNet 3.0 noun outside ImageNet
    assert caught.value.hint is not None and "but not in ImageNet" in caught.value.hint
    with pytest.raises(ImagenetError, match="names 2 ImageNet synsets"):
        resolve("crane")
