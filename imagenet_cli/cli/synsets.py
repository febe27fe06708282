"""``imagenet synsets``: search and show synsets of the ImageNet index."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from imagenet_cli.cli.errors import user_errors
from imagenet_cli.cli.options import CsvFlag, FormatOption, JsonFlag, pick_format
from imagenet_cli.render.console import OutputFormat, print_view, write_csv, write_json

app = typer.Typer(no_args_is_help=True, help="Search and browse WordNet 3.0 synsets of ImageNet.")


@app.command("search")
def search(
    query: Annotated[str, typer.Argument(help="A lemma, part of one, a wnid or a WordNet name.")],
    subset: Annotated[
        Optional[str],  # noqa: UP045 - Typer reads the annotation at run time
        typer.Option(
            "--subset", "-s", help="Only synsets in this list (ilsvrc2012, in21k-fall2011, ...)."
        ),
    ] = None,
    limit: Annotated[
        Optional[int],  # noqa: UP045 - Typer reads the annotation at run time
        typer.Option(
            "--limit",
            "-n",
            min=0,
            help="Show at most N hits; 0 shows all. Default: 20 in a table, all in JSON/CSV.",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = None,
    as_json: JsonFlag = False,
    as_csv: CsvFlag = False,
) -> None:
    """Find synsets by lemma, wnid, WordNet name or gloss, best match first."""
    from imagenet_cli.model.synsets import hypernym_names, no_match_error, search_synsets
    from imagenet_cli.render.synsets import SEARCH_COLUMNS, hit_record, search_table

    output = pick_format(fmt, as_json, as_csv)
    if limit is None:
        limit = 20 if output is OutputFormat.TABLE else 0
    with user_errors():
        found = search_synsets(query, subset=subset, limit=limit)
        if not found.total:
            raise no_match_error(query, subset)
    shown = found.hits
    if output is OutputFormat.JSON:
        write_json([hit_record(hit) for hit in shown])
    elif output is OutputFormat.CSV:
        write_csv((hit_record(hit) for hit in shown), SEARCH_COLUMNS)
    else:
        print_view(search_table(shown, query, hypernym_names(shown)))
    if output is OutputFormat.TABLE and len(shown) < found.total:
        sys.stderr.write(f"Showing {len(shown)} of {found.total} matches; use --limit 0 for all.\n")


IdArgument = Annotated[
    str,
    typer.Argument(
        help="A wnid (n02084071), WordNet name (dog.n.01), lemma (golden retriever) "
        "or ILSVRC-2012 class index (0-999).",
        metavar="ID",
    ),
]
JsonOnly = Annotated[bool, typer.Option("--json", help="Print JSON.")]


@app.command("show")
def show(identifier: IdArgument, as_json: JsonOnly = False) -> None:
    """Show a synset: lemmas, gloss, hypernyms, hyponyms, class index and every path."""
    from imagenet_cli.model.hierarchy import hypernym_paths
    from imagenet_cli.model.identifiers import resolve
    from imagenet_cli.render.hierarchy import show_record, show_view

    with user_errors():
        synset = resolve(identifier)
        paths = hypernym_paths(synset.offset)
    if as_json:
        write_json(show_record(synset, paths))
    else:
        print_view(show_view(synset, paths))


@app.command("path")
def path(identifier: IdArgument, as_json: JsonOnly = False) -> None:
    """Print every hypernym path from entity.n.01 down to the synset."""
    from imagenet_cli.model.hierarchy import hypernym_paths
    from imagenet_cli.model.identifiers import resolve
    from imagenet_cli.render.hierarchy import paths_view

    with user_errors():
        paths = hypernym_paths(resolve(identifier).offset)
    if as_json:
        write_json([[f"n{o:08d}" for o in p] for p in paths])
    else:
        print_view(paths_view(paths))


@app.command("tree")
def tree(
    identifier: IdArgument,
    depth: Annotated[int, typer.Option("--depth", "-d", min=0, help="Levels to expand.")] = 2,
    max_children: Annotated[
        int,
        typer.Option("--max-children", "-m", min=0, help="Children shown per node; 0 shows all."),
    ] = 25,
    subset: Annotated[
        Optional[str],  # noqa: UP045 - Typer reads the annotation at run time
        typer.Option("--subset", "-s", help="Only branches leading to synsets of this list."),
    ] = None,
    as_json: JsonOnly = False,
) -> None:
    """Draw the hyponyms below a synset with ILSVRC-2012 and 21k counts beneath each node."""
    from imagenet_cli.model.errors import ImagenetError
    from imagenet_cli.model.hierarchy import hyponym_tree, members_with_ancestors
    from imagenet_cli.model.identifiers import resolve
    from imagenet_cli.model.synsets import subset_members
    from imagenet_cli.render.hierarchy import tree_record, tree_view

    with user_errors():
        root = resolve(identifier)
        within = None if subset is None else members_with_ancestors(subset_members(subset))
        if within is not None and root.offset not in within:
            raise ImagenetError(f"no synset of {subset} lies under {root.name}")
        node = hyponym_tree(root.offset, depth=depth, max_children=max_children, within=within)
    if as_json:
        write_json(tree_record(node))
    else:
        print_view(tree_view(node))


@app.command("lca")
def lca(
    identifiers: Annotated[
        list[str], typer.Argument(help="Two or more synset IDs (as for show).", metavar="ID...")
    ],
    as_json: JsonOnly = False,
) -> None:
    """Lowest common hypernym(s), shortest path and NLTK's similarities of two or more synsets.

    Values equal NLTK's functions on WordNet 3.0 (lowest_common_hypernyms, shortest_path_distance, path_similarity, wup_similarity, lch_similarity). Lowest common hypernyms are the common hypernyms of greatest max_depth (longest path to the root). NLTK's Wu-Palmer differs from the textbook: it takes the common hypernym of greatest min_depth (its shortest path to the root is longest), the first by name, and then uses that subsumer's max_depth + 1 as its depth. Leacock-Chodorow uses the depth of WordNet 3.0's noun taxonomy, 19.
    """  # noqa: E501 - Typer rewraps help text; a line break here would break the sentence
    from itertools import combinations

    from imagenet_cli.model.hierarchy import lowest_common_hypernyms, relate
    from imagenet_cli.model.identifiers import resolve
    from imagenet_cli.render.hierarchy import relate_record, relate_view

    if len(identifiers) < 2:
        raise typer.BadParameter("give at least two synsets", param_hint="ID...")
    with user_errors():
        synsets = [resolve(i) for i in identifiers]
        offsets = [s.offset for s in synsets]
        lowest = lowest_common_hypernyms(offsets)
        pairs = [relate(a, b) for a, b in combinations(offsets, 2)]
    if as_json:
        write_json(relate_record(lowest, pairs))
    else:
        print_view(relate_view(synsets, lowest, pairs))
