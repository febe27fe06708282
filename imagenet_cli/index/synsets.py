"""Synsets of the bundled ImageNet index: lookup by any identifier, and ranked search.

Data source: ``data/imagenet.sqlite``, built by ``scripts/build_data.py`` from WordNet 3.0
(through NLTK) and the ImageNet synset lists shipped in the timm wheel. The index holds
every ILSVRC-2012 class, every synset of the ImageNet-21k lists and every WordNet 3.0
ancestor of those up to ``entity.n.01``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from functools import cache

from imagenet_cli._errors import ImagenetError, NotFoundError
from imagenet_cli._resources import index_db

_LOOSE_WNID_RE = re.compile(r"^n(\d{1,12})$", re.ASCII)
_NAME_RE = re.compile(r"^(?P<head>.+)\.n\.(?P<sense>\d{1,3})$", re.ASCII)


@dataclass(frozen=True, slots=True)
class Synset:
    """One noun synset of the index.

    Attributes:
        wnid: ImageNet id, ``n`` + the 8-digit WordNet 3.0 noun offset (``n02084071``).
        name: WordNet name (``dog.n.01``).
        lemmas: lemma names as WordNet spells them (``golden_retriever``), in order.
        gloss: the WordNet definition.
        lexname: lexicographer file (``noun.animal``).
        hypernyms: wnids of the direct (class) hypernyms, as NLTK's ``hypernyms()``.
        instance_hypernyms: wnids of the direct instance hypernyms (NLTK's
            ``instance_hypernyms()``: sun.n.01 is an instance of star.n.03).
        ilsvrc2012_index: class index 0-999 (sorted-wnid order), or None.
        ilsvrc2012_id: the devkit's ILSVRC2012_ID 1-1000 (another order), or None.
        subsets: names of the bundled synset lists that contain it.
        min_depth: edges on the shortest hypernym path to ``entity.n.01``.
    """

    wnid: str
    name: str
    lemmas: tuple[str, ...]
    gloss: str
    lexname: str
    hypernyms: tuple[str, ...]
    instance_hypernyms: tuple[str, ...]
    ilsvrc2012_index: int | None
    ilsvrc2012_id: int | None
    subsets: tuple[str, ...]
    min_depth: int

    @property
    def parents(self) -> tuple[str, ...]:
        """Every direct hypernym, class hypernyms first, then instance hypernyms."""
        return self.hypernyms + self.instance_hypernyms

    @property
    def offset(self) -> int:
        """The WordNet 3.0 noun offset (the wnid without its ``n``)."""
        return int(self.wnid[1:])

    @property
    def words(self) -> tuple[str, ...]:
        """Lemmas as words to read: underscores shown as spaces."""
        return tuple(lemma.replace("_", " ") for lemma in self.lemmas)


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


def clean(text: str) -> str:
    """Undecodable bytes of a command-line argument (surrogates) become U+FFFD."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def normalize(text: str) -> str:
    """A lemma key: compatibility forms folded (full-width letters), accents dropped (café),
    lower case, underscores as spaces, runs of white space folded."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return " ".join(folded.replace("_", " ").lower().split())


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _placeholders(values: Sequence[object]) -> str:
    return ",".join("?" * len(values))


@cache
def class_offsets() -> frozenset[int]:
    """WordNet offsets of the 1000 ILSVRC-2012 classes."""
    rows = index_db().execute("SELECT offset FROM synsets WHERE ilsvrc2012_index IS NOT NULL")
    return frozenset(offset for (offset,) in rows)


def _hyponyms_of(offsets: list[int]) -> set[int]:
    """Every synset of the index below any of ``offsets`` (not the offsets themselves)."""
    if not offsets:
        return set()
    seeds = " UNION ".join("SELECT ?" for _ in offsets)
    rows = index_db().execute(
        f"WITH RECURSIVE below(offset) AS ({seeds} UNION "
        "SELECT h.offset FROM hypernyms h JOIN below b ON h.hypernym = b.offset) "
        "SELECT offset FROM below",
        offsets,
    )
    return {o for (o,) in rows} - set(offsets)


def subset_members(name: str) -> tuple[int, ...]:
    """WordNet offsets of a bundled list's synsets, in the list's order.

    Raises:
        NotFoundError: no bundled list has that name (suggests the closest).
    """
    db = index_db()
    name = clean(name)
    row = db.execute("SELECT id FROM subsets WHERE name = ?", (name.strip().lower(),)).fetchone()
    if row is None:
        raise NotFoundError("subset", name, subset_names())
    rows = db.execute("SELECT offset FROM members WHERE subset = ? ORDER BY position", row)
    return tuple(offset for (offset,) in rows)


def subset_names() -> tuple[str, ...]:
    """Names of the bundled synset lists, in display order (``ilsvrc2012`` first)."""
    rows = index_db().execute("SELECT name FROM subsets ORDER BY id")
    return tuple(name for (name,) in rows)


def load_synsets(offsets: Iterable[int]) -> dict[int, Synset]:
    """Build :class:`Synset` values for WordNet 3.0 noun offsets present in the index.

    Returns:
        ``{offset: Synset}``; offsets not in the index are left out.
    """
    wanted = sorted(set(offsets))
    if not wanted:
        return {}
    db = index_db()
    marks = _placeholders(wanted)
    lemmas: dict[int, list[str]] = {}
    for offset, lemma in db.execute(
        f"SELECT offset, lemma FROM lemmas WHERE offset IN ({marks}) ORDER BY offset, position",
        wanted,
    ):
        lemmas.setdefault(offset, []).append(lemma)
    parents: dict[int, list[tuple[str, int]]] = {}
    for offset, hypernym, instance in db.execute(
        f"SELECT offset, hypernym, instance FROM hypernyms WHERE offset IN ({marks}) "
        "ORDER BY offset, position",
        wanted,
    ):
        parents.setdefault(offset, []).append((f"n{hypernym:08d}", instance))
    subsets: dict[int, list[str]] = {}
    for offset, name in db.execute(
        f"SELECT m.offset, s.name FROM members m JOIN subsets s ON s.id = m.subset "
        f"WHERE m.offset IN ({marks}) ORDER BY m.offset, s.id",
        wanted,
    ):
        subsets.setdefault(offset, []).append(name)
    found = {}
    for offset, wnid, name, lexname, gloss, min_depth, index, devkit_id in db.execute(
        "SELECT offset, wnid, name, lexname, gloss, min_depth, ilsvrc2012_index, ilsvrc2012_id "
        f"FROM synsets WHERE offset IN ({marks})",
        wanted,
    ):
        hyper = parents.get(offset, [])
        found[offset] = Synset(
            wnid=wnid,
            name=name,
            lemmas=tuple(lemmas.get(offset, ())),
            gloss=gloss,
            lexname=lexname,
            hypernyms=tuple(w for w, inst in hyper if not inst),
            instance_hypernyms=tuple(w for w, inst in hyper if inst),
            ilsvrc2012_index=index,
            ilsvrc2012_id=devkit_id,
            subsets=tuple(subsets.get(offset, ())),
            min_depth=min_depth,
        )
    return found


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
    db = index_db()
    bases = [base for (base,) in db.execute(
        "SELECT base FROM noun_exceptions WHERE form = ? ORDER BY base", (key,)
    )]  # fmt: skip
    candidates = [key[: -len(end)] + new for end, new in _DETACHMENTS if key.endswith(end)]
    candidates = [c for c in candidates if c and c != key]
    if known is not None:
        return tuple(dict.fromkeys(b for b in [*bases, *candidates] if b in known and b != key))
    if candidates:
        marks = _placeholders(candidates)
        indexed = {k for (k,) in db.execute(
            f"SELECT DISTINCT key FROM lemmas WHERE key IN ({marks})", candidates
        )}  # fmt: skip
        bases += [c for c in candidates if c in indexed and c not in bases]
    return tuple(b for b in bases if b != key)


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
    from imagenet_cli.index.identifiers import is_wordnet30_lemma

    key = normalize(clean(query))
    if not key:
        raise ImagenetError("the search query is empty")
    if len(key) > MAX_QUERY:  # longer than any lemma or gloss; SQLite caps LIKE patterns
        return SearchResults((), 0)
    db = index_db()
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
        for offset, lemma, rank in db.execute(
            "SELECT offset, lemma, sense_rank FROM lemmas WHERE key = ?", (form,)
        ):
            named.append(offset)
            offer(offset, Match.LEMMA, (form != key, rank, offset), lemma)
    kinds = _hyponyms_of(named)
    if key.isascii() and key.isdigit() and len(key) <= 3:
        for (offset,) in db.execute(
            "SELECT offset FROM synsets WHERE ilsvrc2012_index = ?", (int(key),)
        ):
            offer(offset, Match.ID, (0,), f"class {int(key)}")
    loose = _LOOSE_WNID_RE.match(key)
    if loose and len(loose.group(1)) == 8:
        offset = int(loose.group(1))
        if db.execute("SELECT 1 FROM synsets WHERE offset = ?", (offset,)).fetchone():
            offer(offset, Match.ID, (0,), f"n{offset:08d}")
    if _NAME_RE.match(key):
        for offset, name in db.execute(
            "SELECT offset, name FROM synsets WHERE name = ? COLLATE NOCASE",
            (key.replace(" ", "_"),),
        ):
            offer(offset, Match.ID, (0,), name)
    like = _like_escape(key)
    word = re.compile(rf"(?<!\w){re.escape(key)}(?!\w)", re.IGNORECASE)
    classes = class_offsets()
    rows = db.execute(
        "SELECT offset, lemma, key FROM lemmas WHERE key LIKE ? ESCAPE '\\'", (f"%{like}%",)
    )
    for offset, lemma, lemma_key in rows:
        not_class = offset not in classes
        if lemma_key.startswith(key):
            match = Match.PREFIX
        elif word.search(lemma_key):
            match = Match.WORD
        else:
            match = Match.SUBSTRING
        offer(offset, match, (not_class, len(lemma_key), lemma_key, offset), lemma)
    for offset, gloss, not_class, depth in db.execute(
        "SELECT offset, gloss, ilsvrc2012_index IS NULL, min_depth FROM synsets "
        "WHERE gloss LIKE ? ESCAPE '\\'",
        (f"%{like}%",),
    ):
        if word.search(gloss):
            offer(offset, Match.GLOSS, (not_class, depth, offset), gloss)

    # Look-alikes only when nothing else matched, and never for a real WordNet word:
    # "frump" is not a typo of "grump".
    if not best and len(key) >= FUZZY_MIN_LENGTH and not is_wordnet30_lemma(key):
        for lemma_key, score in close_lemmas(key, FUZZY_LIMIT, FUZZY_CUTOFF):
            for offset, lemma, rank in db.execute(
                "SELECT offset, lemma, sense_rank FROM lemmas WHERE key = ?", (lemma_key,)
            ):
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


@cache
def _lemma_keys() -> tuple[str, ...]:
    return tuple(k for (k,) in index_db().execute("SELECT DISTINCT key FROM lemmas ORDER BY key"))


def close_lemmas(query: str, limit: int, cutoff: float) -> tuple[tuple[str, float], ...]:
    """Lemma keys spelled closest to ``query`` with their rapidfuzz ``ratio`` (0-100)."""
    from rapidfuzz import fuzz, process

    key = normalize(query)
    if not key:
        return ()
    found = process.extract(key, _lemma_keys(), scorer=fuzz.ratio, limit=limit, score_cutoff=cutoff)
    return tuple((choice, score) for choice, score, _i in found)


def no_match_error(query: str, subset: str | None = None) -> NotFoundError:
    """The error for a search without hits, saying why where the query shows it.

    A query found outside the ``subset`` says where it is; a WordNet noun that ImageNet
    lacks, a wnid missing its zero padding, or a verb's name say so; anything else gets
    look-alike lemmas as suggestions.
    """
    from imagenet_cli.index.identifiers import identifier_hint

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


def suggest_lemmas(query: str, limit: int = 5) -> tuple[str, ...]:
    """Lemmas of the index closest to ``query`` in spelling, for "did you mean"."""
    return tuple(k for k, _ in close_lemmas(query, limit, 60.0))


def hypernym_names(hits: Iterable[SearchHit]) -> dict[str, str]:
    """``{wnid: WordNet name}`` of the direct hypernyms of the hits' synsets."""
    wnids = {w for hit in hits for w in hit.synset.parents}
    if not wnids:
        return {}
    offsets = sorted(int(w[1:]) for w in wnids)
    rows = index_db().execute(
        f"SELECT wnid, name FROM synsets WHERE offset IN ({_placeholders(offsets)})", offsets
    )
    return dict(rows.fetchall())


def describe(synset: Synset, known: dict[int, Synset]) -> str:
    """``crane.n.05 (n02012849, a wading_bird, class 134)``: a synset told apart by its parent."""
    details = [synset.wnid]
    if synset.parents and int(synset.parents[0][1:]) in known:
        details.append(f"kind of {known[int(synset.parents[0][1:])].name.split('.')[0]}")
    if synset.ilsvrc2012_index is not None:
        details.append(f"class {synset.ilsvrc2012_index}")
    return f"{synset.name} ({', '.join(details)})"
