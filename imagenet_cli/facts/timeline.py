"""ILSVRC results and ImageNet milestones, each with the sources it was read from.

Data source: ``data/timeline.json`` (curated; every figure carries its sources with a
verbatim quote and the kind of source: primary, third-party paper or secondary).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from imagenet_cli._errors import NotFoundError, OutOfRange
from imagenet_cli._resources import load_json

TIMELINE_FILE = "timeline.json"
TASKS = ("cls", "loc", "det")
FIRST_CONTEST, LAST_CONTEST = 2010, 2017


@dataclass(frozen=True, slots=True)
class Source:
    """Where a fact was read: title, place in it, a verbatim quote, and its kind."""

    title: str
    where: str
    quote: str
    kind: str  # primary | third-party paper | secondary
    cite: str  # short form: "He et al. (arXiv 1512.03385), Table 5"


@dataclass(frozen=True, slots=True)
class Alternative:
    """A different top-5 error that another source prints for the same result."""

    top5_error: float
    sources: tuple[Source, ...]


@dataclass(frozen=True, slots=True)
class Entry:
    """A contest result (``kind == "result"``) or a milestone (``kind == "milestone"``).

    ``top5_error`` is in percent (for task ``loc`` the top-5 localization error);
    detection results give ``mean_ap`` (percent) instead; ``outside_data`` is None where
    no source says. A
    milestone may carry a figure: ``metric`` (``human_top5_error``, ``top5_error``) and
    ``value`` (percent).
    """

    year: int
    kind: str
    task: str | None
    rank: int | None
    placement: str | None  # as the source words it where it gives no rank
    team: str | None
    method: str | None
    top5_error: float | None
    mean_ap: float | None  # detection results: mean average precision, percent
    outside_data: bool | None
    architecture: str | None
    date: str | None
    event: str | None
    note: str | None
    metric: str | None
    value: float | None
    sources: tuple[Source, ...]
    figure_source: int | None  # index in sources of the one quoting top5_error or value
    alternatives: tuple[Alternative, ...] = ()  # other values other sources give

    @property
    def cited(self) -> Source:
        """The source that prints this entry's figure, else its first source."""
        if self.figure_source is not None:
            return self.sources[self.figure_source]
        return self.sources[0]


@cache
def load_timeline() -> tuple[Entry, ...]:
    """Every entry of ``data/timeline.json``, by year (milestones before results)."""
    raw = load_json(TIMELINE_FILE)
    return tuple(
        Entry(
            year=e["year"],
            kind=e["kind"],
            task=e.get("task"),
            rank=e.get("rank"),
            placement=e.get("placement"),
            team=e.get("team"),
            method=e.get("method"),
            top5_error=e.get("top5_error"),
            mean_ap=e.get("mean_ap"),
            outside_data=e.get("outside_data"),
            architecture=e.get("architecture"),
            date=e.get("date"),
            event=e.get("event"),
            note=e.get("note"),
            metric=e.get("metric"),
            value=e.get("value"),
            sources=tuple(Source(**s) for s in e["sources"]),
            figure_source=e.get("top5_error_source", e.get("value_source")),
            alternatives=tuple(
                Alternative(a["top5_error"], tuple(Source(**s) for s in a["sources"]))
                for a in e.get("alternatives", ())
            ),
        )
        for e in raw["entries"]
    )


def query_timeline(
    *,
    start: int | None = None,
    end: int | None = None,
    task: str = "cls",
    milestones: bool = True,
) -> tuple[Entry, ...]:
    """Entries from ``start`` to ``end`` (inclusive years) for one task.

    Raises:
        OutOfRange: ``start`` is after ``end`` (``what`` is ``"start year"``).
        NotFound: ``task`` is not cls, loc or det.
    """
    if task not in TASKS:
        raise NotFoundError("task", task, suggestions=TASKS)
    if start is not None and end is not None and start > end:
        raise OutOfRange(
            "start year",
            start,
            0,
            end,
            message=f"the start year {start} is after the end year {end}",
        )
    return tuple(
        e
        for e in load_timeline()
        if (start is None or e.year >= start)
        and (end is None or e.year <= end)
        and ((e.kind == "milestone" and milestones) or (e.kind == "result" and e.task == task))
    )


def winning_errors(entries: tuple[Entry, ...]) -> dict[int, Entry]:
    """The lowest top-5 error among rank-1 results, per year (an outside-data entry counts).

    Only results with a top-5 error take part (classification and localization)."""
    best: dict[int, Entry] = {}
    for e in entries:
        if e.kind != "result" or e.rank != 1 or e.top5_error is None:
            continue
        held = best.get(e.year)
        if held is None or held.top5_error is None or e.top5_error < held.top5_error:
            best[e.year] = e
    return dict(sorted(best.items()))


def human_error() -> tuple[float, Entry] | None:
    """The human top-5 error estimate (percent) and the milestone that reports it."""
    for e in load_timeline():
        if e.metric == "human_top5_error" and e.value is not None:
            return e.value, e
    return None
