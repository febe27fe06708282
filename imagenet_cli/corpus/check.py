"""A structural check of a WordNet 3.0 database folder: every line of every file NLTK reads.

NLTK's reader trusts its files: a garbled line, a shifted offset, a truncated
``data.noun`` or a pointer to nowhere surface as a ``ValueError``, ``IndexError``,
``KeyError`` or ``StopIteration`` deep inside it. This module reads the files itself and
names the first bad file and line, by the formats of the WordNet 3.0 manual pages:
wndb(5WN) (``data.*``: ``synset_offset lex_filenum ss_type w_cnt word lex_id ... p_cnt
[ptr...] [frames...] | gloss``, where the offset is the line's byte offset; ``index.*``:
``lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...``),
senseidx(5WN) (``index.sense``: ``sense_key synset_offset sense_number tag_cnt``, sorted)
and lexnames(5WN) (``NN<TAB>name<TAB>category``, numbered from 00). It reads files only
(no NLTK) and takes about two seconds for the whole database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

POS_FILES = {"noun": "n", "verb": "v", "adj": "a", "adv": "r"}
#: ss_type letters allowed in each data file (adjective satellites are ``s``).
SS_TYPES = {"noun": {"n"}, "verb": {"v"}, "adj": {"a", "s"}, "adv": {"r"}}
FILE_OF_POS = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}
SS_TYPE_OF_KEY = {"1": "noun", "2": "verb", "3": "adj", "4": "adv", "5": "adj"}

_OFFSET = re.compile(r"\d{8}")
_HEX4 = re.compile(r"[0-9a-f]{4}")
_SENSE_KEY = re.compile(r"[^%\s]+%[1-5]:\d\d:\d\d:[^:\s]*:(\d\d)?")


@dataclass(frozen=True, slots=True)
class Problem:
    """One bad line: the file's name, the line number (1-based; 0: the file as a whole)
    and what is wrong, in a few words."""

    file: str
    line: int
    what: str

    def __str__(self) -> str:
        where = f"{self.file} line {self.line:,}" if self.line else self.file
        return f"{where}: {self.what}"


class _Found(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def _lines(folder: Path, name: str) -> list[tuple[int, int, str]]:
    """``(line number, byte offset, text)`` of each line; a last line without its line
    break (a truncated file) or bytes that are not UTF-8 are problems."""
    data = (folder / name).read_bytes()
    if not data:
        raise _Found(Problem(name, 0, "the file is empty"))
    if not data.endswith(b"\n"):
        count = data.count(b"\n") + 1
        raise _Found(Problem(name, count, "the last line is cut short (no line break)"))
    out = []
    position = 0
    for number, raw in enumerate(data.split(b"\n")[:-1], start=1):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise _Found(Problem(name, number, "not UTF-8 text")) from None
        out.append((number, position, text))
        position += len(raw) + 1
    return out


_MARKER = re.compile(r"\((?:a|p|ip)\)$")


def _data_file(
    folder: Path, pos_file: str, lexnames: int
) -> tuple[dict[int, frozenset[str]], list[tuple[int, int, str]]]:
    """Check each synset line's own fields; return each synset's words (lower case, by
    offset) and the pointers to check later (line number, target offset, target pos)."""
    name = f"data.{pos_file}"
    offsets: dict[int, frozenset[str]] = {}
    pointers: list[tuple[int, int, str]] = []
    for number, position, line in _lines(folder, name):
        if line.startswith("  "):
            continue

        def bad(what: str, number: int = number) -> _Found:
            return _Found(Problem(name, number, what))

        fields = line.split(" ")
        try:
            if not _OFFSET.fullmatch(fields[0]):
                raise bad(f"the line does not start with an 8-digit offset ({fields[0][:20]!r})")
            if int(fields[0]) != position:
                raise bad(
                    f"offset {fields[0]} is not the line's byte offset {position:08d} "
                    "(the file was edited or shifted)"
                )
            if not (fields[1].isdigit() and int(fields[1]) < lexnames):
                raise bad(f"lexicographer file number {fields[1][:10]!r} is not 00-{lexnames - 1}")
            if fields[2] not in SS_TYPES[pos_file]:
                raise bad(f"synset type {fields[2][:10]!r} does not belong in {name}")
            words = int(fields[3], 16)
            if words < 1:
                raise bad("a synset without words")
            at = 4 + 2 * words
            for i in range(4, at, 2):
                if not fields[i] or len(fields[i + 1]) != 1:
                    raise bad(f"word {(i - 2) // 2} or its lex_id is malformed")
                int(fields[i + 1], 16)
            lemmas = frozenset(_MARKER.sub("", fields[i]).lower() for i in range(4, at, 2))
            count = int(fields[at])
            for i in range(at + 1, at + 1 + 4 * count, 4):
                symbol, target, pos, ends = fields[i : i + 4]
                if not symbol or not _OFFSET.fullmatch(target) or pos not in FILE_OF_POS:
                    raise bad(f"pointer {(i - at - 1) // 4 + 1} is malformed")
                if not _HEX4.fullmatch(ends):
                    raise bad(f"pointer {(i - at - 1) // 4 + 1} has a bad source/target field")
                pointers.append((number, int(target), pos))
            rest = fields[at + 1 + 4 * count :]
            if pos_file == "verb" and rest and rest[0] != "|":
                frames = int(rest[0])
                if rest[1 + 3 * frames] != "|":
                    raise bad("the verb frames are malformed")
            elif not rest or rest[0] != "|":
                raise bad("no '|' before the gloss where the pointers end")
        except (ValueError, IndexError):
            raise bad("the fields do not follow wndb(5WN) (a count or field is garbled)") from None
        offsets[position] = lemmas
    if not offsets:
        raise _Found(Problem(name, 0, "no synset lines"))
    return offsets, pointers


def _index_file(folder: Path, pos_file: str, offsets: dict[int, frozenset[str]]) -> None:
    name = f"index.{pos_file}"
    letter = POS_FILES[pos_file]
    for number, _position, line in _lines(folder, name):
        if line.startswith("  "):
            continue
        fields = line.split()
        try:
            if fields[1] != letter:
                raise ValueError
            synsets, pointers = int(fields[2]), int(fields[3])
            targets = fields[6 + pointers : 6 + pointers + synsets]
            if synsets < 1 or len(targets) != synsets or len(fields) != 6 + pointers + synsets:
                raise ValueError
            int(fields[4 + pointers]), int(fields[5 + pointers])
        except (ValueError, IndexError):
            raise _Found(Problem(name, number, "the fields do not follow wndb(5WN)")) from None
        for target in targets:
            if not _OFFSET.fullmatch(target) or int(target) not in offsets:
                what = f"offset {target[:12]} is no synset of data.{pos_file}"
                raise _Found(Problem(name, number, what))
            if fields[0] not in offsets[int(target)]:
                what = f"{fields[0][:40]!r} is not a word of synset {target} in data.{pos_file}"
                raise _Found(Problem(name, number, what))


def _lexnames(folder: Path) -> int:
    path = folder / "lexnames"
    if not path.is_file():
        return 45  # NLTK's loader gets WordNet 3.0's table from imagenet_cli.corpus.reader
    lines = _lines(folder, "lexnames")
    for number, _position, line in lines:
        fields = line.split()
        if len(fields) != 3 or not fields[0].isdigit() or int(fields[0]) != number - 1:
            raise _Found(Problem("lexnames", number, "not 'NN<TAB>name<TAB>category' in order"))
        if not fields[2].isdigit() or "." not in fields[1]:
            raise _Found(Problem("lexnames", number, "not 'NN<TAB>name<TAB>category' in order"))
    return len(lines)


def _index_sense(folder: Path, offsets: dict[str, dict[int, frozenset[str]]]) -> None:
    if not (folder / "index.sense").is_file():
        return
    previous = ""
    for number, _position, line in _lines(folder, "index.sense"):
        fields = line.split()
        if (
            len(fields) != 4
            or not _SENSE_KEY.fullmatch(fields[0])
            or not _OFFSET.fullmatch(fields[1])
            or not (fields[2].isdigit() and fields[3].isdigit())
        ):
            raise _Found(Problem("index.sense", number, "not 'sense_key offset number count'"))
        pos_file = SS_TYPE_OF_KEY[fields[0].split("%", 1)[1][0]]
        if int(fields[1]) not in offsets[pos_file]:
            raise _Found(
                Problem(
                    "index.sense", number, f"offset {fields[1]} is no synset of data.{pos_file}"
                )
            )
        if line < previous:
            raise _Found(Problem("index.sense", number, "the lines are not sorted"))
        previous = line


def _exceptions(folder: Path, pos_file: str) -> None:
    name = f"{pos_file}.exc"
    for number, _position, line in _lines(folder, name):
        if len(line.split()) < 2:
            raise _Found(Problem(name, number, "not 'inflected_form base_form...'"))


def check_corpus(folder: Path) -> Problem | None:
    """The first problem in the WordNet 3.0 database files of ``folder``, or None.

    Checked: every line of ``data.*`` (its offset is its byte offset, fields and counts
    as wndb(5WN) says, each pointer lands on a synset), ``index.*`` (counts, each offset
    a synset), ``*.exc``, and ``lexnames`` and ``index.sense`` when present.

    Raises:
        OSError: a file cannot be read (missing files are the caller's concern:
            :func:`imagenet_cli.corpus.finder.inspect_corpus`).
    """
    try:
        lexnames = _lexnames(folder)
        offsets: dict[str, dict[int, frozenset[str]]] = {}
        pointers: dict[str, list[tuple[int, int, str]]] = {}
        for pos_file in POS_FILES:
            offsets[pos_file], pointers[pos_file] = _data_file(folder, pos_file, lexnames)
        for pos_file, found in pointers.items():
            for number, target, pos in found:
                if target not in offsets[FILE_OF_POS[pos]]:
                    raise _Found(
                        Problem(
                            f"data.{pos_file}",
                            number,
                            f"a pointer to {target:08d}-{pos}, which is no synset",
                        )
                    )
        for pos_file in POS_FILES:
            _index_file(folder, pos_file, offsets[pos_file])
            _exceptions(folder, pos_file)
        _index_sense(folder, offsets)
    except _Found as found:
        return found.problem
    return None
