"""Search and lookup over the bundled index, checked against WordNet 3.0 through NLTK."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from imagenet_cli._errors import ImagenetError, NotFoundError
from imagenet_cli.index.identifiers import resolve
from imagenet_cli.index.search import Match, search_synsets
from imagenet_cli.index.synsets import base_forms, normalize, suggest_lemmas
from tests.conftest import examples


def test_dog_comes_first_then_other_senses_in_wordnet_order(wn: Any) -> None:
    found = search_synsets("dog")
    first = found.hits[0]
    assert (first.synset.wnid, first.synset.name) == ("n02084071", "dog.n.01")
    exact = [h.synset.name for h in found.hits if h.match is Match.LEMMA]
    # WordNet's own sense order for "dog", restricted to the synsets in the index
    in_index = {h.synset.name for h in search_synsets("dog", limit=0).hits}
    senses = [s.name() for s in wn.synsets("dog", "n") if s.name() in in_index]
    assert exact == senses
    assert found.total > len(exact)


def test_every_hit_contains_the_query() -> None:
    for hit in search_synsets("retriever", limit=0).hits:
        text = " ".join(hit.synset.words).lower() + " " + hit.synset.gloss.lower()
        assert "retriever" in text


def test_class_hits_carry_their_index() -> None:
    golden = next(h for h in search_synsets("golden retriever").hits)
    assert golden.synset.wnid == "n02099601"
    assert golden.synset.ilsvrc2012_index == 207


@pytest.mark.parametrize("word", ["dogs", "geese", "mice", "buses", "wolves", "churches"])
def test_inflections_find_wordnets_base_form(wn: Any, word: str) -> None:
    base = wn.morphy(word, "n")
    assert base is not None
    in_index = {h.synset.name for h in search_synsets(base, limit=0).hits}
    expected = next(s.name() for s in wn.synsets(base, "n") if s.name() in in_index)
    hit = search_synsets(word).hits[0]
    assert hit.match is Match.LEMMA
    assert hit.synset.name == expected
    assert base.replace("_", " ") in base_forms(word)


def test_crane_is_two_classes() -> None:
    classes = {
        (h.synset.ilsvrc2012_index, h.synset.wnid, h.synset.name)
        for h in search_synsets("crane", limit=0).hits
        if h.synset.ilsvrc2012_index is not None and "crane" in h.synset.lemmas
    }
    assert classes == {(134, "n02012849", "crane.n.05"), (517, "n03126707", "crane.n.04")}


def test_wnid_and_name_queries() -> None:
    assert search_synsets("n02084071").hits[0].match is Match.ID
    assert search_synsets("Dog.N.01").hits[0].synset.wnid == "n02084071"


def test_subset_filter_and_unknown_subset() -> None:
    hits = search_synsets("dog", subset="ilsvrc2012", limit=0).hits
    assert hits
    assert all(h.synset.ilsvrc2012_index is not None for h in hits)
    with pytest.raises(NotFoundError) as caught:
        search_synsets("dog", subset="ilsvrc2021")
    assert "ilsvrc2012" in caught.value.suggestions


def test_typos_fall_back_to_fuzzy_matches() -> None:
    hits = search_synsets("retreiver", limit=3).hits
    assert hits[0].synset.name == "retriever.n.01"
    assert {h.match for h in hits} == {Match.FUZZY}
    assert "retriever" in suggest_lemmas("retreiver")
    assert search_synsets("xqzzyq").total == 0


def test_kinds_of_the_query_come_before_other_prefixes(wn: Any) -> None:
    hits = search_synsets("cat", subset="ilsvrc2012", limit=0).hits
    names = [h.synset.name for h in hits]
    cats = {s.name() for s in wn.synset("cat.n.01").closure(lambda s: s.hyponyms())}
    kinds = [h.synset.name for h in hits if h.match is Match.KIND]
    assert "tabby.n.01" in kinds
    assert names.index("tabby.n.01") < names.index("catamaran.n.01")
    assert all(
        n in cats or wn.synset("big_cat.n.01") in wn.synset(n).closure(lambda s: s.hypernyms())
        for n in kinds
    )


def test_accents_width_and_class_index() -> None:
    assert search_synsets("café").hits[0].synset.name == "cafe.n.01"
    assert search_synsets("\uff44\uff4f\uff47").hits[0].synset.name == "dog.n.01"  # full-width
    hit = search_synsets("207").hits[0]
    assert (hit.synset.name, hit.match) == ("golden_retriever.n.01", Match.ID)
    with pytest.raises(ImagenetError, match="empty"):
        search_synsets("  _ ")


def test_resolve_forms() -> None:
    assert resolve("n02084071").name == "dog.n.01"
    assert resolve("golden_retriever").wnid == "n02099601"
    assert resolve("Golden Retriever").wnid == "n02099601"
    assert resolve("geese").name == "goose.n.01"  # inflections, as in search
    with pytest.raises(NotFoundError) as caught:
        resolve("frump")  # WordNet has it, ImageNet does not: no look-alikes
    assert caught.value.suggestions == ()
    assert caught.value.hint == "a WordNet 3.0 noun, but none of its synsets is in ImageNet"
    with pytest.raises(NotFoundError) as caught:
        resolve("run.v.01")
    assert caught.value.hint == "ImageNet synsets are nouns; run.v.01 is a verb"
    with pytest.raises(NotFoundError) as caught:
        resolve("dog\udcff")  # an undecodable byte of a command-line argument
    assert caught.value.name == "dog\ufffd"
    with pytest.raises(NotFoundError) as caught:
        resolve("n2084071")
    assert caught.value.hint is not None
    assert "8 digits" in caught.value.hint
    assert "n02084071" in caught.value.hint
    with pytest.raises(ImagenetError, match=r"names 2 ImageNet synsets"):
        resolve("crane")
    with pytest.raises(NotFoundError):
        resolve("n02961779")  # car's WordNet 3.1 offset


@settings(max_examples=examples(200), deadline=None)
@given(st.text(max_size=40))
def test_search_never_raises_unexpectedly(text: str) -> None:
    try:
        found = search_synsets(text, limit=5)
    except ImagenetError:
        assert not normalize(text)
        return
    assert len(found.hits) <= 5
    assert found.total >= len(found.hits)


def test_the_query_cap_is_longer_than_every_lemma_and_gloss(wn: Any) -> None:
    """A query past MAX_QUERY is answered with no match: only right if no text is longer."""
    from imagenet_cli._resources import index_db
    from imagenet_cli.index.search import MAX_QUERY

    offsets = [o for (o,) in index_db().execute("SELECT offset FROM synsets")]
    longest = 0
    for offset in offsets:
        synset = wn.synset_from_pos_and_offset("n", offset)
        longest = max(longest, len(synset.definition()), *map(len, synset.lemma_names()))
    assert longest < MAX_QUERY
