"""``imagenet about``: the dataset at a glance."""

from __future__ import annotations

from typing import Annotated

import typer

from imagenet_cli.cli.errors import user_errors
from imagenet_cli.cli.options import JsonFlag
from imagenet_cli.cli.plotting import PlotOption, SvgOption, check_outputs, save_outputs
from imagenet_cli.render.console import print_view, write_json

app = typer.Typer()


@app.command("about")
def about(
    cite: Annotated[
        bool,
        typer.Option(
            "--cite", metavar="", help="Print the BibTeX of the ImageNet and ILSVRC papers."
        ),
    ] = False,
    as_json: JsonFlag = False,
    plot: PlotOption = None,
    svg: SvgOption = None,
) -> None:
    """ImageNet's releases and splits, and its categories computed from the WordNet index."""
    from imagenet_cli import categories, class_depths, releases
    from imagenet_cli.render.about import about_view
    from imagenet_cli.render.records import about_record

    if cite and as_json:
        raise typer.BadParameter("use --cite or --json, not both", param_hint="--cite")
    if cite and (plot or svg):
        raise typer.BadParameter("--cite prints BibTeX only: not with --plot or --svg")
    check_outputs(plot, svg, not (cite or as_json))
    with user_errors():
        facts = releases()
        if cite:
            typer.echo("\n\n".join(entry["bibtex"] for entry in facts["cite"].values()))
            return
        found = categories()
        depths = class_depths()
    if as_json:
        write_json(about_record(facts, found, depths))
    else:
        print_view(view := about_view(facts, found, depths))
    from imagenet_cli.render.figures import views

    figure = lambda: views.categories_figure(found)  # noqa: E731
    save_outputs(plot, figure, svg, None if as_json else view, "about")
