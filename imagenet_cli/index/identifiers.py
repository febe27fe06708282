"""One parser and one resolver for every way a user names a synset, and the hints when
nothing matches.

Forms (:class:`Form`): an ILSVRC-2012 class index (``207``, or the int 207), a WordNet 3.0
offset as a wnid (``n02084071``), its 8 digits alone, offset-pos (``02084071-n``,
``02084071n``, ``wn:02084071n``: the forms OMW, ILI and WSD tools print), a WordNet name
(``dog.n.01``), a sense key (``dog%1:05:00::``), or a lemma (``golden retriever``, any case,
spaces or underscores, or an inflected form such as ``geese``).

When a name is not in the ImageNet index, the bundled list of all WordNet 3.0 nouns tells
"a WordNet 3.0 noun that ImageNet lacks" from "not a WordNet 3.0 noun at all" (a WordNet
3.1 offset, a verb, a typo). Data source: ``data/imagenet.sqlite``.
"""

from __future__ import annotations

import re
import sys
import zlib
from array import array
from enum import Enum
from functools import cache
from typing import NamedTuple

from imagenet_cli._errors import (
    Ambiguous,
    EmptyInput,
    ImagenetError,
    NotFoundError,
    OutOfRange,
)
from imagenet_cli.index import _queries as q
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
    return q.wordnet_nouns_blob(column)


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


class Form(Enum):
    """What kind of synset identifier a text is (see :func:`parse_identifier`)."""

    INDEX = "ILSVRC-2012 class index"  # 207
    OFFSET = "WordNet 3.0 offset"  # n02084071, 02084071, 02084071-n, 02084071n, wn:02084071n
    NAME = "WordNet name"  # dog.n.01
    SENSE_KEY = "sense key"  # dog%1:05:00::
    LEMMA = "lemma"  # golden retriever, geese
    MALFORMED = "malformed"  # looks like an id but cannot be one: n2084071, 02084071-v


class Identifier(NamedTuple):
    """A parsed synset identifier: its form, the text given, and its normalized key.

    ``number`` is the class index (INDEX) or the offset (OFFSET); ``hint`` says what is
    wrong with a MALFORMED one.
    """

    form: Form
    text: str
    key: str
    number: int | None = None
    hint: str | None = None


_SENSE_KEY_RE = re.compile(r"^[^%\s]+%[1-5]:\d\d:\d\d:[^:\s]*:(\d\d)?$", re.ASCII)
_OFFSET_POS_RE = re.compile(r"^(?:wn:)?(\d{8})-?([a-z])$", re.ASCII)


def _not_a_noun(key: str, pos: str) -> str:
    kind = _POS.get(pos)
    if kind is None:
        return f"ImageNet synsets are nouns; {key} is not a noun"
    return f"ImageNet synsets are nouns; {key} is {'an' if kind[0] in 'aeiou' else 'a'} {kind}"


def parse_identifier(value: object) -> Identifier:
    """Tell which form of synset identifier ``value`` is, without looking anything up.

    Args:
        value: an int (an ILSVRC-2012 class index) or a str in any form of :class:`Form`.
            Case, underscores, spaces and accents of lemmas are ignored.

    Raises:
        TypeError: ``value`` is neither an int nor a str (None, float, bytes, bool ...).
        ImagenetError: the text is empty.
    """
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise TypeError(
            "a synset identifier is a str (wnid, offset-pos, WordNet name, sense key or lemma) "
            f"or an int (ILSVRC-2012 class index), not {type(value).__name__}"
        )
    if isinstance(value, int):
        return Identifier(Form.INDEX, str(value), str(value), value)
    text = clean(value).strip()
    if not text:
        raise EmptyInput("synset identifier")
    if _SENSE_KEY_RE.match(text.lower()):
        return Identifier(Form.SENSE_KEY, text, text.lower())
    key = normalize(text)
    if _NUMBER_RE.match(key):
        digits = key.lstrip("+-")
        if len(digits) == 8 and key[0].isdigit():
            return Identifier(Form.OFFSET, text, key, int(digits))
        if len(digits) > 12:
            return Identifier(Form.MALFORMED, text, key, hint="class indices run from 0 to 999")
        return Identifier(Form.INDEX, text, key, int(key))
    wnid = _WNID_RE.match(key)
    if wnid:
        digits = wnid.group(1)
        if len(digits) == 8:
            return Identifier(Form.OFFSET, text, key, int(digits))
        return Identifier(Form.MALFORMED, text, key, int(digits), hint=_WNID_DIGITS)
    offset_pos = _OFFSET_POS_RE.match(key)
    if offset_pos:
        digits, pos = offset_pos.groups()
        if pos == "n":
            return Identifier(Form.OFFSET, text, key, int(digits))
        return Identifier(Form.MALFORMED, text, key, hint=_not_a_noun(key, pos))
    if _NAME_RE.match(key):
        return Identifier(Form.NAME, text, key)
    return Identifier(Form.LEMMA, text, key)


_WNID_DIGITS = "wnids have 8 digits after the 'n'"


def _padded_wnid(number: int | None) -> str | None:
    """``n`` and ``number`` padded to 8 digits, when that wnid is in ImageNet's index (a hint
    never names a wnid that does not exist)."""
    if number is None or not 0 < number < 10**8 or not q.has_offset(number):
        return None
    return f"n{number:08d}"


def identifier_hint(text: str) -> str | None:
    """Why ``text`` names nothing in ImageNet, when its form says more than "no match"."""
    try:
        parsed = parse_identifier(text)
    except ImagenetError:
        return None
    key = parsed.key
    if parsed.form is Form.MALFORMED:
        padded = _padded_wnid(parsed.number) if parsed.hint == _WNID_DIGITS else None
        return f"{parsed.hint}: did you mean {padded}?" if padded else parsed.hint
    if parsed.form is Form.INDEX:
        value = parsed.number or 0
        padded = _padded_wnid(value) if len(key.lstrip("+-")) >= 6 else None
        if padded:
            return f"class indices run from 0 to 999; a wnid is 'n' and 8 digits ({padded}?)"
        return "class indices run from 0 to 999"
    if parsed.form is Form.OFFSET:
        return NOT_IN_IMAGENET if is_wordnet30_noun(parsed.number or 0) else NOT_IN_WORDNET30
    if parsed.form is Form.SENSE_KEY:
        if not key.split("%", 1)[1].startswith("1:"):
            return "ImageNet synsets are nouns; a noun's sense key has 1 after the '%'"
        return "not a sense key of a lemma in ImageNet's index"
    name = _NAME_RE.match(key)
    if name:
        pos = name.group("pos")
        if pos != "n":
            return _not_a_noun(key, pos)
        if is_wordnet30_name(key):
            return "a WordNet 3.0 noun synset, but not in ImageNet"
        return None
    if is_wordnet30_lemma(key):
        return "a WordNet 3.0 noun, but none of its synsets is in ImageNet"
    return None


def _not_found(parsed: Identifier) -> NotFoundError:
    hint = identifier_hint(parsed.text)
    if hint is not None or parsed.form in (Form.INDEX, Form.OFFSET, Form.MALFORMED):
        return NotFoundError("synset", parsed.text, hint=hint, suggestions=())
    if parsed.form is Form.SENSE_KEY:
        head = parsed.key.split("%", 1)[0].replace("_", " ")
        return NotFoundError("synset", parsed.text, suggestions=suggest_lemmas(head))
    name = _NAME_RE.match(parsed.key)
    head = name.group("head") if name else parsed.key
    return NotFoundError("synset", parsed.text, suggestions=suggest_lemmas(head))


def resolve(identifier: object) -> Synset:
    """Find one synset of the ImageNet index by any identifier (see :func:`parse_identifier`).

    Returns:
        The synset.

    Raises:
        TypeError: ``identifier`` is neither a str nor an int.
        ImagenetError: the identifier is empty.
        OutOfRange: a class index outside 0-999.
        Ambiguous: a lemma that names several ImageNet synsets (``candidates`` lists them).
        NotFound: nothing matches; the hint says whether WordNet 3.0 has it, or what
            is wrong with its form (a wnid without zero padding, a verb, ...).
    """
    parsed = parse_identifier(identifier)
    form, key = parsed.form, parsed.key
    if form is Form.MALFORMED:
        raise _not_found(parsed)
    if form is Form.INDEX:
        value = parsed.number if parsed.number is not None else -1
        found = None
        if 0 <= value <= 999 and not key.startswith("+"):
            found = q.offset_of_class(value)
        if found is None:
            raise OutOfRange(
                "class index",
                value,
                0,
                999,
                message=f"{parsed.text!r} is not an ILSVRC-2012 class index (0-999)",
            ).with_hint(identifier_hint(parsed.text))
        return load_synsets([found])[found]
    if form is Form.OFFSET:
        loaded = load_synsets([parsed.number or 0])
        if not loaded:
            raise _not_found(parsed)
        return next(iter(loaded.values()))
    if form is Form.SENSE_KEY:
        found = q.offset_of_sense_key(key)
        if found is None:
            raise _not_found(parsed)
        return load_synsets([found])[found]
    if form is Form.NAME:
        found = q.offset_of_name(key.replace(" ", "_"))
        if found is None:
            raise _not_found(parsed)
        return load_synsets([found])[found]
    offsets: list[int] = []
    for form_key in (key, *base_forms(key)):
        offsets = [o for o, _lemma, _rank in q.lemma_matches(form_key)]
        if offsets:
            break
    if not offsets:
        raise _not_found(parsed)
    synsets = load_synsets(offsets)
    if len(offsets) > 1:
        parents = load_synsets(int(w[1:]) for o in offsets for w in synsets[o].parents[:1])
        listed = ", ".join(describe(synsets[o], parents) for o in offsets)
        raise Ambiguous(
            parsed.text,
            [synsets[o] for o in offsets],
            f"{parsed.text!r} names {len(offsets)} ImageNet synsets: {listed}",
            hint="pick one by its wnid or WordNet name",
        )
    return synsets[offsets[0]]


def other_wordnet_senses(identifier: str, shown: Synset) -> tuple[str, ...]:
    """WordNet 3.0 noun synsets named ``<lemma>.n.NN`` that ImageNet lacks, for a lemma query.

    ``synsets show hope`` finds the one ImageNet sense of "hope" (hope.n.04); WordNet has
    hope.n.01-06. Only synsets named after the lemma are listed (from the bundled list of
    all WordNet 3.0 noun names; no corpus needed). Empty for wnids, names and numbers.
    """
    try:
        parsed = parse_identifier(identifier)
    except ImagenetError:
        return ()
    if parsed.form is not Form.LEMMA:
        return ()
    key = parsed.key.replace(" ", "_")
    prefix = f"{key}.n."
    index = {n.lower() for n in q.all_names()}
    found = [n for n in _noun_names() if n.startswith(prefix) and n.lower() not in index]
    return tuple(sorted(n for n in found if n != shown.name))
