"""Label spaces: every output order an ImageNet model head can have.

A label space (a *layout*) is the ordered list of synsets that a classifier's outputs
stand for: output ``i`` of a model trained on it scores the synset ``wnids[i]``. The
same width can mean different orders (a 21,842-way FocalNet head is Microsoft's 22k list
with the 1000 ILSVRC-2012 classes first, not the fall 2011 release order), and two
layouts have the same width (ImageNet-A and ImageNet-R, 200 each), so the width alone
does not always tell the layout.

Layouts and their sources (all in ``data/imagenet.sqlite``, tables ``subsets`` and
``members``, read in file order from the timm 1.0.31 wheel's ``timm/data/_info/``; see
data/SOURCES.md):

======================  ======  =====================================================
name                    width   order
======================  ======  =====================================================
``ilsvrc2012``          1000    sorted wnids (PyTorch, Keras, timm, Caffe)
``ilsvrc2012-tf-slim``  1001    TF-slim / TF-Hub: slot 0 "background", then the 1000
``in21k-fall2011``      21841   fall 2011 release (timm's ``imagenet-22k``)
``in22k-ms``            21842   Microsoft's 22k: the 1000 classes first
``in21k-google``        21843   Google's 21k (BiT, ViT): fall 2011 plus two synsets
``in12k``               11821   timm's 12k subset of fall 2011
``in21k-p-fall2011``    11221   MIIL ImageNet-21K-P, fall 2011
``in21k-p-winter2021``  10450   MIIL ImageNet-21K-P, winter 2021
``imagenet-a``          200     ImageNet-A's classes, 1k sorted order
``imagenet-r``          200     ImageNet-R's classes, 1k sorted order
======================  ======  =====================================================

Aliases follow timm's model tags: ``in21k`` is Google's 21,843 list (``augreg_in21k``
heads), ``in22k`` the fall 2011 21,841 list (``fb_in22k``), ``in22k-ms`` Microsoft's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from imagenet_cli._errors import ImagenetError, NotFoundError
from imagenet_cli._resources import load_json
from imagenet_cli.index import _queries as q

#: Name of the placeholder output of TF-slim style heads (slot 0).
BACKGROUND = "background"


class _Layout(NamedTuple):
    name: str
    title: str
    width: int
    subset: str  # the bundled list (table ``subsets``) holding the order
    background: int  # leading outputs that are no synset
    aliases: tuple[str, ...]
    note: str


_LAYOUTS = (
    _Layout("ilsvrc2012", "ImageNet-1k (ILSVRC-2012)", 1000, "ilsvrc2012", 0,
            ("in1k", "imagenet-1k", "imagenet1k", "1k", "ilsvrc-2012", "imagenet", "torch",
             "torchvision", "keras", "timm", "caffe"),
            "sorted wnids: the order of PyTorch, Keras, timm and Caffe models"),
    _Layout("ilsvrc2012-tf-slim", "ImageNet-1k, TF-slim 1001 outputs", 1001, "ilsvrc2012", 1,
            ("tf-slim", "tfslim", "tf-hub", "in1k-tf-slim", "in1k-background",
             "imagenet-1k-background"),
            "TF-slim and TF-Hub models: slot 0 is 'background', slot i+1 is class i"),
    _Layout("in21k-fall2011", "ImageNet-21k, fall 2011 release", 21841, "in21k-fall2011", 0,
            ("in22k", "imagenet-22k", "imagenet22k", "fall11", "fall2011", "in21k-fall11",
             "imagenet-21k-fall2011"),
            "the fall 2011 release order (fall11_whole); timm's imagenet-22k"),
    _Layout("in22k-ms", "ImageNet-22k, Microsoft order", 21842, "in22k-ms", 0,
            ("imagenet-22k-ms", "imagenet22k-ms", "in22k-microsoft", "ms-in22k"),
            "Microsoft's 22k (Swin-V2, FocalNet): the 1000 ILSVRC-2012 classes first, then "
            "the rest of fall 2011"),
    _Layout("in21k-google", "ImageNet-21k, Google order", 21843, "in21k-google", 0,
            ("in21k", "imagenet-21k-goog", "imagenet-21k", "imagenet21k", "imagenet21k-goog",
             "in21k-goog", "goog"),
            "Google's 21k checkpoints (BiT, ViT augreg_in21k): fall 2011 plus n03931044 and "
            "n09859684"),
    _Layout("in12k", "ImageNet-12k", 11821, "in12k", 0,
            ("imagenet-12k", "imagenet12k", "12k"),
            "timm's 11,821-class subset of fall 2011"),
    _Layout("in21k-p-fall2011", "ImageNet-21K-P, fall 2011", 11221, "in21k-p-fall2011", 0,
            ("in21k-p", "in21k-miil", "imagenet-21k-p", "imagenet-21k-miil", "imagenet21k-miil",
             "miil"),
            "MIIL's processed ImageNet-21K (Ridnik et al. 2021), fall 2011 release"),
    _Layout("in21k-p-winter2021", "ImageNet-21K-P, winter 2021", 10450, "in21k-p-winter2021", 0,
            ("in21k-p-w21", "in21k-miil-w21", "imagenet-21k-p-winter2021",
             "imagenet-21k-miil-w21", "miil-w21"),
            "MIIL's processed ImageNet-21K, winter 2021 release"),
    _Layout("imagenet-a", "ImageNet-A", 200, "imagenet-a", 0,
            ("in-a", "imagenet-a-200"),
            "200-way heads of ImageNet-A (Hendrycks et al. 2021), in ILSVRC-2012 order"),
    _Layout("imagenet-r", "ImageNet-R", 200, "imagenet-r", 0,
            ("in-r", "imagenet-r-200"),
            "200-way heads of ImageNet-R (Hendrycks et al. 2021), in ILSVRC-2012 order"),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class LabelSpace:
    """One output order of a classifier head.

    Attributes:
        name: the canonical name (``in22k-ms``).
        title: a short human title.
        width: the number of outputs (``background + len(wnids)``).
        background: leading outputs that stand for no synset (1 for TF-slim, else 0).
        wnids: the synsets of outputs ``background ...width-1``, in output order.
        aliases: other names that select this layout (``in1k``, ``imagenet-21k-goog``).
        subset: the bundled list the order is read from (``imagenet subsets show``).
        source: the file the order comes from.
        note: what models use it.
    """

    name: str
    title: str
    width: int
    background: int
    wnids: tuple[str, ...]
    aliases: tuple[str, ...]
    subset: str
    source: str
    note: str

    def wnid_at(self, output: int) -> str | None:
        """The wnid of output ``output``; ``None`` for a background slot.

        Raises:
            ImagenetError: ``output`` is outside ``0..width-1``.
        """
        if not 0 <= output < self.width:
            raise ImagenetError(
                f"{self.name} output {output} is out of range: its outputs run from 0 to "
                f"{self.width - 1}"
            )
        return None if output < self.background else self.wnids[output - self.background]

    def output_of(self, wnid: str) -> int | None:
        """The output index of ``wnid``, or ``None`` when the layout lacks it."""
        return _positions(self.name).get(wnid)


def _key(name: str) -> str:
    """Names compare without case, spaces, hyphens, underscores and dots (timm's rule)."""
    return re.sub(r"[-_\s.]", "", name.lower())


@cache
def _by_key() -> dict[str, _Layout]:
    found: dict[str, _Layout] = {}
    for layout in _LAYOUTS:
        for name in (layout.name, *layout.aliases):
            found[_key(name)] = layout
    return found


def layout_names() -> tuple[str, ...]:
    """The canonical layout names, in registry order (1k first)."""
    return tuple(layout.name for layout in _LAYOUTS)


def all_aliases() -> dict[str, str]:
    """Every alias with the canonical name it selects."""
    return {alias: layout.name for layout in _LAYOUTS for alias in layout.aliases}


def subset_alias(name: str) -> str | None:
    """The bundled list whose order a layout name or alias selects (``imagenet-1k`` ->
    ``ilsvrc2012``), or ``None``. Layouts with background slots are no list."""
    found = _by_key().get(_key(name))
    return found.subset if found is not None and not found.background else None


def canonical_name(name: str) -> str:
    """The canonical layout name for a name or alias.

    Raises:
        NotFoundError: no layout has that name (with the closest names).
    """
    found = _by_key().get(_key(name))
    if found is None:
        known = [*layout_names(), *all_aliases()]
        raise NotFoundError("label layout", name, known)
    return found.name


@cache
def label_space(name: str) -> LabelSpace:
    """A layout by name or alias (``in1k``, ``imagenet-21k-goog``, ``in22k-ms``, ``tf-slim``).

    Data source: the bundled index's copy of the timm wheel's lists (SOURCES.md).

    Raises:
        NotFoundError: no layout has that name (with the closest names).
    """
    layout = _by_key().get(_key(name))
    if layout is None:
        canonical_name(name)  # raises with suggestions
        raise AssertionError(name)
    source = q.subset_source(layout.subset) or ""
    wnids = tuple(q.subset_wnids(layout.subset))
    if source and layout.background:
        source += (
            "; slot 0 'background' before them, as in tensorflow/models "
            "research/slim/datasets/imagenet.py (create_readable_names_for_imagenet_labels)"
        )
    return LabelSpace(
        layout.name, layout.title, layout.width, layout.background, wnids, layout.aliases,
        layout.subset, source, layout.note,
    )  # fmt: skip


def label_spaces() -> tuple[LabelSpace, ...]:
    """Every layout, 1k first."""
    return tuple(label_space(name) for name in layout_names())


def layouts_of_width(width: int) -> tuple[str, ...]:
    """Canonical names of the layouts with exactly ``width`` outputs (often one, maybe none:
    200 fits ImageNet-A and ImageNet-R)."""
    return tuple(layout.name for layout in _LAYOUTS if layout.width == width)


def layout_for_width(width: int) -> LabelSpace:
    """The one layout with ``width`` outputs.

    Raises:
        ImagenetError: no layout or several have that width; the message names them.
    """
    names = layouts_of_width(width)
    if len(names) == 1:
        return label_space(names[0])
    if names:
        raise ImagenetError(
            f"{width} outputs fit {len(names)} layouts: {', '.join(names)}",
            hint="choose one with the layout option",
        )
    known = ", ".join(f"{layout.width} ({layout.name})" for layout in _LAYOUTS)
    raise ImagenetError(f"no known layout has {width:,} outputs; known widths: {known}")


@cache
def _positions(name: str) -> dict[str, int]:
    space = label_space(name)
    return {wnid: i + space.background for i, wnid in enumerate(space.wnids)}


class LayoutMap(NamedTuple):
    """An index table timm ships between two layouts.

    ``indices[j]`` is the output of ``source`` that is output ``j`` of ``target``, so
    ``scores[:, indices]`` turns a ``source`` head's scores into ``target``'s.
    """

    source: str
    target: str
    file: str
    indices: tuple[int, ...]


@cache
def layout_maps() -> tuple[LayoutMap, ...]:
    """Every index table bundled from the timm wheel (``data/layout_maps.json``)."""
    data = load_json("layout_maps.json")
    return tuple(
        LayoutMap(m["source"], m["target"], m["file"], tuple(m["indices"])) for m in data["maps"]
    )


def layout_map(source: str, target: str) -> LayoutMap:
    """timm's index table from layout ``source`` to layout ``target`` (names or aliases).

    Raises:
        NotFoundError: a name is no layout.
        ImagenetError: timm ships no table between the two (the tables are listed).
    """
    src, dst = canonical_name(source), canonical_name(target)
    for found in layout_maps():
        if (found.source, found.target) == (src, dst):
            return found
    tables = ", ".join(f"{m.source} -> {m.target}" for m in layout_maps())
    raise ImagenetError(f"no bundled table maps {src} to {dst}; tables: {tables}")
