"""``imagenet synsets``: search and show synsets of the ImageNet index."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from imagenet_cli.cli.errors import user_errors
from imagenet_cli.cli.options import CsvFlag, FormatOption, JsonFlag, pick_format
from imagenet_cli.render.console import OutputFormat, make_console, write_csv, write_json

app = typer.Typer(no_args_is_help=True, help="Search and browse WordNet 3.0 synsets of ImageNet.")


@app.command("search")
def search(
    query: Annotated[str, typer.Argument(help="A lemma, part of one, a wnid or a WordNet name.")],
    subset: Annotated[
        Optional[str],  # noqa: UP045 - Typer reads the annotation at run time
        typer.Option(
            "--subset", "-s", help="Only synsets in this list (ilsvrc2012, in21k-fall2011, ...)."
        ),
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=0, help="Show at most N hits; 0 shows all.")
    ] = 20,
    fmt: FormatOption = OutputFormat.TABLE,
    as_json: JsonFlag = False,
    as_csv: CsvFlag = False,
) -> None:
    """Find synsets by lemma, wnid, WordNet name or gloss, best match first."""
    from imagenet_cli.model.errors import NotFoundError
    from imagenet_cli.model.synsets import search_synsets, suggest_lemmas
    from imagenet_cli.render.synsets import SEARCH_COLUMNS, hit_record, search_table

    output = pick_format(fmt, as_json, as_csv)
    with user_errors():
        found = search_synsets(query, subset=subset, limit=limit)
        if not found.total:
            raise NotFoundError("synset", query, suggestions=suggest_lemmas(query))
    shown = found.hits
    if output is OutputFormat.JSON:
        write_json([hit_record(hit) for hit in shown])
    elif output is OutputFormat.CSV:
        write_csv((hit_record(hit) for hit in shown), SEARCH_COLUMNS)
    else:
        make_console().print(search_table(shown, query))
    if len(shown) < found.total:
        sys.stderr.write(f"Showing {len(shown)} of {found.total} matches; use --limit 0 for all.\n")
