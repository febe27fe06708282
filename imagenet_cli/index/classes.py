"""The ILSVRC-2012 label space: the 1000 classes under every numbering in use.

Numberings:
* ``index`` 0-999: wnids sorted, as PyTorch, Keras, Caffe and timm order their outputs;
* ``one-based`` 1-1000: the same order counted from 1;
* ``tf-slim`` 0-1000: TF-slim style models with 1001 outputs, slot 0 "background", so
  class ``index`` is slot ``index + 1``;
* ``devkit`` 1-1000: the ILSVRC2012_ID of the challenge's devkit, a different order
  (tench is index 0 but ILSVRC2012_ID 449).

Data source: ``data/imagenet.sqlite`` (classes from timm's list, ILSVRC2012_ID from the
devkit's class list, names from torchvision and imagenet-simple-labels; see SOURCES.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import cache

from imagenet_cli._errors import (
    Ambiguous,
    EmptyInput,
    ImagenetError,
    NotFoundError,
    OutOfRange,
)
from imagenet_cli.index import _queries as q
from imagenet_cli.index.synsets import clean, normalize, subset_members

BACKGROUND_SLOT = 0  # TF-slim's extra output


class Scheme(str, Enum):
    """How to read an integer that names a class."""

    INDEX = "index"
    ONE_BASED = "one-based"
    TF_SLIM = "tf-slim"
    DEVKIT = "devkit"


@dataclass(frozen=True, slots=True)
class ImagenetClass:
    """One ILSVRC-2012 class.

    Attributes:
        index: 0-999, sorted-wnid order.
        wnid: the WordNet 3.0 noun id.
        ilsvrc2012_id: the devkit's ILSVRC2012_ID, 1-1000.
        name: torchvision's display name (``_IMAGENET_CATEGORIES``).
        lemmas: WordNet lemmas, in WordNet's order.
        simple_name: the imagenet-simple-labels name (unique across the 1000).
        synset: the WordNet name (``tench.n.01``).
    """

    index: int
    wnid: str
    ilsvrc2012_id: int
    name: str
    lemmas: tuple[str, ...]
    simple_name: str
    synset: str

    @property
    def one_based(self) -> int:
        """The class's number counted from 1."""
        return self.index + 1

    @property
    def tf_slim_slot(self) -> int:
        """The output slot in a 1001-way TF-slim model (slot 0 is background)."""
        return self.index + 1

    def number(self, scheme: str | Scheme = "index") -> int:
        """This class's number under ``scheme`` (see :class:`Scheme`).

        Raises:
            NotFound: an unknown scheme.
        """
        chosen = scheme_of(scheme)
        if chosen is Scheme.INDEX:
            return self.index
        if chosen is Scheme.DEVKIT:
            return self.ilsvrc2012_id
        return self.index + 1


class NotAClass(ImagenetError, LookupError):
    """A synset of the index (or TF-slim's background slot) that is no ILSVRC-2012 class.

    Attributes:
        wnid, name: the synset (None for the background slot).
        classes_below: how many classes lie under it.
    """

    def __init__(
        self, message: str, wnid: str | None = None, name: str | None = None, below: int = 0
    ) -> None:
        super().__init__(message)
        self.wnid = wnid
        self.name = name
        self.classes_below = below


def scheme_of(value: str | Scheme) -> Scheme:
    """A :class:`Scheme` from its value (``"tf-slim"``) or itself.

    Raises:
        NotFound: no scheme has that name.
    """
    if isinstance(value, Scheme):
        return value
    try:
        return Scheme(str(value).strip().lower())
    except ValueError:
        raise NotFoundError("numbering scheme", str(value), [s.value for s in Scheme]) from None


@cache
def all_classes() -> tuple[ImagenetClass, ...]:
    """The 1000 classes in index order."""
    lemmas: dict[int, list[str]] = {}
    for offset, lemma in q.class_lemma_rows():
        lemmas.setdefault(offset, []).append(lemma)
    rows = q.class_name_rows()
    return tuple(
        ImagenetClass(index, wnid, devkit, name, tuple(lemmas[offset]), simple, synset)
        for offset, index, wnid, devkit, name, simple, synset in rows
    )


_INTEGER = re.compile(r"^[+-]?\d{1,4000}$", re.ASCII)  # int() refuses over 4,300 digits
_RANGES = {
    Scheme.INDEX: (0, 999),
    Scheme.ONE_BASED: (1, 1000),
    Scheme.TF_SLIM: (0, 1000),
    Scheme.DEVKIT: (1, 1000),
}


def get_class(text: str, scheme: Scheme = Scheme.INDEX) -> ImagenetClass:
    """A class by number (read by ``scheme``), wnid, WordNet name or class name.

    Names match torchvision's display name, the simple-labels name, the WordNet name or a
    lemma, ignoring case, underscores and spaces. A name several classes carry means the
    one class that torchvision or imagenet-simple-labels gives it to, if there is one and
    the name is not the first WordNet lemma of two classes (``crane``, ``maillot``).

    Raises:
        ImagenetError: an empty value, a number outside the scheme's range, TF-slim slot 0
            (background), a name shared by several classes (they are listed), or a wnid
            that is a synset but not a class (points to ``synsets show``).
        NotFoundError: nothing matches (with suggestions).
    """
    raw = clean(text).strip()
    key = normalize(raw)
    if not key:
        raise EmptyInput("class value")
    classes = all_classes()
    if _INTEGER.match(key):
        number = int(key)
        low, high = _RANGES[scheme]
        if not low <= number <= high:
            raise OutOfRange(
                scheme.value,
                number,
                low,
                high,
                message=f"{scheme.value} {number} is out of range: {scheme.value} numbers run "
                f"from {low} to {high}",
            )
        if scheme is Scheme.INDEX:
            return classes[number]
        if scheme is Scheme.ONE_BASED:
            return classes[number - 1]
        if scheme is Scheme.TF_SLIM:
            if number == BACKGROUND_SLOT:
                raise NotAClass("TF-slim slot 0 is 'background', not a class")
            return classes[number - 1]
        return next(c for c in classes if c.ilsvrc2012_id == number)
    for found in classes:
        if key == found.wnid:
            return found
    from imagenet_cli.index.identifiers import Form, parse_identifier

    if parse_identifier(key).form in (Form.OFFSET, Form.MALFORMED, Form.SENSE_KEY):
        return _via_synset(raw)  # a wnid, offset-pos or sense key: as synset() reads it
    matches = list(_names().get(key, ()))
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        # a name that torchvision or imagenet-simple-labels gives to exactly one class
        # means that class (harp is also a lemma of harmonica, mouth harp), unless it is
        # the first WordNet lemma of several (crane: the bird and the machine)
        firsts = [c for c in matches if normalize(c.lemmas[0]) == key]
        named = [
            group
            for group in (
                [c for c in matches if normalize(c.name) == key],
                [c for c in matches if normalize(c.simple_name) == key],
            )
            if len(group) == 1
        ]
        if len(firsts) < 2 and len({group[0].index for group in named}) == 1:
            return named[0][0]
        listed = ", ".join(f"{c.index} {c.wnid} {c.synset} ({c.simple_name})" for c in matches)
        raise Ambiguous(
            raw,
            matches,
            f"{raw!r} names {len(matches)} classes: {listed}",
            hint="give the index or wnid",
        )
    return _via_synset(raw)


def _via_synset(text: str) -> ImagenetClass:
    """Read ``text`` as any synset identifier (inflections, WordNet names, wnids) and
    return its class, or say why it is none: not a class (with how many lie under it),
    several synsets, a WordNet noun ImageNet lacks, ..."""
    from imagenet_cli.index.identifiers import resolve

    try:
        synset = resolve(text)
    except NotFoundError as error:
        if error.hint is not None:
            raise
        known = [c.simple_name for c in all_classes()] + [c.name for c in all_classes()]
        raise NotFoundError("class", text, known) from None
    if synset.ilsvrc2012_index is not None:
        return all_classes()[synset.ilsvrc2012_index]
    count = len(classes_under(synset.wnid))
    raise NotAClass(
        f"{synset.name} ({synset.wnid}) is a synset of the index but not an ILSVRC-2012 class",
        synset.wnid,
        synset.name,
        count,
    )


@cache
def _names() -> dict[str, tuple[ImagenetClass, ...]]:
    """Every name a class answers to (normalized), with the classes carrying it."""
    found: dict[str, dict[int, ImagenetClass]] = {}
    for c in all_classes():
        for name in (c.name, c.simple_name, c.synset, *c.lemmas):
            found.setdefault(normalize(name), {})[c.index] = c
    return {name: tuple(by_index.values()) for name, by_index in found.items()}


def classes_under(identifier: str) -> tuple[ImagenetClass, ...]:
    """The classes in the subtree of a synset (itself included), in index order.

    ``imagenet classes --under`` and the category view of ``imagenet about`` both count
    with this function.

    Raises:
        ImagenetError, NotFoundError: as :func:`imagenet_cli.index.identifiers.resolve`.
    """
    from imagenet_cli.index.identifiers import resolve

    classes = all_classes()
    return tuple(classes[i] for i in q.classes_beneath(resolve(identifier).offset))


def classes_in(subset: str) -> tuple[ImagenetClass, ...]:
    """The ILSVRC-2012 classes that a bundled list contains, in index order.

    Raises:
        NotFoundError: no bundled list has that name.
    """
    members = {f"n{o:08d}" for o in subset_members(subset)}
    return tuple(c for c in all_classes() if c.wnid in members)


@dataclass(frozen=True, slots=True)
class Duplicate:
    """A name shared by several classes, and how it is shared."""

    name: str
    kind: str  # "first lemma", "lemma" or "torchvision name"
    classes: tuple[ImagenetClass, ...]


def duplicate_names() -> tuple[Duplicate, ...]:
    """Names (ignoring case) that more than one class carries: as first lemma, as any
    lemma, or as torchvision's display name."""
    groups: dict[tuple[str, str], list[ImagenetClass]] = {}
    for c in all_classes():
        groups.setdefault(("first lemma", normalize(c.lemmas[0])), []).append(c)
        for lemma in dict.fromkeys(normalize(lemma) for lemma in c.lemmas):
            groups.setdefault(("lemma", lemma), []).append(c)
        groups.setdefault(("torchvision name", normalize(c.name)), []).append(c)
    firsts = {name: members for (kind, name), members in groups.items() if kind == "first lemma"}
    found = [
        Duplicate(name, kind, tuple(members))
        for (kind, name), members in groups.items()
        if len(members) > 1 and not (kind == "lemma" and firsts.get(name) == members)
    ]
    order = {"first lemma": 0, "lemma": 1, "torchvision name": 2}
    return tuple(sorted(found, key=lambda d: (order[d.kind], d.name)))
