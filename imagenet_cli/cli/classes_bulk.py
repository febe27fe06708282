"""``imagenet classes decode`` and ``classes convert``: score files and label files in bulk,
plus many values for ``classes show`` and label files of any layout.

:func:`register` adds the commands to the ``classes`` app.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from imagenet_cli._text import count
from imagenet_cli.cli.errors import user_errors
from imagenet_cli.cli.options import CsvFlag, JsonFlag, JsonlFlag, pick_format

#: Text inputs of ``convert`` and ``show -`` are read whole; above this they are refused.
MAX_TEXT = 1 << 30


class DecodeFormat(str, Enum):
    """Outputs of ``classes decode``."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    JSONL = "jsonl"


class Softmax(str, Enum):
    """``--softmax``: auto keeps rows that already sum to 1."""

    AUTO = "auto"
    YES = "yes"
    NO = "no"


class Names(str, Enum):
    """``--names``: the list class names come from."""

    TORCHVISION = "torchvision"
    KERAS = "keras"
    SIMPLE = "simple"
    CLIP = "clip"
    WORDNET = "wordnet"


class Missing(str, Enum):
    """``--missing``: what a label without counterpart does."""

    ERROR = "error"
    SKIP = "skip"
    KEEP = "keep"


OutputOption = Annotated[
    Optional[Path],  # noqa: UP045 - Typer reads the annotation at run time
    typer.Option(
        "--output", "-o", dir_okay=False, help="Write to FILE (whole or not at all), not stdout."
    ),
]


def _emit(parts: Iterable[str], output: Path | None) -> None:
    """Write text to ``output`` through a temporary file, or to stdout."""
    if output is None:
        write = sys.stdout.write
        batch: list[str] = []
        for part in parts:
            batch.append(part)
            if len(batch) >= 4096:
                write("".join(batch))
                batch = []
        write("".join(batch))
        return
    from imagenet_cli import atomic_write

    with user_errors(), atomic_write(output) as handle:
        for part in parts:
            handle.write(part)


def _no_terminal(source: str) -> None:
    """Reading scores or labels from a terminal would wait forever: a usage error."""
    if source == "-" and sys.stdin.isatty():
        raise typer.BadParameter("give a FILE, or pipe the input to stdin")


def _read_text(source: str) -> str:
    """The whole text of a file or stdin (``-``): UTF-8, BOM dropped, line ends kept."""
    from imagenet_cli import ImagenetError

    if source == "-":
        data = sys.stdin.buffer.read(MAX_TEXT + 1)
        name = "stdin"
    else:
        path = Path(source)
        name = source
        if path.is_dir():
            raise ImagenetError(f"{source} is a folder, not a file")
        try:
            size = path.stat().st_size
            if size > MAX_TEXT:
                raise ImagenetError(
                    f"{source} is {size / 1e9:.1f} GB; label files are read whole, and the "
                    f"limit is {MAX_TEXT / 1e9:.1f} GB"
                )
            data = path.read_bytes()
        except OSError as error:
            raise ImagenetError(f"cannot read {source}: {error.strerror or error}") from None
    if len(data) > MAX_TEXT:
        raise ImagenetError(f"{name} holds more than {MAX_TEXT / 1e9:.1f} GB")
    if b"\x00" in data[:4096]:
        raise ImagenetError(f"{name} is not a text file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImagenetError(f"{name} is not UTF-8 text (byte {error.start})") from None
    if not text.strip():
        raise ImagenetError(f"{name} is empty")
    return text


def decode(
    file: Annotated[
        str,
        typer.Argument(help="Scores: .npy, .npz, CSV/TSV or JSON; - for stdin.", metavar="FILE"),
    ] = "-",
    top: Annotated[int, typer.Option("--top", "-k", min=1, help="Classes per row.")] = 5,
    layout: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--layout",
            "-l",
            help="Output order: in1k, tf-slim, in22k-ms, in21k, in22k, in12k ... "
            "(default: from the number of columns).",
        ),
    ] = None,
    softmax: Annotated[
        Softmax,
        typer.Option(
            "--softmax",
            case_sensitive=False,
            help="auto: rows summing to 1 are probabilities, others get a softmax.",
        ),
    ] = Softmax.AUTO,
    names: Annotated[
        Optional[Names],  # noqa: UP045
        typer.Option(
            "--names",
            case_sensitive=False,
            show_default=False,
            help="Class names: torchvision (default for 1k), keras, simple, clip, wordnet "
            "(default for 21k).",
        ),
    ] = None,
    array: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--array", help="The array of an .npz holding several."),
    ] = None,
    fmt: Annotated[
        Optional[DecodeFormat],  # noqa: UP045
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            show_default=False,
            help="table (default), json, csv or jsonl.",
        ),
    ] = None,
    as_json: JsonFlag = False,
    as_csv: CsvFlag = False,
    as_jsonl: JsonlFlag = False,
    output: OutputOption = None,
) -> None:
    """Decode model scores: the top classes of each row, with wnid, name and score."""
    from imagenet_cli import decode_file
    from imagenet_cli.render import labels

    kind = pick_format(fmt, as_json, as_csv, DecodeFormat, as_jsonl=as_jsonl)
    _no_terminal(file)
    from imagenet_cli import ScoreError

    with user_errors():
        try:
            decoded = decode_file(
                file, layout, top, softmax.value, names.value if names else None, array
            )
        except ScoreError as error:  # the library names no flags; the command does
            for option in ("layout", "array"):
                if error.hint:
                    error.hint = error.hint.replace(f"the {option} option", f"--{option}")
            raise
    for note in decoded.notes:
        sys.stderr.write(f"Note: {note}\n")
    if kind is DecodeFormat.CSV:
        _emit(labels.predictions_csv(decoded), output)
    elif kind is DecodeFormat.JSONL:
        _emit(labels.predictions_jsonl(decoded), output)
    elif kind is DecodeFormat.JSON:
        _emit(labels.predictions_json(decoded), output)
    else:
        _emit([labels.predictions_table(decoded)], output)


def convert(
    file: Annotated[
        str,
        typer.Argument(
            help="Labels: one a line, or CSV/TSV with --column; - for stdin.", metavar="FILE"
        ),
    ] = "-",
    src: Annotated[
        str,
        typer.Option(
            "--from",
            help="Scheme of the input: index (torch, torchvision, keras, timm), one-based, "
            "tf-slim, devkit, wnid, name, simple, or a layout (in22k-ms, in21k, imagenet-a ...).",
        ),
    ] = ...,  # type: ignore[assignment]
    dst: Annotated[str, typer.Option("--to", help="Scheme of the output (as --from).")] = ...,  # type: ignore[assignment]
    column: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--column",
            "-c",
            help="Convert this column of a CSV/TSV with a header; others pass through.",
        ),
    ] = None,
    missing: Annotated[
        Missing,
        typer.Option(
            "--missing",
            case_sensitive=False,
            help="A label without counterpart: error (default), skip the row, or keep it "
            "with an empty value.",
        ),
    ] = Missing.ERROR,
    output: OutputOption = None,
) -> None:
    """Convert class labels between numberings, wnids, names and label layouts."""
    from imagenet_cli import ConvertError, converter
    from imagenet_cli.render import labels

    _no_terminal(file)
    with user_errors():
        run = converter(src, dst, missing.value)
        text = _read_text(file)
        lines = text.splitlines(keepends=True)
        terminator = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
        try:
            if column is None:
                values = [(n, line.strip()) for n, line in enumerate(lines, 1) if line.strip()]
                out = [run(n - 1, value) for n, value in values]
                kept = [
                    "" if v is None and missing is Missing.KEEP else v
                    for v in out
                ]  # fmt: skip
                parts: Iterable[str] = labels.converted_lines(kept, terminator)
            else:
                parts = [_convert_table(text, lines, column, run, missing, terminator)]
        except ConvertError as error:
            from imagenet_cli import ImagenetError

            line = error.position + 1  # positions are 0-based line numbers
            hint = "--missing skip drops such rows, --missing keep empties them"
            raise ImagenetError(
                f"line {line}: {error.reason}", hint=hint if error.missing else None
            ) from None
    _emit(parts, output)


def _convert_table(
    text: str, lines: list[str], column: str, run: Any, missing: Missing, terminator: str
) -> str:
    import csv
    import io

    from imagenet_cli import ImagenetError
    from imagenet_cli.render import labels

    delimiter = "\t" if "\t" in lines[0] else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader)
    if column in header:
        at = header.index(column)
    elif column.isdigit() and 1 <= int(column) <= len(header):
        at = int(column) - 1
    else:
        raise ImagenetError(f"no column {column!r}; the header has {', '.join(map(repr, header))}")
    rows: list[list[str]] = []
    for record in reader:
        line = reader.line_num
        if not record:
            continue
        if len(record) <= at:
            raise ImagenetError(f"line {line}: {count(len(record), 'field')}, no column {column!r}")
        found = run(line - 1, record[at])
        if found is None:
            if missing is Missing.SKIP:
                continue
            found = ""
        record[at] = found
        rows.append(record)
    return labels.converted_csv(header, rows, delimiter, terminator)


def show_many(values: list[str], scheme: str, as_json: bool) -> None:
    """``classes show A B C`` or ``classes show -``: every value resolved before anything is
    printed; one bad value is one error line naming it."""
    from imagenet_cli import ImagenetError, Scheme, get_class
    from imagenet_cli.render.console import print_listing, write_json
    from imagenet_cli.render.records import class_show_record

    given: list[tuple[str, str]] = []  # (where, value)
    for position, value in enumerate(values, 1):
        if value == "-":
            with user_errors():
                text = _read_text("-")
            given += [
                (f"stdin line {n}", line.strip())
                for n, line in enumerate(text.splitlines(), 1)
                if line.strip()
            ]
        else:
            given.append((f"value {position}", value))
    found = []
    with user_errors():
        for where, value in given:
            try:
                found.append((value, get_class(value, Scheme(scheme))))
            except ImagenetError as error:
                error.message = f"{where} ({value!r}): {error.message}"
                raise
    if as_json:
        write_json([{"input": value, **class_show_record(c)} for value, c in found])
        return
    print_listing(
        count(len(found), "class"),
        ("input", "index", "one-based", "TF-slim", "ILSVRC2012_ID", "wnid", "name"),
        (
            (value, c.index, c.one_based, c.tf_slim_slot, c.ilsvrc2012_id, c.wnid, c.name)
            for value, c in found
        ),
        caption=f"Numbers read as {scheme} (--scheme).",
        right=(1, 2, 3, 4),
    )


def label_file_output(fmt: str, layout: str | None) -> None:
    """``classes --format tf-slim|caffe|torchvision|keras [--layout L]``: a whole label
    file of one layout, in output order."""
    from imagenet_cli import ImagenetError, label_space, output_names, synset
    from imagenet_cli.render.labels import label_file

    with user_errors():
        space = label_space(layout or ("tf-slim" if fmt == "tf-slim" else "in1k"))
        if fmt == "tf-slim" and space.wnids != label_space("in1k").wnids:
            raise ImagenetError("the tf-slim label file is for the 1000 classes only")
        if fmt == "caffe" and space.background:
            raise ImagenetError(f"caffe label files have no background slot; {space.name} has")
        lemmas: dict[str, list[str]] = {}
        wanted = set(space.wnids)
        for wnid in sorted(w for w in wanted if w):
            lemmas[wnid] = list(synset(wnid).lemmas)
        names = output_names(space.name, "torchvision")
        text = label_file(
            fmt, space.wnids, space.background if fmt == "tf-slim" else 0,
            names[space.background :] if fmt == "torchvision" else names,
            {w: tuple(v) for w, v in lemmas.items()},
        )  # fmt: skip
    sys.stdout.write(text)


def layouts(
    as_json: JsonFlag = False,
) -> None:
    """List the label layouts a model head can have: width, names users type, source."""
    from imagenet_cli import label_spaces
    from imagenet_cli.render.console import print_listing, write_json

    found = label_spaces()
    if as_json:
        write_json([
            {"name": s.name, "title": s.title, "width": s.width, "background": s.background,
             "aliases": list(s.aliases), "subset": s.subset, "source": s.source, "note": s.note}
            for s in found
        ])  # fmt: skip
        return
    print_listing(
        "Label layouts (output orders of model heads)",
        ("name", "outputs", "aliases"),
        ((s.name, f"{s.width:,}", _first(s.aliases, 48)) for s in found),
        caption="All aliases and sources: imagenet classes layouts --json\n"
        "A layout's outputs in order: imagenet subsets show NAME",
        right=(1,),
    )


def _first(names: tuple[str, ...], width: int) -> str:
    """As many of ``names`` as fit ``width`` characters, joined by commas."""
    shown: list[str] = []
    for name in names:
        if len(", ".join([*shown, name])) > width and shown:
            break
        shown.append(name)
    return ", ".join(shown)


def register(app: typer.Typer) -> None:
    """Add ``decode``, ``convert`` and ``layouts`` to the ``classes`` app."""
    app.command("decode")(decode)
    app.command("convert")(convert)
    app.command("layouts")(layouts)
