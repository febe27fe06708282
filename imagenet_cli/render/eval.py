"""Views and writers for ``imagenet eval`` and ``imagenet synsets distance-matrix``."""

from __future__ import annotations

import io
import json
from dataclasses import asdict
from typing import IO, TYPE_CHECKING, Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:  # the writers of distance matrices need none of the scoring code
    from imagenet_cli.eval.distances import DistanceMatrix, MatrixStats, Metric
    from imagenet_cli.eval.scoring import Evaluation

EVAL_COLUMNS = (
    "source", "labels", "n", "left_out", "top1", "top5", "mistakes", "mistake_severity",
    "hdist_1", "hdist_5", "hdist_20",
)  # fmt: skip


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}%"


def eval_record(result: Evaluation) -> dict[str, Any]:
    """The evaluation as a JSON object (accuracies in percent)."""
    record = asdict(result)
    record["hierarchical_distance"] = {f"@{k}": v for k, v in result.hierarchical_distance}
    return record


def eval_csv_rows(result: Evaluation) -> list[dict[str, Any]]:
    """One CSV row per label set; severity columns on the original labels' row only."""
    rows = []
    hdist = dict(result.hierarchical_distance)
    for accuracy in result.accuracies:
        row: dict[str, Any] = {
            "source": result.source, "labels": accuracy.labels, "n": accuracy.n,
            "left_out": accuracy.left_out,
            "top1": None if accuracy.top1 is None else round(accuracy.top1, 4),
            "top5": None if accuracy.top5 is None else round(accuracy.top5, 4),
        }  # fmt: skip
        if accuracy.labels in ("original", "targets"):
            row["mistakes"] = result.mistakes
            if result.mistake_severity is not None:
                row["mistake_severity"] = round(result.mistake_severity, 4)
            for k in (1, 5, 20):
                if k in hdist:
                    row[f"hdist_{k}"] = round(hdist[k], 4)
        rows.append(row)
    return rows


def eval_view(result: Evaluation) -> Group:
    """Accuracy table, mistake severity, worst classes and mistake groups."""
    title = (
        f"{result.source} · {result.rows:,} row{'s' * (result.rows != 1)} · {result.guesses} guess"
    )
    title += "es" if result.guesses != 1 else ""
    title += f" · {result.scheme}"
    if result.subset:
        title += f" · ranked within {result.subset}"
    accuracy = Table()
    for name in ("labels", "images", "left out", "top-1", "top-5"):
        accuracy.add_column(name, justify="left" if name == "labels" else "right")
    for a in result.accuracies:
        accuracy.add_row(a.labels, f"{a.n:,}", f"{a.left_out:,}", _pct(a.top1), _pct(a.top5))
    parts: list[Any] = [Text(title), accuracy]
    lines = Text()
    if result.mistake_severity is not None:
        lines.append(
            f"Top-1 mistakes: {result.mistakes:,}, mean severity "
            f"{result.mistake_severity:.3f} (lca-height, H = {result.height})\n"
        )
    else:
        lines.append("No top-1 mistakes.\n")
    if result.hierarchical_distance:
        shown = ", ".join(f"@{k} {v:.3f}" for k, v in result.hierarchical_distance)
        lines.append(f"Hierarchical distance of the k best guesses: {shown}\n")
        against = (
            "the file's targets"
            if any(a.labels == "targets" for a in result.accuracies)
            else "original labels"
        )
        lines.append(f"(Making Better Mistakes' measures, {against})\n")
    parts.append(lines)
    if result.mistakes and result.worst_classes:
        worst = Table(title="Worst classes (top-1)", title_justify="left")
        for name in ("index", "class", "top-1", "most often taken for"):
            worst.add_column(name, justify="right" if name in ("index", "top-1") else "left")
        for c in result.worst_classes:
            confused = f"{c.confused_with} ({c.confused_count})" if c.confused_with else "—"
            worst.add_row(str(c.index), c.name, f"{c.top1:.0f}%", confused)
        parts.append(worst)
    if result.mistake_groups:
        groups = Table(title="Top-1 mistakes by lowest common hypernym", title_justify="left")
        for name in ("mistakes", "share", "stay inside", "severity"):
            groups.add_column(name, justify="left" if name == "stay inside" else "right")
        for g in result.mistake_groups:
            groups.add_row(f"{g.mistakes:,}", f"{g.share:.1f}%", g.name, str(g.severity))
        parts.append(groups)
    return Group(*parts)


# --- distance matrices -----------------------------------------------------------------


def _number(value: float, metric: Metric) -> str:
    return repr(float(value)) if metric.value == "wup" else str(int(value))


def write_delimited(matrix: DistanceMatrix, out: IO[str], delimiter: str) -> None:
    """The matrix with a header row and a first column of wnids."""
    n = matrix.size
    out.write(delimiter.join(("wnid", *matrix.wnids)) + "\n")
    values = matrix.values
    for i, wnid in enumerate(matrix.wnids):
        row = values[i * n : (i + 1) * n]
        cells = [_number(v, matrix.metric) for v in row]
        out.write(delimiter.join((wnid, *cells)) + "\n")


def write_pairs(matrix: DistanceMatrix, out: IO[str]) -> None:
    """One CSV line per unordered pair (``a`` before ``b`` in row order)."""
    n = matrix.size
    out.write("a,b,a_name,b_name,distance\n")
    values = matrix.values
    wnids, names = matrix.wnids, matrix.names
    for i in range(n):
        for j in range(i + 1, n):
            value = _number(values[i * n + j], matrix.metric)
            out.write(f"{wnids[i]},{wnids[j]},{names[i]},{names[j]},{value}\n")


def matrix_record(matrix: DistanceMatrix, ids: list[int] | None = None) -> dict[str, Any]:
    """The matrix and what it is, as a JSON object."""
    record: dict[str, Any] = {
        "metric": matrix.metric.value,
        "definition": matrix.definition,
        "hierarchy": matrix.hierarchy,
        "height": matrix.height,
        "rewired": [asdict(r) for r in matrix.rewired],
        "wnids": list(matrix.wnids),
        "names": list(matrix.names),
    }
    if ids is not None:
        record["ids"] = ids
    record["matrix"] = matrix.rows()
    return record


def write_matrix_json(matrix: DistanceMatrix, out: IO[str], ids: list[int] | None) -> None:
    out.write(json.dumps(matrix_record(matrix, ids), ensure_ascii=False) + "\n")


_NPY_TYPES = {"B": "|u1", "H": "<u2", "d": "<f8"}


def npy_bytes(matrix: DistanceMatrix) -> bytes:
    """The matrix in NumPy's ``.npy`` format, version 1.0 (as ``numpy.save`` writes it):
    written directly, so numpy need not be imported to save one."""
    import sys
    from array import array

    values = matrix.values
    header = (
        f"{{'descr': '{_NPY_TYPES[values.typecode]}', 'fortran_order': False, "
        f"'shape': ({matrix.size}, {matrix.size}), }}"
    )
    pad = 64 - (10 + len(header) + 1) % 64
    header += " " * (pad % 64) + "\n"
    if sys.byteorder != "little" and values.itemsize > 1:
        values = array(values.typecode, values)
        values.byteswap()
    buffer = io.BytesIO()
    buffer.write(b"\x93NUMPY\x01\x00")
    buffer.write(len(header).to_bytes(2, "little"))
    buffer.write(header.encode("latin1"))
    buffer.write(values.tobytes())
    return buffer.getvalue()


def stats_record(stats: MatrixStats, matrix: DistanceMatrix) -> dict[str, Any]:
    record = asdict(stats)
    record["histogram"] = [{"distance": v, "pairs": c} for v, c in stats.histogram]
    record.update(metric=matrix.metric.value, hierarchy=matrix.hierarchy, height=matrix.height,
                  classes=matrix.size, rewired=[asdict(r) for r in matrix.rewired])  # fmt: skip
    return record


def stats_view(stats: MatrixStats, matrix: DistanceMatrix) -> Group:
    """Histogram, mean and the extreme pairs of a distance matrix."""

    def fmt(value: float) -> str:
        return f"{value:.3f}" if matrix.metric.value == "wup" else str(int(value))

    title = f"{matrix.metric.value} distances of {matrix.size:,} classes ({stats.pairs:,} pairs)"
    histogram = Table(title=title, title_justify="left")
    histogram.add_column("distance" + (" (from)" if matrix.metric.value == "wup" else ""),
                         justify="right")  # fmt: skip
    histogram.add_column("pairs", justify="right")
    histogram.add_column("share", justify="right")
    histogram.add_column("", justify="left")
    top = max(c for _, c in stats.histogram)
    for value, count in stats.histogram:
        bar = "█" * round(24 * count / top)
        histogram.add_row(fmt(value), f"{count:,}", f"{100 * count / stats.pairs:.1f}%", bar)
    text = Text()
    text.append(f"Mean {stats.mean:.3f}, min {fmt(stats.minimum)}, max {fmt(stats.maximum)}")
    if matrix.height is not None:
        text.append(f", H = {matrix.height}")
    text.append(f"; hierarchy: {matrix.hierarchy}\n")
    for label, pairs, count in (("Closest", stats.closest, stats.closest_count),
                                ("Farthest", stats.farthest, stats.farthest_count)):  # fmt: skip
        text.append(f"{label} pairs ({fmt(pairs[0].distance)}, {count:,} pairs): ")
        text.append("; ".join(f"{p.a_name} / {p.b_name}" for p in pairs))
        text.append(" ...\n" if count > len(pairs) else "\n")
    for r in matrix.rewired:
        text.append(f"Rewired: {r.child_name} from {r.old_parent_name} to {r.new_parent_name}\n")
    text.append(stats.definition)
    return Group(histogram, text)
