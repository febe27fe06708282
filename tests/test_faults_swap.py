"""The corpus swap survives every signal and crash, at every step (faults injected).

A real ``imagenet wordnet import`` runs in a child process over an NLTK data folder that
already holds a marked corpus. The test hook ``IMAGENET_TEST_SWAP_PAUSE`` holds the child at
one step of the swap; the test then sends SIGTERM, SIGINT, SIGHUP or SIGKILL. Both ways
of swapping are covered: the atomic ``renameat2(RENAME_EXCHANGE)`` and, with
``IMAGENET_NO_RENAME_EXCHANGE=1``, the two renames with signals deferred.

After each fault: the old corpus is byte for byte what it was (at ``corpora/wordnet``, or,
after a SIGKILL once the new corpus was in, kept in the staging folder and reported by
``wordnet status``), nothing else is left behind, and the exit code and message are right.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from imagenet_cli.corpus.finder import inspect_corpus
from imagenet_cli.corpus.reader import find_wordnet_dir
from imagenet_cli.corpus.swap import NEW_MARKER

#: Fault injection runs real processes and corpora: CI runs it, the quick loop does not.
pytestmark = pytest.mark.slow

EXCHANGE_STEPS = ["validated", "staged", "swapped", "unmarked", "discarded"]
RENAME_STEPS = ["validated", "staged", "moved-aside", "swapped", "unmarked", "discarded"]
#: From this step on the new corpus is committed: a signal lets the swap finish.
COMMITTED = {"unmarked", "discarded"}
INTACT = "Error: interrupted; nothing was installed and any old corpus is intact"


@pytest.fixture(scope="module")
def source(wn: Any) -> Path:
    return find_wordnet_dir()


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` and the SHA-256 of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def imagenet(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "imagenet_cli", *args],
        capture_output=True, text=True, env=env or os.environ.copy(), timeout=120,
    )  # fmt: skip


@pytest.fixture
def root(source: Path, tmp_path: Path) -> Path:
    """An NLTK data folder with an old corpus in it, marked so we can tell it apart."""
    folder = tmp_path / "nltk_data"
    done = imagenet("wordnet", "import", str(source), "--dir", str(folder))
    assert done.returncode == 0, done.stderr
    (folder / "corpora" / "wordnet" / "old-corpus-marker").write_text("old")
    return folder


def start(root: Path, source: Path, step: str, *, exchange: bool) -> subprocess.Popen[str]:
    log = root.parent / "steps.log"
    env = {**os.environ, "IMAGENET_TEST_SWAP_LOG": str(log), "IMAGENET_TEST_SWAP_PAUSE": step}
    if not exchange:
        env["IMAGENET_NO_RENAME_EXCHANGE"] = "1"
    command = [sys.executable, "-m", "imagenet_cli", "wordnet", "import", str(source)]
    process = subprocess.Popen(
        [*command, "--dir", str(root), "--force"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not (log.exists() and step in log.read_text().split()):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, f"never reached {step}"
        time.sleep(0.02)
    return process


def corpora_names(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "corpora").iterdir())


@pytest.mark.parametrize(
    ("exchange", "step"),
    [(True, s) for s in EXCHANGE_STEPS] + [(False, s) for s in RENAME_STEPS],
    ids=lambda v: {True: "exchange", False: "renames"}.get(v, v) if isinstance(v, bool) else v,
)
def test_sigterm_at_each_step(root: Path, source: Path, exchange: bool, step: str) -> None:
    old = tree(root / "corpora" / "wordnet")
    process = start(root, source, step, exchange=exchange)
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 128 + signal.SIGTERM, err
    assert out == ""
    assert corpora_names(root) == ["wordnet"]  # no staging folder left
    final = root / "corpora" / "wordnet"
    if step in COMMITTED:
        assert err == f"Error: interrupted, after the new corpus was installed in {final}\n"
        new = tree(final)
        assert "old-corpus-marker" not in new and NEW_MARKER not in new
        assert inspect_corpus(final, "nltk_data").usable
    else:
        assert err == INTACT + "\n"
        assert tree(final) == old


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGHUP], ids=lambda s: s.name)
@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "renames"])
def test_ctrl_c_and_hangup_between_the_renames(
    root: Path, source: Path, sig: signal.Signals, exchange: bool
) -> None:
    old = tree(root / "corpora" / "wordnet")
    process = start(root, source, "staged" if exchange else "moved-aside", exchange=exchange)
    process.send_signal(sig)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 128 + sig
    assert err == INTACT + "\n"
    assert corpora_names(root) == ["wordnet"]
    assert tree(root / "corpora" / "wordnet") == old


def status(root: Path) -> dict[str, Any]:
    done = imagenet("wordnet", "status", "--json", env={**os.environ, "NLTK_DATA": str(root)})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("exchange", "step"),
    [(True, s) for s in EXCHANGE_STEPS] + [(False, s) for s in RENAME_STEPS],
    ids=lambda v: {True: "exchange", False: "renames"}.get(v, v) if isinstance(v, bool) else v,
)
def test_sigkill_at_each_step_is_repaired_by_the_next_run(
    root: Path, source: Path, exchange: bool, step: str
) -> None:
    final = root / "corpora" / "wordnet"
    old = tree(final)
    process = start(root, source, step, exchange=exchange)
    process.kill()
    process.communicate(timeout=60)
    assert process.returncode == -signal.SIGKILL

    # wordnet status reports the staging folder and whether it holds the old corpus
    left = status(root)["staging_leftovers"]
    assert len(left) == 1
    holds_old = left[0]["previous_corpus"] is not None
    assert holds_old == (step in {"moved-aside", "swapped", "unmarked"})
    if holds_old:
        assert tree(Path(left[0]["previous_corpus"])) == old
        table = imagenet("wordnet", "status", env={**os.environ, "NLTK_DATA": str(root)})
        assert f"Kept: {left[0]['previous_corpus']} holds the corpus" in table.stdout

    # the next run (an import without --force) repairs, then refuses to replace
    again = imagenet("wordnet", "import", str(source), "--dir", str(root))
    assert again.returncode == 1
    assert again.stderr.startswith(f"Error: a WordNet 3.0 corpus is already installed in {final}")
    assert "--force" in again.stderr
    assert NEW_MARKER not in tree(final)
    if step in {"validated", "staged", "moved-aside"}:  # the old corpus is (back) in place
        assert corpora_names(root) == ["wordnet"]
        assert tree(final) == old
    elif step == "discarded":  # committed: the new corpus is in, the old one was discarded
        assert corpora_names(root) == ["wordnet"]
        assert "old-corpus-marker" not in tree(final)
    else:  # the new corpus is in; the old one is kept beside it, never deleted
        assert len(corpora_names(root)) == 2
        assert tree(Path(left[0]["previous_corpus"])) == old
        assert status(root)["staging_leftovers"] == left


@pytest.mark.parametrize(
    "content", ["user files", "wordnet 3.1"], ids=["user-files", "another-version"]
)
def test_something_else_in_corpora_wordnet_needs_force(
    source: Path, tmp_path: Path, content: str
) -> None:
    final = tmp_path / "nltk_data" / "corpora" / "wordnet"
    final.mkdir(parents=True)
    if content == "user files":
        (final / "notes.txt").write_text("mine")
    else:  # a complete folder whose licence header says 3.1
        for path in source.iterdir():
            if path.is_file():
                (final / path.name).write_bytes(path.read_bytes())
        adj = (
            (final / "data.adj")
            .read_bytes()
            .replace(b"WordNet 3.0 Copyright", b"WordNet 3.1 Copyright", 1)
        )
        (final / "data.adj").write_bytes(adj)
    before = tree(final)
    done = imagenet("wordnet", "import", str(source), "--dir", str(tmp_path / "nltk_data"))
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "add --force to replace it" in done.stderr
    assert tree(final) == before
    assert corpora_names(tmp_path / "nltk_data") == ["wordnet"]
    forced = imagenet(
        "wordnet", "import", str(source), "--dir", str(tmp_path / "nltk_data"), "--force"
    )
    assert forced.returncode == 0, forced.stderr
    assert inspect_corpus(final, "nltk_data").usable


def test_an_empty_corpora_wordnet_is_filled_without_force(source: Path, tmp_path: Path) -> None:
    final = tmp_path / "nltk_data" / "corpora" / "wordnet"
    final.mkdir(parents=True)
    done = imagenet("wordnet", "import", str(source), "--dir", str(tmp_path / "nltk_data"))
    assert done.returncode == 0, done.stderr
    assert inspect_corpus(final, "nltk_data").usable


def test_tilde_after_equals_is_expanded(source: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "imagenet_cli", "wordnet", "import", str(source), "--dir=~/nd"],
        capture_output=True, text=True, cwd=work, env={**os.environ, "HOME": str(home)},
        timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert inspect_corpus(home / "nd" / "corpora" / "wordnet", "nltk_data").usable
    assert list(work.iterdir()) == []  # no literal ./~ folder
    unknown = imagenet("wordnet", "import", str(source), "--dir=~no-such-user-xyz/nd")
    assert unknown.returncode == 1
    assert unknown.stderr.startswith("Error: cannot expand '~no-such-user-xyz/nd'")


def test_a_second_install_into_the_same_folder_waits_its_turn(root: Path, source: Path) -> None:
    process = start(root, source, "validated", exchange=True)
    try:
        second = imagenet("wordnet", "import", str(source), "--dir", str(root), "--force")
        assert second.returncode == 1
        assert "another install or import into" in second.stderr
    finally:
        process.kill()
        process.communicate(timeout=60)


def _strace_works() -> bool:
    import shutil

    if shutil.which("strace") is None:
        return False
    done = subprocess.run(["strace", "-qq", "-e", "trace=none", "true"], capture_output=True)
    return done.returncode == 0


@pytest.mark.skipif(not _strace_works(), reason="strace is missing or cannot trace here")
@pytest.mark.parametrize(
    ("exchange", "syscall"), [(False, "rename"), (True, "renameat2")], ids=["renames", "exchange"]
)
def test_sigterm_while_the_kernel_holds_the_rename(
    root: Path, source: Path, exchange: bool, syscall: str
) -> None:
    """The issue's repro: strace delays the return of the first rename (the old corpus
    just moved aside, or the exchange just done) by 4 s; SIGTERM arrives meanwhile."""
    old = tree(root / "corpora" / "wordnet")
    log = root.parent / "steps.log"
    env = {**os.environ, "IMAGENET_TEST_SWAP_LOG": str(log)}
    if not exchange:
        env["IMAGENET_NO_RENAME_EXCHANGE"] = "1"
    process = subprocess.Popen(
        ["strace", "-f", "-qq", "-o", os.devnull, "-e", f"trace={syscall}",
         "-e", f"inject={syscall}:delay_exit=4000000:when=1",
         sys.executable, "-m", "imagenet_cli", "wordnet", "import", str(source),
         "--dir", str(root), "--force"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while not (log.exists() and "validated" in log.read_text().split()):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.02)
    time.sleep(1)  # inside the delayed rename now
    children = subprocess.run(
        ["pgrep", "-P", str(process.pid)], capture_output=True, text=True
    ).stdout.split()
    assert len(children) == 1  # strace's one child: the Python process
    os.kill(int(children[0]), signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 128 + signal.SIGTERM, err
    assert err == INTACT + "\n"
    assert corpora_names(root) == ["wordnet"]
    assert tree(root / "corpora" / "wordnet") == old
