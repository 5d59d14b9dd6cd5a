"""Spreading a big site's work over every core, where that is safe.

Loading one brief, writing one brief's page and sanitising one page's HTML each depend on
nothing else, so for a site of thousands of briefs they are split into contiguous runs that
forked worker processes work through side by side; results come back in order, so the
output is the same as one process gives. Small sites (the real one has a few hundred
briefs) stay in one process: starting workers would cost more than it saves.

Workers are forked, so they start at once and share the loaded code, schemas and graph.
Forking is only safe on Linux, in a process with a single thread (`mkdocs serve` runs a
server thread, and a lock another thread holds at the fork stays locked in the child), so
anywhere else the work stays in this process.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

ITEMS_PER_WORKER = 1000  # briefs or pages; fewer, and a worker costs more than it saves
ENVIRONMENT = "BRIEFS_WORKERS"  # a number of processes, to force one (1 turns this off)

# The function the workers run: set before the fork, so the children inherit it and
# only the items travel through the pipe.
_task: Callable[[Any], Any] | None = None


def worker_count(items: int) -> int:
    """How many processes to share `items` briefs or pages between: 1 means this process
    alone."""
    forced = os.environ.get(ENVIRONMENT, "").strip()
    if forced.isdigit() and int(forced) > 0:
        wanted = int(forced)
    else:
        wanted = min(_cores(), items // ITEMS_PER_WORKER)
    if wanted <= 1 or not _can_fork():
        return 1
    return wanted


def map_in_order(function: Callable[[Item], Result], items: Sequence[Item], workers: int,
                 *, meanwhile: Callable[[], None] | None = None) -> list[Result]:
    """`[function(item) for item in items]`, computed by `workers` forked processes.

    `meanwhile`, if given, runs in this process while the workers work (or first, when
    there are none): other work that would otherwise wait for them.
    """
    global _task
    if workers <= 1 or len(items) < 2:
        if meanwhile is not None:
            meanwhile()
        return [function(item) for item in items]
    # A few runs per worker, so one slow run does not leave the others idle at the end.
    runs = min(len(items), workers * 4)
    size = -(-len(items) // runs)
    chunks = [list(items[start:start + size]) for start in range(0, len(items), size)]
    _task = function
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            pending = pool.map_async(_run, chunks)
            if meanwhile is not None:
                meanwhile()
            done = pending.get()
    finally:
        _task = None
    return [result for chunk in done for result in chunk]


def _run(chunk: list[Any]) -> list[Any]:
    assert _task is not None, "the task is set before the workers are forked"
    return [_task(item) for item in chunk]


def _cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _can_fork() -> bool:
    # Linux only: macOS lists "fork" but system libraries there can crash in a forked
    # child, and Windows cannot fork at all; both keep the work in one process.
    return sys.platform == "linux" and threading.active_count() == 1
