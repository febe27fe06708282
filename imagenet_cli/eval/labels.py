"""The ILSVRC-2012 validation labels and the ReaL labels, as bundled in ``data/``.

Data sources (built by scripts/eval_data.py, see data/SOURCES.md):
``ilsvrc2012_val_labels.bin`` (TensorFlow Datasets' ``validation_labels.txt``, checked
image by image against an independent Caffe-style copy) and ``imagenet_real_labels.bin``
(timm's ``imagenet_real_labels.json``, Beyer et al. 2020, arXiv 2006.07159).
"""

from __future__ import annotations

import re
import sys
from array import array
from functools import cache

from imagenet_cli._errors import ImagenetError
from imagenet_cli._resources import data_root

VAL_IMAGES = 50_000
_NAME = re.compile(r"(?:^|[/\\])ILSVRC2012_val_(\d{8})(?:\.jpe?g)?$", re.IGNORECASE)


def _read(name: str) -> bytes:
    from imagenet_cli._errors import DataMissingError

    resource = data_root() / name
    if not resource.is_file():
        raise DataMissingError(f"the bundled data file {name} is missing; reinstall imagenet-cli")
    data: bytes = resource.read_bytes()
    return data


def _array(typecode: str, data: bytes) -> array:  # type: ignore[type-arg]
    values = array(typecode)
    values.frombytes(data)
    if sys.byteorder != "little":
        values.byteswap()
    return values


@cache
def val_labels() -> tuple[int, ...]:
    """The class index (0-999) of each validation image, ``ILSVRC2012_val_00000001.JPEG``
    first: 50,000 values, 50 per class.

    Raises:
        DataMissingError: the bundled file is missing.
    """
    return tuple(_array("H", _read("ilsvrc2012_val_labels.bin")))


@cache
def real_labels() -> tuple[tuple[int, ...], ...]:
    """The ReaL labels of each validation image (Beyer et al. 2020): the acceptable class
    indices of each image, ascending, empty for the 3,163 images left without a label.

    Raises:
        DataMissingError: the bundled file is missing.
    """
    raw = _read("imagenet_real_labels.bin")
    cut = 4 * (VAL_IMAGES + 1)
    head = _array("I", raw[:cut])
    labels = _array("H", raw[cut:])
    flat = labels.tolist()
    return tuple(tuple(flat[head[i] : head[i + 1]]) for i in range(VAL_IMAGES))


def val_number(text: str) -> int:
    """The 1-based validation image number of a file name (``ILSVRC2012_val_00000007.JPEG``,
    with or without a folder or extension) or of a plain number (``7``).

    Raises:
        ImagenetError: not a validation image name, or a number outside 1-50,000.
    """
    value = text.strip()
    match = _NAME.search(value)
    if match:
        number = int(match.group(1))
    elif value.isdigit():
        number = int(value)
    else:
        raise ImagenetError(
            f"{value!r} is not a validation image: expected a name like "
            "ILSVRC2012_val_00000001.JPEG or a number 1-50000"
        )
    if not 1 <= number <= VAL_IMAGES:
        raise ImagenetError(f"there is no validation image {number}: they run from 1 to 50000")
    return number


def val_name(number: int) -> str:
    """The file name of validation image ``number`` (1-based)."""
    return f"ILSVRC2012_val_{number:08d}.JPEG"
