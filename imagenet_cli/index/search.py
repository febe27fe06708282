"""Ranked search over the bundled index, and the error that explains an empty search.

The ranking: exact lemma (WordNet's sense order; inflections through WordNet's morphy
rules), then an identifier (class index, offset, WordNet name, sense key: read by
:func:`imagenet_cli.index.identifiers.parse_identifier`), hyponyms of an exact match that
match below, a lemma prefix, a whole word inside a lemma, part of a lemma, a whole word of
the gloss; look-alike spellings only when nothing else matched.

Data source: ``data/imagenet.sqlite`` (see :mod:`imagenet_cli.index._queries`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum

from imagenet_cli._errors import EmptyInput, ImagenetError, NotFoundError
from imagenet_cli.index import _queries as q
from imagenet_cli.index.identifiers import identifier_hint, is_wordnet30_lemma
from imagenet_cli.index.synsets import (
    Synset,
    base_forms,
    class_offsets,
    clean,
    close_lemmas,
    load_synsets,
    normalize,
    subset_members,
    suggest_lemmas,
)


class Match(IntEnum):
    """How a search hit matched, best first (the ranking of ``search_synsets``)."""

    LEMMA = 0  # the query is a lemma (or an inflected form of one: dogs, geese)
    ID = 1  # the query is the synset's wnid, WordNet name or ILSVRC-2012 class index
    KIND = 2  # matches below (prefix, word, part, gloss) and is a hyponym of a LEMMA hit
    PREFIX = 3  # a lemma starts with the query
    WORD = 4  # the query is a whole word inside a lemma (hot dog)
    SUBSTRING = 5  # the query is part of a lemma (bulldog)
    GLOSS = 6  # the query is a whole word of the gloss
    FUZZY = 7  # a lemma spelled almost like the query (retreiver), when nothing else matched


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A search result: the synset, how it matched, and the lemma or text matched."""

    synset: Synset
    match: Match
    matched: str


#: Queries longer than this match nothing (the longest gloss is shorter).
MAX_QUERY = 1_000


@dataclass(frozen=True, slots=True)
class SearchResults:
    """The best ``hits`` of a search (at most the limit asked) and ``total`` matches."""

    hits: tuple[SearchHit, ...]
    total: int


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _hyponyms_of(offsets: list[int]) -> set[int]:
    """Every synset of the index below any of ``offsets`` (not the offsets themselves)."""
    return q.below(offsets) - set(offsets)


def _exact_identifier(query: str) -> tuple[Synset, str] | None:
    """The synset a query names as an identifier, and how: a class index (``207``), an
    offset (``n02084071``, ``02084071``, ``02084071-n``, ``wn:02084071n``), a WordNet name
    (``dog.n.01``) or a sense key (``dog%1:05:00::``); parsed by the one identifier parser
    that ``synset()`` uses. None for a lemma or anything that names nothing."""
    from imagenet_cli.index.identifiers import Form, parse_identifier, resolve

    try:
        parsed = parse_identifier(query)
        if parsed.form is Form.INDEX and not parsed.key.isdigit():
            return None  # "+5", "-3": not how a class index is written
        if parsed.form in (Form.INDEX, Form.OFFSET, Form.NAME, Form.SENSE_KEY):
            found = resolve(query)
            label = {Form.INDEX: f"class {parsed.number}", Form.OFFSET: found.wnid,
                     Form.NAME: found.name}.get(parsed.form, parsed.key)  # fmt: skip
            return found, label
    except ImagenetError:
        pass
    return None


def search_synsets(
    query: str, *, subset: str | None = None, limit: int | None = None
) -> SearchResults:
    """Search the index: lemmas, then wnid or name, prefixes, words, parts, then glosses.

    Each synset appears once, at its best :class:`Match`. Within exact lemma matches,
    WordNet's sense order decides (``dog.n.01`` before ``frump.n.01``); elsewhere
    ILSVRC-2012 classes come first, then shorter lemmas.

    Args:
        query: any text; case, underscores and extra spaces are ignored.
        subset: keep only members of this bundled list (see :func:`subset_names`).
        limit: keep at most this many hits (None or 0: all); ``total`` counts all.

    Returns:
        The hits, best first (none when nothing matches), and the number of matches.

    Raises:
        ImagenetError: the query is empty.
        NotFoundError: ``subset`` is not a bundled list.
    """
    key = normalize(clean(query))
    if not key:
        raise EmptyInput("search query")
    if len(key) > MAX_QUERY:  # longer than any lemma or gloss (SQLite caps LIKE patterns)
        return SearchResults((), 0)
    allowed = None if subset is None else set(subset_members(subset))

    best: dict[int, tuple[Match, tuple[object, ...], str]] = {}

    kinds: set[int] = set()

    def offer(offset: int, match: Match, order: tuple[object, ...], matched: str) -> None:
        if allowed is not None and offset not in allowed:
            return
        if match > Match.KIND and offset in kinds:
            # a whole-word match first (tabby cat, Eskimo dog), then the usual order
            match, order = Match.KIND, (match != Match.WORD, match, *order)
        if offset not in best or (match, order) < best[offset][:2]:
            best[offset] = (match, order, matched)

    named: list[int] = []
    for form in (key, *base_forms(key)):
        for offset, lemma, rank in q.lemma_matches(form):
            named.append(offset)
            offer(offset, Match.LEMMA, (form != key, rank, offset), lemma)
    kinds = _hyponyms_of(named)
    exact = _exact_identifier(query)
    if exact is not None:
        offer(exact[0].offset, Match.ID, (0,), exact[1])
    like = _like_escape(key)
    word = re.compile(rf"(?<!\w){re.escape(key)}(?!\w)", re.IGNORECASE)
    classes = class_offsets()
    for offset, lemma, lemma_key in q.lemmas_containing(f"%{like}%"):
        not_class = offset not in classes
        if lemma_key.startswith(key):
            match = Match.PREFIX
        elif word.search(lemma_key):
            match = Match.WORD
        else:
            match = Match.SUBSTRING
        offer(offset, match, (not_class, len(lemma_key), lemma_key, offset), lemma)
    for offset, gloss, no_class, depth in q.glosses_containing(f"%{like}%"):
        if word.search(gloss):
            offer(offset, Match.GLOSS, (no_class, depth, offset), gloss)

    # Look-alikes only when nothing else matched, and never for a real WordNet word:
    # "frump" is not a typo of "grump".
    if not best and len(key) >= FUZZY_MIN_LENGTH and not is_wordnet30_lemma(key):
        for lemma_key, score in close_lemmas(key, FUZZY_LIMIT, FUZZY_CUTOFF):
            for offset, lemma, rank in q.lemma_matches(lemma_key):
                offer(offset, Match.FUZZY, (-score, rank, offset), lemma)
    ranked = sorted(best.items(), key=lambda item: (item[1][0], item[1][1]))
    if limit:
        ranked = ranked[:limit]
    synsets = load_synsets(offset for offset, _ in ranked)
    hits = tuple(
        SearchHit(synsets[offset], match, matched) for offset, (match, _order, matched) in ranked
    )
    return SearchResults(hits, len(best))


#: Fuzzy matching: queries of at least this many characters, lemmas at least this similar
#: (rapidfuzz ``fuzz.ratio``, 0-100), at most this many lemmas.
FUZZY_MIN_LENGTH, FUZZY_CUTOFF, FUZZY_LIMIT = 4, 80.0, 10


def no_match_error(query: str, subset: str | None = None) -> NotFoundError:
    """The error for a search without hits, saying why where the query shows it.

    A query found outside the ``subset`` says where it is; a WordNet noun that ImageNet
    lacks, a wnid missing its zero padding, or a verb's name say so; anything else gets
    look-alike lemmas as suggestions.
    """
    text = clean(query)
    if subset is not None:
        elsewhere = search_synsets(text, limit=1)
        if elsewhere.hits:
            hit = elsewhere.hits[0].synset
            where = hit.name + ("" if hit.ilsvrc2012_index is None else
                                f", class {hit.ilsvrc2012_index}")  # fmt: skip
            return NotFoundError(
                "synset", text, hint=f"found in ImageNet ({where}) but not in {subset}",
                suggestions=(),
            )  # fmt: skip
    hint = identifier_hint(text)
    if hint is not None:
        return NotFoundError("synset", text, hint=hint, suggestions=())
    return NotFoundError("synset", text, suggestions=suggest_lemmas(text))
