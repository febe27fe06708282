#!/usr/bin/env python3
"""Cold-start benchmark: each headline command against a bare Typer app, in the same run.

Every sample is a fresh process (cold interpreter, warm OS file cache), so the figure is
what a user waits for. Commands are interleaved round by round so machine noise hits all
of them alike. Prints median and spread in milliseconds, the ratio of medians to the
bare app, peak RSS of each process (MB), and the target where the issues set one.

    python bench/bench.py            # 21 rounds
    python bench/bench.py --rounds 5
    python bench/bench.py --instructions   # also count instructions (valgrind callgrind)

Wall time on a shared or virtual machine varies by tens of milliseconds between runs;
``--instructions`` adds a repeatable figure: the instructions each command executes, as
counted by valgrind's callgrind (the same total for the same binary and inputs whatever
else the machine does), and their ratio to the bare app's.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PY = sys.executable
# Run outside the checkout, so `python -m imagenet_cli` imports the installed package.
CWD = tempfile.gettempdir()

COMMANDS: dict[str, tuple[list[str], float | None]] = {
    "bare Typer app + Rich table": ([PY, str(HERE / "bare_app.py"), "dog"], None),
    "imagenet --version": ([PY, "-m", "imagenet_cli", "--version"], None),
    "imagenet synsets search dog": ([PY, "-m", "imagenet_cli", "synsets", "search", "dog"], 1.3),
    "imagenet timeline": ([PY, "-m", "imagenet_cli", "timeline"], 1.3),
    "imagenet arch resnet": ([PY, "-m", "imagenet_cli", "arch", "resnet"], 1.3),
    "imagenet synsets show dog.n.01": (
        [PY, "-m", "imagenet_cli", "synsets", "show", "dog.n.01"],
        1.3,
    ),
    "imagenet synsets path minivan": (
        [PY, "-m", "imagenet_cli", "synsets", "path", "minivan"],
        1.3,
    ),
    "imagenet synsets lca 134 517": (
        [PY, "-m", "imagenet_cli", "synsets", "lca", "134", "517"],
        1.3,
    ),
    "imagenet classes": ([PY, "-m", "imagenet_cli", "classes"], 1.3),
    "imagenet classes show 207": ([PY, "-m", "imagenet_cli", "classes", "show", "207"], 1.3),
    "imagenet subsets": ([PY, "-m", "imagenet_cli", "subsets"], 1.3),
    "imagenet about": ([PY, "-m", "imagenet_cli", "about"], 1.3),
    "imagenet wordnet status": ([PY, "-m", "imagenet_cli", "wordnet", "status"], 2.0),
    "imagenet synsets tree entity -d 3": (
        [PY, "-m", "imagenet_cli", "synsets", "tree", "entity.n.01", "--depth", "3"],
        1.5,
    ),
    "imagenet synsets export -s ilsvrc2012 -f json": (
        [PY, "-m", "imagenet_cli", "synsets", "export", "-s", "ilsvrc2012", "-f", "json"],
        1.5,
    ),
    "imagenet synsets export -f json (23,548 nodes; target 3 s)": (
        [PY, "-m", "imagenet_cli", "synsets", "export", "-f", "json"],
        None,
    ),
    "imagenet synsets distance-matrix npy": (
        [
            PY,
            "-m",
            "imagenet_cli",
            "synsets",
            "distance-matrix",
            "--format",
            "npy",
            "-o",
            os.path.join(CWD, "imagenet-bench-distances.npy"),
        ],
        1.3,
    ),
}

#: In-process search: the median over these queries, each run on a warm index.
QUERIES = ("dog", "golden retriever", "cat", "n02084071", "geese", "retreiver", "crane", "tabby")
IN_PROCESS = """
import statistics, time
from imagenet_cli.index.synsets import search_synsets
search_synsets("warm up")
times = []
for _ in range(5):
    for q in QUERIES:
        start = time.perf_counter()
        search_synsets(q, limit=20)
        times.append(time.perf_counter() - start)
print(statistics.median(times) * 1000, max(times) * 1000)
"""


def sample(argv: list[str]) -> tuple[float, float]:
    """Run once; return (wall seconds, peak RSS in MB) of that process alone."""
    env = {**os.environ, "COLUMNS": "120", "NO_COLOR": "1"}
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=CWD
    )
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited {proc.returncode}")
    return elapsed, usage.ru_maxrss / 1024


def instructions(argv: list[str]) -> int:
    """Instructions one run executes, counted by valgrind's callgrind."""
    env = {**os.environ, "COLUMNS": "120", "NO_COLOR": "1"}
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env, cwd=CWD,
    )  # fmt: skip
    for line in done.stderr.splitlines():
        if "Collected :" in line:
            return int(line.rsplit(":", 1)[1])
    raise SystemExit(f"valgrind gave no count for {' '.join(argv)}: {done.stderr[-300:]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument(
        "--instructions", action="store_true", help="also count instructions with valgrind"
    )
    args = parser.parse_args()
    if args.instructions:
        counts = {name: instructions(argv) for name, (argv, _) in COMMANDS.items()}
        floor_count = counts["bare Typer app + Rich table"]
        print(f"{'command':32} {'instructions':>14} {'ratio':>6} {'target':>6}")
        for name, (_, target) in COMMANDS.items():
            ratio = counts[name] / floor_count
            mark = "" if target is None else (" ok" if ratio <= target else " OVER")
            print(f"{name:32} {counts[name]:14,} {ratio:6.2f} {target or '':>6}{mark}")
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    rss: dict[str, float] = dict.fromkeys(COMMANDS, 0.0)
    for argv, _ in COMMANDS.values():  # one warm-up each (file cache, .pyc)
        sample(argv)
    for _ in range(args.rounds):
        for name, (argv, _) in COMMANDS.items():
            seconds, peak = sample(argv)
            times[name].append(seconds)
            rss[name] = max(rss[name], peak)
    floor = statistics.median(times["bare Typer app + Rich table"])
    print(f"{args.rounds} cold runs each; python {sys.version.split()[0]}; {os.cpu_count()} cores")
    print(f"{'command':32} {'median ms':>9} {'p10-p90 ms':>13} {'ratio':>6} {'target':>6} "
          f"{'peak RSS MB':>11}")  # fmt: skip
    for name, (_, target) in COMMANDS.items():
        values = sorted(times[name])
        median = statistics.median(values)
        low = values[len(values) // 10]
        high = values[(len(values) * 9) // 10]
        ratio = median / floor
        mark = "" if target is None else (" ok" if ratio <= target else " OVER")
        print(
            f"{name:32} {median * 1000:9.0f} {low * 1000:6.0f}-{high * 1000:<6.0f} "
            f"{ratio:6.2f} {target or '':>6}{mark} {rss[name]:9.1f}"
        )
    code = IN_PROCESS.replace("QUERIES", repr(QUERIES))
    done = subprocess.run([PY, "-c", code], capture_output=True, text=True, cwd=CWD, check=True)
    median, worst = map(float, done.stdout.split())
    mark = "ok" if median <= 20 else "OVER"
    print(f"in-process search, {len(QUERIES)} queries x5: median {median:.1f} ms "
          f"(target 20, {mark}), slowest {worst:.1f} ms")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
