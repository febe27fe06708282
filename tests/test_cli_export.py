"""``imagenet synsets export`` and ``imagenet synsets stats`` end to end: output, the stderr
notes, bad input (one line, non-zero exit, nothing left behind) and full disks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.test_cli import ENV, run
from tests.test_files import tiny_disk  # noqa: F401 - a fixture

nx = pytest.importorskip("networkx")


def test_export_isa_to_stdout_matches_nltk(wn: Any) -> None:
    code, out, err = run("synsets", "export", "dog.n.01", "--depth", "1", "--format", "isa")
    assert (code, err) == (0, "")
    dog = wn.synset("dog.n.01")
    children = {f"n{s.offset():08d}" for s in dog.hyponyms()}
    lines = out.splitlines()
    assert {line.split(" ")[0] for line in lines} == {"n02084071"}
    assert {line.split(" ")[1] for line in lines} <= children
    assert len(lines) == len(set(lines))


def test_export_json_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "closure.json"
    code, out, err = run("synsets", "export", "-s", "ilsvrc2012", "-f", "json", "-o", str(target))
    assert (code, out) == (0, "")
    graph = nx.node_link_graph(json.loads(target.read_text(encoding="utf-8")))
    assert f"Wrote {graph.number_of_nodes():,} synsets and {graph.number_of_edges():,} edges" in err
    assert os.listdir(tmp_path) == ["closure.json"]


def test_tree_formats_report_the_second_parents_they_drop() -> None:
    code, out, err = run("synsets", "export", "-s", "ilsvrc2012", "-f", "newick")
    assert code == 0 and out.endswith(";")
    assert err.startswith("newick: one parent kept per synset (--parent-policy longest): ")
    assert "second parents of" in err and "dropped" in err
    code, _, err = run("synsets", "export", "dog.n.01", "-f", "tree-json", "-d", "1")
    assert (code, err.strip()) == (
        0,
        "tree-json: no synset here has a second parent; the tree is the graph.",
    )


def test_dot_of_the_whole_index_warns_about_layout() -> None:
    code, out, err = run("synsets", "export", "-f", "dot")
    assert code == 0 and out.startswith('digraph "imagenet entity.n.01" {')
    assert "Warning: Graphviz lays out 23,548 nodes" in err
    assert "--depth" in err
    code, _, err = run("synsets", "export", "dog.n.01", "-f", "dot")
    assert (code, err) == (0, "")


BAD = [
    (["-f", "xml"], 2, "Error: no export format 'xml'"),
    (["-f", "jsno"], 2, "Did you mean: json?"),
    ([], 2, "Error: choose an export format"),
    (["-f", "json", "--parent-policy", "first"], 2, "a parent policy applies only to"),
    (["-f", "graphml", "--parent-policy", "longest"], 2, "graphml keeps every parent"),
    (["-f", "newick", "--parent-policy", "tallest"], 2, "no parent policy 'tallest'"),
    (["-f", "isa", "--labels", "name"], 2, "isa writes both wnids and names"),
    (["-f", "isa", "--depth", "-1"], 2, "Error: the depth must be 0 or more, not -1"),
    (["doggo", "-f", "isa"], 1, "Error: no synset matches 'doggo'"),
    (["-f", "isa", "-s", "ilsvrc2013"], 1, "Error: no subset matches 'ilsvrc2013'"),
]


@pytest.mark.parametrize(("args", "code", "message"), BAD)
def test_bad_input_is_one_line_and_leaves_nothing(
    tmp_path: Path, args: list[str], code: int, message: str
) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old\n", encoding="utf-8")
    got, out, err = run("synsets", "export", *args, "-o", str(target))
    assert got == code
    assert out == ""
    assert len(err.splitlines()) == 1 and message in err, err
    assert os.listdir(tmp_path) == ["out.txt"]
    assert target.read_text(encoding="utf-8") == "old\n"


def test_output_into_a_folder_or_a_missing_folder(tmp_path: Path) -> None:
    code, out, err = run("synsets", "export", "-f", "isa", "-o", str(tmp_path))
    assert (code, out) == (1, "")
    assert err == f"Error: cannot write {tmp_path}: it is a folder\n"
    assert os.listdir(tmp_path) == []
    missing = tmp_path / "nowhere" / "x.isa"
    code, _, err = run("synsets", "export", "-f", "isa", "-o", str(missing))
    assert code == 1 and err.startswith(f"Error: cannot write {missing}: ")
    assert os.listdir(tmp_path) == []


def test_full_disk_keeps_the_old_file(tiny_disk: Path) -> None:  # noqa: F811
    target = tiny_disk / "index.json"
    target.write_text("old\n", encoding="utf-8")
    code, out, err = run("synsets", "export", "-f", "json", "-o", str(target))  # ~9 MB
    assert (code, out) == (1, "")
    assert err.startswith(f"Error: cannot write {target}: No space left on device")
    assert os.listdir(tiny_disk) == ["index.json"]
    assert target.read_text(encoding="utf-8") == "old\n"


def test_interrupted_export_leaves_no_file(tmp_path: Path) -> None:
    """SIGTERM while the whole index is written: no partial file, no temporary file."""
    target = tmp_path / "index.graphml"
    code = (
        "import signal, sys, os\n"
        "from imagenet_cli.index import export as e\n"
        "real = e._graphml\n"
        "def slow(selection):\n"
        "    for i, chunk in enumerate(real(selection)):\n"
        "        if i == 1000: os.kill(os.getpid(), signal.SIGTERM)\n"
        "        yield chunk\n"
        "e._graphml = slow\n"
        "sys.argv = ['imagenet', 'synsets', 'export', '-f', 'graphml', '-o', sys.argv[1]]\n"
        "from imagenet_cli.cli.main import run\n"
        "run()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(target)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 143
    assert done.stderr == f"Error: interrupted; {target} was not written\n"
    assert os.listdir(tmp_path) == []


def test_stats_json_and_view() -> None:
    code, out, err = run("synsets", "stats", "--subset", "ilsvrc2012", "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert (data["leaves"], data["ilsvrc2012_classes"], data["roots"]) == (
        1000,
        1000,
        ["n00001740"],
    )
    assert sum(row["leaves"] for row in data["leaf_min_depth"]) == 1000
    assert sum(row["leaves"] for row in data["leaf_max_depth"]) == 1000
    code, out, _ = run("synsets", "stats", "--subset", "ilsvrc2012")
    assert code == 0
    assert f"{data['nodes']:,}" in out and "Widest nodes" in out
    assert max(len(line) for line in out.splitlines()) <= int(ENV["COLUMNS"])


def test_stats_errors() -> None:
    code, out, err = run("synsets", "stats", "doggo")
    assert (code, out) == (1, "")
    assert err.startswith("Error: no synset matches 'doggo'") and len(err.splitlines()) == 1
    code, _, err = run("synsets", "stats", "cat.n.01", "--subset", "imagenet-a", "--bogus")
    assert code == 2 and "No such option: --bogus" in err
