"""Rich views and records of synsets and search hits."""

from __future__ import annotations

from typing import TYPE_CHECKING

from imagenet_cli import SearchHit, Synset

if TYPE_CHECKING:
    from rich.text import Text

    from imagenet_cli.render.tables import WordTable as Table


def _name_cell(synset: Synset, parents: dict[str, str]) -> Text:
    """The WordNet name, and below it the hypernyms that tell same-named synsets apart."""
    from rich.text import Text

    cell = Text(synset.name)
    above = [parents[w].split(".")[0] for w in synset.hypernym_wnids if w in parents]
    if above:
        cell.append("\n< " + ", ".join(above), style="dim")
    return cell


def search_table(
    hits: tuple[SearchHit, ...], query: str, parents: dict[str, str] | None = None
) -> Table:
    """A table of search hits, best first, ILSVRC-2012 classes marked by their index."""
    from rich.text import Text

    from imagenet_cli.render.tables import WordTable as Table

    table = Table(
        title=Text(f"Synsets matching {query!r}"),
        title_justify="left",
        show_lines=False,
        expand=False,
    )
    table.add_column("#", justify="right", style="dim", no_wrap=True)
    table.add_column("wnid", style="cyan", no_wrap=True)
    table.add_column("name", style="bold")
    table.add_column("lemmas", ratio=2)
    table.add_column("gloss", ratio=3)
    table.add_column("class", justify="right", style="green", no_wrap=True)
    for rank, hit in enumerate(hits, start=1):
        synset = hit.synset
        index = synset.ilsvrc2012_index
        table.add_row(
            str(rank),
            synset.wnid,
            _name_cell(synset, parents or {}),
            Text(", ".join(synset.words)),
            Text(synset.gloss),
            "" if index is None else str(index),
        )
    table.caption = Text(
        "< hypernyms. class: ILSVRC-2012 class index (0-999, sorted-wnid order, as in "
        "PyTorch and Keras)"
    )
    table.caption_justify = "left"
    return table


def print_search_listing(hits: tuple[SearchHit, ...], query: str) -> None:
    """Many hits as plain aligned columns (a Rich table of thousands of rows is slow)."""
    from imagenet_cli.render.output import print_listing

    rows = (
        (
            str(i),
            hit.synset.wnid,
            hit.synset.name,
            "" if hit.synset.ilsvrc2012_index is None else str(hit.synset.ilsvrc2012_index),
            ", ".join(hit.synset.words),
        )
        for i, hit in enumerate(hits, start=1)
    )
    print_listing(
        f"Synsets matching {query!r}",
        ("#", "wnid", "name", "class", "lemmas"),
        rows,
        caption="class: ILSVRC-2012 class index (0-999); glosses: --json or --csv",
        right=(0, 3),
    )
