"""The shared WordNet 3.0 reader: NLTK 3.10 over Princeton's database files."""

from __future__ import annotations

import gzip
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from imagenet_cli._errors import DataMissingError, ImagenetError
from imagenet_cli.corpus.lexnames import LEXNAMES, lexnames_text
from imagenet_cli.corpus.reader import (
    find_wordnet_dir,
    open_wordnet,
    wnid_of,
)

MAN_PAGE = Path("/usr/share/man/man5/lexnames.5WN.gz")


def test_lexnames_match_the_manual_page() -> None:
    if not MAN_PAGE.is_file():
        pytest.skip(f"{MAN_PAGE} not installed (Debian's wordnet-base ships it)")
    text = gzip.decompress(MAN_PAGE.read_bytes()).decode("utf-8")
    rows = re.findall(r"^(\d\d)\t(\S+)\s*\t", text, flags=re.MULTILINE)
    assert len(rows) == 45
    assert [(int(n), name) for n, name in rows] == [
        (i, name) for i, (name, _category) in enumerate(LEXNAMES)
    ]
    # the category code matches the name's part of speech
    codes = {"noun": 1, "verb": 2, "adj": 3, "adv": 4}
    assert all(codes[name.split(".")[0]] == cat for name, cat in LEXNAMES)
    assert lexnames_text().splitlines()[5] == "05\tnoun.animal\t1"


def test_reader_reads_wordnet_30(wn: Any) -> None:
    assert wn.get_version() == "3.0"
    dog = wn.synset("dog.n.01")
    assert wnid_of(dog) == "n02084071"
    assert sorted(h.name() for h in dog.hypernyms()) == ["canine.n.02", "domestic_animal.n.01"]
    assert dog.lexname() == "noun.animal"  # served from the supplied lexnames
    assert wn.synset_from_pos_and_offset("n", 4399382).name() == "teddy.n.01"
    assert wn.morphy("geese", "n") == "goose"


def test_env_override_must_be_a_wordnet_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("IMAGENET_WORDNET_DIR", str(tmp_path))
    with pytest.raises(DataMissingError, match=r"is not a WordNet 3\.0 corpus: an empty folder"):
        find_wordnet_dir()


def test_a_wordnet_that_is_not_30_is_refused(wn: Any, tmp_path: Path) -> None:
    source = find_wordnet_dir()
    fake = tmp_path / "wn31"
    shutil.copytree(source, fake)
    data_adj = fake / "data.adj"
    text = data_adj.read_text(encoding="utf-8")
    assert "WordNet 3.0 Copyright" in text
    data_adj.write_text(text.replace("WordNet 3.0 Copyright", "WordNet 3.1 Copyright", 1))
    with pytest.raises(ImagenetError, match=r"version 3\.1, not 3\.0"):
        open_wordnet(fake)
