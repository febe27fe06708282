"""``imagenet browse``: the interactive hierarchy browser (needs the ``[tui]`` extra)."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from imagenet_cli.cli.errors import user_errors

app = typer.Typer()

#: What to install when Textual is missing.
INSTALL_HINT = "imagenet browse needs Textual: pip install 'imagenet-cli[tui]'"


@app.command("browse")
def browse(
    identifier: Annotated[
        Optional[str],  # noqa: UP045 - Typer reads the annotation at run time
        typer.Argument(
            help="Open on this synset (wnid, name, lemma or class index).",
            metavar="ID",
            show_default=False,
        ),
    ] = None,
    subset: Annotated[
        Optional[str],  # noqa: UP045 - Typer reads the annotation at run time
        typer.Option("--subset", "-s", help="Only branches leading to synsets of this list."),
    ] = None,
) -> None:
    """Walk the hierarchy in an interactive terminal browser (/ search, z zoom, q quit)."""
    from importlib.util import find_spec

    from imagenet_cli import ImagenetError

    if find_spec("textual") is None:
        sys.stderr.write(f"Error: {INSTALL_HINT}\n")
        raise typer.Exit(code=1)
    from imagenet_cli import synset as resolve
    from imagenet_cli.tui.model import HierarchyView

    with user_errors():
        start = None if identifier is None else resolve(identifier)
        view = HierarchyView(subset)
        if start is not None and start.offset not in view:
            raise ImagenetError(f"{start.name} ({start.wnid}) is not in {subset}")
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise ImagenetError("imagenet browse needs a terminal (stdin and stdout)")
    import gc

    from imagenet_cli.tui.app import BrowseApp

    # Everything loaded so far lives as long as the app: keep it out of the collector's
    # full passes, which would otherwise stall key presses while the tree grows.
    gc.freeze()
    app = BrowseApp(view, None if start is None else start.offset)
    app.run()
    raise typer.Exit(code=app.return_code or 0)
