"""``imagenet arch`` subcommands: show, layers (--detail), compare, bibtex, and old spellings."""

from __future__ import annotations

import json
import zipfile

import pytest
from typer.testing import CliRunner

from imagenet_cli.cli.arch import route
from imagenet_cli.cli.main import app
from tests.test_model_architectures import torchvision_meta

ENV = {"NO_COLOR": "1", "COLUMNS": "100", "TERM": "dumb"}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=ENV)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("args", "routed"),
    [
        ([], ["list"]),
        (["--json"], ["list", "--json"]),
        (["--help"], ["--help"]),
        (["resnet"], ["show", "resnet"]),
        (["resnet50", "--json"], ["show", "resnet50", "--json"]),
        (["--json", "resnet50"], ["show", "--json", "resnet50"]),
        (["resnet50", "--layers"], ["layers", "resnet50"]),
        (["r50", "--layers", "--input-size", "448"], ["layers", "r50", "--input-size", "448"]),
        (["--input-size", "448", "--layers", "r50"], ["layers", "--input-size", "448", "r50"]),
        (["resnet", "--bibtex"], ["bibtex", "resnet"]),
        (["compare", "a", "b"], ["compare", "a", "b"]),
        (["--json", "compare", "a", "b"], ["compare", "--json", "a", "b"]),
        (["layers", "resnet50", "--detail"], ["layers", "resnet50", "--detail"]),
        (["bibtex", "vgg"], ["bibtex", "vgg"]),
    ],
)  # fmt: skip
def test_route(args: list[str], routed: list[str]) -> None:
    assert route(args) == routed


def test_old_and_new_spellings_agree() -> None:
    pairs = [
        (("arch", "resnet50", "--layers", "--json"), ("arch", "layers", "resnet50", "--json")),
        (("arch", "resnet", "--bibtex"), ("arch", "bibtex", "resnet")),
        (("arch", "vgg16", "--json"), ("arch", "show", "vgg16", "--json")),
        (("arch", "--json"), ("arch", "list", "--json")),
    ]
    for old, new in pairs:
        first, second = run(*old), run(*new)
        assert first[0] == 0 and first == second, old


def test_each_subcommand_declares_only_its_own_options() -> None:
    assert run("arch", "bibtex", "resnet", "--json")[0] == 2
    assert run("arch", "show", "resnet", "--detail")[0] == 2
    assert run("arch", "compare", "resnet50", "vgg16", "--input-size", "300")[0] == 2
    assert run("arch", "list", "--layers")[0] == 2
    code, _, err = run("arch", "resnet50", "--detail")
    assert code == 2 and "arch layers NAME --detail" in err
    for sub in ("show", "layers", "compare", "bibtex", "list"):
        code, out, _ = run("arch", sub, "--help")
        assert code == 0 and f"arch {sub}" in out
    code, out, _ = run("arch", "--help")
    assert code == 0 and all(sub in out for sub in ("show", "layers", "compare", "bibtex"))


def test_layers_detail_sums_to_torchvisions_totals(torchvision_wheel: zipfile.ZipFile) -> None:
    meta = torchvision_meta(
        torchvision_wheel, "mobilenetv3", "MobileNet_V3_Small_Weights.IMAGENET1K_V1"
    )
    code, out, _ = run("arch", "layers", "mobilenet_v3_small", "--detail", "--json")
    assert code == 0
    record = json.loads(out)
    layers = record["layers"]
    assert sum(layer["params"] for layer in layers) == meta["num_params"]
    assert round(sum(layer["macs"] for layer in layers) / 1e9, 3) == meta["_ops"]
    depthwise = [layer for layer in layers if layer["name"].endswith(".dw")]
    assert depthwise and all(d["groups"] == d["output_shape"][0] for d in depthwise)
    first = layers[0]  # torchvision: Conv2d(3, 16, kernel_size=3, stride=2) + BatchNorm
    assert (first["type"], first["kernel"], first["stride"], first["output_shape"]) == (
        "conv", 3, 2, [16, 112, 112],
    )  # fmt: skip
    assert first["params"] == 3 * 16 * 9 + 2 * 16


def test_layers_detail_table(torchvision_wheel: zipfile.ZipFile) -> None:
    meta = torchvision_meta(torchvision_wheel, "resnet", "ResNet18_Weights.IMAGENET1K_V1")
    code, out, _ = run("arch", "layers", "resnet18", "--detail")
    assert code == 0
    assert "every layer for a 3x224x224 input" in out
    for header in ("layer", "type", "kernel", "stride", "groups", "output", "params", "MACs"):
        assert header in out
    assert f"{int(meta['num_params']):,}" in out.split("total", 1)[1]
    assert "downsample" in out and "max pool" in out and "linear" in out


def test_layers_detail_marks_the_training_only_aux_classifier() -> None:
    # torchvision inception.py: InceptionAux(768, 1000) = BasicConv2d(768, 128, 1),
    # BasicConv2d(128, 768, 5) (conv without bias, BatchNorm), Linear(768, 1000).
    aux = (768 * 128 + 2 * 128) + (128 * 768 * 25 + 2 * 768) + (768 * 1000 + 1000)
    code, out, _ = run("arch", "layers", "inception_v3", "--detail", "--json")
    assert code == 0
    marked = [layer for layer in json.loads(out)["layers"] if "training only" in layer["type"]]
    assert sum(layer["params"] for layer in marked) == aux
    assert all(layer["macs"] == 0 for layer in marked)
    code, out, _ = run("arch", "layers", "inception_v3", "--detail")
    rows = [line for line in out.splitlines() if ".aux." in line]
    assert len(rows) == len(marked) and all("†" in row for row in rows)
    assert "† runs in training only" in out


def test_layers_detail_keeps_swin_maps_spatial() -> None:
    # Swin-T: patch embedding 4x4/4 to 96 channels, so every stage-1 layer sits on 56x56.
    code, out, _ = run("arch", "layers", "swin_t", "--detail", "--json")
    assert code == 0
    stage1 = [layer for layer in json.loads(out)["layers"] if layer["name"].startswith("stage1")]
    assert stage1 and all(layer["output_shape"][1:] == [56, 56] for layer in stage1)


def test_compare_any_mix_has_no_empty_cells() -> None:
    code, out, _ = run("arch", "compare", "resnext50", "yolo_v3", "senet154", "zfnet", "vgg16")
    assert code == 0
    rows = [
        [cell.strip() for cell in line.strip("│").split("│")]
        for line in out.splitlines()
        if line.startswith("│")
    ]
    rows = [row for row in rows if row[0] and row[0] != "err"]  # a row's first line
    assert len(rows) >= 2 * 15  # two tables of 15 rows at 100 columns
    for row in rows:
        assert all(cell and cell != "—" for cell in row[1:]), row
    flat = " ".join(out.split())
    for reason in ("n/a: classifier", "n/a: detector", "n/a: not in", "not recorded"):
        assert reason in flat, reason


READS = """
import sys
import imagenet_cli._resources as resources
read = []
original = resources.resource
def recording(name):
    read.append(name)
    return original(name)
resources.resource = recording
from imagenet_cli.cli.main import app
try:
    app(sys.argv[1:], prog_name="imagenet")
except SystemExit:
    pass
sys.stderr.write("\\nREAD " + " ".join(read))
"""


def _files_read(*args: str) -> set[str]:
    import os
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", READS, *args],
        capture_output=True, text=True, check=True, env={**os.environ, **ENV},
    )  # fmt: skip
    return set(done.stderr.rsplit("READ ", 1)[1].split())


@pytest.mark.parametrize(
    ("args", "family"),
    [
        (["arch", "resnet50"], "resnet"),
        (["arch", "ResNet-50"], "resnet"),
        (["arch", "layers", "efficientnet_v2_s"], "efficientnet_v2"),
        (["arch", "swin_v2_t", "--layers"], "swin"),
        (["arch", "bibtex", "vit_b_16"], "vit"),
    ],
)
def test_one_family_reads_only_its_own_files(args: list[str], family: str) -> None:
    read = {name for name in _files_read(*args) if name.startswith("architectures/")}
    assert read and read <= {f"architectures/{family}.json", f"architectures/layers/{family}.json"}


def test_the_quick_look_up_finds_what_a_full_scan_finds() -> None:
    from imagenet_cli.facts.architectures import _key, _match, get_architecture, list_architectures

    families = list_architectures()
    for family in families:
        names = [family.id, family.name]
        for variant in family.variants:
            names += [variant.id, variant.name, *variant.aliases]
        for name in names:
            scan = next(m for f in families if (m := _match(f, _key(name))))
            found = get_architecture(name)
            assert (found[0].id, found[1] and found[1].id) == (scan[0].id, scan[1] and scan[1].id)


def test_a_detectors_layers_are_its_backbones() -> None:
    code, out, _ = run("arch", "layers", "yolo_v3", "--json")
    assert code == 0
    record = json.loads(out)
    assert (record["id"], record["backbone_of"]) == ("darknet53", "yolo_v3")
    assert run("arch", "layers", "darknet-53", "--json")[1] == out
    code, out, _ = run("arch", "layers", "yolo_v2")
    assert code == 0 and out.startswith("Darknet-19 (the ImageNet backbone of YOLOv2)")
    code, _, err = run("arch", "layers", "yolo_v1")
    assert code == 1 and "no layer spec for YOLO (v1)" in err
    code, out, _ = run("arch", "compare", "yolo_v3", "resnet50")
    cells = " ".join(
        line.split("│")[2].strip() for line in out.splitlines() if line.count("│") == 4
    )
    assert "n/a: detector (backbone: arch layers yolo_v3)" in cells


def test_variant_layer_costs_is_the_library_behind_arch_layers(
    torchvision_wheel: zipfile.ZipFile,
) -> None:
    from imagenet_cli._errors import ImagenetError
    from imagenet_cli.facts.architectures import variant_layer_costs

    meta = torchvision_meta(torchvision_wheel, "resnet", "ResNet50_Weights.IMAGENET1K_V2")
    found = variant_layer_costs("ResNet-50")
    assert (found.family.id, found.variant.id, found.backbone_of) == ("resnet", "resnet50", None)
    assert found.cost.params == meta["num_params"]
    assert round(found.cost.macs / 1e9, 3) == meta["_ops"]
    assert variant_layer_costs("resnet50", (448, 448)).cost.macs > found.cost.macs
    backbone = variant_layer_costs("yolo_v3")
    assert (backbone.cost.spec.id, backbone.backbone_of) == ("darknet53", "yolo_v3")
    with pytest.raises(ImagenetError, match="is a family"):
        variant_layer_costs("resnet")
