"""``imagenet synsets export`` and ``imagenet synsets stats``: the is-a graph for other tools.

Registered onto the ``synsets`` app by :func:`register` (called from ``cli/synsets.py``).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from imagenet_cli.cli.errors import report, user_errors
from imagenet_cli.cli.options import JsonFlag
from imagenet_cli.cli.signals import Terminated, signals_interrupt

OptionalId = Annotated[
    Optional[str],  # noqa: UP045 - Typer reads the annotation at run time
    typer.Argument(
        help="The top synset: a wnid, WordNet name, lemma or class index. "
        "Default: entity.n.01, the whole index.",
        metavar="ID",
        show_default=False,
    ),
]
SubsetOption = Annotated[
    Optional[str],  # noqa: UP045 - Typer reads the annotation at run time
    typer.Option(
        "--subset",
        "-s",
        help="Only the synsets of this list (ilsvrc2012, in21k-fall2011, ...) and every "
        "hypernym above them.",
    ),
]


def _usage(error: Exception) -> typer.Exit:
    """A usage error as one stderr line and exit code 2."""
    from imagenet_cli import ImagenetError

    assert isinstance(error, ImagenetError)
    report(error)
    return typer.Exit(code=2)


def export(
    identifier: OptionalId = None,
    fmt: Annotated[
        Optional[str],  # noqa: UP045 - Typer reads the annotation at run time
        typer.Option(
            "--format",
            "-f",
            help="json (node-link), tree-json (d3), graphml, dot, newick, csv or isa.",
            show_default=False,
        ),
    ] = None,
    subset: SubsetOption = None,
    depth: Annotated[
        Optional[int],  # noqa: UP045 - Typer reads the annotation at run time
        typer.Option("--depth", "-d", help="Only nodes at most N edges below the root."),
    ] = None,
    output: Annotated[
        Optional[Path],  # noqa: UP045 - Typer reads the annotation at run time
        typer.Option(
            "--output",
            "-o",
            help="Write to FILE (complete or not at all) instead of stdout.",
            metavar="FILE",
            dir_okay=True,
        ),
    ] = None,
    parent_policy: Annotated[
        Optional[str],  # noqa: UP045 - Typer reads the annotation at run time
        typer.Option(
            "--parent-policy",
            help="newick and tree-json keep one parent per synset: the one on the longest "
            "path from the root (default), the shortest, or WordNet's first hypernym.",
            metavar="longest|shortest|first",
            show_default=False,
        ),
    ] = None,
    labels: Annotated[
        Optional[str],  # noqa: UP045 - Typer reads the annotation at run time
        typer.Option(
            "--labels",
            help="Node labels of newick (default wnid; names are quoted) and dot (default name).",
            metavar="wnid|name",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Export the is-a graph below ID (default: all of it) for networkx, Graphviz, Gephi, d3 or
    phylogenetics tools.

    WordNet's is-a graph is a DAG: json, graphml, dot, csv and isa write every edge; the tree formats newick and tree-json keep one parent per synset (--parent-policy) and say on stderr how many second parents they dropped.
    """  # noqa: E501 - Typer rewraps help text; a line break here would break the sentence
    from imagenet_cli import DOT_LAYOUT_LIMIT, ImagenetError, plan_export
    from imagenet_cli import check_export_options as check_options
    from imagenet_cli.render.export import export_note

    try:
        check_options(fmt, parent_policy, labels, depth)
    except ImagenetError as error:
        raise _usage(error) from None
    assert fmt is not None
    with user_errors():
        summary, chunks = plan_export(
            fmt, identifier, subset, depth, parent_policy=parent_policy, labels=labels
        )
        if output is not None:
            from imagenet_cli import atomic_write

            try:
                with signals_interrupt(), atomic_write(output) as handle:
                    for chunk in chunks:
                        handle.write(chunk)
            except (KeyboardInterrupt, Terminated) as stopped:
                sys.stderr.write(f"Error: interrupted; {output} was not written\n")
                code = 128 + stopped.signum if isinstance(stopped, Terminated) else 130
                raise typer.Exit(code=code) from None
        else:
            for chunk in chunks:
                sys.stdout.write(chunk)
            if fmt == "newick" and sys.stdout.isatty():
                sys.stdout.write("\n")  # the file has none (see export()); a prompt needs one
    note = export_note(summary)
    if note:
        sys.stderr.write(note + "\n")
    if fmt == "dot" and summary.nodes > DOT_LAYOUT_LIMIT:
        sys.stderr.write(
            f"Warning: Graphviz lays out {summary.nodes:,} nodes slowly or not at all; "
            f"export a part with an ID and --depth (or --subset) for a drawing.\n"
        )
    if output is not None:
        sys.stderr.write(
            f"Wrote {summary.nodes:,} synsets and {summary.edges:,} edges to {output}.\n"
        )


def stats(
    identifier: OptionalId = None,
    subset: SubsetOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Count the nodes, edges, leaves, multiple parents and paths, and leaf depths below ID."""
    from imagenet_cli import stats as hierarchy_stats
    from imagenet_cli.render.console import print_view, write_json
    from imagenet_cli.render.export import stats_view
    from imagenet_cli.render.records import stats_record

    with user_errors():
        found = hierarchy_stats(identifier, subset)
    if as_json:
        write_json(stats_record(found))
    else:
        print_view(stats_view(found))


def register(app: typer.Typer) -> None:
    """Add ``export`` and ``stats`` to the ``synsets`` app."""
    app.command("export")(export)
    app.command("stats")(stats)
