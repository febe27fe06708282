"""All of WordNet 3.0 through NLTK: search any noun, show synsets outside ImageNet, verify.

Everything here needs a WordNet 3.0 corpus (:func:`imagenet_cli.corpus.reader.open_wordnet`
finds it; ``imagenet wordnet status`` says where) and imports ``nltk`` on first use.
Without a corpus each function raises :class:`DataMissingError` whose hint says how to get
one. The bundled index (``data/imagenet.sqlite``) says which synsets ImageNet has.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from imagenet_cli._errors import DataMissingError, ImagenetError, NotFoundError
from imagenet_cli.index import _queries as q

if TYPE_CHECKING:
    from imagenet_cli.corpus.check import Problem

NEEDS_CORPUS = (
    "this needs the full WordNet 3.0 corpus: run `imagenet wordnet import /usr/share/wordnet` "
    "(Debian's wordnet-base, offline) or `imagenet wordnet install`"
)
_WNID_RE = re.compile(r"^n?(\d{8})$")
_NAME_RE = re.compile(r"^.+\.n\.\d+$")


class CorpusDamagedError(ImagenetError):
    """The corpus files are damaged or tampered with: the first bad file and line named.

    Attributes:
        folder: the corpus folder.
        problem: the first problem :func:`imagenet_cli.corpus.check.check_corpus` found.
    """

    def __init__(self, folder: Path, problem: Problem) -> None:
        super().__init__(
            f"the WordNet corpus in {folder} is damaged: {problem}",
            hint="reinstall it: `imagenet wordnet install --force`, or "
            "`imagenet wordnet import /usr/share/wordnet --force`",
        )
        self.folder = folder
        self.problem = problem


def damaged(folder: Path | None = None) -> CorpusDamagedError | None:
    """The error naming the first bad line of the corpus in use (or ``folder``), if any."""
    from imagenet_cli.corpus.check import check_corpus
    from imagenet_cli.corpus.reader import find_wordnet_dir

    folder = folder if folder is not None else find_wordnet_dir()
    problem = check_corpus(folder)
    return None if problem is None else CorpusDamagedError(folder, problem)


F = TypeVar("F", bound=Callable[..., Any])


def reads_corpus(function: F) -> F:
    """Turn an NLTK failure on bad corpus data into :class:`CorpusDamagedError`.

    NLTK trusts its files: a damaged line raises ``WordNetError``, ``ValueError``,
    ``LookupError``, ``StopIteration`` or ``AssertionError`` from deep inside it. On any
    of these the corpus is checked line by line; when a problem is found it is reported
    (file, line, what), otherwise the original error propagates (a bug, not bad data).
    """

    @wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        import warnings

        try:
            with warnings.catch_warnings():
                # NLTK warns "No WordNet synset found" before failing: we say it once
                warnings.simplefilter("ignore", UserWarning)
                return function(*args, **kwargs)
        except ImagenetError:
            raise
        except (
            ValueError,
            LookupError,
            StopIteration,
            AssertionError,
            AttributeError,
            TypeError,
        ) as error:
            found = damaged()
            if found is None:
                raise
            raise found from error
        except Exception as error:
            from nltk.corpus.reader.wordnet import WordNetError

            found = damaged() if isinstance(error, WordNetError) else None
            if found is None:
                raise
            raise found from error

    return guarded  # type: ignore[return-value]


def wordnet() -> Any:
    """NLTK's reader on the WordNet 3.0 corpus in use.

    Raises:
        DataMissingError: no WordNet 3.0 corpus (the hint says how to get one).
        ImagenetError: the corpus found is not WordNet 3.0.
        CorpusDamagedError: NLTK cannot load its files (the bad line is named).
    """
    from imagenet_cli.corpus.reader import open_wordnet

    try:
        wn = reads_corpus(open_wordnet)()
    except DataMissingError as error:
        if error.message.startswith("IMAGENET_WORDNET_DIR="):
            raise
        raise DataMissingError(error.message, hint=NEEDS_CORPUS) from None
    if _truncated(Path(wn.root.path)):
        found = damaged(Path(wn.root.path))
        if found is not None:
            raise found
    return wn


@cache
def _truncated(folder: Path) -> bool:
    """True when a database file does not end with a line break (cut short); cheap."""
    for kind in ("data", "index"):
        for pos in ("noun", "verb", "adj", "adv"):
            try:
                with (folder / f"{kind}.{pos}").open("rb") as handle:
                    handle.seek(-1, 2)
                    if handle.read(1) != b"\n":
                        return True
            except OSError:
                return True
    return False


@cache
def _index_offsets() -> frozenset[int]:
    return frozenset(q.all_offsets())


@cache
def _class_indexes() -> dict[int, int]:
    return dict(q.class_rows())


@dataclass(frozen=True, slots=True)
class WordNetHit:
    """A noun synset of WordNet 3.0 that matched a query.

    Attributes:
        match: ``id`` (a wnid, name or class index named it), ``lemma`` (the query is
            one of its lemmas, after NLTK's morphy), ``prefix`` (a lemma starts with it)
            or ``part`` (a lemma contains it).
        base_form: the lemma morphy turned the query into, when it differs.
        in_index: the synset is in the bundled ImageNet index.
        ilsvrc2012_index: its ILSVRC-2012 class index (0-999), or None.
    """

    wnid: str
    name: str
    lemmas: tuple[str, ...]
    gloss: str
    match: str
    base_form: str | None
    in_index: bool
    ilsvrc2012_index: int | None


def _safe(text: str) -> str:
    """Corpus text with control characters (terminal escapes, a tampered file's) shown as
    ``\\x1b``-style escapes, so printing it cannot drive the terminal."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def _hit(synset: Any, match: str, base_form: str | None) -> WordNetHit:
    offset = synset.offset()
    return WordNetHit(
        wnid=f"n{offset:08d}",
        name=_safe(synset.name()),
        lemmas=tuple(map(_safe, synset.lemma_names())),
        gloss=_safe(synset.definition()),
        match=match,
        base_form=base_form,
        in_index=offset in _index_offsets(),
        ilsvrc2012_index=_class_indexes().get(offset),
    )


def _quietly(call: Callable[[], Any]) -> Any:
    """Run an NLTK lookup without its UserWarnings (a bad offset warns, then raises)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return call()


def _listed_offsets(wn: Any) -> set[int]:
    """The noun offsets ``index.noun`` lists (NLTK's lemma map), for telling a damaged
    ``data.noun`` from an offset that names no synset."""
    return {o for by_pos in wn._lemma_pos_offset_map.values() for o in by_pos.get("n", ())}


def _by_wnid_or_name(wn: Any, key: str) -> tuple[bool, Any | None]:
    """``(True, synset or None)`` when ``key`` has the form of a wnid, 8-digit offset or
    WordNet noun name (None: the corpus has no such synset); ``(False, None)`` otherwise."""
    wnid = _WNID_RE.match(key)
    if wnid:
        offset = int(wnid.group(1))
        try:
            found = _quietly(lambda: wn.synset_from_pos_and_offset("n", offset))
        except Exception:  # NLTK raises WordNetError or a bare error for a bad offset
            found = None
        if found is None and (offset in _index_offsets() or offset in _listed_offsets(wn)):
            # ImageNet's synsets and those index.noun lists exist: the data file is damaged
            raise damaged() or ImagenetError(f"the WordNet corpus has no synset n{offset:08d}")
        return True, found
    if _NAME_RE.match(key):
        name = key.replace(" ", "_")
        try:
            return True, wn.synset(name)
        except Exception:  # WordNetError, or ValueError for a malformed name
            lemma, _n, number = name.rsplit(".", 2)
            senses = wn._lemma_pos_offset_map.get(lemma, {}).get("n", ())
            if number.isdigit() and 0 < int(number) <= len(senses):  # index.noun has it
                found = damaged()
                if found is not None:
                    raise found from None
            return True, None
    return False, None


def _by_identifier(wn: Any, key: str) -> Any | None:
    """The synset a wnid, 8-digit offset, WordNet noun name or class index names, if any."""
    is_id, found = _by_wnid_or_name(wn, key)
    if is_id:
        return found
    if key.isdigit() and len(key) <= 3:
        offset = q.offset_of_class(int(key))
        return None if offset is None else wn.synset_from_pos_and_offset("n", offset)
    return None


def _no_match(query: str, key: str) -> NotFoundError:
    """No hit: say what is wrong with the form, else suggest look-alike WordNet nouns."""
    from imagenet_cli.index.identifiers import _noun_lemmas

    what = "WordNet 3.0 noun synset"
    wnid = re.match(r"^n(\d+)$", key)
    if wnid and len(wnid.group(1)) < 8:
        hint = f"wnids have 8 digits after the 'n': did you mean n{int(wnid.group(1)):08d}?"
        return NotFoundError(what, query, hint=hint, suggestions=())
    if wnid or key.isdigit():
        return NotFoundError(what, query, hint="no noun synset has that offset", suggestions=())
    name = re.match(r"^.+\.([a-z])\.\d+$", key)
    if name and name.group(1) != "n":
        return NotFoundError(
            what, query, hint="this search covers nouns; that name is not a noun's",
            suggestions=(),
        )  # fmt: skip
    from rapidfuzz import fuzz, process

    head = key.rsplit(".", 2)[0] if name else key
    found = process.extract(head, _noun_lemmas(), scorer=fuzz.ratio, limit=5, score_cutoff=70)
    return NotFoundError(what, query, suggestions=[choice for choice, _s, _i in found])


@reads_corpus
def search_all(query: str, limit: int = 0) -> tuple[list[WordNetHit], int]:
    """Search every noun synset of WordNet 3.0 (82,115), not only ImageNet's.

    The query is folded as the ImageNet search folds it (case, accents, full-width
    forms). A wnid (``n07511733``), 8-digit offset, WordNet name (``hope.n.01``) or
    ILSVRC-2012 class index (0-999) finds that synset. Otherwise, in order: synsets having
    the query as a lemma (NLTK's ``synsets``, which applies morphy: ``geese`` finds
    goose.n.01), in WordNet's sense order; then synsets with a lemma starting with it;
    then synsets with a lemma containing it.

    Args:
        query: words, spaces or underscores; or an identifier as above.
        limit: the most hits returned; 0 for all.

    Returns:
        ``(hits, total matches)``.

    Raises:
        ImagenetError: an empty query. NotFoundError: nothing matches (with a hint about
            the identifier's form, or look-alike WordNet nouns). DataMissingError: no corpus.
    """
    from imagenet_cli.index.synsets import clean, normalize

    key = normalize(clean(query))
    if not key:
        raise ImagenetError("the search query is empty")
    wn = wordnet()
    if re.fullmatch(r"\d{8}", key):
        key = f"n{key}"
    exact = _by_identifier(wn, key)
    if exact is not None:
        return [_hit(exact, "id", None)], 1
    underscored = key.replace(" ", "_")
    ordered: dict[str, tuple[Any, str, str | None]] = {}
    base = wn.morphy(underscored, "n")
    for synset in wn.synsets(underscored, pos="n"):
        ordered.setdefault(synset.name(), (synset, "lemma", base if base != underscored else None))
    prefix, part = [], []
    for lemma in wn.all_lemma_names(pos="n"):
        if lemma == underscored:
            continue
        if lemma.startswith(underscored):
            prefix.append(lemma)
        elif underscored in lemma:
            part.append(lemma)
    for kind, lemmas in (("prefix", sorted(prefix)), ("part", sorted(part))):
        for lemma in lemmas:
            for synset in wn.synsets(lemma, pos="n"):
                if lemma in map(str.lower, synset.lemma_names()):
                    ordered.setdefault(synset.name(), (synset, kind, None))
    if not ordered:
        raise _no_match(query, key)
    chosen = list(ordered.values())[: limit or None]
    return [_hit(s, kind, base_form) for s, kind, base_form in chosen], len(ordered)


@dataclass(frozen=True, slots=True)
class WordNetSynset:
    """A noun synset read from the corpus, with where it meets ImageNet.

    Attributes:
        hypernyms, hyponyms: ``(wnid, name)`` pairs (instance relations included and
            marked in ``instance_hypernyms`` / ``instance_hyponyms``).
        paths: every hypernym path, root (entity.n.01) first, as names; ``path_wnids``
            the same paths as wnids.
        imagenet_ancestor: the nearest hypernym (fewest steps) in the bundled index,
            as ``(wnid, name, steps)``, or None.
    """

    wnid: str
    name: str
    lemmas: tuple[str, ...]
    gloss: str
    examples: tuple[str, ...]
    lexname: str
    hypernyms: tuple[tuple[str, str], ...]
    instance_hypernyms: tuple[tuple[str, str], ...]
    hyponyms: tuple[tuple[str, str], ...]
    instance_hyponyms: tuple[tuple[str, str], ...]
    paths: tuple[tuple[str, ...], ...]
    path_wnids: tuple[tuple[str, ...], ...]
    in_index: bool
    imagenet_ancestor: tuple[str, str, int] | None = field(default=None)


def _pair(synset: Any) -> tuple[str, str]:
    return f"n{synset.offset():08d}", _safe(synset.name())


def find_noun(identifier: str) -> Any:
    """The NLTK noun synset an identifier names: wnid, 8 digits, WordNet name or lemma.

    Raises:
        ImagenetError: a lemma with several noun senses (lists them); NotFoundError:
            WordNet 3.0 has no such noun synset; DataMissingError: no corpus.
    """
    wn = wordnet()
    text = " ".join(identifier.strip().split())
    if not text:
        raise ImagenetError("the synset identifier is empty")
    lowered = text.lower()
    is_id, found = _by_wnid_or_name(wn, lowered)
    if is_id:
        if found is None:
            raise NotFoundError("WordNet 3.0 noun synset", text)
        return found
    senses = wn.synsets(lowered.replace(" ", "_"), pos="n")
    if not senses:
        raise NotFoundError("WordNet 3.0 noun synset", text)
    if len(senses) > 1:
        listed = ", ".join(f"{s.name()} ({_short_gloss(s.definition())})" for s in senses[:6])
        more = f" and {len(senses) - 6} more" if len(senses) > 6 else ""
        raise ImagenetError(
            f"{text!r} names {len(senses)} WordNet noun synsets: {listed}{more}",
            hint="pick one by its WordNet name or wnid",
        )
    return senses[0]


def _short_gloss(gloss: str, width: int = 40) -> str:
    """The gloss cut at a word boundary, with an ellipsis when cut."""
    if len(gloss) <= width:
        return gloss
    return gloss[:width].rsplit(" ", 1)[0].rstrip(",;") + "..."


@reads_corpus
def show_any(identifier: str) -> WordNetSynset:
    """Everything the corpus says of one noun synset, inside ImageNet or not.

    Raises:
        see :func:`find_noun`.
    """
    synset = find_noun(identifier)
    inside = _index_offsets()
    ancestor: tuple[str, str, int] | None = None
    frontier, seen, steps = [synset], {synset}, 0
    while frontier and ancestor is None:
        steps += 1
        parents = sorted(
            {p for s in frontier for p in (*s.hypernyms(), *s.instance_hypernyms())} - seen,
            key=lambda s: s.name(),
        )
        hit = next((p for p in parents if p.offset() in inside), None)
        if hit is not None:
            ancestor = (*_pair(hit), steps)
        seen.update(parents)
        frontier = parents
    return WordNetSynset(
        wnid=f"n{synset.offset():08d}",
        name=_safe(synset.name()),
        lemmas=tuple(map(_safe, synset.lemma_names())),
        gloss=_safe(synset.definition()),
        examples=tuple(map(_safe, synset.examples())),
        lexname=synset.lexname(),
        hypernyms=tuple(map(_pair, synset.hypernyms())),
        instance_hypernyms=tuple(map(_pair, synset.instance_hypernyms())),
        hyponyms=tuple(map(_pair, sorted(synset.hyponyms(), key=lambda s: s.name()))),
        instance_hyponyms=tuple(
            map(_pair, sorted(synset.instance_hyponyms(), key=lambda s: s.name()))
        ),
        paths=tuple(tuple(_safe(s.name()) for s in p) for p in synset.hypernym_paths()),
        path_wnids=tuple(tuple(f"n{s.offset():08d}" for s in p) for p in synset.hypernym_paths()),
        in_index=synset.offset() in inside,
        imagenet_ancestor=ancestor,
    )


@dataclass(frozen=True, slots=True)
class Mismatch:
    """One bundled synset that differs from the corpus: which field, ours and theirs."""

    wnid: str
    field: str
    ours: str
    theirs: str


@dataclass(frozen=True, slots=True)
class VerifyReport:
    """What ``data verify`` compared, and every difference found."""

    corpus: str
    synsets: int
    lemmas: int
    hypernym_links: int
    mismatches: tuple[Mismatch, ...]


@reads_corpus
def verify_index(progress: Callable[[int, int], None] | None = None) -> VerifyReport:
    """Compare every synset of the bundled index with the WordNet 3.0 corpus.

    For each synset: its WordNet name, its lemmas in order, its gloss (NLTK's
    ``definition()``), its hypernyms and its instance hypernyms (as wnid sets).

    Args:
        progress: called with (synsets done, total) every 1,000 synsets.

    Returns:
        The counts compared and every mismatch (none for a faithful index).

    Raises:
        DataMissingError: no corpus. CorpusDamagedError: a line of the corpus files is
            damaged (checked first, line by line, then through NLTK).
    """
    from imagenet_cli.corpus.reader import find_wordnet_dir
    from imagenet_cli.index.synsets import load_synsets

    wn = wordnet()
    found = damaged()
    if found is not None:
        raise found
    offsets = sorted(_index_offsets())
    index = load_synsets(offsets)
    mismatches: list[Mismatch] = []
    lemma_count = link_count = 0
    for done, offset in enumerate(offsets, start=1):
        ours = index[offset]
        try:
            theirs = wn.synset_from_pos_and_offset("n", offset)
        except Exception:  # the corpus has no synset there
            mismatches.append(Mismatch(ours.wnid, "synset", ours.name, "(none at this offset)"))
            continue
        hyper = tuple(sorted(f"n{h.offset():08d}" for h in theirs.hypernyms()))
        inst = tuple(sorted(f"n{h.offset():08d}" for h in theirs.instance_hypernyms()))
        for name, mine, other in (
            ("name", ours.name, theirs.name()),
            ("lemmas", ", ".join(ours.lemmas), ", ".join(theirs.lemma_names())),
            ("gloss", ours.gloss, theirs.definition()),
            ("hypernyms", " ".join(sorted(ours.hypernym_wnids)), " ".join(hyper)),
            ("instance_hypernyms", " ".join(sorted(ours.instance_hypernym_wnids)), " ".join(inst)),
        ):
            if mine != other:
                mismatches.append(Mismatch(ours.wnid, name, mine, _safe(other)))
        lemma_count += len(ours.lemmas)
        link_count += len(ours.hypernym_wnids) + len(ours.instance_hypernym_wnids)
        if progress is not None and (done % 1000 == 0 or done == len(offsets)):
            progress(done, len(offsets))
    return VerifyReport(
        corpus=str(find_wordnet_dir()),
        synsets=len(offsets),
        lemmas=lemma_count,
        hypernym_links=link_count,
        mismatches=tuple(mismatches),
    )
