"""WordNet 3.0 corpora on disk: where NLTK looks, what each folder holds, and building one.

This module reads files only; it never imports ``nltk`` (``imagenet wordnet status`` must
start fast). Sources of the rules it follows:

* NLTK 3.10, ``nltk/data.py``: the folders on ``nltk.data.path`` (``$NLTK_DATA`` entries,
  ``~/nltk_data``, then folders under ``sys.prefix`` and ``/usr``); a test compares
  :func:`nltk_data_path` with ``nltk.data.path`` in a fresh interpreter;
* NLTK 3.10, ``nltk/corpus/reader/wordnet.py``: ``get_version`` (the ``WordNet 3.0
  Copyright`` line of ``data.adj``'s licence header) and the sense key format;
* WordNet 3.0 manual pages senseidx(5WN) (``index.sense``: ``sense_key synset_offset
  sense_number tag_cnt``, sorted), cntlist(5WN) (``cntlist.rev``: ``sense_key
  sense_number tag_cnt``) and wndb(5WN) (the ``data.*`` and ``index.*`` line formats);
  a test compares :func:`index_sense_text` with Princeton's own ``index.sense``
  (Debian's ``wordnet-sense-index``) byte for byte.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from imagenet_cli._errors import ImagenetError

#: The four parts of speech of the database files and their ss_type numbers in sense keys
#: (wndb(5WN): n 1, v 2, a 3, r 4, s 5).
POS_FILES = ("noun", "verb", "adj", "adv")
SS_TYPE_NUMBER = {"n": 1, "v": 2, "a": 3, "r": 4, "s": 5}

#: Files a WordNet 3.0 database folder must hold for NLTK's reader.
REQUIRED_FILES = tuple(f"{kind}.{pos}" for kind in ("index", "data") for pos in POS_FILES) + tuple(
    f"{pos}.exc" for pos in POS_FILES
)
#: Files copied when present: sense counts, verb example sentences, the sense index.
OPTIONAL_FILES = ("cntlist.rev", "cntlist", "sentidx.vrb", "sents.vrb", "frames.vrb")

#: ``dog.n.01`` is ImageNet's ``n02084071``: in WordNet 3.0 ``data.noun`` its line starts
#: at byte 2084071 (wndb(5WN): a synset's offset is its byte offset in the data file).
#: WordNet 3.1 moved it to 02086723, so this check tells the offsets apart.
DOG_OFFSET = 2084071
DOG_LINE_START = "02084071 05 n 03 dog 0 "

#: Folders tried after ``$IMAGENET_WORDNET_DIR`` and NLTK's ``corpora/wordnet`` folders.
SYSTEM_DIRS = (Path("/usr/share/wordnet"), Path("/usr/local/share/wordnet"))

_VERSION_RE = re.compile(r"Word[nN]et (\d+\+?|\d+\.\d+) Copyright")
_MARKER_RE = re.compile(r"\((?:a|p|ip)\)")


def nltk_data_path(environ: Mapping[str, str] | None = None) -> list[Path]:
    """The folders NLTK 3.10 searches for data, in its order (``nltk.data.path``).

    Computed without importing ``nltk``, by the rules of ``nltk/data.py`` for
    non-Windows systems: each ``$NLTK_DATA`` entry (``os.pathsep``-separated, ``~``
    expanded), ``~/nltk_data``, ``sys.prefix``/{nltk_data, share/nltk_data,
    lib/nltk_data}, ``/usr/share/nltk_data``, ``/usr/local/share/nltk_data``,
    ``/usr/lib/nltk_data``, ``/usr/local/lib/nltk_data``.

    Args:
        environ: the environment to read (default ``os.environ``).
    """
    env = os.environ if environ is None else environ

    def expand(path: str) -> str:  # os.path.expanduser, reading HOME from ``env``
        home = env.get("HOME")
        if home and (path == "~" or path.startswith("~/")):
            return home.rstrip("/") + path[1:] if home != "/" else path[1:] or "/"
        return os.path.expanduser(path)

    paths = [expand(d) for d in env.get("NLTK_DATA", "").split(os.pathsep) if d]
    if "APPENGINE_RUNTIME" not in env and expand("~/") != "~/":
        paths.append(expand("~/nltk_data"))
    paths += [
        os.path.join(sys.prefix, "nltk_data"),
        os.path.join(sys.prefix, "share", "nltk_data"),
        os.path.join(sys.prefix, "lib", "nltk_data"),
        "/usr/share/nltk_data",
        "/usr/local/share/nltk_data",
        "/usr/lib/nltk_data",
        "/usr/local/lib/nltk_data",
    ]
    return [Path(p) for p in paths]


def default_install_root(environ: Mapping[str, str] | None = None) -> Path:
    """Where ``wordnet install`` and ``import`` put a corpus by default.

    The first ``$NLTK_DATA`` entry when set, else ``~/nltk_data`` (the folder NLTK's own
    downloader uses on Linux and macOS). Either is on ``nltk.data.path``, so plain
    ``nltk.corpus.wordnet`` finds the corpus there too.
    """
    return nltk_data_path(environ)[0]


def read_version(folder: Path) -> str | None:
    """The WordNet version printed in ``data.adj``'s licence header, as NLTK reads it.

    Returns:
        ``"3.0"``, ``"3.1"``, ... or None when the file is missing or has no such line.
    """
    try:
        with (folder / "data.adj").open(encoding="utf-8", errors="replace") as handle:
            for line in handle:
                if not line.startswith("  "):
                    break
                match = _VERSION_RE.search(line)
                if match:
                    return match.group(1)
    except OSError:
        return None
    return None


def has_wordnet30_offsets(folder: Path) -> bool:
    """True when ``data.noun`` has dog.n.01 at byte offset 2084071, as WordNet 3.0 does."""
    try:
        with (folder / "data.noun").open("rb") as handle:
            handle.seek(DOG_OFFSET)
            return handle.read(len(DOG_LINE_START)) == DOG_LINE_START.encode("ascii")
    except OSError:
        return False


@dataclass(frozen=True, slots=True)
class Corpus:
    """What one candidate folder holds.

    Attributes:
        path: the folder.
        origin: ``IMAGENET_WORDNET_DIR``, ``nltk_data`` (a ``corpora/wordnet`` folder on
            NLTK's path) or ``system`` (such as Debian's ``/usr/share/wordnet``).
        exists: the folder exists.
        complete: it holds every file of :data:`REQUIRED_FILES`.
        version: the version its licence header states, or None.
        wordnet30_offsets: dog.n.01 sits at WordNet 3.0's offset.
        lexnames: it has the ``lexnames`` file (NLTK's own loader needs it).
        index_sense: it has ``index.sense`` (sense keys).
        zipped: a ``wordnet.zip`` lies beside it (NLTK reads zips; this tool does not).
    """

    path: Path
    origin: str
    exists: bool
    complete: bool
    version: str | None
    wordnet30_offsets: bool
    lexnames: bool
    index_sense: bool
    zipped: bool

    @property
    def usable(self) -> bool:
        """A complete WordNet 3.0 corpus whose offsets are ImageNet's wnids."""
        return self.complete and self.version == "3.0" and self.wordnet30_offsets

    @property
    def nltk_ready(self) -> bool:
        """Plain ``nltk.corpus.wordnet`` can load it: on NLTK's path, with ``lexnames``."""
        return self.usable and self.origin == "nltk_data" and self.lexnames

    @property
    def problem(self) -> str | None:
        """Why the folder cannot be used, in a few words; None when usable."""
        if not self.exists:
            try:
                return "not a folder" if self.path.exists() else "absent"
            except OSError as error:
                return f"unreadable ({error.strerror or error})"
        if not self.complete:
            nested = self.path / "corpora" / "wordnet"
            if (nested / "data.noun").is_file():
                return f"an NLTK data folder: the corpus is in {nested}"
            try:
                if not any(self.path.iterdir()):
                    return "an empty folder"
            except OSError as error:
                return f"unreadable ({error.strerror or error})"
            missing = [n for n in REQUIRED_FILES if not (self.path / n).is_file()]
            return f"incomplete (no {', '.join(missing[:3])}{'...' if len(missing) > 3 else ''})"
        if self.version != "3.0":
            return f"WordNet {self.version or 'of unknown version'}, not 3.0: other offsets"
        if not self.wordnet30_offsets:
            return "says 3.0 but dog.n.01 is not at offset 02084071"
        return None


def inspect_corpus(path: Path, origin: str) -> Corpus:
    """Read what ``path`` holds (a few bytes of two files; fast).

    A folder that cannot be read (no permission, a name too long) counts as absent, so
    one bad folder on the search path never stops another from serving.
    """
    try:
        return _inspect(path, origin)
    except OSError:
        return Corpus(path, origin, False, False, None, False, False, False, False)


def _inspect(path: Path, origin: str) -> Corpus:
    exists = path.is_dir()
    complete = exists and all((path / name).is_file() for name in REQUIRED_FILES)
    return Corpus(
        path=path,
        origin=origin,
        exists=exists,
        complete=complete,
        version=read_version(path) if complete else None,
        wordnet30_offsets=complete and has_wordnet30_offsets(path),
        lexnames=(path / "lexnames").is_file(),
        index_sense=(path / "index.sense").is_file(),
        zipped=(path.parent / "wordnet.zip").is_file(),
    )


def find_corpora(environ: Mapping[str, str] | None = None) -> list[Corpus]:
    """Every folder this tool considers, in its order of preference.

    ``$IMAGENET_WORDNET_DIR`` when set, then ``corpora/wordnet`` under each folder of
    :func:`nltk_data_path`, then :data:`SYSTEM_DIRS`.
    """
    env = os.environ if environ is None else environ
    found: list[Corpus] = []
    override = env.get("IMAGENET_WORDNET_DIR")
    if override:
        found.append(inspect_corpus(Path(override), "IMAGENET_WORDNET_DIR"))
    found += [
        inspect_corpus(root / "corpora" / "wordnet", "nltk_data") for root in nltk_data_path(env)
    ]
    found += [inspect_corpus(path, "system") for path in SYSTEM_DIRS]
    return found


# --- building a corpus NLTK can read from Princeton's database files --------------------


def _data_lines(folder: Path, pos_file: str) -> Iterator[str]:
    with (folder / f"data.{pos_file}").open(encoding="utf-8", errors="surrogateescape") as f:
        for line in f:
            if not line.startswith("  "):
                yield line


def _words(fields: list[str]) -> tuple[list[tuple[str, int]], list[str]]:
    """``(word, lex_id)`` pairs of a data line's fields, and the fields after them.

    A word that differs from an earlier one of the synset only in case (``Earth 0``,
    ``earth 1``) is left out: Princeton's ``index.sense`` lists only the first.
    """
    count = int(fields[3], 16)
    words: list[tuple[str, int]] = []
    for i in range(count):
        word = fields[4 + 2 * i]
        marker = word.find("(")  # adjective syntactic markers: (a), (p), (ip)
        if marker > 0 and word.endswith(")"):
            word = word[:marker]
        if all(word.lower() != seen.lower() for seen, _ in words):
            words.append((word, int(fields[5 + 2 * i], 16)))
    return words, fields[4 + 2 * count :]


def _sense_numbers(folder: Path) -> dict[tuple[str, str, int], int]:
    """``(lemma, pos letter of the index file, offset) -> sense number`` from ``index.*``."""
    numbers: dict[tuple[str, str, int], int] = {}
    for pos_file in POS_FILES:
        with (folder / f"index.{pos_file}").open(encoding="utf-8", errors="surrogateescape") as f:
            for line in f:
                if line.startswith("  "):
                    continue
                fields = line.split()
                lemma, pos = fields[0], fields[1]
                synset_cnt, p_cnt = int(fields[2]), int(fields[3])
                offsets = fields[6 + p_cnt : 6 + p_cnt + synset_cnt]
                for number, offset in enumerate(offsets, start=1):
                    numbers[lemma, pos, int(offset)] = number
    return numbers


def _tag_counts(folder: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    path = folder / "cntlist.rev"
    if path.is_file():
        with path.open(encoding="utf-8", errors="surrogateescape") as f:
            for line in f:
                fields = line.split()
                if len(fields) == 3:
                    # Some satellite keys there keep the head word's syntactic marker
                    # ("above%5:00:00:preceding(a):00"); index.sense has none.
                    counts[_MARKER_RE.sub("", fields[0])] = int(fields[2])
    return counts


def index_sense_text(folder: Path) -> str:
    """Build WordNet 3.0's ``index.sense`` from the database files of ``folder``.

    Each lemma of each synset gets ``sense_key synset_offset sense_number tag_cnt``:
    the sense key as senseidx(5WN) defines it (``lemma%ss_type:lex_filenum:lex_id:
    head_word:head_id``, lower case; an adjective satellite's head is the first word of
    the head synset its ``&`` pointer names), the sense number from the order of
    offsets in ``index.<pos>``, the tag count from ``cntlist.rev`` (0 when absent).
    Lines are sorted as NLTK's binary search expects (plain string order); of two words
    of one synset that differ only in case, only the first is listed (as Princeton's).

    Raises:
        OSError: a database file cannot be read.
    """
    numbers = _sense_numbers(folder)
    tags = _tag_counts(folder)
    adj_heads: dict[int, tuple[str, int]] = {}
    lines: list[str] = []
    satellites: list[tuple[int, int, list[tuple[str, int]], int]] = []
    for pos_file in POS_FILES:
        for line in _data_lines(folder, pos_file):
            fields = line.split()
            offset, lex_filenum, ss_type = int(fields[0]), int(fields[1]), fields[2]
            words, rest = _words(fields)
            if ss_type == "a":
                adj_heads[offset] = words[0]
            if ss_type == "s":
                pointers = rest[1 : 1 + 4 * int(rest[0])]
                head = next(
                    int(pointers[i + 1]) for i in range(0, len(pointers), 4) if pointers[i] == "&"
                )
                satellites.append((offset, lex_filenum, words, head))
                continue
            index_pos = "a" if ss_type == "s" else ss_type
            for word, lex_id in words:
                key = f"{word}%{SS_TYPE_NUMBER[ss_type]}:{lex_filenum:02d}:{lex_id:02d}::".lower()
                number = numbers[word.lower(), index_pos, offset]
                lines.append(f"{key} {offset:08d} {number} {tags.get(key, 0)}\n")
    for offset, lex_filenum, words, head in satellites:
        head_word, head_id = adj_heads[head]
        for word, lex_id in words:
            key = f"{word}%5:{lex_filenum:02d}:{lex_id:02d}:{head_word}:{head_id:02d}".lower()
            number = numbers[word.lower(), "a", offset]
            lines.append(f"{key} {offset:08d} {number} {tags.get(key, 0)}\n")
    return "".join(sorted(lines))


def supply_missing(folder: Path) -> list[str]:
    """Write the files NLTK's loader needs that a WordNet 3.0 folder lacks.

    ``lexnames`` (the lexnames(5WN) table) and ``index.sense`` (:func:`index_sense_text`).

    Returns:
        The names of the files written.
    """
    from imagenet_cli.corpus.lexnames import lexnames_text

    written = []
    if not (folder / "lexnames").is_file():
        (folder / "lexnames").write_text(lexnames_text(), encoding="utf-8")
        written.append("lexnames")
    if not (folder / "index.sense").is_file():
        (folder / "index.sense").write_text(
            index_sense_text(folder), encoding="utf-8", errors="surrogateescape"
        )
        written.append("index.sense")
    return written


def build_nltk_corpus(source: Path, dest: Path) -> Path:
    """Write an NLTK-readable WordNet 3.0 corpus folder ``dest`` from ``source``.

    Copies the database files (:data:`REQUIRED_FILES` and whichever of
    :data:`OPTIONAL_FILES` exist), then supplies what Princeton's distribution as
    Linux systems package it may lack: ``lexnames`` (from the lexnames(5WN) table in
    :mod:`imagenet_cli.corpus.reader`) and ``index.sense`` (built by
    :func:`index_sense_text` when ``source`` has none).

    Args:
        source: a folder of WordNet 3.0 database files (Debian: ``/usr/share/wordnet``).
        dest: a folder that does not exist yet.

    Returns:
        ``dest``.

    Raises:
        ImagenetError: ``source`` is not a complete WordNet 3.0 database folder, or a
            line of it is damaged (:func:`imagenet_cli.corpus.check.check_corpus`).
        OSError: reading or writing failed (a full disk names the file written).
    """
    found = inspect_corpus(source, "import")
    if not found.usable:
        raise ImagenetError(
            f"{source} is not a WordNet 3.0 database folder: {found.problem}",
            hint="give the folder holding data.noun, index.noun, noun.exc ... "
            "(Debian's wordnet-base: /usr/share/wordnet)",
        )
    from imagenet_cli.corpus.check import check_corpus

    problem = check_corpus(source)
    if problem is not None:
        raise ImagenetError(
            f"{source} holds damaged WordNet 3.0 files: {problem}",
            hint="nothing was installed; import from an intact copy",
        )
    dest.mkdir()
    for name in (*REQUIRED_FILES, *OPTIONAL_FILES, "lexnames", "index.sense"):
        if (source / name).is_file():
            try:
                shutil.copyfile(source / name, dest / name)
            except OSError as error:
                if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS):
                    raise OSError(error.errno, error.strerror, str(dest / name)) from None
                raise
    supply_missing(dest)
    (dest / "README.imagenet").write_text(
        f"WordNet 3.0 database files copied from {source} by `imagenet wordnet import`.\n"
        "lexnames and index.sense were supplied where the source had none.\n"
        "The WordNet 3.0 licence is printed at the top of every data.* file.\n",
        encoding="utf-8",
    )
    return dest


def pick_corpus(corpora: list[Corpus]) -> Corpus | None:
    """The corpus in use: the first usable one, unless ``$IMAGENET_WORDNET_DIR`` is set.

    An ``$IMAGENET_WORDNET_DIR`` folder is taken or nothing is: a broken override is
    reported, never silently replaced by another corpus.
    """
    if corpora and corpora[0].origin == "IMAGENET_WORDNET_DIR":
        return corpora[0] if corpora[0].usable else None
    return next((c for c in corpora if c.usable), None)
