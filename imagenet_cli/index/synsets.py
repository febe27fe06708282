"""Synsets of the bundled ImageNet index: lookup by any identifier, and ranked search.

Data source: ``data/imagenet.sqlite``, built by ``scripts/build_data.py`` from WordNet 3.0
(through NLTK) and the ImageNet synset lists shipped in the timm wheel. The index holds
every ILSVRC-2012 class, every synset of the ImageNet-21k lists and every WordNet 3.0
ancestor of those up to ``entity.n.01``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from imagenet_cli._errors import NotFoundError
from imagenet_cli.index import _queries as q


class Synset:
    """One WordNet 3.0 noun synset of the ImageNet index: immutable, hashable, ordered by offset.

    Get one with :func:`imagenet_cli.synset`; never build one by hand. The methods carry
    NLTK's names and give NLTK's results on WordNet 3.0 (the index is closed under
    hypernyms, so every ancestor is here); hyponym methods see the index only, as it holds
    the ImageNet synsets and their ancestors, not all 82,115 WordNet nouns.

    Attributes:
        wnid: ImageNet id, ``n`` + the 8-digit WordNet 3.0 noun offset (``n02084071``).
        offset: the WordNet 3.0 noun offset (``2084071``).
        name: WordNet name (``dog.n.01``).
        lemmas: lemma names as WordNet spells them (``golden_retriever``), in order.
        gloss: the WordNet definition.
        lexname: lexicographer file (``noun.animal``).
        hypernym_wnids: wnids of the direct class hypernyms, in NLTK's order.
        instance_hypernym_wnids: wnids of the direct instance hypernyms (sun.n.01 is an
            instance of star.n.03).
        ilsvrc2012_index: class index 0-999 (sorted-wnid order), or None.
        ilsvrc2012_id: the devkit's ILSVRC2012_ID 1-1000 (another order), or None.
        subsets: names of the bundled synset lists that contain it.

    Data source: ``data/imagenet.sqlite`` (WordNet 3.0 through NLTK; lists from timm).
    """

    __slots__ = (
        "gloss", "hypernym_wnids", "ilsvrc2012_id", "ilsvrc2012_index",
        "instance_hypernym_wnids", "lemmas", "lexname", "name", "offset", "subsets", "wnid",
    )  # fmt: skip

    wnid: str
    offset: int
    name: str
    lemmas: tuple[str, ...]
    gloss: str
    lexname: str
    hypernym_wnids: tuple[str, ...]
    instance_hypernym_wnids: tuple[str, ...]
    ilsvrc2012_index: int | None
    ilsvrc2012_id: int | None
    subsets: tuple[str, ...]

    def __init__(
        self,
        offset: int,
        name: str,
        lemmas: tuple[str, ...],
        gloss: str,
        lexname: str,
        hypernym_wnids: tuple[str, ...],
        instance_hypernym_wnids: tuple[str, ...],
        ilsvrc2012_index: int | None,
        ilsvrc2012_id: int | None,
        subsets: tuple[str, ...],
    ) -> None:
        init = object.__setattr__
        init(self, "offset", offset)
        init(self, "wnid", f"n{offset:08d}")
        init(self, "name", name)
        init(self, "lemmas", lemmas)
        init(self, "gloss", gloss)
        init(self, "lexname", lexname)
        init(self, "hypernym_wnids", hypernym_wnids)
        init(self, "instance_hypernym_wnids", instance_hypernym_wnids)
        init(self, "ilsvrc2012_index", ilsvrc2012_index)
        init(self, "ilsvrc2012_id", ilsvrc2012_id)
        init(self, "subsets", subsets)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Synset is immutable; cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Synset is immutable; cannot delete {name!r}")

    def __repr__(self) -> str:
        return f"Synset({self.name!r})"

    def __hash__(self) -> int:
        return hash(self.offset)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Synset):
            return self.offset == other.offset
        return NotImplemented

    def __lt__(self, other: Synset) -> bool:
        if not isinstance(other, Synset):
            return NotImplemented
        return self.offset < other.offset

    def __le__(self, other: Synset) -> bool:
        if not isinstance(other, Synset):
            return NotImplemented
        return self.offset <= other.offset

    def __gt__(self, other: Synset) -> bool:
        if not isinstance(other, Synset):
            return NotImplemented
        return self.offset > other.offset

    def __ge__(self, other: Synset) -> bool:
        if not isinstance(other, Synset):
            return NotImplemented
        return self.offset >= other.offset

    def __reduce__(self) -> tuple[Any, ...]:
        return (_from_offset, (self.offset,))

    @property
    def parents(self) -> tuple[str, ...]:
        """Every direct hypernym's wnid, class hypernyms first, then instance hypernyms."""
        return self.hypernym_wnids + self.instance_hypernym_wnids

    @property
    def words(self) -> tuple[str, ...]:
        """Lemmas as words to read: underscores shown as spaces."""
        return tuple(lemma.replace("_", " ") for lemma in self.lemmas)

    # NLTK's Synset API -------------------------------------------------------------------

    def definition(self) -> str:
        """The gloss, as NLTK's ``definition()``."""
        return self.gloss

    def lemma_names(self) -> list[str]:
        """Lemma names in WordNet's order (``['dog', 'domestic_dog', 'Canis_familiaris']``)."""
        return list(self.lemmas)

    def pos(self) -> str:
        """Part of speech: always ``'n'`` (ImageNet has nouns only)."""
        return "n"

    def hypernyms(self) -> list[Synset]:
        """Direct class hypernyms, as NLTK's ``hypernyms()``, sorted by name (NLTK keeps them
        in a set, so its own order changes from run to run)."""
        return _synsets_of(self.hypernym_wnids)

    def instance_hypernyms(self) -> list[Synset]:
        """Direct instance hypernyms, as NLTK's ``instance_hypernyms()``."""
        return _synsets_of(self.instance_hypernym_wnids)

    def hyponyms(self) -> list[Synset]:
        """Direct class hyponyms that are in the index, sorted by name as NLTK sorts them.

        All of WordNet may have more (``wordnet_hyponym_count()`` counts them); the index
        holds ImageNet's synsets and their ancestors.
        """
        from imagenet_cli.index import hierarchy

        return _load_ordered(hierarchy.children(self.offset, instance=False))

    def instance_hyponyms(self) -> list[Synset]:
        """Direct instance hyponyms that are in the index, sorted by name."""
        from imagenet_cli.index import hierarchy

        return _load_ordered(hierarchy.children(self.offset, instance=True))

    def hypernym_paths(self) -> list[list[Synset]]:
        """Every path from ``entity.n.01`` down to this synset, root first, in NLTK's order."""
        from imagenet_cli.index import hierarchy

        paths = hierarchy.hypernym_paths(self.offset)
        known = load_synsets({o for path in paths for o in path})
        return [[known[o] for o in path] for path in paths]

    def min_depth(self) -> int:
        """Edges on the shortest hypernym path to the root, as NLTK's ``min_depth()``."""
        from imagenet_cli.index import hierarchy

        return hierarchy.node(self.offset).min_depth

    def max_depth(self) -> int:
        """Edges on the longest hypernym path to the root, as NLTK's ``max_depth()``."""
        from imagenet_cli.index import hierarchy

        return hierarchy.node(self.offset).max_depth

    def root_hypernyms(self) -> list[Synset]:
        """The roots above this synset: ``[Synset('entity.n.01')]`` for every noun."""
        from imagenet_cli.index import hierarchy

        return _load_ordered(hierarchy.roots_above(self.offset))

    def common_hypernyms(self, other: Synset) -> list[Synset]:
        """Synsets that are (or are hypernyms of) both, as NLTK's ``common_hypernyms``."""
        from imagenet_cli.index import hierarchy

        found = hierarchy.common_hypernyms([self.offset, _check(other).offset])
        return _load_ordered(sorted(found))

    def lowest_common_hypernyms(self, other: Synset, use_min_depth: bool = False) -> list[Synset]:
        """The deepest common hypernyms, sorted by name, as NLTK's.

        Depth is ``max_depth`` (NLTK's default), or ``min_depth`` with ``use_min_depth``.
        """
        from imagenet_cli.index import hierarchy

        found = hierarchy.lowest_common_hypernyms(
            [self.offset, _check(other).offset], use_min_depth=use_min_depth
        )
        return _load_ordered(found)

    def shortest_path_distance(self, other: Synset) -> int:
        """Fewest edges between the two through a common hypernym, as NLTK's (for nouns,
        never None: every noun is under entity.n.01)."""
        from imagenet_cli.index import hierarchy

        return hierarchy.shortest_path_distance(self.offset, _check(other).offset)

    def path_similarity(self, other: Synset) -> float:
        """``1 / (shortest_path_distance + 1)``, as NLTK's ``path_similarity``; in (0, 1]."""
        from imagenet_cli.index import hierarchy

        return hierarchy.path_similarity(self.offset, _check(other).offset)

    def wup_similarity(self, other: Synset) -> float:
        """Wu-Palmer similarity exactly as NLTK 3.10 computes it for nouns; in (0, 1]."""
        from imagenet_cli.index import hierarchy

        return hierarchy.wup_similarity(self.offset, _check(other).offset)

    def lch_similarity(self, other: Synset) -> float:
        """Leacock-Chodorow similarity, as NLTK's, with WordNet 3.0's noun depth 19."""
        from imagenet_cli.index import hierarchy

        return hierarchy.lch_similarity(self.offset, _check(other).offset)

    # Ours ---------------------------------------------------------------------------------

    def descendants(self, subset: str | None = None) -> list[Synset]:
        """Every synset of the index below this one (instances included), not itself, by
        offset; with ``subset``, only members of that bundled list.

        Raises:
            NotFound: ``subset`` is not a bundled list.
        """
        from imagenet_cli.index import hierarchy

        below = hierarchy.descendants(self.offset) - {self.offset}
        if subset is not None:
            below &= set(subset_members(subset))
        return _load_ordered(sorted(below))

    def classes_under(self) -> list[Synset]:
        """The ILSVRC-2012 classes in this synset's subtree (itself included), by index."""
        from imagenet_cli.index import hierarchy

        below = hierarchy.descendants(self.offset) & class_offsets()
        found = list(load_synsets(below).values())
        return sorted(found, key=lambda s: s.ilsvrc2012_index or 0)

    def wordnet_hyponym_count(self) -> int:
        """How many direct hyponyms all of WordNet 3.0 gives it (instances included)."""
        from imagenet_cli.index import hierarchy

        return hierarchy.node(self.offset).wordnet_hyponyms


def _check(other: object) -> Synset:
    if not isinstance(other, Synset):
        raise TypeError(f"expected a Synset, got {type(other).__name__}")
    return other


def _synsets_of(wnids: tuple[str, ...]) -> list[Synset]:
    return _load_ordered([int(w[1:]) for w in wnids])


def _load_ordered(offsets: Iterable[int]) -> list[Synset]:
    wanted = list(offsets)
    found = load_synsets(wanted)
    return [found[o] for o in wanted]


def _from_offset(offset: int) -> Synset:
    return load_synsets([offset])[offset]


def clean(text: str) -> str:
    """Undecodable bytes of a command-line argument (surrogates) become U+FFFD."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def normalize(text: str) -> str:
    """A lemma key: compatibility forms folded (full-width letters), accents dropped (café),
    lower case, underscores as spaces, runs of white space folded."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return " ".join(folded.replace("_", " ").lower().split())


def _placeholders(values: Sequence[object]) -> str:
    return ",".join("?" * len(values))


@cache
def class_offsets() -> frozenset[int]:
    """WordNet offsets of the 1000 ILSVRC-2012 classes."""
    return frozenset(offset for offset, _index in q.class_rows())


def subset_members(name: str) -> tuple[int, ...]:
    """WordNet offsets of a bundled list's synsets, in the list's order.

    Raises:
        NotFoundError: no bundled list has that name (suggests the closest).
    """
    found = q.subset_offsets(subset_key(name))
    assert found is not None  # subset_key names a bundled list
    return tuple(found)


def subset_key(name: str) -> str:
    """The bundled list a name means: its own name, or a label layout's name or alias
    (``in1k``, ``imagenet-21k-goog``, ``in22k``), case and surrounding spaces ignored.

    Raises:
        NotFoundError: no list has that name (suggests lists and aliases).
    """
    name = clean(name)
    key = name.strip().lower()
    names = subset_names()
    if key in names:
        return key
    from imagenet_cli.index.labelspaces import all_aliases, subset_alias

    alias = subset_alias(key)
    if alias is not None and alias in names:
        return alias
    known = [*names, *(a for a, n in all_aliases().items() if n in names)]
    raise NotFoundError("subset", name, known)


def subset_names() -> tuple[str, ...]:
    """Names of the bundled synset lists, in display order (``ilsvrc2012`` first)."""
    return tuple(q.subset_names())


_SYNSETS: dict[int, Synset] = {}


def load_synsets(offsets: Iterable[int]) -> dict[int, Synset]:
    """Build :class:`Synset` values for WordNet 3.0 noun offsets present in the index.

    Synsets are immutable, so each is built once and shared.

    Returns:
        ``{offset: Synset}``; offsets not in the index are left out.
    """
    asked = set(offsets)
    wanted = sorted(asked - _SYNSETS.keys())
    for start in range(0, len(wanted), 900):
        _read_synsets(wanted[start : start + 900])  # SQLite's bound-parameter limit
    return {o: _SYNSETS[o] for o in asked if o in _SYNSETS}


def _read_synsets(wanted: list[int]) -> None:
    lemmas: dict[int, list[str]] = {}
    for offset, lemma in q.lemma_rows(wanted):
        lemmas.setdefault(offset, []).append(lemma)
    parents: dict[int, list[tuple[str, int]]] = {}
    for offset, hypernym, instance in q.hypernym_rows(wanted):
        parents.setdefault(offset, []).append((f"n{hypernym:08d}", instance))
    subsets: dict[int, list[str]] = {}
    for offset, name in q.membership_rows(wanted):
        subsets.setdefault(offset, []).append(name)
    for offset, name, lexname, gloss, index, devkit_id in q.synset_rows(wanted):
        hyper = parents.get(offset, [])
        _SYNSETS[offset] = Synset(
            offset=offset,
            name=name,
            lemmas=tuple(lemmas.get(offset, ())),
            gloss=gloss,
            lexname=lexname,
            hypernym_wnids=tuple(w for w, inst in hyper if not inst),
            instance_hypernym_wnids=tuple(w for w, inst in hyper if inst),
            ilsvrc2012_index=index,
            ilsvrc2012_id=devkit_id,
            subsets=tuple(subsets.get(offset, ())),
        )


_DETACHMENTS = (
    ("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"),
    ("ches", "ch"), ("shes", "sh"), ("men", "man"), ("ies", "y"),
)  # fmt: skip
"""WordNet's noun detachment rules (morphy(7WN)), the ones NLTK's ``morphy`` applies."""


def base_forms(key: str, known: frozenset[str] | None = None) -> tuple[str, ...]:
    """Lemma keys of the index that ``key`` may inflect, as WordNet's morphy finds them.

    Uses WordNet's noun exception list (noun.exc: geese -> goose, mice -> mouse) and its
    detachment rules (buses -> bus, dogs -> dog), keeping only forms that are lemmas
    in the index (or in ``known``, when given). The key itself is not included.
    """
    bases = q.exception_bases(key)
    candidates = [key[: -len(end)] + new for end, new in _DETACHMENTS if key.endswith(end)]
    candidates = [c for c in candidates if c and c != key]
    if known is not None:
        return tuple(dict.fromkeys(b for b in [*bases, *candidates] if b in known and b != key))
    if candidates:
        indexed = q.lemma_keys_in(candidates)
        bases += [c for c in candidates if c in indexed and c not in bases]
    return tuple(b for b in bases if b != key)


@cache
def _lemma_keys() -> tuple[str, ...]:
    return tuple(q.all_lemma_keys())


def close_lemmas(query: str, limit: int, cutoff: float) -> tuple[tuple[str, float], ...]:
    """Lemma keys spelled closest to ``query`` with their rapidfuzz ``ratio`` (0-100)."""
    from rapidfuzz import fuzz, process

    key = normalize(query)
    if not key:
        return ()
    found = process.extract(key, _lemma_keys(), scorer=fuzz.ratio, limit=limit, score_cutoff=cutoff)
    return tuple((choice, score) for choice, score, _i in found)


def suggest_lemmas(query: str, limit: int = 5) -> tuple[str, ...]:
    """Lemmas of the index closest to ``query`` in spelling, for "did you mean"."""
    return tuple(k for k, _ in close_lemmas(query, limit, 60.0))


def describe(synset: Synset, known: dict[int, Synset]) -> str:
    """``crane.n.05 (n02012849, a wading_bird, class 134)``: a synset told apart by its parent."""
    details = [synset.wnid]
    if synset.parents and int(synset.parents[0][1:]) in known:
        details.append(f"kind of {known[int(synset.parents[0][1:])].name.split('.')[0]}")
    if synset.ilsvrc2012_index is not None:
        details.append(f"class {synset.ilsvrc2012_index}")
    return f"{synset.name} ({', '.join(details)})"
