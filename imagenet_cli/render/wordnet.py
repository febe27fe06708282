"""Views of ``imagenet wordnet status`` and of an installed corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from imagenet_cli.model.corpus import Corpus

ORIGIN_LABEL = {
    "IMAGENET_WORDNET_DIR": "$IMAGENET_WORDNET_DIR",
    "nltk_data": "NLTK data path",
    "system": "system folder",
}


def corpus_record(corpus: Corpus) -> dict[str, Any]:
    """One candidate folder as JSON."""
    return {
        "path": str(corpus.path),
        "origin": corpus.origin,
        "exists": corpus.exists,
        "complete": corpus.complete,
        "version": corpus.version,
        "wordnet30_offsets": corpus.wordnet30_offsets,
        "lexnames": corpus.lexnames,
        "index_sense": corpus.index_sense,
        "zipped_beside": corpus.zipped,
        "usable": corpus.usable,
        "nltk_ready": corpus.nltk_ready,
        "problem": corpus.problem,
    }


def _features(in_use: Corpus | None) -> list[tuple[str, bool, str]]:
    on = in_use is not None
    return [
        ("bundled ImageNet index (every other command)", True, "offline, no NLTK"),
        ("synsets search --all-wordnet", on, "any of WordNet's 82,115 noun synsets"),
        ("synsets show outside ImageNet", on, "any WordNet 3.0 noun synset"),
        ("NLTK morphy for inflected queries", on, "with --all-wordnet"),
        ("data verify", on, "checks the bundled index against the corpus"),
        ("sense keys (index.sense)", in_use is not None and in_use.index_sense, "lemma_from_key"),
    ]


def status_record(
    corpora: list[Corpus], in_use: Corpus | None, nltk_version: str | None, default_root: Path
) -> dict[str, Any]:
    """``wordnet status --json``."""
    return {
        "in_use": None if in_use is None else corpus_record(in_use),
        "nltk_version": nltk_version,
        "nltk_reads_directly": next((str(c.path) for c in corpora if c.nltk_ready), None),
        "install_dir": str(default_root / "corpora" / "wordnet"),
        "searched": [corpus_record(c) for c in corpora],
        "features": {name: on for name, on, _ in _features(in_use)},
    }


def _mark(ok: bool) -> Text:
    return Text("yes", style="green") if ok else Text("no", style="red")


def status_view(
    corpora: list[Corpus], in_use: Corpus | None, nltk_version: str | None, default_root: Path
) -> RenderableType:
    """Summary lines, the folders searched in order, and which features are on."""
    summary = Table.grid(padding=(0, 2))
    summary.add_column(style="bold")
    summary.add_column()
    if in_use is None:
        summary.add_row("corpus", Text("none found: the bundled index still works", style="red"))
    else:
        summary.add_row("corpus", f"{in_use.path} ({ORIGIN_LABEL[in_use.origin]})")
        summary.add_row("version", "WordNet 3.0; dog.n.01 is n02084071 as in ImageNet")
    summary.add_row("NLTK", f"{nltk_version or 'not installed'}")
    direct = next((c for c in corpora if c.nltk_ready), None)
    if direct is not None:
        summary.add_row("plain NLTK", f"nltk.corpus.wordnet reads {direct.path}")
    else:
        summary.add_row(
            "plain NLTK",
            "nltk.corpus.wordnet finds no usable corpus: run `imagenet wordnet import "
            "/usr/share/wordnet` (offline) or `imagenet wordnet install`",
        )
    summary.add_row("installs go to", str(default_root / "corpora" / "wordnet"))

    searched = Table(title=Text("Folders searched, in order"), title_justify="left")
    searched.add_column("#", justify="right")
    searched.add_column("folder")
    searched.add_column("from")
    searched.add_column("state")
    for number, corpus in enumerate(corpora, start=1):
        if corpus.usable:
            notes = ["WordNet 3.0"]
            if not corpus.lexnames:
                notes.append("no lexnames (supplied here)")
            if not corpus.index_sense:
                notes.append("no index.sense")
            state = Text(", ".join(notes), style="green")
            if corpus is in_use:
                state.append("  ← in use", style="bold")
        else:
            state = Text(corpus.problem or "", style="dim" if not corpus.exists else "yellow")
            if corpus.zipped:
                state.append("; wordnet.zip beside it (unzip it to use it here)")
        searched.add_row(str(number), str(corpus.path), ORIGIN_LABEL[corpus.origin], state)

    features = Table(title=Text("Features"), title_justify="left")
    features.add_column("feature")
    features.add_column("on")
    features.add_column("note")
    for name, on, note in _features(in_use):
        features.add_row(name, _mark(on), note)
    return Group(summary, Text(""), searched, Text(""), features)


def installed_view(corpus: Corpus, action: str, on_nltk_path: bool) -> RenderableType:
    """What was installed, and whether NLTK and imagenet will find it."""
    root = corpus.path.parent.parent
    text = Text.assemble((f"{action} ", "green"), "WordNet 3.0 in ", (str(corpus.path), "bold"))
    if on_nltk_path:
        text.append("; NLTK (nltk.corpus.wordnet) and imagenet both find it")
    else:
        text.append(f"; {root} is not on NLTK's data path: set NLTK_DATA={root} to use it")
    return text
