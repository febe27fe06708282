"""Label layouts against the timm wheel's files, read directly (timm is never imported)."""

from __future__ import annotations

import ast
import json
import zipfile

import pytest

from imagenet_cli._errors import ImagenetError, NotFoundError
from imagenet_cli.index.labelspaces import (
    label_space,
    label_spaces,
    layout_for_width,
    layout_map,
    layout_maps,
    layouts_of_width,
)
from tests.conftest import ROOT, timm_list
from tests.test_cli import run

#: layout -> the timm/data/_info/ file holding its order
FILES = {
    "ilsvrc2012": "imagenet_synsets.txt",
    "ilsvrc2012-tf-slim": "imagenet_synsets.txt",
    "in21k-fall2011": "imagenet22k_synsets.txt",
    "in22k-ms": "imagenet22k_ms_synsets.txt",
    "in21k-google": "imagenet21k_goog_synsets.txt",
    "in12k": "imagenet12k_synsets.txt",
    "in21k-p-fall2011": "imagenet21k_miil_synsets.txt",
    "in21k-p-winter2021": "imagenet21k_miil_w21_synsets.txt",
    "imagenet-a": "imagenet_a_synsets.txt",
    "imagenet-r": "imagenet_r_synsets.txt",
}


def test_every_layout_is_its_timm_file(timm_wheel: zipfile.ZipFile) -> None:
    assert [s.name for s in label_spaces()] == list(FILES)
    for space in label_spaces():
        expected = timm_list(timm_wheel, FILES[space.name])
        assert list(space.wnids) == expected, space.name
        assert space.width == space.background + len(expected)
        assert FILES[space.name] in space.source


def test_widths_the_issue_names() -> None:
    # the widths issue 17 lists, one layout each, except 200 (ImageNet-A and -R)
    for width in (1000, 1001, 21841, 21842, 21843, 11821, 11221, 10450):
        assert len(layouts_of_width(width)) == 1, width
    assert layouts_of_width(200) == ("imagenet-a", "imagenet-r")
    with pytest.raises(ImagenetError, match="200 outputs fit 2 layouts: imagenet-a, imagenet-r"):
        layout_for_width(200)
    with pytest.raises(ImagenetError, match="no known layout has 999 outputs"):
        layout_for_width(999)


def test_timm_width_table(timm_wheel: zipfile.ZipFile) -> None:
    # timm's own guess from the width (_NUM_CLASSES_TO_SUBSET) names the same files
    tree = ast.parse(timm_wheel.read("timm/data/imagenet_info.py").decode("utf-8"))
    tables = {
        stmt.targets[0].id: ast.literal_eval(stmt.value)
        for stmt in tree.body
        if isinstance(stmt, ast.Assign) and isinstance(stmt.targets[0], ast.Name)
    }
    by_width, files = tables["_NUM_CLASSES_TO_SUBSET"], tables["_SUBSETS"]
    for width, subset in by_width.items():
        file = files[subset.replace("-", "")]
        assert FILES[layout_for_width(width).name] == file, (width, subset)
        # and timm's subset name is one of our aliases
        assert label_space(subset).width == width


@pytest.mark.parametrize(
    ("alias", "name"),
    [("in1k", "ilsvrc2012"), ("imagenet-1k", "ilsvrc2012"), ("IN21K", "in21k-google"),
     ("imagenet-21k-goog", "in21k-google"), ("in22k", "in21k-fall2011"),
     ("in22k-ms", "in22k-ms"), ("in12k", "in12k"), ("in21k-p", "in21k-p-fall2011"),
     ("tf-slim", "ilsvrc2012-tf-slim"), ("imagenet_22k_ms", "in22k-ms")],
)  # fmt: skip
def test_aliases(alias: str, name: str) -> None:
    assert label_space(alias).name == name


def test_unknown_layout_suggests() -> None:
    with pytest.raises(NotFoundError) as caught:
        label_space("in22k-m")
    assert "in22k-ms" in caught.value.suggestions


def test_tf_slim_background_and_positions() -> None:
    slim = label_space("tf-slim")
    assert (slim.width, slim.background, slim.wnid_at(0)) == (1001, 1, None)
    assert slim.wnid_at(1) == "n01440764"  # tench: class 0 is slot 1
    assert slim.output_of("n01440764") == 1
    assert label_space("in1k").output_of("n01440764") == 0
    with pytest.raises(ImagenetError, match="out of range"):
        slim.wnid_at(1001)


def test_ms_order_puts_the_1k_classes_first(timm_wheel: zipfile.ZipFile) -> None:
    ms = label_space("in22k-ms")
    assert list(ms.wnids[:1000]) == timm_list(timm_wheel, "imagenet_synsets.txt")
    goog, fall = label_space("in21k"), label_space("in22k")
    assert set(goog.wnids) - set(fall.wnids) == {"n03931044", "n09859684"}


def test_bundled_maps_equal_the_wheel_and_the_lists(timm_wheel: zipfile.ZipFile) -> None:
    names = {m.file for m in layout_maps()}
    in_wheel = {
        n.rsplit("/", 1)[1]
        for n in timm_wheel.namelist()
        if n.startswith("timm/data/_info/")
        and (n.endswith("_to_12k_indices.txt") or n.endswith("_to_22k_indices.txt"))
    }
    assert in_wheel <= names  # every *_to_12k / *_to_22k table is bundled
    assert {"imagenet_a_indices.txt", "imagenet_r_indices.txt"} <= names
    for m in layout_maps():
        assert [int(x) for x in timm_list(timm_wheel, m.file)] == list(m.indices)
        src, dst = label_space(m.source), label_space(m.target)
        assert len(m.indices) == dst.width
        assert [src.wnids[i] for i in m.indices] == list(dst.wnids), m.file


def test_layout_map_by_alias() -> None:
    table = layout_map("in1k", "imagenet-a")
    assert len(table.indices) == 200
    assert label_space("in1k").wnids[table.indices[0]] == label_space("imagenet-a").wnids[0]
    with pytest.raises(ImagenetError, match="no bundled table maps"):
        layout_map("in12k", "in1k")


def test_clip_names_from_open_clip(open_clip_wheel: zipfile.ZipFile) -> None:
    tree = ast.parse(open_clip_wheel.read("open_clip/zero_shot_metadata.py").decode("utf-8"))
    names = next(
        ast.literal_eval(stmt.value)
        for stmt in tree.body
        if isinstance(stmt, ast.Assign)
        and getattr(stmt.targets[0], "id", None) == "IMAGENET_CLASSNAMES"
    )
    data = json.loads((ROOT / "data" / "clip_names.json").read_text("utf-8"))
    assert data["names"] == list(names)  # duplicates kept, in order
    assert data["duplicates"] == sorted({n for n in names if names.count(n) > 1})


def test_cli_subsets_show_resolves_aliases() -> None:
    code, out, err = run("subsets", "show", "imagenet-1k", "--json", "--limit", "1")
    assert (code, err) == (0, "")
    assert json.loads(out)[0]["wnid"] == "n01440764"
    code, out, _ = run("subsets", "show", "imagenet-21k-goog", "--json")
    assert len(json.loads(out)) == 21843
    code, _, err = run("subsets", "show", "imagenet-2k")
    assert code == 1
    assert "imagenette" not in err


def test_cli_layouts(timm_wheel: zipfile.ZipFile) -> None:
    code, out, _ = run("classes", "layouts", "--json")
    assert code == 0
    found = {s["name"]: s for s in json.loads(out)}
    assert found["in22k-ms"]["width"] == len(timm_list(timm_wheel, "imagenet22k_ms_synsets.txt"))
    assert "imagenet-21k-goog" in found["in21k-google"]["aliases"]
    code, out, _ = run("classes", "layouts")
    assert code == 0
    assert all(len(line) <= 100 for line in out.splitlines())
    assert "in22k-ms" in out
