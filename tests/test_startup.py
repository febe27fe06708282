"""What a lookup imports: never a heavy library, and no Rich when nothing Rich is printed.

Each command runs in a fresh interpreter through ``runpy`` (as ``python -m imagenet_cli``
does), and the names in ``sys.modules`` when it ends are written to a file: the exact
import set of that run, with no sitecustomize and no parsing of ``-X importtime``.
Issue 15 (cold start): pydantic came in with Typer 0.29 and cost a lookup ~0.4x more
instructions; the heavy libraries are optional extras imported only where needed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

#: Top-level packages no lookup may import (heavy, optional, or network).
HEAVY = ("pydantic", "nltk", "requests", "numpy", "matplotlib", "textual", "rapidfuzz")

#: Lookups printed as Rich views: Rich is allowed, the heavy packages are not.
VIEWS = (
    ("synsets", "show", "dog.n.01"),
    ("synsets", "search", "dog"),
    ("classes", "show", "207"),
    ("timeline",),
    ("subsets",),
    ("about",),
)
#: Machine-readable forms and plain listings: no Rich module at all.
PLAIN = (
    ("synsets", "show", "dog.n.01", "--json"),
    ("synsets", "show", "dog.n.01", "--jsonl"),
    *(("synsets", "search", "dog", flag) for flag in ("--json", "--csv", "--jsonl", "--tsv")),
    ("classes", "show", "207", "--json"),
    *(("timeline", flag) for flag in ("--json", "--csv", "--jsonl", "--tsv")),
    *(("subsets", flag) for flag in ("--json", "--csv", "--jsonl", "--tsv")),
    ("about", "--json"),
    ("classes",),
    ("subsets", "show", "imagenette"),
)

HARNESS = """
import runpy, sys
out = sys.argv[1]
sys.argv = ["imagenet", *sys.argv[2:]]
try:
    runpy.run_module("imagenet_cli", run_name="__main__", alter_sys=True)
finally:
    with open(out, "w") as f:
        f.write("\\n".join(sys.modules))
"""


def run(args: tuple[str, ...], out: Path, pycache: Path) -> tuple[int, str, str, set[str]]:
    """Run ``imagenet ARGS``; return (exit code, stdout, stderr, modules imported)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(COLUMNS="80", NO_COLOR="1", PYTHONPYCACHEPREFIX=str(pycache))
    done = subprocess.run(
        [sys.executable, "-c", HARNESS, str(out), *args],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    return done.returncode, done.stdout, done.stderr, set(out.read_text().split("\n"))


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, ...], tuple]:
    """Every command once (each a cold interpreter): the first alone, which fills a
    byte-code cache for the others, then the rest a few at a time."""
    folder = tmp_path_factory.mktemp("startup")
    commands = (*VIEWS, *PLAIN)
    first = run(commands[0], folder / "0.txt", folder)
    with ThreadPoolExecutor(max_workers=4) as pool:
        rest = pool.map(
            lambda item: run(item[1], folder / f"{item[0]}.txt", folder),
            enumerate(commands[1:], start=1),
        )
        return dict(zip(commands, (first, *rest), strict=True))


def top_level(modules: set[str], packages: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if m.split(".", 1)[0] in packages)


@pytest.mark.parametrize("args", VIEWS + PLAIN, ids=" ".join)
def test_no_heavy_import(runs: dict, args: tuple[str, ...]) -> None:
    code, stdout, stderr, modules = runs[args]
    assert code == 0, stderr
    assert stdout.strip(), "the command printed nothing"
    assert "imagenet_cli.cli.main" in modules  # the set is that of a CLI run
    assert top_level(modules, HEAVY) == []


@pytest.mark.parametrize("args", PLAIN, ids=" ".join)
def test_no_rich_without_a_view(runs: dict, args: tuple[str, ...]) -> None:
    _, _, _, modules = runs[args]
    assert top_level(modules, ("rich",)) == []


def test_harness_sees_rich_in_a_view(runs: dict) -> None:
    """The harness is not blind: a Rich view's run does list Rich's modules."""
    _, _, _, modules = runs[("synsets", "show", "dog.n.01")]
    assert "rich.console" in modules
