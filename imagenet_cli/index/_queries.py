"""Every SQL statement the library runs against the bundled index, in one place.

The index (``data/imagenet.sqlite``) is built by ``scripts/build_data.py``; its schema is
written there and its layout version is checked when the connection opens
(:func:`imagenet_cli._resources.index_db`). Functions here return plain rows (tuples,
lists, sets of ints and strs): the modules of this package turn them into values.
Offsets are WordNet 3.0 noun offsets.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from functools import cache
from importlib.resources import as_file
from typing import TYPE_CHECKING, Any

from imagenet_cli._errors import DataMissingError
from imagenet_cli._resources import DataDamagedError, resource

if TYPE_CHECKING:
    import sqlite3

#: The SQLite synset index built by scripts/build_data.py.
INDEX_FILE = "imagenet.sqlite"
#: The index layout this code reads (``meta.schema``, written by scripts/build_data.py).
SCHEMA_VERSION = "2"

#: SQLite's page cache for the index, in KiB (SQLite's default is 2,000).
CACHE_KIB = 256

_KEEP_OPEN = ExitStack()


@cache
def connection() -> sqlite3.Connection:
    """A read-only connection to the bundled synset index (works on a read-only install).

    Every query through it turns SQLite's "file is not a database" or "database disk
    image is malformed" into :class:`DataDamagedError` (a damaged page is found by the
    query that reads it).

    Raises:
        DataMissingError: the index is not installed, or has another layout than this
            code reads (reinstall).
        DataDamagedError: it is not an SQLite database, or not an index.
    """
    import sqlite3  # here, not at the top: commands reading only JSON skip it

    path = _KEEP_OPEN.enter_context(as_file(resource(INDEX_FILE)))
    uri = path.resolve().as_uri() + "?mode=ro&immutable=1"
    db: sqlite3.Connection = sqlite3.connect(
        uri, uri=True, check_same_thread=False, factory=_connection_class()
    )
    try:
        row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    except DataDamagedError:
        db.close()
        raise
    found = row[0] if row else None
    if found != SCHEMA_VERSION:
        db.close()
        raise DataMissingError(
            f"the bundled index {INDEX_FILE} has layout {found or 'unknown'}, but this "
            f"version reads layout {SCHEMA_VERSION}; reinstall imagenet-cli"
        )
    # A small page cache: the file is immutable and stays in the OS's file cache, so a
    # page read again costs a read(2), while SQLite's default 2 MB cache, filled by the
    # LIKE scans of a search, was ~7% of a lookup's peak RSS (issue 15: 25 MB at most).
    db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    return db


index_db = connection


@cache
def _connection_class() -> type[Any]:
    """A connection whose cursors report a damaged index as :class:`DataDamagedError`."""
    import sqlite3

    def damaged(error: sqlite3.DatabaseError) -> Exception:
        """Corruption becomes DataDamagedError; another OperationalError (a query too
        complex, an interrupt) is a bug to see, not damage."""
        text = str(error)
        corrupt = ("malformed", "not a database", "no such table", "no such column", "I/O")
        if isinstance(error, sqlite3.OperationalError) and not any(w in text for w in corrupt):
            return error
        return DataDamagedError(INDEX_FILE, text)

    class Cursor(sqlite3.Cursor):
        def execute(self, *args: Any) -> Any:
            try:
                return super().execute(*args)
            except sqlite3.DatabaseError as error:
                raise damaged(error) from None

        def fetchone(self) -> Any:
            try:
                return super().fetchone()
            except sqlite3.DatabaseError as error:
                raise damaged(error) from None

        def fetchmany(self, *args: Any) -> list[Any]:
            try:
                return super().fetchmany(*args)
            except sqlite3.DatabaseError as error:
                raise damaged(error) from None

        def fetchall(self) -> list[Any]:
            try:
                return super().fetchall()
            except sqlite3.DatabaseError as error:
                raise damaged(error) from None

        def __next__(self) -> Any:
            try:
                return super().__next__()
            except sqlite3.DatabaseError as error:
                raise damaged(error) from None

    class Connection(sqlite3.Connection):
        def cursor(self, factory: Any = Cursor) -> Any:
            return super().cursor(factory)

        def execute(self, *args: Any) -> Any:
            return self.cursor().execute(*args)

        def executemany(self, *args: Any) -> Any:
            return self.cursor().executemany(*args)

    return Connection


_CHUNK = 900  # below SQLite's default limit of 999 bound parameters on old builds

SYNSET_FIELDS = "offset, name, lexname, gloss, ilsvrc2012_index, ilsvrc2012_id"
NODE_FIELDS = (
    "offset, name, min_depth, max_depth, ilsvrc2012_index, classes_below, in21k_below, "
    "wordnet_hyponyms"
)
SUBSET_FIELDS = "s.name, s.title, s.size, s.ilsvrc2012_overlap, s.description, s.source"


def _marks(values: Sequence[object]) -> str:
    return ",".join("?" * len(values))


def _chunks(values: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


# synsets ----------------------------------------------------------------------------------


def synset_rows(offsets: Sequence[int]) -> Iterator[tuple[Any, ...]]:
    """``(offset, name, lexname, gloss, ilsvrc2012_index, ilsvrc2012_id)`` of each offset
    present (at most :data:`_CHUNK` offsets)."""
    return index_db().execute(
        f"SELECT {SYNSET_FIELDS} FROM synsets WHERE offset IN ({_marks(offsets)})", offsets
    )


def lemma_rows(offsets: Sequence[int]) -> Iterator[tuple[int, str]]:
    """``(offset, lemma)`` in synset then WordNet order."""
    return index_db().execute(
        f"SELECT offset, lemma FROM lemmas WHERE offset IN ({_marks(offsets)}) "
        "ORDER BY offset, position",
        offsets,
    )


def hypernym_rows(offsets: Sequence[int]) -> Iterator[tuple[int, int, int]]:
    """``(offset, hypernym, instance)`` in synset then stored order (class hypernyms by
    name, then instance hypernyms by name)."""
    return index_db().execute(
        f"SELECT offset, hypernym, instance FROM hypernyms WHERE offset IN ({_marks(offsets)}) "
        "ORDER BY offset, position",
        offsets,
    )


def membership_rows(offsets: Sequence[int]) -> Iterator[tuple[int, str]]:
    """``(offset, list name)`` of the bundled lists containing each offset, lists in
    display order."""
    return index_db().execute(
        "SELECT m.offset, s.name FROM members m JOIN subsets s ON s.id = m.subset "
        f"WHERE m.offset IN ({_marks(offsets)}) ORDER BY m.offset, s.id",
        offsets,
    )


def all_offsets() -> list[int]:
    """Every offset of the index, ascending."""
    return [o for (o,) in index_db().execute("SELECT offset FROM synsets ORDER BY offset")]


def all_names() -> list[str]:
    """Every WordNet name of the index."""
    return [n for (n,) in index_db().execute("SELECT name FROM synsets")]


def class_rows() -> list[tuple[int, int]]:
    """``(offset, ilsvrc2012_index)`` of the 1000 classes."""
    return (
        index_db()
        .execute("SELECT offset, ilsvrc2012_index FROM synsets WHERE ilsvrc2012_index IS NOT NULL")
        .fetchall()
    )


def offset_of_class(index: int) -> int | None:
    """The offset of ILSVRC-2012 class ``index``, or None."""
    row = (
        index_db()
        .execute("SELECT offset FROM synsets WHERE ilsvrc2012_index = ?", (index,))
        .fetchone()
    )
    return None if row is None else int(row[0])


def offset_of_name(name: str) -> int | None:
    """The offset of a WordNet name (``dog.n.01``, case ignored), or None."""
    row = (
        index_db()
        .execute("SELECT offset FROM synsets WHERE name = ? COLLATE NOCASE", (name,))
        .fetchone()
    )
    return None if row is None else int(row[0])


def offset_of_sense_key(key: str) -> int | None:
    """The offset of a WordNet 3.0 sense key, or None."""
    row = index_db().execute("SELECT offset FROM lemmas WHERE sense_key = ?", (key,)).fetchone()
    return None if row is None else int(row[0])


def has_offset(offset: int) -> bool:
    """True when the offset is in the index."""
    row = index_db().execute("SELECT 1 FROM synsets WHERE offset = ?", (offset,)).fetchone()
    return row is not None


def lemma_matches(key: str) -> list[tuple[int, str, int]]:
    """``(offset, lemma, sense_rank)`` of the lemmas whose key equals ``key``, by sense rank."""
    return (
        index_db()
        .execute(
            "SELECT offset, lemma, sense_rank FROM lemmas WHERE key = ? ORDER BY sense_rank", (key,)
        )
        .fetchall()
    )


def lemma_keys_in(keys: Sequence[str]) -> set[str]:
    """Which of ``keys`` are lemma keys of the index."""
    if not keys:
        return set()
    rows = index_db().execute(
        f"SELECT DISTINCT key FROM lemmas WHERE key IN ({_marks(keys)})", keys
    )
    return {k for (k,) in rows}


def all_lemma_keys() -> list[str]:
    """Every distinct lemma key (lower case, spaces), sorted."""
    return [k for (k,) in index_db().execute("SELECT DISTINCT key FROM lemmas ORDER BY key")]


def lemmas_containing(pattern: str) -> Iterator[tuple[int, str, str]]:
    """``(offset, lemma, key)`` of lemmas whose key matches a LIKE ``pattern`` (``\\`` escapes)."""
    return index_db().execute(
        "SELECT offset, lemma, key FROM lemmas WHERE key LIKE ? ESCAPE '\\'", (pattern,)
    )


def glosses_containing(pattern: str) -> Iterator[tuple[int, str, int, int]]:
    """``(offset, gloss, not_a_class, min_depth)`` of glosses matching a LIKE ``pattern``."""
    return index_db().execute(
        "SELECT offset, gloss, ilsvrc2012_index IS NULL, min_depth FROM synsets "
        "WHERE gloss LIKE ? ESCAPE '\\'",
        (pattern,),
    )


def exception_bases(form: str) -> list[str]:
    """Base forms WordNet's noun.exc gives an inflected ``form`` (geese -> goose)."""
    rows = index_db().execute(
        "SELECT base FROM noun_exceptions WHERE form = ? ORDER BY base", (form,)
    )
    return [b for (b,) in rows]


def wordnet_nouns_blob(column: str) -> bytes:
    """One packed column of the ``wordnet_nouns`` table (``offsets``, ``lemmas``, ``names``)."""
    if column not in ("offsets", "lemmas", "names"):
        raise ValueError(f"no column {column!r} in wordnet_nouns")
    (blob,) = index_db().execute(f"SELECT {column} FROM wordnet_nouns").fetchone()
    return bytes(blob)


def meta(key: str) -> str | None:
    """A value of the index's ``meta`` table."""
    row = index_db().execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


# hierarchy --------------------------------------------------------------------------------


def node_rows(offsets: Sequence[int]) -> Iterator[tuple[Any, ...]]:
    """Rows of :data:`NODE_FIELDS` for each offset present (at most :data:`_CHUNK`)."""
    return index_db().execute(
        f"SELECT {NODE_FIELDS} FROM synsets WHERE offset IN ({_marks(offsets)})", offsets
    )


def parents_of(offset: int) -> list[int]:
    """Direct hypernyms in stored order (class hypernyms, then instance hypernyms)."""
    rows = index_db().execute(
        "SELECT hypernym FROM hypernyms WHERE offset = ? ORDER BY position", (offset,)
    )
    return [h for (h,) in rows]


def children_of(offset: int) -> list[tuple[int, int]]:
    """``(hyponym, instance)`` of the direct hyponyms in the index, by name."""
    return (
        index_db()
        .execute(
            "SELECT h.offset, h.instance FROM hypernyms h JOIN synsets s ON s.offset = h.offset "
            "WHERE h.hypernym = ? ORDER BY s.name",
            (offset,),
        )
        .fetchall()
    )


def below(offsets: Sequence[int]) -> set[int]:
    """The offsets and every synset of the index below any of them."""
    if not offsets:
        return set()
    seeds = " UNION ".join("SELECT ?" for _ in offsets)
    rows = index_db().execute(
        f"WITH RECURSIVE below(offset) AS ({seeds} UNION "
        "SELECT h.offset FROM hypernyms h JOIN below b ON h.hypernym = b.offset) "
        "SELECT offset FROM below",
        list(offsets),
    )
    return {o for (o,) in rows}


def edges_below(root: int, depth: int) -> list[tuple[int, int]]:
    """``(hypernym, hyponym)`` of every edge within ``depth`` levels below ``root``."""
    return (
        index_db()
        .execute(
            "WITH RECURSIVE below(offset, level) AS (SELECT ?, 0 UNION "
            "SELECT h.offset, b.level + 1 FROM hypernyms h JOIN below b ON h.hypernym = b.offset "
            "WHERE b.level < ?) "
            "SELECT DISTINCT h.hypernym, h.offset FROM hypernyms h "
            "JOIN below b ON h.hypernym = b.offset AND b.level < ? "
            "ORDER BY h.hypernym",
            (root, depth, depth),
        )
        .fetchall()
    )


def parent_pairs(offsets: Sequence[int]) -> list[tuple[int, int]]:
    """``(offset, hypernym)`` of every given offset, in stored order."""
    found: list[tuple[int, int]] = []
    for chunk in _chunks(sorted(offsets)):
        found += (
            index_db()
            .execute(
                f"SELECT offset, hypernym FROM hypernyms WHERE offset IN ({_marks(chunk)}) "
                "ORDER BY position",
                list(chunk),
            )
            .fetchall()
        )
    return found


# classes and lists ----------------------------------------------------------------------------


def class_lemma_rows() -> Iterator[tuple[int, str]]:
    """``(offset, lemma)`` of the 1000 classes, in WordNet order."""
    return index_db().execute(
        "SELECT c.offset, l.lemma FROM class_names c JOIN lemmas l ON l.offset = c.offset "
        "ORDER BY c.offset, l.position"
    )


def class_name_rows() -> Iterator[tuple[Any, ...]]:
    """``(offset, index, wnid, ilsvrc2012_id, torchvision name, simple name, WordNet name)``
    of the 1000 classes in index order."""
    return index_db().execute(
        "SELECT s.offset, s.ilsvrc2012_index, s.wnid, s.ilsvrc2012_id, c.torchvision, "
        "c.simple, s.name FROM synsets s JOIN class_names c ON c.offset = s.offset "
        "ORDER BY s.ilsvrc2012_index"
    )


def classes_beneath(offset: int) -> list[int]:
    """Indices of the ILSVRC-2012 classes in the subtree of ``offset`` (itself included)."""
    rows = index_db().execute(
        "SELECT class FROM classes_beneath WHERE offset = ? ORDER BY class", (offset,)
    )
    return [i for (i,) in rows]


def class_min_depths() -> list[int]:
    """``min_depth`` of each of the 1000 classes."""
    rows = index_db().execute("SELECT min_depth FROM synsets WHERE ilsvrc2012_index IS NOT NULL")
    return [d for (d,) in rows]


def subset_rows(name: str | None = None) -> list[tuple[Any, ...]]:
    """Rows of :data:`SUBSET_FIELDS`: every list in display order, or the one named."""
    if name is None:
        return index_db().execute(f"SELECT {SUBSET_FIELDS} FROM subsets s ORDER BY s.id").fetchall()
    return (
        index_db()
        .execute(f"SELECT {SUBSET_FIELDS} FROM subsets s WHERE s.name = ?", (name,))
        .fetchall()
    )


def subset_names() -> list[str]:
    """Names of the bundled lists in display order."""
    return [n for (n,) in index_db().execute("SELECT name FROM subsets ORDER BY id")]


def subset_offsets(name: str) -> list[int] | None:
    """Offsets of a list's members in list order; None when no list has that name."""
    db = index_db()
    row = db.execute("SELECT id FROM subsets WHERE name = ?", (name,)).fetchone()
    if row is None:
        return None
    rows = db.execute("SELECT offset FROM members WHERE subset = ? ORDER BY position", row)
    return [o for (o,) in rows]


def member_rows(name: str) -> list[tuple[int, str, str, int | None]]:
    """``(position, wnid, WordNet name, ilsvrc2012_index)`` of a list's members in order."""
    return (
        index_db()
        .execute(
            "SELECT m.position, y.wnid, y.name, y.ilsvrc2012_index FROM members m "
            "JOIN subsets s ON s.id = m.subset JOIN synsets y ON y.offset = m.offset "
            "WHERE s.name = ? ORDER BY m.position",
            (name,),
        )
        .fetchall()
    )


# exports ----------------------------------------------------------------------------------


def all_edges() -> list[tuple[int, int, int]]:
    """``(offset, hypernym, instance)`` of every edge of the index, in stored order."""
    return (
        index_db()
        .execute("SELECT offset, hypernym, instance FROM hypernyms ORDER BY offset, position")
        .fetchall()
    )


def list_closure_edges(name: str) -> list[tuple[int, int, int]]:
    """The edges of a bundled list's synsets and all their hypernyms, in one query."""
    return (
        index_db()
        .execute(
            "WITH RECURSIVE up(offset) AS ("
            "SELECT m.offset FROM members m JOIN subsets s ON s.id = m.subset WHERE s.name = ? "
            "UNION SELECT h.hypernym FROM hypernyms h JOIN up ON h.offset = up.offset) "
            "SELECT h.offset, h.hypernym, h.instance FROM hypernyms h "
            "JOIN up ON h.offset = up.offset ORDER BY h.offset, h.position",
            (name,),
        )
        .fetchall()
    )


def synset_count() -> int:
    """How many synsets the index holds."""
    return int(index_db().execute("SELECT count(*) FROM synsets").fetchone()[0])


#: The row shapes :func:`rows_of` reads: (table, columns, order).
ROW_SHAPES = {
    "names": ("synsets", "offset, name", "offset"),
    "nodes": (
        "synsets", "offset, wnid, name, ilsvrc2012_index, classes_below, in21k_below", "offset",
    ),
    "nodes+gloss": (
        "synsets",
        "offset, wnid, name, ilsvrc2012_index, classes_below, in21k_below, gloss",
        "offset",
    ),
    "lemmas": ("lemmas", "offset, lemma", "offset, position"),
}  # fmt: skip


def rows_of(shape: str, offsets: Sequence[int] | None) -> list[Any]:
    """Rows of a :data:`ROW_SHAPES` shape for these offsets (None: every synset)."""
    table, columns, order = ROW_SHAPES[shape]
    sql = f"SELECT {columns} FROM {table}"
    if offsets is None:
        return index_db().execute(f"{sql} ORDER BY {order}").fetchall()
    found: list[Any] = []
    for chunk in _chunks(sorted(offsets)):
        found += (
            index_db()
            .execute(f"{sql} WHERE offset IN ({_marks(chunk)}) ORDER BY {order}", list(chunk))
            .fetchall()
        )
    return found


# label layouts ------------------------------------------------------------------------------


def subset_source(name: str) -> str | None:
    """The source file a bundled list was read from."""
    row = index_db().execute("SELECT source FROM subsets WHERE name = ?", (name,)).fetchone()
    return None if row is None else str(row[0])


def subset_wnids(name: str) -> list[str]:
    """The wnids of a bundled list's members, in list order."""
    rows = index_db().execute(
        "SELECT y.wnid FROM members m JOIN subsets s ON s.id = m.subset "
        "JOIN synsets y ON y.offset = m.offset WHERE s.name = ? ORDER BY m.position",
        (name,),
    )
    return [w for (w,) in rows]


def wnid_names() -> list[tuple[str, str]]:
    """``(wnid, WordNet name)`` of every synset of the index."""
    return index_db().execute("SELECT wnid, name FROM synsets").fetchall()


# evaluation -------------------------------------------------------------------------------


def names_of_wnids(wnids: Sequence[str]) -> dict[str, str]:
    """``{wnid: WordNet name}`` of the given wnids found in the index."""
    found: dict[str, str] = {}
    for start in range(0, len(wnids), _CHUNK):
        chunk = list(wnids[start : start + _CHUNK])
        found.update(
            index_db().execute(
                f"SELECT wnid, name FROM synsets WHERE wnid IN ({_marks(chunk)})", chunk
            )
        )
    return found


def depth_rows() -> list[tuple[int, int, int]]:
    """``(offset, max_depth, min_depth)`` of every synset."""
    return index_db().execute("SELECT offset, max_depth, min_depth FROM synsets").fetchall()


_CLASS_CLOSURE = (
    "WITH RECURSIVE up(o) AS (SELECT offset FROM synsets WHERE ilsvrc2012_index IS NOT NULL "
    "UNION SELECT h.hypernym FROM hypernyms h JOIN up ON h.offset = up.o) "
)


def class_closure_edges() -> list[tuple[int, int]]:
    """``(offset, hypernym)`` of every edge above the 1000 classes."""
    return (
        index_db()
        .execute(
            _CLASS_CLOSURE
            + "SELECT h.offset, h.hypernym FROM hypernyms h JOIN up ON h.offset = up.o"
        )
        .fetchall()
    )


def class_closure_nodes() -> list[tuple[int, int | None, int, str]]:
    """``(offset, ilsvrc2012_index, max_depth, name)`` of the classes and their hypernyms."""
    return (
        index_db()
        .execute(
            _CLASS_CLOSURE + "SELECT s.offset, s.ilsvrc2012_index, s.max_depth, s.name "
            "FROM synsets s JOIN up ON s.offset = up.o"
        )
        .fetchall()
    )


# the browser ------------------------------------------------------------------------------


def list_closure(name: str) -> set[int]:
    """A bundled list's synsets and all their hypernyms (one recursive query)."""
    rows = index_db().execute(
        "WITH RECURSIVE up(offset) AS (SELECT m.offset FROM members m JOIN subsets s "
        "ON s.id = m.subset WHERE s.name = ? UNION "
        "SELECT h.hypernym FROM hypernyms h JOIN up u ON h.offset = u.offset) "
        "SELECT offset FROM up",
        (name,),
    )
    return {o for (o,) in rows}


def child_edges(parents: Sequence[int]) -> list[tuple[int, int]]:
    """``(hypernym, hyponym)`` of every edge below the given synsets."""
    found: list[tuple[int, int]] = []
    for chunk in _chunks(list(parents)):
        found += (
            index_db()
            .execute(
                f"SELECT hypernym, offset FROM hypernyms WHERE hypernym IN ({_marks(chunk)})",
                list(chunk),
            )
            .fetchall()
        )
    return found


def parent_counts(offsets: Sequence[int]) -> list[tuple[int, int]]:
    """``(offset, number of direct hypernyms)`` of each offset that has any."""
    found: list[tuple[int, int]] = []
    for chunk in _chunks(list(offsets)):
        found += (
            index_db()
            .execute(
                f"SELECT offset, count(*) FROM hypernyms WHERE offset IN ({_marks(chunk)}) "
                "GROUP BY offset",
                list(chunk),
            )
            .fetchall()
        )
    return found


def parents_with_kind(offset: int) -> list[tuple[int, int]]:
    """``(hypernym, instance)`` of one synset, in stored order."""
    return (
        index_db()
        .execute(
            "SELECT hypernym, instance FROM hypernyms WHERE offset = ? ORDER BY position", (offset,)
        )
        .fetchall()
    )


def present(offsets: Sequence[int]) -> list[int]:
    """The given offsets that are synsets of the index."""
    found: list[int] = []
    for chunk in _chunks(list(offsets)):
        found += [o for (o,) in index_db().execute(
            f"SELECT offset FROM synsets WHERE offset IN ({_marks(chunk)})", list(chunk)
        )]  # fmt: skip
    return found
