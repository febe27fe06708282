"""The ``imagenet`` command: mounts one sub-app per noun."""

from __future__ import annotations

from typing import Annotated

import typer

from imagenet_cli import __version__
from imagenet_cli.cli import arch, synsets, timeline

app = typer.Typer(
    name="imagenet",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    add_completion=False,
    help="Explore ImageNet offline: WordNet 3.0 synsets, ILSVRC results and architectures.",
)
app.add_typer(synsets.app, name="synsets")
app.add_typer(timeline.app)
app.add_typer(arch.app)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"imagenet {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Explore ImageNet offline: WordNet 3.0 synsets, ILSVRC results and architectures."""
