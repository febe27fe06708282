"""Text of decoded predictions, converted label files and label files of any layout.

Every function returns or yields complete text; the command writes it (to stdout or,
through ``atomic_write``, to a file), after all input has been read and checked.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence
from typing import Any

from imagenet_cli.index.decode import Decoded, format_score

PREDICTION_COLUMNS = ("row", "rank", "index", "wnid", "name", "score")


def _csv_cell(text: str) -> str:
    if any(ch in text for ch in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _lines(decoded: Decoded, prefixes: Sequence[str], template: str) -> Iterator[str]:
    """Formatted lines, one per prediction: ``template.format(row, rank, prefix, score)``
    with each output's ``prefix`` made once (250,000 lines in a fraction of a second)."""
    for row, (indices, scores) in enumerate(
        zip(decoded.indices.tolist(), decoded.scores.tolist(), strict=True)
    ):
        yield "".join(
            template.format(row, rank, prefixes[index], score)
            for rank, (index, score) in enumerate(zip(indices, scores, strict=True), 1)
        )


def _rows(decoded: Decoded) -> Iterator[tuple[int, int, int, str, str, str]]:
    """(row, rank, index, wnid, name, score text) for the table."""
    from imagenet_cli.index.decode import output_wnids

    names = decoded.label_names()
    wnids = output_wnids(decoded.layout.name)
    for row, (indices, scores) in enumerate(
        zip(decoded.indices.tolist(), decoded.scores.tolist(), strict=True)
    ):
        for rank, (index, score) in enumerate(zip(indices, scores, strict=True), 1):
            yield row, rank, index, wnids[index], names[index], format_score(score)


def predictions_csv(decoded: Decoded) -> Iterator[str]:
    """CSV with a header: row, rank, index, wnid, name, score."""
    from imagenet_cli.index.decode import output_wnids

    wnids = output_wnids(decoded.layout.name)
    prefixes = [
        f"{i},{w},{_csv_cell(n)}"
        for i, (w, n) in enumerate(zip(wnids, decoded.label_names(), strict=True))
    ]
    yield ",".join(PREDICTION_COLUMNS) + "\n"
    yield from _lines(decoded, prefixes, "{0},{1},{2},{3:.7g}\n")


def predictions_jsonl(decoded: Decoded) -> Iterator[str]:
    """One JSON object a line: row, rank, index, wnid, name, score."""
    from imagenet_cli.index.decode import output_wnids

    wnids = output_wnids(decoded.layout.name)
    prefixes = [
        f'"index": {i}, "wnid": "{w}", "name": {json.dumps(n, ensure_ascii=False)}'
        for i, (w, n) in enumerate(zip(wnids, decoded.label_names(), strict=True))
    ]
    template = '{{"row": {0}, "rank": {1}, {2}, "score": {3:.7g}}}\n'
    yield from _lines(decoded, prefixes, template)


def predictions_json(decoded: Decoded) -> Iterator[str]:
    """A JSON array of the objects of :func:`predictions_jsonl`, one per line."""
    first = True
    yield "["
    for lines in predictions_jsonl(decoded):
        for line in lines.splitlines():
            yield ("\n  " if first else ",\n  ") + line
            first = False
    yield "\n]\n"


def predictions_table(decoded: Decoded) -> str:
    """An aligned listing with a title naming the layout, the names and the softmax."""
    headers = ("row", "rank", "index", "wnid", "name", "score")
    data = [
        (str(row), str(rank), str(index), wnid, name, score)
        for row, rank, index, wnid, name, score in _rows(decoded)
    ]
    widths = [len(h) for h in headers]
    for cells in data:
        widths = [max(w, len(c)) for w, c in zip(widths, cells, strict=True)]
    right = {0, 1, 2, 5}

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    space = decoded.layout
    how = (
        "softmax of the raw scores"
        if decoded.softmaxed == decoded.rows
        else "scores as given"
        if decoded.softmaxed == 0
        else f"softmax on {decoded.softmaxed:,} of {decoded.rows:,} rows (the others sum to 1)"
    )
    title = (
        f"Top {decoded.top} of {decoded.rows:,} row{'s' if decoded.rows != 1 else ''}: "
        f"{space.name} ({space.width:,} outputs)\n{decoded.names} names; {how}"
    )
    out = [title, line(headers), line(["-" * w for w in widths])]
    out += [line(cells) for cells in data]
    return "\n".join(out) + "\n"


def converted_lines(values: Sequence[str | None], terminator: str = "\n") -> Iterator[str]:
    """One converted value a line (``None``: skipped)."""
    for value in values:
        if value is not None:
            yield value + terminator


def converted_csv(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    delimiter: str,
    terminator: str,
) -> str:
    """The table again with its delimiter and line ends (fields quoted where needed)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=terminator)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def label_file(fmt: str, wnids: Sequence[str], background: int, names: Sequence[str],
               lemmas: dict[str, tuple[str, ...]]) -> str:  # fmt: skip
    """A label file of one layout's outputs, in output order.

    * ``tf-slim``: ``N:names`` lines, as TF-slim's ``write_label_file`` writes
      ``labels.txt`` (``0:background``, then each class's WordNet lemmas joined by ", ",
      the form of its ``imagenet_metadata.txt``);
    * ``caffe``: ``wnid lemmas`` lines, the form of Caffe's ``synset_words.txt``;
    * ``torchvision``: one name a line;
    * ``keras``: ``{"0": [wnid, first lemma], ...}`` as Keras' imagenet_class_index.json.
    """

    def human(wnid: str) -> str:
        return ", ".join(lemma.replace("_", " ") for lemma in lemmas[wnid])

    if fmt == "tf-slim":
        lines = ["0:background"] if background else []
        lines += [f"{i + background}:{human(w)}" for i, w in enumerate(wnids)]
        return "\n".join(lines) + "\n"
    if fmt == "caffe":
        return "".join(f"{w} {human(w)}\n" for w in wnids)
    if fmt == "keras":
        data: dict[str, Any] = {str(i + background): [w, lemmas[w][0]] for i, w in enumerate(wnids)}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return "".join(f"{name}\n" for name in names)
