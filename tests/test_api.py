"""The public library API (``import imagenet_cli``) against NLTK on WordNet 3.0 and the
ImageNet lists of the timm wheel.

Every Synset method is compared with NLTK's method of the same name: on every synset of
the index for the one-synset methods, and on random pairs (2,000 under CI, fewer in a
developer's quick run: ``IMAGENET_FULL=1`` forces the full count) for the pairwise ones.
"""

from __future__ import annotations

import pickle
import random
import subprocess
import sys
import zipfile
from typing import Any

import pytest

import imagenet_cli as inet
from imagenet_cli._resources import index_db
from tests.conftest import FULL, timm_list

PAIRS = 2000 if FULL else 200


def all_offsets() -> list[int]:
    return [o for (o,) in index_db().execute("SELECT offset FROM synsets ORDER BY offset")]


def offsets_of(synsets: list[Any]) -> list[int]:
    return [s.offset() for s in synsets]


def by_name(synsets: list[Any]) -> list[int]:
    """NLTK's related synsets in name order: NLTK keeps pointers in a set, so its own order
    follows string hashing and changes from one interpreter run to the next."""
    return [s.offset() for s in sorted(synsets, key=lambda s: s.name())]


def ours(synsets: list[inet.Synset]) -> list[int]:
    return [s.offset for s in synsets]


def test_every_synset_equals_nltk(wn: Any) -> None:
    offsets = all_offsets()
    index = set(offsets)
    sample = offsets if FULL else random.Random(7).sample(offsets, 2500)
    for offset in sample:
        theirs = wn.synset_from_pos_and_offset("n", offset)
        mine = inet.synset(f"n{offset:08d}")
        assert mine.name == theirs.name()
        assert mine.offset == theirs.offset()
        assert mine.definition() == theirs.definition()
        assert mine.lemma_names() == theirs.lemma_names()
        assert mine.lexname == theirs.lexname()
        assert ours(mine.hypernyms()) == by_name(theirs.hypernyms())
        assert ours(mine.instance_hypernyms()) == by_name(theirs.instance_hypernyms())
        # hyponyms within the index: NLTK's, less what ImageNet lacks
        assert ours(mine.hyponyms()) == [o for o in by_name(theirs.hyponyms()) if o in index]
        assert ours(mine.instance_hyponyms()) == [
            o for o in by_name(theirs.instance_hyponyms()) if o in index
        ]
        assert mine.min_depth() == theirs.min_depth()
        assert mine.max_depth() == theirs.max_depth()
        if offset % 16 == 0:  # NLTK's walk to the root is slow; every noun's root is entity
            assert ours(mine.root_hypernyms()) == offsets_of(theirs.root_hypernyms())
        assert mine.wordnet_hyponym_count() == len(theirs.hyponyms()) + len(
            theirs.instance_hyponyms()
        )


def test_hypernym_paths_equal_nltk(wn: Any) -> None:
    offsets = all_offsets()
    sample = offsets if FULL else random.Random(11).sample(offsets, 1500)
    for offset in sample:
        theirs = wn.synset_from_pos_and_offset("n", offset).hypernym_paths()
        mine = inet.synset(f"n{offset:08d}").hypernym_paths()
        # the same paths; their order follows the hypernyms' (by name here, set order in NLTK)
        assert sorted(ours(p) for p in mine) == sorted(offsets_of(p) for p in theirs)
        assert all(p[0].name == "entity.n.01" and p[-1].offset == offset for p in mine)


@pytest.mark.slow
def test_pairwise_methods_equal_nltk(wn: Any, timm_wheel: zipfile.ZipFile) -> None:
    rng = random.Random(2026)
    offsets = all_offsets()
    classes = [int(w[1:]) for w in timm_list(timm_wheel, "imagenet_synsets.txt")]
    pairs = [rng.sample(offsets, 2) for _ in range(PAIRS // 2)]
    pairs += [rng.sample(classes, 2) for _ in range(PAIRS // 2)]
    pairs += [[o, o] for o in rng.sample(offsets, 20)]
    for a, b in pairs:
        ta, tb = (wn.synset_from_pos_and_offset("n", o) for o in (a, b))
        ma, mb = inet.synset(f"n{a:08d}"), inet.synset(f"n{b:08d}")
        assert ours(ma.lowest_common_hypernyms(mb)) == offsets_of(ta.lowest_common_hypernyms(tb))
        assert ours(ma.lowest_common_hypernyms(mb, use_min_depth=True)) == offsets_of(
            ta.lowest_common_hypernyms(tb, use_min_depth=True)
        )
        assert sorted(ours(ma.common_hypernyms(mb))) == sorted(offsets_of(ta.common_hypernyms(tb)))
        assert ma.shortest_path_distance(mb) == ta.shortest_path_distance(tb)
        assert ma.path_similarity(mb) == ta.path_similarity(tb)
        assert ma.wup_similarity(mb) == ta.wup_similarity(tb)
        assert ma.lch_similarity(mb) == ta.lch_similarity(tb)


def test_every_identifier_form_names_the_same_synset(wn: Any) -> None:
    dog = wn.synset("dog.n.01")
    offset = dog.offset()
    forms = [
        f"n{offset:08d}", f"{offset:08d}", f"{offset:08d}-n", f"{offset:08d}n",
        f"wn:{offset:08d}n", "dog.n.01", "DOG.N.01", "dog%1:05:00::", "domestic dog",
        "Domestic_Dog", "domestic dogs",
    ]  # fmt: skip
    for form in forms:
        assert inet.synset(form).offset == offset, form
    assert inet.parse_identifier("dog%1:05:00::").form is inet.Form.SENSE_KEY
    assert inet.parse_identifier("02084071-n").form is inet.Form.OFFSET
    assert inet.parse_identifier(207).form is inet.Form.INDEX


def test_class_indices_follow_the_timm_list(timm_wheel: zipfile.ZipFile) -> None:
    wnids = timm_list(timm_wheel, "imagenet_synsets.txt")
    for index in (0, 1, 207, 500, 999):
        assert inet.synset(index).wnid == wnids[index]
        assert inet.synset(str(index)).wnid == wnids[index]
        assert inet.get_class(index).wnid == wnids[index]


def test_sense_keys_equal_princetons_index_sense(wn: Any) -> None:
    """Every lemma of the index resolves by its sense key, read from index.sense itself."""
    from imagenet_cli.corpus.reader import find_wordnet_dir

    folder = find_wordnet_dir()
    index_sense = folder / "index.sense"
    if not index_sense.exists():
        pytest.skip(f"no index.sense in {folder}")
    index = set(all_offsets())
    bundled = dict(index_db().execute("SELECT sense_key, offset FROM lemmas"))
    seen = 0
    with index_sense.open(encoding="utf-8") as lines:
        for line in lines:
            key, offset, *_ = line.split()
            if "%1:" not in key or int(offset) not in index:
                continue
            seen += 1
            assert bundled.get(key) == int(offset), key  # every key, in the bundled data
            if seen % (25 if FULL else 200) == 0:  # and the resolver on a sample
                assert inet.synset(key).offset == int(offset), key
    # Our keys are NLTK's Lemma.key(); index.sense lists one key per lower-cased lemma, so it
    # lacks the key of a second lemma that differs only in case (sun.n.01: sun and Sun).
    ours = dict(index_db().execute("SELECT sense_key, offset FROM lemmas"))
    for key, offset in ours.items():
        synset = wn.synset_from_pos_and_offset("n", offset)
        assert key in {lemma.key() for lemma in synset.lemmas()}
    lowered = [(o, n.lower()) for o, n in index_db().execute("SELECT offset, lemma FROM lemmas")]
    case_twins = len(lowered) - len(set(lowered))
    assert seen == len(ours) - case_twins


def test_bad_input_raises_typed_errors(wn: Any) -> None:
    for wrong in (None, 2.0, b"dog", True, ["dog"]):
        with pytest.raises(TypeError, match="str"):
            inet.synset(wrong)  # type: ignore[arg-type]
    with pytest.raises(inet.OutOfRange) as out:
        inet.synset(1000)
    assert (out.value.low, out.value.high, out.value.value) == (0, 999, 1000)
    with pytest.raises(inet.OutOfRange):
        inet.synset(-1)
    with pytest.raises(inet.Ambiguous) as ambiguous:
        inet.synset("crane")
    assert sorted(s.name for s in ambiguous.value.candidates) == ["crane.n.04", "crane.n.05"]
    with pytest.raises(inet.NotFound) as missing:
        inet.synset("retreiver")
    assert "retriever" in missing.value.suggestions
    with pytest.raises(inet.NotFound) as frump:
        inet.synset("frump")
    assert frump.value.hint is not None and "WordNet 3.0 noun" in frump.value.hint
    # an offset WordNet 3.0 has but the index lacks raises; it never answers wrongly
    outside = wn.synset("frump.n.01").offset()
    with pytest.raises(inet.NotFound):
        inet.synset(f"n{outside:08d}")
    from imagenet_cli.index import hierarchy

    with pytest.raises(inet.NotFound):
        hierarchy.hypernym_paths(outside)
    with pytest.raises(inet.ImagenetError):
        inet.synset("  ")
    with pytest.raises(TypeError):
        inet.search(None)  # type: ignore[arg-type]
    with pytest.raises(inet.OutOfRange):
        inet.search("dog", limit=-1)
    assert inet.subset("in21k").name == "in21k-google"  # timm's alias
    with pytest.raises(inet.NotFound):
        inet.subset("in31k")
    with pytest.raises(inet.NotFound):
        inet.get_class(0, scheme="zero-based")
    with pytest.raises(inet.NotAClass):
        inet.get_class(0, scheme="tf-slim")
    with pytest.raises(inet.OutOfRange):
        inet.timeline(start=2015, end=2012)


def test_errors_share_one_base_and_never_name_an_option() -> None:
    for name in ("NotFound", "Ambiguous", "OutOfRange", "DataMissing", "NotAClass"):
        assert issubclass(getattr(inet, name), inet.ImagenetError)
    messages = []
    for call in (
        lambda: inet.timeline(start=2015, end=2012),
        lambda: inet.get_class("n02084071"),
        lambda: inet.synset(5000),
    ):
        with pytest.raises(inet.ImagenetError) as caught:
            call()
        messages.append(f"{caught.value.message} {caught.value.hint or ''}")
    for message in messages:
        assert "--" not in message and "imagenet " not in message, message


def test_values_are_immutable_and_answers_unshared() -> None:
    dog = inet.synset("dog.n.01")
    with pytest.raises(AttributeError):
        dog.name = "cat.n.01"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del dog.gloss
    first = dog.hypernyms()
    first.clear()
    assert len(dog.hypernyms()) == 2
    names = dog.lemma_names()
    names.append("wolf")
    assert "wolf" not in dog.lemma_names()
    paths = dog.hypernym_paths()
    paths[0].pop()
    assert dog.hypernym_paths()[0][-1] == dog
    found = inet.search("dog", limit=3)
    found.clear()
    assert len(inet.search("dog", limit=3)) == 3
    assert isinstance(inet.classes(), tuple)
    resnet = inet.architecture("resnet")
    resnet.sources.clear()
    resnet.variants[0].extra["note"] = "changed by a caller"
    again = inet.architecture("resnet")
    assert again.sources and again.variants[0].extra.get("note") != "changed by a caller"
    facts = inet.releases()
    facts.clear()
    assert inet.releases()
    assert isinstance(inet.synset("dog.n.01").lemmas, tuple)


def test_synsets_hash_compare_and_pickle_by_offset() -> None:
    dog, cat = inet.synset("dog.n.01"), inet.synset("cat.n.01")
    assert dog == inet.synset("n02084071") and dog != cat
    assert len({dog, inet.synset(2 * 0 + 207).hypernyms()[0], dog}) == 2
    assert sorted([dog, cat]) == sorted([cat, dog])
    assert (dog < cat) == (dog.offset < cat.offset)
    assert pickle.loads(pickle.dumps(dog)) == dog
    assert repr(dog) == "Synset('dog.n.01')"


def test_walking_down(wn: Any, timm_wheel: zipfile.ZipFile) -> None:
    dog = inet.synset("dog.n.01")
    nltk_below = {s.offset() for s in wn.synset("dog.n.01").closure(lambda s: s.hyponyms())}
    classes = {int(w[1:]) for w in timm_list(timm_wheel, "imagenet_synsets.txt")}
    under = dog.classes_under()
    assert {s.offset for s in under} == nltk_below & classes
    assert [s.ilsvrc2012_index for s in under] == sorted(s.ilsvrc2012_index for s in under)
    in21k = {int(w[1:]) for w in timm_list(timm_wheel, "imagenet22k_synsets.txt")}
    assert {s.offset for s in dog.descendants("in21k-fall2011")} == nltk_below & in21k


def test_classes_and_schemes(timm_wheel: zipfile.ZipFile) -> None:
    wnids = timm_list(timm_wheel, "imagenet_synsets.txt")
    assert [c.wnid for c in inet.classes()] == wnids
    devkit = inet.classes("devkit")
    assert [c.number("devkit") for c in devkit] == list(range(1, 1001))
    assert inet.get_class(449, scheme="devkit").wnid == wnids[0]  # tench
    assert inet.get_class(213, scheme=inet.Scheme.TF_SLIM) == inet.get_class(212)


def test_lists_and_facts(timm_wheel: zipfile.ZipFile) -> None:
    fall = inet.subset("in21k-fall2011")
    assert list(fall.wnids()) == timm_list(timm_wheel, "imagenet22k_synsets.txt")
    assert inet.subsets()[0].name == "ilsvrc2012"
    assert inet.architecture("ResNet-50").id == "resnet"
    assert inet.variant("resnet50").params == 25_557_032  # torchvision's num_params
    assert inet.layer_costs("resnet50").params == 25_557_032
    with pytest.raises(inet.NotFound):
        inet.architecture("resnt")
    years = {e.year for e in inet.timeline(milestones=False)}
    assert years == set(range(2010, 2018))


def test_import_is_lean() -> None:
    code = (
        "import sys, imagenet_cli as i; i.synset('n02084071').hypernym_paths(); "
        "print(' '.join(m for m in ('typer','click','rich','nltk','requests','rapidfuzz',"
        "'pydantic','numpy') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""
