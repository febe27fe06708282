"""Decode classifier scores: the top classes of each row, under any label layout.

Scores come as numpy arrays, nested lists, or files: ``.npy`` / ``.npz`` (read with
``allow_pickle=False``, big files memory-mapped a chunk of rows at a time), CSV/TSV (with
or without a header, BOM and CRLF accepted, streamed), JSON (a list or a list of lists),
or a binary stream such as stdin. numpy is imported inside the functions that need it
(``pip install imagenet-cli[numpy]``), never when the package is imported.

Names (``names=``):

* ``torchvision``: torchvision's display names (``_IMAGENET_CATEGORIES``);
* ``simple``: the imagenet-simple-labels names (unique);
* ``keras``: the names of Keras' ``imagenet_class_index.json`` (first WordNet lemma);
* ``clip``: CLIP's prompt names (open_clip's ``IMAGENET_CLASSNAMES``), which give
  ``missile`` and ``sunglasses`` to two classes each; kept as they are;
* ``wordnet``: the WordNet name (``tench.n.01``), unique across all of WordNet.

The first four name only the 1000 ILSVRC-2012 classes; other synsets of a 21k layout get
their WordNet name. The default is ``torchvision`` for layouts of ILSVRC-2012 classes and
``wordnet`` for the others. Data sources: data/SOURCES.md.
"""

from __future__ import annotations

import io
import json
import math
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import IO, Any, NamedTuple

from imagenet_cli._errors import DataMissingError, ImagenetError
from imagenet_cli._text import count
from imagenet_cli.index.labelspaces import (
    BACKGROUND,
    LabelSpace,
    label_space,
    layout_for_width,
    layouts_of_width,
)

NAME_SOURCES = ("torchvision", "keras", "simple", "clip", "wordnet")
SOFTMAX_CHOICES = ("auto", "yes", "no")

#: Inputs that must be read whole (JSON, .npz members, .npy on stdin) above this size are
#: refused with their size; .npy files and CSV are streamed at any size.
MAX_IN_MEMORY = 1 << 30
#: The longest first line read (a 21,843-column CSV row is about 250 kB).
MAX_LINE = 64 << 20
#: Elements per chunk of rows (8 MiB of float32): temporaries stay small.
CHUNK_ELEMENTS = 1 << 21
#: A row is already probabilities when no value is below -PROB_TOLERANCE and its sum is
#: within PROB_TOLERANCE of 1.
PROB_TOLERANCE = 1e-3


class ScoreError(ImagenetError):
    """Scores that cannot be decoded: an unreadable file, a bad row, a wrong width.

    Attributes:
        row: the 0-based row at fault, when one is.
    """

    def __init__(self, message: str, *, row: int | None = None, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.row = row


@dataclass(frozen=True, slots=True)
class Prediction:
    """One of the top classes of one row.

    Attributes:
        row: the 0-based row (image) of the scores.
        rank: 1 for the highest score.
        index: the output index in the layout.
        wnid: the synset (empty for a background slot).
        name: the class name from the chosen list.
        score: the probability (after softmax where applied) or the raw score.
    """

    row: int
    rank: int
    index: int
    wnid: str
    name: str
    score: float


@dataclass(frozen=True)
class Decoded:
    """The top classes of every row.

    Attributes:
        layout: the label layout the columns were read in.
        names: which name list (``torchvision``, ``clip``, ...).
        indices: ``(rows, k)`` output indices, best first.
        scores: ``(rows, k)`` scores matching ``indices``.
        softmaxed: rows whose raw scores went through a softmax.
        notes: facts a reader should know (CLIP's duplicate names).
    """

    layout: LabelSpace
    names: str
    indices: Any
    scores: Any
    softmaxed: int
    notes: tuple[str, ...]

    @property
    def rows(self) -> int:
        """How many rows (images) were decoded."""
        return int(self.indices.shape[0])

    @property
    def top(self) -> int:
        """How many classes each row lists."""
        return int(self.indices.shape[1])

    def label_names(self) -> tuple[str, ...]:
        """The name of every output of the layout, in output order."""
        return output_names(self.layout.name, self.names)

    def predictions(self) -> Iterator[Prediction]:
        """Every row's top classes, row by row, best first."""
        names = self.label_names()
        wnids = output_wnids(self.layout.name)
        for row, (idx_row, score_row) in enumerate(
            zip(self.indices.tolist(), self.scores.tolist(), strict=True)
        ):
            for rank, (index, score) in enumerate(zip(idx_row, score_row, strict=True), 1):
                yield Prediction(row, rank, index, wnids[index], names[index], score)


def _numpy() -> Any:
    try:
        import numpy
    except ModuleNotFoundError:
        raise DataMissingError(
            "decoding scores needs numpy", hint="pip install 'imagenet-cli[numpy]'"
        ) from None
    return numpy


@cache
def output_wnids(layout: str) -> tuple[str, ...]:
    """The wnid of every output of ``layout`` ("" for a background slot)."""
    space = label_space(layout)
    return ("",) * space.background + space.wnids


@cache
def _wordnet_names() -> dict[str, str]:
    from imagenet_cli.index import _queries as q

    return dict(q.wnid_names())


@cache
def clip_names() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """CLIP's 1000 class names in index order, and the names it gives to several classes.

    Data source: ``data/clip_names.json`` (open_clip_torch 3.3.0,
    ``open_clip/zero_shot_metadata.py``).
    """
    from imagenet_cli._resources import load_json

    data = load_json("clip_names.json")
    return tuple(data["names"]), tuple(data["duplicates"])


@cache
def output_names(layout: str, names: str) -> tuple[str, ...]:
    """The name of each output of ``layout`` from the list ``names`` (see the module doc).

    Raises:
        ImagenetError: an unknown name list.
        NotFoundError: an unknown layout.
    """
    if names not in NAME_SOURCES:
        raise ImagenetError(f"no name list {names!r}; choose one of {', '.join(NAME_SOURCES)}")
    from imagenet_cli.index.classes import all_classes

    wordnet = _wordnet_names()
    by_wnid: dict[str, str] = {}
    classes = all_classes()
    if names == "torchvision":
        by_wnid = {c.wnid: c.name for c in classes}
    elif names == "simple":
        by_wnid = {c.wnid: c.simple_name for c in classes}
    elif names == "keras":
        by_wnid = {c.wnid: c.lemmas[0] for c in classes}
    elif names == "clip":
        clip, _ = clip_names()
        by_wnid = {c.wnid: clip[c.index] for c in classes}
    return tuple(
        BACKGROUND if not wnid else by_wnid.get(wnid) or wordnet[wnid]
        for wnid in output_wnids(layout)
    )


def default_names(space: LabelSpace) -> str:
    """``torchvision`` for layouts whose synsets are all ILSVRC-2012 classes, else
    ``wordnet``."""
    from imagenet_cli.index.classes import all_classes

    classes = {c.wnid for c in all_classes()}
    return "torchvision" if set(space.wnids) <= classes else "wordnet"


# --- reading -------------------------------------------------------------------------


class ScoreSource(NamedTuple):
    """Scores to decode: their width and an iterator of ``(first_row, chunk)`` arrays."""

    width: int
    chunks: Iterator[tuple[int, Any]]
    description: str


def _chunk_rows(width: int) -> int:
    return max(1, CHUNK_ELEMENTS // max(width, 1))


def _as_matrix(np: Any, values: Any, what: str) -> Any:
    """A 2-D numeric array from an array or nested lists (a 1-D input is one row)."""
    if isinstance(values, np.ndarray):
        array = values
    else:
        try:
            array = np.asarray(values, dtype=np.float64)
        except (ValueError, TypeError) as error:
            raise ScoreError(
                f"{what} is not a table of numbers: {_first_line(error)}",
                hint="every row needs the same number of scores",
            ) from None
    if array.dtype.kind not in "fiu":
        raise ScoreError(f"{what} holds {array.dtype} values, not numbers")
    if array.ndim == 1:
        array = array.reshape(1, -1)
    if array.ndim != 2:
        raise ScoreError(f"{what} has {array.ndim} dimensions; scores are rows x classes")
    if array.shape[0] == 0 or array.shape[1] == 0:
        raise ScoreError(f"{what} holds no scores (shape {tuple(array.shape)})")
    return array


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


def _array_chunks(array: Any) -> Iterator[tuple[int, Any]]:
    step = _chunk_rows(array.shape[1])
    for start in range(0, array.shape[0], step):
        yield start, array[start : start + step]


def _size_check(size: int, name: str, how: str) -> None:
    if size > MAX_IN_MEMORY:
        raise ScoreError(
            f"{name} is {size / 1e9:.1f} GB; {how} is read whole, and the limit is "
            f"{MAX_IN_MEMORY / 1e9:.1f} GB",
            hint="save the scores as .npy (numpy.save), which is streamed at any size",
        )


def _npy_file(np: Any, path: Path, name: str) -> ScoreSource:
    try:
        mapped = np.load(path, mmap_mode="r", allow_pickle=False)
    except ValueError as error:
        if "object" in str(error).lower() or "pickle" in str(error).lower():
            raise ScoreError(
                f"{name} holds Python objects (a pickle); refused: pickles run code when loaded",
                hint="save a numeric array (numpy.save(path, scores.astype('float32')))",
            ) from None
        raise ScoreError(f"{name} is not a readable .npy file: {_first_line(error)}") from None
    except OSError as error:
        raise ScoreError(f"cannot read {name}: {_first_line(error)}") from None
    array = _as_matrix(np, mapped, name)
    if mapped.ndim != 2 or not mapped.flags.c_contiguous:
        return ScoreSource(array.shape[1], _array_chunks(array), name)
    rows, width = mapped.shape
    dtype, offset = mapped.dtype, mapped.offset
    del array, mapped

    def chunks() -> Iterator[tuple[int, Any]]:
        # A map per chunk, dropped after use: resident memory stays at one chunk.
        step = _chunk_rows(width)
        for start in range(0, rows, step):
            n = min(step, rows - start)
            part = np.memmap(
                path, dtype=dtype, mode="r", offset=offset + start * width * dtype.itemsize,
                shape=(n, width),
            )  # fmt: skip
            yield start, np.asarray(part)  # no copy; the map closes once the chunk is done
            del part

    return ScoreSource(width, chunks(), name)


def _npz(np: Any, source: Any, name: str, array_name: str | None) -> ScoreSource:
    import zipfile

    try:
        archive = zipfile.ZipFile(source)
    except zipfile.BadZipFile:
        raise ScoreError(f"{name} is not a readable .npz file") from None
    members = {
        info.filename[:-4]: info for info in archive.infolist() if info.filename.endswith(".npy")
    }
    if not members:
        raise ScoreError(
            f"{name} is a zip archive without .npy arrays (a PyTorch file?); refused",
            hint="save the scores with numpy.save or numpy.savez",
        )
    if array_name is None:
        if len(members) > 1:
            raise ScoreError(
                f"{name} holds {len(members)} arrays: {', '.join(sorted(members))}",
                hint="choose one with the array option",
            )
        (array_name,) = members
    if array_name not in members:
        raise ScoreError(f"{name} has no array {array_name!r}; it has {', '.join(members)}")
    _size_check(members[array_name].file_size, f"{name}:{array_name}", "an .npz array")
    with archive.open(members[array_name]) as handle:
        try:
            array = np.lib.format.read_array(handle, allow_pickle=False)
        except ValueError as error:
            raise ScoreError(
                f"{name}:{array_name} holds Python objects (a pickle); refused"
                if "pickle" in str(error).lower()
                else f"{name}:{array_name} is not a readable array: {_first_line(error)}"
            ) from None
    array = _as_matrix(np, array, f"{name}:{array_name}")
    return ScoreSource(array.shape[1], _array_chunks(array), f"{name}:{array_name}")


def _text_rows(np: Any, handle: IO[str], name: str) -> ScoreSource:
    import csv
    import itertools

    lines = iter(handle)
    first = handle.readline(MAX_LINE)
    while first and not first.strip():
        first = handle.readline(MAX_LINE)
    if not first:
        raise ScoreError(f"{name} is empty")
    if len(first) == MAX_LINE and not first.endswith("\n"):
        raise ScoreError(f"{name}: the first line is longer than {MAX_LINE >> 20} MB")
    stripped = first.lstrip("\ufeff").lstrip()
    if stripped.startswith("["):
        rest = "".join(lines)
        _size_check(len(rest), name, "JSON")
        return _json_rows(np, first.lstrip("\ufeff") + rest, name)
    delimiter = "\t" if "\t" in first else ","
    reader = csv.reader(itertools.chain([first.lstrip("\ufeff")], lines), delimiter=delimiter)
    header = next(reader)
    pending: list[list[float]] = []
    if all(_is_number(cell) for cell in header):
        values = [float(cell) for cell in header]
        # a header of column numbers (pandas' to_csv of an unnamed frame) is no scores row
        if values not in ([float(i) for i in range(len(values))],
                          [float(i) for i in range(1, len(values) + 1)]):  # fmt: skip
            pending = [values]
    # pandas writes its row index as a first column with an empty header cell: drop it
    skip = 1 if not pending and header and not header[0].strip() else 0
    width = len(header) - skip

    def chunks() -> Iterator[tuple[int, Any]]:
        step = _chunk_rows(width)
        rows: list[list[float]] = list(pending)
        start = 0
        for record in reader:
            line_no = reader.line_num
            if not record or (len(record) == 1 and not record[0].strip()):
                continue
            if skip:
                record = record[skip:]
            if len(record) != width:
                raise ScoreError(
                    f"{name} line {line_no}: {count(len(record), 'value')} where the first row "
                    f"has {width}",
                    row=start + len(rows),
                )
            try:
                rows.append([float(cell) for cell in record])
            except ValueError:
                at = next(i for i, c in enumerate(record) if not _is_number(c))
                raise ScoreError(
                    f"{name} line {line_no}, column {at + 1 + skip}: {record[at][:40]!r} is "
                    "not a number",
                    row=start + len(rows),
                ) from None
            if len(rows) == step:
                yield start, np.array(rows)
                start += len(rows)
                rows = []
        if rows:
            yield start, np.array(rows)
        elif start == 0:
            raise ScoreError(f"{name} has a header but no rows of scores")

    return ScoreSource(width, chunks(), name)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _json_rows(np: Any, text: str, name: str) -> ScoreSource:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ScoreError(f"{name} is not valid JSON: {error.msg} (line {error.lineno})") from None
    if not isinstance(data, list) or not data:
        raise ScoreError(f"{name}: JSON scores are a list of numbers or a list of lists")
    rows = data if isinstance(data[0], list) else [data]
    width = len(rows[0]) if isinstance(rows[0], list) else 0
    for i, row in enumerate(rows):
        if not isinstance(row, list):
            raise ScoreError(f"{name} row {i}: not a list of numbers", row=i)
        if len(row) != width:
            raise ScoreError(
                f"{name} row {i}: {count(len(row), 'value')} where row 0 has {width}", row=i
            )
        bad = next((v for v in row if isinstance(v, bool) or not isinstance(v, (int, float))), None)
        if bad is not None:
            raise ScoreError(f"{name} row {i}: {json.dumps(bad)[:40]} is not a number", row=i)
    array = _as_matrix(np, rows, name)
    return ScoreSource(array.shape[1], _array_chunks(array), name)


_PICKLE_PROTOCOLS = {bytes([0x80, p]) for p in range(2, 6)}


def read_scores(
    source: str | os.PathLike[str] | IO[bytes], *, array: str | None = None
) -> ScoreSource:
    """Open scores for decoding, recognised by content (not by file name).

    Args:
        source: a path, ``"-"`` for stdin, or a binary stream.
        array: the array to read from an ``.npz`` that holds several.

    Returns:
        The width and an iterator of ``(first_row, chunk)`` 2-D arrays; rows are read as
        the iterator advances, so bad rows far into a file raise :class:`ScoreError` then.

    Raises:
        ScoreError: a folder, a missing or empty file, a pickle (refused), a zip without
            arrays, a ragged or non-numeric table, invalid JSON, an input too big to read
            whole (with its size).
        DataMissingError: numpy is not installed.
    """
    np = _numpy()
    if isinstance(source, (str, os.PathLike)) and os.fspath(source) != "-":
        path = Path(source)
        name = os.fspath(source)
        if path.is_dir():
            raise ScoreError(f"{name} is a folder, not a file of scores")
        try:
            size = path.stat().st_size
            with path.open("rb") as handle:
                head = handle.read(64)
        except OSError as error:
            raise ScoreError(f"cannot read {name}: {error.strerror or error}") from None
        if size == 0:
            raise ScoreError(f"{name} is empty")
        if head.startswith(b"\x93NUMPY"):
            return _npy_file(np, path, name)
        if head.startswith(b"PK\x03\x04"):
            return _npz(np, path, name, array)
        _refuse_binary(head, name)
        if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"["):
            _size_check(size, name, "JSON")
        handle_text = path.open(encoding="utf-8-sig", errors="strict", newline="")
        return _guarded(lambda: _text_rows(np, handle_text, name), name)
    stream: IO[bytes] = sys.stdin.buffer if not hasattr(source, "read") else source  # type: ignore[assignment]
    name = "stdin" if stream is sys.stdin.buffer else "the input"
    head = stream.read(64)
    if not head:
        raise ScoreError(f"{name} is empty")
    if head.startswith(b"\x93NUMPY") or head.startswith(b"PK\x03\x04"):
        data = head + stream.read(MAX_IN_MEMORY + 1 - len(head))
        _size_check(len(data), name, "binary input on a pipe")
        if head.startswith(b"PK"):
            return _npz(np, io.BytesIO(data), name, array)
        try:
            loaded = np.load(io.BytesIO(data), allow_pickle=False)
        except ValueError as error:
            raise ScoreError(
                f"{name} holds Python objects (a pickle); refused"
                if "pickle" in str(error).lower()
                else f"{name} is not a readable .npy: {_first_line(error)}"
            ) from None
        matrix = _as_matrix(np, loaded, name)
        return ScoreSource(matrix.shape[1], _array_chunks(matrix), name)
    _refuse_binary(head, name)
    rest = io.BufferedReader(_Prefixed(head, stream))
    text = io.TextIOWrapper(rest, encoding="utf-8-sig", errors="strict", newline="")
    return _guarded(lambda: _text_rows(np, text, name), name)


class _Prefixed(io.RawIOBase):
    """A raw stream that yields ``head`` and then the rest of ``stream``."""

    def __init__(self, head: bytes, stream: IO[bytes]) -> None:
        self._head = head
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _refuse_binary(head: bytes, name: str) -> None:
    if head[:2] in _PICKLE_PROTOCOLS:
        raise ScoreError(
            f"{name} looks like a Python pickle; refused: pickles run code when loaded",
            hint="save the scores with numpy.save or as CSV",
        )
    if b"\x00" in head:
        raise ScoreError(f"{name} is not a .npy, .npz, CSV or JSON file of scores")


def _guarded(open_rows: Callable[[], ScoreSource], name: str) -> ScoreSource:
    """Undecodable text or a broken CSV becomes a ScoreError, when opened or later."""
    import csv

    def failed(error: Exception) -> ScoreError:
        if isinstance(error, UnicodeDecodeError):
            return ScoreError(f"{name} is not UTF-8 text, .npy, .npz or JSON")
        return ScoreError(f"{name} is not a readable CSV: {_first_line(error)}")

    try:
        source = open_rows()
    except (UnicodeDecodeError, csv.Error) as error:
        raise failed(error) from None

    def chunks() -> Iterator[tuple[int, Any]]:
        try:
            yield from source.chunks
        except (UnicodeDecodeError, csv.Error) as error:
            raise failed(error) from None

    return ScoreSource(source.width, chunks(), source.description)


# --- decoding ------------------------------------------------------------------------


def _resolve_layout(width: int, layout: str | LabelSpace | None, what: str) -> LabelSpace:
    if layout is None:
        try:
            return layout_for_width(width)
        except ImagenetError as error:
            raise ScoreError(f"{what} has {width:,} columns; {error.message}",
                             hint=error.hint) from None  # fmt: skip
    space = layout if isinstance(layout, LabelSpace) else label_space(layout)
    if space.width != width:
        fits = layouts_of_width(width)
        raise ScoreError(
            f"{what} has {width:,} columns but layout {space.name} has {space.width:,} outputs",
            hint=f"{width:,} columns fit {', '.join(fits)}" if fits else None,
        )
    return space


def decode(
    scores: Any,
    layout: str | LabelSpace | None = None,
    top: int = 5,
    softmax: str = "auto",
    names: str | None = None,
) -> Decoded:
    """The ``top`` classes of each row of ``scores``.

    Args:
        scores: a ``(rows, outputs)`` or ``(outputs,)`` numpy array or nested lists of
            numbers, or a :class:`ScoreSource` from :func:`read_scores`.
        layout: a layout name or alias (``in1k``, ``in22k-ms``, ``tf-slim``); default:
            the one layout of that width.
        top: how many classes per row (at most the width).
        softmax: ``auto`` (rows already probabilities, non-negative and summing to 1
            within 1e-3, are kept, other rows go through a softmax), ``yes`` or ``no``
            (raw scores).
        names: ``torchvision``, ``keras``, ``simple``, ``clip`` or ``wordnet``; default
            as :func:`default_names`.

    Returns:
        A :class:`Decoded`; ``decoded.predictions()`` yields the rows' top classes.

    Raises:
        ScoreError: a width that fits no layout or several (named), a width other than
            the chosen layout's, a NaN or infinite score (its row named), a bad file.
        ImagenetError: ``top`` below 1, an unknown softmax mode or name list.
        NotFoundError: an unknown layout.
        DataMissingError: numpy is not installed.
    """
    np = _numpy()
    if top < 1:
        raise ImagenetError(f"top must be at least 1, not {top}")
    if softmax not in SOFTMAX_CHOICES:
        raise ImagenetError(f"softmax must be one of {', '.join(SOFTMAX_CHOICES)}")
    if isinstance(scores, ScoreSource):
        source = scores
    else:
        matrix = _as_matrix(np, scores, "the scores")
        source = ScoreSource(matrix.shape[1], _array_chunks(matrix), "the scores")
    space = _resolve_layout(source.width, layout, source.description)
    chosen = names or default_names(space)
    output_names(space.name, chosen)  # validates the name list before any work
    k = min(top, space.width)
    all_indices: list[Any] = []
    all_scores: list[Any] = []
    softmaxed = 0
    for start, chunk in source.chunks:
        x = chunk if chunk.dtype.kind == "f" else chunk.astype(np.float64)
        # a NaN or an infinity makes the row's sum non-finite (float64 cannot overflow here)
        sums = x.sum(axis=1, dtype=np.float64)
        finite = np.isfinite(sums)
        if not finite.all():
            bad = int(np.argmin(finite))
            column = int(np.argmin(np.isfinite(x[bad])))
            value = x[bad, column]
            raise ScoreError(
                f"{source.description} row {start + bad}: {value} at column {column}; "
                "scores must be finite",
                row=start + bad,
            )
        idx, best = _top_k(np, x, k)
        best = best.astype(np.float64)
        if softmax != "no":
            if softmax == "yes":
                needs = np.ones(x.shape[0], dtype=bool)
            else:
                probabilities = (x.min(axis=1) >= -PROB_TOLERANCE) & (
                    np.abs(sums - 1) <= PROB_TOLERANCE
                )
                needs = ~probabilities
            if needs.any():
                sub = x if needs.all() else x[needs]
                peak = sub.max(axis=1, keepdims=True)
                total = np.exp(sub - peak).sum(axis=1, keepdims=True, dtype=np.float64)
                log_norm = peak.astype(np.float64) + np.log(total)
                best[needs] = np.exp(best[needs] - log_norm)
                softmaxed += int(needs.sum())
        all_indices.append(idx)
        all_scores.append(best)
    notes: list[str] = []
    if chosen == "clip":
        _, repeated = clip_names()
        if repeated:
            classes = _clip_duplicates()
            notes.append(
                "CLIP's list gives the same name to several classes, kept as open_clip has "
                "them: "
                + "; ".join(f"{n!r} to {', '.join(map(str, classes[n]))}" for n in repeated)
            )
    if space.background:
        notes.append(f"{space.name}: output 0 is {BACKGROUND!r}, output i+1 is class i")
    return Decoded(
        space, chosen, np.concatenate(all_indices), np.concatenate(all_scores), softmaxed,
        tuple(notes),
    )  # fmt: skip


def _top_k(np: Any, x: Any, k: int) -> tuple[Any, Any]:
    """Indices and values of each row's ``k`` largest values, best first; ties go to the
    lower index (as a stable sort would). ``x`` holds finite values only."""
    rows = x.shape[0]
    if k <= 16:  # k passes of argmax beat a partition of every row
        work = x.copy()
        idx = np.empty((rows, k), dtype=np.int64)
        values = np.empty((rows, k), dtype=x.dtype)
        everyone = np.arange(rows)
        for j in range(k):
            best = work.argmax(axis=1)  # the first of equal maxima
            idx[:, j] = best
            values[:, j] = work[everyone, best]
            work[everyone, best] = -np.inf
        return idx, values
    if k < x.shape[1]:
        part = np.argpartition(x, x.shape[1] - k, axis=1)[:, x.shape[1] - k :]
    else:
        part = np.broadcast_to(np.arange(x.shape[1]), x.shape).copy()
    values = np.take_along_axis(x, part, axis=1)
    part, values = _lowest_index_on_ties(np, x, part, values, k)
    order = np.lexsort((part, -values), axis=1)
    return np.take_along_axis(part, order, axis=1), np.take_along_axis(values, order, axis=1)


def _lowest_index_on_ties(np: Any, x: Any, part: Any, values: Any, k: int) -> tuple[Any, Any]:
    """Where several outputs tie with the k-th best score, keep the lowest indices (as a
    stable sort would), so the result never depends on argpartition's choice."""
    kth = values.min(axis=1, keepdims=True)
    above = (x > kth).sum(axis=1)
    tied = (x == kth).sum(axis=1)
    rows = np.nonzero(above + tied > k)[0]
    if rows.size:
        sub, t = x[rows], kth[rows]
        equal = sub == t
        keep = (sub > t) | (equal & (np.cumsum(equal, axis=1) <= (k - above[rows])[:, None]))
        chosen = np.nonzero(keep)[1].reshape(rows.size, k)
        part[rows] = chosen
        values[rows] = np.take_along_axis(sub, chosen, axis=1)
    return part, values


@cache
def _clip_duplicates() -> dict[str, tuple[int, ...]]:
    names, repeated = clip_names()
    return {n: tuple(i for i, m in enumerate(names) if m == n) for n in repeated}


def decode_file(
    source: str | os.PathLike[str] | IO[bytes],
    layout: str | None = None,
    top: int = 5,
    softmax: str = "auto",
    names: str | None = None,
    array: str | None = None,
) -> Decoded:
    """:func:`decode` of a file or stream read by :func:`read_scores` (same errors)."""
    return decode(read_scores(source, array=array), layout, top, softmax, names)


def format_score(score: float) -> str:
    """A score with 7 significant digits (float32 precision)."""
    if math.isnan(score):
        return "nan"
    return f"{score:.7g}"
