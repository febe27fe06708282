"""The bundled synset index against its real sources: WordNet 3.0 (NLTK) and timm's lists."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from typing import Any

import pytest

from imagenet_cli._resources import index_db
from imagenet_cli.index.synsets import load_synsets
from tests.conftest import ROOT, timm_list

ENTITY = 1740  # entity.n.01


def all_offsets() -> list[int]:
    return [o for (o,) in index_db().execute("SELECT offset FROM synsets ORDER BY offset")]


def members(name: str) -> list[str]:
    rows = index_db().execute(
        "SELECT m.offset FROM members m JOIN subsets s ON s.id = m.subset "
        "WHERE s.name = ? ORDER BY m.position",
        (name,),
    )
    return [f"n{o:08d}" for (o,) in rows]


def test_class_index_is_timm_sorted_list(timm_wheel: zipfile.ZipFile) -> None:
    expected = timm_list(timm_wheel, "imagenet_synsets.txt")
    assert len(expected) == 1000
    rows = index_db().execute(
        "SELECT ilsvrc2012_index, wnid FROM synsets WHERE ilsvrc2012_index IS NOT NULL "
        "ORDER BY ilsvrc2012_index"
    )
    assert [wnid for _, wnid in rows] == expected
    assert members("ilsvrc2012") == expected


@pytest.mark.parametrize(
    ("subset", "filename", "size"),
    [
        ("in21k-fall2011", "imagenet22k_synsets.txt", 21841),
        ("in21k-google", "imagenet21k_goog_synsets.txt", 21843),
        ("in22k-ms", "imagenet22k_ms_synsets.txt", 21842),
        ("in12k", "imagenet12k_synsets.txt", 11821),
        ("in21k-p-fall2011", "imagenet21k_miil_synsets.txt", 11221),
        ("in21k-p-winter2021", "imagenet21k_miil_w21_synsets.txt", 10450),
        ("imagenet-a", "imagenet_a_synsets.txt", 200),
        ("imagenet-r", "imagenet_r_synsets.txt", 200),
        ("mini-imagenet", "mini_imagenet_synsets.txt", 100),
    ],
)
def test_lists_equal_timm_files(
    timm_wheel: zipfile.ZipFile, subset: str, filename: str, size: int
) -> None:
    expected = timm_list(timm_wheel, filename)
    assert len(expected) == size
    assert members(subset) == expected


def test_teddy_bear_is_a_class_missing_from_fall_2011() -> None:
    teddy = load_synsets([4399382])[4399382]
    assert teddy.name == "teddy.n.01"
    assert "ilsvrc2012" in teddy.subsets
    assert "in21k-fall2011" not in teddy.subsets
    # the only ILSVRC-2012 class that the fall 2011 list lacks
    missing = set(members("ilsvrc2012")) - set(members("in21k-fall2011"))
    assert missing == {"n04399382"}


@pytest.mark.slow
def test_every_synset_equals_wordnet(wn: Any) -> None:
    offsets = all_offsets()
    assert 23_000 < len(offsets) < 24_000
    index = load_synsets(offsets)
    for offset in offsets:
        ours = index[offset]
        theirs = wn.synset_from_pos_and_offset("n", offset)
        assert ours.name == theirs.name()
        assert ours.lemmas == tuple(theirs.lemma_names())
        assert ours.gloss == theirs.definition()
        assert ours.lexname == theirs.lexname()
        assert ours.min_depth() == theirs.min_depth()
        hyper = {f"n{h.offset():08d}" for h in theirs.hypernyms()}
        inst = {f"n{h.offset():08d}" for h in theirs.instance_hypernyms()}
        assert set(ours.hypernym_wnids) == hyper, ours.name
        assert set(ours.instance_hypernym_wnids) == inst, ours.name


def test_index_is_closed_under_hypernyms() -> None:
    db = index_db()
    dangling = db.execute(
        "SELECT COUNT(*) FROM hypernyms WHERE hypernym NOT IN (SELECT offset FROM synsets)"
    ).fetchone()[0]
    assert dangling == 0
    roots = [o for (o,) in db.execute(
        "SELECT offset FROM synsets WHERE offset NOT IN (SELECT offset FROM hypernyms)"
    )]  # fmt: skip
    assert roots == [ENTITY]


def test_timm_lemmas_and_glosses_agree_with_wordnet(timm_wheel: zipfile.ZipFile) -> None:
    glosses = dict(
        line.split("\t", 1) for line in timm_list(timm_wheel, "imagenet_synset_to_definition.txt")
    )
    index = load_synsets(int(w[1:]) for w in members("ilsvrc2012"))
    for synset in index.values():
        assert glosses[synset.wnid] == synset.gloss


def test_dog_has_two_hypernyms(wn: Any) -> None:
    dog = load_synsets([2084071])[2084071]
    assert dog.name == "dog.n.01"
    theirs = wn.synset("dog.n.01").hypernyms()
    assert len(theirs) == 2
    assert set(dog.hypernym_wnids) == {f"n{s.offset():08d}" for s in theirs}


def test_class_242_is_the_dog_boxer() -> None:
    rows = (
        index_db().execute("SELECT wnid, name FROM synsets WHERE ilsvrc2012_index = 242").fetchall()
    )
    assert rows == [("n02108089", "boxer.n.04")]


@pytest.mark.slow
def test_data_rebuilds_identically_from_sources(timm_wheel: zipfile.ZipFile, wn: Any) -> None:
    """scripts/build_data.py --check: data/ equals a fresh build from WordNet, timm, torchvision."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_data.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "matches a rebuild" in done.stdout


def devkit_ids() -> dict[str, int]:
    """The devkit list as shipped in scripts/sources (wnid -> ILSVRC2012_ID)."""
    text = (ROOT / "scripts" / "sources" / "ilsvrc2012_map_clsloc.txt").read_text("utf-8")
    return {w: int(n) for w, n, _ in (line.split(" ", 2) for line in text.splitlines())}


def test_devkit_numbering_equals_its_source() -> None:
    rows = index_db().execute(
        "SELECT wnid, ilsvrc2012_id FROM synsets WHERE ilsvrc2012_id IS NOT NULL"
    )
    assert dict(rows.fetchall()) == devkit_ids()


def test_devkit_numbering_is_another_order() -> None:
    rows = dict(
        index_db()
        .execute(
            "SELECT ilsvrc2012_index, ilsvrc2012_id FROM synsets WHERE ilsvrc2012_index IS NOT NULL"
        )
        .fetchall()
    )
    assert sorted(rows.values()) == list(range(1, 1001))
    assert all(devkit - 1 != index for index, devkit in rows.items())
    assert rows[0] == 449  # tench
    assert rows[212] == 2  # English setter
    kit_fox = (
        index_db()
        .execute("SELECT wnid, ilsvrc2012_index FROM synsets WHERE ilsvrc2012_id = 1")
        .fetchone()
    )
    assert kit_fox == ("n02119789", 278)
