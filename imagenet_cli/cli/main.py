"""The ``imagenet`` command: mounts one sub-app per noun."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from imagenet_cli import __version__
from imagenet_cli.cli import about, arch, classes, data, subsets, synsets, timeline, wordnet

app = typer.Typer(
    name="imagenet",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_show_locals=False,
    add_completion=False,
    help="Explore ImageNet offline: WordNet 3.0 synsets, ILSVRC results and architectures.",
)
app.add_typer(synsets.app, name="synsets")
app.add_typer(classes.app, name="classes")
app.add_typer(subsets.app, name="subsets")
app.add_typer(timeline.app)
app.add_typer(arch.app)
app.add_typer(about.app)
app.add_typer(wordnet.app, name="wordnet")
app.add_typer(data.app, name="data")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"imagenet {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, metavar="", help="Print the version."
        ),
    ] = False,
) -> None:
    """Explore ImageNet offline: WordNet 3.0 synsets, ILSVRC results and architectures."""


def _closed_pipe() -> bool:
    # Click swaps stdout for its PacifyFlushWrapper when a write hit a closed pipe (EPIPE).
    return type(sys.stdout).__name__.endswith("PacifyFlushWrapper")


def run() -> None:
    """The console script: ``app`` with two terminal courtesies.

    * Output that the terminal's encoding cannot show (``PYTHONIOENCODING=ascii``) is
      replaced instead of raising; JSON then escapes non-ASCII characters (still valid).
    * A reader that closes the pipe early (``imagenet ... | head -1``) is not an error:
      the command ends quietly with exit code 0.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    try:
        app(prog_name="imagenet")
    except SystemExit as done:
        code = done.code
    except OSError as error:  # output that cannot be written (a full disk), not a bug
        sys.stderr.write(f"Error: cannot write the output: {error.strerror or error}\n")
        code = 1
    else:
        code = 0
    if _closed_pipe():
        code = 0
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        # Point stdout at /dev/null so the interpreter's final flush stays quiet.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 0
    raise SystemExit(code)
