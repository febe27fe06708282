"""Convert class labels between numberings, wnids, names and label layouts.

Schemes (``src``/``dst``):

* ``index`` 0-999 (aliases ``torch``, ``torchvision``, ``keras``, ``timm``, ``in1k``: the
  sorted-wnid order), ``one-based`` 1-1000, ``tf-slim`` 1-1000 (slot 0 is background),
  ``devkit`` (ILSVRC2012_ID);
* ``wnid``; ``name`` (torchvision's display name; any unique class name is read) and
  ``simple`` (imagenet-simple-labels);
* any label layout (:mod:`imagenet_cli.index.labelspaces`): its output index, such as
  ``in22k-ms``, ``in21k`` (Google), ``in22k`` (fall 2011), ``in12k``, ``imagenet-a``.

Every conversion goes through the wnid: a label whose synset the target lacks (a 21k
synset outside the 1000 classes, a background slot) has no counterpart, which is an error
unless asked to skip or keep it. Data source: ``data/imagenet.sqlite`` (SOURCES.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache
from typing import NamedTuple

from imagenet_cli._errors import ImagenetError, NotFoundError
from imagenet_cli.index.labelspaces import (
    LabelSpace,
    all_aliases,
    canonical_name,
    label_space,
    layout_names,
)

MISSING_CHOICES = ("error", "skip", "keep")

#: Scheme names that are no layout, with their aliases.
_SCHEMES = {
    "wnid": "wnid", "wnids": "wnid", "synset": "wnid",
    "name": "name", "names": "name", "torchvision-name": "name", "label": "name",
    "simple": "simple", "simple-name": "simple", "simple-labels": "simple",
    "one-based": "one-based", "onebased": "one-based", "1-based": "one-based",
    "devkit": "devkit", "ilsvrc2012-id": "devkit", "ilsvrc2012_id": "devkit",
    "index": "ilsvrc2012", "zero-based": "ilsvrc2012", "pytorch": "ilsvrc2012",
}  # fmt: skip


class ConvertError(ImagenetError):
    """A value that cannot be read, or that has no counterpart in the target.

    Attributes:
        position: the 0-based position of the value in the input.
        value: the value as given.
        reason: the message without the position.
        missing: True when the value was read but the target lacks its synset.
    """

    def __init__(self, position: int, value: str, reason: str, *, missing: bool) -> None:
        super().__init__(f"value {position + 1} ({value!r}): {reason}")
        self.position = position
        self.value = value
        self.reason = reason
        self.missing = missing


class _Codec(NamedTuple):
    name: str
    read: Callable[[str], str | None]  # text -> wnid (None: background); raises ValueError
    write: Callable[[str], str | None]  # wnid -> text, None when the scheme lacks it


def scheme_names() -> tuple[str, ...]:
    """Every scheme name: the numberings, wnid, names, then the layouts."""
    return ("index", "one-based", "tf-slim", "devkit", "wnid", "name", "simple",
            *layout_names())  # fmt: skip


def canonical_scheme(name: str) -> str:
    """The canonical name of a scheme or layout name or alias.

    Raises:
        NotFoundError: nothing has that name (with suggestions).
    """
    key = name.strip().lower().replace("_", "-")
    if key in _SCHEMES:
        return _SCHEMES[key]
    try:
        return canonical_name(name)
    except NotFoundError:
        known = [*_SCHEMES, *layout_names(), *all_aliases()]
        raise NotFoundError("class label scheme", name, known) from None


@cache
def _classes() -> tuple[dict[str, int], list[str], dict[str, int]]:
    from imagenet_cli.index.classes import all_classes

    classes = all_classes()
    by_wnid = {c.wnid: c.index for c in classes}
    devkit = {c.wnid: c.ilsvrc2012_id for c in classes}
    return by_wnid, [c.wnid for c in classes], devkit


_INT = re.compile(r"^\s*[+-]?\d+\s*$", re.ASCII)
_WNID = re.compile(r"^n\d{8}$", re.ASCII)


def _integer(text: str, low: int, high: int, what: str) -> int:
    if not _INT.match(text):
        raise ValueError(f"not a number; {what} runs from {low} to {high}")
    number = int(text)
    if not low <= number <= high:
        raise ValueError(f"out of range; {what} runs from {low} to {high}")
    return number


def _layout_codec(space: LabelSpace) -> _Codec:
    first = space.background
    last = space.width - 1
    wnids = space.wnids

    def read(text: str) -> str | None:
        number = _integer(text, 0, last, "it")
        return None if number < first else wnids[number - first]

    def write(wnid: str) -> str | None:
        found = space.output_of(wnid)
        return None if found is None else str(found)

    shown = {"ilsvrc2012": "index", "ilsvrc2012-tf-slim": "tf-slim"}.get(space.name, space.name)
    return _Codec(shown, read, write)


@cache
def _codec(scheme: str) -> _Codec:
    by_wnid, ordered, devkit = _classes()
    if scheme == "wnid":

        def read_wnid(text: str) -> str | None:
            key = text.strip().lower()
            if not _WNID.match(key):
                raise ValueError("not a wnid (n and 8 digits)")
            return key

        return _Codec("wnid", read_wnid, lambda wnid: wnid)
    if scheme == "one-based":

        def read_one(text: str) -> str | None:
            return ordered[_integer(text, 1, 1000, "one-based") - 1]

        return _Codec(scheme, read_one, lambda w: None if w not in by_wnid else str(by_wnid[w] + 1))
    if scheme == "devkit":
        by_id = {number: wnid for wnid, number in devkit.items()}

        def read_devkit(text: str) -> str | None:
            return by_id[_integer(text, 1, 1000, "ILSVRC2012_ID")]

        return _Codec(scheme, read_devkit, lambda w: None if w not in devkit else str(devkit[w]))
    if scheme in ("name", "simple"):
        from imagenet_cli.index.classes import all_classes, get_class

        names = {c.wnid: (c.name if scheme == "name" else c.simple_name) for c in all_classes()}

        def read_name(text: str) -> str | None:
            if not text.strip():
                raise ValueError("empty")
            try:
                return get_class(text).wnid
            except NotFoundError:
                raise ValueError("no class has this name") from None
            except ImagenetError as error:
                raise ValueError(error.message) from None

        return _Codec(scheme, read_name, names.get)
    return _layout_codec(label_space(scheme))


def _describe(wnid: str | None) -> str:
    if wnid is None:
        return "the background slot"
    from imagenet_cli.index.synsets import load_synsets

    found = load_synsets([int(wnid[1:])]) if wnid[1:].isdigit() else {}
    return f"{wnid} ({found[int(wnid[1:])].name})" if found else wnid


def converter(src: str, dst: str, missing: str = "error") -> Callable[[int, str], str | None]:
    """A function ``(position, value) -> converted`` for many values (memoised).

    It returns ``None`` for a value without counterpart when ``missing`` is ``skip`` or
    ``keep``; see :func:`convert` for the errors.
    """
    if missing not in MISSING_CHOICES:
        raise ImagenetError(f"missing must be one of {', '.join(MISSING_CHOICES)}")
    source, target = _codec(canonical_scheme(src)), _codec(canonical_scheme(dst))
    done: dict[str, str | None] = {}

    def run(position: int, value: str) -> str | None:
        if value in done:
            found = done[value]
            if found is None and missing == "error":
                _fail(position, value)
            return found
        try:
            wnid = source.read(value)
        except (ValueError, KeyError) as error:
            raise ConvertError(
                position,
                value,
                f"{value.strip()[:40]!r} is no {source.name} label: {error}",
                missing=False,
            ) from None
        found = None if wnid is None else target.write(wnid)
        done[value] = found
        if found is None and missing == "error":
            _fail(position, value)
        return found

    def _fail(position: int, value: str) -> None:
        wnid = source.read(value)
        raise ConvertError(
            position,
            value,
            f"{source.name} {value.strip()} is {_describe(wnid)}, which has no {target.name} "
            "counterpart",
            missing=True,
        )

    return run


def convert(
    values: Iterable[str | int], src: str, dst: str, missing: str = "error"
) -> list[str | None]:
    """Convert class labels from scheme ``src`` to scheme ``dst`` (see the module doc).

    Args:
        values: labels as text or integers.
        src, dst: scheme or layout names or aliases (``index``, ``devkit``, ``wnid``,
            ``name``, ``in22k-ms``, ``imagenet-a`` ...).
        missing: ``error`` (default), or ``skip``/``keep``: a value without counterpart
            gives ``None``.

    Returns:
        The converted labels as text, in input order (``None`` where missing).

    Raises:
        ConvertError: a value that is no label of ``src`` (always), or one without
            counterpart in ``dst`` (when ``missing`` is ``error``); it names the position.
        NotFoundError: an unknown scheme.

    Example:
        >>> convert(["449", "1"], "devkit", "index")
        ['0', '278']
    """
    run = converter(src, dst, missing)
    return [run(i, str(v)) for i, v in enumerate(values)]
