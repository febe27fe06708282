"""The errata found in review (issue 20), each checked against its source."""

from __future__ import annotations

import json
import re
import zipfile

from typer.testing import CliRunner

from imagenet_cli._resources import load_json
from imagenet_cli.cli.main import app
from imagenet_cli.facts.architectures import get_architecture
from imagenet_cli.facts.timeline import load_timeline
from tests.test_model_architectures import torchvision_meta

ENV = {"NO_COLOR": "1", "COLUMNS": "100", "TERM": "dumb"}


def _entries() -> list[dict[str, object]]:
    return list(load_json("timeline.json")["entries"])


def _figure(text: str) -> float:
    """A printed error in percent: ``8.06%`` or a fraction such as ``0.28191``."""
    value = float(text.strip().rstrip("%"))
    return value if text.strip().endswith("%") else round(value * 100, 6)


def test_face_obfuscation_shows_the_final_figure_and_labels_v1() -> None:
    entry = next(e for e in load_timeline() if "Face Obfuscation" in (e.event or ""))
    event = entry.event or ""
    assert "1.0%" in event
    assert "0.68%" in event
    assert event.index("0.68%") > event.index("v1")  # 0.68% only as arXiv v1's figure
    final = [s for s in entry.sources if "1.0%" in s.quote]
    assert any("ICML" in s.cite for s in final)
    assert any("v3" in s.cite for s in final)
    assert any("0.68%" in s.quote and "v1" in s.cite for s in entry.sources)


def test_printed_errors_equal_the_stored_ones_and_their_source() -> None:
    checked = 0
    for raw in _entries():
        printed = raw.get("top5_error_printed")
        if not isinstance(printed, str):
            continue
        assert _figure(printed) == raw["top5_error"], raw
        sources = raw["sources"]
        assert isinstance(sources, list)
        cited = sources[int(raw.get("top5_error_source") or 0)]  # type: ignore[call-overload]
        assert printed.rstrip("%") in cited["quote"], raw
        for alternative in raw.get("alternatives") or []:  # type: ignore[attr-defined]
            if "top5_error_printed" in alternative:
                assert _figure(alternative["top5_error_printed"]) == alternative["top5_error"]
        checked += 1
    assert checked > 10


def test_msra_2014_is_the_spp_papers_8_06_with_googlenets_7_35_as_alternative() -> None:
    msra = next(
        e for e in load_timeline() if e.year == 2014 and e.team == "MSRA" and e.task == "cls"
    )
    assert msra.top5_error == 8.06
    assert "8.06%" in msra.cited.quote
    assert [a.top5_error for a in msra.alternatives] == [7.35]


def test_2015_detection_cites_the_resnet_papers_appendix_first() -> None:
    det = next(e for e in load_timeline() if e.year == 2015 and e.task == "det" and e.rank == 1)
    assert det.mean_ap == 62.1
    cited = det.cited
    assert cited.kind == "primary"
    assert "1512.03385" in cited.cite
    assert "62.1" in cited.quote and "ensemble" in cited.quote


def test_2016_runner_up_is_named_from_the_resnext_paper() -> None:
    entry = next(e for e in load_timeline() if e.year == 2016 and e.task == "cls" and e.rank == 2)
    assert entry.team and "ResNeXt" in entry.team
    naming = [s for s in entry.sources if "ResNeXt" in s.quote and "2nd place" in s.quote]
    assert naming and naming[0].kind == "primary"
    result = CliRunner().invoke(app, ["timeline", "--year", "2016", "--json"], env=ENV)
    rows = [r for r in json.loads(result.stdout) if r.get("rank") == 2]
    assert rows and rows[0]["team"] == entry.team


def test_vgg_fully_connected_share_is_the_calculators_and_torchvisions(
    torchvision_wheel: zipfile.ZipFile,
) -> None:
    source = torchvision_wheel.read("torchvision/models/vgg.py").decode("utf-8")
    for layer in ("nn.Linear(512 * 7 * 7, 4096)", "nn.Linear(4096, 4096)"):
        assert layer in source
    assert "nn.Linear(4096, num_classes)" in source
    fc = (512 * 7 * 7 * 4096 + 4096) + (4096 * 4096 + 4096) + (4096 * 1000 + 1000)
    total = int(
        torchvision_meta(torchvision_wheel, "vgg", "VGG16_Weights.IMAGENET1K_V1")["num_params"]
    )
    family, _ = get_architecture("vgg")
    idea = next(i for i in family.key_ideas if "fully-connected" in i)
    assert f"{fc:,}" in idea and f"{total:,}" in idea
    assert f"({round(100 * fc / total)}%)" in idea
    assert not idea.rstrip(".").endswith("(Table 2)")


def test_mobilenet_v2_num_params_is_no_longer_called_missing(
    torchvision_wheel: zipfile.ZipFile,
) -> None:
    notes = load_json("architectures/mobilenet.json")["notes"]
    assert "num_params null" not in notes
    wheel = torchvision_meta(torchvision_wheel, "mobilenetv2", "MobileNet_V2_Weights.IMAGENET1K_V1")
    weights = load_json("torchvision_weights.json")["weights"]
    assert weights["MobileNet_V2_Weights.IMAGENET1K_V1"]["num_params"] == wheel["num_params"]
    assert f"{int(wheel['num_params']):,}" in notes


def test_vit_h14_default_accuracy_is_labelled_swag_at_518(
    torchvision_wheel: zipfile.ZipFile,
) -> None:
    source = torchvision_wheel.read("torchvision/models/vision_transformer.py").decode("utf-8")
    body = source[source.index("class ViT_H_14_Weights(") :]
    assert "DEFAULT = IMAGENET1K_SWAG_E2E_V1" in body
    crop = int(re.search(r"crop_size=(\d+)", body).group(1))  # type: ignore[union-attr]
    top1 = torchvision_meta(
        torchvision_wheel, "vision_transformer", "ViT_H_14_Weights.IMAGENET1K_SWAG_E2E_V1"
    )["acc@1"]
    result = CliRunner().invoke(app, ["arch", "vit_h_14"], env=ENV)
    assert result.exit_code == 0
    assert f"{top1:.3f} SWAG @{crop}" in result.stdout
    result = CliRunner().invoke(app, ["arch", "vit_h_14", "--json"], env=ENV)
    record = json.loads(result.stdout)["variants"][0]
    assert "SWAG" in record["accuracy_source"] and f"{crop}px" in record["accuracy_source"]
    listing = CliRunner().invoke(app, ["arch", "vit_b_16"], env=ENV).stdout
    top1_b16 = torchvision_meta(
        torchvision_wheel, "vision_transformer", "ViT_B_16_Weights.IMAGENET1K_V1"
    )["acc@1"]
    assert f"│ {top1_b16:.3f} │" in listing  # its V1 default at 224: no label


def test_every_variant_with_any_figure_is_in_its_familys_variants_table() -> None:
    from imagenet_cli.facts.architectures import list_architectures

    for family in list_architectures():
        wanted = [
            v
            for v in family.variants
            if v.weights or v.paper_results or v.cost_printed or v.macs or v.paper_params
        ]
        if not wanted:
            continue  # detectors (YOLO): their own tables
        result = CliRunner().invoke(app, ["arch", family.id], env={**ENV, "COLUMNS": "200"})
        table = result.stdout.split("\nVariants", 1)[1].split("params:", 1)[0]
        for variant in wanted:
            assert f"│ {variant.name} " in table, (family.id, variant.id)


def test_senet154_row_shows_the_papers_single_crop_figures() -> None:
    _family, senet154 = get_architecture("senet154")
    assert senet154 is not None
    first = senet154.paper_results[0]
    assert "224" in first.protocol
    result = CliRunner().invoke(app, ["arch", "senet"], env=ENV)
    row = next(line for line in result.stdout.splitlines() if "│ SENet-154" in line)
    assert f"{100 - first.top1_error:.2f} p" in row  # type: ignore[operator]
    assert f"{100 - first.top5_error:.2f} p" in row  # type: ignore[operator]
