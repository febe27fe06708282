"""WordNet 3.0 through NLTK's ``WordNetCorpusReader``: the one place that touches NLTK.

ImageNet wnids are WordNet 3.0 noun offsets (``n02084071`` is ``dog.n.01``), so only a
WordNet 3.0 corpus is accepted. NLTK 3.10 cannot read the Princeton database files as
Linux distributions ship them (Debian's ``wordnet-base``) without help:

* they lack the ``lexnames`` file; its 45 rows are printed in the lexnames(5WN) manual
  page and are served from :mod:`imagenet_cli.corpus.lexnames` when the folder has none;
* NLTK's ``wordnet`` loader only looks in folders on ``nltk.data.path``; here the reader
  is built directly on whichever folder :func:`find_wordnet_dir` picks;
* ``WordNetCorpusReader.map_wn`` compares the corpus version with the name of NLTK's own
  corpus and then tries to load it; for a WordNet 3.0 corpus no mapping is needed.

``nltk`` is imported inside functions only, so commands that do not need it stay fast.
"""

from __future__ import annotations

import io
import warnings
from functools import cache
from pathlib import Path
from typing import Any

from imagenet_cli._errors import DataMissingError, ImagenetError
from imagenet_cli.corpus.lexnames import lexnames_text

INSTALL_HINT = (
    "run `imagenet wordnet install` (NLTK's package), or install Debian's wordnet-base "
    "(apt-get install wordnet-base), or set IMAGENET_WORDNET_DIR to a WordNet 3.0 folder"
)


def find_wordnet_dir() -> Path:
    """Pick the WordNet 3.0 database folder to read, without importing NLTK.

    Order (:func:`imagenet_cli.corpus.finder.find_corpora`): ``$IMAGENET_WORDNET_DIR``,
    then ``corpora/wordnet`` under each folder on NLTK's data path (``$NLTK_DATA``
    first), then the system folders (Debian's ``wordnet-base``). Folders that are not
    WordNet 3.0 (3.1 and Open English WordNet use other offsets) are skipped.

    Returns:
        The first usable folder.

    Raises:
        DataMissingError: no usable folder, or ``$IMAGENET_WORDNET_DIR`` names one that
            is not usable (the message says why).
    """
    from imagenet_cli.corpus.finder import find_corpora, pick_corpus

    corpora = find_corpora()
    chosen = pick_corpus(corpora)
    if chosen is not None:
        return chosen.path
    if corpora and corpora[0].origin == "IMAGENET_WORDNET_DIR":
        others = [c for c in corpora[1:] if c.usable]
        fallback = f" ({others[0].path} would be used without it)" if others else ""
        raise DataMissingError(
            f"IMAGENET_WORDNET_DIR={corpora[0].path} is not a WordNet 3.0 corpus: "
            f"{corpora[0].problem}",
            hint=f"fix or unset IMAGENET_WORDNET_DIR{fallback}",
        )
    others = [c for c in corpora if c.complete]
    if others:
        raise DataMissingError(
            f"no WordNet 3.0 corpus found; {others[0].path} is {others[0].problem}",
            hint=INSTALL_HINT,
        )
    raise DataMissingError("no WordNet 3.0 corpus found", hint=INSTALL_HINT)


def _import_nltk() -> Any:
    """``import nltk``, also where no home folder is known (no HOME, a uid missing from
    the passwd file): NLTK's downloader, built at import, raises ValueError ("Could not
    find a default download directory") then. A placeholder HOME is set for the import
    only; this tool never downloads through NLTK."""
    import os
    import sys

    if "nltk" in sys.modules or os.path.expanduser("~/") != "~/":
        import nltk

        return nltk
    os.environ["HOME"] = "/nonexistent"
    try:
        import nltk
    finally:
        del os.environ["HOME"]
    return nltk


def _reader_class() -> type[Any]:
    _import_nltk()
    from nltk.corpus.reader.wordnet import WordNetCorpusReader

    class WordNet30Reader(WordNetCorpusReader):  # type: ignore[misc]
        """A ``WordNetCorpusReader`` that supplies ``lexnames`` and skips NLTK mapping."""

        def open(self, file: str) -> Any:
            if file == "lexnames" and not (Path(self._root.path) / file).is_file():
                return io.StringIO(lexnames_text())
            return super().open(file)

        def map_wn(self, version: str = "wordnet") -> Any:
            # The mapping only serves the multilingual (OMW) functions, which are off
            # here; NLTK would look for its own corpus to build it. A corpus that is
            # not WordNet 3.0 is refused by open_wordnet right after construction.
            return None

    return WordNet30Reader


def open_wordnet(path: Path | None = None) -> Any:
    """Open WordNet 3.0 with NLTK's reader.

    Args:
        path: a folder of WordNet 3.0 database files; default :func:`find_wordnet_dir`.

    Returns:
        An ``nltk.corpus.reader.wordnet.WordNetCorpusReader`` (a subclass of it).

    Raises:
        DataMissingError: no corpus found.
        ImagenetError: the corpus is not WordNet 3.0 (3.1 and Open English WordNet use
            other offsets, so ImageNet wnids would name the wrong synsets).
    """
    return _open(path if path is not None else find_wordnet_dir())


@cache
def _open(folder: Path) -> Any:
    """One reader per folder (NLTK's reader loads its index lazily and keeps it)."""
    nltk = _import_nltk()

    # NLTK 3.10 reads corpus files only below folders on nltk.data.path.
    if str(folder) not in nltk.data.path:
        nltk.data.path.append(str(folder))
    with warnings.catch_warnings():
        # "The multilingual functions are not available with this Wordnet version"
        warnings.simplefilter("ignore", UserWarning)
        reader = _reader_class()(str(folder), None)
    version = reader.get_version()
    if version != "3.0":
        raise ImagenetError(
            f"the WordNet corpus in {folder} is version {version}, not 3.0; "
            "ImageNet wnids are WordNet 3.0 offsets",
            hint=INSTALL_HINT,
        )
    return reader


def wnid_of(synset: Any) -> str:
    """The ImageNet wnid of an NLTK synset: its part of speech and 8-digit offset."""
    return f"{synset.pos()}{synset.offset():08d}"
