"""``imagenet data``: checks of the bundled data against its sources."""

from __future__ import annotations

from typing import Annotated

import typer

from imagenet_cli.cli.errors import user_errors
from imagenet_cli.render.console import print_view, write_json

app = typer.Typer(no_args_is_help=True, help="Check the bundled data against its sources.")


@app.command("verify")
def verify(
    as_json: Annotated[bool, typer.Option("--json", metavar="", help="Print JSON.")] = False,
) -> None:
    """Check every bundled synset's name, lemmas, gloss and hypernyms against WordNet 3.0.

    Needs the WordNet corpus (see imagenet wordnet status). Exit code 0 when everything agrees, 1 when something differs (each difference is listed).
    """  # noqa: E501 - Typer rewraps help text
    from imagenet_cli.model.fullwordnet import verify_index
    from imagenet_cli.render.console import make_console
    from imagenet_cli.render.wordnet import verify_record, verify_view

    console = make_console(stderr=True)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    bar = Progress(
        TextColumn("checking synsets"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    )
    task = bar.add_task("verify", total=None)
    with user_errors(), bar:
        report = verify_index(lambda done, total: bar.update(task, completed=done, total=total))
    if as_json:
        write_json(verify_record(report))
    else:
        print_view(verify_view(report))
    if report.mismatches:
        raise typer.Exit(code=1)
