#!/usr/bin/env python3
"""Cold-start benchmark: each headline command against two floors, in the same run.

The floors are the bare interpreter (``python -I -c pass``) and a bare Typer app that
prints a small Rich table. Every sample is a fresh process (cold interpreter, warm OS
file cache), so the figure is what a user waits for. Commands are interleaved round by
round so machine noise hits all of them alike. Prints median and spread in
milliseconds, the ratio of medians to each floor, peak RSS of each process (MB), and
the targets where the issues set one.

    python bench/bench.py                    # 21 rounds of wall time
    python bench/bench.py --rounds 5
    python bench/bench.py --instructions     # also count instructions (valgrind callgrind)
    python bench/bench.py --instructions --rounds 0 --only show --only search
    python bench/bench.py --peers            # goodmami's wn on the same queries

Wall time on a shared or virtual machine varies by tens of milliseconds between runs;
``--instructions`` adds a repeatable figure: the instructions each command executes, as
counted by valgrind's callgrind (the same total for the same binary and inputs whatever
else the machine does), and their ratio to each floor's. ``--only`` keeps the commands
whose name contains any of the given strings (the floors always run).

Targets (issue 15, cold start): ``synsets show``, ``synsets search``, ``classes show``,
``timeline`` and ``arch NAME`` at most 10x the interpreter's instructions and at most
25 MB peak RSS; the older targets are wall-time ratios to the bare Typer app.

``--peers`` compares goodmami's ``wn`` (if installed; it is not one of our extras:
``pip install wn``) with us on the same cold queries: dog's hypernym paths and a lemma
lookup. Its data is WordNet 3.0's nouns exported by bench/wn_lmf.py and loaded once
with ``wn.add`` into a folder in the temp directory.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
PY = sys.executable
# Run outside the checkout, so `python -m imagenet_cli` imports the installed package.
CWD = tempfile.gettempdir()
#: Byte code cached as an installed package has it: an editable install under
#: PYTHONDONTWRITEBYTECODE=1 would compile every module of ours on every run (about half
#: a lookup's instructions), which no pip-installed copy does. The cache goes in a folder
#: of its own (the checkout stays clean) and is filled by one warm-up run of each command.
PYCACHE = os.path.join(CWD, "imagenet-bench-pycache")
ENV = {
    **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
    "PYTHONPYCACHEPREFIX": PYCACHE,
    "COLUMNS": "120",
    "NO_COLOR": "1",
}

INTERPRETER = "python -I -c pass"
BARE_APP = "bare Typer app + Rich table"
#: Issue 15's targets for the lookups: instructions / the interpreter's, peak RSS in MB.
LOOKUP_FLOOR = 10.0
LOOKUP_RSS = 25.0


@dataclass(frozen=True)
class Command:
    """One process to time, and the targets it is held to (None: no target)."""

    argv: list[str]
    app_target: float | None = None  # wall time / the bare Typer app's
    floor_target: float | None = None  # instructions / the interpreter's
    rss_target: float | None = None  # peak RSS, MB


def cli(*args: str, app: float | None = 1.3, lookup: bool = False) -> Command:
    """``imagenet ARGS`` as ``python -m imagenet_cli ARGS``."""
    return Command(
        [PY, "-m", "imagenet_cli", *args],
        app_target=app,
        floor_target=LOOKUP_FLOOR if lookup else None,
        rss_target=LOOKUP_RSS if lookup else None,
    )


COMMANDS: dict[str, Command] = {
    INTERPRETER: Command([PY, "-I", "-c", "pass"]),
    BARE_APP: Command([PY, str(HERE / "bare_app.py"), "dog"]),
    "imagenet --version": cli("--version", app=None),
    "imagenet synsets search dog": cli("synsets", "search", "dog", lookup=True),
    "imagenet synsets search dog --json": cli("synsets", "search", "dog", "--json"),
    "imagenet timeline": cli("timeline", lookup=True),
    "imagenet arch resnet": cli("arch", "resnet", lookup=True),
    "imagenet synsets show dog.n.01": cli("synsets", "show", "dog.n.01", lookup=True),
    "imagenet synsets show dog.n.01 --json": cli("synsets", "show", "dog.n.01", "--json"),
    "imagenet synsets path minivan": cli("synsets", "path", "minivan"),
    "imagenet synsets lca 134 517": cli("synsets", "lca", "134", "517"),
    "imagenet classes": cli("classes"),
    "imagenet classes show 207": cli("classes", "show", "207", lookup=True),
    "imagenet subsets": cli("subsets"),
    "imagenet about": cli("about"),
    "imagenet wordnet status": cli("wordnet", "status", app=2.0),
    "imagenet synsets tree entity -d 3": cli(
        "synsets", "tree", "entity.n.01", "--depth", "3", app=1.5
    ),
    "imagenet synsets export -s ilsvrc2012 -f json": cli(
        "synsets", "export", "-s", "ilsvrc2012", "-f", "json", app=1.5
    ),
    "imagenet synsets export -f json (23,548 nodes; target 3 s)": cli(
        "synsets", "export", "-f", "json", app=None
    ),
    "imagenet synsets distance-matrix npy": cli(
        "synsets", "distance-matrix", "--format", "npy",
        "-o", os.path.join(CWD, "imagenet-bench-distances.npy"),
    ),
}  # fmt: skip

#: goodmami's wn: its WordNet 3.0 nouns (bench/wn_lmf.py) and its database, built once.
WN_DIR = os.path.join(CWD, "imagenet-bench-wn")
WN_LMF = os.path.join(WN_DIR, "pwn30-nouns.xml")
WN_DATA = os.path.join(WN_DIR, "data")
WN_SETUP = f"import wn; wn.config.data_directory = {WN_DATA!r}; "
#: (peer, ours, ours) on the same query: the ratios printed are ours / the peer's.
PEER_PAIRS = (
    ("wn: dog hypernym_paths", "imagenet_cli: dog hypernym_paths",
     "imagenet synsets path dog.n.01 --json"),
    ("wn: synsets('golden retriever')", "imagenet_cli: search('golden retriever')",
     "imagenet synsets search 'golden retriever' --json"),
)  # fmt: skip


def peer_commands() -> dict[str, Command]:
    """The peer comparison's commands, its data prepared on first use; none (with a
    message) when ``wn`` is not installed."""
    if importlib.util.find_spec("wn") is None:
        print("skipping the peer comparison: goodmami's wn is not installed (pip install wn)")
        return {}
    if not os.path.isdir(WN_DATA):
        os.makedirs(WN_DIR, exist_ok=True)
        subprocess.run(
            [PY, str(HERE / "wn_lmf.py"), WN_LMF, "--check", WN_DATA], check=True, cwd=CWD
        )
    dog = "wn.synsets('dog', pos='n')[0].hypernym_paths()"
    return {
        "wn: dog hypernym_paths": Command([PY, "-c", WN_SETUP + dog]),
        "imagenet_cli: dog hypernym_paths": Command(
            [PY, "-c", "import imagenet_cli as i; i.synset('dog.n.01').hypernym_paths()"]
        ),
        "imagenet synsets path dog.n.01 --json": cli("synsets", "path", "dog.n.01", "--json"),
        "wn: synsets('golden retriever')": Command(
            [PY, "-c", WN_SETUP + "wn.synsets('golden retriever')"]
        ),
        "imagenet_cli: search('golden retriever')": Command(
            [PY, "-c", "import imagenet_cli as i; i.search('golden retriever')"]
        ),
        "imagenet synsets search 'golden retriever' --json": cli(
            "synsets", "search", "golden retriever", "--json"
        ),
    }


#: In-process search: the median over these queries, each run on a warm index.
QUERIES = ("dog", "golden retriever", "cat", "n02084071", "geese", "retreiver", "crane", "tabby")
IN_PROCESS = """
import statistics, time
from imagenet_cli.index.search import search_synsets
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
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV, cwd=CWD
    )
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited {proc.returncode}")
    return elapsed, usage.ru_maxrss / 1024


def instructions(argv: list[str]) -> int:
    """Instructions one run executes, counted by valgrind's callgrind."""
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=ENV, cwd=CWD,
    )  # fmt: skip
    for line in done.stderr.splitlines():
        if "Collected :" in line:
            return int(line.rsplit(":", 1)[1])
    raise SystemExit(f"valgrind gave no count for {' '.join(argv)}: {done.stderr[-300:]}")


def mark(value: float, target: float | None) -> str:
    if target is None:
        return ""
    return f"<={target:g} " + ("ok" if value <= target else "OVER")


def report_instructions(commands: dict[str, Command]) -> dict[str, int]:
    for cmd in commands.values():  # byte code cached (PYCACHE)
        sample(cmd.argv)
    counts = {name: instructions(cmd.argv) for name, cmd in commands.items()}
    interp, app = counts[INTERPRETER], counts[BARE_APP]
    print(f"instructions (valgrind callgrind); x python = / {INTERPRETER!r}, x app = / bare app")
    print(f"{'command':52} {'instructions':>14} {'x python':>8} {'x app':>6}  target")
    for name, cmd in commands.items():
        ratio = counts[name] / interp
        print(f"{name:52} {counts[name]:14,} {ratio:8.2f} {counts[name] / app:6.2f}  "
              f"{mark(ratio, cmd.floor_target)}")  # fmt: skip
    return counts


def report_wall(commands: dict[str, Command], rounds: int) -> dict[str, float]:
    times: dict[str, list[float]] = {name: [] for name in commands}
    rss: dict[str, float] = dict.fromkeys(commands, 0.0)
    for cmd in commands.values():  # one warm-up each (file cache, .pyc)
        sample(cmd.argv)
    for _ in range(rounds):
        for name, cmd in commands.items():
            seconds, peak = sample(cmd.argv)
            times[name].append(seconds)
            rss[name] = max(rss[name], peak)
    interp = statistics.median(times[INTERPRETER])
    app = statistics.median(times[BARE_APP])
    print(f"{rounds} cold runs each; python {sys.version.split()[0]}; {os.cpu_count()} cores")
    print(f"{'command':52} {'median ms':>9} {'p10-p90 ms':>13} {'x python':>8} {'x app':>6} "
          f"{'target':>11} {'peak RSS MB':>11} target")  # fmt: skip
    medians = {}
    for name, cmd in commands.items():
        values = sorted(times[name])
        median = medians[name] = statistics.median(values)
        low = values[len(values) // 10]
        high = values[(len(values) * 9) // 10]
        print(
            f"{name:52} {median * 1000:9.0f} {low * 1000:6.0f}-{high * 1000:<6.0f} "
            f"{median / interp:8.2f} {median / app:6.2f} {mark(median / app, cmd.app_target):>11} "
            f"{rss[name]:11.1f} {mark(rss[name], cmd.rss_target)}"
        )
    return medians


def report_peers(counts: dict[str, int], medians: dict[str, float]) -> None:
    for figures, unit in ((counts, "instructions"), (medians, "wall time")):
        if not figures:
            continue
        for peer, *ours in PEER_PAIRS:
            if peer in figures:
                ratios = ", ".join(f"{name} {figures[name] / figures[peer]:.2f}x" for name in ours)
                print(f"{unit}, against {peer}: {ratios}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=21, help="wall-time rounds (0: none)")
    parser.add_argument(
        "--instructions", action="store_true", help="also count instructions with valgrind"
    )
    parser.add_argument(
        "--only", action="append", metavar="TEXT",
        help="run only commands whose name contains TEXT (repeatable; floors always run)",
    )  # fmt: skip
    parser.add_argument(
        "--peers", action="store_true", help="also goodmami's wn on the same queries"
    )
    parser.add_argument(
        "--no-search", action="store_true", help="skip the in-process search timing"
    )
    args = parser.parse_args()
    commands = dict(COMMANDS)
    if args.peers:
        commands.update(peer_commands())
    if args.only:
        commands = {
            name: cmd
            for name, cmd in commands.items()
            if name in (INTERPRETER, BARE_APP) or any(text in name for text in args.only)
        }
    counts = report_instructions(commands) if args.instructions else {}
    medians = report_wall(commands, args.rounds) if args.rounds > 0 else {}
    report_peers(counts, medians)
    if args.no_search:
        return 0
    code = IN_PROCESS.replace("QUERIES", repr(QUERIES))
    done = subprocess.run(
        [PY, "-c", code], capture_output=True, text=True, env=ENV, cwd=CWD, check=True
    )
    median, worst = map(float, done.stdout.split())
    result = "ok" if median <= 20 else "OVER"
    print(f"in-process search, {len(QUERIES)} queries x5: median {median:.1f} ms "
          f"(target 20, {result}), slowest {worst:.1f} ms")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
