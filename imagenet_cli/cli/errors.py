"""The one place that turns expected failures into a one-line message and exit code 1."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import typer

from imagenet_cli._errors import ImagenetError


def printable(text: str) -> str:
    """Drop what a terminal would act on (escape sequences, line breaks) from a message."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def report(error: ImagenetError) -> None:
    """Write ``Error: message (hint). Did you mean: a, b?`` as one line to stderr."""
    line = f"Error: {error.message}"
    if error.hint:
        line += f"; {error.hint}"
    if error.suggestions:
        line += f". Did you mean: {', '.join(error.suggestions)}?"
    line = printable(line)
    if len(line) > 1_000:  # a 50,000-character value echoed back helps nobody
        line = f"{line[:600]}...{line[-300:]}"
    sys.stderr.write(line + "\n")


@contextmanager
def user_errors() -> Iterator[None]:
    """Run model code; an :class:`ImagenetError` becomes one stderr line and exit 1."""
    try:
        yield
    except ImagenetError as error:
        report(error)
        raise typer.Exit(code=1) from None
