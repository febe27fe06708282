"""The ILSVRC-2012 label space and the named lists, against their sources."""

from __future__ import annotations

import json
import zipfile
from typing import Any

import pytest

from imagenet_cli._errors import ImagenetError, NotFoundError
from imagenet_cli.index.classes import NotAClass, Scheme, all_classes, duplicate_names, get_class
from imagenet_cli.index.subsets import get_subset, list_subsets
from tests.conftest import ROOT, timm_list
from tests.test_cli import run


def test_numberings_of_tench_and_english_setter() -> None:
    tench = get_class("tench")
    assert (tench.index, tench.one_based, tench.tf_slim_slot, tench.ilsvrc2012_id) == (
        0, 1, 1, 449,
    )  # fmt: skip
    setter = get_class("n02100735")
    assert (setter.index, setter.tf_slim_slot, setter.ilsvrc2012_id) == (212, 213, 2)
    # TF-slim slot 213 read as a plain index would wrongly give Irish setter
    assert get_class("213", Scheme.TF_SLIM) == setter
    assert get_class("213").synset == "irish_setter.n.01"


def test_devkit_and_index_confusions() -> None:
    kit_fox = get_class("1", Scheme.DEVKIT)
    assert (kit_fox.wnid, kit_fox.index) == ("n02119789", 278)
    assert get_class("283").wnid == "n02123394"  # Persian cat
    assert get_class("282").synset == "tiger_cat.n.02"
    assert get_class("1000", Scheme.ONE_BASED).index == 999
    assert all(c.ilsvrc2012_id - 1 != c.index for c in all_classes())


def test_names_from_their_sources(torchvision_wheel: zipfile.ZipFile) -> None:
    simple = json.loads((ROOT / "scripts/sources/imagenet_simple_labels.json").read_text("utf-8"))
    assert [c.simple_name for c in all_classes()] == simple
    assert (simple[134], simple[517]) == ("crane (bird)", "crane (machine)")
    meta = torchvision_wheel.read("torchvision/models/_meta.py").decode("utf-8")
    for c in all_classes()[:50]:
        assert f'"{c.name}"' in meta


def test_class_order_is_timms(timm_wheel: zipfile.ZipFile) -> None:
    assert [c.wnid for c in all_classes()] == timm_list(timm_wheel, "imagenet_synsets.txt")


@pytest.mark.parametrize(
    ("value", "scheme"),
    [("1000", Scheme.INDEX), ("-1", Scheme.INDEX), ("1001", Scheme.TF_SLIM),
     ("0", Scheme.TF_SLIM), ("0", Scheme.DEVKIT), ("crane", Scheme.INDEX)],
)  # fmt: skip
def test_bad_numbers_and_ambiguous_names(value: str, scheme: Scheme) -> None:
    with pytest.raises(ImagenetError):
        get_class(value, scheme)


def test_any_synset_identifier_finds_its_class() -> None:
    assert get_class("goldfishes").index == 1  # inflected, as in synsets commands
    assert get_class("geese").index == 99
    assert get_class("tabby.n.01").index == 281
    with pytest.raises(ImagenetError, match="names 2 ImageNet synsets"):
        get_class("dog")
    with pytest.raises(NotFoundError) as caught:
        get_class("run.v.01")
    assert caught.value.hint == "ImageNet synsets are nouns; run.v.01 is a verb"


def test_a_synset_that_is_not_a_class(wn: Any, timm_wheel: zipfile.ZipFile) -> None:
    with pytest.raises(NotAClass) as caught:
        get_class("n02084071")
    dog = wn.synset("dog.n.01")
    below = {f"n{s.offset():08d}" for s in dog.closure(lambda s: s.hyponyms())}
    expected = len(below & set(timm_list(timm_wheel, "imagenet_synsets.txt")))
    assert caught.value.classes_below == expected
    assert caught.value.wnid == "n02084071"
    code, _, err = run("classes", "show", "n02084071")
    assert code == 1
    assert f"{expected} classes lie under it: imagenet classes --under n02084071" in err
    with pytest.raises(NotFoundError):
        get_class("tenchh")


def test_duplicates() -> None:
    found = {(d.kind, d.name): sorted(c.index for c in d.classes) for d in duplicate_names()}
    assert found[("first lemma", "crane")] == [134, 517]
    assert found[("first lemma", "maillot")] == [638, 639]


def test_subsets_and_their_sizes() -> None:
    sizes = {s.name: s.size for s in list_subsets()}
    assert sizes == {
        "ilsvrc2012": 1000, "in21k-fall2011": 21841, "in21k-google": 21843,
        "in22k-ms": 21842, "in12k": 11821, "in21k-p-fall2011": 11221,
        "in21k-p-winter2021": 10450, "imagenet-a": 200, "imagenet-r": 200,
        "mini-imagenet": 100, "imagenette": 10, "imagewoof": 10,
    }  # fmt: skip
    _, woof = get_subset("imagewoof")
    # fastai/imagenette README: "Australian terrier, Border terrier, Samoyed, Beagle,
    # Shih-Tzu, English foxhound, Rhodesian ridgeback, Dingo, Golden retriever, Old English
    # sheepdog" (dingo is no dog.n.01 in WordNet: class 273 sits under wild_dog)
    names = {get_class(str(m.ilsvrc2012_index)).name.lower() for m in woof}
    assert names == {
        "australian terrier", "border terrier", "samoyed", "beagle", "shih-tzu",
        "english foxhound", "rhodesian ridgeback", "dingo", "golden retriever",
        "old english sheepdog",
    }  # fmt: skip
    _, ms = get_subset("in22k-ms")
    assert [m.ilsvrc2012_index for m in ms[:1000]] == list(range(1000))  # first 1000 = ILSVRC


def test_cli_classes() -> None:
    code, out, _ = run("classes", "--under", "dog.n.01", "--json")
    assert code == 0
    dogs = json.loads(out)
    assert len(dogs) == 118
    assert set(dogs[0]) == {"index", "wnid", "ilsvrc2012_id", "name", "lemmas", "simple_name"}
    code, out, _ = run("classes", "--format", "keras")
    assert json.loads(out)["0"] == ["n01440764", "tench"]
    code, out, _ = run("classes", "--format", "txt")
    assert out.splitlines()[0] == "tench"
    assert len(out.splitlines()) == 1000
    code, out, _ = run("classes", "show", "213", "--scheme", "tf-slim", "--json")
    data = json.loads(out)
    assert (data["index"], data["one_based"], data["tf_slim_slot"], data["ilsvrc2012_id"]) == (
        212, 213, 213, 2,
    )  # fmt: skip


def test_cli_classes_errors() -> None:
    code, out, err = run("classes", "show", "1000")
    assert (code, out) == (1, "")
    assert err.startswith("Error: index 1000 is out of range")
    code, _, err = run("classes", "show", "1001", "--scheme", "tf-slim")
    assert code == 1
    code, _, err = run("classes", "show", "n02084071")
    assert code == 1
    assert "imagenet classes --under n02084071" in err
    code, _, err = run("classes", "show", "-1")
    assert (code, err) == (1, "Error: index -1 is out of range: index numbers run from 0 to 999\n")
    code, _, err = run("classes", "--subset", "imagenet-x")
    assert code == 1
    assert "imagenet-a" in err
    assert run("classes", "--format", "yaml")[0] == 2
    assert run("classes", "show", "1", "--scheme", "two-based")[0] == 2


def test_cli_subsets() -> None:
    code, out, _ = run("subsets", "--json")
    assert code == 0
    assert {s["name"] for s in json.loads(out)} >= {"imagenette", "imagewoof", "imagenet-a"}
    code, out, _ = run("subsets", "show", "imagenette", "--json")
    assert [m["ilsvrc2012_index"] for m in json.loads(out)][:2] == [0, 217]
    # timm's name imagenet21k (and its tags *_in21k) is Google's 21,843 list
    code, out, _ = run("subsets", "show", "in21k", "--json")
    assert (code, len(json.loads(out))) == (0, 21843)
    code, _, err = run("subsets", "show", "in21k-fal")
    assert code == 1
    assert "in21k-fall2011" in err
