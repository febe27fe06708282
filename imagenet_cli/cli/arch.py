"""``imagenet arch``: landmark architectures with sourced params, costs and accuracy."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from imagenet_cli.cli.errors import user_errors
from imagenet_cli.render.console import print_view, write_json

app = typer.Typer()


@app.command("arch")
def arch(
    name: Annotated[
        Optional[str],  # noqa: UP045 - Typer reads the annotation at run time
        typer.Argument(help="A family (resnet) or a variant (resnet50, ResNet-50)."),
    ] = None,
    bibtex: Annotated[bool, typer.Option("--bibtex", help="Print only the BibTeX entry.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show an architecture's paper, key ideas, variants, params, MACs and accuracy."""
    from imagenet_cli.model.architectures import get_architecture, list_architectures
    from imagenet_cli.render.arch import families_table, family_record, family_view

    if bibtex and (as_json or name is None):
        raise typer.BadParameter(
            "--bibtex prints one family's citation: give a NAME, without --json",
            param_hint="--bibtex",
        )
    with user_errors():
        if name is None:
            families = list_architectures()
            if as_json:
                write_json([family_record(f) for f in families])
            else:
                print_view(families_table(families))
            return
        family, variant = get_architecture(name)
    if bibtex:
        typer.echo(family.bibtex)
    elif as_json:
        write_json(family_record(family, variant))
    else:
        print_view(family_view(family, variant))
