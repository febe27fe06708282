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
        DataDamagedError: it is not UTF-8 JSON (corrupted, truncated).
    """
    try:
        return json.loads(_resource(name).read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise DataDamagedError(name, "not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise DataDamagedError(name, f"not valid JSON: {error}") from None


@cache
def index_db() -> sqlite3.Connection:
    """A read-only connection to the bundled synset index (works on a read-only install).

    Every query through it turns SQLite's "file is not a database" or "database disk
    image is malformed" into :class:`DataDamagedError`.

    Raises:
        DataMissingError: the index is not installed.
        DataDamagedError: it is not an SQLite database (checked on open; a damaged page
            is found by the query that reads it).
    """
    import sqlite3  # here, not at the top: commands reading only JSON skip it

    path = _KEEP_OPEN.enter_context(as_file(_resource(INDEX_FILE)))
    uri = path.resolve().as_uri() + "?mode=ro&immutable=1"
    connection: sqlite3.Connection = sqlite3.connect(
        uri, uri=True, check_same_thread=False, factory=_connection_class()
    )
    connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    return connection


@cache
def _connection_class() -> type[Any]:
    import sqlite3

    def damaged(error: sqlite3.DatabaseError) -> Exception:
        """Corruption becomes DataDamagedError; another OperationalError (a query too
        complex, an interrupt) is a bug to see, not damage."""
        text = str(error)
        corrupt = ("malformed", "not a database", "no such table", "no such column", "I/O")
        if isinstance(error, sqlite3.OperationalError) and not any(w in text for w in corrupt):
            return error
        return DataDamagedError(INDEX_FILE, text)

    class Cursor(sqlite3.Cursor):
        def execute(self, *args: Any) -> Any:
            try:
                return super().execute(*args)
            except sqlite3.DatabaseError as error:
                raise damaged(error) from None

        def fetchone(self) -> Any:
            try:
                return super().fetchone()
            except sqlite3.DatabaseError as error:
                raise damaged(error) from None

        def fetchmany(self, *args: Any) -> list[Any]:
            try:
                return super().fetchmany(*args)
            except sqlite3.DatabaseError as error:
                raise damaged(error) from None

        def fetchall(self) -> list[Any]:
            try:
                return super().fetchall()
            except sqlite3.DatabaseError as error:
                raise damaged(error) from None

        def __next__(self) -> Any:
            try:
                return super().__next__()
            except sqlite3.DatabaseError as error:
                raise damaged(error) from None

    class Connection(sqlite3.Connection):
        def cursor(self, factory: Any = Cursor) -> Any:
            return super().cursor(factory)

        def execute(self, *args: Any) -> Any:
            return self.cursor().execute(*args)

        def executemany(self, *args: Any) -> Any:
            return self.cursor().executemany(*args)

    return Connection
