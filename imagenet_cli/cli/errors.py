"""The one place that turns the library's errors into command-line words and exit codes.

The library's errors carry data and never name an option; here they become one line on
stderr (``Error: ... ; hint. Did you mean: a, b?``) and exit code 1, with the options and
commands a user can type next.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import typer

from imagenet_cli import EmptyInput, ImagenetError, NotFound, OutOfRange

#: Library names of numbers that the command line sets through an option.
_OPTION_OF = {"depth": "--depth", "max_children": "--max-children", "limit": "--limit"}
#: Characters of a user's text repeated in a message; a longer text is cut (a pasted file).
_LONGEST_ECHO = 80


def printable(text: str) -> str:
    """Drop what a terminal would act on (escape sequences, line breaks) from a message."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def words(error: ImagenetError) -> tuple[str, str | None]:
    """The message and hint of ``error`` as the command line says them."""
    from imagenet_cli import NotAClass

    message, hint = error.message, error.hint
    if isinstance(error, OutOfRange):
        if error.what == "start year":
            message = f"--from {error.value} is after --to {error.high}"
        elif error.what in _OPTION_OF:
            message = f"{_OPTION_OF[error.what]} must be 0 or more, not {error.value}"
    elif isinstance(error, NotFound) and len(error.name) > _LONGEST_ECHO:
        shown = repr(error.name[:_LONGEST_ECHO])[:-1]
        message = f"no {error.kind} matches {shown}...' ({len(error.name):,} characters)"
    elif isinstance(error, NotAClass) and error.wnid is not None:
        count = error.classes_below
        hint = (
            f"{count} class{'' if count == 1 else 'es'} lie under it: "
            f"imagenet classes --under {error.wnid}"
            if count
            else f"see imagenet synsets show {error.wnid}"
        )
    return message, hint


def report(error: ImagenetError) -> None:
    """Write ``Error: message; hint. Did you mean: a, b?`` as one line to stderr."""
    message, hint = words(error)
    line = f"Error: {message}"
    if hint:
        line += f"; {hint}"
    if error.suggestions:
        line += f". Did you mean: {', '.join(error.suggestions)}?"
    line = printable(line)
    if len(line) > 1_000:  # a 50,000-character value echoed back helps nobody
        line = f"{line[:600]}...{line[-300:]}"
    sys.stderr.write(line + "\n")


@contextmanager
def user_errors() -> Iterator[None]:
    """Run library code; an :class:`ImagenetError` becomes one stderr line and exit 1
    (exit 2, a usage error, for :class:`EmptyInput`: nothing was given to look up)."""
    try:
        yield
    except ImagenetError as error:
        report(error)
        raise typer.Exit(code=2 if isinstance(error, EmptyInput) else 1) from None
