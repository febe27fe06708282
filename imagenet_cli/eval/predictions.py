"""Reading predictions: a CSV of ranked guesses, or a file of class scores (numpy).

CSV: a header row, then one row per image. Columns (case and spaces ignored):

* ``image``: a validation file name (``ILSVRC2012_val_00000001.JPEG``, any folder before
  it, extension optional) or its 1-based number; the label comes from the bundled
  validation labels. Or ``target``: the true class, for any other test set. Both may be
  given (then ``target`` is the label and ``image`` still gives the ReaL labels).
* ``pred``, or ranked ``pred_1``, ``pred_2``, ... ``pred_k``: the guesses, best first.

Classes are read by ``scheme`` (index 0-999, one-based, tf-slim 1-1000, devkit
ILSVRC2012_ID) or as wnids or names. A UTF-8 byte-order mark and CRLF line ends are fine.

Scores: ``.npy`` holding an ``N x 1000`` array (``N x 1001`` with TF-slim's background
column 0 under ``--scheme tf-slim``; columns in devkit order under ``--scheme devkit``), or
``.npz`` with such an array (named ``scores``/``logits``/``probs``, or its only array) and
optionally ``targets`` (class numbers in the scheme). Without targets, row ``i`` is
validation image ``i + 1`` and there must be 50,000 rows. Read with numpy
(``allow_pickle=False``), in chunks.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Any

from imagenet_cli._errors import ImagenetError
from imagenet_cli.eval.labels import VAL_IMAGES, val_name, val_number
from imagenet_cli.index.classes import Scheme

#: Guesses kept from a scores file: enough for hierarchical distance@20 (MBM's largest k).
SCORE_GUESSES = 20
_PRED = re.compile(r"^pred_(\d+)$")
_INTEGER = re.compile(r"^[+-]?\d+$", re.ASCII)


@dataclass(frozen=True, slots=True)
class Predictions:
    """Ranked guesses for a set of images, read and checked.

    Attributes:
        source: the file read.
        guesses: per row, class indices (0-999), best first, each class once.
        columns: guess columns in the file (``k``), or the guesses kept from scores.
        images: per row, the 1-based validation image number, or ``None`` (no ``image``).
        targets: per row, the true class index from a ``target`` column or array, or
            ``None`` (labels come from the validation set).
        raw_first: per row, the first guess as the integer written in the file (``None``
            when guesses were not integers), to recognise a numbering mix-up.
        raw_targets: the same for ``target``.
        scheme: the numbering the integers were read with.
    """

    source: str
    guesses: tuple[tuple[int, ...], ...]
    columns: int
    images: tuple[int, ...] | None
    targets: tuple[int, ...] | None
    raw_first: tuple[int, ...] | None
    raw_targets: tuple[int, ...] | None
    scheme: Scheme


def to_index(number: int, scheme: Scheme) -> int | None:
    """The class index (0-999) of an integer in ``scheme``, or ``None`` if out of range."""
    if scheme is Scheme.INDEX:
        return number if 0 <= number <= 999 else None
    if scheme in (Scheme.ONE_BASED, Scheme.TF_SLIM):
        return number - 1 if 1 <= number <= 1000 else None
    return _devkit_to_index().get(number)


_DEVKIT: dict[int, int] = {}


def _devkit_to_index() -> dict[int, int]:
    if not _DEVKIT:
        from imagenet_cli.index.classes import all_classes

        _DEVKIT.update({c.ilsvrc2012_id: c.index for c in all_classes()})
    return _DEVKIT


class _Classes:
    """Reads one cell as a class index, remembering every distinct text."""

    def __init__(self, scheme: Scheme) -> None:
        self.scheme = scheme
        self.seen: dict[str, tuple[int, int | None]] = {}

    def read(self, text: str) -> tuple[int, int | None]:
        """``(index, integer written or None)``; raises ImagenetError."""
        found = self.seen.get(text)
        if found is None:
            value = text.strip()
            if _INTEGER.match(value):
                number = int(value)
                index = to_index(number, self.scheme)
                if index is None:
                    hint = None
                    if self.scheme is Scheme.INDEX and number == 1000:
                        hint = (
                            "1000 is no model index: numbers 1-1000 are one-based or the "
                            "devkit's ILSVRC2012_IDs; try --scheme one-based or --scheme devkit"
                        )
                    from imagenet_cli.index.classes import get_class

                    try:
                        get_class(value, self.scheme)  # raises the scheme's own message
                    except ImagenetError as error:
                        raise ImagenetError(error.message, hint=hint or error.hint) from None
                    raise ImagenetError(f"{value} is no class in the {self.scheme.value} scheme")
                found = (index, number)
            else:
                from imagenet_cli.index.classes import get_class

                found = (get_class(value, self.scheme).index, None)
            self.seen[text] = found
        return found


def read_predictions(path: str | os.PathLike[str], scheme: Scheme = Scheme.INDEX,
                     subset: Sequence[int] | None = None) -> Predictions:  # fmt: skip
    """Read a predictions CSV or a scores file (``.npy``/``.npz``), by its extension.

    Args:
        path: the file.
        scheme: how integers name classes.
        subset: for scores, restrict the ranking to these class indices (the 200 classes
            of ImageNet-A or -R) before taking the best guesses.

    Raises:
        ImagenetError: the file is missing, empty, or malformed: missing columns, unknown
            classes, numbers outside the scheme, duplicate images, not 50,000 rows for the
            validation set, a bad array shape (the message names the line or row).
    """
    file = Path(path)
    if not file.is_file():
        raise ImagenetError(f"no file {os.fspath(path)}")
    if file.suffix.lower() in (".npy", ".npz"):
        return _read_scores(file, scheme, subset)
    with paused_gc():
        return _read_csv(file, scheme)


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while tens of thousands of tuples are made (they hold
    no cycles; collecting would only walk them again and again)."""
    import gc

    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _read_csv(file: Path, scheme: Scheme) -> Predictions:
    try:
        handle = open(file, encoding="utf-8-sig", newline="")  # noqa: SIM115
    except OSError as error:
        raise ImagenetError(f"cannot read {file}: {error.strerror}") from None
    with handle:
        try:
            text = handle.read()
            return _parse_csv(file, text, scheme)
        except UnicodeDecodeError:
            raise ImagenetError(f"{file} is not UTF-8 text") from None
        except csv.Error as error:
            raise ImagenetError(f"{file} is not valid CSV: {error}") from None


def _parse_csv(file: Path, text: str, scheme: Scheme) -> Predictions:
    """Parse a predictions CSV: column by column when every row is well formed (fast),
    else row by row, which names the line of the first problem."""
    import io

    rows = csv.reader(io.StringIO(text, newline=""))
    header = next(rows, None)
    while header is not None and not any(cell.strip() for cell in header):
        header = next(rows, None)
    if header is None:
        raise ImagenetError(f"{file} is empty")
    names = [cell.strip().lower().replace(" ", "_") for cell in header]
    listed = ", ".join(cell.strip() for cell in header)
    image_col = names.index("image") if "image" in names else None
    target_col = names.index("target") if "target" in names else None
    ranked = sorted((int(m.group(1)), i) for i, n in enumerate(names) if (m := _PRED.match(n)))
    if "pred" in names:
        pred_cols = [names.index("pred")]
    elif ranked:
        numbers = [k for k, _ in ranked]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ImagenetError(
                f"{file}: the ranked columns must be pred_1 .. pred_k without gaps "
                f"(found {', '.join(f'pred_{k}' for k in numbers)})"
            )
        pred_cols = [i for _, i in ranked]
    else:
        raise ImagenetError(
            f"{file} has no 'pred' or 'pred_1' column (its columns: {listed})",
            hint="name the best guess 'pred', or rank guesses as pred_1, pred_2, ...",
        )
    if image_col is None and target_col is None:
        raise ImagenetError(
            f"{file} has no 'image' or 'target' column (its columns: {listed})",
            hint="name validation images in 'image' (file name or number 1-50000), "
            "or give the true class in 'target'",
        )
    width = len(names)
    header_line = rows.line_num
    fast = _by_columns(file, list(rows), width, image_col, target_col, pred_cols, scheme)
    if fast is not None:
        return fast
    rows = csv.reader(io.StringIO(text, newline=""))
    while rows.line_num < header_line:
        next(rows)
    classes = _Classes(scheme)
    seen, read = classes.seen, classes.read
    guesses: list[tuple[int, ...]] = []
    images: list[int] = []
    targets: list[int] = []
    raw_targets: list[int | None] = []
    line_of: dict[int, int] = {}
    many = len(pred_cols) > 1
    pick: Any = itemgetter(*pred_cols) if many else (lambda row: (row[pred_cols[0]],))
    index_of: dict[str, int] = {}  # a guess as written -> class index
    raw_of: dict[str, int | None] = {}  # -> the integer written, or None for a name
    first_texts: list[str] = []
    for row in rows:
        if not row:
            continue
        try:
            if len(row) < width:
                row = row + [""] * (width - len(row))
            if image_col is not None:
                text = row[image_col]
                if len(text) == 28 and text.startswith("ILSVRC2012_val_") and text[23] == ".":
                    number = val_number(text) if not text[15:23].isdigit() else int(text[15:23])
                    if not 1 <= number <= VAL_IMAGES:
                        val_number(text)
                else:
                    number = val_number(_cell(row, image_col, "image"))
                if number in line_of:
                    raise ImagenetError(
                        f"{val_name(number)} appears twice, on lines {line_of[number]} "
                        f"and {rows.line_num}"
                    )
                line_of[number] = rows.line_num
                images.append(number)
            if target_col is not None:
                text = row[target_col]
                index, raw = seen.get(text) or read(_cell(row, target_col, "target"))
                targets.append(index)
                raw_targets.append(raw)
            texts = pick(row)
            try:
                found = list(map(index_of.__getitem__, texts))
            except KeyError:  # a text not seen before, or an empty guess
                found = _resolve(texts, index_of, raw_of, read)
            guesses.append(tuple(dict.fromkeys(found)) if many else (found[0],))
            first_texts.append(texts[0])
        except ImagenetError as error:
            raise ImagenetError(
                f"{file} line {rows.line_num}: {error.message}",
                hint=error.hint,
                suggestions=error.suggestions,
            ) from None
    if not guesses:
        raise ImagenetError(f"{file} has a header but no rows")
    if target_col is None:
        _check_complete(file, images)
    return Predictions(
        source=os.fspath(file),
        guesses=tuple(guesses),
        columns=len(pred_cols),
        images=tuple(images) if image_col is not None else None,
        targets=tuple(targets) if target_col is not None else None,
        raw_first=_all_int([raw_of[text] for text in first_texts]),
        raw_targets=_all_int(raw_targets) if target_col is not None else None,
        scheme=scheme,
    )  # fmt: skip


def _by_columns(
    file: Path,
    body: list[list[str]],
    width: int,
    image_col: int | None,
    target_col: int | None,
    pred_cols: list[int],
    scheme: Scheme,
) -> Predictions | None:
    """Read well-formed rows column by column (each distinct cell read once, the rest in
    C loops); ``None`` when anything is off, for the row-by-row reader to explain."""
    body = list(filter(None, body))
    if not body or set(map(len, body)) != {width}:
        return None
    columns = list(zip(*body, strict=True))
    classes = _Classes(scheme)

    def lookup(column: tuple[str, ...], blank: bool) -> list[int] | None:
        table: dict[str, int] = {}
        for text in set(column):
            if not text.strip():
                if not blank:
                    return None
                table[text] = -1
            else:
                table[text] = classes.read(text)[0]
        return list(map(table.__getitem__, column))

    try:
        images = None
        if image_col is not None:
            names = columns[image_col]
            if (set(map(len, names)) != {28}
                    or set(map(itemgetter(slice(0, 15)), names)) != {"ILSVRC2012_val_"}
                    or set(map(itemgetter(slice(23, None)), names)) != {".JPEG"}):  # fmt: skip
                return None
            images = list(map(int, map(itemgetter(slice(15, 23)), names)))
            if min(images) < 1 or max(images) > VAL_IMAGES or len(set(images)) != len(images):
                return None
            if target_col is None and len(images) != VAL_IMAGES:
                return None
        targets = lookup(columns[target_col], False) if target_col is not None else None
        first = lookup(columns[pred_cols[0]], False)
        others = [lookup(columns[c], True) for c in pred_cols[1:]]
    except (ImagenetError, ValueError):
        return None
    if first is None or (targets is None and target_col is not None):
        return None
    guesses: list[tuple[int, ...]]
    if not others:
        guesses = list(zip(first))
    else:
        ranked = [o for o in others if o is not None]
        guesses = list(map(tuple, map(dict.fromkeys, zip(first, *ranked, strict=True))))
        if any(-1 in o for o in ranked):
            guesses = [tuple(g for g in row if g >= 0) for row in guesses]
    seen = classes.seen
    raw_first = list(map(itemgetter(1), map(seen.__getitem__, columns[pred_cols[0]])))
    raw_targets = (
        list(map(itemgetter(1), map(seen.__getitem__, columns[target_col])))
        if target_col is not None
        else []
    )
    return Predictions(
        source=os.fspath(file),
        guesses=tuple(guesses),
        columns=len(pred_cols),
        images=tuple(images) if images is not None else None,
        targets=tuple(targets) if targets is not None else None,
        raw_first=_all_int(raw_first),
        raw_targets=_all_int(raw_targets) if target_col is not None else None,
        scheme=scheme,
    )


def _resolve(
    texts: Sequence[str],
    index_of: dict[str, int],
    raw_of: dict[str, int | None],
    read: Any,
) -> list[int]:
    """Class indices of one row's guesses, best first; empty cells after the first are
    skipped. Raises ImagenetError for an empty first guess or an unknown class."""
    found = []
    for position, text in enumerate(texts):
        if text not in index_of:
            if not text.strip():
                if position == 0:
                    raise ImagenetError("the first guess is empty")
                continue
            index_of[text], raw_of[text] = read(text)
        found.append(index_of[text])
    return found


def _all_int(values: list[int | None]) -> tuple[int, ...] | None:
    """The values if every one is an integer, else ``None``."""
    if any(v is None for v in values):
        return None
    return tuple(v for v in values if v is not None)


def _cell(row: list[str], col: int, what: str) -> str:
    value = row[col].strip()
    if not value:
        raise ImagenetError(f"the {what} is empty")
    return value


def _check_complete(file: Path, images: Sequence[int]) -> None:
    """A file scored against the validation labels must name each of the 50,000 images."""
    if len(images) == VAL_IMAGES:
        return
    present = set(images)
    missing = [n for n in range(1, VAL_IMAGES + 1) if n not in present]
    shown = ", ".join(val_name(n) for n in missing[:3])
    more = f" and {len(missing) - 3:,} more" if len(missing) > 3 else ""
    raise ImagenetError(
        f"{file} has {len(images):,} rows, but the validation set has 50,000 images: "
        f"{len(missing):,} missing ({shown}{more})",
        hint="give every image, or a 'target' column to score other images",
    )


# --- scores ------------------------------------------------------------------------------


def _read_scores(file: Path, scheme: Scheme, subset: Sequence[int] | None) -> Predictions:
    try:
        import numpy as np
    except ImportError:
        raise ImagenetError(
            "reading scores needs numpy", hint="pip install 'imagenet-cli[numpy]'"
        ) from None
    targets_raw: Any = None
    try:
        if file.suffix.lower() == ".npz":
            with np.load(file, allow_pickle=False) as archive:
                keys = list(archive.keys())
                named = [k for k in ("scores", "logits", "probs", "probabilities") if k in keys]
                others = [k for k in keys if k not in ("targets", "labels", "target")]
                if named:
                    key = named[0]
                elif len(others) == 1:
                    key = others[0]
                else:
                    raise ImagenetError(
                        f"{file} holds arrays {', '.join(keys) or 'none'}: name the scores "
                        "'scores' (and the true classes 'targets')"
                    )
                scores = archive[key]
                for name in ("targets", "labels", "target"):
                    if name in keys:
                        targets_raw = archive[name]
                        break
        else:
            scores = np.load(file, mmap_mode="r", allow_pickle=False)
    except ImagenetError:
        raise
    except (ValueError, OSError, EOFError) as error:
        raise ImagenetError(f"cannot read {file} as a numpy file: {error}") from None
    if scores.ndim != 2 or not np.issubdtype(scores.dtype, np.number):
        raise ImagenetError(
            f"{file} holds a {scores.dtype} array of shape {tuple(scores.shape)}; "
            "expected numbers, one row of class scores per image"
        )
    rows, width = scores.shape
    expected = 1001 if scheme is Scheme.TF_SLIM else 1000
    if width != expected:
        hint = (
            "1001 columns is TF-slim's layout (slot 0 = background): use --scheme tf-slim"
            if width == 1001
            else None
        )
        raise ImagenetError(
            f"{file} has {width} score columns; the {scheme.value} scheme expects {expected}",
            hint=hint,
        )
    if targets_raw is None and rows != VAL_IMAGES:
        raise ImagenetError(
            f"{file} has {rows:,} rows, but the validation set has 50,000 images "
            f"({abs(rows - VAL_IMAGES):,} {'missing' if rows < VAL_IMAGES else 'too many'})",
            hint="save one row per validation image in file order, or add 'targets' (.npz)",
        )
    # column c of the file -> class index
    if scheme is Scheme.DEVKIT:
        order = _devkit_to_index()
        column_class = np.array([order[c + 1] for c in range(1000)])
    else:
        column_class = np.arange(1000)
    allowed = None
    if subset is not None:
        allowed = np.zeros(1000, dtype=bool)
        allowed[list(subset)] = True
    keep = min(SCORE_GUESSES, 1000 if subset is None else len(subset))
    guesses: list[tuple[int, ...]] = []
    for start in range(0, rows, 5000):
        chunk = np.asarray(scores[start : start + 5000], dtype=np.float64)
        if scheme is Scheme.TF_SLIM:
            chunk = chunk[:, 1:]
        bad = np.isnan(chunk).any(axis=1)
        if bad.any():
            raise ImagenetError(f"{file} row {start + int(np.argmax(bad)) + 1} holds NaN scores")
        by_class = np.empty_like(chunk)
        by_class[:, column_class] = chunk
        if allowed is not None:
            by_class[:, ~allowed] = -np.inf
        top = np.argpartition(-by_class, keep - 1, axis=1)[:, :keep]
        picked = np.take_along_axis(by_class, top, axis=1)
        ranked = np.take_along_axis(top, np.argsort(-picked, axis=1, kind="stable"), axis=1)
        guesses.extend(tuple(int(c) for c in row) for row in ranked.tolist())
    targets = None
    raw_targets = None
    if targets_raw is not None:
        values = np.asarray(targets_raw)
        if values.shape != (rows,) or not np.issubdtype(values.dtype, np.integer):
            raise ImagenetError(
                f"{file}: 'targets' must hold {rows:,} integers, one per row "
                f"(it is a {values.dtype} array of shape {tuple(values.shape)})"
            )
        raw_targets = tuple(int(v) for v in values.tolist())
        found = []
        for row, number in enumerate(raw_targets, 1):
            index = to_index(number, scheme)
            if index is None:
                raise ImagenetError(
                    f"{file} target of row {row} is {number}, no class in the {scheme.value} scheme"
                )
            found.append(index)
        targets = tuple(found)
    return Predictions(
        source=os.fspath(file),
        guesses=tuple(guesses),
        columns=keep,
        images=tuple(range(1, rows + 1)) if targets is None else None,
        targets=targets,
        raw_first=None,
        raw_targets=None,
        scheme=scheme,
    )
