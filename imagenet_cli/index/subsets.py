"""The named synset lists bundled with the tool (ILSVRC-2012, ImageNet-21k variants, ...).

Data source: ``data/imagenet.sqlite`` tables ``subsets`` and ``members``; each list's
``source`` names the file it was read from (see data/SOURCES.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from imagenet_cli._errors import NotFoundError
from imagenet_cli._resources import index_db
from imagenet_cli.index.synsets import clean, subset_names


@dataclass(frozen=True, slots=True)
class Subset:
    """A bundled list: its size, how many ILSVRC-2012 classes it holds, and its source."""

    name: str
    title: str
    size: int
    ilsvrc2012_overlap: int
    description: str
    source: str


@dataclass(frozen=True, slots=True)
class Member:
    """A synset of a list, at its position (the output index of models using the list)."""

    position: int
    wnid: str
    name: str
    ilsvrc2012_index: int | None


_SQL = (
    "SELECT s.name, s.title, s.size, s.ilsvrc2012_overlap, s.description, s.source FROM subsets s"
)


def list_subsets() -> tuple[Subset, ...]:
    """Every bundled list, ILSVRC-2012 first."""
    return tuple(Subset(*row) for row in index_db().execute(f"{_SQL} ORDER BY s.id"))


def get_subset(name: str) -> tuple[Subset, tuple[Member, ...]]:
    """A list and its members in list order.

    ``name`` may also be a label layout's alias (``imagenet-1k``, ``in21k``, ``in22k-ms``).

    Raises:
        NotFoundError: no list has that name (did you mean).
    """
    name = clean(name)
    db = index_db()
    key = name.strip().lower()
    row = db.execute(f"{_SQL} WHERE s.name = ?", (key,)).fetchone()
    if row is None:  # a label layout's name or alias: in1k, imagenet-21k-goog, in22k ...
        from imagenet_cli.index.labelspaces import subset_alias

        key = subset_alias(key) or key
        row = db.execute(f"{_SQL} WHERE s.name = ?", (key,)).fetchone()
    if row is None:
        from imagenet_cli.index.labelspaces import all_aliases

        known = [*subset_names(), *(a for a, n in all_aliases().items() if n in subset_names())]
        raise NotFoundError("subset", name, known)
    members = db.execute(
        "SELECT m.position, y.wnid, y.name, y.ilsvrc2012_index FROM members m "
        "JOIN subsets s ON s.id = m.subset JOIN synsets y ON y.offset = m.offset "
        "WHERE s.name = ? ORDER BY m.position",
        (key,),
    )
    return Subset(*row), tuple(Member(*m) for m in members)
