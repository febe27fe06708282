"""``imagenet data``: checks of the bundled data against its sources."""

from __future__ import annotations

import typer

from imagenet_cli.cli.errors import user_errors
from imagenet_cli.cli.options import JsonFlag
from imagenet_cli.render.console import print_view, write_json

app = typer.Typer(no_args_is_help=True, help="Check the bundled data against its sources.")


@app.command("verify")
def verify(
    as_json: JsonFlag = False,
) -> None:
    """Check every bundled synset's name, lemmas, gloss and hypernyms against WordNet 3.0.

    Needs the WordNet corpus (see imagenet wordnet status). Exit code 0 when everything agrees, 1 when something differs (each difference is listed).
    """  # noqa: E501 - Typer rewraps help text
    from imagenet_cli import verify_index
    from imagenet_cli.render.console import progress_bar
    from imagenet_cli.render.wordnet import verify_record, verify_view

    bar, update = progress_bar("checking synsets")
    with user_errors(), bar:
        report = verify_index(update)
    if as_json:
        write_json(verify_record(report))
    else:
        print_view(verify_view(report))
    if report.mismatches:
        raise typer.Exit(code=1)
