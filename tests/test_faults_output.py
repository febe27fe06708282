"""Every byte of stdout is accounted for: a full disk or a closed stdout is an error.

Faults are real: a tiny tmpfs that fills up mid-output (we are root in CI), stdout
closed by the shell (``>&-``), ``/dev/full``, and a reader that closes the pipe early.
The real console script runs in a subprocess, so CPython's own buffered stdout, the one
that loses the tail of a short write, is what is under test.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from imagenet_cli.cli.exitcodes import ExitCode

#: Fault injection runs real processes and corpora: CI runs it, the quick loop does not.
pytestmark = pytest.mark.slow

SCRIPT = Path(sys.executable).parent / "imagenet"
ENV = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}

COMMANDS = [
    ["classes", "--format", "keras"],
    ["classes"],
    ["classes", "--csv"],
    ["synsets", "search", "a", "--limit", "0", "--json"],
]


def imagenet(*args: str, stdout: object = subprocess.PIPE) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [str(SCRIPT), *args], stdout=stdout, stderr=subprocess.PIPE, env=ENV, timeout=120
    )


@pytest.fixture
def nearly_full(tmp_path: Path) -> Iterator[Path]:
    """A 1 MiB tmpfs with 24 KiB left (needs root, as CI has)."""
    mount = tmp_path / "full"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        if os.environ.get("CI"):
            pytest.fail(f"cannot mount a tmpfs under CI: {done.stderr!r}")
        pytest.skip("cannot mount a tmpfs here (not root?)")
    try:
        (mount / "pad").write_bytes(b"\0" * (1024 - 24) * 1024)
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)


def test_the_script_is_the_console_entry_point() -> None:
    assert "imagenet_cli.cli.main import run" in SCRIPT.read_text()


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_disk_that_fills_mid_output_is_an_error(
    args: list[str], nearly_full: Path, tmp_path: Path
) -> None:
    complete = imagenet(*args)
    assert complete.returncode == 0, complete.stderr
    assert len(complete.stdout) > 24 * 1024  # so the fault really happens mid-output
    with (nearly_full / "idx.json").open("wb") as target:
        done = imagenet(*args, stdout=target)
    written = (nearly_full / "idx.json").read_bytes()
    assert len(written) < len(complete.stdout)  # the disk did fill up
    assert complete.stdout.startswith(written)
    assert done.returncode == ExitCode.BAD_VALUE
    assert done.stderr.decode() == "Error: cannot write the output: No space left on device\n"


@pytest.mark.parametrize("args", [*COMMANDS, ["--version"]], ids=" ".join)
def test_a_closed_stdout_is_an_error(args: list[str]) -> None:
    command = " ".join([str(SCRIPT), *args])
    done = subprocess.run(
        ["bash", "-c", f"{command} >&-"], capture_output=True, env=ENV, timeout=120
    )
    assert done.returncode == ExitCode.BAD_VALUE
    assert done.stderr.decode() == "Error: cannot write the output: Bad file descriptor\n"


def test_dev_full_is_an_error() -> None:
    with open("/dev/full", "wb") as full:
        done = imagenet("classes", "--format", "keras", stdout=full)
    assert done.returncode == ExitCode.BAD_VALUE
    assert done.stderr.decode() == "Error: cannot write the output: No space left on device\n"


def test_a_closed_stdout_opens_no_file_in_its_place(tmp_path: Path) -> None:
    """Files opened later must not take fd 1 and receive the output."""
    done = subprocess.run(
        ["bash", "-c", f"{SCRIPT} synsets show n02084071 --json >&-"],
        capture_output=True, env=ENV, timeout=120, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == ExitCode.BAD_VALUE
    assert list(tmp_path.iterdir()) == []


def test_a_closed_stderr_keeps_output_and_exit_codes() -> None:
    ok = subprocess.run(
        ["bash", "-c", f"{SCRIPT} classes --format keras 2>&-"],
        capture_output=True, env=ENV, timeout=120,
    )  # fmt: skip
    assert ok.returncode == 0
    assert len(json.loads(ok.stdout)) == 1000
    missing = subprocess.run(
        ["bash", "-c", f"{SCRIPT} synsets show no-such-synset-xyz 2>&-"],
        capture_output=True, env=ENV, timeout=120,
    )  # fmt: skip
    assert missing.returncode == ExitCode.NOT_FOUND


def test_a_closed_stdin_reads_as_empty() -> None:
    done = subprocess.run(
        ["bash", "-c", f"{SCRIPT} synsets show - <&-"], capture_output=True, env=ENV, timeout=120
    )
    assert b"Traceback" not in done.stderr
    assert done.returncode in (ExitCode.NOT_FOUND, ExitCode.USAGE)


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_reader_that_stops_early_is_no_error(args: list[str]) -> None:
    proc = subprocess.Popen(
        [str(SCRIPT), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(10)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == ExitCode.OK
    assert "Error" not in err and "Traceback" not in err


def test_interrupt_and_terminate_codes() -> None:
    """Ctrl-C is 130 (quietly, as Typer does) and SIGTERM 143 with one line; the command is
    stopped mid-output by a reader that never reads (the pipe fills, the write blocks)."""
    import signal
    import time

    for sig, code, line in (
        (signal.SIGINT, ExitCode.INTERRUPTED, ""),
        (signal.SIGTERM, ExitCode.TERMINATED, "Error: terminated\n"),
    ):
        proc = subprocess.Popen(
            [str(SCRIPT), "synsets", "search", "a", "--limit", "0", "--json"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV,
        )  # fmt: skip
        time.sleep(3)  # stuck writing into the full pipe by now
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == code
        assert err.decode() == line
