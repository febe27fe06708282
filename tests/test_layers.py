"""Layer specs and their costs against torchvision's own metadata and the papers' tables.

torchvision's ``num_params``, ``_ops`` and ``min_size`` are parsed from the source text of
the torchvision wheel (never imported), independently of the bundled data.
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from imagenet_cli._errors import ImagenetError, NotFoundError
from imagenet_cli.facts.layers import (
    Bneck,
    compute_costs,
    get_spec,
    layer_families,
    list_specs,
    make_divisible,
)
from tests.conftest import examples

#: variant id -> (torchvision module, weights enum class)
TORCHVISION = {
    "alexnet": ("alexnet", "AlexNet_Weights"),
    **{
        f"vgg{d}{bn}": ("vgg", f"VGG{d}{bn.upper()}_Weights")
        for d in (11, 13, 16, 19)
        for bn in ("", "_bn")
    },
    **{f"resnet{d}": ("resnet", f"ResNet{d}_Weights") for d in (18, 34, 50, 101, 152)},
    "mobilenet_v2": ("mobilenetv2", "MobileNet_V2_Weights"),
    "mobilenet_v3_large": ("mobilenetv3", "MobileNet_V3_Large_Weights"),
    "mobilenet_v3_small": ("mobilenetv3", "MobileNet_V3_Small_Weights"),
    "resnext50_32x4d": ("resnet", "ResNeXt50_32X4D_Weights"),
    "resnext101_32x8d": ("resnet", "ResNeXt101_32X8D_Weights"),
    "resnext101_64x4d": ("resnet", "ResNeXt101_64X4D_Weights"),
    "wide_resnet50_2": ("resnet", "Wide_ResNet50_2_Weights"),
    "wide_resnet101_2": ("resnet", "Wide_ResNet101_2_Weights"),
    "squeezenet1_0": ("squeezenet", "SqueezeNet1_0_Weights"),
    "squeezenet1_1": ("squeezenet", "SqueezeNet1_1_Weights"),
    **{
        f"shufflenet_v2_x{m}": ("shufflenetv2", f"ShuffleNet_V2_X{m.upper()}_Weights")
        for m in ("0_5", "1_0", "1_5", "2_0")
    },
    **{f"mnasnet{m}": ("mnasnet", f"MNASNet{m}_Weights") for m in ("0_5", "0_75", "1_0", "1_3")},
    **{
        f"convnext_{size}": ("convnext", f"ConvNeXt_{size.title()}_Weights")
        for size in ("tiny", "small", "base", "large")
    },
    **{f"densenet{d}": ("densenet", f"DenseNet{d}_Weights") for d in (121, 161, 169, 201)},
    "googlenet": ("googlenet", "GoogLeNet_Weights"),
    "inception_v3": ("inception", "Inception_V3_Weights"),
    **{
        f"vit_{m}": ("vision_transformer", f"ViT_{m.upper()}_Weights")
        for m in ("b_16", "b_32", "l_16", "l_32", "h_14")
    },
    **{
        f"swin_{m}": ("swin_transformer", f"Swin_{m.upper()}_Weights")
        for m in ("t", "s", "b", "v2_t", "v2_s", "v2_b")
    },
    **{
        f"regnet_{m}": ("regnet", f"RegNet_{m.upper()}_Weights")
        for m in (
            "y_400mf",
            "y_800mf",
            "y_1_6gf",
            "y_3_2gf",
            "y_8gf",
            "y_16gf",
            "y_32gf",
            "y_128gf",
            "x_400mf",
            "x_800mf",
            "x_1_6gf",
            "x_3_2gf",
            "x_8gf",
            "x_16gf",
            "x_32gf",
        )
    },
    **{f"efficientnet_b{i}": ("efficientnet", f"EfficientNet_B{i}_Weights") for i in range(8)},
    **{
        f"efficientnet_v2_{s}": ("efficientnet", f"EfficientNet_V2_{s.upper()}_Weights")
        for s in "sml"
    },
    "maxvit_t": ("maxvit", "MaxVit_T_Weights"),
}
EXPECTED_VARIANTS = {*TORCHVISION, "alexnet_paper", "mobilenet_v1", "darknet19", "darknet53"}
#: ViTs size their position embeddings to the input (torchvision builds them for one
#: ``image_size`` and asserts it), so their params depend on it
VIT = {v for v in TORCHVISION if v.startswith("vit_")}
#: nets whose classifier follows an adaptive (global) pooling, so weights fit any input
#: (MaxViT is left out: torchvision accepts only maps that split into 7x7 partitions)
ADAPTIVE = sorted(EXPECTED_VARIANTS - {"alexnet_paper", "maxvit_t"} - VIT)
# torchvision's own floor where it is above the 63 px the property tests start at
# (inception.py: ``"min_size": (75, 75)``).
MIN_SIDE = {"inception_v3": 75}


def _at_least(variant: str, side: int) -> int:
    return max(side, MIN_SIDE.get(variant, 0))


def _source(wheel: zipfile.ZipFile, module: str) -> str:
    return wheel.read(f"torchvision/models/{module}.py").decode("utf-8")


def _meta_value(block: str, source: str, key: str) -> str:
    """``key``'s printed value in a Weights block, else in a module dict it spreads.

    ``**_COMMON_META_V1`` spreads that dict, which may spread ``_COMMON_META`` in turn.
    """
    found = re.search(rf'"{key}": ([^,\n]+(?:, [^,\n]+\))?)', block)
    if found:
        return found.group(1)
    for name in re.findall(r"\*\*(_\w+)", block):
        at = source.find(f"\n{name}")
        if at >= 0:
            text = source[at : source.index("\n}", at)]
            try:
                return _meta_value(text, source, key)
            except AssertionError:
                continue
    raise AssertionError(f"no {key} printed")


def torchvision_weights(wheel: zipfile.ZipFile, variant: str) -> list[dict[str, Any]]:
    """num_params, _ops and min_size of every ``Weights`` of the variant's enum."""
    module, cls = TORCHVISION[variant]
    source = _source(wheel, module)
    body = source[source.index(f"class {cls}(") :]
    body = body[: body.index("DEFAULT = ")]
    blocks = re.split(r"\n    \w+ = Weights\(", body)[1:]
    assert blocks, cls
    found = []
    for block in blocks:
        min_size = re.match(r"\((\d+), (\d+)\)", _meta_value(block, source, "min_size"))
        assert min_size is not None
        crop = re.search(r"crop_size=(\d+)", block)
        assert crop is not None
        found.append(
            {
                "num_params": int(_meta_value(block, source, "num_params")),
                "_ops": float(_meta_value(block, source, "_ops")),
                "min_size": (int(min_size.group(1)), int(min_size.group(2))),
                "crop_size": int(crop.group(1)),
            }
        )
    return found


def test_every_variant_has_a_spec() -> None:
    assert layer_families() == (
        "alexnet", "convnext", "densenet", "efficientnet", "efficientnet_v2", "googlenet",
        "inception_v3", "maxvit",
        "mnasnet", "mobilenet", "regnet", "resnet", "resnext", "shufflenet", "squeezenet",
        "swin", "vgg", "vit", "wide_resnet", "yolo",
    )  # fmt: skip
    assert {spec.id for spec in list_specs()} == EXPECTED_VARIANTS
    for spec in list_specs():
        assert spec.source
        assert spec.stages
        assert all(stage.layers for stage in spec.stages)


@pytest.mark.parametrize("variant", sorted(TORCHVISION))
def test_params_and_macs_match_torchvision(
    torchvision_wheel: zipfile.ZipFile, variant: str
) -> None:
    for weights in torchvision_weights(torchvision_wheel, variant):
        # each checkpoint at its own crop (EfficientNet-B7 at 600, a SWAG ViT at 384 ...)
        cost = compute_costs(variant, weights["crop_size"])
        assert cost.output_shape == (1000, 1, 1)
        assert cost.params == weights["num_params"]
        # _ops is printed to 3 decimals (GMACs; see imagenet_cli/facts/layers.py)
        assert round(cost.macs / 1e9, 3) == weights["_ops"]
    assert (
        get_spec(variant).input_size
        == torchvision_weights(torchvision_wheel, variant)[0]["crop_size"]
    )  # the spec's own input is the first (default) checkpoint's crop


def test_the_issues_named_checks() -> None:
    assert compute_costs("resnet50").params == 25_557_032
    assert compute_costs("alexnet").params == 61_100_840
    assert compute_costs("mobilenet_v2").params == 3_504_872
    assert compute_costs("alexnet_paper").params == 60_965_224


@pytest.mark.parametrize("variant", sorted(TORCHVISION))
def test_smallest_input_is_torchvisions_min_size(
    torchvision_wheel: zipfile.ZipFile, variant: str
) -> None:
    (height, width), *_ = {w["min_size"] for w in torchvision_weights(torchvision_wheel, variant)}
    assert compute_costs(variant, (height, width)).output_shape == (1000, 1, 1)
    # EfficientNetV2's min_size (33, 33) is not where its maps vanish: every strided
    # convolution is padded, so even a 1x1 input keeps 1x1 maps; only the bound is checked
    # ViTs accept only their image_size (torchvision asserts it); Swin pads its maps to
    # whole windows: in neither is min_size where the maps vanish. MaxViT's min_size is
    # its partition rule's smallest fit (224 -> 56/28/14/7); 223 maps to the same sizes.
    padded = variant.startswith(("efficientnet_v2", "swin", "maxvit"))
    if height > 1 and not padded and variant not in VIT:
        with pytest.raises(ImagenetError, match="too small"):
            compute_costs(variant, (height - 1, width))


def test_alexnet_paper_needs_227() -> None:
    cost = compute_costs("alexnet_paper")
    assert cost.input_shape == (3, 227, 227)
    shapes = {stage.name: stage.output_shape for stage in cost.stages}
    # Krizhevsky et al. 2012, Figure 2 and Section 3.5: 55x55x96, then 27x27x256 (186,624
    # neurons), 13x13x384 (64,896), 13x13x256 (43,264) after conv5, pooled to 6x6
    assert shapes["conv1"] == (96, 27, 27)  # 55x55 before the pool
    assert shapes["conv3"] == (384, 13, 13)
    assert shapes["conv5"] == (256, 6, 6)
    assert cost.stages[0].macs == 96 * 55 * 55 * 3 * 11 * 11
    with pytest.raises(ImagenetError, match=r"6,400 features.*9,216"):
        compute_costs("alexnet_paper", 224)


def test_mobilenet_v1_matches_the_paper() -> None:
    # Howard et al. 2017 (arXiv:1704.04861), Table 8 (and Tables 4, 6, 7):
    # "1.0 MobileNet-224 | 70.6% | 569 [million mult-adds] | 4.2 [million parameters]"
    cost = compute_costs("mobilenet_v1")
    assert round(cost.params / 1e6, 1) == 4.2
    assert round(cost.macs / 1e6) == 569
    # Table 1: the input sizes of the rows, i.e. the outputs of the stages before them
    assert [s.output_shape for s in cost.stages] == [
        (32, 112, 112), (64, 112, 112), (128, 56, 56), (256, 28, 28), (512, 14, 14),
        (1024, 7, 7), (1024, 1, 1), (1000, 1, 1),
    ]  # fmt: skip
    # Table 7 (resolution multiplier): 418, 290, 186 million mult-adds, 4.2 M params.
    # At 160 the layers give 290.68 M, which the paper prints as 290 (truncated?).
    for side, paper in ((192, 418), (160, 290), (128, 186)):
        smaller = compute_costs("mobilenet_v1", side)
        assert abs(smaller.macs / 1e6 - paper) < 1
        assert smaller.params == cost.params
    # Table 2: the fully-connected layer holds 0.18% of the mult-adds and 24.33% of the
    # parameters; here 24.22% (the paper's share is 24.32-24.35% if it left BatchNorm out)
    fc = cost.stages[-1]
    assert round(100 * fc.macs / cost.macs, 2) == 0.18
    assert abs(100 * fc.params / cost.params - 24.33) < 0.15


@pytest.mark.parametrize("variant", ["resnet18", "resnet34", "resnet50", "resnet101", "resnet152"])
def test_resnet_stage_outputs_match_table_1(variant: str) -> None:
    cost = compute_costs(variant)
    names = [stage.name for stage in cost.stages]
    assert names == ["conv1", "conv2_x", "conv3_x", "conv4_x", "conv5_x", "fc"]
    # He et al. 2016, Table 1, "output size": 112x112, 56x56, 28x28, 14x14, 7x7, 1x1
    assert [s.output_shape[1:] for s in cost.stages] == [
        (112, 112), (56, 56), (28, 28), (14, 14), (7, 7), (1, 1),
    ]  # fmt: skip
    expansion = 1 if variant in ("resnet18", "resnet34") else 4
    assert [s.output_shape[0] for s in cost.stages[1:5]] == [
        64 * expansion, 128 * expansion, 256 * expansion, 512 * expansion,
    ]  # fmt: skip


def test_resnext50_matches_table_1() -> None:
    # Xie et al. 2017 (arXiv:1611.05431), Table 1: ResNeXt-50 (32x4d) "# params. 25.0 x 10^6",
    # "FLOPs 4.2 x 10^9" (multiply-adds, Section 3.1); conv2's 3x3 has 128 channels in 32 groups
    cost = compute_costs("resnext50_32x4d", detail=True)
    assert round(cost.params / 1e6, 1) == 25.0
    assert round(cost.macs / 1e9, 1) == 4.2
    grouped = next(layer for layer in cost.layers if layer.name.endswith(".0.conv2"))
    assert (grouped.kernel, grouped.groups, grouped.output_shape[0]) == (3, 32, 128)
    assert [s.output_shape for s in cost.stages[:5]] == [
        (64, 112, 112), (256, 56, 56), (512, 28, 28), (1024, 14, 14), (2048, 7, 7),
    ]  # fmt: skip


def test_wide_resnet50_2_matches_table_8() -> None:
    # Zagoruyko & Komodakis (arXiv:1605.07146v4), Table 8: WRN-50-2-bottleneck, 68.9M params
    assert round(compute_costs("wide_resnet50_2").params / 1e6, 1) == 68.9


@pytest.mark.parametrize("version", ["1_0", "1_1"])
def test_squeezenet_fire_modules_are_torchvisions(
    torchvision_wheel: zipfile.ZipFile, version: str
) -> None:
    source = _source(torchvision_wheel, "squeezenet")
    block = source[source.index(f'if version == "{version}"') :]
    block = block[: block.index("\n        el")]  # up to the next elif/else
    fires = [tuple(map(int, f)) for f in re.findall(r"Fire\((\d+), (\d+), (\d+), (\d+)\)", block)]
    spec = get_spec(f"squeezenet{version}")
    layers = [layer for stage in spec.stages for layer in stage.layers if hasattr(layer, "squeeze")]
    assert [(f.squeeze, f.e1, f.e3) for f in layers] == [f[1:] for f in fires]  # type: ignore[attr-defined]
    cost = compute_costs(f"squeezenet{version}", detail=True)
    inputs = [layer.output_shape[0] for layer in cost.layers if layer.name.endswith("expand3x3")]
    # each Fire's input channels (torchvision's first argument) are the previous output
    assert [f[0] for f in fires][1:] == [2 * e for e in [f[2] for f in fires][:-1]]
    assert len(inputs) == len(fires)


@pytest.mark.parametrize(
    ("variant", "channels", "mflops", "weights"),
    [
        ("shufflenet_v2_x0_5", (48, 96, 192, 1024), 41, 1.4),
        ("shufflenet_v2_x1_0", (116, 232, 464, 1024), 146, 2.3),
        ("shufflenet_v2_x1_5", (176, 352, 704, 1024), 299, 3.5),
        ("shufflenet_v2_x2_0", (244, 488, 976, 2048), 591, 7.4),
    ],
)
def test_shufflenet_v2_matches_table_5(
    variant: str, channels: tuple[int, ...], mflops: int, weights: float
) -> None:
    # Ma et al. 2018 (arXiv:1807.11164), Table 5: output sizes 112, 56 (pool), 28, 14, 7;
    # stage and conv5 channels; "FLOPs" (multiply-adds, Section 2) and "Num of Weights"
    cost = compute_costs(variant)
    assert [s.output_shape for s in cost.stages[1:5]] == [
        (channels[0], 28, 28), (channels[1], 14, 14), (channels[2], 7, 7), (channels[3], 7, 7),
    ]  # fmt: skip
    assert round(cost.params / 1e6, 1) == weights
    assert abs(cost.macs / 1e6 - mflops) / mflops < 0.02  # torchvision's net is within 2%


@pytest.mark.parametrize(
    ("variant", "params_m", "gflops"),
    [("convnext_tiny", 29, 4.5), ("convnext_small", 50, 8.7), ("convnext_base", 89, 15.4),
     ("convnext_large", 198, 34.4)],
)  # fmt: skip
def test_convnext_matches_table_1(variant: str, params_m: int, gflops: float) -> None:
    # Liu et al. 2022 (arXiv:2201.03545v2), Table 1, ImageNet-1K trained, 224^2
    cost = compute_costs(variant)
    assert round(cost.params / 1e6) == params_m
    assert round(cost.macs / 1e9, 1) == gflops
    assert [s.output_shape[1] for s in cost.stages[:5]] == [56, 56, 28, 14, 7]  # /4 stem


def test_densenet_channels_follow_torchvisions_arithmetic(
    torchvision_wheel: zipfile.ZipFile,
) -> None:
    source = _source(torchvision_wheel, "densenet")
    configs = re.findall(r"return _densenet\((\d+), \(([\d, ]+)\), (\d+),", source)
    assert len(configs) == 4
    for growth, blocks, init in configs:
        features = int(init)
        outputs = []
        for i, layers in enumerate(int(b) for b in blocks.split(", ")):
            features += layers * int(growth)
            if i < 3:
                features //= 2
            outputs.append(features)
        depth = 5 + 2 * sum(int(b) for b in blocks.split(", "))  # conv0, 3 transitions, fc
        cost = compute_costs(f"densenet{depth}")
        assert [s.output_shape[0] for s in cost.stages[1:5]] == outputs


def test_googlenet_matches_table_1() -> None:
    # Szegedy et al. 2014 (arXiv:1409.4842v1), Table 1, output sizes: max pool 56x56x64,
    # max pool 28x28x192, max pool 14x14x480, max pool 7x7x832, inception (5b) 7x7x1024
    cost = compute_costs("googlenet", detail=True)
    assert [s.output_shape for s in cost.stages[:5]] == [
        (64, 56, 56), (192, 28, 28), (480, 14, 14), (832, 7, 7), (1024, 7, 7),
    ]  # fmt: skip
    # inception (3a) 28x28x256 from #1x1 64, #3x3 128, #5x5 32, pool proj 32
    first = [layer for layer in cost.layers if layer.name.startswith("inception3.0")]
    assert (
        sum(
            layer.output_shape[0]
            for layer in first
            if layer.name.endswith(("branch1", "branch2.conv", "branch3.conv", "branch4.proj"))
        )
        == 256
    )


def test_vit_matches_table_1_and_counts_attention() -> None:
    # Dosovitskiy et al. 2021 (arXiv:2010.11929), Table 1: ViT-Huge 632M parameters, as
    # torchvision's 1000-class ViT-H/14 at 224 (632,045,800)
    assert round(compute_costs("vit_h_14", 224).params / 1e6) == 632
    cost = compute_costs("vit_b_16", detail=True)
    # one block at 224: 197 tokens; Q K^T and weights x V cost 197 * 197 * 768 each
    q_k = [layer for layer in cost.layers if layer.name.endswith("0.attention.q_k")]
    assert q_k and q_k[0].macs == 197 * 197 * 768
    embeddings = next(layer for layer in cost.layers if layer.name.endswith("embeddings"))
    assert embeddings.params == 768 + 197 * 768  # class token and position embeddings


@pytest.mark.parametrize(
    ("variant", "params_m", "gflops"),
    [("swin_t", 28, 4.5), ("swin_s", 50, 8.7), ("swin_b", 88, 15.4)],
)
def test_swin_matches_table_1(variant: str, params_m: int, gflops: float) -> None:
    # Liu et al. 2021 (arXiv:2103.14030), Table 1(a), 224^2; stages at H/4 ... H/32 (Sec. 3.1).
    # Table 1 prints 29M for Swin-T; torchvision's Swin-T has 28,288,354 (see swin.json notes)
    cost = compute_costs(variant)
    assert round(cost.params / 1e6) == params_m
    assert round(cost.macs / 1e9, 1) == gflops
    assert [s.output_shape[1] for s in cost.stages[:5]] == [56, 56, 28, 14, 7]


def test_inception_v3_aux_classifier_counts_params_not_macs(
    torchvision_wheel: zipfile.ZipFile,
) -> None:
    # torchvision keeps the aux classifier when loading the weights (aux_logits defaults
    # to True), and Inception3.forward runs it only in training
    source = _source(torchvision_wheel, "inception")
    assert 'original_aux_logits = kwargs.get("aux_logits", True)' in source
    assert "if self.training:" in source
    cost = compute_costs("inception_v3", detail=True)
    aux = [layer for layer in cost.layers if "training only" in layer.kind]
    assert aux and all(layer.macs == 0 for layer in aux)
    # InceptionAux: 1x1 768->128 and 5x5 128->768 BasicConv2d, fc 768->1000
    assert sum(layer.params for layer in aux) == (768 * 128 + 256) + (128 * 768 * 25 + 2 * 768) + (
        768 * 1000 + 1000
    )


def test_resnet50_stride_placement_v1_5() -> None:
    # torchvision strides the 3x3 (V1.5): conv3_x's first 1x1 runs at 56x56, so the stage
    # costs more than the paper's placement would (its 1x1 would run at 28x28).
    conv3 = compute_costs("resnet50").stages[2]
    first_1x1 = 128 * 56 * 56 * 256
    strided_3x3 = 128 * 28 * 28 * 128 * 9
    assert conv3.macs > first_1x1 + strided_3x3


def test_mobilenet_v2_matches_table_2() -> None:
    cost = compute_costs("mobilenet_v2")
    # Sandler et al. 2018, Table 2: each row's input is the previous row's output
    assert [s.output_shape for s in cost.stages] == [
        (32, 112, 112), (16, 112, 112), (24, 56, 56), (32, 28, 28), (64, 14, 14),
        (96, 14, 14), (160, 7, 7), (320, 7, 7), (1280, 7, 7), (1280, 1, 1), (1000, 1, 1),
    ]  # fmt: skip
    assert get_spec("mobilenet_v2").stages[2].describe() == "bottleneck t=6 c=24 n=2 s=2"


def test_mobilenet_v3_resolutions() -> None:
    large = compute_costs("mobilenet_v3_large")
    small = compute_costs("mobilenet_v3_small")
    assert [s.output_shape for s in large.stages[:6]] == [
        (16, 112, 112), (16, 112, 112), (24, 56, 56), (40, 28, 28), (112, 14, 14), (160, 7, 7),
    ]  # fmt: skip
    assert [s.output_shape for s in small.stages[:5]] == [
        (16, 112, 112), (16, 56, 56), (24, 28, 28), (48, 14, 14), (96, 7, 7),
    ]  # fmt: skip
    assert large.stages[-3].output_shape == (960, 7, 7)
    assert small.stages[-3].output_shape == (576, 7, 7)


def _torchvision_make_divisible(wheel: zipfile.ZipFile) -> Any:
    source = wheel.read("torchvision/models/_utils.py").decode("utf-8")
    start = source.index("def _make_divisible(")
    end = source.index("\n\n\n", start)
    namespace: dict[str, Any] = {"Optional": Any}
    exec(source[start:end], namespace)  # pure arithmetic; torchvision is not imported
    return namespace["_make_divisible"]


@settings(max_examples=examples(200))
@given(value=st.integers(min_value=1, max_value=5000))
def test_make_divisible_is_torchvisions(torchvision_wheel: zipfile.ZipFile, value: int) -> None:
    reference = _torchvision_make_divisible(torchvision_wheel)
    assert make_divisible(value, 8) == reference(value, 8)
    assert make_divisible(value * 0.75, 8) == reference(value * 0.75, 8)


def test_squeeze_channels() -> None:
    # _make_divisible(exp // 4, 8): 72 -> 18 -> 24 (16 would be more than 10% down)
    assert Bneck(5, 72, 40, True, "RE", 2).squeeze == 24
    assert Bneck(5, 120, 40, True, "RE", 1).squeeze == 32
    assert Bneck(5, 960, 160, True, "HS", 1).squeeze == 240


@settings(max_examples=examples(60), deadline=None)
@given(variant=st.sampled_from(ADAPTIVE), side=st.integers(min_value=63, max_value=512))
def test_params_do_not_depend_on_input_size(variant: str, side: int) -> None:
    side = _at_least(variant, side)
    assert compute_costs(variant, side).params == compute_costs(variant).params


@settings(max_examples=examples(60), deadline=None)
@given(
    variant=st.sampled_from(ADAPTIVE),
    sides=st.lists(st.integers(min_value=63, max_value=448), min_size=2, max_size=2),
)
def test_macs_grow_with_input_size(variant: str, sides: list[int]) -> None:
    small, large = sorted(_at_least(variant, side) for side in sides)
    small_cost, large_cost = compute_costs(variant, small), compute_costs(variant, large)
    assert small_cost.macs <= large_cost.macs
    if large >= 2 * small:
        assert small_cost.macs < large_cost.macs


@settings(max_examples=examples(40), deadline=None)
@given(
    variant=st.sampled_from(ADAPTIVE),
    height=st.integers(min_value=64, max_value=320),
    width=st.integers(min_value=64, max_value=320),
)
def test_stages_add_up_and_transpose(variant: str, height: int, width: int) -> None:
    height, width = _at_least(variant, height), _at_least(variant, width)
    cost = compute_costs(variant, (height, width))
    assert cost.params == sum(s.params for s in cost.stages)
    assert cost.macs == sum(s.macs for s in cost.stages)
    assert compute_costs(variant, (width, height)).macs == cost.macs


def test_unknown_variant_suggests() -> None:
    with pytest.raises(NotFoundError) as caught:
        compute_costs("resnet5")
    assert caught.value.message == "no layer spec variant matches 'resnet5'"
    assert "resnet50" in caught.value.suggestions
    assert compute_costs("ResNet50").spec.id == "resnet50"


@pytest.mark.parametrize("size", [0, -1, 2.5, True, (224,), (224, 0), "224"])
def test_bad_input_sizes(size: Any) -> None:
    with pytest.raises(ImagenetError) as caught:
        compute_costs("resnet50", size)
    assert "\n" not in caught.value.message


@pytest.mark.parametrize(("variant", "size"), [("alexnet", 62), ("vgg16", 31), ("vgg19_bn", 16)])
def test_too_small_inputs(variant: str, size: int) -> None:
    with pytest.raises(ImagenetError, match="too small") as caught:
        compute_costs(variant, size)
    assert "\n" not in caught.value.message


def test_import_is_light() -> None:
    code = (
        "import sys, imagenet_cli.facts.layers as m; m.compute_costs('resnet50'); "
        "print(sorted({n.split('.')[0] for n in sys.modules} "
        "& {'torch', 'numpy', 'rich', 'typer', 'nltk', 'requests', 'rapidfuzz'}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_layer_trace_adds_up_to_the_stage_costs() -> None:
    from itertools import pairwise

    from imagenet_cli.facts.layers import Conv, layer_cost, layer_trace, spec_costs

    for spec in list_specs():
        trace = layer_trace(spec)
        cost = spec_costs(spec)
        assert sum(t.params for t in trace) == cost.params, spec.id
        assert sum(t.macs for t in trace) == cost.macs, spec.id
        assert trace[-1].output_shape == cost.output_shape
        for before, after in pairwise(trace):
            assert before.output_shape == after.input_shape
    # a 3x3 convolution, 64 -> 128 channels on 56x56, padding 1: 128*56*56*64*9 MACs
    one = layer_cost(Conv(128, 3, padding=1, bias=False), (64, 56, 56))
    assert (one.output_shape, one.macs, one.params) == ((128, 56, 56), 128 * 56 * 56 * 64 * 9,
                                                        128 * 64 * 9)  # fmt: skip


def test_maxvit_takes_only_inputs_torchvision_takes(torchvision_wheel: zipfile.ZipFile) -> None:
    # maxvit.py: every block's input (3x3/2 convolutions, padding 1, from the image) must be
    # a multiple of partition_size, and min_size is (224, 224).
    source = _source(torchvision_wheel, "maxvit")
    assert "partition_size=7" in source and '"min_size": (224, 224)' in source

    def fits(side: int) -> bool:
        for _ in range(5):
            side = (side - 3 + 2) // 2 + 1
            if _ > 0 and side % 7:
                return False
        return True

    assert fits(224) and fits(448) and not fits(230)
    assert compute_costs("maxvit_t", 448).params == compute_costs("maxvit_t").params
    with pytest.raises(ImagenetError, match="not a multiple of the 7x7 partition"):
        compute_costs("maxvit_t", 230)


def test_maxvit_matches_its_authors_rounded_figures() -> None:
    # google-research/maxvit README.md at commit 70a4707: MaxViT-T at 224x224, 31M params,
    # 5.6B FLOPs (which the README does not define; the rounding agrees with MACs).
    cost = compute_costs("maxvit_t")
    assert round(cost.params / 1e6) == 31
    assert round(cost.macs / 1e9, 1) == 5.6


def _backbone_ops(variant: str) -> float:
    """The 'operations' a YOLO paper prints for a backbone (data/architectures/yolo.json)."""
    from imagenet_cli.facts.architectures import get_architecture

    _, found = get_architecture(variant)
    assert found is not None and found.backbone
    return float(found.backbone["ops"])


def test_darknet19_is_the_papers_5_58_billion_operations() -> None:
    # Darknet counts 2 operations per multiply-add (src/convolutional_layer.c, l.bflops).
    # YOLO9000 Section 3: 5.58 billion operations (224); YOLOv3 Table 2: 7.29 Bn Ops at 256.
    assert round(2 * compute_costs("darknet19").macs / 1e9, 2) == _backbone_ops("yolo_v2") / 1e9
    assert round(2 * compute_costs("darknet19", 256).macs / 1e9, 2) == 7.29


def test_darknet53_against_yolov3_table_2() -> None:
    # YOLOv3 Table 2: 18.7 Bn Ops at 256. The cfg read pools before the 1000-way 1x1
    # convolution; run on the 8x8 map instead (darknet19.cfg's order) it adds 63 x 1024 x 1000.
    printed = _backbone_ops("yolo_v3") / 1e9
    macs = compute_costs("darknet53").macs
    assert compute_costs("darknet53").input_shape == (3, 256, 256)
    assert round(2 * macs / 1e9, 1) != printed
    assert round(2 * (macs + 63 * 1024 * 1000) / 1e9, 1) == printed
    # 53 convolutional layers: 52 in the body and the 1x1 classifier
    convs = [
        layer for layer in compute_costs("darknet53", detail=True).layers if layer.kind == "conv"
    ]
    assert len(convs) == 53
