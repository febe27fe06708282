"""Access to the files shipped in ``data/`` (installed as the package ``imagenet_cli.data``).

Both a wheel install and an editable install expose ``data/`` through
``importlib.resources``; only a bare source checkout falls back to its ``data/`` folder.
"""

from __future__ import annotations

import json
from contextlib import ExitStack
from functools import cache
from importlib.resources import as_file, files
from typing import TYPE_CHECKING, Any

from imagenet_cli._errors import DataMissingError

if TYPE_CHECKING:
    import sqlite3

_KEEP_OPEN = ExitStack()

#: The SQLite synset index built by scripts/build_data.py.
INDEX_FILE = "imagenet.sqlite"
#: The index layout this code reads (``meta.schema``, written by scripts/build_data.py).
SCHEMA_VERSION = "2"


@cache
def data_root() -> Any:
    """The ``imagenet_cli.data`` package folder (a Traversable).

    Running ``python -m imagenet_cli`` inside a source checkout imports the checkout's
    ``imagenet_cli``, which has no ``data`` subpackage (packaging maps ``data/`` there);
    the checkout's own ``data/`` folder is used then.
    """
    try:
        return files("imagenet_cli.data")
    except ModuleNotFoundError:
        from pathlib import Path

        return Path(__file__).resolve().parents[1] / "data"


def _resource(name: str) -> Any:
    resource = data_root() / name
    if not resource.is_file():
        raise DataMissingError(f"the bundled data file {name} is missing; reinstall imagenet-cli")
    return resource


@cache
def load_json(name: str) -> Any:
    """Parse a JSON file of ``data/``; cached, so treat the result as read-only.

    Raises:
        DataMissingError: the file is not installed.
    """
    return json.loads(_resource(name).read_text(encoding="utf-8"))


@cache
def index_db() -> sqlite3.Connection:
    """A read-only connection to the bundled synset index (works on a read-only install).

    Raises:
        DataMissingError: the index is not installed.
    """
    import sqlite3  # here, not at the top: commands reading only JSON skip it

    path = _KEEP_OPEN.enter_context(as_file(_resource(INDEX_FILE)))
    uri = path.resolve().as_uri() + "?mode=ro&immutable=1"
    db = sqlite3.connect(uri, uri=True, check_same_thread=False)
    try:
        row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    except sqlite3.DatabaseError as error:
        db.close()
        raise DataMissingError(
            f"the bundled index {INDEX_FILE} is damaged or not an index ({error}); "
            "reinstall imagenet-cli"
        ) from None
    found = row[0] if row else None
    if found != SCHEMA_VERSION:
        db.close()
        raise DataMissingError(
            f"the bundled index {INDEX_FILE} has layout {found or 'unknown'}, but this "
            f"version reads layout {SCHEMA_VERSION}; reinstall imagenet-cli"
        )
    return db
