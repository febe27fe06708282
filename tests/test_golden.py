"""Whole outputs, byte for byte: each command's JSON (the documented contract) and the main
Rich views at 80 and 120 columns, against the files in ``tests/golden/``.

A missing or different file fails. After a change that is meant to alter an output, run
``UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py`` and review the diff like code.
The facts inside these outputs are checked against their sources by the other tests;
this file only guards the shape against accidental change.
"""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from imagenet_cli.cli.main import app

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = bool(os.environ.get("UPDATE_GOLDEN"))

#: Commands whose JSON output is the contract of README's "JSON output" section.
JSON_COMMANDS = (
    "synsets search dog --limit 5 --json",
    "synsets search dog --limit 3 --jsonl",
    "synsets search retriever --subset ilsvrc2012 --csv",
    "synsets search retriever --subset ilsvrc2012 --tsv",
    "synsets show dog.n.01 --json",
    "synsets show sun.n.01 --json",
    "synsets path 207 --json",
    "synsets tree domestic_animal.n.01 --depth 1 --max-children 3 --json",
    "synsets lca 134 517 --json",
    "synsets lca 207 208 281 --json",
    "synsets stats dog.n.01 --json",
    "classes --under dog.n.01 --json",
    "classes --subset imagenette --csv",
    "classes show 207 --json",
    "classes duplicates --json",
    "subsets --json",
    "subsets show imagenette --json",
    "about --json",
    "timeline --json",
    "timeline --year 2012 --csv",
)

#: The main Rich views, each at 80 and at 120 columns.
VIEWS = (
    "synsets search dog --limit 4",
    "synsets show dog.n.01",
    "synsets path minivan",
    "synsets tree domestic_animal.n.01 --depth 1 --max-children 3",
    "synsets lca 134 517",
    "classes show 213 --scheme tf-slim",
    "classes duplicates",
    "subsets",
    "timeline",
    "about",
)


def _file(command: str, width: int | None) -> Path:
    slug = re.sub(r"[^a-z0-9]+", "-", command.lower()).strip("-")
    return GOLDEN / (f"{slug}.{width}.txt" if width else f"{slug}.out")


def _run(command: str, width: int) -> str:
    env = {"NO_COLOR": "1", "COLUMNS": str(width), "TERM": "dumb"}
    result = CliRunner().invoke(app, shlex.split(command), env=env)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _check(path: Path, output: str) -> None:
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_text(output, encoding="utf-8")
        return
    assert path.exists(), f"no golden file {path.name}: run UPDATE_GOLDEN=1 pytest {__file__}"
    expected = path.read_text(encoding="utf-8")
    assert output == expected, f"{path.name} differs; if intended, UPDATE_GOLDEN=1 and review"


@pytest.mark.parametrize("command", JSON_COMMANDS)
def test_json_output(command: str) -> None:
    _check(_file(command, None), _run(command, 100))


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("command", VIEWS)
def test_view(command: str, width: int) -> None:
    output = _run(command, width)
    assert all(len(line) <= width for line in output.splitlines()), "a line is wider"
    _check(_file(command, width), output)


def test_no_stale_golden_files() -> None:
    wanted = {_file(c, None).name for c in JSON_COMMANDS}
    wanted |= {_file(c, w).name for c in VIEWS for w in (80, 120)}
    present = {p.name for p in GOLDEN.glob("*.txt")} | {p.name for p in GOLDEN.glob("*.out")}
    assert present <= wanted, f"golden files no test reads: {sorted(present - wanted)}"
