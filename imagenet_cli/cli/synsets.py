"""``imagenet synsets``: search and show synsets of the ImageNet index."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from imagenet_cli import ImagenetError
from imagenet_cli.cli.errors import report, user_errors
from imagenet_cli.cli.options import (
    CsvFlag,
    FormatOption,
    JsonFlag,
    JsonlFlag,
    TsvFlag,
    pick_format,
)
from imagenet_cli.render.output import (
    OutputFormat,
    emit,
    write_json,
    write_json_array,
    write_json_object_with_array,
    write_jsonl,
)

#: Above this many rows a table view prints plain aligned columns instead of a Rich table.
LISTING_ROWS = 200

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
    as_jsonl: JsonlFlag = False,
    as_csv: CsvFlag = False,
    as_tsv: TsvFlag = False,
) -> None:
    """Find synsets by lemma, wnid, WordNet name or gloss, best match first."""
    from imagenet_cli import EmptyInput, no_match_error, search_hits
    from imagenet_cli.render.records import SEARCH_COLUMNS, hit_record
    from imagenet_cli.render.synsets import print_search_listing, search_table

    output = pick_format(fmt, as_json, as_csv, as_jsonl=as_jsonl, as_tsv=as_tsv)
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

    def view() -> Any:
        parents = {p.wnid: p.name for hit in shown for p in hit.synset.hypernyms()}
        return search_table(shown, query, parents)

    if output is OutputFormat.TABLE and len(shown) > LISTING_ROWS:
        print_search_listing(shown, query)  # a Rich table of thousands of rows takes minutes
    else:
        emit(output, (hit_record(hit) for hit in shown), SEARCH_COLUMNS, view)
    if output is OutputFormat.TABLE and len(shown) < found.total:
        sys.stderr.write(f"Showing {len(shown)} of {found.total} matches; use --limit 0 for all.\n")


def _search_all_wordnet(query: str, limit: int, output: OutputFormat) -> None:
    from imagenet_cli import search_all_wordnet as search_all
    from imagenet_cli.render.wordnet import (
        WORDNET_SEARCH_COLUMNS,
        wordnet_hit_record,
        wordnet_search_table,
    )

    with user_errors():
        hits, total = search_all(query, limit)
    emit(
        output,
        (wordnet_hit_record(hit) for hit in hits),
        WORDNET_SEARCH_COLUMNS,
        lambda: wordnet_search_table(hits, query),
    )
    if output is OutputFormat.TABLE and len(hits) < total:
        sys.stderr.write(f"Showing {len(hits)} of {total} matches; use --limit 0 for all.\n")


IdArgument = Annotated[
    str,
    typer.Argument(
        help="A wnid (n02084071), WordNet name (dog.n.01), lemma (golden retriever) "
        "or ILSVRC-2012 class index (0-999).",
        metavar="ID",
    ),
]
IdsArgument = Annotated[
    list[str],
    typer.Argument(
        help="One or more synset IDs (wnid, WordNet name, lemma, sense key, offset-pos or "
        "class index); - reads them from stdin, one a line.",
        metavar="ID...",
        show_default=False,
    ),
]


def read_ids(values: list[str]) -> Iterator[str]:
    """The IDs given, with ``-`` replaced by the lines of stdin (blank lines skipped), read
    as they come so a long list streams.

    Raises:
        typer.BadParameter: no ID at all (an empty or closed stdin): a usage error.
    """
    given = 0
    for value in values:
        if value == "-":
            lines = sys.stdin if sys.stdin is not None else ()
            for line in lines:
                if line.strip():
                    given += 1
                    yield line.strip()
        else:
            given += 1
            yield value
    if not given:
        raise typer.BadParameter("no synset ID given (stdin was empty)", param_hint="ID...")


class _Failures:
    """With several IDs, a bad one is reported (one line) and the rest still answered;
    the command then exits 1."""

    def __init__(self, many: bool) -> None:
        self.many = many
        self.count = 0

    def attempt(self, call: Callable[[], Any]) -> Any:
        if not self.many:
            with user_errors():
                return call()
        try:
            return call()
        except ImagenetError as error:
            report(error)
            self.count += 1
            return None

    def finish(self) -> None:
        if self.count:
            raise typer.Exit(code=1)


@app.command("show")
def show(
    identifiers: IdsArgument,
    as_json: JsonFlag = False,
    as_jsonl: JsonlFlag = False,
) -> None:
    """Show synsets: lemmas, gloss, hypernyms, hyponyms, class index and every path.

    With one ID, --json prints one object; with several (or -), --json prints an array and
    --jsonl one object a line, streamed. A bad ID is reported and the rest still shown
    (exit 1 at the end).
    """
    output = pick_format(None, as_json, as_jsonl=as_jsonl)
    many = len(identifiers) > 1 or identifiers[0] == "-" or output is OutputFormat.JSONL
    failures = _Failures(many)
    records = (
        record
        for identifier in read_ids(identifiers)
        if (record := failures.attempt(partial(_show_one, identifier, output))) is not None
    )
    if output is OutputFormat.TABLE:
        for _ in records:  # each view is printed as it is read
            if many:
                sys.stdout.write("\n")  # a blank line after each synset's view
    elif many and output is OutputFormat.JSON:
        write_json_array(records)
    elif output is OutputFormat.JSONL:
        write_jsonl(records)
    else:
        for record in records:
            write_json(record)
    failures.finish()


def _show_one(identifier: str, output: OutputFormat) -> dict[str, Any]:
    """Print one synset's view (table), or return its record (JSON)."""
    from imagenet_cli import NotFound, details, other_wordnet_senses, synset
    from imagenet_cli.render.records import show_record

    try:
        found = details(synset(identifier))
    except NotFound as error:
        if not _wordnet_noun_outside(error):
            raise
        return _show_outside_imagenet(identifier, output)
    if output is not OutputFormat.TABLE:
        return show_record(found)
    from imagenet_cli.render.console import print_view
    from imagenet_cli.render.hierarchy import show_view

    print_view(show_view(found))
    others = other_wordnet_senses(identifier, found.synset)
    if others:
        listed = ", ".join(others[:6]) + (", ..." if len(others) > 6 else "")
        sys.stderr.write(
            f"WordNet also has {len(others)} noun synset{'s' * (len(others) > 1)} named "
            f"{others[0].rsplit('.', 2)[0]}.n.* outside ImageNet: {listed} "
            "(imagenet synsets show NAME reads them with the WordNet corpus)\n"
        )
    return {}


def _wordnet_noun_outside(error: Exception) -> bool:
    """Whether a NotFound says: a WordNet 3.0 noun that ImageNet's index lacks."""
    return (getattr(error, "hint", None) or "").startswith("a WordNet 3.0 noun")


def _needs_corpus(identifier: str, error: Exception) -> Exception:
    """The error for a WordNet 3.0 noun outside the index when no corpus can read it."""
    from imagenet_cli import NEEDS_CORPUS
    from imagenet_cli import DataMissing as DataMissingError

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
    from imagenet_cli import DataMissing as DataMissingError
    from imagenet_cli import corpus_hypernym_paths

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


def _show_outside_imagenet(identifier: str, output: OutputFormat) -> dict[str, Any]:
    """A WordNet 3.0 noun the index lacks: read it from the corpus, or say how to get one."""
    from imagenet_cli import DataMissing as DataMissingError
    from imagenet_cli import show_wordnet_synset as show_any
    from imagenet_cli.render.wordnet import wordnet_synset_record, wordnet_synset_view

    try:
        found = show_any(identifier)
    except DataMissingError as error:
        raise _needs_corpus(identifier, error) from None
    if output is not OutputFormat.TABLE:
        return wordnet_synset_record(found)
    from imagenet_cli.render.console import print_view

    print_view(wordnet_synset_view(found))
    return {}


@app.command("path")
def path(
    identifiers: IdsArgument,
    as_json: JsonFlag = False,
    as_jsonl: JsonlFlag = False,
) -> None:
    """Print every hypernym path from entity.n.01 down to each synset.

    A WordNet 3.0 noun outside ImageNet's index is read from the WordNet corpus (see
    imagenet wordnet status). With one ID, --json prints its list of paths; with several
    (or -), --json prints an array of objects (id, wnid, name, paths) and --jsonl one a
    line, streamed.
    """
    from imagenet_cli import NotFound, synset

    output = pick_format(None, as_json, as_jsonl=as_jsonl)
    many = len(identifiers) > 1 or identifiers[0] == "-" or output is OutputFormat.JSONL
    failures = _Failures(many)

    def one(identifier: str) -> tuple[str, tuple[tuple[Named, ...], ...]]:
        try:
            return identifier, tuple(tuple(p) for p in synset(identifier).hypernym_paths())
        except NotFound as error:
            if not _wordnet_noun_outside(error):
                raise
            return identifier, _corpus_paths(identifier)

    answers = (
        answer
        for identifier in read_ids(identifiers)
        if (answer := failures.attempt(partial(one, identifier))) is not None
    )
    if output is OutputFormat.TABLE:
        from imagenet_cli.render.console import print_view
        from imagenet_cli.render.hierarchy import paths_view

        for identifier, paths in answers:
            if many:
                end = paths[0][-1]
                sys.stdout.write(f"{end.name} ({end.wnid}, from {identifier!r})\n")
            print_view(paths_view(paths))
    elif not many:
        for _identifier, paths in answers:
            write_json([[s.wnid for s in p] for p in paths])
    else:
        records = (
            {
                "id": identifier,
                "wnid": paths[0][-1].wnid,
                "name": paths[0][-1].name,
                "paths": [[s.wnid for s in p] for p in paths],
            }
            for identifier, paths in answers
        )
        (write_jsonl if output is OutputFormat.JSONL else write_json_array)(records)
    failures.finish()


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
    as_json: JsonFlag = False,
) -> None:
    """Draw the hyponyms below a synset with ILSVRC-2012 and 21k counts beneath each node."""
    from imagenet_cli import NotFound, hyponym_tree, synset
    from imagenet_cli.render.hierarchy import tree_view
    from imagenet_cli.render.records import tree_record

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
        from imagenet_cli.render.console import print_view

        print_view(tree_view(node))


#: Above this many synsets, lca streams one row a pair (no paths) instead of the full view.
LCA_DETAILED = 10


@app.command("lca")
def lca(
    identifiers: Annotated[
        list[str],
        typer.Argument(
            help="Two or more synset IDs (as for show); - reads them from stdin, one a line.",
            metavar="ID...",
        ),
    ],
    as_json: JsonFlag = False,
    as_jsonl: JsonlFlag = False,
    as_csv: CsvFlag = False,
    as_tsv: TsvFlag = False,
) -> None:
    """Lowest common hypernym(s), shortest path and NLTK's similarities of two or more synsets.

    Values equal NLTK's functions on WordNet 3.0 (lowest_common_hypernyms, shortest_path_distance, path_similarity, wup_similarity, lch_similarity). Lowest common hypernyms are the common hypernyms of greatest max_depth (longest path to the root). NLTK's Wu-Palmer differs from the textbook: it takes the common hypernym of greatest min_depth (its shortest path to the root is longest), the first by name, and then uses that subsumer's max_depth + 1 as its depth. Leacock-Chodorow uses the depth of WordNet 3.0's noun taxonomy, 19. With more than 10 synsets every pair is one row, streamed (--jsonl, --csv and --tsv give rows; no paths).
    """  # noqa: E501 - Typer rewraps help text; a line break here would break the sentence
    from imagenet_cli import NotFound, compare, lowest_common_hypernyms, pairs, synset
    from imagenet_cli.render.records import PAIR_COLUMNS, pair_row, relate_record

    def one(identifier: str) -> Synset:
        try:
            return synset(identifier)
        except NotFound as error:
            if _wordnet_noun_outside(error):
                raise _index_only(identifier, "lca") from None
            raise

    output = pick_format(None, as_json, as_csv, as_jsonl=as_jsonl, as_tsv=as_tsv)
    with user_errors():
        found = [one(i) for i in read_ids(identifiers)]
    if len(found) < 2:
        raise typer.BadParameter("give at least two synsets", param_hint="ID...")
    rows_asked = output in (OutputFormat.JSONL, OutputFormat.CSV, OutputFormat.TSV)
    if len(found) <= LCA_DETAILED and not rows_asked:
        with user_errors():
            compared = compare(*found)
        if output is OutputFormat.JSON:
            write_json(relate_record(compared))
        else:
            from imagenet_cli.render.console import print_view
            from imagenet_cli.render.hierarchy import relate_view

            print_view(relate_view(compared))
        return
    lowest = lowest_common_hypernyms(*found)
    rows = (pair_row(p) for p in pairs(*found))
    if output is OutputFormat.JSON:
        head = {"lowest_common_hypernyms": [s.wnid for s in lowest], "synsets": len(found)}
        write_json_object_with_array(head, "pairs", rows)
    elif output is OutputFormat.TABLE:
        from imagenet_cli.render.output import print_rows

        names = ", ".join(f"{s.name} ({s.wnid})" for s in lowest)
        sys.stdout.write(f"Lowest common hypernym of {len(found)} synsets: {names}\n")
        shown = (
            {
                "a": p.a.name,
                "b": p.b.name,
                "distance": p.shortest_path_distance,
                "path sim": p.path_similarity,
                "Wu-Palmer": p.wup_similarity,
                "L-C": p.lch_similarity,
            }
            for p in pairs(*found)
        )
        print_rows(("a", "b", "distance", "path sim", "Wu-Palmer", "L-C"), shown, (2, 3, 4, 5))
    else:
        emit(output, rows, PAIR_COLUMNS)


from imagenet_cli.cli.synsets_export import register  # noqa: E402 - export, stats

register(app)
from imagenet_cli.cli import distances as _distances  # noqa: E402,F401 - registers distance-matrix
