"""data/torchvision_weights.json against the torchvision wheel's own source (read, not imported)."""

from __future__ import annotations

import re
import zipfile

from imagenet_cli._resources import load_json


def _member(wheel: zipfile.ZipFile, file: str, name: str) -> str:
    cls, member = name.split(".")
    source = wheel.read(file).decode("utf-8")
    body = source[source.index(f"class {cls}(") :]
    body = body[body.index(f"{member} = Weights(") :]
    return body[: body.index("meta=")]


def test_crop_and_resize_sizes_are_the_wheels(torchvision_wheel: zipfile.ZipFile) -> None:
    presets = torchvision_wheel.read("torchvision/transforms/_presets.py").decode("utf-8")
    default = int(re.search(r"resize_size: int = (\d+)", presets).group(1))  # type: ignore[union-attr]
    weights = load_json("torchvision_weights.json")["weights"]
    assert len(weights) > 100
    for name, meta in weights.items():
        transforms = _member(torchvision_wheel, meta["file"], name)
        crop = re.search(r"crop_size=(\d+)", transforms)
        resize = re.search(r"resize_size=(\d+)", transforms)
        assert crop and int(crop.group(1)) == meta["crop_size"], name
        assert meta["resize_size"] == (int(resize.group(1)) if resize else default), name
