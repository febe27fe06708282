"""One resolver for every way a user names a synset, and the hints when nothing matches.

Forms, tried in this order: an ILSVRC-2012 class index (``207``), a wnid (``n02084071``,
or its 8 digits alone), a WordNet name (``dog.n.01``), a lemma (``golden retriever``, any
case, spaces or underscores, or an inflected form such as ``geese``).

When a name is not in the ImageNet index, the bundled list of all WordNet 3.0 nouns tells
"a WordNet 3.0 noun that ImageNet lacks" from "not a WordNet 3.0 noun at all" (a WordNet
3.1 offset, a verb, a typo). Data source: ``data/imagenet.sqlite``.
"""

from __future__ import annotations

import re
import sys
import zlib
from array import array
from functools import cache

from imagenet_cli._errors import ImagenetError, NotFoundError
from imagenet_cli._resources import index_db
from imagenet_cli.index.synsets import (
    Synset,
    base_forms,
    clean,
    describe,
    load_synsets,
    normalize,
    suggest_lemmas,
)

_NUMBER_RE = re.compile(r"^[+-]?\d{1,4000}$", re.ASCII)  # int() refuses over 4,300 digits
_WNID_RE = re.compile(r"^n(\d+)$", re.ASCII)
_NAME_RE = re.compile(r"^(?P<head>.+)\.(?P<pos>[a-z])\.(?P<sense>\d{1,3})$", re.ASCII)
_POS = {"n": "noun", "v": "verb", "a": "adjective", "s": "adjective", "r": "adverb"}

NOT_IN_IMAGENET = "a WordNet 3.0 noun, but not in ImageNet"
NOT_IN_WORDNET30 = (
    "not a WordNet 3.0 noun synset; ImageNet wnids are WordNet 3.0 offsets, "
    "so this may be an offset from another version such as WordNet 3.1"
)


def _blob(column: str) -> bytes:
    (blob,) = index_db().execute(f"SELECT {column} FROM wordnet_nouns").fetchone()
    return bytes(blob)


@cache
def _noun_offsets() -> frozenset[int]:
    packed = array("I")
    packed.frombytes(_blob("offsets"))
    if sys.byteorder != "little":
        packed.byteswap()
    return frozenset(packed)


@cache
def _noun_names() -> frozenset[str]:
    return frozenset(zlib.decompress(_blob("names")).decode("utf-8").split("\n"))


@cache
def _noun_lemmas() -> frozenset[str]:
    return frozenset(zlib.decompress(_blob("lemmas")).decode("utf-8").split("\n"))


def is_wordnet30_noun(offset: int) -> bool:
    """True when ``offset`` is a noun synset offset of WordNet 3.0 (82,115 exist)."""
    return offset in _noun_offsets()


def is_wordnet30_name(name: str) -> bool:
    """True when ``name`` (``dog.n.03``, any case) names a WordNet 3.0 noun synset."""
    return name.lower().replace(" ", "_") in _noun_names()


def is_wordnet30_lemma(text: str) -> bool:
    """True when ``text`` or a base form of it (WordNet's morphy rules) is a WordNet 3.0 noun
    lemma, such as ``frump`` or ``frumps``."""
    key = normalize(text)
    lemmas = _noun_lemmas()
    if key in lemmas:
        return True
    return any(form in lemmas for form in base_forms(key, known=lemmas))


def identifier_hint(text: str) -> str | None:
    """Why ``text`` names nothing in ImageNet, when its form says more than "no match"."""
    key = normalize(clean(text))
    number = _NUMBER_RE.match(key)
    if number:
        value = int(key)
        if 0 < value < 10**8 and len(key.lstrip("+-")) >= 6:
            return f"class indices run from 0 to 999; a wnid is 'n' and 8 digits (n{value:08d}?)"
        return "class indices run from 0 to 999"
    wnid = _WNID_RE.match(key)
    if wnid:
        digits = wnid.group(1)
        if len(digits) < 8:
            return f"wnids have 8 digits after the 'n': did you mean n{int(digits):08d}?"
        if len(digits) > 8:
            return "wnids have 8 digits after the 'n'"
        return NOT_IN_IMAGENET if is_wordnet30_noun(int(digits)) else NOT_IN_WORDNET30
    name = _NAME_RE.match(key)
    if name:
        pos = name.group("pos")
        if pos != "n":
            kind = _POS.get(pos, "not a noun")
            return f"ImageNet synsets are nouns; {key} is {'an' if kind[0] in 'a' else 'a'} {kind}"
        if is_wordnet30_name(key):
            return "a WordNet 3.0 noun synset, but not in ImageNet"
        return None
    if is_wordnet30_lemma(key):
        return "a WordNet 3.0 noun, but none of its synsets is in ImageNet"
    return None


def _not_found(text: str) -> NotFoundError:
    hint = identifier_hint(text)
    key = normalize(text)
    if hint is not None or _NUMBER_RE.match(key) or _WNID_RE.match(key):
        return NotFoundError("synset", text, hint=hint, suggestions=())
    name = _NAME_RE.match(key)
    head = name.group("head") if name else key
    return NotFoundError("synset", text, suggestions=suggest_lemmas(head))


def resolve(identifier: str) -> Synset:
    """Find one synset of the ImageNet index by any identifier (see the module docstring).

    Returns:
        The synset.

    Raises:
        ImagenetError: an empty identifier, a class index outside 0-999, or a lemma that
            names several ImageNet synsets (the message lists them with their parents).
        NotFoundError: nothing matches; the hint says whether WordNet 3.0 has it, or what
            is wrong with its form (a wnid without zero padding, a verb, ...).
    """
    text = clean(identifier).strip()
    key = normalize(text)
    if not key:
        raise ImagenetError("the synset identifier is empty")
    db = index_db()
    if _NUMBER_RE.match(key):
        digits = key.lstrip("+-")
        if len(digits) == 8 and key[0].isdigit():
            key = f"n{digits}"
        else:
            value = int(key)
            row = None
            if 0 <= value <= 999 and key[0] != "+":
                row = db.execute(
                    "SELECT offset FROM synsets WHERE ilsvrc2012_index = ?", (value,)
                ).fetchone()
            if row is None:
                raise ImagenetError(
                    f"{text!r} is not an ILSVRC-2012 class index", hint=identifier_hint(text)
                )
            return load_synsets(row)[row[0]]
    wnid = _WNID_RE.match(key)
    if wnid:
        found = load_synsets([int(wnid.group(1))]) if len(wnid.group(1)) == 8 else {}
        if not found:
            raise _not_found(text)
        return next(iter(found.values()))
    if _NAME_RE.match(key):
        row = db.execute(
            "SELECT offset FROM synsets WHERE name = ? COLLATE NOCASE", (key.replace(" ", "_"),)
        ).fetchone()
        if row is None:
            raise _not_found(text)
        return load_synsets(row)[row[0]]
    offsets: list[int] = []
    for form in (key, *base_forms(key)):
        offsets = [o for (o,) in db.execute(
            "SELECT offset FROM lemmas WHERE key = ? ORDER BY sense_rank", (form,)
        )]  # fmt: skip
        if offsets:
            break
    if not offsets:
        raise _not_found(text)
    if len(offsets) > 1:
        synsets = load_synsets(offsets)
        parents = load_synsets(int(w[1:]) for o in offsets for w in synsets[o].parents[:1])
        listed = ", ".join(describe(synsets[o], parents) for o in offsets)
        raise ImagenetError(
            f"{text!r} names {len(offsets)} ImageNet synsets: {listed}",
            hint="pick one by its wnid or WordNet name",
        )
    return load_synsets(offsets)[offsets[0]]


def other_wordnet_senses(identifier: str, shown: Synset) -> tuple[str, ...]:
    """WordNet 3.0 noun synsets named ``<lemma>.n.NN`` that ImageNet lacks, for a lemma query.

    ``synsets show hope`` finds the one ImageNet sense of "hope" (hope.n.04); WordNet has
    hope.n.01-06. Only synsets named after the lemma are listed (from the bundled list of
    all WordNet 3.0 noun names; no corpus needed). Empty for wnids, names and numbers.
    """
    key = normalize(clean(identifier)).replace(" ", "_")
    if not key or _NUMBER_RE.match(key) or _WNID_RE.match(key) or _NAME_RE.match(key):
        return ()
    prefix = f"{key}.n."
    index = {n.lower() for (n,) in index_db().execute("SELECT name FROM synsets")}
    found = [n for n in _noun_names() if n.startswith(prefix) and n.lower() not in index]
    return tuple(sorted(n for n in found if n != shown.name))
