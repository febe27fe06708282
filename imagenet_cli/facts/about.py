"""What ImageNet is, in numbers: releases, the ILSVRC-2012 splits, and its categories.

Data sources: ``data/releases.json`` (curated; each figure with its sources) and the
bundled index, from which the category view is computed, never typed in: the counts of
ILSVRC-2012 classes use :func:`imagenet_cli.index.classes.classes_under`, the same code as
``imagenet classes --under``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import Any

from imagenet_cli._resources import load_json
from imagenet_cli.index import _queries as q
from imagenet_cli.index.classes import classes_under
from imagenet_cli.index.hierarchy import node
from imagenet_cli.index.identifiers import resolve

RELEASES_FILE = "releases.json"

#: WordNet 3.0 synsets shown in the category view: the broad kinds of thing ImageNet
#: depicts, and some well-known groups inside them. They overlap (the hierarchy is a DAG
#: and food is partly plant), so the counts do not add up to the totals.
CATEGORIES = (
    "animal.n.01", "bird.n.01", "dog.n.01", "fish.n.01", "insect.n.01",
    "plant.n.02", "fungus.n.01", "person.n.01",
    "artifact.n.01", "instrumentality.n.03", "vehicle.n.01", "structure.n.01",
    "covering.n.02", "food.n.01", "natural_object.n.01", "geological_formation.n.01",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Category:
    """A synset with how many fall 2011 21k synsets and ILSVRC-2012 classes lie under it."""

    name: str
    wnid: str
    gloss: str
    in21k: int
    ilsvrc2012: int


@cache
def releases() -> dict[str, Any]:
    """The curated facts of ``data/releases.json`` (read-only)."""
    data: dict[str, Any] = load_json(RELEASES_FILE)
    return data


def categories() -> tuple[Category, ...]:
    """The :data:`CATEGORIES` with their counts (subtrees include the synset itself)."""
    found = []
    for name in CATEGORIES:
        synset = resolve(name)
        found.append(
            Category(
                name=synset.name,
                wnid=synset.wnid,
                gloss=synset.gloss,
                # counted by the build from the 21k list (tests compare with the subtree)
                in21k=node(synset.offset).in21k_below,
                ilsvrc2012=len(classes_under(name)),
            )
        )
    return tuple(found)


def class_depths() -> dict[int, int]:
    """How many ILSVRC-2012 classes sit at each depth (edges on the shortest hypernym path
    to entity.n.01, NLTK's ``min_depth``)."""
    return dict(sorted(Counter(q.class_min_depths()).items()))
