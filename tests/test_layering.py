"""The shape of the code: the CLI reaches the library only through its public API, and
``import imagenet_cli`` stays lean. Ruff enforces the first for developers
(``imagenet_cli/cli/ruff.toml``); this test enforces it under CI, which runs no linter."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest

import imagenet_cli
from tests.conftest import ROOT

CLI = ROOT / "imagenet_cli" / "cli"


def _banned() -> tuple[str, ...]:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    config = tomllib.loads((CLI / "ruff.toml").read_text(encoding="utf-8"))
    return tuple(config["lint"]["flake8-tidy-imports"]["banned-api"])


def test_cli_imports_only_the_public_api() -> None:
    banned = _banned()
    assert "imagenet_cli.index" in banned and "imagenet_cli._errors" in banned
    found = []
    for path in sorted(CLI.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                if any(name == b or name.startswith(b + ".") for b in banned):
                    found.append(f"{path.name}:{node.lineno} {name}")
    assert found == []


def test_everything_public_is_documented_and_importable() -> None:
    for name in imagenet_cli.__all__:
        value = getattr(imagenet_cli, name)
        if callable(value) and not isinstance(value, type):
            assert value.__doc__ and value.__doc__.strip(), name


def test_import_loads_nothing_heavy() -> None:
    heavy = ("typer", "click", "rich", "nltk", "requests", "rapidfuzz", "pydantic", "numpy",
             "matplotlib", "textual")  # fmt: skip
    code = f"import sys, imagenet_cli; print([m for m in {heavy!r} if m in sys.modules])"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
