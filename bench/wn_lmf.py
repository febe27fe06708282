#!/usr/bin/env python3
"""Export WordNet 3.0's nouns to a WN-LMF 1.0 file, for goodmami's ``wn`` in bench/bench.py.

``wn`` reads WordNets in the Global WordNet Association's WN-LMF format and has none
offline; this writes one from the WordNet 3.0 database files that NLTK reads
(:func:`imagenet_cli.corpus.reader.open_wordnet`, e.g. Debian's wordnet-base in
/usr/share/wordnet). Only what the benchmark's queries need is written: every noun
synset with its definition and its ``hypernym`` / ``instance_hypernym`` relations, and a
lexical entry per lemma (as NLTK spells it, case kept) with its senses in WordNet's sense
order, so ``wn.synsets('dog', pos='n')[0]`` is ``dog.n.01``. Synset ids are
``pwn30-<offset>-n``, like those of wn's own ``omw-en`` package.

    python bench/wn_lmf.py OUT.xml                 # write the file
    python bench/wn_lmf.py OUT.xml --check DATADIR # and load it with wn.add into DATADIR

The format: https://globalwordnet.github.io/schemas/ (WN-LMF-1.0.dtd).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from collections.abc import Iterator
from typing import Any
from xml.sax.saxutils import quoteattr

from imagenet_cli.corpus.reader import open_wordnet

LEXICON = "pwn30"
DOCTYPE = (
    '<!DOCTYPE LexicalResource SYSTEM "http://globalwordnet.github.io/schemas/WN-LMF-1.0.dtd">'
)
_UNSAFE = re.compile(r"[^A-Za-z0-9_]")


def xml_id(text: str) -> str:
    """An XML ID part for a lemma: letters, digits and ``_`` kept, any other character
    written as ``-<hex code>-`` (so two lemmas never share an ID)."""
    return _UNSAFE.sub(lambda m: f"-{ord(m.group()):x}-", text)


def synset_id(synset: Any) -> str:
    return f"{LEXICON}-{synset.offset():08d}-n"


def entries(reader: Any) -> dict[str, list[Any]]:
    """Each noun lemma (NLTK's spelling, ``_`` for space) and its synsets in sense order."""
    found: dict[str, list[Any]] = {}
    for name in reader.all_lemma_names(pos="n"):
        for synset in reader.synsets(name, pos="n"):
            for lemma in synset.lemmas():
                if lemma.name().lower() == name:
                    senses = found.setdefault(lemma.name(), [])
                    if synset not in senses:
                        senses.append(synset)
    return found


def lines(reader: Any) -> Iterator[str]:
    """The document, line by line."""
    yield '<?xml version="1.0" encoding="UTF-8"?>'
    yield DOCTYPE
    yield '<LexicalResource xmlns:dc="http://purl.org/dc/elements/1.1/">'
    yield (
        f'  <Lexicon id="{LEXICON}" label="Princeton WordNet 3.0 (nouns)" language="en" '
        'email="wordnet@princeton.edu" '
        'license="https://wordnet.princeton.edu/license-and-commercial-use" '
        'version="3.0" url="https://wordnet.princeton.edu/">'
    )
    for name, synsets in entries(reader).items():
        entry = f"{LEXICON}-{xml_id(name)}-n"
        yield f'    <LexicalEntry id="{entry}">'
        yield f'      <Lemma writtenForm={quoteattr(name.replace("_", " "))} partOfSpeech="n"/>'
        for synset in synsets:
            yield (
                f'      <Sense id="{entry}-{synset.offset():08d}" synset="{synset_id(synset)}"/>'
            )
        yield "    </LexicalEntry>"
    for synset in reader.all_synsets(pos="n"):
        yield f'    <Synset id="{synset_id(synset)}" ili="" partOfSpeech="n">'
        yield f"      <Definition>{_text(synset.definition())}</Definition>"
        for rel, targets in (
            ("hypernym", synset.hypernyms()),
            ("instance_hypernym", synset.instance_hypernyms()),
        ):
            for target in targets:
                yield f'      <SynsetRelation relType="{rel}" target="{synset_id(target)}"/>'
        yield "    </Synset>"
    yield "  </Lexicon>"
    yield "</LexicalResource>"


def _text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write(path: str) -> None:
    """Write the file atomically (a temp file beside it, then ``os.replace``)."""
    reader = open_wordnet()
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".part")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            for line in lines(reader):
                out.write(line + "\n")
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def check(path: str, data_directory: str) -> None:
    """Load the file with ``wn.add`` into ``data_directory`` and compare dog's hypernym
    paths and a lemma lookup with NLTK's."""
    import wn

    wn.config.data_directory = data_directory
    wn.add(path, progress_handler=None)
    reader = open_wordnet()
    dog = wn.synsets("dog", pos="n")[0]
    theirs = sorted([s.id for s in reversed(p)] + [dog.id] for p in dog.hypernym_paths())
    ours = sorted([synset_id(s) for s in p] for p in reader.synset("dog.n.01").hypernym_paths())
    if theirs != ours:
        raise SystemExit(f"hypernym paths of dog differ:\n{theirs}\n{ours}")
    found = [s.id for s in wn.synsets("golden retriever")]
    expected = [synset_id(s) for s in reader.synsets("golden_retriever")]
    if found != expected:
        raise SystemExit(f"golden retriever: wn {found}, NLTK {expected}")
    print(f"{path}: loaded into {data_directory}; dog's {len(ours)} hypernym paths and "
          f"'golden retriever' match NLTK")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", help="the WN-LMF XML file to write")
    parser.add_argument("--check", metavar="DATADIR", help="then load it with wn.add here")
    args = parser.parse_args()
    write(args.out)
    print(f"wrote {args.out} ({os.path.getsize(args.out) / 1e6:.1f} MB)", file=sys.stderr)
    if args.check:
        check(args.out, args.check)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
