"""``imagenet wordnet``: NLTK's WordNet 3.0 corpus: where it is, installing and importing it."""

from __future__ import annotations

import math
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from imagenet_cli.cli.errors import printable, user_errors
from imagenet_cli.cli.options import JsonFlag
from imagenet_cli.cli.signals import Terminated, signals_interrupt
from imagenet_cli.render.console import print_view, write_json

app = typer.Typer(
    no_args_is_help=True,
    help="The full WordNet 3.0 corpus for NLTK: status, install (download) or import (offline).",
)

DirOption = Annotated[
    Optional[str],  # noqa: UP045 - not Path: Typer 0.28 stats a Path and raises on NUL
    typer.Option(
        "--dir",
        help="NLTK data folder to install into (the corpus goes to DIR/corpora/wordnet). "
        "Default: the first $NLTK_DATA entry, else ~/nltk_data.",
        metavar="DIR",
        show_default=False,
    ),
]
ForceOption = Annotated[
    bool,
    typer.Option(
        "--force",
        metavar="",
        help="Replace what DIR/corpora/wordnet already holds (a corpus of any version, files).",
    ),
]


@app.command("status")
def status(
    as_json: JsonFlag = False,
) -> None:
    """Which WordNet corpus NLTK and imagenet would use, its version, and what it enables.

    Folders are searched in this order: $IMAGENET_WORDNET_DIR, corpora/wordnet under each folder of NLTK's data path ($NLTK_DATA, ~/nltk_data, ...), then /usr/share/wordnet (Debian's wordnet-base). Only WordNet 3.0 is used: ImageNet wnids are WordNet 3.0 offsets (dog is 02084071 in 3.0, 02086723 in 3.1).
    """  # noqa: E501 - Typer rewraps help text
    from importlib.metadata import PackageNotFoundError, version

    from imagenet_cli import default_install_root, find_corpora, pick_corpus
    from imagenet_cli.render.wordnet import status_record, status_view

    corpora = find_corpora()
    in_use = pick_corpus(corpora)
    try:
        nltk_version: str | None = version("nltk")
    except PackageNotFoundError:
        nltk_version = None
    root = default_install_root()
    left = _leftovers(corpora)
    if as_json:
        record = status_record(corpora, in_use, nltk_version, root)
        record["staging_leftovers"] = [
            {"path": str(item.path), "previous_corpus": item.previous and str(item.previous)}
            for item in left
        ]
        write_json(record)
    else:
        print_view(status_view(corpora, in_use, nltk_version, root))
        for item in left:
            if item.previous is not None:
                line = (
                    f"Kept: {item.previous} holds the corpus an interrupted install replaced; "
                    "delete its folder when you do not need it"
                )
            else:
                line = (
                    f"Leftover: {item.path}, from an interrupted install; the next one removes it"
                )
            sys.stdout.write(printable(line) + "\n")


def _leftovers(corpora: list[Any]) -> list[Any]:
    """Staging folders of killed installs under each ``corpora`` folder on NLTK's path."""
    from imagenet_cli import staging_leftovers as leftovers

    folders = dict.fromkeys(c.path.parent for c in corpora if c.origin == "nltk_data")
    return [item for folder in folders for item in leftovers(folder)]


def _on_nltk_path(root: Path) -> bool:
    from imagenet_cli import nltk_data_path

    resolved = Path(os.path.expanduser(root)).resolve()
    return any(p.resolve() == resolved for p in nltk_data_path())


def _root(given: str | None) -> Path:
    """The NLTK data folder to install into: ``--dir`` or the default.

    Raises:
        typer.BadParameter: a NUL byte, a path longer than the system takes, or a file
            where the folder should be (exit 2).
    """
    from imagenet_cli import default_install_root

    if given is None:
        return default_install_root()
    if "\x00" in given:
        raise typer.BadParameter("a folder name cannot hold a NUL byte", param_hint="--dir")
    target = Path(given)
    if len(os.fsencode(target)) >= 4096:  # PATH_MAX on Linux: no system call takes it
        raise typer.BadParameter(
            f"the path has {len(str(target)):,} characters; the system takes at most 4,095",
            param_hint="--dir",
        )
    if target.exists() and not target.is_dir():
        raise typer.BadParameter(f"{given} is a file, not a folder", param_hint="--dir")
    return target


def _interrupted(code: int = 130) -> typer.Exit:
    sys.stderr.write("Error: interrupted; nothing was installed and any old corpus is intact\n")
    return typer.Exit(code=code)


@contextmanager
def _guarded() -> Iterator[None]:
    """Signals during an install or import: the staging folder goes, 128 + signal exits."""
    from imagenet_cli import SwapInterrupted
    from imagenet_cli.cli.errors import report

    try:
        with signals_interrupt():
            yield
    except SwapInterrupted as stopped:
        report(stopped)
        raise typer.Exit(code=128 + stopped.signum) from None
    except KeyboardInterrupt:
        raise _interrupted() from None
    except Terminated as stopped:
        raise _interrupted(128 + stopped.signum) from None


@app.command("install")
def install(
    url: Annotated[
        Optional[str],  # noqa: UP045 - Typer reads the annotation at run time
        typer.Option(
            "--url",
            help="Where to download the corpus zip (default: NLTK's published wordnet.zip).",
            show_default=False,
        ),
    ] = None,
    sha256: Annotated[
        Optional[str],  # noqa: UP045 - Typer reads the annotation at run time
        typer.Option(
            "--sha256",
            help="Expected SHA-256 of the zip. Without it, the size and MD5 that NLTK's "
            "index publishes for its wordnet.zip are checked.",
            metavar="HEX",
            show_default=False,
        ),
    ] = None,
    target: DirOption = None,
    force: ForceOption = False,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, help="Seconds to wait to connect and per read.")
    ] = 30.0,
    retries: Annotated[
        int, typer.Option("--retries", min=0, max=10, help="Retries on connection errors and 5xx.")
    ] = 3,
    max_size: Annotated[
        float,
        typer.Option(
            "--max-size", min=0.001, help="Refuse downloads over this many MB (10^6 bytes)."
        ),
    ] = 64.0,
    max_time: Annotated[
        float,
        typer.Option(
            "--max-time",
            min=1.0,
            help="Give up when the whole download (retries and waits included) takes "
            "longer than this many seconds.",
        ),
    ] = 900.0,
) -> None:
    """Download NLTK's WordNet 3.0 package and install it safely.

    The zip is checked (size, digest), unzipped into a temporary folder (absolute paths, '..' and links are refused), checked to be WordNet 3.0, then moved into place in one step. A failed or interrupted install leaves nothing behind and any previous corpus intact. HTTPS_PROXY/NO_PROXY and REQUESTS_CA_BUNDLE are honoured.
    """  # noqa: E501 - Typer rewraps help text
    from imagenet_cli import NLTK_WORDNET, NLTK_WORDNET_URL
    from imagenet_cli import ExpectedArchive as Expected
    from imagenet_cli import install_wordnet as install_from_url
    from imagenet_cli import redact_url as redact
    from imagenet_cli.render.console import progress_bar
    from imagenet_cli.render.wordnet import installed_view

    for value, name in ((timeout, "--timeout"), (max_size, "--max-size"), (max_time, "--max-time")):
        if not math.isfinite(value):
            raise typer.BadParameter("give a finite number", param_hint=name)
    if sha256 is not None and not re.fullmatch(r"[0-9a-fA-F]{64}", sha256.strip()):
        raise typer.BadParameter("give 64 hexadecimal digits", param_hint="--sha256")
    if url is not None:
        from urllib.parse import urlsplit

        try:
            parts = urlsplit(url.strip())
            usable = parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
            usable = usable and (parts.port is None or parts.port > 0)
            if usable and parts.hostname:
                parts.hostname.encode("idna")  # a label over 63 characters, an empty one
        except ValueError:  # a bad port or IPv6 address; UnicodeError is one too
            usable = False
        if not usable:
            raise typer.BadParameter(
                f"{printable(redact(url))[:300]!r} is not an http(s) URL with a host",
                param_hint="--url",
            )
    expected = NLTK_WORDNET if sha256 is None else Expected(sha256=sha256.strip())
    root = _root(target)
    bar, progress = progress_bar("downloading wordnet.zip", download=True)

    with user_errors(), _guarded(), bar:
        corpus = install_from_url(
            root,
            url or NLTK_WORDNET_URL,
            expected=expected,
            max_bytes=int(max_size * 1_000_000),
            timeout=timeout,
            retries=retries,
            max_time=max_time,
            force=force,
            progress=progress,
        )
    print_view(installed_view(corpus, "installed", _on_nltk_path(root)))


@app.command("import")
def import_(
    source: Annotated[
        str,  # not Path: Typer 0.28 stats a Path argument and raises on a NUL byte
        typer.Argument(
            help="A folder of WordNet 3.0 database files (Debian's wordnet-base: "
            "/usr/share/wordnet).",
            metavar="FOLDER",
            show_default=False,
        ),
    ],
    target: DirOption = None,
    force: ForceOption = False,
) -> None:
    """Build an NLTK-readable WordNet 3.0 corpus from Princeton's database files, offline.

    Copies the files and supplies what NLTK needs and Linux packages lack: lexnames and, when missing, index.sense (rebuilt from the database; identical to Princeton's). The result is moved into place in one step.
    """  # noqa: E501 - Typer rewraps help text
    from imagenet_cli import import_wordnet as import_corpus
    from imagenet_cli.render.wordnet import installed_view

    if "\x00" in source:
        raise typer.BadParameter("a folder name cannot hold a NUL byte", param_hint="FOLDER")
    root = _root(target)
    with user_errors(), _guarded():
        corpus = import_corpus(Path(os.path.expanduser(source)), root, force=force)
    print_view(installed_view(corpus, "imported", _on_nltk_path(root)))
