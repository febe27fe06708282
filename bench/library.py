#!/usr/bin/env python3
"""The library's cold start: ``import imagenet_cli`` and a first query, against NLTK.

Targets (issue "Start here (wave 2)"):
* ``python -c "import imagenet_cli"`` at most 1.5x ``python -c "import sqlite3"`` in
  instructions (valgrind callgrind: repeatable on a noisy machine);
* ``import imagenet_cli as i; i.synset('n02084071').hypernym_paths()`` at least 20x faster
  than NLTK's cold load of WordNet 3.0 plus the same query, with at most 1/3 of its peak RSS.

    python bench/library.py              # wall time and peak RSS, 11 rounds
    python bench/library.py --instructions

NLTK reads WordNet 3.0 as ``nltk.corpus.wordnet`` from a corpus that ``imagenet wordnet
import`` builds once from Debian's wordnet-base (in the temp folder; NLTK_DATA points there).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

PY = sys.executable
CWD = tempfile.gettempdir()  # outside the checkout: the installed package is measured
# Byte code cached as an installed package has it, in a folder of its own (bench/bench.py's
# PYCACHE): under PYTHONDONTWRITEBYTECODE=1 an editable install compiles every module of
# ours on every run, which no pip-installed copy does.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
os.environ["PYTHONPYCACHEPREFIX"] = os.path.join(CWD, "imagenet-bench-pycache")


NLTK_DATA = os.path.join(CWD, "imagenet-bench-nltk-data")


def nltk_corpus() -> None:
    """Plain NLTK's WordNet 3.0 in a folder of its own (``imagenet wordnet import`` from
    Debian's wordnet-base, once), so NLTK loads it as ``nltk.corpus.wordnet``."""
    if not os.path.isdir(os.path.join(NLTK_DATA, "corpora", "wordnet")):
        imagenet = os.path.join(os.path.dirname(PY), "imagenet")
        subprocess.run(
            [imagenet, "wordnet", "import", "/usr/share/wordnet", "--dir", NLTK_DATA], check=True
        )
    os.environ["NLTK_DATA"] = NLTK_DATA


def commands() -> dict[str, list[str]]:
    nltk_corpus()
    nltk = (
        "from nltk.corpus import wordnet as wn; "
        "wn.synset_from_pos_and_offset('n', 2084071).hypernym_paths()"
    )
    return {
        "python -c 'import sqlite3'": [PY, "-c", "import sqlite3"],
        "python -c 'import imagenet_cli'": [PY, "-c", "import imagenet_cli"],
        "imagenet_cli: dog hypernym_paths": [
            PY, "-c", "import imagenet_cli as i; i.synset('n02084071').hypernym_paths()",
        ],
        "NLTK: load WordNet + dog hypernym_paths": [PY, "-c", nltk],
    }  # fmt: skip


def run(argv: list[str]) -> tuple[float, float]:
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, cwd=CWD)
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{argv} failed")
    return time.perf_counter() - start, usage.ru_maxrss / 1024


def instructions(argv: list[str]) -> int:
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=CWD,
    )  # fmt: skip
    for line in done.stderr.splitlines():
        if "Collected :" in line:
            return int(line.rsplit(":", 1)[1])
    raise SystemExit(f"valgrind gave no count for {argv}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=11)
    parser.add_argument("--instructions", action="store_true")
    args = parser.parse_args()
    cmds = commands()
    if args.instructions:
        for argv in cmds.values():  # fills the byte-code cache
            run(argv)
        counts = {name: instructions(argv) for name, argv in cmds.items()}
        for name, count in counts.items():
            print(f"{name:42} {count:15,} instructions")
        ratio = counts["python -c 'import imagenet_cli'"] / counts["python -c 'import sqlite3'"]
        print(f"import imagenet_cli / import sqlite3: {ratio:.2f}x (target <= 1.5)")
        speed = (
            counts["NLTK: load WordNet + dog hypernym_paths"]
            / counts["imagenet_cli: dog hypernym_paths"]
        )
        print(f"NLTK / imagenet_cli, first query: {speed:.1f}x the instructions (target >= 20)")
    times: dict[str, list[float]] = {name: [] for name in cmds}
    peak: dict[str, float] = dict.fromkeys(cmds, 0.0)
    for argv in cmds.values():
        run(argv)
    for _ in range(args.rounds):
        for name, argv in cmds.items():
            seconds, rss = run(argv)
            times[name].append(seconds)
            peak[name] = max(peak[name], rss)
    print(f"{args.rounds} cold runs each; python {sys.version.split()[0]}")
    for name in cmds:
        print(f"{name:42} median {statistics.median(times[name]) * 1000:7.1f} ms, "
              f"peak RSS {peak[name]:6.1f} MB")  # fmt: skip
    ours = statistics.median(times["imagenet_cli: dog hypernym_paths"])
    theirs = statistics.median(times["NLTK: load WordNet + dog hypernym_paths"])
    rss = peak["imagenet_cli: dog hypernym_paths"] / peak["NLTK: load WordNet + dog hypernym_paths"]
    print(f"NLTK / imagenet_cli wall time: {theirs / ours:.1f}x (target >= 20); "
          f"peak RSS ratio {rss:.2f} (target <= 0.33)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
