"""``imagenet timeline``: ILSVRC results and ImageNet milestones, sourced."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated, Any, Optional

import typer

from imagenet_cli.cli.errors import user_errors
from imagenet_cli.cli.options import (
    CsvFlag,
    FormatOption,
    JsonFlag,
    JsonlFlag,
    TsvFlag,
    pick_format,
)
from imagenet_cli.cli.plotting import PlotOption, SvgOption, check_outputs, save_outputs
from imagenet_cli.render.output import OutputFormat, emit

app = typer.Typer()

YearOption = Optional[int]  # noqa: UP045 - Typer reads the annotation at run time


class Task(str, Enum):
    """ILSVRC tasks: classification, localization, detection."""

    CLS = "cls"
    LOC = "loc"
    DET = "det"


@app.command("timeline")
def timeline(
    start: Annotated[YearOption, typer.Option("--from", help="First year.")] = None,
    end: Annotated[YearOption, typer.Option("--to", help="Last year.")] = None,
    year: Annotated[
        YearOption, typer.Option("--year", help="One year only (not with --from/--to).")
    ] = None,
    task: Annotated[
        Task,
        typer.Option(
            "--task",
            case_sensitive=False,
            help="cls (classification, top-5 error), loc (localization, top-5 localization "
            "error; 2013-2015 recorded) or det (detection, mAP; 2013-2015 recorded).",
        ),
    ] = Task.CLS,
    milestones: Annotated[
        bool, typer.Option("--milestones/--no-milestones", metavar="", help="Show milestones too.")
    ] = True,
    fmt: FormatOption = None,
    as_json: JsonFlag = False,
    as_jsonl: JsonlFlag = False,
    as_csv: CsvFlag = False,
    as_tsv: TsvFlag = False,
    plot: PlotOption = None,
    svg: SvgOption = None,
) -> None:
    """ILSVRC winners by year with top-5 error, a chart against the human 5.1%, and milestones."""
    from imagenet_cli import FIRST_CONTEST, LAST_CONTEST, ImagenetError
    from imagenet_cli import timeline as query_timeline
    from imagenet_cli.render.records import TIMELINE_COLUMNS, csv_record, entry_record
    from imagenet_cli.render.timeline import timeline_view

    output = pick_format(fmt, as_json, as_csv, as_jsonl=as_jsonl, as_tsv=as_tsv)
    check_outputs(plot, svg, output is OutputFormat.TABLE)
    if year is not None and (start is not None or end is not None):
        raise typer.BadParameter("use --year alone, or --from and --to", param_hint="--year")
    if start is not None and end is not None and start > end:
        raise typer.BadParameter(f"--from {start} is after --to {end}", param_hint="--from")
    with user_errors():
        if year is not None:
            start = end = year
        entries = query_timeline(start=start, end=end, task=task.value, milestones=milestones)
        contest = year is None or FIRST_CONTEST <= year <= LAST_CONTEST
        if not entries:
            span = f"in {year}" if year is not None else "for those years"
            why = "" if milestones else " (milestones are hidden by --no-milestones)"
            if not contest:
                why = f": no ILSVRC was held (the contests ran {FIRST_CONTEST}-{LAST_CONTEST})" + (
                    " and no milestone falls then" if milestones else why
                )
            raise ImagenetError(f"nothing recorded {span}{why}")
    if contest and not any(e.kind == "result" for e in entries):
        span = f"in {year}" if year is not None else "for those years"
        sys.stderr.write(f"No {task.value} results are recorded {span}; showing the milestones.\n")
    if not contest:
        sys.stderr.write(
            f"No ILSVRC was held in {year} (the contests ran {FIRST_CONTEST}-{LAST_CONTEST}); "
            "showing its milestones.\n"
        )
    view = None
    if output in (OutputFormat.CSV, OutputFormat.TSV):
        emit(output, (csv_record(e) for e in entries), TIMELINE_COLUMNS)
    elif output is not OutputFormat.TABLE:
        emit(output, (entry_record(e) for e in entries), TIMELINE_COLUMNS)
    else:
        from imagenet_cli.render.console import print_view

        print_view(view := timeline_view(entries, task.value))

    def figure() -> Any:
        from imagenet_cli.render.figures import views

        return views.timeline_figure(entries, task.value)

    save_outputs(plot, figure, svg, view, "timeline")
