"""atomic_write: the complete file or the old one, never a part (faults injected)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from imagenet_cli._files import OutputError, atomic_write


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KiB tmpfs (needs root, as CI has); skipped where mounting is not allowed."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        if os.environ.get("CI"):
            pytest.fail(f"cannot mount a tmpfs under CI: {done.stderr!r}")
        pytest.skip("cannot mount a tmpfs here (not root?)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)


def test_writes_the_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    with atomic_write(target) as handle:
        handle.write("a\nb\n")
    assert target.read_text() == "a\nb\n"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_full_disk_keeps_the_old_file_and_leaves_nothing(tiny_disk: Path) -> None:
    target = tiny_disk / "idx.json"
    target.write_text("old")
    with pytest.raises(OutputError, match="No space left"), atomic_write(target) as handle:
        handle.write("x" * 200_000)
    assert target.read_text() == "old"
    assert os.listdir(tiny_disk) == ["idx.json"]


def test_an_error_in_the_block_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"

    def interrupted() -> None:
        with atomic_write(target) as handle:
            handle.write("partial")
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        interrupted()
    assert os.listdir(tmp_path) == []


def test_a_folder_or_a_missing_folder_is_one_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="it is a folder"), atomic_write(tmp_path):
        pass
    (tmp_path / "file").write_text("")
    with (
        pytest.raises(OutputError, match="Not a directory"),
        atomic_write(tmp_path / "file" / "out.txt"),
    ):
        pass
