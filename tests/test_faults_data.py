"""A damaged bundled data file is a one-line "reinstall" message, never a traceback.

The real console entry point runs in a subprocess whose data root
(``imagenet_cli._resources.data_root``) points at a copy of ``data/`` with one file
damaged; the data layer itself is not mocked: it reads the damaged bytes.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from imagenet_cli._resources import data_root

LAUNCH = """
import sys
from pathlib import Path
import imagenet_cli._resources as resources
folder = Path(sys.argv[1])
resources.data_root = lambda: folder
sys.argv = ["imagenet", *sys.argv[2:]]
from imagenet_cli.cli.main import run
run()
"""


@pytest.fixture
def data(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(Path(str(data_root())), copy)
    return copy


def imagenet(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", LAUNCH, str(data), *args],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_an_intact_copy_works(data: Path) -> None:
    done = imagenet(data, "synsets", "show", "n02084071", "--json")
    assert done.returncode == 0, done.stderr
    assert '"name": "dog.n.01"' in done.stdout


@pytest.mark.parametrize(
    "args",
    [["synsets", "show", "n02084071"], ["classes"], ["synsets", "search", "a", "--json"]],
    ids=" ".join,
)
@pytest.mark.parametrize("damage", ["header", "truncated", "zeroed-pages"])
def test_a_damaged_index(data: Path, damage: str, args: list[str]) -> None:
    index = data / "imagenet.sqlite"
    raw = bytearray(index.read_bytes())
    if damage == "header":
        raw[:100] = b"\x00" * 100
    elif damage == "truncated":
        raw = raw[: len(raw) // 50]
    else:  # every page after the first overwritten
        page = int.from_bytes(raw[16:18], "big")
        raw[page:] = b"\xff" * (len(raw) - page)
    index.write_bytes(bytes(raw))
    done = imagenet(data, *args)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith("Error: the bundled data file imagenet.sqlite is damaged (")
    assert done.stderr.endswith("); reinstall imagenet-cli\n")


@pytest.mark.parametrize("damage", ["truncated", "not-utf8"])
def test_a_damaged_timeline(data: Path, damage: str) -> None:
    timeline = data / "timeline.json"
    raw = timeline.read_bytes()
    timeline.write_bytes(raw[: len(raw) // 2] if damage == "truncated" else b"\xff\xfe" + raw)
    done = imagenet(data, "timeline")
    assert done.returncode == 1, done.stderr
    reason = "not valid JSON" if damage == "truncated" else "not UTF-8 text"
    assert done.stderr.startswith(
        f"Error: the bundled data file timeline.json is damaged ({reason}"
    )
    assert done.stderr.endswith("reinstall imagenet-cli\n") and done.stderr.count("\n") == 1
