"""The publication figures: their text checked against independent sources, parsed out of
the SVG (matplotlib writes real <text> there), bytes equal across runs, and bad input.

Sources the expected values come from, never from our own output:
* WordNet 3.0 through NLTK (``wn``) and timm's synset lists (``timm_wheel``): category counts;
* the torchvision wheel's model sources (``torchvision_wheel``): VGG configurations, ResNet
  blocks, weights metadata;
* the papers, quoted where used: Krizhevsky et al. 2012 (Section 3.5), Redmon et al. 2016
  (arXiv 1506.02640, Section 2), Howard et al. 2017 (arXiv 1704.04861, Section 3.1, Table 1),
  He et al. 2016 (arXiv 1512.03385, Table 1 and 5), Szegedy et al. (arXiv 1409.4842,
  Table 2), Hu et al. (arXiv 1709.01507, Section 1), Russakovsky et al. (arXiv 1409.0575).
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import timm_list
from tests.test_cli import run
from tests.test_files import tiny_disk  # noqa: F401 - a fixture

if not os.environ.get("CI"):
    pytest.importorskip("matplotlib", reason="matplotlib (the [plot] extra) is not installed")

from imagenet_cli.render.figures import FIGURES, render

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def svgs() -> dict[str, bytes]:
    """Every figure as SVG, drawn once for the module."""
    return {name: render(name, "svg") for name in FIGURES}


def texts(svg: bytes) -> list[str]:
    """The text of every <text> element (one per line of a matplotlib Text)."""
    root = ET.fromstring(svg)
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def by_gid(svg: bytes) -> dict[str, str]:
    """``{gid: its text lines joined by newlines}`` for every group holding text."""
    root = ET.fromstring(svg)
    found = {}
    for group in root.iter(f"{SVG}g"):
        lines = ["".join(t.itertext()) for t in group.iter(f"{SVG}text")]
        if lines and group.get("id"):
            found[group.get("id", "")] = "\n".join(lines)
    return found


def test_every_figure_is_real_text_and_sourced(svgs: dict[str, bytes]) -> None:
    assert list(FIGURES) == ["categories", "ilsvrc-timeline", "alexnet", "vgg", "residual",
                             "yolo", "mobilenet", "impact"]  # fmt: skip
    for name, svg in svgs.items():
        root = ET.fromstring(svg)
        assert (root.get("width"), root.get("height")) == ("921.6pt", "518.4pt"), name  # 16:9
        lines = texts(svg)
        assert len(lines) > 10, name
        footer = by_gid(svg)["footer"]
        assert footer.startswith("Source: "), name
        assert by_gid(svg)["command"] == f"imagenet figures --only {name}"
        assert b"<dc:date>" not in svg and b"Matplotlib v" not in svg, name


def test_svg_png_pdf_bytes_do_not_change_between_runs(svgs: dict[str, bytes]) -> None:
    for name, svg in svgs.items():
        assert render(name, "svg") == svg, name
    for fmt in ("png", "pdf"):
        first = render("yolo", fmt)
        assert render("yolo", fmt) == first, fmt
    png = render("mobilenet", "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    size = (int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big"))
    assert size == (1280, 720)
    assert b"matplotlib" not in png.lower()


# --- categories: WordNet 3.0 (NLTK) and timm's lists ---------------------------------------


def test_categories_count_wordnet_subtrees_in_timms_lists(
    svgs: dict[str, bytes], wn: Any, timm_wheel: zipfile.ZipFile
) -> None:
    in21k = set(timm_list(timm_wheel, "imagenet22k_synsets.txt"))
    in1k = set(timm_list(timm_wheel, "imagenet_synsets.txt"))
    shown = by_gid(svgs["categories"])
    names = [gid.split(":", 1)[1] for gid in shown if gid.startswith("label:")]
    assert {"animal.n.01", "dog.n.01", "artifact.n.01", "plant.n.02", "food.n.01"} <= set(names)
    for name in names:
        synset = wn.synset(name)
        below = {synset, *synset.closure(lambda s: s.hyponyms() + s.instance_hyponyms())}
        wnids = {f"n{s.offset():08d}" for s in below}
        assert shown[f"in21k:{name}"] == f"{len(wnids & in21k):,}", name
        assert shown[f"ilsvrc2012:{name}"] == f"{len(wnids & in1k):,}", name
        assert shown[f"label:{name}"] == name.split(".")[0].replace("_", " ")
    lines = texts(svgs["categories"])
    assert f"ImageNet-21k, Fall 2011: {len(in21k):,} synsets" in lines
    assert f"ILSVRC-2012: {len(in1k):,} classes" in lines


# --- the ILSVRC timeline: the source tables the data cites ---------------------------------

#: Winning top-5 error (percent) and team per year, with where each is printed.
WINNERS = {
    2010: ("NEC-UIUC", [28.191]),  # ILSVRC 2010 results: 0.28191
    2011: ("XRCE", [25.77]),  # ILSVRC 2011 results: 0.2577
    2012: ("SuperVision", [16.4, 15.3]),  # Szegedy et al. Table 2: 16.4% no / 15.3% Imagenet22k
    2013: ("Clarifai", [11.7, 11.2]),  # Szegedy et al. Table 2: 11.7% no / 11.2% Imagenet22k
    2014: ("GoogLeNet", [6.67]),  # Szegedy et al. Sec. 7 and Table 2 (He et al. Table 5: 6.66)
    2015: ("MSRA", [3.57]),  # He et al. Table 5: ResNet (ILSVRC'15) 3.57
    2016: ("Trimps-Soushen", [2.991]),  # Hu et al. Sec. 1: "winner ... 2.991%"
    2017: ("WMW", [2.251]),  # Hu et al. Sec. 1 and the SENet README (team WMW)
}


def _close(printed: str, value: float) -> bool:
    """``printed`` equals ``value`` at the precision ``value`` is given in."""
    digits = len(str(value).split(".")[1])
    return round(float(printed), digits) == value


def test_timeline_shows_each_years_winner_and_the_human_estimate(svgs: dict[str, bytes]) -> None:
    shown = by_gid(svgs["ilsvrc-timeline"])
    lines = texts(svgs["ilsvrc-timeline"])
    for year, (team, errors) in WINNERS.items():
        assert str(year) in lines
        assert shown[f"team:{year}"] == team
        for k, error in enumerate(errors):
            printed = shown[f"value:{year}:{k}"].split("\n")[0]
            assert _close(printed, error), (year, printed, error)
        assert f"value:{year}:{len(errors)}" not in shown  # outside-data entries: 2012, 2013
    assert "(6.66‡)" in shown["value:2014:0"]  # the conflicting source, He et al. Table 5
    # Russakovsky et al. (arXiv 1409.0575), Sec. 6.4: the trained annotator's 5.1%
    assert any(re.fullmatch(r"human estimate: 5\.1% .*", line) for line in lines)
    assert "with outside training data" in lines


# --- AlexNet: Krizhevsky et al. 2012, Section 3.5 and Figure 2 ------------------------------


def test_alexnet_kernels_gpus_and_maps_as_the_paper_prints(svgs: dict[str, bytes]) -> None:
    shown = by_gid(svgs["alexnet"])
    # Section 3.5: "96 kernels of size 11 x 11 x 3 with a stride of 4 pixels ... 256 kernels
    # of size 5 x 5 x 48 ... 384 kernels of size 3 x 3 x 256 ... 384 kernels of size
    # 3 x 3 x 192 ... 256 kernels of size 3 x 3 x 192. The fully-connected layers have 4096
    # neurons each."
    kernels = {"conv1": (96, 11, 3), "conv2": (256, 5, 48), "conv3": (384, 3, 256),
               "conv4": (384, 3, 192), "conv5": (256, 3, 192)}  # fmt: skip
    for layer, (n, k, depth) in kernels.items():
        expected = f"{n} × {k}×{k}×{depth}" + ("\nstride 4" if layer == "conv1" else "")
        assert shown[f"kernels:{layer}"] == expected
        for gpu in (1, 2):  # Section 3.2: half of the kernels on each GPU
            assert shown[f"maps:{layer}:{gpu}"].split("\n")[0] == str(n // 2)
    for layer, neurons in (("fc6", 4096), ("fc7", 4096), ("fc8", 1000)):
        assert shown[f"kernels:{layer}"] == f"{neurons:,} neurons"
        assert shown[f"maps:{layer}:1"] == f"{neurons // 2:,}"
    # Figure 2 labels 55; Section 3.5's neuron counts 186,624 = 27·27·256,
    # 64,896 = 13·13·384 and 43,264 = 13·13·256 give the other map sizes.
    sizes = {"conv1": 55, "conv2": 27, "conv3": 13, "conv4": 13, "conv5": 13}
    for layer, side in sizes.items():
        assert shown[f"maps:{layer}:2"].split("\n")[1] == f"{side}×{side}"
    assert shown["after:conv5"] == "max pool 3×3/2\n→ 6×6"  # 9,216 = 6·6·256 inputs of fc6
    assert {shown["gpu:1"], shown["gpu:2"]} == {"GPU 1", "GPU 2"}


# --- VGG: torchvision's cfgs (the paper's Table 1 configurations) ---------------------------


def test_vgg_columns_are_torchvisions_configurations(
    svgs: dict[str, bytes], torchvision_wheel: zipfile.ZipFile
) -> None:
    source = torchvision_wheel.read("torchvision/models/vgg.py").decode("utf-8")
    cfgs_at = source.index("cfgs: dict")
    cfgs = ast.literal_eval(source[source.index("{", cfgs_at) : source.index("\n}", cfgs_at) + 2])
    letters = dict(re.findall(r'def (vgg\d+)\(.*?_vgg\("(\w)", False', source, re.S))
    assert letters == {"vgg11": "A", "vgg13": "B", "vgg16": "D", "vgg19": "E"}
    shown = by_gid(svgs["vgg"])
    for variant, letter in letters.items():
        convs = [f"conv3-{c}" for c in cfgs[letter] if c != "M"]
        expected = [*convs, "FC-4096", "FC-4096", "FC-1000"]  # Table 1's last rows
        drawn = [shown[f"layer:{variant}:{i}"] for i in range(len(expected))]
        assert drawn == expected, variant
        assert f"layer:{variant}:{len(expected)}" not in shown
        assert shown[f"depth:{variant}"] == f"{len(convs) + 3} weight layers"
        assert shown[f"name:{variant}"].endswith(f"({letter})")
        pools = [g for g in shown if g.startswith(f"pool:{variant}:")]
        assert len(pools) == cfgs[letter].count("M")


# --- ResNet: torchvision's resnet50 and the paper's Table 1 --------------------------------


def test_resnet50_stages_are_torchvisions_blocks(
    svgs: dict[str, bytes], torchvision_wheel: zipfile.ZipFile
) -> None:
    source = torchvision_wheel.read("torchvision/models/resnet.py").decode("utf-8")
    blocks = dict(re.findall(r"def (resnet\d+)\(.*?_resnet\(\w+, (\[[\d, ]+\])", source, re.S))
    widths = [
        int(w) for w in re.findall(r"self\.layer\d = self\._make_layer\(block, (\d+)", source)
    ]
    (expansion,) = re.findall(r"class Bottleneck.*?expansion: int = (\d+)", source, re.S)
    shown = by_gid(svgs["residual"])
    # He et al. Table 1: conv2_x to conv5_x, output 56, 28, 14, 7
    for k, (n, width, side) in enumerate(
        zip(ast.literal_eval(blocks["resnet50"]), widths, (56, 28, 14, 7), strict=True)
    ):
        stage = f"conv{k + 2}_x"
        assert shown[f"stage:{stage}"] == stage
        assert shown[f"blocks:{stage}"] == f"× {n} blocks"
        out = width * int(expansion)
        assert f"1×1, {width} → 3×3, {width} → 1×1, {out}" in shown[f"layers:{stage}"]
        assert shown[f"shape:{stage}"] == f"{side}×{side}×{out}"
    # Figure 5: the bottleneck block 1x1 64, 3x3 64, 1x1 256 on a 256-d input
    assert [shown[f"bottleneck:layer:{i}"] for i in range(3)] == ["1×1, 64", "3×3, 64", "1×1, 256"]
    assert [shown[f"basic:layer:{i}"] for i in range(2)] == ["weight layer"] * 2  # Figure 2
    assert "F(x) + x" in texts(svgs["residual"])


# --- YOLO: Redmon et al. 2016, Section 2 -----------------------------------------------------


def test_yolo_grid_boxes_and_classes_as_the_paper_says(svgs: dict[str, bytes]) -> None:
    # "For evaluating YOLO on PASCAL VOC, we use S = 7, B = 2. PASCAL VOC has 20 labelled
    # classes so C = 20. Our final prediction is a 7 x 7 x 30 tensor." (Section 2);
    # "the network predicts 98 bounding boxes per image" (Section 2.3); "24 convolutional
    # layers followed by 2 fully connected layers" (Section 2.1).
    shown = by_gid(svgs["yolo"])
    assert "S = 7, B = 2, C = 20" in shown["subtitle"]
    assert "7 × 7 × 30 output tensor" in shown["subtitle"]
    assert "98 boxes per image" in shown["subtitle"]
    assert shown["step:1"] == "1. An S × S grid, S = 7"
    assert shown["step:2"] == "2. B = 2 boxes per cell"
    assert shown["step:3"] == "3. C = 20 class probabilities"
    assert shown["box-fields"].startswith("each box: x, y, w, h, confidence")
    assert "24 convolutional" in shown["score"] and "2 fully connected" in shown["score"]
    lines = texts(svgs["yolo"])
    assert lines.count("confidence") == 2  # one per box in the cell's output vector


# --- MobileNet: Howard et al. 2017, Section 3.1 and Table 1 ---------------------------------


def test_mobilenet_costs_follow_the_papers_formulas(svgs: dict[str, bytes]) -> None:
    # Table 1: "5x" Conv dw / s1 3x3x512 and Conv / s1 1x1x512x512 on 14x14x512.
    d_k, m, n, d_f = 3, 512, 512, 14
    standard = d_k * d_k * m * n * d_f * d_f  # Section 3.1, equation (2)
    separable = d_k * d_k * m * d_f * d_f + m * n * d_f * d_f  # equation (5)
    shown = by_gid(svgs["mobilenet"])
    assert shown["ratio"] == f"{standard / separable:.1f}× fewer MACs"
    assert shown["formula"].endswith(f"= {1 / n + 1 / d_k**2:.3f}")  # equation (5) / (2)
    assert shown["standard:cost"].split("\n")[0] == f"{standard / 1e6:.1f} M"
    assert shown["separable:cost"].split("\n")[0] == f"{separable / 1e6:.1f} M"
    # params: weights plus BatchNorm's 2 per channel (torchvision's num_params convention)
    assert (
        shown["standard:cost"].split("\n")[1] == f"{(d_k * d_k * m * n + 2 * n) / 1e6:.1f} M params"
    )
    assert shown["standard:kernels"] == f"{n} filters of 3×3×{m}"
    assert shown["separable:depthwise"] == f"depthwise:\n{m} filters\nof 3×3×1"
    assert shown["separable:pointwise"] == f"pointwise:\n{n} filters\nof 1×1×{m}"
    assert "5 times" in shown["subtitle"]


# --- impact: torchvision's weights metadata -------------------------------------------------


def _v1_meta(wheel: zipfile.ZipFile, module: str, enum: str) -> tuple[float, float]:
    """acc@1 and _ops of an enum's IMAGENET1K_V1 weights, read from the wheel's source."""
    source = wheel.read(f"torchvision/models/{module}.py").decode("utf-8")
    body = source[source.index(f"class {enum}(") :]
    body = body[body.index("IMAGENET1K_V1 = Weights(") :]
    acc = re.search(r'"acc@1": ([\d.]+)', body)
    ops = re.search(r'"_ops": ([\d.]+)', body)
    assert acc and ops
    return float(acc.group(1)), float(ops.group(1))


def test_impact_points_are_torchvisions_v1_figures(
    svgs: dict[str, bytes], torchvision_wheel: zipfile.ZipFile
) -> None:
    from imagenet_cli.render.figures.impact import collect

    points = {p.name: p for p in collect()}
    checks = {"ResNet-50": ("resnet", "ResNet50_Weights"), "VGG-16": ("vgg", "VGG16_Weights"),
              "MobileNetV2": ("mobilenetv2", "MobileNet_V2_Weights"),
              "EfficientNet-B0": ("efficientnet", "EfficientNet_B0_Weights"),
              "ViT-B/16": ("vision_transformer", "ViT_B_16_Weights")}  # fmt: skip
    for name, (module, enum) in checks.items():
        acc, ops = _v1_meta(torchvision_wheel, module, enum)
        p = points[name]
        assert (p.top1, p.top1_source, p.cost_is_macs) == (acc, "torchvision", True)
        assert round(p.cost / 1e9, 3) == ops
    # SENet has no torchvision weights: its paper's single-crop error (Hu et al. Table 2,
    # SE-ResNet-50 23.29) and its printed GFLOPs, marked as not stated to be MACs
    se = points["SE-ResNet-50"]
    assert (round(se.top1, 2), se.top1_source, se.cost_is_macs) == (76.71, "paper", False)
    shown = by_gid(svgs["impact"])
    assert {g.split(":", 1)[1] for g in shown if g.startswith("point:")} == set(points)
    lines = " ".join(texts(svgs["impact"]))
    for label in ("torchvision (V1 weights)", "as the paper", "accumulates (MACs)", "GFLOPs"):
        assert label in lines
    eras = []
    for text in texts(svgs["impact"]):
        if re.fullmatch(r"\d{4}(-\d{4})?", text):
            start, _, end = text.partition("-")
            eras.append(range(int(start), int(end or start) + 1))
    for year in (2012, *range(2014, 2021)):  # each year has one legend entry covering it
        assert sum(year in era for era in eras) == 1, year


# --- the command ---------------------------------------------------------------------------


def test_figures_command_writes_one_file_each(tmp_path: Path, svgs: dict[str, bytes]) -> None:
    code, out, err = run("figures", str(tmp_path), "--only", "yolo", "--only", "yolo")
    assert (code, err) == (0, "")
    assert out.split() == [str(tmp_path / "yolo.svg")]
    assert os.listdir(tmp_path) == ["yolo.svg"]
    assert (tmp_path / "yolo.svg").read_bytes() == svgs["yolo"]
    code, out, _ = run("figures", str(tmp_path), "--only", "yolo", "--format", "PDF")
    assert code == 0 and (tmp_path / "yolo.pdf").read_bytes()[:5] == b"%PDF-"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--only", "alexnt"], "Error: no figure matches 'alexnt'; the figures: categories, "),
        (["--format", "gif"], "Error: cannot write figures as 'gif'; use svg, png or pdf"),
        (["--format", "jpeg", "--only", "vgg"], "Error: cannot write figures as 'jpeg'"),
    ],
)
def test_figures_bad_values(tmp_path: Path, args: list[str], message: str) -> None:
    code, out, err = run("figures", str(tmp_path), *args)
    assert (code, out) == (1, "")
    assert err.startswith(message) and err.count("\n") == 1
    if "alexnt" in args:
        assert err.rstrip().endswith("Did you mean: alexnet?")
    assert os.listdir(tmp_path) == []


def test_figures_folder_problems(tmp_path: Path) -> None:
    deeper = tmp_path / "nope" / "deeper"
    code, _, err = run("figures", str(deeper))
    assert (code, err) == (
        1,
        f"Error: no folder {tmp_path / 'nope'}; create it to write deeper in it\n",
    )
    assert not (tmp_path / "nope").exists()
    code, _, _ = run("figures", str(tmp_path / "slides"), "--only", "yolo")
    assert code == 0 and (tmp_path / "slides" / "yolo.svg").is_file()
    (tmp_path / "slides" / "yolo.svg").unlink()
    (tmp_path / "slides").rmdir()
    a_file = tmp_path / "a-file"
    a_file.write_text("keep")
    code, _, err = run("figures", str(a_file), "--only", "yolo")
    assert (code, err) == (1, f"Error: {a_file} is a file, not a folder\n")
    assert a_file.read_text() == "keep"
    code, _, err = run("figures", str(tmp_path), "--only", "yolo", "extra")
    assert code == 2


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Path]:
    """A read-only tmpfs (root can write anywhere else)."""
    mount = tmp_path / "ro"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(mount)],
                          capture_output=True)  # fmt: skip
    if done.returncode != 0:
        if os.environ.get("CI"):
            pytest.fail(f"cannot mount a tmpfs under CI: {done.stderr!r}")
        pytest.skip("cannot mount a tmpfs here (not root?)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)


def test_an_unwritable_folder_is_one_line(read_only: Path) -> None:
    code, out, err = run("figures", str(read_only), "--only", "yolo")
    assert (code, out) == (1, "")
    assert err == f"Error: cannot write in {read_only}; it is read-only or not yours\n"


def test_a_full_disk_leaves_no_partial_figure(tiny_disk: Path) -> None:  # noqa: F811
    code, _, err = run("figures", str(tiny_disk), "--only", "yolo", "--format", "png")
    assert code == 1  # the PNG is about 140 KB, the disk 64 KB
    assert err.startswith(f"Error: cannot write {tiny_disk / 'yolo.png'}: No space left")
    assert os.listdir(tiny_disk) == []


def test_without_matplotlib_one_line_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib fails
    code, out, err = run("figures", str(tmp_path))
    assert (code, out) == (1, "")
    assert err == (
        "Error: drawing figures needs matplotlib, which is not installed; "
        "install it with: pip install 'imagenet-cli[plot]'\n"
    )
    code, out, err = run("timeline", "--plot", str(tmp_path / "t.png"))
    assert (code, out) == (1, "")  # checked before anything is printed
    assert "pip install 'imagenet-cli[plot]'" in err
    assert os.listdir(tmp_path) == []


def test_lookups_never_import_matplotlib() -> None:
    code = (
        "import sys, imagenet_cli.render.figures, imagenet_cli.render.figures.views; "
        "from imagenet_cli.cli.main import app; assert 'matplotlib' not in sys.modules"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


# --- --plot and --svg on the views ---------------------------------------------------------


def test_timeline_plot_and_svg(tmp_path: Path) -> None:
    plot, view = tmp_path / "t.svg", tmp_path / "view.svg"
    code, _, err = run("timeline", "--from", "2012", "--to", "2014", "--plot", str(plot),
                         "--svg", str(view))  # fmt: skip
    assert (code, err) == (0, "")
    shown = by_gid(plot.read_bytes())
    assert shown["team:2012"] == "SuperVision" and "team:2015" not in shown
    assert shown["command"] == "imagenet timeline --task cls --plot FILE"
    saved = view.read_text("utf-8")
    assert saved.startswith("<svg") and "SuperVision" in saved
    code, _, err = run("timeline", "--plot", str(tmp_path / "t.gif"))
    assert code == 1 and err.startswith("Error: cannot write") and ".svg, .png or .pdf" in err
    assert run("timeline", "--json", "--svg", str(view))[0] == 2
    assert sorted(os.listdir(tmp_path)) == ["t.svg", "view.svg"]


def test_about_plot_is_the_categories_figure(tmp_path: Path) -> None:
    code, _, err = run("about", "--plot", str(tmp_path / "c.png"))
    assert (code, err) == (0, "")
    assert (tmp_path / "c.png").read_bytes()[:4] == b"\x89PNG"
    assert run("about", "--cite", "--plot", str(tmp_path / "x.svg"))[0] == 2


def test_arch_layers_and_compare_plots(tmp_path: Path) -> None:
    code, _, err = run("arch", "resnet50", "--layers", "--plot", str(tmp_path / "l.svg"))
    assert (code, err) == (0, "")
    stages = {g for g in by_gid((tmp_path / "l.svg").read_bytes()) if g.startswith("stage:")}
    assert stages == {f"stage:{s}" for s in ("conv1", "conv2_x", "conv3_x", "conv4_x",
                                             "conv5_x", "fc")}  # fmt: skip
    code, _, err = run("arch", "compare", "resnet50", "vgg16", "--plot", str(tmp_path / "c.svg"),
                       "--svg", str(tmp_path / "cv.svg"))  # fmt: skip
    assert (code, err) == (0, "")
    assert "ResNet-50" in texts((tmp_path / "c.svg").read_bytes())
    assert run("arch", "resnet50", "--plot", str(tmp_path / "x.svg"))[0] == 2
    assert sorted(os.listdir(tmp_path)) == ["c.svg", "cv.svg", "l.svg"]
