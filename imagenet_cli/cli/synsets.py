"""``imagenet synsets``: search and show synsets of the ImageNet index."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from imagenet_cli import ImagenetError
from imagenet_cli.cli.errors import user_errors
from imagenet_cli.cli.options import CsvFlag, FormatOption, JsonFlag, pick_format
from imagenet_cli.render.console import OutputFormat, print_view, write_csv, write_json

if TYPE_CHECKING:
    from imagenet_cli import Synset
    from imagenet_cli.render.hierarchy import Named

app = typer.Typer(no_args_is_help=True, help="Search and browse WordNet 3.0 synsets of ImageNet.")


@app.command("search")
def search(
    query: Annotated[
        str, typer.Argument(help="A lemma, part of one, a wnid or a WordNet name.", metavar="QUERY")
    ],
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
    all_wordnet: Annotated[
        bool,
        typer.Option(
            "--all-wordnet",
            metavar="",
            help="Search all 82,115 WordNet 3.0 noun synsets, not only ImageNet's (needs the "
            "WordNet corpus: see imagenet wordnet status).",
        ),
    ] = False,
    fmt: FormatOption = None,
    as_json: JsonFlag = False,
    as_csv: CsvFlag = False,
) -> None:
    """Find synsets by lemma, wnid, WordNet name or gloss, best match first."""
    from imagenet_cli import EmptyInput, no_match_error, search_hits
    from imagenet_cli.render.synsets import SEARCH_COLUMNS, hit_record, search_table

    output = pick_format(fmt, as_json, as_csv)
    if limit is None:
        limit = 20 if output is OutputFormat.TABLE else 0
    if all_wordnet:
        with user_errors():
            if not query.strip():
                raise EmptyInput("search query")
        if subset is not None:
            raise typer.BadParameter(
                "--all-wordnet searches all of WordNet; drop --subset", param_hint="--subset"
            )
        _search_all_wordnet(query, limit, output)
        return
    with user_errors():
        found = search_hits(query, subset=subset, limit=limit)
        if not found.total:
            raise no_match_error(query, subset)
    shown = found.hits
    if output is OutputFormat.JSON:
        write_json([hit_record(hit) for hit in shown])
    elif output is OutputFormat.CSV:
        write_csv((hit_record(hit) for hit in shown), SEARCH_COLUMNS)
    else:
        parents = {p.wnid: p.name for hit in shown for p in hit.synset.hypernyms()}
        print_view(search_table(shown, query, parents))
    if output is OutputFormat.TABLE and len(shown) < found.total:
        sys.stderr.write(f"Showing {len(shown)} of {found.total} matches; use --limit 0 for all.\n")


def _search_all_wordnet(query: str, limit: int, output: OutputFormat) -> None:
    from imagenet_cli.corpus.fullwordnet import search_all
    from imagenet_cli.render.wordnet import (
        WORDNET_SEARCH_COLUMNS,
        wordnet_hit_record,
        wordnet_search_table,
    )

    with user_errors():
        hits, total = search_all(query, limit)
    if output is OutputFormat.JSON:
        write_json([wordnet_hit_record(hit) for hit in hits])
    elif output is OutputFormat.CSV:
        write_csv((wordnet_hit_record(hit) for hit in hits), WORDNET_SEARCH_COLUMNS)
    else:
        print_view(wordnet_search_table(hits, query))
        if len(hits) < total:
            sys.stderr.write(f"Showing {len(hits)} of {total} matches; use --limit 0 for all.\n")


IdArgument = Annotated[
    str,
    typer.Argument(
        help="A wnid (n02084071), WordNet name (dog.n.01), lemma (golden retriever) "
        "or ILSVRC-2012 class index (0-999).",
        metavar="ID",
    ),
]
JsonOnly = Annotated[bool, typer.Option("--json", metavar="", help="Print JSON.")]


@app.command("show")
def show(identifier: IdArgument, as_json: JsonOnly = False) -> None:
    """Show a synset: lemmas, gloss, hypernyms, hyponyms, class index and every path."""
    from imagenet_cli import NotFound, details, other_wordnet_senses, synset
    from imagenet_cli.render.hierarchy import show_record, show_view

    with user_errors():
        try:
            found = details(synset(identifier))
        except NotFound as error:
            if not (error.hint or "").startswith("a WordNet 3.0 noun"):
                raise
            _show_outside_imagenet(identifier, as_json)
            return
    if as_json:
        write_json(show_record(found))
    else:
        print_view(show_view(found))
        others = other_wordnet_senses(identifier, found.synset)
        if others:
            listed = ", ".join(others[:6]) + (", ..." if len(others) > 6 else "")
            sys.stderr.write(
                f"WordNet also has {len(others)} noun synset{'s' * (len(others) > 1)} named "
                f"{others[0].rsplit('.', 2)[0]}.n.* outside ImageNet: {listed} "
                "(imagenet synsets show NAME reads them with the WordNet corpus)\n"
            )


def _wordnet_noun_outside(error: Exception) -> bool:
    """Whether a NotFound says: a WordNet 3.0 noun that ImageNet's index lacks."""
    return (getattr(error, "hint", None) or "").startswith("a WordNet 3.0 noun")


def _needs_corpus(identifier: str, error: Exception) -> Exception:
    """The error for a WordNet 3.0 noun outside the index when no corpus can read it."""
    from imagenet_cli._errors import DataMissingError
    from imagenet_cli.corpus.fullwordnet import NEEDS_CORPUS

    assert isinstance(error, DataMissingError)
    if error.message.startswith("IMAGENET_WORDNET_DIR="):
        return DataMissingError(
            f"{identifier.strip()!r} is a WordNet 3.0 noun but not in ImageNet's index, "
            f"and {error.message}",
            hint=error.hint,
        )
    return DataMissingError(
        f"{identifier.strip()!r} is a WordNet 3.0 noun but not in ImageNet's index, and "
        f"showing it {NEEDS_CORPUS.removeprefix('this ')} ({error.message})"
    )


def _corpus_paths(identifier: str) -> tuple[tuple[Named, ...], ...]:
    from imagenet_cli._errors import DataMissingError
    from imagenet_cli.index.beyond import corpus_hypernym_paths

    try:
        return corpus_hypernym_paths(identifier)
    except DataMissingError as error:
        raise _needs_corpus(identifier, error) from None


def _index_only(identifier: str, command: str) -> ImagenetError:
    """Why ``tree``/``lca`` cannot use a WordNet 3.0 noun that the index lacks."""
    return ImagenetError(
        f"{identifier.strip()!r} is a WordNet 3.0 noun but not in ImageNet's index, and "
        f"synsets {command} works on the index only",
        hint="imagenet synsets show and synsets path read it from the WordNet corpus",
    )


def _show_outside_imagenet(identifier: str, as_json: bool) -> None:
    """A WordNet 3.0 noun the index lacks: read it from the corpus, or say how to get one."""
    from imagenet_cli._errors import DataMissingError
    from imagenet_cli.corpus.fullwordnet import show_any
    from imagenet_cli.render.wordnet import wordnet_synset_record, wordnet_synset_view

    try:
        found = show_any(identifier)
    except DataMissingError as error:
        raise _needs_corpus(identifier, error) from None
    if as_json:
        write_json(wordnet_synset_record(found))
    else:
        print_view(wordnet_synset_view(found))


@app.command("path")
def path(identifier: IdArgument, as_json: JsonOnly = False) -> None:
    """Print every hypernym path from entity.n.01 down to the synset."""
    from imagenet_cli import NotFound, synset
    from imagenet_cli.render.hierarchy import paths_view

    paths: tuple[tuple[Named, ...], ...]
    with user_errors():
        try:
            paths = tuple(tuple(p) for p in synset(identifier).hypernym_paths())
        except NotFound as error:
            if not _wordnet_noun_outside(error):
                raise
            paths = _corpus_paths(identifier)
    if as_json:
        write_json([[s.wnid for s in p] for p in paths])
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
    from imagenet_cli import NotFound, hyponym_tree, synset
    from imagenet_cli.render.hierarchy import tree_record, tree_view

    with user_errors():
        try:
            root = synset(identifier)
        except NotFound as error:
            if _wordnet_noun_outside(error):
                raise _index_only(identifier, "tree") from None
            raise
        node = hyponym_tree(root, depth=depth, max_children=max_children, subset=subset)
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
    from imagenet_cli import compare, synset
    from imagenet_cli.render.hierarchy import relate_record, relate_view

    if len(identifiers) < 2:
        raise typer.BadParameter("give at least two synsets", param_hint="ID...")
    from imagenet_cli import NotFound

    def one(identifier: str) -> Synset:
        try:
            return synset(identifier)
        except NotFound as error:
            if _wordnet_noun_outside(error):
                raise _index_only(identifier, "lca") from None
            raise

    with user_errors():
        found = compare(*(one(i) for i in identifiers))
    if as_json:
        write_json(relate_record(found))
    else:
        print_view(relate_view(found))


from imagenet_cli.cli.synsets_export import register  # noqa: E402 - export, stats

register(app)
