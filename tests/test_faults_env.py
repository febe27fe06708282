"""Hostile environments: no home folder, absurd terminal widths, unreadable search paths.

Each runs the real entry point in a subprocess. "No home" removes HOME and makes the
passwd lookup fail (``pwd.getpwuid`` raises KeyError, as for a uid missing from
/etc/passwd in a container), before anything of ours is imported.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from imagenet_cli.corpus.reader import find_wordnet_dir

NO_HOME = """
import os, pwd, sys
os.environ.pop("HOME", None)
def missing(uid):
    raise KeyError(f"getpwuid(): uid not found: {uid}")
pwd.getpwuid = missing
assert os.path.expanduser("~/") == "~/"
sys.argv = ["imagenet", *sys.argv[1:]]
from imagenet_cli.cli.main import run
run()
"""


@pytest.fixture(scope="module")
def source(wn: Any) -> Path:
    return find_wordnet_dir()


def entry(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> Any:
    return subprocess.run(
        [sys.executable, "-c", NO_HOME, *args] if env is None
        else [sys.executable, "-m", "imagenet_cli", *args],
        capture_output=True, text=True, timeout=300, env=env, cwd=cwd,
    )  # fmt: skip


@pytest.mark.parametrize(
    "args",
    [
        ["synsets", "show", "dog.n.01"],
        ["synsets", "show", "hope.n.01"],  # outside ImageNet: through NLTK
        ["synsets", "search", "--all-wordnet", "hope", "--json"],
        ["wordnet", "status", "--json"],
    ],
    ids=" ".join,
)
def test_no_home_folder(args: list[str], source: Path, tmp_path: Path) -> None:
    done = entry(*args, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr


def test_no_home_folder_and_a_tilde_dir(source: Path, tmp_path: Path) -> None:
    done = entry("wordnet", "import", str(source), "--dir=~/nltk_data", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr == (
        "Error: cannot expand '~/nltk_data': no home folder is known; give the folder without ~\n"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "args",
    [["synsets", "search", "dog"], ["timeline"], ["arch", "resnet50"], ["wordnet", "status"]],
    ids=" ".join,
)
def test_an_absurd_terminal_width(args: list[str]) -> None:
    started = time.monotonic()
    done = entry(*args, env={**os.environ, "COLUMNS": "99999999999"})
    assert done.returncode == 0, done.stderr
    assert time.monotonic() - started < 60
    assert 0 < len(done.stdout) < 1_000_000


def test_an_unreadable_folder_on_the_search_path_is_skipped(source: Path, tmp_path: Path) -> None:
    root = tmp_path / "nltk_data"
    imported = entry("wordnet", "import", str(source), "--dir", str(root), env=dict(os.environ))
    assert imported.returncode == 0, imported.stderr
    loop = tmp_path / "loop"
    loop.symlink_to(loop)  # ELOOP
    too_long = tmp_path / ("x" * 300)  # ENAMETOOLONG
    env = {**os.environ, "NLTK_DATA": os.pathsep.join([str(loop), str(too_long), str(root)])}
    env.pop("IMAGENET_WORDNET_DIR", None)
    for args in (["synsets", "show", "hope.n.01", "--json"], ["wordnet", "status", "--json"]):
        done = entry(*args, env=env)
        assert done.returncode == 0, done.stderr
        assert "cannot write" not in done.stderr
    status = entry("wordnet", "status", "--json", env=env)
    assert str(root / "corpora" / "wordnet") in status.stdout


def test_a_dir_longer_than_the_system_takes_is_a_usage_error(source: Path) -> None:
    done = entry("wordnet", "import", str(source), "--dir", "/tmp/" + "x" * 100_000,
                 env=dict(os.environ))  # fmt: skip
    assert done.returncode == 2
    flat = " ".join(done.stderr.replace("│", " ").split())  # Typer boxes and wraps it
    assert "the path has 100,005 characters; the system takes at most 4,095" in flat
    assert "cannot write the output" not in done.stderr


def test_a_file_in_the_way_of_dir_is_a_write_error(source: Path, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    done = entry("wordnet", "import", str(source), "--dir", str(tmp_path / "file" / "nd"),
                 env=dict(os.environ))  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.startswith(f"Error: cannot write to {tmp_path / 'file' / 'nd' / 'corpora'}")
    assert "Not a directory" in done.stderr


def test_user_values_in_the_classes_error_are_escaped() -> None:
    done = entry("classes", "--under", " feline.n.01\t", "--subset", "imagewoof",
                 env=dict(os.environ))  # fmt: skip
    assert done.returncode == 1
    assert done.stderr == (
        "Error: no ILSVRC-2012 class lies under  feline.n.01\\t and in imagewoof\n"
    )
