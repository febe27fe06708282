"""The named synset lists bundled with the tool (ILSVRC-2012, ImageNet-21k variants, ...).

Data source: ``data/imagenet.sqlite`` tables ``subsets`` and ``members``; each list's
``source`` names the file it was read from (see data/SOURCES.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from imagenet_cli._errors import EmptyInput
from imagenet_cli.index import _queries as q
from imagenet_cli.index.synsets import (
    Synset,
    clean,
    load_synsets,
    subset_key,
    subset_members,
)


@dataclass(frozen=True, slots=True)
class Subset:
    """A bundled list: its size, how many ILSVRC-2012 classes it holds, and its source."""

    name: str
    title: str
    size: int
    ilsvrc2012_overlap: int
    description: str
    source: str

    def wnids(self) -> tuple[str, ...]:
        """The list's wnids in its own order (position = output index of models using it)."""
        return tuple(f"n{o:08d}" for o in subset_members(self.name))

    def synsets(self) -> list[Synset]:
        """The list's synsets in its own order, as a new list."""
        members = subset_members(self.name)
        found = load_synsets(members)
        return [found[o] for o in members]


@dataclass(frozen=True, slots=True)
class Member:
    """A synset of a list, at its position (the output index of models using the list)."""

    position: int
    wnid: str
    name: str
    ilsvrc2012_index: int | None


def list_subsets() -> tuple[Subset, ...]:
    """Every bundled list, ILSVRC-2012 first."""
    return tuple(Subset(*row) for row in q.subset_rows())


def find_subset(name: str) -> Subset:
    """A list by name (case and surrounding spaces ignored).

    Raises:
        EmptyInput: the name is empty.
        NotFoundError: no list has that name (did you mean).
    """
    name = clean(name)
    key = name.strip().lower()
    if not key:
        raise EmptyInput("list name")
    rows = q.subset_rows(subset_key(name))
    return Subset(*rows[0])


def get_subset(name: str) -> tuple[Subset, tuple[Member, ...]]:
    """A list and its members in list order.

    ``name`` may also be a label layout's alias (``imagenet-1k``, ``in21k``, ``in22k-ms``).

    Raises:
        NotFoundError: no list has that name (did you mean).
    """
    found = find_subset(name)
    return found, tuple(Member(*m) for m in q.member_rows(found.name))
