"""``imagenet timeline``: ILSVRC results and ImageNet milestones, sourced."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from imagenet_cli.cli.errors import user_errors
from imagenet_cli.cli.options import CsvFlag, FormatOption, JsonFlag, pick_format
from imagenet_cli.render.console import OutputFormat, make_console, write_csv, write_json

app = typer.Typer()

YearOption = Optional[int]  # noqa: UP045 - Typer reads the annotation at run time


@app.command("timeline")
def timeline(
    start: Annotated[YearOption, typer.Option("--from", help="First year.")] = None,
    end: Annotated[YearOption, typer.Option("--to", help="Last year.")] = None,
    year: Annotated[YearOption, typer.Option("--year", help="One year only.")] = None,
    task: Annotated[str, typer.Option("--task", help="cls (classification), loc or det.")] = "cls",
    milestones: Annotated[
        bool, typer.Option("--milestones/--no-milestones", help="Show milestones too.")
    ] = True,
    fmt: FormatOption = OutputFormat.TABLE,
    as_json: JsonFlag = False,
    as_csv: CsvFlag = False,
) -> None:
    """ILSVRC winners by year with top-5 error, a chart against the human 5.1%, and milestones."""
    from imagenet_cli.model.errors import ImagenetError
    from imagenet_cli.model.timeline import FIRST_CONTEST, LAST_CONTEST, query_timeline
    from imagenet_cli.render.timeline import (
        TIMELINE_COLUMNS,
        csv_record,
        entry_record,
        timeline_view,
    )

    output = pick_format(fmt, as_json, as_csv)
    with user_errors():
        if year is not None:
            start = end = year
        entries = query_timeline(start=start, end=end, task=task, milestones=milestones)
        results = [e for e in entries if e.kind == "result"]
        if year is not None and not (FIRST_CONTEST <= year <= LAST_CONTEST):
            sys.stderr.write(
                f"No ILSVRC was held in {year} (the contests ran {FIRST_CONTEST}-{LAST_CONTEST}).\n"
            )
            if not entries:
                raise ImagenetError(f"no milestones recorded for {year} either")
        elif not results and not entries:
            raise ImagenetError(
                f"no {task} results recorded for the years asked"
                + ("" if task == "cls" else "; only classification (cls) is recorded so far")
            )
    if output is OutputFormat.JSON:
        write_json([entry_record(e) for e in entries])
    elif output is OutputFormat.CSV:
        write_csv((csv_record(e) for e in entries), TIMELINE_COLUMNS)
    else:
        make_console().print(timeline_view(entries, task))
