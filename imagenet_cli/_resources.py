"""Access to the files shipped in ``data/`` (installed as the package ``imagenet_cli.data``).

Both a wheel install and an editable install expose ``data/`` through
``importlib.resources``; only a bare source checkout falls back to its ``data/`` folder.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from imagenet_cli._errors import DataMissingError

if TYPE_CHECKING:
    import sqlite3


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


class DataDamagedError(DataMissingError):
    """A bundled data file is there but unreadable (corrupted, truncated, replaced)."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(
            f"the bundled data file {name} is damaged ({reason[:200]}); reinstall imagenet-cli"
        )
        self.name = name


def resource(name: str) -> Any:
    """The Traversable of a bundled data file.

    Raises:
        DataMissingError: the file is not installed.
    """
    found = data_root() / name
    if not found.is_file():
        raise DataMissingError(f"the bundled data file {name} is missing; reinstall imagenet-cli")
    return found


@cache
def load_json(name: str) -> Any:
    """Parse a JSON file of ``data/``; cached, so treat the result as read-only.

    Raises:
        DataMissingError: the file is not installed.
        DataDamagedError: it is not UTF-8 JSON (corrupted, truncated).
    """
    try:
        return json.loads(resource(name).read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise DataDamagedError(name, "not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise DataDamagedError(name, f"not valid JSON: {error}") from None


def index_db() -> sqlite3.Connection:
    """The read-only connection to the bundled synset index (see
    :func:`imagenet_cli.index._queries.connection`, where it is opened and checked)."""
    from imagenet_cli.index._queries import connection

    return connection()
