"""Architecture data against the papers and torchvision's own metadata (read, not imported)."""

from __future__ import annotations

import re
import zipfile

import pytest

from imagenet_cli._errors import NotFoundError
from imagenet_cli.facts.architectures import get_architecture, ilsvrc_results, list_architectures


def torchvision_meta(wheel: zipfile.ZipFile, module: str, weights: str) -> dict[str, float]:
    """num_params, acc@1, acc@5 and _ops of ``Class.MEMBER`` as printed in torchvision's source.

    A key missing from the member's meta is read from the module's ``_COMMON_META``, which
    the member spreads (MobileNetV2 keeps its num_params there).
    """
    source = wheel.read(f"torchvision/models/{module}.py").decode("utf-8")
    cls, member = weights.split(".")
    body = source[source.index(f"class {cls}(") :]
    body = body[body.index(f"{member} = Weights(") :]
    body = body[: body.index('"_file_size"')]
    common = source[source.find("_COMMON_META = {") :] if "**_COMMON_META" in body else ""
    common = common[: common.find("}") + 1]
    found = {}
    for key in ("num_params", "acc@1", "acc@5", "_ops"):
        match = re.search(rf'"{re.escape(key)}": ([\d.]+)', body) or re.search(
            rf'"{re.escape(key)}": ([\d.]+)', common
        )
        assert match, (weights, key)
        found[key] = float(match.group(1))
    return found


FAMILIES = {
    "alexnet", "zfnet", "googlenet", "vgg", "inception_v3", "resnet", "densenet", "yolo",
    "mobilenet", "senet", "efficientnet", "vit", "resnext", "wide_resnet",
    "squeezenet", "shufflenet", "mnasnet", "convnext", "efficientnet_v2", "swin",
    "regnet", "maxvit",
}  # fmt: skip


def test_the_issues_families_are_all_there() -> None:
    assert {f.id for f in list_architectures()} == FAMILIES
    ids = {v.id for f in list_architectures() for v in f.variants}
    assert {"yolo_v1", "yolo_v2", "yolo_v3"} <= ids
    assert {"mobilenet_v1", "mobilenet_v2", "mobilenet_v3_large", "mobilenet_v3_small"} <= ids


def test_variants_match_torchvision(torchvision_wheel: zipfile.ZipFile) -> None:
    family, _ = get_architecture("resnet")
    assert [v.name for v in family.variants] == [
        "ResNet-18", "ResNet-34", "ResNet-50", "ResNet-101", "ResNet-152",
    ]  # fmt: skip
    checked = 0
    for family in list_architectures():
        for variant in family.variants:
            for weights in variant.weights:
                module = weights.source.split("torchvision/models/")[1].split(".py")[0]
                meta = torchvision_meta(torchvision_wheel, module, weights.name)
                assert weights.params == meta["num_params"], weights.name
                assert weights.top1 == meta["acc@1"], weights.name
                assert weights.top5 == meta["acc@5"], weights.name
                assert weights.gflops == meta["_ops"], weights.name
                checked += 1
    assert checked > 40


def test_mobilenet_v2_num_params_comes_from_common_meta() -> None:
    _, v2 = get_architecture("mobilenet_v2")
    assert v2 is not None and v2.params == 3_504_872  # torchvision's _COMMON_META


def test_paper_figures_of_the_new_families() -> None:
    """Figures as the papers print them (tables named in each source)."""
    _, v1 = get_architecture("mobilenet_v1")
    assert v1 is not None and v1.macs == 569e6  # Howard et al. 2017, Table 8: 569 mult-adds
    assert v1.paper_params is not None and v1.paper_params.value == 4_200_000
    assert v1.paper_results[0].top1_error == 29.4  # 70.6% accuracy
    _, v3s = get_architecture("MobileNetV3-Small")
    assert v3s is not None and v3s.macs == 56e6  # Howard et al. 2019, Table 3
    _, yolo1 = get_architecture("yolo_v1")
    assert yolo1 is not None
    voc = {r.model: (r.value, r.fps) for r in yolo1.detection_results if "2007" in r.dataset}
    assert voc["YOLO"] == (63.4, 45) and voc["Fast YOLO (9 conv layers)"] == (52.7, 155)
    _, yolo3 = get_architecture("yolov3")
    assert yolo3 is not None and yolo3.backbone is not None
    darknet53 = yolo3.backbone["paper_results"][0]
    assert (darknet53["top1_error"], darknet53["top5_error"]) == (22.8, 6.2)  # 77.2 / 93.8
    family, _ = get_architecture("googlenet")
    (googlenet,) = family.variants
    assert min(r.top5_error for r in googlenet.paper_results if r.top5_error) == 6.67
    _, se50 = get_architecture("se-resnet-50")
    assert se50 is not None and se50.macs is None  # GFLOPs the paper does not define
    assert se50.cost_printed is not None and se50.cost_printed.printed == "3.87 GFLOPs"
    senet, _ = get_architecture("senet")
    assert senet.ilsvrc[0]["top5_error"] == 2.251


def test_alexnet_and_vgg_figures() -> None:
    family, _ = get_architecture("alexnet")
    alexnet, paper = family.variants
    assert alexnet.params == 61_100_840  # torchvision's one-tower net
    assert paper.id == "alexnet_paper" and paper.params is None
    assert (paper.paper_results[0].top1_error, paper.paper_results[0].top5_error) == (
        37.5, 17.0,
    )  # fmt: skip
    _, vgg16 = get_architecture("VGG-16")
    assert vgg16 is not None
    assert vgg16.spec["paper_params_millions"] == 138  # Simonyan & Zisserman, Table 2
    assert vgg16.macs == 15.3e9
    table4 = next(r for r in vgg16.paper_results if r.source.endswith("Table 4"))
    assert (table4.top1_error, table4.top5_error) == (24.8, 7.5)


def test_resnet_weights_match_torchvision(torchvision_wheel: zipfile.ZipFile) -> None:
    family, _ = get_architecture("resnet")
    for variant in family.variants:
        for weights in variant.weights:
            meta = torchvision_meta(torchvision_wheel, "resnet", weights.name)
            assert weights.params == meta["num_params"]
            assert weights.top1 == meta["acc@1"]
            assert weights.top5 == meta["acc@5"]


def test_resnet50_figures() -> None:
    _, resnet50 = get_architecture("resnet50")
    assert resnet50 is not None
    assert resnet50.params == 25_557_032  # torchvision num_params
    by_name = {w.name: w for w in resnet50.weights}
    assert (
        by_name["ResNet50_Weights.IMAGENET1K_V1"].top1,
        by_name["ResNet50_Weights.IMAGENET1K_V1"].top5,
    ) == (76.13, 92.862)
    assert resnet50.headline is not None
    assert resnet50.headline.top1 == 80.858
    assert resnet50.macs == 3.8e9  # He et al. Table 1
    table3 = next(r for r in resnet50.paper_results if r.source.endswith("Table 3"))
    assert (table3.top1_error, table3.top5_error) == (22.85, 6.71)


def test_resnet152_paper_results() -> None:
    _, resnet152 = get_architecture("ResNet-152")
    assert resnet152 is not None
    table4 = next(r for r in resnet152.paper_results if r.source.endswith("Table 4"))
    assert table4.top5_error == 4.49  # "single-model top-5 validation error of 4.49%"


@pytest.mark.parametrize("alias", ["resnet50", "ResNet-50", "resnet-50", "resnet_50", "RESNET 50"])
def test_aliases(alias: str) -> None:
    family, variant = get_architecture(alias)
    assert family.id == "resnet"
    assert variant is not None
    assert variant.id == "resnet50"


def test_unknown_name_suggests() -> None:
    with pytest.raises(NotFoundError) as caught:
        get_architecture("resnt")
    assert "resnet" in caught.value.suggestions


def test_families_have_sources_and_bibtex() -> None:
    for family in list_architectures():
        assert family.bibtex.startswith("@")
        assert family.sources
        for variant in family.variants:
            if variant.macs is not None:
                assert variant.macs_source
            if variant.cost_printed is not None:
                assert variant.macs is None and variant.cost_printed.source
            for result in variant.paper_results:
                assert result.source and result.protocol
            for detection in variant.detection_results:
                assert detection.source and detection.metric


def test_every_timeline_architecture_is_a_family() -> None:
    from imagenet_cli.facts.timeline import load_timeline

    named = {e.architecture for e in load_timeline() if e.architecture}
    assert named >= {"alexnet", "googlenet", "resnet", "senet", "vgg"}
    assert named <= {f.id for f in list_architectures()}


def test_every_checkpoint_of_a_covered_module_is_listed_default_first(
    torchvision_wheel: zipfile.ZipFile,
) -> None:
    """A model with any checkpoint listed has all of them, torchvision's DEFAULT first."""
    listed = {w.name: v for f in list_architectures() for v in f.variants for w in v.weights}
    modules = {
        w.source.split(", ")[1] for f in list_architectures() for v in f.variants for w in v.weights
    }
    for module in sorted(modules):
        source = torchvision_wheel.read(module).decode("utf-8")
        for cls, body in re.findall(
            r"class (\w+_Weights)\(WeightsEnum\):(.*?)DEFAULT = ", source, re.S
        ):
            blocks = re.split(r"\n    (\w+) = Weights\(", body)[1:]
            # checkpoints with ImageNet-1K accuracy (VGG16's IMAGENET1K_FEATURES has none)
            members = [
                name
                for name, block in zip(blocks[::2], blocks[1::2], strict=True)
                if re.search(r'"acc@1": [\d.]+', block)
            ]
            default = re.search(rf"class {cls}\(WeightsEnum\):.*?DEFAULT = (\w+)", source, re.S)
            assert default is not None
            if not any(f"{cls}.{member}" in listed for member in members):
                continue  # a model of the module not covered yet (EfficientNetV2 ...)
            for member in members:
                assert f"{cls}.{member}" in listed, f"{cls}.{member} ({module}) is in no variant"
            variant = listed[f"{cls}.{members[0]}"]
            assert variant.weights[0].name == f"{cls}.{default.group(1)}", cls


def test_resnext_and_wide_resnet_paper_figures() -> None:
    _, r50 = get_architecture("resnext50_32x4d")
    assert r50 is not None and r50.macs == 4.2e9  # Xie et al. 2017, Table 1
    assert r50.paper_results[0].top1_error == 22.2  # Table 3
    _, r101 = get_architecture("ResNeXt-101 (64x4d)")
    assert r101 is not None
    assert [(r.top1_error, r.top5_error) for r in r101.paper_results] == [(20.4, 5.3), (19.1, 4.4)]
    _, wrn = get_architecture("WRN-50-2")
    assert wrn is not None and wrn.paper_params is not None
    assert wrn.paper_params.printed == "68.9M"  # Zagoruyko & Komodakis, Table 8
    assert {r.top5_error for r in wrn.paper_results} == {6.03, 5.79}  # Tables 8 and 9
    family, _ = get_architecture("resnext")
    assert [(e.year, e.rank) for e in ilsvrc_results(family.id)] == [(2016, 2)]


def test_mnasnet_a1_is_the_papers_and_b1_is_torchvisions(
    torchvision_wheel: zipfile.ZipFile,
) -> None:
    source = torchvision_wheel.read("torchvision/models/mnasnet.py").decode("utf-8")
    assert "This\n    implements the B1 variant of the model." in source
    family, a1 = get_architecture("MnasNet-A1")
    assert a1 is not None and a1.macs == 312e6 and not a1.weights  # Section 6.1
    assert (a1.paper_results[0].top1_error, a1.paper_results[0].top5_error) == (24.8, 7.5)
    assert all("(B1)" in v.name for v in family.variants if v.weights)
