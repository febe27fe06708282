"""``ilsvrc-timeline``: the winning ILSVRC error by year, against the human 5.1% estimate."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from imagenet_cli._errors import ImagenetError
from imagenet_cli.render.figures._style import (
    INK,
    MUTED,
    OKABE_ITO,
    footer,
    new_figure,
    wrap,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from imagenet_cli.facts.timeline import Entry

#: What each task's figure measures: axis label, and whether lower is better.
MEASURES = {
    "cls": ("top-5 error (%)", "Winning ILSVRC classification error, 2010-2017"),
    "loc": ("top-5 localization error (%)", "Winning ILSVRC localization error"),
    "det": ("mean average precision (%)", "Winning ILSVRC detection mAP"),
}


class TimelineData(NamedTuple):
    """The entries to plot (one task), and the human estimate (classification only)."""

    entries: tuple[Entry, ...]
    task: str
    human: tuple[float, Entry] | None


def collect() -> TimelineData:
    """Every classification result of ``data/timeline.json`` and the human estimate."""
    from imagenet_cli.facts.timeline import query_timeline

    return timeline_data(query_timeline(task="cls", milestones=False), "cls")


def timeline_data(entries: tuple[Entry, ...], task: str) -> TimelineData:
    """The figure's data for entries already chosen (``imagenet timeline --plot``)."""
    from imagenet_cli.facts.timeline import human_error

    return TimelineData(entries, task, human_error() if task == "cls" else None)


def _value(entry: Entry, task: str) -> float | None:
    return entry.mean_ap if task == "det" else entry.top5_error


def winners(data: TimelineData) -> dict[int, list[Entry]]:
    """The first-placed results with a figure, per year: supplied data only first, then
    entries that used outside data."""
    found: dict[int, list[Entry]] = {}
    for e in data.entries:
        first = e.kind == "result" and e.task == data.task and e.rank == 1
        if first and _value(e, data.task) is not None:
            found.setdefault(e.year, []).append(e)
    for year in found:
        found[year].sort(key=lambda e: (e.outside_data is True, _value(e, data.task) or 0.0))
    return dict(sorted(found.items()))


def _number(value: float) -> str:
    return f"{value:g}"


def draw(data: TimelineData, command: str = "imagenet figures --only ilsvrc-timeline") -> Figure:
    """One bar per year (a hatched bar beside it for a winner that used outside data),
    labelled with value, team and method; the human estimate as a dashed line.

    Raises:
        ImagenetError: no first-placed result with a figure among the entries.
    """
    from matplotlib.artist import Artist
    from matplotlib.patches import Patch

    axis_label, title = MEASURES[data.task]
    by_year = winners(data)
    if not by_year:
        raise ImagenetError(f"no first-placed {data.task} result with a figure to plot")
    years = list(by_year)
    if data.task != "cls" or years[0] != 2010 or years[-1] != 2017:
        title = title.split(",")[0] + f", {years[0]}-{years[-1]}"
    subtitle = {
        "cls": "Top-5 error on the test set of the first-placed entry each year; lower is "
        "better. Hatched: the winner's entry that used outside training data.",
        "loc": "Top-5 localization error on the test set of the first-placed entry.",
        "det": "Mean average precision of the first-placed entry; higher is better. "
        "Hatched: an entry that used outside training data.",
    }[data.task]
    fig = new_figure(title, subtitle)
    ax = fig.add_axes((0.075, 0.30, 0.895, 0.53))
    top = max(_value(e, data.task) or 0.0 for group in by_year.values() for e in group)
    ax.set_ylim(0, top * 1.22)
    ax.set_xlim(-0.6, len(years) - 0.4)
    ax.set_ylabel(axis_label)
    ax.set_xticks(range(len(years)), [str(y) for y in years], fontsize=14, weight="bold")
    ax.tick_params(axis="x", length=0, pad=6)
    ax.grid(axis="y", color="#DDDDDD", linewidth=0.8)
    ax.set_axisbelow(True)
    cited: dict[str, None] = {}
    outside_seen = False
    for x, year in enumerate(years):
        group = by_year[year]
        width = 0.62 if len(group) == 1 else 0.4
        for k, e in enumerate(group):
            value = _value(e, data.task) or 0.0
            offset = 0.0 if len(group) == 1 else (k - 0.5) * 0.42
            outside = e.outside_data is True
            outside_seen |= outside
            ax.bar(
                x + offset,
                value,
                width=width,
                color=OKABE_ITO["orange"] if outside else OKABE_ITO["blue"],
                hatch="//" if outside else None,
                edgecolor=PAPER_EDGE if outside else "none",
                linewidth=0,
            )
            label = _number(value)
            for other in e.alternatives:
                label += f"\n({_number(other.top5_error)}‡)"
            ax.text(
                x + offset,
                value + top * 0.015,
                label,
                ha="center",
                va="bottom",
                fontsize=12 if len(group) == 1 else 11,
                weight="bold",
                color=INK,
                gid=f"value:{year}:{k}",
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 1},
            )
            cited[e.cited.cite] = None
            for other in e.alternatives:
                cited[other.sources[0].cite + " (‡)"] = None
        first = group[0]
        team = first.team or "—"
        method = first.method or first.architecture or ""
        ax.text(
            x,
            -0.075,
            team,
            transform=ax.get_xaxis_transform(),
            ha="center",
            va="top",
            fontsize=11.5,
            weight="bold",
            gid=f"team:{year}",
        )
        ax.text(
            x,
            -0.15,
            wrap(method, 19),
            transform=ax.get_xaxis_transform(),
            ha="center",
            va="top",
            fontsize=9,
            color=MUTED,
            linespacing=1.15,
            gid=f"method:{year}",
        )
    handles: list[Artist] = [
        Patch(color=OKABE_ITO["blue"], label="supplied training data only (or not stated)")
    ]
    if outside_seen:
        handles.append(
            Patch(
                facecolor=OKABE_ITO["orange"],
                hatch="//",
                edgecolor=PAPER_EDGE,
                label="with outside training data",
            )
        )
    if data.human is not None:
        from matplotlib.lines import Line2D

        value, entry = data.human
        dashes = (0, (5, 3))
        ax.axhline(value, color=OKABE_ITO["black"], linestyle=dashes, linewidth=1.6)
        label = f"human estimate: {_number(value)}% (one trained annotator)"
        handles.append(
            Line2D([], [], color=OKABE_ITO["black"], linestyle=dashes, linewidth=1.6, label=label)
        )
        cited[f"human estimate: Russakovsky et al. (arXiv 1409.0575) via {entry.cited.cite}"] = None
    ax.legend(handles=handles, loc="upper right", fontsize=11)
    note = ""
    if any(e.alternatives for group in by_year.values() for e in group):
        note = " ‡ another source's figure for the same entry."
    footer(
        fig,
        "data/timeline.json: "
        + "; ".join(cited)
        + "."
        + note
        + " All sources and quotes: imagenet timeline --json.",
        command,
    )
    return fig


PAPER_EDGE = "#FFFFFF"
