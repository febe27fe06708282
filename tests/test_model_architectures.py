"""Architecture data against the papers and torchvision's own metadata (read, not imported)."""

from __future__ import annotations

import re
import zipfile

import pytest

from imagenet_cli.model.architectures import get_architecture, list_architectures
from imagenet_cli.model.errors import NotFoundError


def torchvision_meta(wheel: zipfile.ZipFile, module: str, weights: str) -> dict[str, float]:
    """num_params, acc@1 and acc@5 of ``Class.MEMBER`` as printed in torchvision's source."""
    source = wheel.read(f"torchvision/models/{module}.py").decode("utf-8")
    cls, member = weights.split(".")
    body = source[source.index(f"class {cls}(") :]
    body = body[body.index(f"{member} = Weights(") :]
    body = body[: body.index('"_file_size"')]
    return {
        key: float(re.search(rf'"{re.escape(key)}": ([\d.]+)', body).group(1))  # type: ignore[union-attr]
        for key in ("num_params", "acc@1", "acc@5")
    }


def test_variants_match_torchvision(torchvision_wheel: zipfile.ZipFile) -> None:
    family, _ = get_architecture("resnet")
    assert [v.name for v in family.variants] == [
        "ResNet-18", "ResNet-34", "ResNet-50", "ResNet-101", "ResNet-152",
    ]  # fmt: skip
    for family in list_architectures():
        for variant in family.variants:
            assert variant.weights, variant.name
            for weights in variant.weights:
                meta = torchvision_meta(torchvision_wheel, family.id, weights.name)
                assert weights.params == meta["num_params"]
                assert weights.top1 == meta["acc@1"]
                assert weights.top5 == meta["acc@5"]


def test_alexnet_and_vgg_figures() -> None:
    family, _ = get_architecture("alexnet")
    (alexnet,) = family.variants
    assert alexnet.params == 61_100_840  # torchvision's one-tower net
    assert (alexnet.paper_results[0].top1_error, alexnet.paper_results[0].top5_error) == (
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
            for result in variant.paper_results:
                assert "Table" in result.source
