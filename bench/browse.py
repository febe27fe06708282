#!/usr/bin/env python3
"""``imagenet browse`` timings: first frame in a real terminal, and the longest stall.

* First frame: a fresh ``python -m imagenet_cli browse [ID]`` process on a pseudo-terminal
  of 80x24, timed from spawn until its output holds text of the first complete frame
  (the detail pane's). Median of the rounds, cold interpreter, warm OS file cache; with
  the CPU time the process used, which is what the wall time comes to on an idle machine.
* Longest stall: the app runs headless (``App.run_test``) while a ticker task on the same
  event loop wakes every 2 ms; the longest gap between two wake-ups while a node expands
  (its children loading in chunks) is the longest time a key press would have waited.

    python bench/browse.py               # 7 rounds
      python bench/browse.py --rounds 3
    python bench/browse.py --rounds 0    # stalls only
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import gc
import os
import pty
import resource
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Awaitable, Callable

PY = sys.executable
FIRST_FRAME_TARGET_S = 1.0
STALL_TARGET_MS = 100.0


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def first_frame(args: list[str], marker: bytes, timeout: float = 20.0) -> tuple[float, float]:
    """Seconds from spawning ``imagenet browse`` on an 80x24 pty until ``marker`` shows,
    and the CPU seconds the process used by then (it is killed as soon as it shows)."""
    cpu = _children_cpu()
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"}
    start = time.perf_counter()
    proc = subprocess.Popen(
        [PY, "-m", "imagenet_cli", "browse", *args],
        stdin=slave, stdout=slave, stderr=slave, env=env, cwd=tempfile.gettempdir(),
        start_new_session=True,
    )  # fmt: skip
    os.close(slave)
    seen = b""
    try:
        while marker not in seen:
            if time.perf_counter() - start > timeout:
                raise TimeoutError(f"no {marker!r} after {timeout} s")
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                seen += os.read(master, 65536)
        wall = time.perf_counter() - start
    finally:
        proc.kill()
        proc.wait()
        os.close(master)
    return wall, _children_cpu() - cpu


async def longest_stall(action: Callable[[], Awaitable[None]]) -> tuple[float, float]:
    """Milliseconds of the longest event-loop gap while ``action`` runs: wall time, and
    the CPU time this thread used in the gap that used most (what the gap would last on
    an idle machine; a loaded one adds waiting for a CPU)."""
    gaps: list[tuple[float, float]] = []
    done = asyncio.Event()

    async def ticker() -> None:
        last, last_cpu = time.perf_counter(), time.thread_time()
        while not done.is_set():
            await asyncio.sleep(0.002)
            now, cpu = time.perf_counter(), time.thread_time()
            gaps.append((now - last, cpu - last_cpu))
            last, last_cpu = now, cpu

    task = asyncio.create_task(ticker())
    await action()
    done.set()
    await task
    wall = max(g[0] for g in gaps) * 1000
    cpu = max(g[1] for g in gaps) * 1000
    return wall, cpu


def stalls() -> dict[str, tuple[float, float]]:
    """The longest stall of each expansion, in ms."""
    from imagenet_cli.index.hierarchy import ENTITY
    from imagenet_cli.tui.app import BrowseApp
    from imagenet_cli.tui.model import HierarchyView

    found: dict[str, tuple[float, float]] = {}

    async def run(label: str, subset: str | None, start: int, expand: bool) -> None:
        view = HierarchyView(subset)
        gc.collect()  # drop the previous case's app, as a fresh process would not have it
        gc.freeze()  # as ``imagenet browse`` does before its app starts
        app = BrowseApp(view, start=start)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            node = app.tree_pane.cursor_node
            assert node is not None

            async def act() -> None:
                if expand:
                    node.expand()
                else:
                    app.jump(start)
                for _ in range(1000):
                    await pilot.pause()
                    if not any(n.data and n.data.pending for n in [node, *node.children]):
                        break

            if not expand:  # collapse first, so the jump has to open it again
                app.zooms.clear()
                app._reroot(ENTITY)
                await pilot.pause()
            found[label] = await longest_stall(act)

    cases = [
        ("expand entity.n.01, 21k view", "in21k-fall2011", ENTITY, True),
        ("expand herb.n.01 (309 children)", None, 12205694, True),
        ("expand herb.n.01, 21k view", "in21k-fall2011", 12205694, True),
        ("expand person.n.01 (251)", None, 7846, True),
        ("expand shrub.n.01 (255)", None, 13112664, True),
        ("jump to herb.n.01 (a search hit)", None, 12205694, False),
    ]
    for case in cases:
        asyncio.run(run(*case))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    rounds = parser.parse_args().rounds
    frames = {
        "browse (entity.n.01)": ([], b"perceived"),
        "browse n02099601": (["n02099601"], b"ILSVRC2012_ID"),
        "browse --subset in21k-fall2011": (["--subset", "in21k-fall2011"], b"perceived"),
    }
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in frames}
    for _ in range(rounds):
        for name, (args, marker) in frames.items():
            times[name].append(first_frame(args, marker))
    if rounds:
        print(f"First frame on an 80x24 pty, {rounds} rounds (target {FIRST_FRAME_TARGET_S} s):")
    for name, samples in times.items() if rounds else ():
        walls = [w for w, _ in samples]
        print(
            f"  {name:<32} median {statistics.median(walls):.2f} s wall "
            f"(min {min(walls):.2f}, max {max(walls):.2f}), "
            f"{statistics.median(c for _, c in samples):.2f} s CPU"
        )
    print(f"Longest event-loop stall while expanding (target {STALL_TARGET_MS:.0f} ms):")
    for name, (wall, cpu) in stalls().items():
        print(f"  {name:<34} {wall:6.1f} ms wall, {cpu:6.1f} ms CPU")
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
