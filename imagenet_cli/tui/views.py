"""The browser's text: tree labels and the detail pane, as Rich ``Text`` (never markup, so
names and glosses are shown exactly as WordNet spells them)."""

from __future__ import annotations

from rich.text import Text

from imagenet_cli.tui.model import Detail, Entry

#: Marks a node that also hangs under another parent (WordNet's is-a graph is a DAG).
MULTI_PARENT = "⇄"


def label(entry: Entry) -> Text:
    """``dog.n.01 (118 · 190) ⇄``: the name, ILSVRC-2012 classes and fall 2011 21k synsets
    below (itself included), and a mark when the node has several parents."""
    if entry.class_index is not None:
        style = "bold green"
    elif entry.member:
        style = ""
    else:
        style = "dim"
    text = Text(entry.name, style=style)
    if entry.class_index is not None:
        text.append(f" #{entry.class_index}", style="green")
    text.append(f" ({entry.classes_below} · {entry.in21k_below})", style="dim")
    if entry.parent_count > 1:
        text.append(f" {MULTI_PARENT}", style="bold yellow")
    return text


def detail_text(detail: Detail, subset: str | None = None) -> Text:
    """The detail pane: name and wnid, class numbers, lemmas, gloss, every parent, counts
    below, lists, and every hypernym path root first."""
    synset = detail.synset
    text = Text()
    text.append(synset.name, style="bold")
    text.append(f"  {synset.wnid}\n", style="cyan")
    if synset.ilsvrc2012_index is not None:
        text.append(f"ILSVRC-2012 class {synset.ilsvrc2012_index}\n", style="bold green")
        text.append(f"ILSVRC2012_ID {synset.ilsvrc2012_id} (devkit)\n", style="green")
    text.append(", ".join(synset.words) + "\n", style="italic")
    text.append(synset.gloss + "\n\n")

    heading = "Parents" if len(detail.parents) > 1 else "Parent"
    if detail.parents:
        text.append(f"{heading} ({len(detail.parents)})\n", style="bold")
    for parent in detail.parents:
        text.append(f"  {parent.name}", style="yellow" if len(detail.parents) > 1 else "")
        text.append(f" {parent.wnid}", style="cyan")
        if parent.instance:
            text.append(" (instance of)", style="dim")
        text.append("\n")

    text.append("Below, itself included\n", style="bold")
    where = "in list" if subset else "in index"
    rows = (
        ("ILSVRC-2012 classes", detail.classes_below),
        ("21k synsets (2011)", detail.in21k_below),
        (f"hyponyms {where}", detail.children),
        ("hyponyms in WordNet", detail.wordnet_hyponyms),
    )
    for name, value in rows:
        text.append(f"  {name:<19}{value:>6,}\n")
    text.append("Lists ", style="bold")
    text.append((", ".join(synset.subsets) or "none (an ancestor only)") + "\n")

    text.append(f"\nHypernym paths ({len(detail.paths)})\n", style="bold")
    for i, path in enumerate(detail.paths, start=1):
        text.append(f"{i}. ", style="dim")
        for j, name in enumerate(path):
            if j:
                text.append(" › ", style="dim")
            text.append(name, style="bold" if j == len(path) - 1 else "")
        text.append("\n")
    text.rstrip()
    return text
