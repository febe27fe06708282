"""Hypernym paths of WordNet 3.0 nouns that ImageNet's index lacks, read from the corpus.

``synsets show hope.n.01`` reads such a noun from the WordNet 3.0 corpus; its hypernym
paths come from the same place, so ``synsets path`` answers for the same identifiers.
Data source: the WordNet 3.0 corpus through NLTK (``imagenet wordnet status``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PathStep:
    """One synset on a hypernym path: its wnid and WordNet name."""

    wnid: str  # n + 8-digit WordNet 3.0 noun offset
    name: str  # dog.n.01


def corpus_hypernym_paths(identifier: str) -> tuple[tuple[PathStep, ...], ...]:
    """Every hypernym path of a WordNet 3.0 noun, root (entity.n.01) first, from the corpus.

    Paths are NLTK's ``Synset.hypernym_paths()`` (class and instance hypernyms) in NLTK's
    order.

    Raises:
        NotFound: WordNet 3.0 has no such noun synset.
        ImagenetError: a lemma of several noun synsets (they are listed).
        DataMissing: no WordNet 3.0 corpus is installed (the hint says how to get one).
    """
    from imagenet_cli.corpus.fullwordnet import find_noun

    found = find_noun(identifier)
    return tuple(
        tuple(PathStep(f"n{s.offset():08d}", s.name()) for s in path)
        for path in found.hypernym_paths()
    )
