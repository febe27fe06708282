"""Rich views and records of the ILSVRC-2012 classes and the bundled subsets."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from imagenet_cli import Duplicate, ImagenetClass, Member, Subset
from imagenet_cli.render.console import print_listing

if TYPE_CHECKING:
    from rich.console import RenderableType

    from imagenet_cli.render.tables import WordTable as Table


def terminal_width() -> int | None:
    """Columns of the terminal stdout writes to (``COLUMNS`` first), None for a pipe or file."""
    import shutil
    import sys

    if not sys.stdout.isatty():
        return None
    return shutil.get_terminal_size().columns


def print_classes(classes: tuple[ImagenetClass, ...], title: str, width: int | None = None) -> None:
    """The classes as an aligned listing: every numbering and name, one class a line.

    Args:
        width: the terminal's columns (None: a pipe or file, where rows are never wrapped).
            When the full rows are wider, the simple names are left out and the lemmas
            wrap under their own column, so that no row wraps at the terminal's edge.
    """
    rows = [(c.index, c.wnid, c.ilsvrc2012_id, c.name, c.simple_name, _lemmas(c)) for c in classes]
    if width is not None and _listing_width(rows) > width:
        _print_narrow(rows, title, width)
        return
    print_listing(
        title,
        ("index", "wnid", "ILSVRC2012_ID", "name (torchvision)", "simple name", "WordNet lemmas"),
        rows,
        caption=_CLASSES_CAPTION,
        right=(0, 2),
    )


_CLASSES_CAPTION = (
    "index: 0-999, sorted wnids (PyTorch, Keras, Caffe, timm). ILSVRC2012_ID: the devkit's "
    "numbering, another order. TF-slim 1001-way models: slot = index + 1, slot 0 is background."
)


def _lemmas(c: ImagenetClass) -> str:
    return ", ".join(lemma.replace("_", " ") for lemma in c.lemmas)


def _listing_width(rows: Sequence[Sequence[object]]) -> int:
    headers = ("index", "wnid", "ILSVRC2012_ID", "name (torchvision)", "simple name", "lemmas")
    widths = [max([len(h), *(len(str(r[i])) for r in rows)]) for i, h in enumerate(headers)]
    return sum(widths) + 2 * (len(widths) - 1)


def _print_narrow(rows: Sequence[Sequence[object]], title: str, width: int) -> None:
    """index, wnid, devkit ID and name, with the lemmas wrapped in what is left of the width."""
    import sys
    import textwrap

    headers = ("index", "wnid", "devkit", "name (torchvision)")
    cells = [(str(r[0]), str(r[1]), str(r[2]), str(r[3])) for r in rows]
    widths = [max([len(h), *(len(row[i]) for row in cells)]) for i, h in enumerate(headers)]
    left = sum(widths) + 2 * len(widths)
    room = max(width - left, 16)

    def line(parts: tuple[str, ...], lemmas: str) -> str:
        fixed = "  ".join(
            p.rjust(w) if i in (0, 2) else p.ljust(w)
            for i, (p, w) in enumerate(zip(parts, widths, strict=True))
        )
        return f"{fixed}  {lemmas}".rstrip()

    out = [title, line(headers, "WordNet lemmas"), line(tuple("-" * w for w in widths), "-" * room)]
    for row, full in zip(cells, rows, strict=True):
        wrapped = textwrap.wrap(
            str(full[5]), room, break_long_words=False, break_on_hyphens=False
        ) or [""]
        out.append(line(row, wrapped[0]))
        out += [" " * left + more for more in wrapped[1:]]
    caption = (
        f"{_CLASSES_CAPTION} devkit: ILSVRC2012_ID. Simple names are left out at this width "
        "(see --csv, --json or classes show)."
    )
    out += textwrap.wrap(caption, width)
    sys.stdout.write("\n".join(out) + "\n")


def class_view(c: ImagenetClass, read_as: str | None = None) -> RenderableType:
    """Every numbering of one class side by side, then its names."""
    from rich.console import Group
    from rich.text import Text

    from imagenet_cli.render.tables import WordTable as Table

    title = f"{c.wnid}  {c.synset}" + (f"  ({read_as})" if read_as else "")
    numbers = Table(title=Text(title), title_justify="left")
    for header in ("index (0-based)", "one-based", "TF-slim slot", "ILSVRC2012_ID (devkit)"):
        numbers.add_column(header, justify="right")
    numbers.add_row(str(c.index), str(c.one_based), str(c.tf_slim_slot), str(c.ilsvrc2012_id))
    names = Table.grid(padding=(0, 2))
    names.add_column(style="dim")
    names.add_column()
    names.add_row("torchvision name", Text(c.name))
    names.add_row("simple name", Text(c.simple_name))
    names.add_row("WordNet lemmas", Text(", ".join(lemma.replace("_", " ") for lemma in c.lemmas)))
    return Group(numbers, names)


def duplicates_table(duplicates: tuple[Duplicate, ...]) -> Table:
    """Names shared by several classes, with the classes."""
    from rich.text import Text

    from imagenet_cli.render.tables import WordTable as Table

    table = Table(title=Text("Names shared by more than one class"), title_justify="left")
    table.add_column("name")
    table.add_column("shared as")
    table.add_column("classes (index wnid WordNet name, simple name)")
    for d in duplicates:
        table.add_row(
            Text(d.name),
            d.kind,
            Text("\n".join(f"{c.index} {c.wnid} {c.synset} ({c.simple_name})" for c in d.classes)),
        )
    return table


def subsets_table(subsets: tuple[Subset, ...]) -> Table:
    """Every bundled list with size, overlap with ILSVRC-2012 and source."""
    from rich.text import Text

    from imagenet_cli.render.tables import WordTable as Table

    table = Table(title=Text("Bundled synset lists"), title_justify="left")
    table.add_column("name", style="cyan")
    table.add_column("list")
    table.add_column("synsets", justify="right")
    table.add_column("in ILSVRC-2012", justify="right")
    table.add_column("source")
    for s in subsets:
        table.add_row(
            s.name, Text(s.title), f"{s.size:,}", f"{s.ilsvrc2012_overlap:,}", Text(s.source)
        )
    table.caption = Text("Members in list order: imagenet subsets show NAME")
    table.caption_justify = "left"
    return table


def print_members(subset: Subset, members: tuple[Member, ...]) -> None:
    """A list's members in order, with the ILSVRC-2012 class index where they have one."""
    print_listing(
        f"{subset.title} ({subset.name}), {subset.size:,} synsets\n{subset.description[0].upper()}"
        f"{subset.description[1:]}.",
        ("position", "wnid", "name", "class"),
        (
            (m.position, m.wnid, m.name, "" if m.ilsvrc2012_index is None else m.ilsvrc2012_index)
            for m in members
        ),
        caption=f"Source: {subset.source}",
        right=(0, 3),
    )
