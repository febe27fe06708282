"""``imagenet about``: sourced release facts and a category view computed from the index."""

from __future__ import annotations

import json
import zipfile
from typing import Any

from imagenet_cli.facts.about import CATEGORIES, categories, class_depths, releases
from imagenet_cli.index.hierarchy import descendants, members_with_ancestors
from imagenet_cli.index.identifiers import resolve
from imagenet_cli.index.synsets import class_offsets, subset_members
from tests.conftest import timm_list
from tests.test_cli import run


def test_ilsvrc2012_splits_from_the_devkit_readme() -> None:
    facts = releases()["ilsvrc2012"]
    assert (facts["train"], facts["validation"], facts["test"]) == (1_281_167, 50_000, 100_000)
    assert (facts["train_per_class_min"], facts["train_per_class_max"]) == (732, 1300)
    for source in facts["sources"][:3]:
        assert source["kind"] == "primary"
    assert "1281167" in facts["sources"][0]["quote"]


def test_860_ancestors_as_the_devkit_says() -> None:
    # devkit readme: "There are 860 such ancestor synsets"
    assert releases()["ilsvrc2012"]["high_level_synsets"] == 860
    assert len(members_with_ancestors(class_offsets())) - 1000 == 860


def test_category_counts_equal_classes_under_and_the_subtrees(
    wn: Any, timm_wheel: zipfile.ZipFile
) -> None:
    in21k = set(subset_members("in21k-fall2011"))
    ilsvrc = [wn.synset_from_pos_and_offset("n", int(w[1:]))
              for w in timm_list(timm_wheel, "imagenet_synsets.txt")]  # fmt: skip

    def nltk_under(root: Any) -> int:
        def up(s: Any) -> list[Any]:
            return s.hypernyms() + s.instance_hypernyms()

        return sum(1 for s in ilsvrc if s == root or root in s.closure(up))

    for category in categories():
        assert category.ilsvrc2012 == nltk_under(wn.synset(resolve(category.name).name))
        code, out, err = run("classes", "--under", category.name, "--json")
        if category.ilsvrc2012:
            assert code == 0, (category.name, err)
            assert category.ilsvrc2012 == len(json.loads(out)), category.name
        else:  # a category without classes is an error of the command, said as such
            assert (code, out) == (1, ""), category.name
            assert err.startswith("Error: no ILSVRC-2012 class lies under"), err
        offset = resolve(category.name).offset
        assert category.in21k == len(descendants(offset) & in21k), category.name
        assert category.ilsvrc2012 == len(descendants(offset) & class_offsets())
    assert [c.name for c in categories()] == list(CATEGORIES)


def test_class_depths_cover_the_1000_classes() -> None:
    depths = class_depths()
    assert sum(depths.values()) == 1000
    assert min(depths) >= 1


def test_releases_carry_sources() -> None:
    for release in releases()["releases"]:
        assert release["sources"]
        assert all(s["quote"] for s in release["sources"])
    sizes = {r["name"].split(" (")[0]: r["synsets"] for r in releases()["releases"]}
    assert sizes["Fall 2011"] == len(subset_members("in21k-fall2011")) == 21841


def test_cli_about() -> None:
    code, out, _ = run("about")
    assert code == 0
    for text in ("1,281,167", "50,000", "100,000", "artifact.n.01", "Depth of the 1000 classes"):
        assert text in out
    code, out, _ = run("about", "--json")
    data = json.loads(out)
    assert set(data) == {"releases", "ilsvrc2012", "categories", "class_depths"}
    code, out, _ = run("about", "--cite")
    assert out.startswith("@inproceedings{imagenet_cvpr09,")
    assert "@article{ILSVRC15," in out
    assert run("about", "--cite", "--json")[0] == 2
