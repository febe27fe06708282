"""README.md's examples still print what the README shows.

Each fenced block whose first line is ``$ imagenet ...`` is run (``COLUMNS=100``,
``NO_COLOR=1``); the block's other lines must appear, in order and contiguous, in the
command's output (trailing spaces ignored, since Rich pads lines to the width).
"""

from __future__ import annotations

import re
import shlex

import pytest

from tests.conftest import ROOT
from tests.test_cli import run

BLOCK = re.compile(r"^```\n(\$ imagenet [^\n]*)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def examples() -> list[tuple[str, list[str]]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [(cmd, body.rstrip("\n").split("\n")) for cmd, body in BLOCK.findall(text)]


def test_readme_has_examples() -> None:
    assert len(examples()) >= 5


@pytest.mark.parametrize(("command", "expected"), examples(), ids=lambda v: str(v)[:40])
def test_readme_example(command: str, expected: list[str]) -> None:
    args = shlex.split(command[2:], comments=True)[1:]
    code, out, _ = run(*args)
    assert code == 0
    lines = [line.rstrip() for line in out.splitlines()]
    want = [line.rstrip() for line in expected]
    starts = [i for i, line in enumerate(lines) if line == want[0]]
    assert any(lines[i : i + len(want)] == want for i in starts), "\n".join(lines)


PYTHON_BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)


def test_python_api_examples_run() -> None:
    """Every ``python`` block of the README runs as a doctest, and so do the docstring
    examples of the public API."""
    import doctest

    import imagenet_cli

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = PYTHON_BLOCK.findall(text)
    assert len(blocks) >= 2
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    # one doctest of all blocks: later blocks use the first one's import, as a notebook would
    test = parser.get_doctest("\n".join(blocks), {}, "README python blocks", "README.md", 0)
    runner.run(test)
    finder = doctest.DocTestFinder()
    for test in finder.find(imagenet_cli, globs={"inet": imagenet_cli, **vars(imagenet_cli)}):
        runner.run(test, clear_globs=False)
    summary = runner.summarize(verbose=False)
    assert summary.failed == 0
    assert summary.attempted >= 15
