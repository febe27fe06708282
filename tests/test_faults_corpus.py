"""A damaged or tampered corpus is a one-line report naming file and line, never a traceback.

Each test copies the real WordNet 3.0 database (Debian's wordnet-base, the one NLTK reads
in the other tests), damages one file the way the issue describes, points the tool at it
with ``IMAGENET_WORDNET_DIR`` and runs the real command in a subprocess. Where the damage
is, line by line, is computed here from the pristine file, not taken from our output.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from imagenet_cli.corpus.reader import find_wordnet_dir

#: Fault injection runs real processes and corpora: CI runs it, the quick loop does not.
pytestmark = pytest.mark.slow

HOPE = b"07511733 12 n 01 hope 1 "  # hope.n.01: not an ImageNet synset, after dog's line


@pytest.fixture(scope="module")
def pristine(wn: Any) -> Path:
    return find_wordnet_dir()


@pytest.fixture
def corpus(pristine: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "wordnet"
    copy.mkdir()
    for path in pristine.iterdir():
        if path.is_file():
            shutil.copyfile(path, copy / path.name)
    return copy


def line_of(data: bytes, needle: bytes) -> int:
    """The 1-based line number where ``needle`` starts."""
    return data[: data.index(needle)].count(b"\n") + 1


def imagenet(corpus: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "IMAGENET_WORDNET_DIR": str(corpus), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "imagenet_cli", *args],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip


def one_line(done: subprocess.CompletedProcess[str], corpus: Path, where: str) -> None:
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith(f"Error: the WordNet corpus in {corpus} is damaged: {where}")
    assert "reinstall it" in done.stderr


COMMANDS = {
    "verify": ["data", "verify"],
    "show": ["synsets", "show", "hope.n.01"],
    "search": ["synsets", "search", "--all-wordnet", "hope"],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_garbled_line(corpus: Path, command: str) -> None:
    noun = corpus / "data.noun"
    data = noun.read_bytes()
    start = data.index(HOPE)
    garbled = data[:start] + HOPE[:14] + b"zz" + data[start + 16 :]  # w_cnt "01" -> "zz"
    noun.write_bytes(garbled)
    line = line_of(data, HOPE)
    one_line(imagenet(corpus, *COMMANDS[command]), corpus, f"data.noun line {line:,}: ")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_shifted_offsets(corpus: Path, command: str) -> None:
    noun = corpus / "data.noun"
    data = noun.read_bytes()
    gloss = data.index(b"| a specific instance of feeling hopeful", data.index(HOPE))
    noun.write_bytes(data[:gloss] + b"| a very specific" + data[gloss + 3 :])
    after = data.index(b"\n", gloss) + 1  # the first line whose offset is now wrong
    expected = (
        f"data.noun line {line_of(data, HOPE) + 1:,}: offset {data[after : after + 8].decode()}"
    )
    args = COMMANDS[command]
    if command == "show":  # hope itself is intact: show the synset after it, by wnid
        args = ["synsets", "show", f"n{data[after : after + 8].decode()}"]
    one_line(imagenet(corpus, *args), corpus, expected)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_truncated_data_noun(corpus: Path, command: str) -> None:
    noun = corpus / "data.noun"
    data = noun.read_bytes()
    cut = data.index(HOPE) + 100  # in the middle of hope's line
    noun.write_bytes(data[:cut])
    expected = f"data.noun line {line_of(data, HOPE):,}: the last line is cut short"
    one_line(imagenet(corpus, *COMMANDS[command]), corpus, expected)


@pytest.mark.parametrize("command", ["show", "verify"])  # search follows no pointer
def test_a_pointer_to_nowhere(corpus: Path, command: str) -> None:
    noun = corpus / "data.noun"
    data = noun.read_bytes()
    start = data.index(HOPE)
    pointer = data.index(b"@ 07511080 n", start)  # hope's hypernym
    noun.write_bytes(data[:pointer] + b"@ 07511081 n" + data[pointer + 12 :])
    expected = f"data.noun line {line_of(data, HOPE):,}: a pointer to 07511081-n"
    one_line(imagenet(corpus, *COMMANDS[command]), corpus, expected)


def test_garbage_lexnames(corpus: Path) -> None:
    (corpus / "lexnames").write_text("this is not\na lexnames file\n")
    one_line(imagenet(corpus, *COMMANDS["show"]), corpus, "lexnames line 1: ")


def test_a_lemma_renamed_in_data_noun(corpus: Path) -> None:
    noun = corpus / "data.noun"
    data = noun.read_bytes()
    start = data.index(HOPE)
    noun.write_bytes(data[:start] + HOPE[:17] + b"zz" + data[start + 19 :])  # hope -> zzpe
    index = (corpus / "index.noun").read_bytes()
    line = line_of(index, b"\nhope n ") + 1
    expected = f"index.noun line {line:,}: 'hope' is not a word"
    one_line(imagenet(corpus, *COMMANDS["search"]), corpus, expected)


def test_an_intact_copy_is_fine(corpus: Path) -> None:
    done = imagenet(corpus, *COMMANDS["show"], "--json")
    assert done.returncode == 0, done.stderr
    assert '"name": "hope.n.01"' in done.stdout


# --- wordnet import validates its source before anything is swapped in -------------------


def import_into(source: Path, root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "imagenet_cli", "wordnet", "import", str(source), "--dir",
         str(root), *extra],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("damage", "where"),
    [
        ("lexnames", "lexnames line 1: "),
        ("index.sense", "index.sense line 1: "),
        ("truncated", "data.noun line "),
        ("garbled-no-index-sense", "data.noun line "),
    ],
)
def test_import_refuses_a_damaged_source(
    corpus: Path, tmp_path: Path, damage: str, where: str
) -> None:
    if damage in ("lexnames", "index.sense"):
        (corpus / damage).write_text("garbage that is not the file\n")
    elif damage == "truncated":
        data = (corpus / "data.noun").read_bytes()
        (corpus / "data.noun").write_bytes(data[: data.index(HOPE) + 50])
    else:  # index.sense is rebuilt from data.noun when missing; a garbled count broke it
        (corpus / "index.sense").unlink()
        noun = corpus / "data.noun"
        data = noun.read_bytes()
        start = data.index(HOPE)
        noun.write_bytes(data[:start] + HOPE[:14] + b"zz" + data[start + 16 :])
    root = tmp_path / "nltk_data"
    root.mkdir()
    done = import_into(corpus, root)
    assert done.returncode == 1, done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith(f"Error: {corpus} holds damaged WordNet 3.0 files: {where}")
    assert list(root.iterdir()) == []  # not even the corpora/ folder it made


def test_import_onto_a_full_disk_names_the_target(pristine: Path, tmp_path: Path) -> None:
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        if os.environ.get("CI"):
            pytest.fail(f"cannot mount a tmpfs under CI: {done.stderr!r}")
        pytest.skip("cannot mount a tmpfs here (not root?)")
    try:
        result = import_into(pristine, mount / "nltk_data")
        assert result.returncode == 1
        assert result.stderr == (
            f"Error: cannot install into {mount / 'nltk_data' / 'corpora'}: "
            "No space left on device\n"
        )
        assert list(mount.iterdir()) == []  # the folders it made are gone too
    finally:
        subprocess.run(["umount", str(mount)], check=True)


# --- text from the corpus cannot drive the terminal ---------------------------------------

ESCAPES = b"\x1b[2J\x1b[1m"  # clear the screen, bold: 8 bytes, as many as they replace


def test_escapes_in_a_gloss_never_reach_the_terminal(corpus: Path) -> None:
    noun = corpus / "data.noun"
    data = noun.read_bytes()
    hope_gloss = b"| a specific instance of feeling hopeful"
    dog_gloss = b"| a member of the genus Canis"
    assert data.count(hope_gloss) == 1 and data.count(dog_gloss) == 1
    data = data.replace(hope_gloss, b"| " + ESCAPES + hope_gloss[10:])
    noun.write_bytes(data.replace(dog_gloss, b"| " + ESCAPES + dog_gloss[10:]))
    for args in (
        ["synsets", "show", "hope.n.01"],
        ["synsets", "search", "--all-wordnet", "hope"],
        ["synsets", "search", "--all-wordnet", "hope", "--csv"],
        ["data", "verify"],
    ):
        done = imagenet(corpus, *args)
        assert done.returncode == (1 if args[0] == "data" else 0), done.stderr
        assert "\x1b" not in done.stdout and "\x1b" not in done.stderr
        assert "\\x1b[2J" in "".join(done.stdout.split()), args  # shown, not obeyed


def test_one_difference_is_singular(corpus: Path) -> None:
    noun = corpus / "data.noun"
    data = noun.read_bytes()
    noun.write_bytes(data.replace(b"genus Canis", b"genus Felis"))
    done = imagenet(corpus, "data", "verify")
    assert done.returncode == 1
    assert "1 difference;" in done.stdout and "differences" not in done.stdout
