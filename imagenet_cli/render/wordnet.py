"""Views of ``imagenet wordnet status`` and of an installed corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from imagenet_cli._text import count
from imagenet_cli.corpus.finder import Corpus
from imagenet_cli.corpus.fullwordnet import VerifyReport, WordNetHit, WordNetSynset
from imagenet_cli.render.tables import WordTable as Table

ORIGIN_LABEL = {
    "IMAGENET_WORDNET_DIR": "$IMAGENET_WORDNET_DIR",
    "nltk_data": "NLTK path",
    "system": "system",
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


def _features(in_use: Corpus | None) -> list[tuple[str, str, bool, str]]:
    """``(json key, label, on, note)`` for each feature."""
    on = in_use is not None
    sense = in_use is not None and in_use.index_sense
    return [
        ("bundled_index", "bundled ImageNet index (all other commands)", True, "offline"),
        ("search_all_wordnet", "synsets search --all-wordnet", on, "all 82,115 noun synsets"),
        ("show_outside_imagenet", "synsets show outside ImageNet", on, "any noun synset"),
        ("morphy", "NLTK morphy for inflected queries", on, "with --all-wordnet"),
        ("data_verify", "data verify", on, "the bundled index against the corpus"),
        ("sense_keys", "sense keys (index.sense)", sense, "NLTK lemma_from_key"),
    ]


def status_record(
    corpora: list[Corpus], in_use: Corpus | None, nltk_version: str | None, default_root: Path
) -> dict[str, Any]:
    """``wordnet status --json``."""
    return {
        "in_use": None if in_use is None else corpus_record(in_use),
        "nltk_version": nltk_version,
        "nltk_reads_directly": next(
            (str(c.path) for c in corpora if c.nltk_ready),
            next(
                (
                    str(c.path.parent / "wordnet.zip")
                    for c in corpora
                    if c.origin == "nltk_data" and c.zipped
                ),
                None,
            ),
        ),
        "install_dir": str(default_root / "corpora" / "wordnet"),
        "searched": [corpus_record(c) for c in corpora],
        "features": {key: on for key, _, on, _ in _features(in_use)},
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
    override = corpora[0] if corpora and corpora[0].origin == "IMAGENET_WORDNET_DIR" else None
    if in_use is None and override is not None:
        usable = next((c for c in corpora[1:] if c.usable), None)
        after = f"; without it, {usable.path} would be used" if usable else ""
        summary.add_row(
            "corpus",
            Text(
                f"none: IMAGENET_WORDNET_DIR={override.path} is {override.problem}; "
                f"fix or unset it{after}",
                style="red",
            ),
        )
    elif in_use is None:
        summary.add_row("corpus", Text("none found: the bundled index still works", style="red"))
    else:
        summary.add_row("corpus", f"{in_use.path} ({ORIGIN_LABEL[in_use.origin]} folder)")
        summary.add_row("version", "WordNet 3.0; dog.n.01 is n02084071 as in ImageNet")
    summary.add_row("NLTK", f"{nltk_version or 'not installed'}")
    direct = next((c for c in corpora if c.nltk_ready), None)
    zipped = next((c for c in corpora if c.origin == "nltk_data" and c.zipped), None)
    if direct is not None:
        summary.add_row("plain NLTK", f"nltk.corpus.wordnet reads {direct.path}")
    elif zipped is not None:
        summary.add_row(
            "plain NLTK",
            f"nltk.corpus.wordnet reads {zipped.path.parent / 'wordnet.zip'} (version not "
            "checked here; imagenet reads only unzipped corpora)",
        )
    else:
        summary.add_row(
            "plain NLTK",
            "nltk.corpus.wordnet finds no usable corpus: run `imagenet wordnet import "
            "/usr/share/wordnet` (offline) or `imagenet wordnet install`",
        )
    summary.add_row("installs go to", str(default_root / "corpora" / "wordnet"))

    searched = Table.grid(padding=(0, 1))  # a wrapped note stays under its folder
    searched.add_column(justify="right", style="dim", no_wrap=True)
    searched.add_column()
    for number, corpus in enumerate(corpora, start=1):
        if corpus.usable:
            notes = ["WordNet 3.0"]
            if not corpus.lexnames:
                notes.append("no lexnames file (imagenet supplies it; plain NLTK needs one)")
            if not corpus.index_sense:
                notes.append("no index.sense")
            state = Text(", ".join(notes), style="green")
            if corpus is in_use:
                state.append("  ← in use", style="bold")
        else:
            state = Text(corpus.problem or "", style="dim" if not corpus.exists else "yellow")
            if corpus.zipped:
                state.append("; wordnet.zip beside it (unzip it to use it here)")
        entry = Text(str(corpus.path))
        entry.append(f"\n{ORIGIN_LABEL[corpus.origin]}: ", style="dim")
        entry.append_text(state)
        searched.add_row(f"{number}.", entry)
    searched_title = Text("Folders searched, in order", style="bold")

    features = Table(title=Text("Features"), title_justify="left")
    features.add_column("feature")
    features.add_column("on")
    features.add_column("note")
    for _, name, on, note in _features(in_use):
        features.add_row(name, _mark(on), note)
    return Group(summary, Text(""), searched_title, searched, Text(""), features)


def installed_view(corpus: Corpus, action: str, on_nltk_path: bool) -> RenderableType:
    """What was installed, and whether NLTK and imagenet will find it."""
    root = corpus.path.parent.parent
    text = Text.assemble((f"{action} ", "green"), "WordNet 3.0 in ", (str(corpus.path), "bold"))
    if on_nltk_path:
        text.append("; NLTK (nltk.corpus.wordnet) and imagenet both find it")
    else:
        text.append(f"; {root} is not on NLTK's data path: set NLTK_DATA={root} to use it")
    return text


WORDNET_SEARCH_COLUMNS = (
    "wnid", "name", "lemmas", "gloss", "match", "base_form", "in_imagenet", "ilsvrc2012_index",
)  # fmt: skip


def wordnet_hit_record(hit: WordNetHit) -> dict[str, Any]:
    """A ``search --all-wordnet`` hit as JSON: ``in_imagenet`` means in the bundled index."""
    return {
        "wnid": hit.wnid,
        "name": hit.name,
        "lemmas": list(hit.lemmas),
        "gloss": hit.gloss,
        "match": hit.match,
        "base_form": hit.base_form,
        "in_imagenet": hit.in_index,
        "ilsvrc2012_index": hit.ilsvrc2012_index,
    }


def wordnet_search_table(hits: list[WordNetHit], query: str) -> Table:
    """All-WordNet hits, marking which are in ImageNet and which are ILSVRC-2012 classes."""
    table = Table(title=Text(f"WordNet 3.0 noun synsets matching {query!r}"), title_justify="left")
    table.add_column("#", justify="right", style="dim", no_wrap=True)
    table.add_column("wnid", style="cyan", no_wrap=True)
    table.add_column("name", style="bold")
    table.add_column("lemmas", ratio=2)
    table.add_column("gloss", ratio=3)
    table.add_column("ImageNet", no_wrap=True)
    for rank, hit in enumerate(hits, start=1):
        if hit.ilsvrc2012_index is not None:
            where = Text(f"class {hit.ilsvrc2012_index}", style="green")
        elif hit.in_index:
            where = Text("index", style="cyan")
        else:
            where = Text("-", style="dim")
        name = Text(hit.name)
        if hit.base_form:
            name.append(f"\n= {hit.base_form}", style="dim")
        table.add_row(
            str(rank),
            hit.wnid,
            name,
            ", ".join(lemma.replace("_", " ") for lemma in hit.lemmas),
            hit.gloss,
            where,
        )
    table.caption = Text(
        "ImageNet column: class N, an ILSVRC-2012 class; index, in imagenet's synset index "
        "(the ImageNet lists and their hypernyms); -, not in ImageNet."
    )
    if any(hit.base_form for hit in hits):
        table.caption.append(" '= X': the base form NLTK's morphy found for the query.")
    table.caption_justify = "left"
    return table


def wordnet_synset_record(synset: WordNetSynset) -> dict[str, Any]:
    """``synsets show --json`` for a synset read from the corpus.

    The keys an ImageNet synset's record has keep their shapes (``hypernyms`` and
    ``instance_hypernyms`` are wnids, ``paths`` lists of wnids, root first, ``hyponyms``
    objects with ``wnid`` and ``name``); names come in ``hypernym_names`` and ``path_names``.
    """
    return {
        "wnid": synset.wnid,
        "name": synset.name,
        "lemmas": list(synset.lemmas),
        "gloss": synset.gloss,
        "examples": list(synset.examples),
        "lexname": synset.lexname,
        "in_imagenet": synset.in_index,
        "hypernyms": [w for w, _ in synset.hypernyms],
        "instance_hypernyms": [w for w, _ in synset.instance_hypernyms],
        "hypernym_names": [n for _, n in (*synset.hypernyms, *synset.instance_hypernyms)],
        "hyponyms": [{"wnid": w, "name": n} for w, n in synset.hyponyms],
        "instance_hyponyms": [{"wnid": w, "name": n} for w, n in synset.instance_hyponyms],
        "paths": [list(p) for p in synset.path_wnids],
        "path_names": [list(p) for p in synset.paths],
        "imagenet_ancestor": None
        if synset.imagenet_ancestor is None
        else dict(zip(("wnid", "name", "steps"), synset.imagenet_ancestor, strict=True)),
        "source": "WordNet 3.0 corpus (NLTK)",
    }


def wordnet_synset_view(synset: WordNetSynset) -> RenderableType:
    """Label/value lines like ``synsets show``, for a synset outside the bundled index."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    title = Text.assemble((synset.name, "bold"), "  ", (synset.wnid, "cyan"), "  ")
    title.append("not in ImageNet" if not synset.in_index else "in ImageNet", style="yellow")
    grid.add_row("lemmas", ", ".join(lemma.replace("_", " ") for lemma in synset.lemmas))
    grid.add_row("gloss", synset.gloss)
    if synset.examples:
        grid.add_row("examples", "; ".join(f'"{e}"' for e in synset.examples))
    grid.add_row("lexname", synset.lexname)

    def names(pairs: tuple[tuple[str, str], ...], limit: int = 12) -> str:
        shown = ", ".join(n for _, n in pairs[:limit])
        return shown + (f" ... ({len(pairs)} in all)" if len(pairs) > limit else "")

    for label, pairs in (
        ("hypernyms", synset.hypernyms),
        ("instance of", synset.instance_hypernyms),
        ("hyponyms", synset.hyponyms),
        ("instances", synset.instance_hyponyms),
    ):
        if pairs:
            grid.add_row(label, names(pairs))
    if synset.imagenet_ancestor is not None:
        wnid, name, steps = synset.imagenet_ancestor
        grid.add_row("nearest in ImageNet", f"{name} ({wnid}), {steps} step{'s' * (steps != 1)} up")
    for number, path in enumerate(synset.paths, start=1):
        grid.add_row(f"path {number}" if len(synset.paths) > 1 else "path", " > ".join(path))
    grid.add_row("source", "WordNet 3.0 corpus through NLTK (not the bundled index)")
    return Group(title, grid)


def verify_record(report: VerifyReport) -> dict[str, Any]:
    """``data verify --json``: counts compared and every mismatch."""
    return {
        "corpus": report.corpus,
        "synsets": report.synsets,
        "lemmas": report.lemmas,
        "hypernym_links": report.hypernym_links,
        "ok": not report.mismatches,
        "mismatches": [
            {"wnid": m.wnid, "field": m.field, "bundled": m.ours, "corpus": m.theirs}
            for m in report.mismatches
        ],
    }


def verify_view(report: VerifyReport) -> RenderableType:
    """One summary line, then a table of mismatches if any."""
    checked = (
        f"{report.synsets:,} synsets, {report.lemmas:,} lemmas and "
        f"{report.hypernym_links:,} hypernym links of the bundled index against {report.corpus}"
    )
    if not report.mismatches:
        return Text.assemble(("OK ", "green bold"), f"checked {checked}: all agree")
    table = Table(
        title=Text(
            f"{count(len(report.mismatches), 'difference')}; checked {checked}", style="red"
        ),
        title_justify="left",
    )
    table.add_column("wnid", style="cyan", no_wrap=True)
    table.add_column("field")
    table.add_column("bundled")
    table.add_column("corpus")
    for m in report.mismatches:
        table.add_row(m.wnid, m.field, m.ours, m.theirs)
    return table
