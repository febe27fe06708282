"""Rich views and records of the ILSVRC timeline: a results table, a bar chart, milestones."""

from __future__ import annotations

from typing import TYPE_CHECKING

from imagenet_cli import TimelineEntry as Entry
from imagenet_cli import human_error, winning_errors
from imagenet_cli.render.console import KIND_MARK, make_console

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

    from imagenet_cli.render.tables import WordTable as Table


def _source_label(entry: Entry) -> Text:
    """The short citation of the source printing the entry's figure, marked by kind."""
    from rich.text import Text

    source = entry.cited
    label = Text(f"{source.cite}{KIND_MARK.get(source.kind, '')}")
    for other in entry.alternatives:
        label.append(f"; ‡ {other.sources[0].cite}")
    return label


def _error_cell(entry: Entry) -> str:
    if entry.mean_ap is not None:
        return f"{entry.mean_ap:g}"
    if entry.top5_error is None:
        return "—"
    others = "".join(f" / {a.top5_error:g}‡" for a in entry.alternatives)
    return f"{entry.top5_error:g}{others}"


def _placement(entry: Entry) -> str:
    if entry.placement == "Honorable mention":
        return "hon. mention"
    if entry.placement:
        return entry.placement
    return "—" if entry.rank is None else str(entry.rank)


def _outside(value: bool | None) -> str:
    return {True: "yes", False: "no", None: "—"}[value]


def results_table(entries: tuple[Entry, ...], task: str) -> Table:
    """One row per result: year, rank, team, method, top-5 error, outside data, source."""
    from rich.text import Text

    from imagenet_cli.render.tables import WordTable as Table

    names = {"cls": "classification", "loc": "localization", "det": "detection"}
    table = Table(title=Text(f"ILSVRC {names.get(task, task)} results"), title_justify="left")
    table.add_column("year", justify="right", no_wrap=True)
    table.add_column("rank", justify="right", no_wrap=True)
    table.add_column("team", style="bold")
    table.add_column("method", ratio=2)
    table.add_column(
        {"cls": "top-5 err %", "loc": "top-5 loc err %", "det": "mAP %"}.get(task, "value"),
        justify="right",
        no_wrap=True,
    )
    table.add_column("outside data", justify="center")
    table.add_column("source of the figure", ratio=2)
    for e in entries:
        if e.kind != "result":
            continue
        method = e.method or ""
        table.add_row(
            str(e.year),
            _placement(e),
            Text(e.team or "—"),
            Text(method),
            _error_cell(e),
            _outside(e.outside_data),
            _source_label(e),
        )
    measure = {
        "cls": "top-5 error on the test set",
        "loc": "top-5 localization error on the test set",
        "det": "mean average precision on the test set",
    }.get(task, "")
    table.caption = Text(
        f"{measure}. Source: the team's paper or the official results "
        "page; * another team's paper; † a secondary source (a compiled dataset citing the "
        "results page, or notes on a paper); "
        "‡ another source's figure for the same entry. All sources: --json."
    )
    table.caption_justify = "left"
    return table


def error_chart(
    entries: tuple[Entry, ...], width: int | None = None, task: str = "cls"
) -> RenderableType | None:
    """Bars of the winning top-5 error per year, with the human 5.1% estimate marked.

    ``width`` is the longest bar in characters; by default it fits the terminal.
    """
    from rich.text import Text

    winners = winning_errors(tuple(e for e in entries if e.task == task))
    if not winners:
        return None
    if width is None:
        longest_label = max(
            len(f" {e.top5_error:g}  {e.team} (outside data)") for e in winners.values()
        )
        width = max(8, min(40, make_console().size.width - 6 - longest_label))
    human = human_error() if task == "cls" else None
    top = max(e.top5_error for e in winners.values() if e.top5_error is not None)
    if human:
        top = max(top, human[0])  # keep the human line inside the chart
    scale = width / top
    human_col = round(human[0] * scale) if human else None
    lines = Text()
    title = "top-5 localization error" if task == "loc" else "top-5 error"
    lines.append(f"Winning {title} by year (%)\n", style="bold")
    for year, e in winners.items():
        value = e.top5_error or 0.0
        length = max(1, round(value * scale))
        lines.append(f"{year} ")
        for col in range(width + 1):
            if col < length:
                lines.append("█", style="red" if human and value > human[0] else "green")
            elif col == human_col:
                lines.append("┊", style="yellow")
            else:
                lines.append(" ")
        lines.append(f" {value:g}  {e.team}")
        if e.outside_data:
            lines.append(" (outside data)", style="dim")
        lines.append("\n")
    if human:
        pad = " " * (5 + (human_col or 0))
        lines.append(f"{pad}┊ human estimate {human[0]:g}%", style="yellow")
        lines.append(f"\n{pad}  ({human[1].cited.cite})", style="dim")
    return lines


def milestones_table(entries: tuple[Entry, ...]) -> Table | None:
    """Milestones with date and source, or None when there are none."""
    from rich.text import Text

    from imagenet_cli.render.tables import WordTable as Table

    milestones = [e for e in entries if e.kind == "milestone"]
    if not milestones:
        return None
    table = Table(title=Text("Milestones"), title_justify="left")
    table.add_column("date", no_wrap=True)
    table.add_column("event", ratio=3)
    table.add_column("source", ratio=2)
    for e in milestones:
        cites = "; ".join(f"{s.cite}{KIND_MARK.get(s.kind, '')}" for s in e.sources)
        table.add_row(e.date or str(e.year), Text(e.event or ""), Text(cites))
    return table


def timeline_view(entries: tuple[Entry, ...], task: str) -> RenderableType:
    """Results table, error chart and milestones, whichever have entries."""
    from rich.console import Group

    parts: list[RenderableType] = []
    if any(e.kind == "result" for e in entries):
        parts.append(results_table(entries, task))
    chart = error_chart(entries, task=task)
    if chart is not None:
        parts.append(chart)
    milestones = milestones_table(entries)
    if milestones is not None:
        parts.append(milestones)
    return Group(*parts)
