"""Never a traceback: generated hostile input for every command, terminals and locales.

Each command gets ``ROBUST_EXAMPLES`` generated inputs (2,000 under CI, a tenth in a
developer's run: see ``examples`` in conftest.py; hypothesis with a fixed seed, so CI is
deterministic): arbitrary Unicode with control characters, Rich
markup, right-to-left text and long strings. The exit code must be 0, 1 or 2, nothing may
raise, an error must be one line on stderr, and ``--json`` output must parse.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from imagenet_cli.cli.main import app
from tests.conftest import examples
from tests.test_cli import ENV

EXAMPLES = int(os.environ.get("ROBUST_EXAMPLES") or examples(2000))
FUZZ_DIR = os.path.join(tempfile.gettempdir(), f"imagenet-fuzz-{os.getpid()}")

SAMPLES = [
    "[bold]x[/]", "[/]", "[red]", "\x1b[31mred", "\u202edog", "dog\x00", "n2084071",
    "n02961779", "-1", "1000", "99999999999999999999", " ", "", "crane", "retreiver",
    "\t\n", "\uff44\uff4f\uff47", "café", "dog.n.99", "n0000000x", "%", "_",
    "'; DROP TABLE synsets", "dog\udcff", "\u00b2", "\u0663", "run.v.01", "geese",
]  # fmt: skip

HOSTILE = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=300),
    st.sampled_from(SAMPLES),
    st.from_regex(r"n\d{0,12}", fullmatch=True),
    st.integers(min_value=-5, max_value=10**12).map(str),
)

COMMANDS = {
    "search": lambda t: ["synsets", "search", t, "--json"],
    "show": lambda t: ["synsets", "show", t, "--json"],
    "path": lambda t: ["synsets", "path", t, "--json"],
    "tree": lambda t: ["synsets", "tree", t, "--depth", "1", "--json"],
    "lca": lambda t: ["synsets", "lca", t, "dog.n.01", "--json"],
    "timeline": lambda t: ["timeline", "--year", t, "--json"],
    "arch": lambda t: ["arch", t, "--json"],
    "classes-show": lambda t: ["classes", "show", t, "--json"],
    "classes-under": lambda t: ["classes", "--under", t, "--json"],
    "subsets-show": lambda t: ["subsets", "show", t, "--json"],
    "search-table": lambda t: ["synsets", "search", t, "--limit", "3"],
    "search-all-wordnet": lambda t: ["synsets", "search", "--all-wordnet", t, "--json"],
    "wordnet-import": lambda t: ["wordnet", "import", t, "--dir", FUZZ_DIR],
}
#: Output variants of a command already fuzzed with --json, and the slow full-WordNet
#: commands, get a fifth as many examples.
VARIANTS = {"search-table", "search-all-wordnet", "wordnet-import"}


def check(args: list[str]) -> None:
    result = CliRunner().invoke(app, args, env=ENV)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code in (0, 1, 2), (args, result.exit_code)
    if result.exit_code == 1:
        assert result.stdout == "", args
        assert result.stderr.count("\n") == 1, (args, result.stderr)
        assert "\x1b" not in result.stderr
    if result.exit_code == 0 and "--json" in args:
        json.loads(result.stdout)


@pytest.mark.slow
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_generated_input_never_crashes(command: str) -> None:
    build = COMMANDS[command]

    @settings(
        max_examples=EXAMPLES // 5 if command in VARIANTS else EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(HOSTILE)
    def run(text: str) -> None:
        check(build(text))

    run()


@pytest.mark.parametrize(
    "env",
    [
        {"NO_COLOR": "1"},
        {"TERM": "dumb"},
        {"COLUMNS": "40"},
        {"COLUMNS": "300"},
        {"LANG": "C", "LC_ALL": "C"},
        {"FORCE_COLOR": "1"},
    ],
    ids=lambda e: ",".join(f"{k}={v}" for k, v in e.items()),
)
def test_terminals(env: dict[str, str], tmp_path: Path) -> None:
    """Real processes (not a TTY) under each setting: readable, complete, no traceback."""
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS")}
    for args, must in (
        (["synsets", "search", "golden retriever", "--limit", "2"], "n02099601"),
        (["arch", "resnet50"], "25,557,032"),
        (["timeline", "--year", "2015"], "3.57"),
        (["synsets", "show", "n02084071"], "canine.n.02"),
    ):
        done = subprocess.run(
            [sys.executable, "-m", "imagenet_cli", *args],
            capture_output=True, text=True, env={**base, **env}, cwd=tmp_path, timeout=60,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
        assert done.stdout.strip()
        if env.get("COLUMNS") != "40":  # at 40 columns cells fold across lines
            flat = "".join(done.stdout.split())
            assert "".join(must.split()) in flat, done.stdout
