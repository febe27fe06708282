"""The ``imagenet`` command: mounts one sub-app per noun."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from imagenet_cli import __version__

#: Each top-level command and the module whose ``app`` holds it (``None``: a group name).
COMMANDS = {
    "synsets": ("synsets", "synsets"), "classes": ("classes", "classes"),
    "subsets": ("subsets", "subsets"), "timeline": ("timeline", None), "arch": ("arch", None),
    "about": ("about", None), "wordnet": ("wordnet", "wordnet"), "data": ("data", "data"),
    "browse": ("browse", None),
}  # fmt: skip


def make_app(only: str | None = None) -> typer.Typer:
    """The ``imagenet`` app with every command, or with just ``only`` (a top-level name).

    Typer turns every registered command into Click objects on each run; a run that
    names its command needs only that one, which keeps start-up short as commands grow.
    """
    built = typer.Typer(
        name="imagenet",
        no_args_is_help=True,
        context_settings={"help_option_names": ["-h", "--help"]},
        pretty_exceptions_show_locals=False,
        add_completion=False,
        help="Explore ImageNet offline: WordNet 3.0 synsets, ILSVRC results and architectures.",
    )
    from importlib import import_module

    for command, (module, group) in COMMANDS.items():
        if only is None or command == only:
            sub = import_module(f"imagenet_cli.cli.{module}").app
            if group is None:
                built.add_typer(sub)
            else:
                built.add_typer(sub, name=group)
    built.callback()(main)
    return built


def _version(value: bool) -> None:
    if value:
        typer.echo(f"imagenet {__version__}")
        raise typer.Exit()


def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, metavar="", help="Print the version."
        ),
    ] = False,
) -> None:
    """Explore ImageNet offline: WordNet 3.0 synsets, ILSVRC results and architectures."""


app = make_app()


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
    wanted = sys.argv[1] if len(sys.argv) > 1 else None
    try:
        make_app(wanted if wanted in COMMANDS else None)(prog_name="imagenet")
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
